"""Shapes of the attendance and daily activity API. People are named by name and position,
never by NIP."""

import datetime
import uuid
from typing import Annotated

from ninja import Field, Schema

from kinerja.activities.models import Activity, ActivityStatus
from kinerja.api.fields import model_text
from kinerja.api.schemas import BodyIn, InputSchema
from kinerja.api.types import Day, Id

Year = Annotated[int, Field(ge=2000, le=2100, description="A calendar year (2000-2100).")]
Month = Annotated[int, Field(ge=1, le=12, description="A month (1-12).")]


class MonthQuery(InputSchema):
    year: Year
    month: Month


class LeaveFilters(InputSchema):
    year: Year
    month: Month
    unit: Id | None = None
    kind: str = Field("", max_length=20)


class MonthRowOut(Schema):
    employee_id: int = Field(description="Id of the employee.")
    name: str = Field(description="Name with titles.")
    position: str = Field(description="Post held in the month.")
    working_days: int = Field(description="Working days of the month on the calendar.")
    present: int = Field(description="Days with a recorded arrival.")
    late_days: int = Field(description="Days arrived after the start and grace.")
    late_minutes: int = Field(description="Minutes late in the month.")
    early_days: int = Field(description="Days left before the end of work.")
    leave: dict[str, int] = Field(description="Days of leave by cuti type.")
    absent: int = Field(description="Working days absent without a valid reason.")


class MonthSummaryOut(Schema):
    year: int = Field(description="The year.")
    month: int = Field(description="The month (1-12).")
    working_days: int = Field(description="Working days of the month on the calendar.")
    reported_days: int = Field(description="Days the agency's machines reported.")
    rows: list[MonthRowOut] = Field(description="One row per employee of the unit.")


class LeaveOut(Schema):
    id: int = Field(description="Id of the leave record.")
    employee_id: int = Field(description="Id of the employee.")
    employee_name: str = Field(description="Name with titles.")
    kind: str = Field(description="The cuti type.")
    start_date: datetime.date = Field(description="First day of leave.")
    end_date: datetime.date = Field(description="Last day of leave.")

    @staticmethod
    def resolve_employee_name(obj) -> str:
        return obj.employee.full_name


class ImportOut(Schema):
    id: int = Field(description="Id of the import.")
    kind: str = Field(description="attendance or leave.")
    original_name: str = Field(description="Name of the uploaded file.")
    status: str = Field(description="pending, running, done or rejected.")
    total_rows: int = Field(description="Rows in the file.")
    processed_rows: int = Field(description="Rows checked so far.")
    errors: list[dict] = Field(description="Every bad row: row, column and problem.")
    summary: dict = Field(description="What the import wrote.")
    created_at: datetime.datetime = Field(description="When the file was uploaded.")
    finished_at: datetime.datetime | None = Field(
        description="When it finished; null while it runs."
    )


# --- daily activity log ---------------------------------------------------------------------------


class ActivityFilters(InputSchema):
    date_from: Day | None = Field(None, description="From this date (YYYY-MM-DD).")
    date_to: Day | None = Field(None, description="Up to this date (YYYY-MM-DD).")


class ActivityOut(Schema):
    id: int = Field(description="Id of the entry.")
    employee: int = Field(alias="employee_id", description="Id of the employee.")
    date: datetime.date = Field(description="The day of the activity.")
    start_time: datetime.time | None = Field(description="When it started, if given.")
    end_time: datetime.time | None = Field(description="When it ended, if given.")
    minutes: int = Field(description="How long it took, in minutes.")
    description: str = Field(description="What was done.")
    year: int = Field(description="The plan's year.")
    rhk_key: uuid.UUID | None = Field(description="`Rhk.key` of the RHK it serves.")
    action_period: int | None = Field(
        alias="action_period_id", description="Period of the rencana aksi it serves."
    )
    catalogue_item: int | None = Field(
        alias="catalogue_item_id", description="Id of the catalogue activity picked."
    )
    status: ActivityStatus = Field(description="submitted, verified or returned.")
    is_repeat: bool = Field(description="Repeated from an earlier day with one tap.")
    filed_at: datetime.datetime = Field(description="When it was filed.")
    filing_delay_days: int = Field(description="Days between the activity and its filing.")
    return_comment: str = Field(description="The supervisor's comment when returned.")
    has_evidence: bool = Field(description="A photo or file is attached (pages only).")

    @staticmethod
    def resolve_has_evidence(obj) -> bool:
        return bool(obj.evidence)


class ActivityIn(BodyIn):
    date: Day | None = Field(None, description="The day, YYYY-MM-DD (default today).")
    description: model_text(Activity, "description") = Field(
        "", description="What was done (or empty with a catalogue activity)."
    )
    minutes: int | None = Field(None, ge=1, le=1440, description="Minutes, or give the times.")
    start_time: datetime.time | None = Field(None, description="When it started.")
    end_time: datetime.time | None = Field(None, description="When it ended.")
    rhk_key: uuid.UUID | None = Field(None, description="An RHK of the plan in force.")
    action_plan: Id | None = Field(None, description="Id of a rencana aksi of the period.")
    catalogue_item: Id | None = Field(None, description="Id of a catalogue activity.")


class ActivityIdsIn(BodyIn):
    ids: list[Id] = Field(min_length=1, max_length=500, description="Ids of the entries.")


class ActivityReturnIn(BodyIn):
    comment: model_text(Activity, "return_comment") = Field(
        min_length=1, description="What has to be corrected (required)."
    )


class ActivityCountOut(Schema):
    detail: str = Field(description="What was done.")
    count: int = Field(description="How many entries it touched.")


class TeamCellOut(Schema):
    date: datetime.date = Field(description="The day.")
    minutes: int = Field(description="Minutes logged that day.")
    count: int = Field(description="Entries that day.")
    waiting: int = Field(description="Entries awaiting verification that day.")
    flags: list[str] = Field(description="The warnings of that day, in words.")


class TeamRowOut(Schema):
    employee: int = Field(description="Id of the team member.")
    name: str = Field(description="Name with titles.")
    minutes: int = Field(description="Minutes logged in the week.")
    waiting: int = Field(description="Entries awaiting verification in the week.")
    days: list[TeamCellOut] = Field(description="The seven days, Monday first.")


class TeamWeekOut(Schema):
    start: datetime.date = Field(description="The Monday of the week.")
    rows: list[TeamRowOut] = Field(description="One row per team member.")
