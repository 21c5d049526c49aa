"""How the audit trail names the organisation-performance actions and objects."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kinerja.core.audit_labels import ObjectKind

ACTIONS = {
    "iku.year.created": _("Performance year created"),
    "iku.year.updated": _("Performance year changed"),
    "iku.settings.planning_unit_set": _("Planning unit chosen"),
    "iku.goal.created": _("Goal created"),
    "iku.goal.updated": _("Goal changed"),
    "iku.indicator.created": _("Indicator created"),
    "iku.indicator.updated": _("Indicator changed"),
    "iku.indicator.source_set": _("Indicator set to take its realisation from a computed figure"),
    "iku.indicator.source_removed": _("Computed figure of an indicator stopped"),
    "iku.annual_target.set": _("Annual target set"),
    "iku.period_target.set": _("Period target set"),
    "iku.agreement.created": _("Perjanjian Kinerja drafted"),
    "iku.agreement.line_added": _("Line added to a Perjanjian Kinerja"),
    "iku.agreement.line_updated": _("Line of a Perjanjian Kinerja changed"),
    "iku.agreement.line_removed": _("Line removed from a Perjanjian Kinerja"),
    "iku.agreement.signed": _("Perjanjian Kinerja signed"),
    "iku.agreement.revised": _("Perjanjian Kinerja revision started"),
    "iku.realisation.entered": _("Realisation entered"),
    "iku.realisation.submitted": _("Realisation submitted for verification"),
    "iku.realisation.verified": _("Realisation verified"),
    "iku.realisation.returned": _("Realisation returned"),
    "iku.realisation.corrected": _("Realisation corrected"),
    "iku.realisation.computed": _("Realisation computed by Kinerja"),
    "iku.evidence.added": _("Evidence added"),
    "iku.evidence.removed": _("Evidence removed"),
    "iku.capaian.recomputed": _("Capaian recomputed"),
    "iku.org_predikat.confirmed": _("Organisation predikat confirmed"),
    "iku.org_predikat.changed": _("Organisation predikat changed"),
    "iku.lkjip_bands.changed": _("LKjIP category bands changed"),
    "iku.non_working_day.added": _("Day off added to the calendar"),
    "iku.non_working_day.removed": _("Day off removed from the calendar"),
    "iku.non_working_day.loaded": _("National holidays loaded into the calendar"),
}

OBJECTS = {
    "iku.indicator": ObjectKind(link=lambda i: reverse("iku:indicator", args=[i.pk])),
    "iku.goal": ObjectKind(link=lambda g: reverse("iku:goal_update", args=[g.pk])),
    "iku.realisation": ObjectKind(
        label=lambda r: f"{r.indicator} — {r.period}",
        link=lambda r: reverse("iku:realisation", args=[r.pk]),
        related=("indicator", "period"),
    ),
    "iku.evidence": ObjectKind(
        link=lambda e: reverse("iku:realisation", args=[e.realisation_id]),
    ),
    "iku.performanceagreement": ObjectKind(
        link=lambda a: reverse("iku:agreement", args=[a.pk]), related=("unit",)
    ),
    "iku.agreementline": ObjectKind(
        link=lambda line: reverse("iku:agreement", args=[line.agreement_id]),
        related=("agreement__unit", "indicator"),
    ),
    "iku.annualtarget": ObjectKind(
        link=lambda t: reverse("iku:indicator", args=[t.indicator_id]), related=("indicator",)
    ),
    "iku.periodtarget": ObjectKind(
        link=lambda t: reverse("iku:indicator", args=[t.indicator_id]),
        related=("indicator", "period"),
    ),
    "iku.nonworkingday": ObjectKind(link=lambda d: reverse("iku:calendar")),
}
