"""Shapes of the SKP cascade: the matriks peran hasil, the RHK templates of a position and
the alignment lists."""

import datetime
import uuid
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

from kinerja.api.fields import model_decimal, model_text
from kinerja.api.schemas import BodyIn, InputSchema
from kinerja.api.types import Id
from kinerja.org.api.schemas import PositionRef, UnitRef
from kinerja.skp.api.schemas.plans import Blank, SkpEmployeeRef
from kinerja.skp.models import (
    Aspect,
    MatrixCell,
    ResultKind,
    RhkTemplate,
    SkpStatus,
    WorkTeam,
)

# --- the matriks peran hasil ---------------------------------------------------------------------


class MatrixColumnOut(Schema):
    """A column of the matrix: an indicator of the leader's plan, under its RHK."""

    leader_rhk_id: int = Field(description="The leader's RHK.")
    leader_rhk_text: str = Field(description="Its text.")
    indicator_id: int = Field(description="The leader's indicator.")
    indicator_key: uuid.UUID = Field(description="Its stable key: cells name their column by it.")
    indicator_text: str = Field(description="Its text.")
    short_name: str = Field(
        description='The column\'s short name on the page ("IKI 2.1": the first indicator of the '
        "second RHK), the one refusals of a save name."
    )

    @staticmethod
    def resolve_leader_rhk_id(obj) -> int:
        return obj[0].pk

    @staticmethod
    def resolve_leader_rhk_text(obj) -> str:
        return obj[0].text

    @staticmethod
    def resolve_indicator_id(obj) -> int:
        return obj[1].pk

    @staticmethod
    def resolve_indicator_key(obj):
        return obj[1].key

    @staticmethod
    def resolve_indicator_text(obj) -> str:
        return obj[1].text

    @staticmethod
    def resolve_short_name(obj) -> str:
        return obj[2]


class MatrixCellOut(Schema):
    role_text: str = Field(description="The role, which becomes the person's RHK.")
    no_role: bool = Field(description="The person has no role in this indicator.")
    kind: ResultKind = Field(description="utama or tambahan.")
    pending_revision: bool = Field(
        description="The person's plan is submitted or set: the change waits for its revision."
    )


class MatrixRowOut(Schema):
    employee: SkpEmployeeRef = Field(description="A person who takes roles.")
    position: PositionRef | None = Field(description="Their post on the matrix day.")
    team_id: int | None = Field(description="The work team they lead (two levels).")
    plan_id: int | None = Field(description="Their plan of the year, if any.")
    plan_status: SkpStatus | None = Field(description="Its status.")
    not_subject_to_planning: bool = Field(
        description="Exempt from planning on the matrix day: a save leaves their cells alone."
    )
    exemption_reason: str = Field(
        description="Why, for callers who may see it (personal data); else empty."
    )
    cells: list[MatrixCellOut | None] = Field(
        description="One per column, in the order of `columns`; null for an empty cell."
    )

    @staticmethod
    def resolve_team_id(obj):
        return obj.team.pk if obj.team else None

    @staticmethod
    def resolve_plan_id(obj):
        return obj.plan.pk if obj.plan else None

    @staticmethod
    def resolve_plan_status(obj):
        return obj.plan.status if obj.plan else None

    @staticmethod
    def resolve_not_subject_to_planning(obj) -> bool:
        return obj.is_exempt


class WorkTeamOut(Schema):
    id: int = Field(description="Work team id.")
    name: str = Field(description="The team's name.")
    team_leader_id: int = Field(description="Employee id of the team leader.")
    member_ids: list[int] = Field(description="Employee ids of the members.")

    @staticmethod
    def resolve_member_ids(obj) -> list[int]:
        return [m.pk for m in obj.members.all()]


class MatrixOut(Schema):
    """A leader's matriks peran hasil (format A.1.5) for a year."""

    leader: SkpEmployeeRef = Field(description="The leader.")
    year: int = Field(description="The year.")
    day: datetime.date = Field(description="The day whose posts make up the rows.")
    levels: int = Field(description="1 or 2: one-level alignment, or with work teams.")
    can_edit: bool = Field(description="The caller may save it (the leader, BKPSDM).")
    leader_plan_id: int | None = Field(description="The leader's plan of the year.")
    columns: list[MatrixColumnOut] = Field(description="The leader's indicators, by RHK.")
    rows: list[MatrixRowOut] = Field(description="The people who take roles.")
    teams: list[WorkTeamOut] = Field(description="The work teams of a two-level matrix.")

    @staticmethod
    def resolve_leader_plan_id(obj):
        return obj.leader_plan.pk if obj.leader_plan else None

    @staticmethod
    def resolve_columns(obj):
        names = obj.column_names
        return [(rhk, indicator, names[indicator.key]) for rhk, indicator in obj.columns]


