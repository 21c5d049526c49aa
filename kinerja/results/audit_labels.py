"""How the audit trail names the actions on realisations of individual results."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kinerja.core.audit_labels import ObjectKind

ACTIONS = {
    "results.realisation.entered": _("Realisation of a result written"),
    "results.realisation.submitted": _("Realisation of a result sent for verification"),
    "results.realisation.verified": _("Realisation of a result verified"),
    "results.realisation.returned": _("Realisation of a result returned for correction"),
    "results.realisation.corrected": _("Verified realisation of a result corrected"),
    "results.evidence.added": _("Evidence (bukti dukung) added"),
    "results.evidence.removed": _("Evidence (bukti dukung) removed"),
}


def _realisation_label(realisation) -> str:
    return f"{realisation.employee.full_name}: {realisation.period.label}"


OBJECTS = {
    "results.realisation": ObjectKind(
        label=_realisation_label,
        link=lambda r: reverse("results:detail", args=[r.pk]),
        related=("employee", "period"),
    ),
    "results.evidence": ObjectKind(
        link=lambda e: reverse("results:detail", args=[e.realisation_id]),
    ),
}
