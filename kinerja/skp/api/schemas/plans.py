"""Shapes of the SKP plans: plans, RHK, indicators, action plans, behaviours, comments, diffs,
and the exemptions from planning."""

import datetime
import uuid
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

from kinerja.api.fields import model_decimal, model_text
from kinerja.api.schemas import BodyIn, InputSchema
from kinerja.api.types import Day, Id, IdKey
from kinerja.org.api.schemas import PositionRef, UnitRef
from kinerja.skp.berakhlak import BEHAVIOUR_GUIDES, CoreValue
from kinerja.skp.models import (
    ActionPlan,
    Approach,
    Aspect,
    BehaviourExpectation,
    CommentKind,
    ControlLevel,
    ExemptionReason,
    Perspective,
    PlanExemption,
    ReportingPeriod,
    ResultKind,
    RevisionKind,
    Rhk,
    RhkIndicator,
    RhkSource,
    Skp,
    SkpComment,
    SkpForm,
    SkpStatus,
)

Blank = Literal[""]


# --- answers ----------------------------------------------------------------------------------


class SkpEmployeeRef(Schema):
    id: int = Field(description="Employee id.")
    name: str = Field(description="Full name with titles.")

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.full_name


class SkpOut(Schema):
    """One version of an employee's yearly plan (SKP)."""

    id: int = Field(description="SKP id (one version).")
    year: int = Field(description="Performance year.")
    series: uuid.UUID = Field(description="Shared by every version of the same plan.")
    version: int = Field(description="1 for the first version; +1 for each revision.")
    previous_id: int | None = Field(description="The version this one revises, if any.")
    is_latest: bool = Field(description="True for the newest version of the series.")
    status: SkpStatus = Field(
        description="draft, dialogue, submitted (waiting for the rater), returned (for changes), "
        "set (in force, immutable), superseded (by a newer set version) or closed (after a "
        "mutation or change of rater)."
    )
    status_label: str = Field(description="The status in the caller's language.")
    form: SkpForm = Field(description="jpt (perspectives) or non_jpt (intervened RHK).")
    approach: Approach = Field(description="kuantitatif or kualitatif (Ps 9(3)).")
    employee: SkpEmployeeRef = Field(description="Whose plan it is.")
    position: PositionRef = Field(description="The post the plan is for.")
    unit: UnitRef = Field(description="The unit of that post.")
    start_date: datetime.date = Field(description="First day the plan covers.")
    end_date: datetime.date = Field(description="Last day the plan covers.")
    rater_id: int | None = Field(
        description="Employee id of the rater (pejabat penilai); null for the regional head."
    )
    rater_label: str = Field(description="The rater's name and post.")
    rater_superior_id: int | None = Field(description="Employee id of the rater's superior.")
    rater_superior_label: str = Field(description="The rater's superior, name and post.")
    deadline: datetime.date = Field(description="Last day to set the plan (end of January).")
    submitted_at: datetime.datetime | None = Field(description="Latest submission.")
    returned_at: datetime.datetime | None = Field(description="Latest return with comments.")
    set_at: datetime.datetime | None = Field(description="When the plan was set.")
    set_by_role: str = Field(
        description="rater, rater_superior (the rater was late) or system; empty until set."
    )
    revision_kind: RevisionKind | Blank = Field(description="Why this version was made.")
    revision_reason: str = Field(description="Explanation of the change.")

    @staticmethod
    def resolve_status_label(obj) -> str:
        return str(obj.get_status_display())


class SkpActionPlanOut(Schema):
    period_id: int = Field(description="The evaluation period of the plan's year.")
    period_number: int = Field(description="Its number in the year: a month 1-12, a quarter 1-4.")
    text: str = Field(description="The planned action (rencana aksi).")
    target: str = Field(description="Target of the period; may be empty.")


class SkpIndicatorOut(Schema):
    """An individual performance indicator (IKI) with its target and manual."""

    id: int = Field(description="Indicator id.")
    rhk_id: int = Field(description="The RHK it measures.")
    key: uuid.UUID = Field(description="Stable from one version of the plan to the next.")
    order: int = Field(description="Position among the RHK's indicators.")
    aspect: Aspect | Blank = Field(description="kuantitas, kualitas, waktu or biaya.")
    text: str = Field(description="The indicator.")
    target_text: str = Field(description="Target in words (qualitative approach).")
    target_value: Decimal | None = Field(description="Target value (quantitative approach).")
    target_high: Decimal | None = Field(description="Upper end of a target range.")
    unit_of_measure: str = Field(description="Unit of the target value.")
    target_display: str = Field(description='The target as printed, e.g. "12 laporan".')
    needs_manual: bool = Field(description="An indicator manual (format A.1.3) is needed.")
    manual_purpose: str = Field(description="Manual: why the indicator is measured.")
    manual_definition: str = Field(description="Manual: what it measures.")
    manual_formula: str = Field(description="Manual: how it is computed (may be empty).")
    manual_data_source: str = Field(description="Manual: where the figures come from.")
    manual_reporting_period: ReportingPeriod | Blank = Field(
        description="Manual: monthly, quarterly, semester or annual."
    )


