"""Reads of organisation performance, scoped to the viewer where a viewer is involved."""

from __future__ import annotations

import datetime
from functools import reduce
from operator import or_

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from kinerja.iku import permissions, rules
from kinerja.iku.models import (
    EDITABLE_STATUSES,
    FREQUENCY_MONTHS,
    AgreementLine,
    AgreementStatus,
    Indicator,
    IndicatorResult,
    LkjipSettings,
    NonWorkingDay,
    PerformanceAgreement,
    PerformanceYear,
    Period,
    Realisation,
    RealisationStatus,
    ReportingFrequency,
    ResultsComputation,
    UnitResult,
)
from kinerja.iku.selectors.calendar import WorkingCalendar, add_working_days
from kinerja.org import permissions as org_permissions
from kinerja.org.models import Assignment, AssignmentKind, Position
from kinerja.org.selectors import active_on

_KIND_ORDER = {AssignmentKind.DEFINITIVE: 0, AssignmentKind.PLT: 1, AssignmentKind.PLH: 2}

# --- years and periods ----------------------------------------------------------------------------


def performance_years(viewer):
    if not viewer.is_authenticated:
        return PerformanceYear.objects.none()
    return PerformanceYear.objects.filter(agency_id=viewer.agency_id)


def get_performance_year(viewer, year: int) -> PerformanceYear:
    py = performance_years(viewer).filter(year=year).first()
    if py is None:
        raise Http404
    return py


def year_periods(performance_year: PerformanceYear) -> list[Period]:
    """The year's periods in order: months or quarters, then the annual period."""
    return sorted(
        performance_year.periods.all(), key=lambda p: (p.kind == "year", p.end_date, p.number)
    )


def realisation_due_date(period: Period, cal: WorkingCalendar | None = None) -> datetime.date:
    """A realisation is due N working days (the year's setting) after its period ends."""
    py = period.performance_year
    n = py.realisation_due_working_days
    if cal is not None:
        return cal.add_working_days(period.end_date, n)
    return add_working_days(py.agency_id, period.end_date, n)


# --- heads and leaders ----------------------------------------------------------------------------


def unit_head(unit, day: datetime.date):
    """Today's holder of the unit's head position: definitive first, then Plt., then Plh."""
    rows = list(
        Assignment.objects.filter(
            active_on(day), position__unit=unit, position__is_unit_head=True
        ).select_related("employee", "position")
    )
    if not rows:
        return None
    return min(rows, key=lambda a: (_KIND_ORDER[a.kind], a.start_date, a.pk))


def leader_of_unit(unit, day: datetime.date):
    """The next-higher leader of a unit: the holder of the post above the unit head's post.

    Vacant posts are skipped upwards. None means the regional head (no employee record).
    """
    head_position = (
        Position.objects.filter(unit=unit, is_unit_head=True, is_active=True).order_by("pk").first()
    )
    if head_position is None:
        return None
    ancestors = head_position.ancestor_ids
    if not ancestors:
        return None
    rows = list(
        Assignment.objects.filter(active_on(day), position_id__in=ancestors).select_related(
            "employee", "position"
        )
    )
    for position_id in ancestors:
        holders = [a for a in rows if a.position_id == position_id]
        if holders:
            return min(holders, key=lambda a: (_KIND_ORDER[a.kind], a.start_date, a.pk))
    return None


def leader_position_id(unit) -> int | None:
    """The post above the unit head's post, whose holder decides the unit's predikat."""
    head_position = (
        Position.objects.filter(unit=unit, is_unit_head=True, is_active=True).order_by("pk").first()
    )
    return None if head_position is None else head_position.parent_id


# --- performance agreements -----------------------------------------------------------------------


def agreements_visible_to(viewer):
    """The agency's performance agreements (another agency's are missing, a 404).

    Which of them the viewer may read is `permissions.can_read_agreement` (else a 403), the
    rule of the PK page and of its PDF."""
    if not viewer.is_authenticated:
        return PerformanceAgreement.objects.none()
    return PerformanceAgreement.objects.filter(agency_id=viewer.agency_id)


def get_agreement(viewer, pk: int) -> PerformanceAgreement:
    agreement = (
        agreements_visible_to(viewer)
        .select_related("unit", "first_party_employee", "second_party_employee")
        .filter(pk=pk)
        .first()
    )
    if agreement is None:
        raise Http404
    return agreement


def agreement_history(viewer, unit, year: int) -> list[PerformanceAgreement]:
    """Every version of the unit's PK for a year, newest first, with their lines."""
    return list(
        agreements_visible_to(viewer)
        .filter(unit=unit, year=year)
        .select_related("first_party_employee", "second_party_employee", "previous")
        .prefetch_related(
            Prefetch(
                "lines",
                queryset=AgreementLine.objects.select_related("goal", "indicator").order_by(
                    "order", "pk"
                ),
            )
        )
        .order_by("-version")
    )


