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
    id: int = Field(description="Id of the realisation.")
    employee: int = Field(alias="employee_id", description="Id of the employee.")
    employee_name: str = Field(alias="employee.full_name", description="Name with titles.")
    year: int = Field(description="The plan's year.")
    rhk_key: uuid.UUID = Field(description="`Rhk.key`, shared by every plan version.")
    indicator_key: uuid.UUID = Field(description="`RhkIndicator.key`, shared by every version.")
    period: int = Field(alias="period_id", description="Id of the evaluation period.")
    period_label: str = Field(
        alias="period.label", description="The period as written (Triwulan I...)."
    )
    value: Decimal | None = Field(description="The figure of a quantitative indicator.")
    text: str = Field(description="The realisation as text.")
    status: RealisationStatus = Field(description="draft, submitted, returned or verified.")
    version: int = Field(description="Number of the verified version.")
    due_date: datetime.date = Field(description="Last working day to report on time.")
    is_late: bool = Field(description="Submitted after the due date.")
    return_comment: str = Field(description="The rater's comment when returned.")


class ResultEvidenceOut(Schema):
    id: int = Field(description="Id of the evidence.")
    kind: str = Field(description="file, link or text.")
    original_name: str = Field(description="Name of the uploaded file.")
    content_type: str = Field(description="Type found from the content.")
    size: int = Field(description="Size in bytes.")
    url: str = Field(description="The link, for a link.")
    text: str = Field(description="The text, for a text.")
    sha256: str = Field(description="SHA-256 of the file or the text.")
    reused: bool = Field(
        description="The same file or text is used by another employee or for another period."
    )
    download_url: str | None = Field(description="Where to download the file.")


class ResultVersionOut(Schema):
    version: int = Field(description="Number of the version.")
    kind: str = Field(description="verified or corrected.")
    value: Decimal | None = Field(description="The figure then.")
    text: str = Field(description="The text then.")
    reason: str = Field(description="Why it was corrected.")
    recorded_at: datetime.datetime = Field(description="When it was recorded.")


class ResultRealisationDetailOut(ResultRealisationOut):
    indicator_text: str | None = Field(
        None, description="The indicator in the plan in force in the period."
    )
    rhk_text: str | None = Field(None, description="The RHK in the plan in force in the period.")
    target: str | None = Field(None, description="The indicator's target.")
    evidence: list[ResultEvidenceOut] = Field(description="The bukti dukung.")
    versions: list[ResultVersionOut] = Field(description="The verified and corrected versions.")


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
    detail: str = Field(description="What was done.")
    realisation_id: int = Field(description="The realisation it belonged to.")
