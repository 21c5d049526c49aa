"""How the audit trail names the survey actions and objects (see kinerja.core.audit_labels)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kinerja.core.audit_labels import ObjectKind

ACTIONS = {
    "surveys.settings.weight_changed": _("Survey element weight changed"),
}

OBJECTS = {
    "surveys.surveysettings": ObjectKind(
        label=lambda s: str(_("Survey settings")),
        link=lambda s: reverse("surveys:weight"),
    ),
}
