"""Shapes of the attendance API. People are named by name and position, never by NIP."""

import datetime
from typing import Annotated

from ninja import Field, Schema

from kinerja.api.schemas import InputSchema
from kinerja.api.types import Id

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
