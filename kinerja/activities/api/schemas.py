"""Shapes of the attendance and daily activity API. People are named by name and position,
never by NIP."""

import datetime
import uuid
from typing import Annotated

from ninja import Field, Schema
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from kinerja.activities.models import Activity, ActivityCatalogueItem, ActivityStatus
from kinerja.api.fields import model_text
from kinerja.api.schemas import BodyIn, InputSchema
from kinerja.api.types import Day, Id

Year = Annotated[int, Field(ge=2000, le=2100, description="A calendar year (2000-2100).")]
Month = Annotated[int, Field(ge=1, le=12, description="A month (1-12).")]


def _in_log_years(value: datetime.date) -> datetime.date:
    """The log's days are read in the years the pages accept (2000-2100, `parse_day`): a day
    outside them has no entries, and far dates overflow the checks' windows."""
    if not 2000 <= value.year <= 2100:
        raise PydanticCustomError("date_range", "The date should be in the years 2000 to 2100")
    return value


LogDate = Annotated[
    Day,
    AfterValidator(_in_log_years),
    Field(
        description="A day, YYYY-MM-DD, in the years 2000-2100.",
        json_schema_extra={"pattern": r"^(20[0-9]{2}|2100)-[0-9]{2}-[0-9]{2}$"},
    ),
]
"""A day of the activity log, written YYYY-MM-DD, in the years 2000-2100 (the schema says so
with a pattern, as JSON Schema bounds no date)."""


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


class DayEntryOut(ActivityOut):
    flags: list[str] = Field(
        description="The checks the entry fails, as codes: long_day, non_working_day, on_leave, "
        "absent, copied_days, copied_people, late_filing."
    )
    flag_labels: list[str] = Field(description="The same checks, in words.")
    rhk_text: str | None = Field(description="The text of the RHK it serves, if any.")

    @staticmethod
    def resolve_flag_labels(obj) -> list[str]:
        return [str(label) for label in obj.flag_labels]


class PersonDayOut(Schema):
    employee: int = Field(description="Id of the employee.")
    name: str = Field(description="Name with titles.")
    date: datetime.date = Field(description="The day.")
    minutes: int = Field(description="Minutes logged that day, all entries.")
    count: int = Field(description="Entries that day.")
    waiting: int = Field(description="Entries awaiting verification that day.")
    flags: list[str] = Field(description="The warnings of that day (of any entry), as codes.")
    flag_labels: list[str] = Field(description="The same warnings, in words.")
    entries: list[DayEntryOut] = Field(description="The entries, in the order they were filed.")


# --- the activity catalogue -----------------------------------------------------------------------


class CatalogueFilters(InputSchema):
    include_inactive: bool = Field(
        False, description="Also the activities not in use (only for those who keep it)."
    )


class CatalogueItemOut(Schema):
    id: int = Field(description="Id of the catalogue activity.")
    name: str = Field(description="The activity.")
    standard_minutes: int = Field(description="Its standard minutes.")
    is_active: bool = Field(description="In use: offered to employees in their daily log.")


class CatalogueItemIn(BodyIn):
    name: model_text(ActivityCatalogueItem, "name") = Field(
        description="The activity, unique in the agency's catalogue (required)."
    )
    standard_minutes: int = Field(ge=1, le=1440, description="Its standard minutes (1-1440).")
    is_active: bool | None = Field(
        None,
        description="In use (false takes it out of the employees' choices); "
        "default: in use when added, unchanged when saved.",
    )
