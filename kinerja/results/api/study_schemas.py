"""Shapes of the API of the academic results of study leave."""

from __future__ import annotations

import datetime
from decimal import Decimal

from ninja import Field, Schema

from kinerja.api.fields import model_decimal, model_text
from kinerja.api.schemas import BodyIn, InputSchema
from kinerja.api.types import Id
from kinerja.results.models import (
    Accreditation,
    RealisationStatus,
    SemesterResult,
    SemesterResultVersion,
    StudyLeave,
    StudyLeaveEndReason,
    StudyLevel,
)


class SemesterFilters(InputSchema):
    employee: Id | None = Field(None, description="Only this employee id.")
    status: RealisationStatus | None = Field(None, description="Only this status.")


class SemesterOut(Schema):
    id: int = Field(description="Id of the semester result.")
    employee: int = Field(alias="employee_id", description="Id of the employee.")
    employee_name: str = Field(alias="employee.full_name", description="Name with titles.")
    study_leave: int = Field(alias="study_leave_id", description="Id of the study leave.")
    semester: int = Field(description="Number of the semester.")
    period: int = Field(alias="period_id", description="Evaluation period it was reported in.")
    period_label: str = Field(alias="period.label", description="The period as written.")
    ipk: Decimal = Field(description="The grade point average (IPK), 0.00 to 4.00.")
    sks_taken: int = Field(description="Credits (SKS) taken in the semester.")
    sks_passed: int = Field(description="Credits (SKS) passed in the semester.")
    institution_feedback: str = Field(description="Feedback of the institution.")
    status: RealisationStatus = Field(description="draft, submitted, returned or verified.")
    version: int = Field(description="Number of the verified version.")
    return_comment: str = Field(description="The rater's comment when returned.")


class SemesterFileOut(Schema):
    id: int = Field(description="Id of the file.")
    original_name: str = Field(description="Name of the uploaded file.")
    content_type: str = Field(description="Type found from the content.")
    size: int = Field(description="Size in bytes.")
    sha256: str = Field(description="SHA-256 of the content.")
    download_url: str = Field(description="Where to download the file.")


class SemesterVersionOut(Schema):
    version: int = Field(description="Number of the version.")
    kind: str = Field(description="verified or corrected.")
    ipk: Decimal = Field(description="The IPK then.")
    sks_taken: int = Field(description="Credits taken then.")
    sks_passed: int = Field(description="Credits passed then.")
    reason: str = Field(description="Why it was corrected.")
    recorded_at: datetime.datetime = Field(description="When it was recorded.")


class SemesterDetailOut(SemesterOut):
    institution: str = Field(description="The university or institution.")
    total_semesters: int = Field(description="Semesters to graduate on time.")
    guidance_predikat: str = Field(
        description="The predikat the IPK suggests by the guidance tables (the rater decides)."
    )
    evidence: list[SemesterFileOut] = Field(description="Transcripts and feedback letters.")
    versions: list[SemesterVersionOut] = Field(description="The verified and corrected versions.")


class SemesterIn(BodyIn):
    period: Id = Field(description="The evaluation period (a month or a quarter) id.")
    semester: int = Field(ge=1, le=14, description="Number of the semester.")
    ipk: model_decimal(SemesterResult, "ipk", min_value=0) = Field(
        description="The IPK of the semester, 0.00 to 4.00."
    )
    sks_taken: int = Field(ge=0, le=999, description="Credits (SKS) taken.")
    sks_passed: int = Field(ge=0, le=999, description="Credits (SKS) passed.")
    institution_feedback: model_text(SemesterResult, "institution_feedback") = Field(
        "", description="Feedback of the institution."
    )
    submit: bool = Field(False, description="Send it for verification at once.")


class SemesterReturnIn(BodyIn):
    comment: model_text(SemesterResult, "return_comment") = Field(
        min_length=1, description="What has to be corrected (required)."
    )


class SemesterCorrectIn(BodyIn):
    ipk: model_decimal(SemesterResult, "ipk", min_value=0) = Field(description="The corrected IPK.")
    sks_taken: int = Field(ge=0, le=999, description="Credits (SKS) taken.")
    sks_passed: int = Field(ge=0, le=999, description="Credits (SKS) passed.")
    reason: model_text(SemesterResultVersion, "reason") = Field(
        min_length=1, description="Why the verified result is corrected (required)."
    )


class StudyLeaveUpdateIn(BodyIn):
    """Every field of the decree, as PUT replaces them."""

    start_date: datetime.date = Field(description="First day of the study leave.")
    end_date: datetime.date | None = Field(None, description="Last day; null while it runs.")
    institution: model_text(StudyLeave, "institution") = Field(
        description="The university or institution."
    )
    programme: model_text(StudyLeave, "programme") = Field(description="The study programme.")
    level: StudyLevel = Field(description="s1, or postgraduate (profesi, S-2, S-3).")
    accreditation: Accreditation = Field(description="A, B, C or abroad.")
    total_semesters: int = Field(ge=1, le=14, description="Semesters to graduate on time.")
    decree_number: model_text(StudyLeave, "decree_number") = Field(
        "", description="Number of the decree (SK) of tugas belajar."
    )


class StudyLeaveIn(StudyLeaveUpdateIn):
    employee: Id = Field(description="The employee on study leave.")


class StudyLeavePatchIn(BodyIn):
    """The fields sent change; `end_date` sent as null means the study goes on."""

    start_date: datetime.date | None = Field(None, description="First day of the study leave.")
    end_date: datetime.date | None = Field(None, description="Last day; null while it runs.")
    institution: model_text(StudyLeave, "institution") | None = Field(
        None, description="The university or institution."
    )
    programme: model_text(StudyLeave, "programme") | None = Field(
        None, description="The study programme."
    )
    level: StudyLevel | None = Field(None, description="s1, or postgraduate.")
    accreditation: Accreditation | None = Field(None, description="A, B, C or abroad.")
    total_semesters: int | None = Field(
        None, ge=1, le=14, description="Semesters to graduate on time."
    )
    decree_number: model_text(StudyLeave, "decree_number") | None = Field(
        None, description="Number of the decree (SK) of tugas belajar."
    )


class StudyLeaveEndIn(BodyIn):
    end_date: datetime.date = Field(
        description="Last day of the study: not before the start, not after the planned end."
    )
    reason: StudyLeaveEndReason = Field(description="graduated (early), cancelled or other.")
    note: model_text(StudyLeave, "end_note") = Field(
        "", description="Explanation of the end (required for `other`)."
    )


class StudyLeaveOut(Schema):
    id: int = Field(description="Id of the study leave.")
    employee: int = Field(alias="employee_id", description="Id of the employee.")
    start_date: datetime.date = Field(description="First day of the study leave.")
    end_date: datetime.date | None = Field(description="Last day; null while it runs.")
    institution: str = Field(description="The university or institution.")
    programme: str = Field(description="The study programme.")
    level: str = Field(description="s1 or postgraduate.")
    accreditation: str = Field(description="A, B, C or abroad.")
    total_semesters: int = Field(description="Semesters to graduate on time.")
    decree_number: str = Field(description="Number of the decree (SK).")
    end_reason: str = Field(
        description="Why it ended early (graduated, cancelled, other), or empty."
    )
    end_note: str = Field(description="Explanation of the early end.")
    ended_at: datetime.datetime | None = Field(description="When it was ended early; then final.")


class SemesterFileDeletedOut(Schema):
    detail: str = Field(description="What was done.")
    semester_id: int = Field(description="The semester result it belonged to.")
