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
    "surveys.followup.created": _("Survey follow-up action planned"),
    "surveys.followup.updated": _("Survey follow-up action changed"),
    "surveys.followup.progress_reported": _("Survey follow-up progress reported"),
    "surveys.followup.completed": _("Survey follow-up action done"),
    "surveys.followup.dropped": _("Survey follow-up action dropped"),
    "surveys.report.drafted": _("SKM report drafted"),
    "surveys.report.approved": _("SKM report approved and published"),
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
    "surveys.followupaction": ObjectKind(
        label=lambda a: f"{a.unit.name} {a.year}: {a.element_name}",
        link=lambda a: reverse("surveys:followup_detail", args=[a.pk]),
        related=("unit",),
    ),
    "surveys.skmreport": ObjectKind(
        label=lambda r: f"SKM {r.unit.name} {r.year} v{r.version}",
        link=lambda r: reverse("surveys:report_detail", args=[r.pk]),
        related=("unit",),
    ),
}
