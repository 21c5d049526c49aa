"""Reads behind the LKjIP and PK documents, scoped to the viewer.

The LKjIP table reads what `capaian_recompute_year` stored (IndicatorResult of the annual
period): the report prints the same capaian as the organisation predikat was proposed from,
and says when it was computed. Comparisons the results do not hold (last year, the plan's
final target) are added here from the stored targets and results.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.http import Http404

from kinerja.iku import permissions as iku_permissions
from kinerja.iku import rules
from kinerja.iku import selectors as iku_selectors
from kinerja.iku.models import (
    GOAL_LEVEL_RANK,
    REGENCY_LEVELS,
    AgreementLine,
    AnnualTarget,
    Goal,
    Indicator,
    IndicatorResult,
    PerformanceAgreement,
    PerformanceYear,
    Period,
    PeriodKind,
    PolarityChoice,
)
from kinerja.org import selectors as org_selectors
from kinerja.org.models import Unit

# The category printed beside each capaian. domain.md §2.3 leaves the bands to the agency: each
# performance year has its own (LkjipSettings, edited by BKPSDM). A year without a setting uses
# the Permendagri 86/2017 scale (≥91 Sangat Tinggi … ≤50 Sangat Rendah), the common one in
# regional LKjIPs.
LKJIP_CATEGORY_BANDS = rules.PERMENDAGRI_86_2017_BANDS

MIN_YEAR, MAX_YEAR = 2000, 2100


@dataclass(frozen=True)
class LkjipRow:
    """One indicator line of the LKjIP performance table."""

    indicator: Indicator
    target: Decimal | None
    target_high: Decimal | None
    realisation: Decimal | None
    capaian: Decimal | None
    category: str
    last_year_realisation: Decimal | None
    final_target: Decimal | None
    final_target_high: Decimal | None
    final_target_year: int
    capaian_to_final: Decimal | None
    periods_reported: int | None = None
    periods_expected: int | None = None

    @property
    def is_range(self) -> bool:
        return self.indicator.is_range

    @property
    def is_partial(self) -> bool:
        return rules.is_partial(self.periods_reported, self.periods_expected)

    @property
    def is_lower_better(self) -> bool:
        return self.indicator.polarity == PolarityChoice.LOWER


@dataclass
class LkjipGoal:
    """A sasaran with its indicator rows; its capaian is the mean of theirs (domain.md §2.3)."""

    number: int
    goal: Goal
    rows: list[LkjipRow] = field(default_factory=list)
    capaian: Decimal | None = None


@dataclass
class LkjipReport:
    performance_year: PerformanceYear
    unit: Unit | None  # None: the regency (pemerintah daerah) report
    goals: list[LkjipGoal]
    capaian: Decimal | None
    category: str
    computed_at: datetime.datetime | None
    bands: tuple[rules.Band, ...] = LKJIP_CATEGORY_BANDS

    @property
    def is_partial(self) -> bool:
        """Computed while some indicator still had unreported periods: not the final year."""
        return any(row.is_partial for group in self.goals for row in group.rows)

    @property
    def year(self) -> int:
        return self.performance_year.year

    @property
    def rows(self) -> list[LkjipRow]:
        return [row for goal in self.goals for row in goal.rows]

    @property
    def subject(self) -> str:
        """Who reports: the unit, or the regional government."""
        if self.unit is not None:
            return self.unit.name
        return self.performance_year.agency.name


# --- scope ----------------------------------------------------------------------------------------


def report_year(viewer, year) -> PerformanceYear | None:
    """The viewer's agency's performance year, or None for a year it does not have."""
    try:
        year = int(year)
    except (TypeError, ValueError):
        return None
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    return (
        iku_selectors.performance_years(viewer).select_related("agency").filter(year=year).first()
    )


def report_performance_years(viewer) -> list[PerformanceYear]:
    return list(iku_selectors.performance_years(viewer).select_related("agency").order_by("-year"))


def report_years(viewer) -> list[int]:
    return list(
        iku_selectors.performance_years(viewer).order_by("-year").values_list("year", flat=True)
    )


def get_report_unit(viewer, pk: int) -> Unit:
    """A unit of the viewer's agency (404 otherwise); whether they may download is separate."""
    return org_selectors.get_unit(viewer, pk)


def reportable_units(viewer) -> list[Unit]:
    """Units that own goals and whose report the viewer may download, in tree order."""
    if not viewer.is_authenticated:
        return []
    owner_ids = Goal.objects.filter(agency_id=viewer.agency_id, is_active=True).values(
        "owner_unit_id"
    )
    units = org_selectors.units_visible_to(viewer).filter(pk__in=owner_ids).order_by("path")
    return [u for u in units if iku_permissions.can_see_unit_performance(viewer, u)]


def reportable_agreements(viewer, year: int) -> list[PerformanceAgreement]:
    """Every PK version of the year the viewer may download, by unit then newest version."""
    agreements = (
        iku_selectors.agreements_visible_to(viewer)
        .filter(year=year)
        .select_related("unit")
        .order_by("unit__path", "-version")
    )
    return [a for a in agreements if iku_permissions.can_read_agreement(viewer, a)]


# --- LKjIP ----------------------------------------------------------------------------------------


def _indicators(performance_year: PerformanceYear, *, unit: Unit | None):
    year = performance_year.year
    qs = Indicator.objects.filter(
        agency_id=performance_year.agency_id,
        is_active=True,
        goal__is_active=True,
        goal__plan_start_year__lte=year,
        goal__plan_end_year__gte=year,
    )
    if unit is None:
        return qs.filter(goal__level__in=REGENCY_LEVELS)
    return qs.filter(goal__owner_unit__path__startswith=unit.path)


