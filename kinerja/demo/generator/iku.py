"""Organisation performance of the demo agency: years, RPJMD tree, IKU, PK, realisations, capaian.

Called by `build.seed` after the organisation is written, inside its transaction. Years, the
holiday calendar, the planning unit and the capaian go through the services (a handful of calls,
each audited); goals, indicators, targets, agreements, realisations and predikat decisions are
built in memory and bulk-inserted, and one `demo.iku_seeded` event records what was built.

Randomness comes from its own generator, seeded from the demo seed, so that the organisation
data stays exactly as before and the same seed, size and day give the same performance data.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from kinerja.core import audit
from kinerja.demo.generator import iku_catalogue as cat
from kinerja.demo.generator import iku_catalogue_units as unit_cat
from kinerja.demo.generator.figures import BATCH, reported_periods, rounded
from kinerja.demo.generator.iku_results import decide, realisations
from kinerja.iku.models import (
    FREQUENCY_MONTHS,
    AgreementLine,
    AgreementStatus,
    AnnualTarget,
    Goal,
    GoalLevel,
    Indicator,
    NonWorkingDayKind,
    PerformanceAgreement,
    Period,
    PeriodTarget,
    ReportingFrequency,
    RevisionKind,
)
from kinerja.iku.services import calendar as calendar_services
from kinerja.iku.services import results as results_services
from kinerja.org.models import Assignment, AssignmentKind, UnitKind

PLAN_YEARS = 5
PROGRAM_UNIT_KINDS = {UnitKind.BIDANG, UnitKind.BAGIAN, UnitKind.SEKRETARIAT}
SECTION_KINDS = frozenset(
    {UnitKind.SEKSI, UnitKind.SUB_BIDANG, UnitKind.SUB_BAGIAN, UnitKind.BAGIAN, UnitKind.BIDANG}
)


@dataclass(frozen=True)
class Depth:
    """How far below the OPD the plan goes at a size: the divisions (bidang, bagian) with a
    sasaran program, and the sections (seksi, subbidang, subbagian) under them with a sasaran
    kegiatan; `None` is all of them. Indicator counts are (fewest, most) per goal."""

    divisions: int | None
    program_indicators: tuple[int, int]
    section_kinds: frozenset
    sections: int | None
    activity_indicators: tuple[int, int]


# Small stays small (tests seed it); a regency plans about 500 indicators, a province about
# 1,000, most of them reported monthly.
DEPTHS = {
    "small": Depth(4, (1, 2), frozenset({UnitKind.SEKSI}), 1, (1, 1)),
    "regency": Depth(None, (2, 2), frozenset({UnitKind.SEKSI, UnitKind.SUB_BIDANG}), None, (1, 1)),
    "province": Depth(None, (3, 4), SECTION_KINDS, None, (2, 3)),
}
_KIND_ORDER = {AssignmentKind.DEFINITIVE: 0, AssignmentKind.PLT: 1, AssignmentKind.PLH: 2}


class _Ind:
    """An indicator being planned, with the spec it came from."""

    def __init__(self, spec: cat.IkuSpec, goal: Goal, unit_node, obj: Indicator):
        self.spec, self.goal, self.unit_node, self.obj = spec, goal, unit_node, obj
        self.targets: dict[int, tuple[Decimal, Decimal | None]] = {}
        self.period_targets: dict[int, tuple[Decimal, Decimal | None]] = {}


def quarter_end_periods(agency, year: int) -> list[Period]:
    """The evaluation periods of the year that end a quarter: the four quarters, or the months
    3, 6, 9 and 12 of a monthly year (the demo's rencana aksi are quarterly steps)."""
    return list(
        Period.objects.filter(
            performance_year__agency=agency,
            performance_year__year=year,
            kind__in=["month", "quarter"],
            end_date__month__in=[3, 6, 9, 12],
        ).order_by("start_date")
    )


def seed_iku(agency, plan, *, seed: int, today: datetime.date, size: str = "small") -> dict:
    rng = random.Random(f"{seed}-iku")
    years = list(range(today.year - PLAN_YEARS + 1, today.year + 1))
    bappeda = plan.units_by_code.get("BAPPEDA")
    if bappeda is not None:
        calendar_services.planning_unit_set(actor=None, agency=agency, unit=bappeda.obj)
    performance_years = {
        year: calendar_services.performance_year_create(
            actor=None, agency=agency, year=year, evaluation_period="monthly"
        )
        for year in years
    }
    holidays = 0
    for year in years:
        for data, kind in (
            (cat.NATIONAL_HOLIDAYS, NonWorkingDayKind.NATIONAL_HOLIDAY),
            (cat.COLLECTIVE_LEAVE, NonWorkingDayKind.COLLECTIVE_LEAVE),
        ):
            if year in data:
                holidays += calendar_services.national_holidays_load(
                    actor=None, agency=agency, holidays=data[year], kind=kind
                )
    periods = {
        year: sorted(py.periods.all(), key=lambda p: (p.is_annual, p.end_date))
        for year, py in performance_years.items()
    }
    indicators, goals = _tree(agency, plan, rng, years, size)
    _targets(indicators, periods, years)
    agreements = _agreements(agency, plan, indicators, rng, years, today)
    realisations_count, evidence = realisations(indicators, periods, rng, today)
    for year in years:
        results_services.capaian_recompute_year(actor=None, agency=agency, year=year)
    decisions = decide(agency, periods, rng, today)
    counts = {
        "years": years,
        "non_working_days": holidays,
        "goals": goals,
        "indicators": len(indicators),
        "iku": sum(1 for i in indicators if i.obj.is_iku),
        "agreements": agreements,
        "realisations": realisations_count,
        "evidence": evidence,
        "org_predikat_decided": decisions,
    }
    audit.record(actor=None, action="demo.iku_seeded", obj=agency, agency=agency, after=counts)
    return counts


# --- the tree -------------------------------------------------------------------------------------


def _goal(agency, level, code, statement, unit_node, parent, years, order) -> Goal:
    return Goal(
        agency=agency,
        level=level,
        code=code,
        statement=statement,
        owner_unit=unit_node.obj,
        owner_position=unit_node.head.obj if unit_node.head else None,
        parent=parent,
        plan_start_year=years[0],
        plan_end_year=years[-1],
        order=order,
    )


def _indicator(agency, spec: cat.IkuSpec, goal: Goal, unit_node, code, order, *, is_iku, fill):
    name = spec.name.format(**fill)
    return Indicator(
        agency=agency,
        goal=goal,
        code=code,
        name=name[:500],
        is_iku=is_iku,
        definition=f"{name} di wilayah {fill['region']} pada periode pelaporan.",
        purpose=f"Mengukur ketercapaian sasaran: {goal.statement}",
        formula_text=spec.formula,
        unit_of_measure=spec.unit,
        data_source=spec.source,
        reporting_frequency=spec.frequency,
        responsible_position=unit_node.head.obj if unit_node.head else None,
        polarity=spec.polarity,
        target_shape=spec.target_shape,
        lower_is_better_formula=spec.lower_formula,
        consolidation=spec.consolidation,
        order=order,
    )


def _names(region: str, unit) -> dict:
    """What a catalogue text may name: the region, the unit and its name without its kind
    ("Kesehatan Masyarakat"); a unit named by its kind alone ("Sekretariat") adds its OPD's."""
    top = unit
    while top.parent is not None:
        top = top.parent
    words = unit.name.split(" ", 1)
    short = words[1] if len(words) > 1 else f"{unit.name} {top.short_name or top.name}"
    return {"region": region, "name": unit.name, "short": short}


def _tree(agency, plan, rng: random.Random, years, size: str) -> tuple[list[_Ind], int]:
    region = agency.region_name
    tops = [u for u in plan.units if u.parent is None]
    owner = plan.units_by_code.get("BAPPEDA") or tops[0]
    fill = {"region": region, "name": owner.name, "short": owner.short_name or owner.name}
    planned: list[_Ind] = []

    tujuan = [
        _goal(agency, GoalLevel.TUJUAN_DAERAH, f"T{n + 1}", text, owner, None, years, n)
        for n, (text, _sasaran) in enumerate(cat.TUJUAN)
    ]
    Goal.objects.bulk_create(tujuan, batch_size=BATCH)
    sasaran_daerah, specs = [], []
    for t, (_text, sasaran) in zip(tujuan, cat.TUJUAN, strict=True):
        for statement, spec in sasaran:
            n = len(sasaran_daerah)
            code = f"{t.code}.S{n + 1}"
            goal = _goal(agency, GoalLevel.SASARAN_DAERAH, code, statement, owner, t, years, n)
            sasaran_daerah.append(goal)
            specs.append(spec)
    Goal.objects.bulk_create(sasaran_daerah, batch_size=BATCH)
    for n, (goal, spec) in enumerate(zip(sasaran_daerah, specs, strict=True)):
        obj = _indicator(agency, spec, goal, owner, f"IKD.{n + 1}", 0, is_iku=True, fill=fill)
        planned.append(_Ind(spec, goal, owner, obj))

    strategic, strategic_specs = [], []
    for order, unit in enumerate(tops):
        key = cat.ALIASES.get(unit.code, unit.code)
        sasaran_list = cat.OPD_SASARAN.get(key, (cat.GENERIC,))
        names = {"region": region, "name": unit.name, "short": unit.short_name or unit.name}
        for n, sasaran in enumerate(sasaran_list):
            parent = sasaran_daerah[min(sasaran.theme, len(sasaran_daerah) - 1)]
            goal = _goal(
                agency,
                GoalLevel.SASARAN_STRATEGIS,
                f"SS.{unit.code}.{n + 1}",
                sasaran.statement.format(**names),
                unit,
                parent,
                years,
                order,
            )
            strategic.append(goal)
            strategic_specs.append((unit, sasaran, names))
    Goal.objects.bulk_create(strategic, batch_size=BATCH)
    by_unit: dict[str, Goal] = {}
    for goal, (unit, sasaran, names) in zip(strategic, strategic_specs, strict=True):
        by_unit.setdefault(unit.code, goal)
        for n, spec in enumerate(sasaran.indicators):
            code = f"IKU.{goal.code[3:]}.{n + 1}"
            obj = _indicator(agency, spec, goal, unit, code, n, is_iku=True, fill=names)
            planned.append(_Ind(spec, goal, unit, obj))

    depth = DEPTHS[size]
    children = defaultdict(list)
    for unit in plan.units:
        if unit.parent is not None:
            children[unit.parent.code].append(unit)
    program, program_specs = [], []
    for top in tops:
        divisions = [u for u in children[top.code] if u.kind in PROGRAM_UNIT_KINDS]
        for order, unit in enumerate(divisions[: depth.divisions]):
            entry = unit_cat.unit_sasaran(unit.name, unit.kind)
            names = _names(region, unit)
            goal = _goal(
                agency,
                GoalLevel.SASARAN_PROGRAM,
                f"SP.{unit.code}",
                entry.statement.format(**names),
                unit,
                by_unit.get(top.code),
                years,
                order,
            )
            program.append(goal)
            count = rng.randint(*depth.program_indicators)
            program_specs.append((unit, names, unit_cat.with_monitoring(entry)[:count], entry))
    Goal.objects.bulk_create(program, batch_size=BATCH)
    activity, activity_specs = [], []
    for goal, (unit, names, chosen, entry) in zip(program, program_specs, strict=True):
        for n, spec in enumerate(chosen):
            obj = _indicator(
                agency, spec, goal, unit, f"IK.{unit.code}.{n + 1}", n, is_iku=False, fill=names
            )
            planned.append(_Ind(spec, goal, unit, obj))
        sections = [u for u in children[unit.code] if u.kind in depth.section_kinds]
        for order, section in enumerate(sections[: depth.sections]):
            own = unit_cat.unit_sasaran(section.name, section.kind)
            section_names = _names(region, section)
            if own is entry:
                statement = f"Terlaksananya kegiatan {section.name}"
            else:
                statement = own.statement.format(**section_names)
            sub = _goal(
                agency,
                GoalLevel.SASARAN_KEGIATAN,
                f"SK.{section.code}",
                statement,
                section,
                goal,
                years,
                order,
            )
            fresh = [spec for spec in unit_cat.with_monitoring(own) if spec not in chosen]
            count = rng.randint(*depth.activity_indicators)
            activity.append(sub)
            activity_specs.append((section, section_names, fresh[:count]))
    Goal.objects.bulk_create(activity, batch_size=BATCH)
    for goal, (unit, names, chosen) in zip(activity, activity_specs, strict=True):
        for n, spec in enumerate(chosen):
            obj = _indicator(
                agency, spec, goal, unit, f"IK.{unit.code}.{n + 1}", n, is_iku=False, fill=names
            )
            planned.append(_Ind(spec, goal, unit, obj))
    Indicator.objects.bulk_create([i.obj for i in planned], batch_size=BATCH)
    goals = len(tujuan) + len(sasaran_daerah) + len(strategic) + len(program) + len(activity)
    return planned, goals


# --- targets --------------------------------------------------------------------------------------


def _period_target(spec: cat.IkuSpec, annual: float, period, span: int) -> float:
    """A trajectory (rencana aksi) target: a share of the year's for sums, a rising path for
    levels measured at the end of each period, the year's target for averages."""
    if spec.consolidation == "sum":
        return annual * span / 12
    if spec.consolidation == "last" and spec.high is None:
        progress = period.end_date.month / 12
        factor = 0.94 + 0.06 * progress if spec.polarity == "higher" else 1.06 - 0.06 * progress
        return annual * factor
    return annual


def _targets(indicators: list[_Ind], periods: dict, years: list[int]) -> None:
    annual_rows, period_rows = [], []
    for ind in indicators:
        spec = ind.spec
        for k, year in enumerate(years):
            value, value_high = rounded(spec.base + spec.step * k, spec.places), None
            if spec.high is not None:
                value_high = max(rounded(spec.high, spec.places), value)
            ind.targets[year] = (value, value_high)
            annual_rows.append(
                AnnualTarget(indicator=ind.obj, year=year, value=value, value_high=value_high)
            )
            if spec.frequency == ReportingFrequency.ANNUAL:
                continue
            span = FREQUENCY_MONTHS[spec.frequency]
            for period in reported_periods(spec.frequency, periods[year]):
                target = rounded(_period_target(spec, float(value), period, span), spec.places)
                ind.period_targets[period.pk] = (target, value_high)
                period_rows.append(
                    PeriodTarget(
                        indicator=ind.obj, period=period, value=target, value_high=value_high
                    )
                )
    AnnualTarget.objects.bulk_create(annual_rows, batch_size=BATCH)
    PeriodTarget.objects.bulk_create(period_rows, batch_size=BATCH)


# --- performance agreements (PK) ------------------------------------------------------------------


def _holder(rows: list, day: datetime.date):
    running = [a for a in rows if a.start_date <= day and (a.end_date is None or a.end_date >= day)]
    if not running:
        return None
    return min(running, key=lambda a: (_KIND_ORDER[a.kind], a.start_date, a.pk))


def _agreements(agency, plan, indicators, rng, years, today) -> int:
    """A signed PK of every OPD head each year; one OPD revises last year's (version 2)."""
    tops = [u for u in plan.units if u.parent is None and u.head is not None]
    head_posts = {u.head.obj.pk: u for u in tops}
    leader_posts = {u.head.obj.parent_id for u in tops if u.head.obj.parent_id}
    by_post = defaultdict(list)
    for a in Assignment.objects.filter(
        position_id__in=set(head_posts) | leader_posts
    ).select_related("employee", "position"):
        by_post[a.position_id].append(a)
    lines_of = defaultdict(list)
    for ind in indicators:
        if ind.obj.is_iku and ind.goal.level == GoalLevel.SASARAN_STRATEGIS:
            lines_of[ind.unit_node.code].append(ind)
    regional_head = agency.head_title + (f" ({agency.head_name})" if agency.head_name else "")
    revised_code = "DINKES" if "DINKES" in plan.units_by_code else tops[0].code
    built = []  # (agreement, lines, revision of)
    for year in years:
        for unit in tops:
            if not lines_of[unit.code]:
                continue
            signed = datetime.date(year, 1, 20) + datetime.timedelta(days=rng.randint(0, 20))
            signed = min(signed, today)
            post = unit.head.obj
            head = _holder(by_post[post.pk], signed) or _holder(by_post[post.pk], today)
            if head is None:
                continue
            leader = _holder(by_post.get(post.parent_id, []), signed) if post.parent_id else None
            agreement = PerformanceAgreement(
                agency=agency,
                unit=unit.obj,
                year=year,
                version=1,
                status=AgreementStatus.SIGNED,
                first_party_employee=head.employee,
                first_party_position=post,
                second_party_employee=leader.employee if leader else None,
                second_party_position=leader.position if leader else None,
                second_party_label=(
                    f"{leader.employee.full_name} ({leader.position.name})"
                    if leader
                    else regional_head
                )[:300],
                first_signed_on=signed,
                second_signed_on=signed,
            )
            budget = [rng.randint(4, 90) * 50_000_000 for _ in lines_of[unit.code]]
            built.append((agreement, unit, year, budget, None))
            if unit.code == revised_code and year == years[-2]:
                revision = PerformanceAgreement(
                    **{
                        f.attname: getattr(agreement, f.attname)
                        for f in PerformanceAgreement._meta.concrete_fields
                        if f.name not in {"id", "created_at"}
                    }
                )
                revision.version = 2
                revision.revision_kind = RevisionKind.REFOCUSING
                revision.revision_reason = (
                    "Refocusing anggaran untuk penanganan kejadian luar biasa; target cakupan "
                    "imunisasi disesuaikan."
                )
                day = datetime.date(year, 7, 15)
                revision.first_signed_on = revision.second_signed_on = day
                built.append((revision, unit, year, budget, agreement))
    PerformanceAgreement.objects.bulk_create(
        [b[0] for b in built if b[4] is None], batch_size=BATCH
    )
    for agreement, *_rest, previous in built:
        if previous is not None:
            agreement.previous = previous
    PerformanceAgreement.objects.bulk_create(
        [b[0] for b in built if b[4] is not None], batch_size=BATCH
    )
    lines = []
    for agreement, unit, year, budget, previous in built:
        for order, (ind, amount) in enumerate(zip(lines_of[unit.code], budget, strict=True)):
            value, high = ind.targets[year]
            if previous is not None and order == 0 and high is None:
                value = rounded(float(value) * 0.97, ind.spec.places)
            lines.append(
                AgreementLine(
                    agreement=agreement,
                    goal=ind.goal,
                    indicator=ind.obj,
                    target=value,
                    target_high=high,
                    budget_amount=Decimal(amount),
                    budget_line=f"Program {ind.goal.statement[:120]}",
                    order=order,
                )
            )
    AgreementLine.objects.bulk_create(lines, batch_size=BATCH)
    return len(built)
