"""Shapes of the organisation-performance API: years, goals, indicators, realisations, results."""

import datetime
from decimal import Decimal

from ninja import Field, Schema

from kinerja.api.fields import model_decimal, model_text
from kinerja.api.schemas import BodyIn, InputSchema
from kinerja.api.types import Day, Id
from kinerja.core.calendar import WEEKEND
from kinerja.iku import selectors
from kinerja.iku.models import (
    ConsolidationChoice,
    DecisionStatus,
    GoalLevel,
    LowerIsBetterFormulaChoice,
    NonWorkingDay,
    NonWorkingDayKind,
    OrgPredikatChoice,
    OrgPredikatDecision,
    PeriodKind,
    PolarityChoice,
    Realisation,
    RealisationStatus,
    ReportingFrequency,
    TargetShapeChoice,
)
from kinerja.org.api.schemas import PositionRef, UnitRef

# --- shared pieces ----------------------------------------------------------------------------


class PeriodOut(Schema):
    """An evaluation period (a month or a quarter) or the year itself."""

    id: int = Field(description="Period id; realisations and results name it.")
    kind: str = Field(description="month, quarter or year.")
    number: int = Field(description="1-12 for a month, 1-4 for a quarter, 1 for the year.")
    label: str = Field(description='Display label, e.g. "03-2025", "Quarter I 2025".')
    start_date: datetime.date = Field(description="First day of the period.")
    end_date: datetime.date = Field(description="Last day of the period.")


# --- years ------------------------------------------------------------------------------------


class YearOut(Schema):
    """A performance year of the agency, with its evaluation periods."""

    year: int = Field(description="The calendar year.")
    evaluation_period: str = Field(
        description="monthly or quarterly (PermenPANRB 6/2022 Ps 24): how periods are cut."
    )
    capaian_cap: Decimal | None = Field(
        description="Cap applied to every capaian (%), or null for none."
    )
    capaian_places: int = Field(description="Decimals kept in a capaian.")
    capaian_rounding: str = Field(description="half_up or truncate.")
    realisation_due_working_days: int = Field(
        description="Working days after a period ends by which its realisation is due."
    )
    periods: list[PeriodOut] = Field(
        description="The months or quarters, then the annual period, in order."
    )

    @staticmethod
    def resolve_periods(obj) -> list:
        return sorted(obj.periods.all(), key=lambda p: (p.kind == PeriodKind.YEAR, p.end_date))


# --- goals ------------------------------------------------------------------------------------


class GoalOut(Schema):
    """A node of the performance tree (pohon kinerja): a goal statement owned by a unit."""

    id: int = Field(description="Goal id.")
    code: str = Field(description="Goal code, unique in the agency; may be empty.")
    level: GoalLevel = Field(
        description="tujuan_daerah, sasaran_daerah (RPJMD), sasaran_strategis (Renstra of an "
        "OPD), sasaran_program, sasaran_kegiatan."
    )
    level_label: str = Field(description="The level in the caller's language.")
    statement: str = Field(description="The goal statement.")
    owner_unit: UnitRef = Field(description="The unit that owns the goal.")
    owner_position: PositionRef | None = Field(description="The post that owns it, if set.")
    parent_id: int | None = Field(description="The goal it cascades from; null at the top.")
    extra_parent_ids: list[int] = Field(
        description="Further goals a cross-cutting goal supports (crosscutting)."
    )
    plan_start_year: int = Field(description="First year of the plan (RPJMD / Renstra).")
    plan_end_year: int = Field(description="Last year of the plan.")
    order: int = Field(description="Position among the goals of the same owner.")
    is_active: bool = Field(description="False for a goal withdrawn from the plan.")
    indicator_count: int = Field(description="How many indicators the goal has.")

    @staticmethod
    def resolve_level_label(obj) -> str:
        return str(obj.get_level_display())

    @staticmethod
    def resolve_extra_parent_ids(obj) -> list[int]:
        return sorted(g.pk for g in obj.extra_parents.all())


class IndicatorRef(Schema):
    id: int = Field(description="Indicator id.")
    code: str = Field(description="Indicator code; may be empty.")
    name: str = Field(description="Indicator name.")
    is_iku: bool = Field(description="A key performance indicator (IKU).")


class GoalDetailOut(GoalOut):
    children_ids: list[int] = Field(description="Goals that cascade directly from this one.")
    indicators: list[IndicatorRef] = Field(description="The goal's indicators, in order.")

    @staticmethod
    def resolve_children_ids(obj) -> list[int]:
        return [g.pk for g in obj.children.all()]

    @staticmethod
    def resolve_indicators(obj) -> list:
        return list(obj.indicators.all())


