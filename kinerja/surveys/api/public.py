"""The public survey of a counter, for a kiosk app: no login, the point's token is the whole
permission. The same service and limits as the survey page (the honeypot, repeats, answers per
device and per address): 201 on success (nothing personal in the answer), 400 naming the field,
404 for an unknown or closed point, 409 for a repeat and 429 when a limit is reached. Tokens
that name no open point count against the caller's address, and past their limit every look-up
from it is 429 (`services.point_lookup`)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from ninja import Router, Status

from kinerja.api.schemas import public_responses
from kinerja.core.http import client_address
from kinerja.surveys import rules, selectors, services
from kinerja.surveys.api.schemas import (
    SurveyFormOut,
    SurveyReceivedOut,
    SurveyResponseIn,
    Token,
)
from kinerja.surveys.forms import ANSWERS, ELEMENT_TITLES, QUESTIONS
from kinerja.surveys.models import SUGGESTION_MAX, AgeBand, Channel, Education, Occupation, Sex

router = Router(tags=["public satisfaction survey (SKM)"])


def _choices(choices) -> list[dict]:
    return [{"value": value, "label": str(label)} for value, label in choices]


def _refused(refusal: services.SubmissionRefused) -> Status:
    return Status(refusal.status, {"detail": refusal.message})


@router.get(
    "/public/surveys/{token}",
    auth=None,
    response=public_responses(SurveyFormOut, 429),
    operation_id="survey_public_form",
    summary="The questionnaire of a counter: unit, services, elements and profile choices",
)
def survey_form(request, token: Token):
    try:
        point = services.point_lookup(token, address=client_address(request))
    except services.SubmissionRefused as refusal:
        return _refused(refusal)
    offered = selectors.point_services(point)
    return {
        "agency": point.unit.agency.name,
        "unit": point.unit.name,
        "counter": point.name,
        "service": {"id": point.service.pk, "name": point.service.name} if point.service else None,
        "services": [{"id": s.pk, "name": s.name} for s in offered],
        "elements": [
            {
                "code": element.value,
                "name": str(ELEMENT_TITLES[element]),
                "question": str(QUESTIONS[element]),
                "answers": [
                    {"value": str(score), "label": str(label)}
                    for score, label in enumerate(ANSWERS[element], start=1)
                ],
            }
            for element in rules.ELEMENTS
        ],
        "age_bands": _choices(AgeBand.choices),
        "sexes": _choices(Sex.choices),
        "educations": _choices(Education.choices),
        "occupations": _choices(Occupation.choices),
        "suggestion_max_length": SUGGESTION_MAX,
    }


@router.post(
    "/public/surveys/{token}/responses",
    auth=None,
    response=public_responses(SurveyReceivedOut, 400, 409, 413, 429, ok=201),
    operation_id="survey_public_respond",
    summary="Record one respondent's answers given at a counter (kiosk app)",
)
def respond(request, token: Token, payload: SurveyResponseIn):
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > rules.MAX_BODY_BYTES:
        return Status(413, {"detail": _("The answers sent are too large.")})
    address = client_address(request)
    try:
        point = services.point_lookup(token, address=address)
        response = services.response_submit(
            token=point.token,
            answers=payload.answers.dict(),
            service=payload.service,
            profile={
                "age_band": payload.age_band,
                "sex": payload.sex,
                "education": payload.education,
                "occupation": payload.occupation,
            },
            suggestion=payload.suggestion,
            honeypot=payload.website,
            channel=Channel.KIOSK,
            device_key=f"api:{payload.device}" if payload.device else None,
            address=address,
        )
    except services.SubmissionRefused as refusal:
        return _refused(refusal)
    return Status(201, {"detail": _("Thank you: your answers were recorded."), "day": response.day})
