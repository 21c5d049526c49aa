"""The shapes of the survey API: the public survey of a counter, a unit's set-up, the period
asked, a unit's results, the regency table, the follow-up actions and the published SKM
reports."""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from ninja import Field, Schema
from pydantic import StringConstraints

from kinerja.api.fields import model_text
from kinerja.api.schemas import BodyIn, InputSchema
from kinerja.api.types import Day, Id
from kinerja.surveys.models import (
    AgeBand,
    Education,
    FollowupAction,
    FollowupProgress,
    Occupation,
    PeriodKind,
    Response,
    Service,
    Sex,
    SurveyPoint,
)
from kinerja.surveys.rules import HIGHEST_SCORE, LOWEST_SCORE, Element
from kinerja.surveys.services.setup import MAX_USERS, YEARS

# --- public ------------------------------------------------------------------------------------

# A counter's token as its QR code carries it: URL-safe characters, no longer than the column.
Token = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9_-]+$", max_length=32),
]
Score = Annotated[int, Field(ge=LOWEST_SCORE, le=HIGHEST_SCORE)]
# The profile's choices as lists of values: these enums share their names with others of the
# API (Sex), and an inline list keeps each schema its own.
AgeBandValue = Literal[tuple(AgeBand.values)]
SexValue = Literal[tuple(Sex.values)]
EducationValue = Literal[tuple(Education.values)]
OccupationValue = Literal[tuple(Occupation.values)]


class SurveyChoiceOut(Schema):
    value: str = Field(description="What to send.")
    label: str = Field(description="What to show, in the caller's language.")


class SurveyQuestionOut(Schema):
    code: str = Field(description="The element's key in the answers (persyaratan, ...).")
    name: str = Field(description="The element's name, in the caller's language.")
    question: str = Field(description="The question, in the caller's language.")
    answers: list[SurveyChoiceOut] = Field(
        description="The four answers, scores 1 (worst) to 4; the value is the score."
    )


class SurveyServiceOut(Schema):
    id: int = Field(description="Id of the service (jenis layanan).")
    name: str = Field(description="Name of the service.")


class SurveyFormOut(Schema):
    agency: str = Field(description="The agency's name.")
    unit: str = Field(description="The service unit's name.")
    counter: str = Field(description="The survey point (counter).")
    service: SurveyServiceOut | None = Field(
        description="The counter's own service, if it has one."
    )
    services: list[SurveyServiceOut] = Field(description="The services a respondent may name.")
    elements: list[SurveyQuestionOut] = Field(
        description="The nine elements in the regulation's order."
    )
    age_bands: list[SurveyChoiceOut] = Field(description="The age bands to choose from.")
    sexes: list[SurveyChoiceOut] = Field(description="The sexes to choose from.")
    educations: list[SurveyChoiceOut] = Field(description="The education levels.")
    occupations: list[SurveyChoiceOut] = Field(description="The occupations.")
    suggestion_max_length: int = Field(description="The longest suggestion accepted.")


class SurveyAnswersIn(BodyIn):
    """The score of each of the nine elements, 1 (worst) to 4; all nine are required."""

    persyaratan: Score = Field(description="Persyaratan.")
    prosedur: Score = Field(description="Sistem, Mekanisme, dan Prosedur.")
    waktu: Score = Field(description="Waktu Penyelesaian.")
    biaya: Score = Field(description="Biaya/Tarif.")
    produk: Score = Field(description="Produk Spesifikasi Jenis Pelayanan.")
    kompetensi: Score = Field(description="Kompetensi Pelaksana.")
    perilaku: Score = Field(description="Perilaku Pelaksana.")
    pengaduan: Score = Field(description="Penanganan Pengaduan, Saran dan Masukan.")
    sarana: Score = Field(description="Sarana dan Prasarana.")


class SurveyResponseIn(BodyIn):
    """One respondent's answers. The service is checked against the counter's, and the limits
    of the survey page apply (per device, per address, repeats, the honeypot)."""

    answers: SurveyAnswersIn = Field(description="The nine elements' scores.")
    service: Id | None = Field(
        None, description="The service used, one of services; the counter's own if it has one."
    )
    age_band: AgeBandValue = Field(description="One of age_bands.")
    sex: SexValue = Field(description="One of sexes.")
    education: EducationValue = Field(description="One of educations.")
    occupation: OccupationValue = Field(description="One of occupations.")
    suggestion: model_text(Response, "suggestion") = Field("", description="Optional.")
    device: str = Field(
        "",
        max_length=64,
        description=(
            "The kiosk app's own random key of the device, the same for every answer it sends "
            "(kept only as a keyed hash); without it the caller's address stands in."
        ),
    )
    website: str = Field(
        "", max_length=200, description="Leave empty (a trap for form-filling scripts)."
    )


