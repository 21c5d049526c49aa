"""How the audit trail names the actions and objects of public consultation forums."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kinerja.core.audit_labels import ObjectKind

ACTIONS = {
    "forums.forum.created": _("Forum recorded"),
    "forums.forum.updated": _("Forum draft changed"),
    "forums.forum.published": _("Forum published"),
    "forums.forum.corrected": _("Published forum corrected"),
    "forums.commitment.created": _("Forum commitment added"),
    "forums.commitment.updated": _("Forum commitment changed"),
    "forums.commitment.progress": _("Progress of a forum commitment noted"),
    "forums.commitment.completed": _("Forum commitment done"),
    "forums.commitment.dropped": _("Forum commitment dropped"),
}

OBJECTS = {
    "forums.forum": ObjectKind(
        label=lambda f: str(f),
        link=lambda f: reverse("forums:detail", args=[f.pk]),
    ),
    "forums.commitment": ObjectKind(
        label=lambda c: str(c),
        link=lambda c: reverse("forums:commitment", args=[c.pk]),
    ),
}