class MatrixFilters(InputSchema):
    employee: Id | None = Field(None, description="The leader's employee id; default the caller.")
    year: int = Field(ge=2000, le=2100, description="The year (required).")
    levels: int | None = Field(
        None, ge=1, le=2, description="Preview the other alignment (1 or 2 levels) unsaved."
    )


class MatrixCellIn(BodyIn):
    leader_indicator_key: uuid.UUID = Field(description="The column: the indicator's key.")
    employee: Id = Field(description="The row: the person's employee id.")
    role_text: model_text(MatrixCell, "role_text") = Field(
        "", description="The role; empty (and no_role false) clears the cell."
    )
    no_role: bool = Field(False, description="The person has no role in this indicator.")
    kind: ResultKind = Field(ResultKind.UTAMA, description="utama or tambahan.")


class MatrixSaveIn(BodyIn):
    employee: Id | None = Field(None, description="The leader's employee id; default the caller.")
    year: int = Field(ge=2000, le=2100, description="The year.")
    levels: int | None = Field(None, ge=1, le=2, description="Change the alignment: 1 or 2 levels.")
    cells: list[MatrixCellIn] = Field(
        max_length=20000, description="The cells to write; cells not sent stay as they are."
    )


class PlanChangeOut(Schema):
    employee_id: int = Field(description="The person.")
    employee: str = Field(description="Their name.")
    plan_id: int | None = Field(description="The plan concerned, if any.")
    column: str = Field(description="The leader's indicator of the cell; empty for a plan.")
    status: str = Field(description="The plan's status.")
    reason: str = Field(
        description="Why a person was left out (not subject to planning), for callers who "
        "may see it; else empty."
    )


class MatrixSaveOut(Schema):
    """What a save changed in the people's plans."""

    cells_changed: int = Field(description="Cells whose role changed.")
    drafts_created: list[PlanChangeOut] = Field(description="Draft plans started.")
    created: list[PlanChangeOut] = Field(description="RHK added to drafts.")
    updated: list[PlanChangeOut] = Field(description="RHK changed in drafts.")
    removed: list[PlanChangeOut] = Field(description="RHK removed from drafts.")
    kept: list[PlanChangeOut] = Field(description="RHK kept: others' RHK intervene in them.")
    skipped: list[PlanChangeOut] = Field(
        description="Plans submitted or set: the change waits for their revision."
    )
    exempt: list[PlanChangeOut] = Field(description="People not subject to planning, left out.")


class WorkTeamIn(BodyIn):
    name: model_text(WorkTeam, "name") = Field(min_length=1, description="The team's name.")
    team_leader: Id = Field(description="Employee id of the team leader, a subordinate.")
    members: list[Id] = Field(
        default_factory=list, max_length=1000, description="Employee ids of the members."
    )


class WorkTeamCreateIn(WorkTeamIn):
    employee: Id | None = Field(None, description="The leader's employee id; default the caller.")
    year: int = Field(ge=2000, le=2100, description="The year of the matrix.")


# --- RHK templates of a position -----------------------------------------------------------------


class RhkTemplateOut(Schema):
    """One RHK with one indicator that every holder of a post plans."""

    id: int = Field(description="Template id.")
    position_id: int = Field(description="The post.")
    year: int = Field(description="The year.")
    key: uuid.UUID = Field(description="The key of the RHK it writes into the holders' plans.")
    kind: ResultKind = Field(description="utama or tambahan.")
    text: str = Field(description="The planned result.")
    intervened_rhk_key: uuid.UUID | None = Field(description="The leader's RHK it intervenes in.")
    iku_indicator_id: int | None = Field(description="The organisation indicator it serves.")
    aspect: Aspect | Blank = Field(description="kuantitas, kualitas, waktu or biaya.")
    indicator_text: str = Field(description="The indicator (IKI).")
    target_text: str = Field(description="Target in words.")
    target_value: Decimal | None = Field(description="Target value.")
    unit_of_measure: str = Field(description="Unit of the target value.")


