"""The shapes of the survey API: the period asked, a unit's results, the regency table, the
follow-up actions and the published SKM reports."""

from __future__ import annotations

import datetime
from typing import Any

from ninja import Field, Schema

from kinerja.api.fields import model_text
from kinerja.api.schemas import BodyIn, InputSchema
from kinerja.api.types import Day, Id
from kinerja.surveys.models import (
    FollowupAction,
    FollowupProgress,
    PeriodKind,
)
from kinerja.surveys.rules import Element

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
