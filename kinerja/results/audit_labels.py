"""How the audit trail names the actions on realisations of individual results."""

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kinerja.core.audit_labels import ObjectKind

ACTIONS = {
    "results.realisation.entered": _("Realisation of a result written"),
    "results.realisation.submitted": _("Realisation of a result sent for verification"),
    "results.realisation.verified": _("Realisation of a result verified"),
    "results.realisation.returned": _("Realisation of a result returned for correction"),
    "results.realisation.corrected": _("Verified realisation of a result corrected"),
    "results.realisation.computed": _("Realisation of a result computed by Kinerja"),
    "results.source.set": _("Realisation of a result set to be computed by Kinerja"),
    "results.source.removed": _("Computed realisation of a result stopped"),
    "results.evidence.added": _("Evidence (bukti dukung) added"),
    "results.evidence.removed": _("Evidence (bukti dukung) removed"),
    "results.study_leave.recorded": _("Study leave (tugas belajar) recorded"),
    "results.study_leave.changed": _("Decree of a study leave (tugas belajar) corrected"),
    "results.study_leave.ended": _("Study leave (tugas belajar) ended early"),
    "results.semester.entered": _("Academic result of a semester written"),
    "results.semester.submitted": _("Academic result of a semester sent for verification"),
    "results.semester.verified": _("Academic result of a semester verified"),
    "results.semester.returned": _("Academic result of a semester returned for correction"),
    "results.semester.corrected": _("Verified academic result of a semester corrected"),
    "results.semester_evidence.added": _("Transcript or feedback of the institution added"),
    "results.semester_evidence.removed": _("Transcript or feedback of the institution removed"),
}


def _realisation_label(realisation) -> str:
    return f"{realisation.employee.full_name}: {realisation.period.label}"


def _semester_label(result) -> str:
    return gettext("%(name)s: semester %(n)s") % {
        "name": result.employee.full_name,
        "n": result.semester,
    }


OBJECTS = {
    "results.realisation": ObjectKind(
        label=_realisation_label,
        link=lambda r: reverse("results:detail", args=[r.pk]),
        related=("employee", "period"),
    ),
    "results.evidence": ObjectKind(
        link=lambda e: reverse("results:detail", args=[e.realisation_id]),
    ),
    "results.semesterresult": ObjectKind(
        label=_semester_label,
        link=lambda r: reverse("results:semester", args=[r.pk]),
        related=("employee",),
    ),
    "results.semesterevidence": ObjectKind(
        link=lambda e: reverse("results:semester", args=[e.result_id]),
    ),
    "results.realisationsource": ObjectKind(
        label=lambda s: f"{s.employee.full_name}: {s.year}",
        link=lambda s: reverse("results:periods", args=[s.employee_id, s.year]),
        related=("employee",),
    ),
    "results.studyleave": ObjectKind(
        label=lambda leave: f"{leave.employee.full_name}: {leave.institution}",
        related=("employee",),
    ),
}
