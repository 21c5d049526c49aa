"""How the audit trail names the survey actions and objects (see kinerja.core.audit_labels)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kinerja.core.audit_labels import ObjectKind

ACTIONS = {
    "surveys.settings.weight_changed": _("Survey element weight changed"),
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
