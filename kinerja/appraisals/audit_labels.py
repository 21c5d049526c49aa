"""How the audit trail names the actions on evaluations."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kinerja.core.audit_labels import ObjectKind

ACTIONS = {
    "appraisals.evaluation.opened": _("Evaluation opened for the period"),
    "appraisals.evaluation.rated": _("Evaluation rated"),
    "appraisals.evaluation.calibrated": _("Rating changed during calibration"),
    "appraisals.evaluation.finalised": _("Evaluation finalised"),
    "appraisals.evaluation.signed": _("Evaluation signed and handed to the employee"),
    "appraisals.evaluation.acknowledged": _("Receipt of the evaluation acknowledged"),
    "appraisals.evaluation.employee_signed": _("Evaluation signed by the employee"),
    "appraisals.keberatan.filed": _("Keberatan filed by the employee"),
    "appraisals.keberatan.rater_heard": _("Rater's explanation on the keberatan recorded"),
    "appraisals.keberatan.decided": _("Keberatan decided by the rater's superior"),
    "appraisals.settings.updated": _("Evaluation settings changed"),
}


def _evaluation_label(evaluation) -> str:
    return f"{evaluation.employee.full_name}: {evaluation.period.label}"


OBJECTS = {
    "appraisals.appraisalsettings": ObjectKind(
        label=lambda s: _("Evaluation settings"),
        link=lambda s: reverse("appraisals:periods"),
    ),
    "appraisals.evaluation": ObjectKind(
        label=_evaluation_label,
        link=lambda e: reverse("appraisals:detail", args=[e.pk]),
        related=("employee", "period"),
    ),
    "appraisals.keberatan": ObjectKind(
        label=lambda k: _evaluation_label(k.evaluation),
        link=lambda k: reverse("appraisals:keberatan", args=[k.evaluation_id]),
        related=("evaluation__employee", "evaluation__period"),
    ),
}