class SkpRhkOut(Schema):
    """A planned result (Rencana Hasil Kerja) with its indicators and action plans."""

    id: int = Field(description="RHK id.")
    skp_id: int = Field(description="The plan (version) it belongs to.")
    key: uuid.UUID = Field(description="Stable from one version of the plan to the next.")
    order: int = Field(description="Position among the plan's RHK of the same kind.")
    kind: ResultKind = Field(description="utama (main) or tambahan (additional).")
    text: str = Field(description="The planned result.")
    perspective: Perspective | Blank = Field(description="Balanced-scorecard perspective (JPT).")
    control_level: ControlLevel | Blank = Field(description="Quality and control level.")
    assigned_by_label: str = Field(description="The leader who assigned it.")
    intervened_rhk_id: int | None = Field(description="The leader's RHK it intervenes in.")
    intervened_indicator_id: int | None = Field(description="The leader's indicator.")
    iku_goal_id: int | None = Field(description="The organisation goal it intervenes in.")
    iku_indicator_id: int | None = Field(description="The organisation indicator.")
    source: RhkSource = Field(description="manual, matrix, template or agreement.")
    indicators: list[SkpIndicatorOut] = Field(description="Its indicators, in order.")
    action_plans: list[SkpActionPlanOut] = Field(description="Its action plans, by period.")

    @staticmethod
    def resolve_indicators(obj) -> list:
        return list(obj.indicators.all())

    @staticmethod
    def resolve_action_plans(obj) -> list:
        return [
            {
                "period_id": plan.period_id,
                "period_number": plan.period.number,
                "text": plan.text,
                "target": plan.target,
            }
            for plan in obj.action_plans.all()
        ]


class SkpBehaviourOut(Schema):
    value: CoreValue = Field(description="One of the seven BerAKHLAK core values.")
    label: str = Field(description="The value's name.")
    guides: list[str] = Field(description="Its three behaviour guides, in the caller's language.")
    special_expectation: str = Field(description="The leader's special expectation, if any.")

    @staticmethod
    def resolve_label(obj) -> str:
        return str(obj.get_value_display())

    @staticmethod
    def resolve_guides(obj) -> list[str]:
        return [str(g) for g in BEHAVIOUR_GUIDES.get(obj.value, ())]


class SkpCommentOut(Schema):
    id: int = Field(description="Comment id.")
    rhk_id: int | None = Field(description="The RHK it is about; null for the whole plan.")
    author_label: str = Field(description="Who wrote it.")
    kind: CommentKind = Field(description="dialogue, return (with the return) or note.")
    text: str = Field(description="The comment.")
    created_at: datetime.datetime = Field(description="When it was written.")


class SkpDetailOut(SkpOut):
    """The plan with its content and what the caller may do with it."""

    resource_support: str = Field(description="Annex: resource support (dukungan sumber daya).")
    accountability_scheme: str = Field(description="Annex: accountability scheme.")
    consequences: str = Field(description="Annex: consequences (konsekuensi).")
    rhks: list[SkpRhkOut] = Field(description="Main results first, then additional ones.")
    behaviours: list[SkpBehaviourOut] = Field(description="The seven BerAKHLAK values.")
    comments: list[SkpCommentOut] = Field(description="The dialogue and return comments.")
    allowed_actions: list[str] = Field(
        description="Workflow steps open to the caller now: start_dialogue, submit, return, set."
    )
    can_edit: bool = Field(description="The caller may change the content now.")
    can_revise: bool = Field(description="The caller may open a new version of this set plan.")
    can_comment: bool = Field(description="The caller may write in the dialogue.")

    @staticmethod
    def resolve_rhks(obj) -> list:
        return sorted(obj.rhk_list, key=lambda rhk: rhk.kind != "utama")

    @staticmethod
    def resolve_behaviours(obj) -> list:
        return obj.behaviour_list

    @staticmethod
    def resolve_comments(obj) -> list:
        return obj.comment_list


