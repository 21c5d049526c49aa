"""REST API v1 for continuous feedback, scoped like the pages.

Reads go through `selectors` (an employee outside the caller's scope is 404); writes call the
services, which check permissions (403) and validate (400 with the field named). Anonymous
feedback is returned without the giver, and only above the agency's threshold, except to
auditors.
"""

from __future__ import annotations

import datetime
import uuid
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Field, Query, Router, Schema

from kinerja.api.fields import model_text
from kinerja.api.schemas import BodyIn, InputSchema, responses, write_responses
from kinerja.api.types import Day, Id
from kinerja.feedback import permissions, selectors, services
from kinerja.feedback.models import Channel, Feedback, FeedbackKind, FeedbackRequest
from kinerja.skp.berakhlak import CoreValue

router = Router(tags=["continuous feedback (umpan balik berkelanjutan)"])

# The channel as its values: the complaints' Channel enum has the same name in the schema.
FeedbackChannel = Literal[tuple(Channel.values)]


class FeedbackOut(Schema):
    id: int = Field(description="Id of the feedback.")
    employee_id: int = Field(description="The employee who received it.")
    giver_id: int | None = Field(description="Null when anonymous to the caller.")
    giver_name: str = Field(description="Empty when anonymous to the caller.")
    relation: str = Field(description="leader, peer, subordinate or other.")
    kind: str = Field(description="scheduled or incidental.")
    channel: str = Field(description="direct or indirect.")
    year: int = Field(description="The plan's year.")
    period_id: int | None = Field(description="The evaluation period.")
    rhk_key: uuid.UUID | None = Field(description="`Rhk.key` it is about, if any.")
    indicator_key: uuid.UUID | None = Field(
        description="`RhkIndicator.key` (a realisation), if any."
    )
    core_value: str = Field(description="The BerAKHLAK value it is about, if any.")
    text: str = Field(description="The feedback.")
    is_anonymous: bool = Field(description="Given anonymously to the employee.")
    corrects_id: int | None = Field(description="The feedback this one corrects.")
    given_on: datetime.date = Field(description="The day it was given.")


def _out(feedback: Feedback, giver_name: str) -> dict:
    return {
        "id": feedback.pk,
        "employee_id": feedback.employee_id,
        "giver_id": feedback.giver_id if giver_name else None,
        "giver_name": giver_name,
        "relation": feedback.relation,
        "kind": feedback.kind,
        "channel": feedback.channel,
        "year": feedback.year,
        "period_id": feedback.period_id,
        "rhk_key": feedback.rhk_key,
        "indicator_key": feedback.indicator_key,
        "core_value": feedback.core_value,
        "text": feedback.text,
        "is_anonymous": feedback.is_anonymous,
        "corrects_id": feedback.corrects_id,
        "given_on": feedback.given_on,
    }


class ReceivedFilters(InputSchema):
    employee: Id | None = Field(None, description="Employee id; the caller's own by default.")
    year: int | None = Field(None, ge=2000, le=2100, description="Year; this year by default.")


class FeedbackIn(BodyIn):
    employee: Id = Field(description="The employee who receives the feedback.")
    text: model_text(Feedback, "text")
    kind: FeedbackKind = FeedbackKind.INCIDENTAL
    channel: FeedbackChannel = Field(Channel.DIRECT, description="direct or indirect.")
    rhk_key: uuid.UUID | None = Field(None, description="`Rhk.key` of the employee's plan.")
    indicator_key: uuid.UUID | None = Field(
        None, description="`RhkIndicator.key` of that RHK: feedback on a realisation."
    )
    period: Id | None = Field(None, description="Evaluation period; the current one by default.")
    core_value: CoreValue | None = None
    is_anonymous: bool = False
    request: Id | None = Field(None, description="The request this feedback answers.")
    corrects: Id | None = Field(None, description="One's own feedback this one corrects.")


class RequestIn(BodyIn):
    asked: Id = Field(description="The employee asked for feedback.")
    rhk_key: uuid.UUID | None = None
    core_value: CoreValue | None = None
    message: model_text(FeedbackRequest, "message") = ""


class RequestOut(Schema):
    id: int = Field(description="Id of the request.")
    employee_id: int = Field(description="The employee who asked.")
    asked_id: int = Field(description="The person asked.")
    year: int = Field(description="The plan's year.")
    rhk_key: uuid.UUID | None = Field(description="`Rhk.key` it is about, if any.")
    core_value: str = Field(description="The BerAKHLAK value, if any.")
    message: str = Field(description="The employee's message.")
    status: str = Field(description="open, answered or declined.")


class ScheduleIn(BodyIn):
    year: int = Field(ge=2000, le=2100)
    dates: list[Day] = Field(
        default_factory=list,
        max_length=services.MAX_SLOTS,
        description="Due dates; empty for once per evaluation period.",
    )


