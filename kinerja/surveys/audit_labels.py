"""How the audit trail names the survey's actions and objects."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kinerja.core.audit_labels import ObjectKind

ACTIONS = {
    "surveys.settings.weight_changed": _("Survey element weight changed"),
    "surveys.service.created": _("Survey service added"),
    "surveys.service.updated": _("Survey service changed"),
    "surveys.point.created": _("Survey point added"),
    "surveys.point.updated": _("Survey point changed"),
    "surveys.users.set": _("Service users of a period entered"),
    "surveys.users.imported": _("Service users of a period imported"),
    "surveys.response.submitted": _("Satisfaction survey answered"),
}

OBJECTS = {
    "surveys.surveysettings": ObjectKind(
        label=lambda s: str(_("Survey settings")),
        link=lambda s: reverse("surveys:weight"),
    ),
    "surveys.service": ObjectKind(
        label=lambda s: f"{s.name} ({s.unit.name})",
        link=lambda s: reverse("surveys:setup_unit", args=[s.unit_id]),
        related=("unit",),
    ),
    "surveys.surveypoint": ObjectKind(
        label=lambda p: f"{p.name} ({p.unit.name})",
        link=lambda p: reverse("surveys:setup_unit", args=[p.unit_id]),
        related=("unit",),
    ),
    "surveys.serviceusers": ObjectKind(
        label=lambda u: f"{u.unit.name} {u.year} {u.get_kind_display()} {u.number}",
        link=lambda u: reverse("surveys:setup_users", args=[u.unit_id]),
        related=("unit",),
    ),
    "surveys.response": ObjectKind(
        label=lambda r: f"{r.unit.name} {r.day:%Y-%m-%d}",
        related=("unit",),
    ),
}