class RhkTemplateFilters(InputSchema):
    position: Id = Field(description="The post (required).")
    year: int = Field(ge=2000, le=2100, description="The year (required).")


class RhkTemplatePatchIn(BodyIn):
    """Fields of a template; on update, only the fields sent change."""

    kind: ResultKind | None = None
    text: model_text(RhkTemplate, "text") | None = Field(None, min_length=1)
    intervened_rhk_key: uuid.UUID | None = Field(
        None, description="Key of an RHK of the leader's plan (the post above); null for none."
    )
    iku_indicator: Id | None = Field(
        None, description="An indicator of the post's unit, below or above it; null for none."
    )
    aspect: Aspect | Blank | None = None
    indicator_text: model_text(RhkTemplate, "indicator_text") | None = Field(None, min_length=1)
    target_text: model_text(RhkTemplate, "target_text") | None = None
    target_value: model_decimal(RhkTemplate, "target_value") | None = None
    unit_of_measure: model_text(RhkTemplate, "unit_of_measure") | None = None


class RhkTemplateIn(RhkTemplatePatchIn):
    position: Id = Field(description="The post.")
    year: int = Field(ge=2000, le=2100, description="The year.")
    text: model_text(RhkTemplate, "text") = Field(min_length=1, description="The planned result.")
    indicator_text: model_text(RhkTemplate, "indicator_text") = Field(
        min_length=1, description="The indicator (IKI)."
    )


class TemplatesApplyIn(BodyIn):
    position: Id = Field(description="The post whose templates to apply.")
    year: int = Field(ge=2000, le=2100, description="The year.")


class HolderChangeOut(Schema):
    employee_id: int = Field(description="The holder.")
    employee_label: str = Field(description="Their name.")
    plan_id: int | None = Field(description="Their plan, if any.")
    status: str = Field(description="Its status.")
    reason: str = Field(description="Why a holder was left out (not subject to planning).")


class TemplatesApplyOut(Schema):
    """What applying the templates changed in the holders' plans."""

    holders: int = Field(description="Definitive holders of the post.")
    rhk_created: int = Field(description="RHK added.")
    rhk_updated: int = Field(description="RHK brought in line with their template.")
    rhk_removed: int = Field(description="RHK of removed templates taken out of drafts.")
    drafts_created: list[HolderChangeOut] = Field(description="Draft plans started.")
    plans_changed: list[HolderChangeOut] = Field(description="Plans changed.")
    unchanged: list[HolderChangeOut] = Field(description="Plans already in line.")
    skipped: list[HolderChangeOut] = Field(description="Plans submitted or set, left alone.")
    exempt: list[HolderChangeOut] = Field(description="Holders not subject to planning.")
    kept: list[HolderChangeOut] = Field(description="Plans keeping an RHK others intervene in.")


# --- alignment lists -----------------------------------------------------------------------------


class AlignmentCountsOut(Schema):
    rhk: int = Field(description="RHK that name no leader RHK, or one out of force.")
    indicators: int = Field(description="Organisation indicators no RHK supports.")
    leaders: int = Field(description="Leader RHK no subordinate's RHK supports.")
    employees: int = Field(description="Employees without a set SKP.")
    raters: int = Field(description="Plans waiting for their rater's approval.")


class AlignmentGroupOut(Schema):
    """The counts of a group of units: an OPD for the agency, a sub-unit for a unit."""

    unit_id: int = Field(description="The unit heading the group.")
    name: str = Field(description="Its name.")
    counts: AlignmentCountsOut = Field(description="The count of each list.")
    total: int = Field(description="Their sum.")


class AlignmentRhkOut(Schema):
    id: int = Field(description="RHK id.")
    skp_id: int = Field(description="Its plan.")
    employee: SkpEmployeeRef = Field(description="Whose plan.")
    unit: UnitRef = Field(description="The plan's unit.")
    text: str = Field(description="The RHK.")
    problem: Literal["no_link", "broken_link"] | None = Field(
        description="no_link: it names no leader RHK; broken_link: the one it names is out of "
        "force; null in the list of leader RHK."
    )

    @staticmethod
    def resolve_employee(obj):
        return obj.skp.employee

    @staticmethod
    def resolve_unit(obj):
        return obj.skp.unit

    @staticmethod
    def resolve_problem(obj):
        return getattr(obj, "alignment_problem", None)


