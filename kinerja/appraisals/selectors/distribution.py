"""The team an evaluation is counted with and its distribution against the pattern the
organisation predikat sets (SE MenPANRB 3/2023)."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from kinerja.appraisals import rules
from kinerja.appraisals.models import (
    AppraisalSettings,
    Evaluation,
)
from kinerja.appraisals.selectors.core import RATED_OR_LATER
from kinerja.org.models import Unit

# --- the team and its distribution -----------------------------------------------------------


def distribution_base(agency_id: int) -> str:
    """Whose evaluations the agency's distribution pattern counts (`rules.DistributionBase`)."""
    found = (
        AppraisalSettings.objects.filter(agency_id=agency_id)
        .values_list("distribution_base", flat=True)
        .first()
    )
    return found or rules.DistributionBase.RATER.value


def same_unit_kerja(org_unit_id: int, org_predikat: str) -> Q:
    """The evaluations of the unit kerja (the top unit, an OPD) that holds `org_unit_id`, under
    the same organisation predikat: the base of the pattern when the agency widens it."""
    path = Unit.objects.filter(pk=org_unit_id).values_list("path", flat=True).first() or ""
    top = path.strip("/").split("/")[0]
    return Q(org_unit__path__startswith=f"/{top}/", org_predikat=org_predikat)


def team_of(evaluation: Evaluation, base: str | None = None) -> QuerySet[Evaluation]:
    """The evaluations of the same period by the same rater of record: the base of the
    distribution pattern (SE MenPANRB 3/2023); or, where the agency widens the base, those of
    the period in the same unit kerja under the same organisation predikat."""
    base = base or distribution_base(evaluation.agency_id)
    if base == rules.DistributionBase.UNIT:
        who = same_unit_kerja(evaluation.org_unit_id, evaluation.org_predikat)
    elif evaluation.rater_id:
        who = Q(rater_id=evaluation.rater_id)
    else:
        who = Q(rater__isnull=True)
    return Evaluation.objects.filter(
        who, agency_id=evaluation.agency_id, period_id=evaluation.period_id
    )


def predikat_counts(evaluations: QuerySet[Evaluation]) -> dict[str, int]:
    rows = (
        evaluations.filter(status__in=RATED_OR_LATER)
        .order_by()
        .values("predikat")
        .annotate(n=Count("pk"))
        .values_list("predikat", "n")
    )
    return {predikat: n for predikat, n in rows if predikat}


def team_warnings(evaluation: Evaluation, counts: dict[str, int] | None = None) -> list[str]:
    """The codes of the bands the team breaks now; empty while the organisation predikat is
    undecided (the distribution check waits for it)."""
    if not evaluation.org_predikat:
        return []
    if counts is None:
        counts = predikat_counts(team_of(evaluation))
    return [band.code for band in rules.distribution_check(evaluation.org_predikat, counts)]


BAND_LABELS = {
    "sangat_baik_at_most_70": "Sangat Baik ≤ 70 %",
    "baik_at_most_70": "Baik ≤ 70 %",
    "some_butuh_perbaikan_or_kurang": "Butuh Perbaikan / Kurang ≥ 1",
    "butuh_perbaikan_at_least_60": "Butuh Perbaikan ≥ 60 %",
    "sangat_baik_at_most_10": "Sangat Baik ≤ 10 %",
    "kurang_at_least_60": "Kurang (Misconduct) ≥ 60 %",
    "butuh_perbaikan_at_least_10": "Butuh Perbaikan ≥ 10 %",
    "sangat_kurang_at_least_60": "Sangat Kurang ≥ 60 %",
    "kurang_or_butuh_perbaikan_at_least_10": "Kurang / Butuh Perbaikan ≥ 10 %",
    "no_sangat_baik": "Sangat Baik = 0",
}


def pattern_of(org_predikat: str) -> list[str]:
    """The bands of the pattern an organisation predikat sets, as short readable lines."""
    if not org_predikat:
        return []
    return [BAND_LABELS[b.code] for b in rules.PATTERNS[rules.OrgPredikat(org_predikat)]]
