"""Shapes of the realisation API."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal

from ninja import Field, Schema

from kinerja.api.fields import model_decimal, model_text
from kinerja.api.schemas import BodyIn, InputSchema
from kinerja.api.types import Id
from kinerja.results.models import Evidence, Realisation, RealisationStatus, RealisationVersion


class ResultRealisationFilters(InputSchema):
    year: int | None = Field(None, ge=2000, le=2100, description="Only this year.")
    employee: Id | None = Field(None, description="Only this employee id.")
    period: Id | None = Field(None, description="Only this period id.")
    status: RealisationStatus | None = Field(None, description="Only this status.")


class ResultRealisationOut(Schema):
    id: int
    employee: int = Field(alias="employee_id")
    employee_name: str = Field(alias="employee.full_name")
    year: int
    rhk_key: uuid.UUID
    indicator_key: uuid.UUID
    period: int = Field(alias="period_id")
    period_label: str = Field(alias="period.label")
    value: Decimal | None
    text: str
    status: RealisationStatus
    version: int
    due_date: datetime.date
    is_late: bool
    return_comment: str


class ResultEvidenceOut(Schema):
    id: int
    kind: str
    original_name: str
    content_type: str
    size: int
    url: str
    text: str
    sha256: str
    reused: bool = Field(
        description="The same file or text is used by another employee or for another period."
    )
    download_url: str | None


class ResultVersionOut(Schema):
    version: int
    kind: str
    value: Decimal | None
    text: str
    reason: str
    recorded_at: datetime.datetime


class ResultRealisationDetailOut(ResultRealisationOut):
    indicator_text: str | None = Field(
        None, description="The indicator in the plan in force in the period."
    )
    rhk_text: str | None = None
    target: str | None = None
    evidence: list[ResultEvidenceOut]
    versions: list[ResultVersionOut]


class ResultRealisationIn(BodyIn):
    period: Id = Field(description="The evaluation period (a month or a quarter) id.")
    indicator_key: uuid.UUID = Field(description="The key of the RHK indicator (IKI).")
    value: model_decimal(Realisation, "value") | None = Field(
        None, description="The figure of a quantitative indicator."
    )
    text: model_text(Realisation, "text") = Field("", description="The realisation as text.")
    submit: bool = Field(False, description="Send it for verification at once.")


class ResultReturnIn(BodyIn):
    comment: model_text(Realisation, "return_comment") = Field(
        min_length=1, description="What has to be corrected (required)."
    )


class ResultCorrectIn(BodyIn):
    value: model_decimal(Realisation, "value") | None = None
    text: model_text(Realisation, "text") | None = None
    reason: model_text(RealisationVersion, "reason") = Field(
        min_length=1, description="Why the verified realisation is corrected (required)."
    )


class ResultEvidenceIn(BodyIn):
    url: model_text(Evidence, "url") = Field("", description="A link (https://...).")
    text: model_text(Evidence, "text") = Field("", description="Or a text.")


class ResultDeletedOut(Schema):
    detail: str
    realisation_id: int