class SkpChangeOut(Schema):
    field: str = Field(description="The field (or core value) that changed.")
    old: str | None = Field(description="Value before, as text.")
    new: str | None = Field(description="Value after, as text.")


class SkpIndicatorDiffOut(Schema):
    status: Literal["added", "removed", "changed", "same"] = Field(
        description="added, removed, changed or same."
    )
    key: uuid.UUID = Field(description="The indicator's stable key.")
    old_text: str | None = Field(description="The indicator before; null if added.")
    new_text: str | None = Field(description="The indicator after; null if removed.")
    changes: list[SkpChangeOut] = Field(description="Fields that changed.")


class SkpRhkDiffOut(Schema):
    status: Literal["added", "removed", "changed", "same"] = Field(
        description="added, removed, changed (itself or an indicator) or same."
    )
    key: uuid.UUID = Field(description="The RHK's stable key.")
    old_text: str | None = Field(description="The RHK before; null if added.")
    new_text: str | None = Field(description="The RHK after; null if removed.")
    changes: list[SkpChangeOut] = Field(description="Fields of the RHK that changed.")
    indicators: list[SkpIndicatorDiffOut] = Field(description="Its indicators, compared.")


class SkpDiffOut(Schema):
    """What changed from one version of a plan to another, matched by stable keys."""

    old_id: int = Field(description="The earlier version.")
    new_id: int = Field(description="The later version.")
    has_changes: bool = Field(description="False when the versions have the same content.")
    rhks: list[SkpRhkDiffOut] = Field(description="Every RHK of either version, compared.")
    annex: list[SkpChangeOut] = Field(description="Approach and annex fields that changed.")
    behaviours: list[SkpChangeOut] = Field(description="Special expectations that changed.")


class SkpDeletedOut(Schema):
    detail: str = Field(description="What was removed.")
    skp_id: int = Field(description="The plan it was removed from.")


# --- requests ---------------------------------------------------------------------------------


class SkpFilters(InputSchema):
    year: int | None = Field(None, ge=2000, le=2100, description="Only plans of this year.")
    status: SkpStatus | None = Field(None, description="Only plans in this status.")
    employee: Id | None = Field(None, description="Only the plans of this employee id.")
    all_versions: bool = Field(
        False, description="Also earlier versions; by default only the latest of each plan."
    )


class SkpCreateIn(BodyIn):
    year: int = Field(ge=2000, le=2100, description="The performance year.")
    employee: Id | None = Field(
        None, description="Whose plan; default the caller. BKPSDM admins may start others'."
    )


class SkpUpdateIn(BodyIn):
    approach: Approach | None = Field(None, description="kuantitatif or kualitatif.")
    resource_support: model_text(Skp, "resource_support") | None = None
    accountability_scheme: model_text(Skp, "accountability_scheme") | None = None
    consequences: model_text(Skp, "consequences") | None = None


class SkpRhkPatchIn(BodyIn):
    """Fields of an RHK; on update, only the fields sent change."""

    text: model_text(Rhk, "text") | None = Field(None, min_length=1)
    kind: ResultKind | None = None
    perspective: Perspective | Blank | None = None
    control_level: ControlLevel | Blank | None = None
    assigned_by_label: model_text(Rhk, "assigned_by_label") | None = None
    intervened_rhk: Id | None = Field(None, description="Id of the leader's RHK.")
    intervened_indicator: Id | None = Field(None, description="Id of the leader's indicator.")
    iku_goal: Id | None = Field(None, description="Id of an organisation goal.")
    iku_indicator: Id | None = Field(None, description="Id of an organisation indicator.")
    order: int | None = Field(None, ge=0, le=32000)


class SkpRhkIn(SkpRhkPatchIn):
    text: model_text(Rhk, "text") = Field(min_length=1, description="The planned result.")
    kind: ResultKind = Field(ResultKind.UTAMA, description="utama or tambahan.")


class SkpIndicatorPatchIn(BodyIn):
    """Fields of an indicator; on update, only the fields sent change."""

    text: model_text(RhkIndicator, "text") | None = Field(None, min_length=1)
    aspect: Aspect | Blank | None = None
    target_text: model_text(RhkIndicator, "target_text") | None = None
    target_value: model_decimal(RhkIndicator, "target_value") | None = None
    target_high: model_decimal(RhkIndicator, "target_high") | None = None
    unit_of_measure: model_text(RhkIndicator, "unit_of_measure") | None = None
    needs_manual: bool | None = None
    manual_purpose: model_text(RhkIndicator, "manual_purpose") | None = None
    manual_definition: model_text(RhkIndicator, "manual_definition") | None = None
    manual_formula: model_text(RhkIndicator, "manual_formula") | None = None
    manual_data_source: model_text(RhkIndicator, "manual_data_source") | None = None
    manual_reporting_period: ReportingPeriod | Blank | None = None
    order: int | None = Field(None, ge=0, le=32000)