def agreement_indicators(agreement: PerformanceAgreement):
    """Indicators a unit's agreement may carry: the active indicators of the active goals owned
    by the unit itself whose plan covers the agreement's year. The choices of the page (those
    not in the agreement yet) and of `agreement_line_add` alike."""
    return Indicator.objects.filter(
        agency_id=agreement.agency_id,
        is_active=True,
        goal__is_active=True,
        goal__owner_unit_id=agreement.unit_id,
        goal__plan_start_year__lte=agreement.year,
        goal__plan_end_year__gte=agreement.year,
    )


def agreement_in_force(unit, year: int) -> PerformanceAgreement | None:
    """The highest signed version of the unit's PK for the year."""
    return (
        PerformanceAgreement.objects.filter(unit=unit, year=year, status=AgreementStatus.SIGNED)
        .order_by("-version")
        .first()
    )


# --- realisations ---------------------------------------------------------------------------------


def _unit_scope(viewer) -> Q | None:
    """Q on `goal__owner_unit__path` for the units the viewer follows; None = whole agency."""
    if permissions.oversees_performance(viewer):
        return None
    paths = [u.path for u in org_permissions.held_units(viewer)] + list(viewer.admin_unit_paths)
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(goal__owner_unit__path__startswith=path)
    return condition


def indicators_followed_by(viewer):
    """Indicators of the units the viewer works in or administers (all, for overseers)."""
    if not viewer.is_authenticated:
        return Indicator.objects.none()
    qs = Indicator.objects.filter(agency_id=viewer.agency_id)
    scope = _unit_scope(viewer)
    return qs if scope is None else qs.filter(scope)


def _work_in_progress_scope(viewer) -> Q | None:
    """Q on Realisation: whose drafts and submitted figures the viewer may see; None = all.

    The units the viewer follows (`_unit_scope`: at and below their posts and admin units,
    which holds every realisation they may verify) plus every indicator they may enter
    (`permissions.can_enter_realisation`): the staff of a sub-unit enter for the units above
    it, and the person responsible for an indicator may sit in another unit.
    """
    if permissions.oversees_performance(viewer):
        return None
    held = org_permissions.held_units(viewer)
    paths = [u.path for u in held] + list(viewer.admin_unit_paths)
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(indicator__goal__owner_unit__path__startswith=path)
    above = {pk for u in held for pk in u.ancestor_ids}
    if above:
        condition |= Q(indicator__goal__owner_unit_id__in=sorted(above))
    position_ids = sorted(p.pk for p in viewer.held_positions)
    if position_ids:
        condition |= Q(indicator__responsible_position_id__in=position_ids)
    return condition


def realisations_visible_to(viewer):
    """The realisations a viewer may see: the one definition used by pages, API and lists.

    Verified figures are open to the agency. Work in progress (draft, submitted, returned) is
    for the performance overseers, the units the viewer works in or administers (and their
    sub-units), and the indicators the viewer may enter (see `_work_in_progress_scope`):
    everything a viewer may enter or verify is listed, nothing else is.
    """
    if not viewer.is_authenticated:
        return Realisation.objects.none()
    qs = Realisation.objects.filter(indicator__agency_id=viewer.agency_id)
    scope = _work_in_progress_scope(viewer)
    if scope is None:
        return qs
    return qs.filter(Q(status=RealisationStatus.VERIFIED) | scope)


def get_realisation(viewer, pk: int) -> Realisation:
    """A realisation the viewer may see (`realisations_visible_to`), else a 404."""
    realisation = (
        realisations_visible_to(viewer)
        .select_related("indicator__goal__owner_unit", "period__performance_year")
        .filter(pk=pk)
        .first()
    )
    if realisation is None:
        raise Http404
    return realisation


def expected_periods(indicator_frequency: str, periods: list[Period]) -> list[Period]:
    """The periods an indicator reports on: annual indicators on the year, the others on the
    evaluation periods whose last month closes one of their reporting spans."""
    if indicator_frequency == ReportingFrequency.ANNUAL:
        return [p for p in periods if p.is_annual]
    months = FREQUENCY_MONTHS[indicator_frequency]
    return [p for p in periods if not p.is_annual and p.end_date.month % months == 0]


