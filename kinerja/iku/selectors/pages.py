"""Reads for the organisation-performance pages: tree, dashboards, indicator and realisation."""

from __future__ import annotations

from django.db.models import Prefetch, Q
from django.http import Http404

from kinerja.iku import permissions
from kinerja.iku.models import (
    Indicator,
    PerformanceYear,
    Period,
    Realisation,
    RealisationStatus,
    RealisationVersion,
    UnitResult,
)
from kinerja.iku.selectors.core import (
    get_performance_year,
    indicator_results,
    performance_years,
    realisations_visible_to,
)

# --- pages: tree, dashboards, indicator and realisation pages -------------------------------------
# The performance tree, its indicators and computed results are open to every user of the agency
# (like agreements and unit results above); realisations in progress and evidence files are not.


def realisations_in_scope(viewer):
    """Realisations the viewer may see on the pages: `realisations_visible_to`, plus those of
    the indicators the viewer may enter (`permissions.can_enter_realisation`): the staff of a
    sub-unit enter for the unit above, and the person responsible may sit in another unit."""
    base = realisations_visible_to(viewer)
    if not viewer.is_authenticated:
        return base
    unit_ids = set()
    for unit in permissions.held_units(viewer):
        unit_ids.update(unit.ancestor_ids)
        unit_ids.add(unit.pk)
    position_ids = [p.pk for p in viewer.held_positions]
    if not unit_ids and not position_ids:
        return base
    entered = Realisation.objects.filter(indicator__agency_id=viewer.agency_id).filter(
        Q(indicator__goal__owner_unit_id__in=unit_ids)
        | Q(indicator__responsible_position_id__in=position_ids)
    )
    return base | entered


def get_realisation_in_scope(viewer, pk: int) -> Realisation:
    realisation = (
        realisations_in_scope(viewer)
        .select_related("indicator__goal__owner_unit", "period__performance_year")
        .filter(pk=pk)
        .first()
    )
    if realisation is None:
        raise Http404
    return realisation


def realisation_versions(realisation: Realisation) -> list[RealisationVersion]:
    """The verified versions of a realisation already fetched through a scoped selector."""
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


def goals_of_year(viewer, performance_year: PerformanceYear, *, unit=None) -> list:
    """Active goals of the year's plan, with their owner unit, indicators and extra parents."""
    from kinerja.iku.models import Goal

    if not viewer.is_authenticated or performance_year.agency_id != viewer.agency_id:
        return []
    year = performance_year.year
    qs = Goal.objects.filter(
        agency_id=viewer.agency_id,
        is_active=True,
        plan_start_year__lte=year,
        plan_end_year__gte=year,
    )
    if unit is not None:
        qs = qs.filter(owner_unit__path__startswith=unit.path)
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


def goal_results_for(viewer, period: Period) -> dict:
    """Goal id → GoalResult of a period (results are open to the agency)."""
    from kinerja.iku.models import GoalResult

    if not viewer.is_authenticated or period.performance_year.agency_id != viewer.agency_id:
        return {}
    return {r.goal_id: r for r in GoalResult.objects.filter(period=period)}


def indicator_results_for(viewer, performance_year: PerformanceYear, *, indicator_ids=None):
    """(indicator id, period id) → IndicatorResult of a year."""
    qs = indicator_results(viewer, performance_year)
    if indicator_ids is not None:
        qs = qs.filter(indicator_id__in=list(indicator_ids))
    return {(r.indicator_id, r.period_id): r for r in qs.select_related(None)}


def unit_results_for(viewer, performance_year: PerformanceYear, *, units=None) -> dict:
    """(unit id, period id) → UnitResult of a year, for some units or all."""
    if not viewer.is_authenticated or performance_year.agency_id != viewer.agency_id:
        return {}
    qs = UnitResult.objects.filter(period__performance_year=performance_year)
    if units is not None:
        qs = qs.filter(unit_id__in=[u.pk for u in units])
    return {(r.unit_id, r.period_id): r for r in qs}


def indicator_targets(indicator: Indicator, performance_year: PerformanceYear) -> dict:
    """Annual targets of the indicator for every year of its plan, and the period targets of a
    year, as {"annual": [AnnualTarget], "periods": {period id: PeriodTarget}}."""
    from kinerja.iku.models import AnnualTarget, PeriodTarget

    return {
        "annual": list(AnnualTarget.objects.filter(indicator=indicator).order_by("year")),
        "periods": {
            t.period_id: t
            for t in PeriodTarget.objects.filter(
                indicator=indicator, period__performance_year=performance_year
            )
        },
    }


def indicator_realisations(viewer, indicator: Indicator, performance_year: PerformanceYear):
    """Period id → the realisations of the indicator in a year that the viewer may see, with
    their evidence."""
    from kinerja.iku.models import Evidence

    rows = (
        realisations_in_scope(viewer)
        .filter(indicator=indicator, period__performance_year=performance_year)
        .select_related("entered_by", "verified_by", "returned_by")
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.order_by("uploaded_at")))
    )
    return {r.period_id: r for r in rows}


def may_see_indicator_evidence(viewer, indicator: Indicator) -> bool:
    """Evidence files may hold personal data: they are for the responsible unit, its head and
    admins and the performance overseers, not for every user who can read the verified figure."""
    unit = indicator.goal.owner_unit
    return (
        permissions.can_see_unit_performance(viewer, unit)
        or permissions.can_enter_realisation(viewer, indicator)
        or (viewer.is_authenticated and permissions.is_head_of(viewer, unit))
    )


def may_see_evidence(viewer, realisation: Realisation) -> bool:
    return may_see_indicator_evidence(viewer, realisation.indicator)


def realisations_of_year(viewer, performance_year: PerformanceYear, *, unit=None) -> dict:
    """(indicator id, period id) → the realisations of a year that the viewer may see."""
    qs = realisations_in_scope(viewer).filter(period__performance_year=performance_year)
    if unit is not None:
        qs = qs.filter(indicator__goal__owner_unit__path__startswith=unit.path)
    return {(r.indicator_id, r.period_id): r for r in qs}


def get_evidence(viewer, pk: int):
    """An evidence file of a realisation the viewer can see (404 otherwise)."""
    from kinerja.iku.models import Evidence

    if not viewer.is_authenticated:
        raise Http404
    evidence = (
        Evidence.objects.filter(pk=pk, realisation__in=realisations_in_scope(viewer).values("pk"))
        .select_related("realisation__indicator__goal__owner_unit", "realisation__period")
        .first()
    )
    if evidence is None:
        raise Http404
    return evidence


def realisations_to_verify(viewer) -> list[Realisation]:
    """Submitted realisations of the units the viewer heads (and the units below them)."""
    heads = permissions.headed_units(viewer) if viewer.is_authenticated else []
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

    qs = realisations_in_scope(viewer).filter(period__performance_year=performance_year)
    if unit is not None:
        qs = qs.filter(indicator__goal__owner_unit__path__startswith=unit.path)
    counts = dict.fromkeys(RealisationStatus.values, 0)
    for row in qs.values("status").annotate(n=Count("pk")).order_by():
        counts[row["status"]] = row["n"]
    return counts