class GoalFilters(InputSchema):
    year: int | None = Field(
        None, ge=2000, le=2100, description="Only goals whose plan covers this year."
    )
    unit: Id | None = Field(
        None, description="Only goals owned by this unit id or one of its sub-units."
    )
    level: GoalLevel | None = Field(None, description="Only goals of this level.")


# --- indicators -------------------------------------------------------------------------------


class GoalRef(Schema):
    id: int = Field(description="Goal id.")
    code: str = Field(description="Goal code; may be empty.")
    statement: str = Field(description="The goal statement.")
    level: GoalLevel = Field(description="Level of the goal in the cascade.")


class IndicatorOut(Schema):
    """An indicator of a goal (IKU or other)."""

    id: int = Field(description="Indicator id.")
    code: str = Field(description="Indicator code, unique in the agency; may be empty.")
    name: str = Field(description="Indicator name.")
    is_iku: bool = Field(description="A key performance indicator (IKU) of the owner unit.")
    goal: GoalRef = Field(description="The goal the indicator measures.")
    owner_unit: UnitRef = Field(description="The unit responsible (the goal's owner).")
    unit_of_measure: str = Field(description='Unit of measure, e.g. "%", "menit", "hari".')
    polarity: PolarityChoice = Field(
        description="higher (higher is better), lower (lower is better) or stabilise (a "
        "penalty on both sides of the target)."
    )
    target_shape: TargetShapeChoice = Field(
        description="single (one target value) or range (a lower and an upper end; inside it "
        "the capaian is 100 %, outside it the polarity's formula on the nearer end)."
    )
    reporting_frequency: ReportingFrequency = Field(
        description="monthly, quarterly, semiannual or annual: the periods it reports on."
    )
    consolidation: ConsolidationChoice = Field(
        description="How period realisations roll up to the year: sum, average or last."
    )
    is_active: bool = Field(description="False for an indicator no longer measured.")

    @staticmethod
    def resolve_owner_unit(obj):
        return obj.goal.owner_unit


class AnnualTargetOut(Schema):
    year: int = Field(description="Year of the plan.")
    value: Decimal = Field(description="Target (the lower end for a range).")
    value_high: Decimal | None = Field(description="Upper end of a target range; else null.")


class PeriodTargetOut(Schema):
    period: PeriodOut = Field(description="The period of the trajectory target.")
    value: Decimal = Field(description="Target (the lower end for a range).")
    value_high: Decimal | None = Field(description="Upper end of a target range; else null.")


class IndicatorDetailOut(IndicatorOut):
    """The indicator with its manual (manual IKU) and its targets."""

    definition: str = Field(description="Manual: what the indicator measures.")
    purpose: str = Field(description="Manual: why it is measured.")
    formula_text: str = Field(description="Manual: how it is computed, in words.")
    data_source: str = Field(description="Manual: where the figures come from.")
    responsible_position: PositionRef | None = Field(
        description="Manual: the post responsible for the figures (PIC), if set."
    )
    lower_is_better_formula: LowerIsBetterFormulaChoice = Field(
        description="For polarity lower (and stabilise above the target): 2t-r "
        "((2T - R) / T * 100) or t/r (T / R * 100)."
    )
    annual_targets: list[AnnualTargetOut] = Field(description="Targets per year of the plan.")
    period_targets: list[PeriodTargetOut] = Field(
        description="Trajectory targets (rencana aksi) per period, in date order."
    )

    @staticmethod
    def resolve_annual_targets(obj) -> list:
        return list(obj.annual_targets.all())

    @staticmethod
    def resolve_period_targets(obj) -> list:
        return list(obj.period_targets.all())


class IndicatorFilters(InputSchema):
    goal: Id | None = Field(None, description="Only the indicators of this goal id.")
    unit: Id | None = Field(
        None, description="Only indicators of goals owned by this unit id or its sub-units."
    )
    is_iku: bool | None = Field(None, description="true: only IKU; false: only the others.")
    year: int | None = Field(
        None, ge=2000, le=2100, description="Only indicators of goals whose plan covers this year."
    )


# --- realisations -----------------------------------------------------------------------------