def realisation_gap_counts(
    viewer, performance_year: PerformanceYear, *, unit=None, today: datetime.date | None = None
) -> dict:
    """How many realisations of the year are missing, late and unverified, in the viewer's
    scope (and under `unit`): the figures of the dashboards.

    A realisation is due `realisation_due_working_days` working days after its period ends.
    *Missing*: the due date has passed and nothing was handed in (no entry, a draft, or one
    returned for correction). *Late*: first submitted after the due date (local time).
    *Unverified*: submitted and waiting for the unit head. Counted by the database per period
    and reporting frequency: three light queries whatever the number of indicators.
    """
    counts = {"missing": 0, "late": 0, "unverified": 0}
    if not viewer.is_authenticated or performance_year.agency_id != viewer.agency_id:
        return counts
    today = today or viewer.today
    year = performance_year.year
    periods = year_periods(performance_year)
    for period in periods:
        period.performance_year = performance_year
    indicators = indicators_followed_by(viewer).filter(
        is_active=True,
        goal__is_active=True,
        goal__plan_start_year__lte=year,
        goal__plan_end_year__gte=year,
    )
    if unit is not None:
        indicators = indicators.filter(goal__owner_unit__path__startswith=unit.path)
    per_frequency = dict(
        indicators.values_list("reporting_frequency").annotate(n=Count("pk")).order_by()
    )
    end = max(p.end_date for p in periods)
    cal = WorkingCalendar(
        performance_year.agency_id,
        min(p.end_date for p in periods),
        end + datetime.timedelta(days=performance_year.realisation_due_working_days * 2 + 62),
    )
    due = {p.pk: realisation_due_date(p, cal) for p in periods}
    # Late: first submitted after the due day in local time, i.e. from the next midnight on.
    zone = timezone.get_current_timezone()
    late = reduce(
        or_,
        (
            Q(
                period_id=pk,
                first_submitted_at__gte=timezone.make_aware(
                    datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min),
                    zone,
                ),
            )
            for pk, day in due.items()
        ),
    )
    found = {
        (row["period_id"], row["indicator__reporting_frequency"]): row
        for row in Realisation.objects.filter(
            period__in=[p.pk for p in periods], indicator__in=indicators.values("pk")
        )
        .values("period_id", "indicator__reporting_frequency")
        .annotate(
            handed_in=Count("pk", filter=~Q(status__in=EDITABLE_STATUSES)),
            submitted=Count("pk", filter=Q(status=RealisationStatus.SUBMITTED)),
            late=Count("pk", filter=late),
        )
        .order_by()
    }
    for frequency, n in per_frequency.items():
        for period in expected_periods(frequency, periods):
            row = found.get((period.pk, frequency), {})
            if today > due[period.pk]:
                counts["missing"] += n - row.get("handed_in", 0)
            counts["late"] += row.get("late", 0)
            counts["unverified"] += row.get("submitted", 0)
    return counts


# --- results and organisation predikat ------------------------------------------------------------


def unit_results(viewer, performance_year: PerformanceYear, *, under=None) -> list[UnitResult]:
    """Capaian of every unit and period of the year (of `under` and the units below it, when
    given); results are open to the agency."""
    if not viewer.is_authenticated or performance_year.agency_id != viewer.agency_id:
        return []
    results = UnitResult.objects.filter(period__performance_year=performance_year)
    if under is not None:
        results = results.filter(unit__path__startswith=under.path)
    return list(
        results.select_related("unit", "period").order_by(
            "unit__path", "period__end_date", "period__kind"
        )
    )


def indicator_results(viewer, performance_year: PerformanceYear, *, unit=None):
    if not viewer.is_authenticated or performance_year.agency_id != viewer.agency_id:
        return IndicatorResult.objects.none()
    qs = IndicatorResult.objects.filter(period__performance_year=performance_year)
    if unit is not None:
        qs = qs.filter(indicator__goal__owner_unit__path__startswith=unit.path)
    return qs.select_related("indicator__goal", "period")


# --- named days off (pages) -----------------------------------------------------------------------


def days_off_of_year(viewer, year: int) -> list[NonWorkingDay]:
    """The viewer's agency's holidays and days off in a calendar year, with their names.

    The calendar is an agency-wide fact (see `selectors.days_off`, which returns bare dates).
    """
    return list(
        NonWorkingDay.objects.filter(
            agency_id=viewer.agency_id,
            date__gte=datetime.date(year, 1, 1),
            date__lte=datetime.date(year, 12, 31),
        ).order_by("date")
    )


def get_day_off(viewer, pk: int) -> NonWorkingDay:
    day = NonWorkingDay.objects.filter(agency_id=viewer.agency_id, pk=pk).first()
    if day is None:
        raise Http404
    return day


# --- results computation status and LKjIP settings -----------------------------------------------


def results_computation(viewer, performance_year: PerformanceYear) -> ResultsComputation | None:
    """When the year's results were last computed, and whether a recompute is pending."""
    if not viewer.is_authenticated or performance_year.agency_id != viewer.agency_id:
        return None
    return ResultsComputation.objects.filter(performance_year=performance_year).first()


def lkjip_settings(performance_year: PerformanceYear) -> LkjipSettings:
    """The year's LKjIP settings; an unsaved row with the default bands when none is stored.

    An agency-wide fact of a year the caller already scoped (like the working-day calendar).
    """
    row = LkjipSettings.objects.filter(performance_year=performance_year).first()
    return row if row is not None else LkjipSettings(performance_year=performance_year)


def lkjip_category_bands(performance_year: PerformanceYear) -> tuple[rules.Band, ...]:
    """The category bands printed beside each capaian in the year's LKjIP (domain.md §2.3)."""
    return lkjip_settings(performance_year).bands