def _capaian(indicator: Indicator, target, target_high, realisation, options) -> Decimal | None:
    if target is None:
        return None
    try:
        return rules.capaian(
            target,
            realisation,
            indicator.polarity,
            target_shape=indicator.target_shape,
            target_high=target_high if indicator.is_range else None,
            lower_is_better_formula=indicator.lower_is_better_formula,
            **options,
        )
    except ValueError:
        # A range target without its upper bound, for example: no capaian rather than a crash.
        return None


def lkjip_report(viewer, performance_year: PerformanceYear, *, unit: Unit | None) -> LkjipReport:
    """The LKjIP performance table of a unit (its subtree) or, with unit None, of the regency.

    Per indicator: target, realisation and capaian of the annual result; its category; last
    year's realisation; the target of the plan's final year and the capaian against it. The
    categories follow the year's LKjIP bands. A fixed number of queries whatever the number of
    indicators.
    """
    if not viewer.is_authenticated or performance_year.agency_id != viewer.agency_id:
        raise Http404
    if unit is not None and unit.agency_id != viewer.agency_id:
        raise Http404
    year = performance_year.year
    options = performance_year.capaian_options()
    bands = iku_selectors.lkjip_category_bands(performance_year)
    indicator_qs = _indicators(performance_year, unit=unit)

    annual_periods = dict(
        Period.objects.filter(
            performance_year__agency_id=performance_year.agency_id,
            performance_year__year__in=[year, year - 1],
            kind=PeriodKind.YEAR,
        ).values_list("performance_year__year", "pk")
    )
    indicators = sorted(
        indicator_qs.select_related("goal"),
        key=lambda i: (
            GOAL_LEVEL_RANK.get(i.goal.level, 99),
            i.goal.order,
            i.goal.code,
            i.goal_id,
            i.order,
            i.pk,
        ),
    )
    results = {
        (r.indicator_id, r.period_id): r
        for r in IndicatorResult.objects.filter(
            indicator__in=indicator_qs.values("pk"), period_id__in=annual_periods.values()
        )
    }
    target_years = {year} | {i.goal.plan_end_year for i in indicators}
    targets = {
        (t.indicator_id, t.year): t
        for t in AnnualTarget.objects.filter(
            indicator__in=indicator_qs.values("pk"), year__in=target_years
        )
    }

    current_period = annual_periods.get(year)
    previous_period = annual_periods.get(year - 1)
    goals: dict[int, LkjipGoal] = {}
    computed_at = None
    for indicator in indicators:
        result = results.get((indicator.pk, current_period))
        previous = results.get((indicator.pk, previous_period))
        if result is not None:
            target, target_high = result.target, result.target_high
            realisation, capaian = result.realisation, result.capaian
            computed_at = max(filter(None, [computed_at, result.computed_at]))
        else:
            annual = targets.get((indicator.pk, year))
            target = annual.value if annual else None
            target_high = annual.value_high if annual else None
            realisation = capaian = None
        end_year = indicator.goal.plan_end_year
        final = targets.get((indicator.pk, end_year))
        final_target = final.value if final else None
        final_high = final.value_high if final else None
        row = LkjipRow(
            indicator=indicator,
            target=target,
            target_high=target_high,
            realisation=realisation,
            capaian=capaian,
            category=rules.category(capaian, bands),
            last_year_realisation=previous.realisation if previous else None,
            final_target=final_target,
            final_target_high=final_high,
            final_target_year=end_year,
            capaian_to_final=_capaian(indicator, final_target, final_high, realisation, options),
            periods_reported=result.periods_reported if result else None,
            periods_expected=result.periods_expected if result else None,
        )
        group = goals.get(indicator.goal_id)
        if group is None:
            group = goals[indicator.goal_id] = LkjipGoal(len(goals) + 1, indicator.goal)
        group.rows.append(row)

    mean_options = {"places": options["places"], "rounding": options["rounding"]}
    for group in goals.values():
        group.capaian = rules.mean([r.capaian for r in group.rows], **mean_options)
    capaian = rules.mean([g.capaian for g in goals.values()], **mean_options)
    return LkjipReport(
        performance_year=performance_year,
        unit=unit,
        goals=list(goals.values()),
        capaian=capaian,
        category=rules.category(capaian, bands),
        computed_at=computed_at,
        bands=bands,
    )


# --- PK -------------------------------------------------------------------------------------------


def get_agreement_document(viewer, pk: int) -> PerformanceAgreement:
    """One PK version with everything its document prints, in the viewer's agency (404)."""
    agreement = (
        iku_selectors.agreements_visible_to(viewer)
        .select_related(
            "agency",
            "unit",
            "previous",
            "first_party_employee",
            "first_party_position",
            "second_party_employee",
            "second_party_position",
        )
        .prefetch_related(
            Prefetch(
                "lines",
                queryset=AgreementLine.objects.select_related("goal", "indicator").order_by(
                    "order", "pk"
                ),
            )
        )
        .filter(pk=pk)
        .first()
    )
    if agreement is None:
        raise Http404
    return agreement


def agreement_goals(agreement: PerformanceAgreement) -> list[dict]:
    """The agreement's lines grouped by sasaran, numbered, in their order."""
    groups: dict[int, dict] = {}
    for line in agreement.lines.all():
        group = groups.get(line.goal_id)
        if group is None:
            group = groups[line.goal_id] = {
                "number": len(groups) + 1,
                "goal": line.goal,
                "lines": [],
            }
        group["lines"].append(line)
    return list(groups.values())