class AlignmentIndicatorOut(Schema):
    id: int = Field(description="Organisation indicator id.")
    code: str = Field(description="Its code; may be empty.")
    name: str = Field(description="Its name.")
    goal_id: int = Field(description="Its goal.")
    owner_unit: UnitRef = Field(description="The unit owning the goal.")

    @staticmethod
    def resolve_owner_unit(obj):
        return obj.goal.owner_unit


class AlignmentEmployeeOut(Schema):
    employee: SkpEmployeeRef = Field(description="The employee.")
    position: PositionRef = Field(description="Their definitive post.")
    unit: UnitRef = Field(description="Its unit.")
    plan_id: int | None = Field(description="Their plan of the year not yet set, if any.")
    plan_status: SkpStatus | None = Field(description="Its status.")
    deadline: datetime.date = Field(description="The day the plan is due to be set.")
    days_left: int = Field(description="Days to the deadline; negative once late.")

    @staticmethod
    def resolve_plan_id(obj):
        return obj.plan.pk if obj.plan else None

    @staticmethod
    def resolve_plan_status(obj):
        return obj.plan.status if obj.plan else None


class AlignmentRaterOut(Schema):
    rater_id: int | None = Field(description="The rater's employee id; null: the regional head.")
    label: str = Field(description="The rater, name and post.")
    superior_label: str = Field(description="The rater's superior.")
    waiting: int = Field(description="Plans waiting for them.")
    oldest: datetime.datetime | None = Field(description="The oldest submission waiting.")
    escalated: int = Field(description="Waiting past the deadline: the superior may decide.")


class AlignmentSection(Schema):
    total: int = Field(description="Rows of the list in all.")
    page: int = Field(description="The page shown (1 unless the list is `show`n).")
    num_pages: int = Field(description="Pages of the list when shown in full.")
    showing_all: bool = Field(description="This list is `show`n page by page, not previewed.")


class AlignmentRhkSection(AlignmentSection):
    rows: list[AlignmentRhkOut]


class AlignmentIndicatorSection(AlignmentSection):
    rows: list[AlignmentIndicatorOut]


class AlignmentEmployeeSection(AlignmentSection):
    rows: list[AlignmentEmployeeOut]


class AlignmentRaterSection(AlignmentSection):
    rows: list[AlignmentRaterOut]


class AlignmentSectionsOut(Schema):
    rhk: AlignmentRhkSection = Field(description="RHK without a valid link to a leader RHK.")
    indicators: AlignmentIndicatorSection = Field(description="Indicators nobody supports.")
    leaders: AlignmentRhkSection = Field(description="Leader RHK nobody supports.")
    employees: AlignmentEmployeeSection = Field(description="Employees without a set SKP.")
    raters: AlignmentRaterSection = Field(description="Raters with plans waiting.")


class AlignmentOut(Schema):
    """The alignment report of a unit subtree or of the agency, as the alignment pages show it:
    each list previewed (its first 20 rows), or the one `show`n by pages of 50."""

    year: int = Field(description="The year.")
    unit: UnitRef | None = Field(description="The unit; null for the whole agency.")
    totals: AlignmentCountsOut = Field(description="The count of each list.")
    groups: list[AlignmentGroupOut] = Field(description="The counts by group of units.")
    pending_plans: int = Field(description="Plans waiting for approval.")
    exempt_employees: int = Field(description="Employees not subject to planning, left out.")
    sections: AlignmentSectionsOut = Field(description="The five lists.")


class AlignmentFilters(InputSchema):
    year: int = Field(ge=2000, le=2100, description="The year (required).")
    unit: Id | None = Field(
        None,
        description="A unit the caller may read; default the whole agency for BKPSDM, "
        "pimpinan and auditors, else the caller's first unit.",
    )
    show: Literal["rhk", "indicators", "leaders", "employees", "raters"] | None = Field(
        None, description="The list to show in full, page by page."
    )
    page: int = Field(1, ge=1, le=100000, description="The page of the list shown.")
