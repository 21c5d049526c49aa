"""REST API v1 of the survey results: a unit's results for a period, the regency table, the
follow-up plan and the published SKM reports.

Scoped exactly like the pages, through the same selectors and services: a unit, action or
report outside the caller's scope is 404, a list the caller may not read is 403, a write the
caller may not make is 403, invalid input is 400 with the field named, a done, dropped or
published record is 409.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import paginate

from kinerja.api.pagination import LimitOffset
from kinerja.api.schemas import responses, write_responses
from kinerja.api.types import Id
from kinerja.surveys import permissions
from kinerja.surveys.api.schemas import (
    FollowupFilters,
    FollowupIn,
    FollowupUpdateIn,
    PeriodQuery,
    ProgressIn,
    RegencyQuery,
    SurveyFollowupOut,
    SurveyRegencyOut,
    SurveyReportDetailOut,
    SurveyReportOut,
    SurveyUnitResultsOut,
    UnitResultsQuery,
)
from kinerja.surveys.models import PeriodKind
from kinerja.surveys.selectors import followup as followup_selectors
from kinerja.surveys.selectors import reports as report_selectors
from kinerja.surveys.selectors import results
from kinerja.surveys.services import followup as followup_services

router = Router()


def _period(viewer, query: PeriodQuery) -> results.Period:
    today = viewer.today
    if query.kind is None and query.number is None:
        kind, number = PeriodKind.QUARTER, (today.month - 1) // 3 + 1
    else:
        kind, number = query.kind or PeriodKind.QUARTER, query.number or 1
    try:
        return results.parse_period(query.year or today.year, kind, number)
    except ValueError:
        raise ValidationError({"number": [_("Choose a period of the year.")]}) from None


def _period_out(period) -> dict:
    return {
        "year": period.year,
        "kind": period.kind,
        "number": period.number,
        "label": period.label,
    }


@router.get(
    "/surveys/units/{unit_id}/results",
    response=responses(SurveyUnitResultsOut, 400, 404),
    operation_id="surveys_unit_results",
    summary="A service unit's survey results for a period (the current quarter by default)",
)
def unit_results(request, unit_id: Id, query: Query[UnitResultsQuery]):
    viewer = request.viewer
    unit = results.get_results_unit(viewer, unit_id)
    service = results.get_unit_service(unit, query.service) if query.service else None
    period = _period(viewer, query)
    found = results.unit_results(viewer, unit, period, service)
    return {
        "unit_id": unit.pk,
        "unit_name": unit.name,
        "period": _period_out(period),
        "service_id": service.pk if service else None,
        "figures": found.figures.as_dict(),
        "services": [
            {
                "service_id": row.service.pk if row.service else None,
                "name": row.service.name if row.service else "",
                "figures": row.figures.as_dict(),
            }
            for row in found.services
        ],
    }


@router.get(
    "/surveys/regency",
    response=responses(SurveyRegencyOut, 400, 403),
    operation_id="surveys_regency",
    summary="Every service unit the caller oversees side by side for a period",
)
def regency(request, query: Query[RegencyQuery]):
    viewer = request.viewer
    if not permissions.can_view_regency(viewer):
        raise PermissionDenied
    period = _period(viewer, query)
    table = results.regency_table(viewer, period, query.sort)
    return {
        "period": _period_out(period),
        "weight": table.weight,
        "figures": table.figures.as_dict(),
        "rows": [
            {"unit_id": row.unit.pk, "unit_name": row.unit.name, "figures": row.figures.as_dict()}
            for row in table.rows
        ],
    }


def _followup_out(action) -> dict:
    return {
        "id": action.pk,
        "unit_id": action.unit_id,
        "year": action.year,
        "kind": action.kind,
        "number": action.number,
        "element": action.element,
        "action": action.action,
        "owner_position_id": action.owner_position_id,
        "owner": action.owner_label,
        "due_date": action.due_date,
        "status": action.status,
        "done_on": action.done_on,
        "drop_reason": action.drop_reason,
        "notes": [{"day": note.day, "note": note.note} for note in action.notes.all()],
    }


@router.get(
    "/surveys/units/{unit_id}/followups",
    response=responses(list[SurveyFollowupOut], 400, 404),
    operation_id="surveys_followup_list",
    summary="A service unit's follow-up actions of a period, with their progress notes",
)
def followup_list(request, unit_id: Id, query: Query[FollowupFilters]):
    viewer = request.viewer
    unit = results.get_results_unit(viewer, unit_id)
    actions = followup_selectors.period_actions(viewer, unit, _period(viewer, query))
    return [_followup_out(action) for action in actions]


@router.post(
    "/surveys/units/{unit_id}/followups",
    response=write_responses(SurveyFollowupOut),
    operation_id="surveys_followup_create",
    summary="Plan a follow-up action on a period's results of a service unit",
)
def followup_create(request, unit_id: Id, payload: FollowupIn):
    viewer = request.viewer
    unit = results.get_results_unit(viewer, unit_id)
    action = followup_services.followup_create(
        actor=viewer,
        unit=unit,
        year=payload.year,
        kind=payload.kind,
        number=payload.number,
        element=payload.element,
        action=payload.action,
        due_date=payload.due_date,
        owner_position=payload.owner_position,
        owner_text=payload.owner_text,
    )
    return _followup_out(followup_selectors.get_followup(viewer, action.pk))


@router.put(
    "/surveys/followups/{followup_id}",
    response=write_responses(SurveyFollowupOut),
    operation_id="surveys_followup_update",
    summary="Change an open follow-up action",
)
def followup_update(request, followup_id: Id, payload: FollowupUpdateIn):
    viewer = request.viewer
    action = followup_selectors.get_followup(viewer, followup_id)
    followup_services.followup_update(
        actor=viewer,
        followup=action,
        element=payload.element,
        action=payload.action,
        due_date=payload.due_date,
        owner_position=payload.owner_position,
        owner_text=payload.owner_text,
    )
    return _followup_out(followup_selectors.get_followup(viewer, followup_id))


@router.post(
    "/surveys/followups/{followup_id}/progress",
    response=write_responses(SurveyFollowupOut),
    operation_id="surveys_followup_progress",
    summary="Report the progress of an open follow-up action",
)
def followup_progress(request, followup_id: Id, payload: ProgressIn):
    viewer = request.viewer
    action = followup_selectors.get_followup(viewer, followup_id)
    followup_services.followup_report_progress(
        actor=viewer, followup=action, note=payload.note, day=payload.day
    )
    return _followup_out(followup_selectors.get_followup(viewer, followup_id))


@router.get(
    "/surveys/reports",
    response=responses(list[SurveyReportOut], 403),
    operation_id="surveys_reports_published",
    summary="Every service unit's published SKM reports, newest first",
)
@paginate(LimitOffset)
def reports_published(request):
    viewer = request.viewer
    if not permissions.sees_published_reports(viewer):
        raise PermissionDenied
    return report_selectors.published_reports(viewer)


@router.get(
    "/surveys/reports/{report_id}",
    response=responses(SurveyReportDetailOut, 404),
    operation_id="surveys_report_detail",
    summary="An SKM report with the figures frozen when it was approved",
)
def report_detail(request, report_id: Id):
    return report_selectors.get_report(request.viewer, report_id)
