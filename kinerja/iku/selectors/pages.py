"""Reads for the organisation-performance pages: tree, dashboards, indicator and realisation."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.http import Http404

from kinerja.core import calendar
from kinerja.iku import permissions
from kinerja.iku.models import (
    Indicator,
    PerformanceYear,
    Period,
    PeriodKind,
    Realisation,
    RealisationStatus,
    RealisationVersion,
    UnitResult,
)
from kinerja.iku.selectors.core import (
    days_off_of_year,
    get_performance_year,
    indicator_results,
    performance_years,
    realisations_visible_to,
    year_periods,
)
from kinerja.org import permissions as org_permissions

# --- pages: tree, dashboards, indicator and realisation pages -------------------------------------
# The performance tree, its indicators and computed results are open to every user of the agency
# (like agreements and unit results above); realisations in progress and evidence files are not.


def realisation_versions(realisation: Realisation) -> list[RealisationVersion]:
    """The verified versions of a realisation already fetched through a scoped selector
    (`get_realisation`)."""
    return list(realisation.versions.select_related("recorded_by").order_by("version"))


def get_indicator(viewer, pk: int) -> Indicator:
    if not viewer.is_authenticated:
        raise Http404
    indicator = (
        Indicator.objects.filter(agency_id=viewer.agency_id, pk=pk)
        .select_related("goal__owner_unit", "goal__parent", "responsible_position")
        .first()
    )
    if indicator is None:
        raise Http404
    return indicator


def get_period(viewer, pk: int) -> Period:
    if not viewer.is_authenticated:
        raise Http404
    period = (
        Period.objects.filter(performance_year__agency_id=viewer.agency_id, pk=pk)
        .select_related("performance_year")
        .first()
    )
    if period is None:
        raise Http404
    return period


def get_agency_unit(viewer, pk: int):
    """A unit of the viewer's agency (404 otherwise); whether its performance may be seen is
    `permissions.can_see_unit_performance`."""
    from kinerja.org.models import Unit

    if not viewer.is_authenticated:
        raise Http404
    unit = Unit.objects.filter(agency_id=viewer.agency_id, pk=pk).first()
    if unit is None:
        raise Http404
    return unit


def agency_units(viewer) -> list:
    """The agency's active units in tree order, for filters."""
    from kinerja.org.models import Unit

    if not viewer.is_authenticated:
        return []
    return list(Unit.objects.filter(agency_id=viewer.agency_id, is_active=True).order_by("path"))


def default_performance_year(viewer) -> PerformanceYear | None:
    """The year of today if the agency has set it up, else the latest year before it, else the
    earliest one after it."""
    years = list(performance_years(viewer).order_by("year"))
    if not years:
        return None
    current = viewer.today.year
    past = [py for py in years if py.year <= current]
    return past[-1] if past else years[0]


def performance_year_from_request(viewer, raw) -> PerformanceYear | None:
    """The year asked for in a query string (404 if the agency has no such year), or the default."""
    if raw in (None, ""):
        return default_performance_year(viewer)
    try:
        year = int(raw)
    except (TypeError, ValueError):
        raise Http404 from None
    return get_performance_year(viewer, year)


def planning_units(viewer) -> list:
    """The units the tree can be filtered by, in tree order: the OPDs and their divisions, and
    every unit that owns a goal (a province has over a thousand schools that own none)."""
    from kinerja.iku.models import Goal
    from kinerja.org.models import Unit

    if not viewer.is_authenticated:
        return []
    owners = Goal.objects.filter(agency_id=viewer.agency_id).values("owner_unit_id")
    return list(
        Unit.objects.filter(agency_id=viewer.agency_id, is_active=True)
        .filter(Q(depth__lte=1) | Q(pk__in=owners))
        .order_by("path")
    )


def _goals_of_year_qs(viewer, performance_year: PerformanceYear, *, unit=None):
    from kinerja.iku.models import Goal

    year = performance_year.year
    qs = Goal.objects.filter(
        agency_id=viewer.agency_id,
        is_active=True,
        plan_start_year__lte=year,
        plan_end_year__gte=year,
    )
    if unit is not None:
        qs = qs.filter(owner_unit__path__startswith=unit.path)
    return qs


def goal_outline(viewer, performance_year: PerformanceYear, *, unit=None) -> list[tuple]:
    """(id, parent id) of every active goal of the year's plan (under a unit), in display
    order: three integers a goal, so the shape of a province's tree costs one light query."""
    if not viewer.is_authenticated or performance_year.agency_id != viewer.agency_id:
        return []
    return list(
        _goals_of_year_qs(viewer, performance_year, unit=unit)
        .order_by("order", "pk")
        .values_list("pk", "parent_id")
    )