class SurveyReceivedOut(Schema):
    detail: str = Field(description="Thanks, in the caller's language.")
    day: datetime.date = Field(description="The day recorded, in the agency's time zone.")


# --- set-up ------------------------------------------------------------------------------------


class SurveySetupServiceOut(Schema):
    id: int = Field(description="Id of the service (jenis layanan).")
    name: str = Field(description="Name of the service.")
    is_active: bool = Field(description="Offered in the survey (false: taken out of it).")


class SurveySetupPointOut(Schema):
    id: int = Field(description="Id of the survey point.")
    name: str = Field(description="The counter's name.")
    service_id: int | None = Field(
        description="The counter's own service; null when it serves every service."
    )
    is_active: bool = Field(description="Its survey address is open.")
    url: str = Field(description="The absolute address of its survey page (its QR code).")


class SurveyUnitSetupOut(Schema):
    unit_id: int = Field(description="Id of the service unit.")
    unit: str = Field(description="Name of the unit.")
    services: list[SurveySetupServiceOut] = Field(description="Its services, by name.")
    points: list[SurveySetupPointOut] = Field(description="Its survey points, by name.")


class SurveyServiceIn(BodyIn):
    name: model_text(Service, "name")


class SurveyPointIn(BodyIn):
    name: model_text(SurveyPoint, "name")
    service: Id | None = Field(
        None, description="The counter's own service, if it serves only one."
    )


class SurveyServiceUsersIn(BodyIn):
    year: int = Field(ge=YEARS[0], le=YEARS[1], description="The year.")
    kind: PeriodKind = Field(description="month, quarter, semester or year.")
    number: int = Field(
        1, ge=1, le=12, description="The month (1-12), quarter (1-4) or semester (1-2)."
    )
    users: int = Field(ge=0, le=MAX_USERS, description="People served in the period.")
    service: Id | None = Field(None, description="A service of the unit; null for the unit.")


class SurveyServiceUsersOut(Schema):
    id: int = Field(description="Id of the figure.")
    unit_id: int = Field(description="The service unit.")
    service_id: int | None = Field(description="The service; null for the whole unit.")
    year: int = Field(description="The year.")
    kind: str = Field(description="month, quarter, semester or year.")
    number: int = Field(description="The period's number in the year.")
    users: int = Field(description="People served in the period.")


# --- results, follow-up and reports ---------------------------------------------------------


class PeriodQuery(InputSchema):
    year: int | None = Field(None, ge=2000, le=2100, description="Year; this year by default.")
    kind: PeriodKind | None = Field(
        None, description="month, quarter, semester or year; the current quarter by default."
    )
    number: int | None = Field(
        None, ge=1, le=12, description="The month (1-12), quarter (1-4) or semester (1-2)."
    )


class UnitResultsQuery(PeriodQuery):
    service: Id | None = Field(None, description="One service of the unit; all by default.")


class RegencyQuery(PeriodQuery):
    sort: str = Field("name", pattern="^(name|ikm|respondents)$", description="Row order.")


class SurveyPeriodOut(Schema):
    year: int = Field(description="The year.")
    kind: str = Field(description="month, quarter, semester or year.")
    number: int = Field(description="The period's number in the year.")
    label: str = Field(description="The period in the caller's language.")


class SurveyElementOut(Schema):
    element: str = Field(description="The element's key, e.g. waktu.")
    name: str = Field(description="The element's name in the regulation.")
    answered: int = Field(description="Respondents who answered it.")
    nrr: str | None = Field(description="Mean score 1-4, two decimals; null if unanswered.")
    converted: str | None = Field(description="NRR times 25.")
    weakest: bool = Field(description="Among the period's three weakest elements.")


class SurveyFiguresOut(Schema):
    respondents: int = Field(description="Respondents of the period.")
    weight: str = Field(description="The element weight used: exact, 0.111 or 0.11.")
    population: int | None = Field(description="Service users of the period, when entered.")
    minimum_sample: int | None = Field(description="Krejcie and Morgan's minimum sample.")
    below_sample: bool = Field(description="Fewer respondents than the minimum sample.")
    ikm_4: str | None = Field(description="The index on the 1-4 scale; null when invalid.")
    ikm_100: str | None = Field(description="The converted index 25-100, two decimals.")
    grade: str | None = Field(description="A, B, C or D; null when invalid.")
    grade_label: str = Field(description="The grade's label (Sangat Baik, Baik, ...).")
    missing: list[str] = Field(description="Elements nobody answered (the index is invalid).")
    weakest: list[str] = Field(description="The three weakest elements.")
    elements: list[SurveyElementOut] = Field(description="The nine elements in order.")


