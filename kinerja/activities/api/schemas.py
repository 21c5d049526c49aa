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
    employee_id: int
    name: str
    position: str
    working_days: int
    present: int
    late_days: int
    late_minutes: int
    early_days: int
    leave: dict[str, int]
    absent: int


class MonthSummaryOut(Schema):
    year: int
    month: int
    working_days: int
    reported_days: int
    rows: list[MonthRowOut]


class LeaveOut(Schema):
    id: int
    employee_id: int
    employee_name: str
    kind: str
    start_date: datetime.date
    end_date: datetime.date

    @staticmethod
    def resolve_employee_name(obj) -> str:
        return obj.employee.full_name


class ImportOut(Schema):
    id: int
    kind: str
    original_name: str
    status: str
    total_rows: int
    processed_rows: int
    errors: list[dict]
    summary: dict
    created_at: datetime.datetime
    finished_at: datetime.datetime | None