def goals_of_year(
    viewer, performance_year: PerformanceYear, *, unit=None, ids=None, levels=None
) -> list:
    """Active goals of the year's plan (under a unit, some of them by id, or of some levels),
    with their owner unit, indicators and extra parents."""
    if not viewer.is_authenticated or performance_year.agency_id != viewer.agency_id:
        return []
    qs = _goals_of_year_qs(viewer, performance_year, unit=unit)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    if levels is not None:
        qs = qs.filter(level__in=list(levels))
    return list(
        qs.select_related("owner_unit")
        .prefetch_related(
            Prefetch(
                "indicators",
                queryset=Indicator.objects.filter(is_active=True).order_by("order", "pk"),
            ),
            "extra_parents",
        )
        .order_by("order", "pk")
    )


def goal_results_for(viewer, period: Period, *, goal_ids=None) -> dict:
    """Goal id → GoalResult of a period, for some goals or all (results are open to the
    agency)."""
    from kinerja.iku.models import GoalResult

    if not viewer.is_authenticated or period.performance_year.agency_id != viewer.agency_id:
        return {}
    qs = GoalResult.objects.filter(period=period)
    if goal_ids is not None:
        qs = qs.filter(goal_id__in=list(goal_ids))
    return {r.goal_id: r for r in qs}


def indicator_results_for(
    viewer, performance_year: PerformanceYear, *, indicator_ids=None, period=None
):
    """(indicator id, period id) → IndicatorResult of a year (or of one of its periods)."""
    qs = indicator_results(viewer, performance_year)
    if indicator_ids is not None:
        qs = qs.filter(indicator_id__in=list(indicator_ids))
    if period is not None:
        qs = qs.filter(period=period)
    return {(r.indicator_id, r.period_id): r for r in qs.select_related(None)}


def unit_results_for(viewer, performance_year: PerformanceYear, *, units=None) -> dict:
    """(unit id, period id) → UnitResult of a year, for some units or all."""
    if not viewer.is_authenticated or performance_year.agency_id != viewer.agency_id:
        return {}
    qs = UnitResult.objects.filter(period__performance_year=performance_year)
    if units is not None:
        qs = qs.filter(unit_id__in=[u.pk for u in units])
    return {(r.unit_id, r.period_id): r for r in qs}


def indicator_targets(indicator: Indicator, performance_year: PerformanceYear | None) -> dict:
    """The indicator's annual targets by year (every year of its plan, in order) and the period
    targets of a year by period id (none without a year): {"annual": {...}, "periods": {...}}.
    The tree is open to the agency: the caller found the indicator through a scoped selector."""
    from kinerja.iku.models import AnnualTarget, PeriodTarget

    periods = {}
    if performance_year is not None:
        periods = {
            t.period_id: t
            for t in PeriodTarget.objects.filter(
                indicator=indicator, period__performance_year=performance_year
            )
        }
    annual = AnnualTarget.objects.filter(indicator=indicator).order_by("year")
    return {"annual": {t.year: t for t in annual}, "periods": periods}


def indicator_realisations(viewer, indicator: Indicator, performance_year: PerformanceYear):
    """Period id → the realisations of the indicator in a year that the viewer may see, with
    their evidence."""
    from kinerja.iku.models import Evidence

    rows = (
        realisations_visible_to(viewer)
        .filter(indicator=indicator, period__performance_year=performance_year)
        .select_related("entered_by", "verified_by", "returned_by")
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.order_by("uploaded_at")))
    )
    return {r.period_id: r for r in rows}


def may_see_indicator_evidence(viewer, indicator: Indicator) -> bool:
    """Evidence files may hold personal data: they are for the responsible unit, its head and
    admins and the performance overseers, not for every user who can read the verified figure."""
    unit = indicator.goal.owner_unit
    return permissions.can_see_unit_performance(viewer, unit) or permissions.can_enter_realisation(
        viewer, indicator
    )


def realisations_of_year(viewer, performance_year: PerformanceYear, *, unit=None) -> dict:
    """(indicator id, period id) → the realisations of a year that the viewer may see."""
    qs = realisations_visible_to(viewer).filter(period__performance_year=performance_year)
    if unit is not None:
        qs = qs.filter(indicator__goal__owner_unit__path__startswith=unit.path)
    return {(r.indicator_id, r.period_id): r for r in qs}


