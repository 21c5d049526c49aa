"""The agency's evaluation periods with the progress of each, for BKPSDM, pimpinan and
auditors."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef
from django.http import Http404

from kinerja.appraisals import permissions, rules
from kinerja.appraisals.models import (
    Evaluation,
    EvaluationStatus,
    Keberatan,
)
from kinerja.iku.models import PerformanceYear, Period
from kinerja.iku.selectors.calendar import days_off

# --- the agency's periods (BKPSDM) -----------------------------------------------------------


@dataclass
class PeriodProgress:
    period: Period
    deadlines: rules.Deadlines
    window_start: datetime.date
    counts: dict[str, int]
    keberatan_open: int = 0
    may_open: bool = False

    @property
    def opened(self) -> int:
        return sum(self.counts.values())

    @property
    def steps(self) -> list[tuple[str, int]]:
        return [(label, self.counts.get(value, 0)) for value, label in EvaluationStatus.choices]


def periods_progress(viewer, years: int = 2) -> list[PeriodProgress]:
    """The agency's evaluation periods of its latest `years` performance years (the annual one
    included), newest first, with the evaluations opened per status, the keberatan not yet
    decided and whether the viewer may open the period now: four queries whatever the size."""
    if not permissions.can_read_periods(viewer):
        return []
    performance_years = list(
        PerformanceYear.objects.filter(agency_id=viewer.agency_id)
        .order_by("-year")
        .values_list("pk", flat=True)[:years]
    )
    periods = list(
        Period.objects.filter(performance_year_id__in=performance_years)
        .select_related("performance_year")
        .order_by("-end_date", "-kind")
    )
    return _progress(viewer, periods)


def period_progress(viewer, period: Period) -> PeriodProgress:
    """One period's row of `periods_progress`, whatever its year (the period comes from
    `get_period`, already scoped to the viewer's agency): four queries."""
    if not permissions.can_read_periods(viewer):
        raise Http404
    return _progress(viewer, [period])[0]


def _progress(viewer, periods: list[Period]) -> list[PeriodProgress]:
    """The rows of the periods of the viewer's agency, in their order: four queries whatever
    the periods hold."""
    if not periods:
        return []
    ids = [p.pk for p in periods]
    counts: dict[int, dict[str, int]] = {}
    for period_id, status, n in (
        Evaluation.objects.filter(agency_id=viewer.agency_id, period_id__in=ids)
        .order_by()
        .values("period_id", "status")
        .annotate(n=Count("pk"))
        .values_list("period_id", "status", "n")
    ):
        counts.setdefault(period_id, {})[status] = n
    undecided = dict(
        Keberatan.objects.filter(agency_id=viewer.agency_id, evaluation__period_id__in=ids)
        .exclude(status="decided")
        .order_by()
        .values("evaluation__period_id")
        .annotate(n=Count("pk"))
        .values_list("evaluation__period_id", "n")
    )
    first, last = min(p.end_date for p in periods), max(p.end_date for p in periods)
    off = days_off(viewer.agency_id, first, last + datetime.timedelta(days=150))
    may_open = permissions.can_open_evaluations(viewer, viewer.agency_id)
    rows = []
    for period in periods:
        window = rules.evaluation_window_start(period.end_date)
        rows.append(
            PeriodProgress(
                period=period,
                deadlines=rules.deadlines(period.end_date, off),
                window_start=window,
                counts=counts.get(period.pk, {}),
                keberatan_open=undecided.get(period.pk, 0),
                may_open=may_open and viewer.today >= window,
            )
        )
    return rows


def periods_to_open(viewer) -> list[Period]:
    """Periods of the agency's latest two performance years whose evaluation window has
    started and in which nothing is opened yet: what BKPSDM has to open (Beranda; one query)."""
    if not permissions.can_open_evaluations(viewer, viewer.agency_id):
        return []
    latest = (
        PerformanceYear.objects.filter(agency_id=viewer.agency_id)
        .order_by("-year")
        .values("pk")[:2]
    )
    started = viewer.today + datetime.timedelta(days=rules.RATER_MOVE_WINDOW_DAYS)
    return list(
        Period.objects.filter(performance_year_id__in=latest, end_date__lte=started)
        .exclude(Exists(Evaluation.objects.filter(period_id=OuterRef("pk"))))
        .select_related("performance_year")
        .order_by("end_date", "kind")
    )