class SurveyServiceRowOut(Schema):
    service_id: int | None = Field(description="Null: counters serving every service.")
    name: str = Field(description="The service's name.")
    figures: SurveyFiguresOut = Field(description="The service's figures.")


class SurveyUnitResultsOut(Schema):
    unit_id: int = Field(description="Id of the service unit.")
    unit_name: str = Field(description="Name of the unit.")
    period: SurveyPeriodOut = Field(description="The period.")
    service_id: int | None = Field(description="The service asked for; null for all.")
    figures: SurveyFiguresOut = Field(description="The unit's (or service's) figures.")
    services: list[SurveyServiceRowOut] = Field(description="One row per service.")


class SurveyRegencyRowOut(Schema):
    unit_id: int = Field(description="Id of the service unit.")
    unit_name: str = Field(description="Name of the unit.")
    figures: SurveyFiguresOut = Field(description="The unit's figures.")


class SurveyRegencyOut(Schema):
    period: SurveyPeriodOut = Field(description="The period.")
    weight: str = Field(description="The element weight used.")
    figures: SurveyFiguresOut = Field(description="Every answer of the units together.")
    rows: list[SurveyRegencyRowOut] = Field(description="One row per service unit.")


class SurveyNoteOut(Schema):
    day: datetime.date = Field(description="The day of the progress.")
    note: str = Field(description="What was done.")


class SurveyFollowupOut(Schema):
    id: int = Field(description="Id of the action.")
    unit_id: int = Field(description="The service unit.")
    year: int = Field(description="Year of the period followed up.")
    kind: str = Field(description="Kind of the period followed up.")
    number: int = Field(description="Number of the period followed up.")
    element: str = Field(description="The element addressed.")
    action: str = Field(description="What is done.")
    owner_position_id: int | None = Field(description="The post that owns it, if any.")
    owner: str = Field(description="The post's name, or the owner as described.")
    due_date: datetime.date = Field(description="When it is due.")
    status: str = Field(description="planned, in_progress, done or dropped.")
    done_on: datetime.date | None = Field(description="When it was done.")
    drop_reason: str = Field(description="Why it was dropped.")
    notes: list[SurveyNoteOut] = Field(description="Progress notes, oldest first.")


class FollowupFilters(PeriodQuery):
    pass


class FollowupUpdateIn(BodyIn):
    element: Element = Field(description="The element addressed, by its key.")
    action: model_text(FollowupAction, "action")
    due_date: Day
    owner_position: Id | None = Field(None, description="A post of the unit.")
    owner_text: model_text(FollowupAction, "owner_text") = Field(
        "", description="Or the owner described (a team, a role); never a NIP."
    )


class FollowupIn(FollowupUpdateIn):
    year: int = Field(ge=2000, le=2100)
    kind: PeriodKind
    number: int = Field(1, ge=1, le=12)


class ProgressIn(BodyIn):
    note: model_text(FollowupProgress, "note")
    day: Day | None = Field(None, description="Today by default; never in the future.")


class SurveyReportOut(Schema):
    id: int = Field(description="Id of the report.")
    unit_id: int = Field(description="The service unit.")
    unit_name: str = Field(description="Name of the unit.")
    year: int = Field(description="Year of the period.")
    kind: str = Field(description="Kind of the period.")
    number: int = Field(description="Number of the period.")
    version: int = Field(description="1, or the correction's version.")
    status: str = Field(description="draft or published.")
    approved_at: datetime.datetime | None = Field(description="When the unit's head approved it.")
    ikm_100: str | None = Field(description="The published index (from the snapshot).")
    grade: str | None = Field(description="The published grade (from the snapshot).")

    @staticmethod
    def resolve_unit_name(report) -> str:
        return report.unit.name

    @staticmethod
    def resolve_ikm_100(report) -> str | None:
        return ((report.snapshot or {}).get("figures") or {}).get("ikm_100")

    @staticmethod
    def resolve_grade(report) -> str | None:
        return ((report.snapshot or {}).get("figures") or {}).get("grade")


class SurveyReportDetailOut(SurveyReportOut):
    summary: str = Field(description="The analysis and conclusion.")
    correction_reason: str = Field(description="Why this version corrects the previous one.")
    approver_name: str = Field(description="The unit's head who approved it.")
    approver_post: str = Field(description="The head's post.")
    snapshot: dict[str, Any] | None = Field(
        description="The report's content frozen at approval; null for a draft."
    )

    @staticmethod
    def resolve_snapshot(report):
        return report.snapshot if report.is_published else None