def get_evidence(viewer, pk: int):
    """An evidence file of a realisation the viewer can see (404 otherwise)."""
    from kinerja.iku.models import Evidence

    if not viewer.is_authenticated:
        raise Http404
    evidence = (
        Evidence.objects.filter(pk=pk, realisation__in=realisations_visible_to(viewer).values("pk"))
        .select_related("realisation__indicator__goal__owner_unit", "realisation__period")
        .first()
    )
    if evidence is None:
        raise Http404
    return evidence


def realisations_to_verify(viewer) -> list[Realisation]:
    """Submitted realisations of the units the viewer heads (and the units below them)."""
    heads = org_permissions.headed_units(viewer) if viewer.is_authenticated else []
    if not heads:
        return []
    condition = Q(pk__in=[])
    for unit in heads:
        condition |= Q(indicator__goal__owner_unit__path__startswith=unit.path)
    return list(
        Realisation.objects.filter(
            condition,
            indicator__agency_id=viewer.agency_id,
            status=RealisationStatus.SUBMITTED,
        )
        .select_related("indicator__goal__owner_unit", "period", "entered_by")
        .order_by("submitted_at", "pk")
    )


def realisation_counts(viewer, performance_year: PerformanceYear, *, unit=None) -> dict:
    """Number of realisations of the year by status, in the viewer's scope."""
    from django.db.models import Count

    qs = realisations_visible_to(viewer).filter(period__performance_year=performance_year)
    if unit is not None:
        qs = qs.filter(indicator__goal__owner_unit__path__startswith=unit.path)
    counts = dict.fromkeys(RealisationStatus.values, 0)
    for row in qs.values("status").annotate(n=Count("pk")).order_by():
        counts[row["status"]] = row["n"]
    return counts


# --- the regency dashboard ----------------------------------------------------------------------


def opd_results(viewer, performance_year: PerformanceYear) -> list[tuple]:
    """The results that answer for each OPD, as (unit, {period id: UnitResult}) in tree order.

    An OPD answers with its own result (the capaian of its sasaran strategis); an OPD without
    one answers with the highest units below it that have one. Two queries: the units with
    results, then the results of the chosen units only (a province has hundreds of bidang and
    seksi with results of their own, shown on the unit dashboards).
    """
    if not viewer.is_authenticated or performance_year.agency_id != viewer.agency_id:
        return []
    # Every unit with results has one for every period of the year (the recompute writes them
    # all), so the annual period alone tells which units have results.
    with_results = set(
        UnitResult.objects.filter(
            period__performance_year=performance_year, period__kind=PeriodKind.YEAR
        ).values_list("unit_id", "unit__path")
    )
    owners = {pk for pk, _path in with_results}
    chosen = [
        pk
        for pk, path in with_results
        if not any(int(part) in owners for part in path.strip("/").split("/")[:-1])
    ]
    units, by_unit = {}, defaultdict(dict)
    for result in UnitResult.objects.filter(
        period__performance_year=performance_year, unit_id__in=chosen
    ).select_related("unit"):
        units[result.unit_id] = result.unit
        by_unit[result.unit_id][result.period_id] = result
    return [(units[pk], by_unit[pk]) for pk in sorted(units, key=lambda pk: units[pk].path)]


# --- the working-day calendar ---------------------------------------------------------------------


@dataclass
class PeriodWorkingDays:
    period: Period
    working_days: int


@dataclass
class YearCalendar:
    """The agency's days off of a calendar year and the working days of each of its periods."""

    year: int
    performance_year: PerformanceYear | None
    days: list  # NonWorkingDay, by date
    periods: list[PeriodWorkingDays]  # empty when the year is no performance year

    @property
    def weekend_day_ids(self) -> set[int]:
        """Days off that fall on a weekend anyway (they change no count)."""
        return {d.pk for d in self.days if d.date.weekday() in calendar.WEEKEND}


def calendar_of_year(viewer, year: int) -> YearCalendar:
    """The page's and the API's calendar of a year, in a fixed number of queries: the days off
    are read once for every period."""
    py = performance_years(viewer).filter(year=year).first()
    days = days_off_of_year(viewer, year)
    periods = []
    if py is not None:
        dates = frozenset(d.date for d in days)
        periods = [
            PeriodWorkingDays(p, calendar.working_days_between(p.start_date, p.end_date, dates))
            for p in year_periods(py)
        ]
    return YearCalendar(year, py, days, periods)