class EvidenceOut(Schema):
    id: int = Field(description="Evidence id.")
    original_name: str = Field(description="File name as uploaded.")
    content_type: str = Field(description="MIME type, checked against the content.")
    size: int = Field(description="Size in bytes.")
    sha256: str = Field(description="SHA-256 of the content, hex.")
    uploaded_at: datetime.datetime = Field(description="When it was uploaded.")


class RealisationOut(Schema):
    """What an indicator achieved in a period: entered by the unit, verified by its head."""

    id: int = Field(description="Realisation id.")
    indicator_id: Id = Field(description="The indicator.")
    period: PeriodOut = Field(description="The period it reports on.")
    value: Decimal | None = Field(description="The figure; null when not available (see note).")
    note: str = Field(description="Explanation, required when the figure is not available.")
    status: RealisationStatus = Field(
        description="draft, submitted (waiting for the unit head), returned (for correction) "
        "or verified (final; changed only by a recorded correction)."
    )
    version: int = Field(
        description="0 before verification; +1 at verification and each correction."
    )
    first_submitted_at: datetime.datetime | None = Field(
        description="First submission: decides whether it was late."
    )
    submitted_at: datetime.datetime | None = Field(description="Latest submission.")
    verified_at: datetime.datetime | None = Field(description="Verification by the unit head.")
    returned_at: datetime.datetime | None = Field(description="Latest return for correction.")
    return_comment: str = Field(description="What the unit head asked to correct.")
    evidence: list[EvidenceOut] = Field(
        description="Supporting files (bukti dukung): empty for readers who may see the verified "
        "figure but not its evidence (only the responsible unit and the overseers may)."
    )

    @staticmethod
    def resolve_evidence(obj, context) -> list:
        request = context["request"]
        # A list sets the answer once for its indicator; a write answers for its one record.
        allowed = getattr(request, "evidence_allowed", None)
        if allowed is None:
            allowed = selectors.may_see_indicator_evidence(request.viewer, obj.indicator)
        return list(obj.evidence.all()) if allowed else []


class RealisationFilters(InputSchema):
    year: int | None = Field(None, ge=2000, le=2100, description="Only periods of this year.")
    period: Id | None = Field(None, description="Only this period id.")
    status: RealisationStatus | None = Field(None, description="Only realisations in this status.")


class RealisationIn(BodyIn):
    period: Id = Field(description="The period id the figure is for.")
    value: model_decimal(Realisation, "value") | None = Field(
        None,
        description="The figure: a number or a string with a decimal point or comma, at most "
        "15 digits of which 4 after the point; null when not available.",
    )
    note: model_text(Realisation, "note") = Field(
        "", description="Explanation; required without a value."
    )


class ReturnIn(BodyIn):
    comment: model_text(Realisation, "return_comment") = Field(
        min_length=1, description="What has to be corrected (required)."
    )


# --- results ----------------------------------------------------------------------------------


class UnitResultOut(Schema):
    """Capaian of a unit in a period: the mean of its goals' capaian (recomputed by BKPSDM)."""

    unit: UnitRef = Field(description="The unit.")
    period: PeriodOut = Field(description="The period.")
    capaian: Decimal | None = Field(
        description="Capaian (%), null when no indicator of the unit has one."
    )
    goal_count: int = Field(description="Goals with a capaian that went into the mean.")
    periods_reported: int | None = Field(
        description="For the year: the period reports of the unit's indicators that were in "
        "when it was computed; null for a single period."
    )
    periods_expected: int | None = Field(
        description="For the year: the period reports expected; null for a single period."
    )
    is_partial: bool = Field(
        description="True when the annual capaian was computed while periods were unreported: "
        "not final, and its predikat cannot be decided yet."
    )
    computed_at: datetime.datetime = Field(description="When the capaian was last recomputed.")
    predikat_proposed: OrgPredikatChoice | None = Field(
        description="Organisation predikat that Kinerja proposes from the capaian and the "
        "year's band table; null if none."
    )
    predikat: OrgPredikatChoice | None = Field(
        description="Predikat decided by the next-higher leader; null until decided."
    )
    predikat_status: DecisionStatus | None = Field(
        description="proposed, confirmed or changed (by the leader, with a reason); null if "
        "there is no proposal."
    )

    @staticmethod
    def resolve_predikat_proposed(obj):
        return obj.predikat_proposed or None

    @staticmethod
    def resolve_predikat(obj):
        return obj.predikat_decided or None


class UnitResultFilters(InputSchema):
    year: int = Field(ge=2000, le=2100, description="The performance year (required).")
    period: Id | None = Field(
        None, description="Only this period id of the year; default every period."
    )
    unit: Id | None = Field(None, description="Only this unit id and its sub-units.")


