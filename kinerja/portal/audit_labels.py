"""How the audit trail names the portal's actions and objects."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kinerja.core.audit_labels import ObjectKind

ACTIONS = {
    "portal.publication.published": _("Period's figures published on the portal"),
    "portal.publication.corrected": _("Published figures corrected on the portal"),
    "portal.settings.changed": _("Portal settings changed"),
}

OBJECTS = {
    "portal.publication": ObjectKind(
        label=lambda p: str(_("Portal publication %(period)s")) % {"period": p.period},
        link=lambda p: reverse("portal_staff:publication", args=[p.pk]),
        related=("period",),
    ),
    "portal.portalsettings": ObjectKind(
        label=lambda s: str(_("Portal settings")),
        link=lambda s: reverse("portal_staff:settings"),
    ),
}