class SlotOut(Schema):
    id: int = Field(description="Id of the scheduled slot.")
    employee_id: int = Field(description="The employee.")
    leader_id: int = Field(description="The leader who gives it.")
    year: int = Field(description="The year.")
    due_date: datetime.date = Field(description="When it is due.")
    done_on: datetime.date | None = Field(description="When it was given; null while due.")
    feedback_id: int | None = Field(description="The feedback that fulfilled it.")


class CoverageFilters(InputSchema):
    year: int | None = Field(None, ge=2000, le=2100)


class FeedbackTeamRowOut(Schema):
    employee_id: int = Field(description="Id of the team member.")
    name: str = Field(description="Name with titles.")
    last_done: datetime.date | None = Field(description="Last scheduled feedback given.")
    next_due: datetime.date | None = Field(description="Next scheduled feedback due.")
    state: str = Field(description="none, overdue, due, ok or done.")


class UnitRowOut(Schema):
    unit_id: int = Field(description="Id of the unit.")
    name: str = Field(description="Name of the unit.")
    members: int = Field(description="People with a schedule.")
    behind: int = Field(description="People with overdue feedback.")
    leaders_behind: int = Field(description="Leaders with overdue feedback.")


class CoverageOut(Schema):
    team: list[FeedbackTeamRowOut] = Field(description="The caller's team.")
    units: list[UnitRowOut] = Field(description="The units the caller oversees.")


@router.get(
    "/feedback/received",
    response=responses(list[FeedbackOut], 404),
    operation_id="feedback_received",
    summary="Feedback an employee received in a year, as the caller may see it",
)
def received(request, filters: Query[ReceivedFilters]):
    viewer = request.viewer
    pk = filters.employee or viewer.employee_id
    if pk is None:
        return []
    employee = selectors.get_employee_for_feedback(viewer, pk)
    found = selectors.received_feedback(viewer, employee, filters.year or viewer.today.year)
    return [_out(item.feedback, item.giver_name) for item in found.items]


@router.post(
    "/feedback",
    response=write_responses(FeedbackOut),
    operation_id="feedback_give",
    summary="Give feedback (or a correction, or an answer to a request)",
)
def give(request, payload: FeedbackIn):
    feedback = services.feedback_give(
        actor=request.viewer,
        employee=payload.employee,
        text=payload.text,
        kind=payload.kind,
        channel=payload.channel,
        rhk_key=payload.rhk_key,
        indicator_key=payload.indicator_key,
        period=payload.period,
        core_value=payload.core_value or "",
        is_anonymous=payload.is_anonymous,
        request=payload.request,
        corrects=payload.corrects,
    )
    return _out(feedback, feedback.giver.full_name)


@router.post(
    "/feedback/requests",
    response=write_responses(RequestOut),
    operation_id="feedback_request_create",
    summary="Ask someone of the agency for feedback",
)
def request_create(request, payload: RequestIn):
    return services.feedback_request_create(
        actor=request.viewer,
        asked=payload.asked,
        rhk_key=payload.rhk_key,
        core_value=payload.core_value or "",
        message=payload.message,
    )


@router.post(
    "/feedback/requests/{request_id}/decline",
    response=write_responses(RequestOut),
    operation_id="feedback_request_decline",
    summary="Decline a request for feedback asked of the caller",
)
def request_decline(request, request_id: Id):
    if selectors.open_request_for(request.viewer, request_id) is None:
        raise Http404
    return services.feedback_request_decline(actor=request.viewer, request=request_id)


@router.put(
    "/feedback/schedules/{employee_id}",
    response=write_responses(list[SlotOut]),
    operation_id="feedback_schedule_set",
    summary="Plan the scheduled feedback of a team member's year",
)
def schedule_set(request, employee_id: Id, payload: ScheduleIn):
    viewer = request.viewer
    employee = selectors.get_employee_for_feedback(viewer, employee_id)
    if not permissions.can_schedule(viewer, employee, selectors.team_ids(viewer, payload.year)):
        raise PermissionDenied
    return services.feedback_schedule_set(
        actor=viewer, employee=employee, year=payload.year, dates=payload.dates
    )


@router.get(
    "/feedback/coverage",
    response=responses(CoverageOut, 403),
    operation_id="feedback_coverage",
    summary="Scheduled feedback coverage of the caller's team, and per unit for admins",
)
def coverage(request, filters: Query[CoverageFilters]):
    viewer = request.viewer
    if not permissions.can_view_coverage(viewer, selectors.team_ids(viewer)):
        raise PermissionDenied
    year = filters.year or viewer.today.year
    return {
        "team": [
            {
                "employee_id": row.employee.pk,
                "name": row.employee.full_name,
                "last_done": row.last_done,
                "next_due": row.next_due,
                "state": row.state,
            }
            for row in selectors.team_coverage(viewer, year)
        ],
        "units": [
            {
                "unit_id": row.unit.pk,
                "name": row.unit.name,
                "members": row.members,
                "behind": row.behind,
                "leaders_behind": len(row.leaders_behind),
            }
            for row in selectors.unit_coverage(viewer, year)
        ],
    }