# --- organisation predikat decisions -----------------------------------------------------------


class PredikatDecisionOut(Schema):
    """The organisation predikat of a unit for a period: proposed by Kinerja from the capaian,
    decided (confirmed or changed) by the next-higher leader; final once decided."""

    id: int = Field(description="Decision id.")
    unit: UnitRef = Field(description="The unit.")
    period: PeriodOut = Field(description="The period.")
    capaian: Decimal | None = Field(description="The unit's capaian (%) the proposal is from.")
    proposed: OrgPredikatChoice | None = Field(
        description="The predikat Kinerja proposes through the year's band table."
    )
    predikat: OrgPredikatChoice | None = Field(description="The decided predikat; null until then.")
    status: DecisionStatus = Field(description="proposed, confirmed or changed.")
    reason: str = Field(description="Why the leader chose a predikat other than the proposed one.")
    decided_by_label: str = Field(description="Who decided; empty until decided.")
    decided_on: datetime.date | None = Field(
        description="Issue date: for the annual predikat it decides whether it counts."
    )
    decided_at: datetime.datetime | None = Field(description="When the decision was recorded.")
    proposed_at: datetime.datetime = Field(description="When the proposal was last computed.")

    @staticmethod
    def resolve_proposed(obj):
        return obj.proposed or None

    @staticmethod
    def resolve_predikat(obj):
        return obj.predikat or None


class PredikatDecisionFilters(InputSchema):
    decided: bool = Field(
        False,
        description="false: the proposals waiting for the caller, oldest period first; true: "
        "the latest 100 predikat decided for the units the caller decides for, newest first.",
    )
    q: str = Field("", max_length=100, description="Part of the unit's name.")
    year: int | None = Field(None, ge=2000, le=2100, description="Only periods of this year.")


class PredikatDecideIn(BodyIn):
    predikat: OrgPredikatChoice = Field(
        description="The proposed predikat to confirm it, or another one (with a reason)."
    )
    reason: model_text(OrgPredikatDecision, "reason") = Field(
        "", description="Required when the predikat is not the proposed one."
    )
    issued_on: Day | None = Field(
        None, description="Issue date (YYYY-MM-DD), not before the period starts; default today."
    )


class PredikatConfirmIn(BodyIn):
    decisions: list[Id] = Field(
        min_length=1,
        max_length=1000,
        description="Ids of proposals waiting for the caller, each confirmed as proposed; all "
        "or none.",
    )
    issued_on: Day | None = Field(None, description="Issue date (YYYY-MM-DD); default today.")


# --- the working-day calendar --------------------------------------------------------------------


class NonWorkingDayOut(Schema):
    """A weekday on which the agency does not work: a national holiday, collective leave (cuti
    bersama) or a day off of the agency."""

    id: int = Field(description="Id of the day off.")
    date: datetime.date = Field(description="The day.")
    name: str = Field(description='What it is, e.g. "Hari Raya Idul Fitri".')
    kind: NonWorkingDayKind = Field(description="national, collective or agency.")
    kind_label: str = Field(description="The kind in the caller's language.")
    on_weekend: bool = Field(description="It falls on a Saturday or Sunday: it changes no count.")

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_on_weekend(obj) -> bool:
        return obj.date.weekday() in WEEKEND


class PeriodWorkingDaysOut(Schema):
    period: PeriodOut = Field(description="A period of the performance year.")
    working_days: int = Field(description="Its working days on the agency's calendar.")


class CalendarOut(Schema):
    """The agency's calendar of one year, as the calendar page shows it."""

    year: int = Field(description="The calendar year.")
    days: list[NonWorkingDayOut] = Field(description="Its holidays and days off, by date.")
    periods: list[PeriodWorkingDaysOut] = Field(
        description="Working days per period; empty when the year is no performance year."
    )
    can_edit: bool = Field(description="The caller may add and remove days off (BKPSDM).")


class CalendarFilters(InputSchema):
    year: int = Field(ge=2000, le=2100, description="The calendar year (required).")


class NonWorkingDayIn(BodyIn):
    date: Day = Field(description="The day (YYYY-MM-DD); one entry per day.")
    name: model_text(NonWorkingDay, "name") = Field(min_length=1, description="What it is.")
    kind: NonWorkingDayKind = Field(
        NonWorkingDayKind.AGENCY_DAY_OFF, description="national, collective or agency."
    )
