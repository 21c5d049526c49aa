"""Schemas of the survey's API."""

from __future__ import annotations

from typing import Any

from ninja import Field, Schema

from kinerja.api.schemas import BodyIn
from kinerja.surveys.models import SUGGESTION_MAX, PeriodKind

# --- public ------------------------------------------------------------------------------------


class ChoiceOut(Schema):
    value: str = Field(description="What to send.")
    label: str = Field(description="What to show, in the caller's language.")


class ElementOut(Schema):
    code: str = Field(description="The element's field name in the answer (persyaratan, ...).")
    name: str = Field(description="The element's name, in the caller's language.")
    question: str = Field(description="The question, in the caller's language.")
    answers: list[ChoiceOut] = Field(description="The four answers, scores 1 (worst) to 4.")


class ServiceOut(Schema):
    id: int = Field(description="Id of the service (jenis layanan).")
    name: str = Field(description="Name of the service.")


class SurveyFormOut(Schema):
    agency: str = Field(description="The agency's name.")
    unit: str = Field(description="The service unit's name.")
    counter: str = Field(description="The survey point (counter).")
    service: ServiceOut | None = Field(description="The counter's own service, if it has one.")
    services: list[ServiceOut] = Field(description="The services a respondent may name.")
    elements: list[ElementOut] = Field(description="The nine elements in the regulation's order.")
    age_bands: list[ChoiceOut]
    sexes: list[ChoiceOut]
    educations: list[ChoiceOut]
    occupations: list[ChoiceOut]
    suggestion_max_length: int = Field(description="The longest suggestion accepted.")


class PublicResponseIn(BodyIn):
    """One respondent's answers. Scores and choices are checked by the service, which names
    each wrong field in a 400 answer."""

    answers: dict[str, Any] = Field(
        description="Each element's code mapped to its score, 1 to 4 (all nine are required)."
    )
    service: int | None = Field(None, description="The service used; the counter's own if set.")
    age_band: str = Field("", description="One of age_bands.")
    sex: str = Field("", description="One of sexes.")
    education: str = Field("", description="One of educations.")
    occupation: str = Field("", description="One of occupations.")
    suggestion: str = Field("", description=f"Optional, at most {SUGGESTION_MAX} characters.")
    device: str = Field(
        "",
        max_length=64,
        description="The kiosk app's own random key of the device (kept only as a keyed hash).",
    )
    website: str = Field("", description="Leave empty (a trap for form-filling scripts).")


class ReceivedOut(Schema):
    detail: str = Field(description="Thanks, in the caller's language.")
    day: str = Field(description="The day recorded, in the agency's time zone.")


# --- set-up ------------------------------------------------------------------------------------


class SetupServiceOut(Schema):
    id: int
    name: str
    is_active: bool


class SetupPointOut(Schema):
    id: int
    name: str
    service_id: int | None
    is_active: bool
    url: str = Field(description="The absolute address of its survey page (its QR code).")


class UnitSetupOut(Schema):
    unit_id: int
    unit: str
    services: list[SetupServiceOut]
    points: list[SetupPointOut]


class ServiceIn(BodyIn):
    name: str = Field(max_length=200)


class PointIn(BodyIn):
    name: str = Field(max_length=120)
    service: int | None = Field(None, description="The counter's own service, if any.")


class ServiceUsersIn(BodyIn):
    year: int
    kind: PeriodKind
    number: int = 1
    users: int
    service: int | None = Field(None, description="A service of the unit; null for the unit.")


class ServiceUsersOut(Schema):
    id: int
    unit_id: int
    service_id: int | None
    year: int
    kind: str
    number: int
    users: int
