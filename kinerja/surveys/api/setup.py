"""A service unit's survey set-up through the API, scoped like the pages: a unit outside the
caller's scope is 404; readers (pimpinan, auditors) get 403 on writes; invalid input is 400
with the field named."""

from __future__ import annotations

from ninja import Router

from kinerja.api.schemas import responses
from kinerja.api.types import Id
from kinerja.surveys import posters, selectors, services
from kinerja.surveys.api.schemas import (
    SurveyPointIn,
    SurveyServiceIn,
    SurveyServiceUsersIn,
    SurveyServiceUsersOut,
    SurveySetupPointOut,
    SurveySetupServiceOut,
    SurveyUnitSetupOut,
)

router = Router(tags=["public satisfaction survey (SKM)"])


def _write_responses(ok_schema) -> dict:
    """Nothing of the set-up is final: no 409."""
    return responses(ok_schema, 400, 403, 404)


def _service_out(service) -> dict:
    return {"id": service.pk, "name": service.name, "is_active": service.is_active}


def _point_out(point) -> dict:
    return {
        "id": point.pk,
        "name": point.name,
        "service_id": point.service_id,
        "is_active": point.is_active,
        "url": posters.survey_url(point),
    }


@router.get(
    "/surveys/units/{unit_id}/setup",
    response=responses(SurveyUnitSetupOut, 404),
    operation_id="survey_unit_setup",
    summary="A service unit's services and survey points",
)
def unit_setup(request, unit_id: Id):
    unit = selectors.get_setup_unit(request.viewer, unit_id)
    return {
        "unit_id": unit.pk,
        "unit": unit.name,
        "services": [_service_out(s) for s in selectors.unit_services(unit)],
        "points": [_point_out(p) for p in selectors.unit_points(unit)],
    }


@router.post(
    "/surveys/units/{unit_id}/services",
    response=_write_responses(SurveySetupServiceOut),
    operation_id="survey_service_create",
    summary="Add a service (jenis layanan) to a unit",
)
def service_create(request, unit_id: Id, payload: SurveyServiceIn):
    unit = selectors.get_setup_unit(request.viewer, unit_id)
    service = services.service_create(actor=request.viewer, unit=unit, name=payload.name)
    return _service_out(service)


@router.post(
    "/surveys/units/{unit_id}/points",
    response=_write_responses(SurveySetupPointOut),
    operation_id="survey_point_create",
    summary="Add a survey point (a counter) to a unit",
)
def point_create(request, unit_id: Id, payload: SurveyPointIn):
    unit = selectors.get_setup_unit(request.viewer, unit_id)
    point = services.point_create(
        actor=request.viewer, unit=unit, name=payload.name, service=payload.service
    )
    return _point_out(point)


@router.put(
    "/surveys/units/{unit_id}/service-users",
    response=_write_responses(SurveyServiceUsersOut),
    operation_id="survey_service_users_set",
    summary="Set how many people a unit (or one of its services) served in a period",
)
def service_users_set(request, unit_id: Id, payload: SurveyServiceUsersIn):
    unit = selectors.get_setup_unit(request.viewer, unit_id)
    row = services.service_users_set(
        actor=request.viewer,
        unit=unit,
        year=payload.year,
        kind=payload.kind,
        number=payload.number,
        users=payload.users,
        service=payload.service,
    )
    return {
        "id": row.pk,
        "unit_id": row.unit_id,
        "service_id": row.service_id,
        "year": row.year,
        "kind": row.kind,
        "number": row.number,
        "users": row.users,
    }