class SkpIndicatorIn(SkpIndicatorPatchIn):
    text: model_text(RhkIndicator, "text") = Field(min_length=1, description="The indicator.")


class SkpActionPlanIn(BodyIn):
    text: model_text(ActionPlan, "text") = Field(
        description="The planned action; empty removes it."
    )
    target: model_text(ActionPlan, "target") = Field("", description="Target of the period.")


class SkpBehaviourIn(BodyIn):
    special_expectation: model_text(BehaviourExpectation, "special_expectation") = Field(
        description="The leader's special expectation; empty for none."
    )


class SkpDialogueIn(BodyIn):
    note: model_text(SkpComment, "text") = Field(
        "", description="Optional note of the first dialogue."
    )


class SkpReturnIn(BodyIn):
    comment: model_text(SkpComment, "text") = Field(description="What the employee must change.")
    rhk_comments: dict[IdKey, model_text(SkpComment, "text")] = Field(
        default_factory=dict,
        description="Comments per RHK: {rhk id: text}.",
        json_schema_extra={"additionalProperties": False},
    )


class SkpReviseIn(BodyIn):
    kind: RevisionKind = Field(
        description="Why the set plan changes (not mutation or rater_change: use restart)."
    )
    reason: model_text(Skp, "revision_reason") = Field(description="Explanation of the change.")


class SkpRestartIn(BodyIn):
    kind: RevisionKind = Field(description="mutation or rater_change.")
    reason: model_text(Skp, "revision_reason") = Field(description="Explanation of the change.")
    effective_date: Day = Field(description="First day of the new plan.")
    copy_content: bool = Field(False, description="Copy the RHK and annex into the new plan.")


class SkpCommentIn(BodyIn):
    text: model_text(SkpComment, "text") = Field(description="The comment.")
    rhk: Id | None = Field(None, description="Id of an RHK of this plan; null for the plan.")


# --- exemptions from planning -----------------------------------------------------------------


class ExemptionEmployeeRef(Schema):
    id: int = Field(description="Employee id.")
    name: str = Field(description="Full name with titles.")
    masked_nip: str = Field(description="The NIP with its middle digits hidden.")

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.full_name


class ExemptionOut(Schema):
    """A period in which an employee is not subject to SKP planning (PermenPANRB 6/2022)."""

    id: int = Field(description="Id of the exemption.")
    employee: ExemptionEmployeeRef = Field(description="The employee (NIP masked).")
    reason: ExemptionReason = Field(
        description="state_official, non_structural, temporary_dismissal, cltn or mpp."
    )
    reason_label: str = Field(description="The reason in the caller's language.")
    start_date: datetime.date = Field(description="First day without planning.")
    end_date: datetime.date | None = Field(description="Last day; null while it lasts.")
    decree_number: str = Field(description="Number of the decree (SK).")
    note: str = Field(description="Free note of the record.")

    @staticmethod
    def resolve_reason_label(obj) -> str:
        return str(obj.get_reason_display())


class ExemptionFilters(InputSchema):
    running_on: Day | None = Field(
        None, description="Only exemptions running on this day (default today)."
    )
    all: bool = Field(False, description="Every exemption, running or not.")
    reason: ExemptionReason | None = Field(None, description="Only this reason.")
    unit: Id | None = Field(
        None, description="Only people whose definitive post is in this unit or below it."
    )
    q: str = Field("", max_length=100, description="Part of the name, or the full NIP.")


class ExemptionPatchIn(BodyIn):
    """On update only the fields sent change; the employee cannot change."""

    reason: str | None = Field(None, max_length=40, description="One of the reasons.")
    start_date: Day | None = None
    end_date: Day | None = Field(None, description="Send a day to end the exemption.")
    decree_number: model_text(PlanExemption, "decree_number") | None = None
    note: model_text(PlanExemption, "note") | None = None


class ExemptionIn(BodyIn):
    employee: Id = Field(description="Employee id.")
    reason: str = Field(max_length=40, description="One of the reasons.")
    start_date: Day = Field(description="First day without planning.")
    end_date: Day | None = Field(None, description="Last day, if known.")
    decree_number: model_text(PlanExemption, "decree_number") = ""
    note: model_text(PlanExemption, "note") = ""


class ExemptionDeletedOut(Schema):
    detail: str = Field(description="What was deleted.")
