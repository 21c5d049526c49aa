"""REST API v1 for public complaints, scoped like the pages and calling the same services.

Staff (a token or the session): the list with its filters and pages, one case, routing,
the category, notes, the public response, closing, recording a complaint received through
another channel, and the statistics. A case outside the caller's scope is 404; a reader
(pimpinan, auditor) who may see a case but not act on it gets 403; the complainant's name and
contact are given only to the handlers of the case.

Public (no login): filing a complaint as the public form does (the same service, the same
honeypot and rate limits; 201 with the tracking code) and reading a case by its tracking code
(its status, due date, public responses and steps, never a person; failed lookups are
rate-limited against guessing, as on the tracking page).
"""

import datetime
from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja import Status as Answer
from ninja.pagination import paginate
from pydantic import StringConstraints

from kinerja.api.fields import model_text
from kinerja.api.pagination import LimitOffset
from kinerja.api.schemas import (
    BodyIn,
    InputSchema,
    public_responses,
    responses,
    write_responses,
)
from kinerja.api.types import Day, Id
from kinerja.complaints import permissions, rules, selectors, services, throttle
from kinerja.complaints.models import (
    Category,
    Channel,
    Complainant,
    Complaint,
    ComplaintEvent,
    EventKind,
    Status,
)
from kinerja.org.selectors import public_agency

router = Router(tags=["public complaints (pengaduan)"])

API_PREFIX = "/complaints"
PUBLIC_PREFIX = "/public/complaints"


# --- shapes ---------------------------------------------------------------------------------


class ComplaintOut(Schema):
    id: int = Field(description="Id of the case.")
    tracking_code: str = Field(description="The code the complainant follows the case with.")
    unit_id: int | None = Field(description="The unit that answers it; null until routed.")
    unit_name: str = Field(description="Name of that unit; empty until routed.")
    category: str = Field(description="ringan, normatif, tidak_berkadar_pengawasan, ...")
    channel: str = Field(description="portal, lapor, media_sosial, sms_whatsapp, surat, ...")
    source_reference: str = Field(description="The SP4N-LAPOR! number, post link or letter.")
    status: str = Field(description="received, routed, in_progress, answered, reopened, closed.")
    received_on: datetime.date = Field(description="The day it was received.")
    due_on: datetime.date = Field(description="The last day to settle it.")
    answered_on: datetime.date | None = Field(description="The day of the current response.")
    closed_on: datetime.date | None = Field(description="The day it was closed.")
    escalated_on: datetime.date | None = Field(description="The day it was escalated.")
    overdue: bool = Field(description="Still open after its last day.")


class ContactOut(Schema):
    name: str = Field(description="The complainant's name, if given.")
    email: str = Field(description="The complainant's e-mail, if given.")
    phone: str = Field(description="The complainant's phone, if given.")


class EventOut(Schema):
    kind: str = Field(description="filed, routed, category, note, response, reopened, ...")
    day: datetime.date = Field(description="The day of the step.")
    unit_name: str = Field(description="The unit at that step.")
    text: str = Field(description="The note, the response or the citizen's reason.")
    public: bool = Field(description="Shown on the public tracking page.")


class ComplaintDetailOut(ComplaintOut):
    description: str = Field(description="The complaint as written.")
    contact: ContactOut | None = Field(
        description="The complainant's name and contact: only for the handlers of the case."
    )
    handles: bool = Field(description="The caller handles the case (may act on it).")
    events: list[EventOut] = Field(description="The steps of the case, oldest first.")


class ListFilters(InputSchema):
    status: Status | None = Field(None, description="Only cases of this status.")
    category: Category | None = Field(None, description="Only cases of this category.")
    channel: Channel | None = Field(None, description="Only cases that came this way.")
    unit: Id | None = Field(None, description="Only cases of this unit and the units below it.")
    overdue: bool = Field(False, description="Only open cases past their last day.")
    unrouted: bool = Field(False, description="Only cases not yet routed to a unit.")


class RouteIn(BodyIn):
    unit: Id = Field(description="The unit that answers the complaint.")


class CategoryIn(BodyIn):
    category: Category = Field(description="The new category; the due date is counted again.")
    reason: model_text(ComplaintEvent, "text") = ""


class TextIn(BodyIn):
    text: model_text(ComplaintEvent, "text")


class RecordIn(BodyIn):
    channel: Channel = Field(description="How it came in (not portal: that is the public form).")
    received_on: Day = Field(description="The day it was received (within the last year).")
    unit: Id | None = Field(None, description="The unit; BKPSDM may leave it for routing.")
    category: Category
    description: model_text(Complaint, "description")
    source_reference: model_text(Complaint, "source_reference") = ""
    name: model_text(Complainant, "name") = ""
    email: model_text(Complainant, "email") = ""
    phone: model_text(Complainant, "phone") = ""


class StatisticsFilters(InputSchema):
    year: int | None = Field(None, ge=2000, le=2100, description="Year; this year by default.")


class CountOut(Schema):
    key: str = Field(description="The channel or category.")
    label: str = Field(description="Its name in the caller's language.")
    count: int = Field(description="Complaints received.")


class FiguresOut(Schema):
    received: int = Field(description="Complaints received in the year.")
    answered: int = Field(description="Of those, answered.")
    answered_on_time: int = Field(description="Answered by their last day.")
    overdue: int = Field(description="Still open after their last day.")
    on_time_percent: float | None = Field(
        description="Answered on time among those due by now; null while none came due."
    )
    median_working_days: float | None = Field(description="Median working days to answer.")
    by_channel: list[CountOut] = Field(description="Received per channel.")
    by_category: list[CountOut] = Field(description="Received per category.")


class UnitFiguresOut(Schema):
    unit_id: int | None = Field(description="The unit; null for cases not yet routed.")
    unit_name: str = Field(description="Its name; empty for cases not yet routed.")
    figures: FiguresOut = Field(description="The unit's figures.")


class StatisticsOut(Schema):
    year: int = Field(description="The year of receipt.")
    all: FiguresOut = Field(description="Every case the caller sees.")
    units: list[UnitFiguresOut] = Field(description="Per unit.")


Code = Annotated[str, StringConstraints(max_length=40)]


class PublicIn(BodyIn):
    unit: Id | None = Field(None, description="The office or service; null for 'I don't know'.")
    category: Category
    description: model_text(Complaint, "description")
    name: model_text(Complainant, "name") = ""
    email: model_text(Complainant, "email") = ""
    phone: model_text(Complainant, "phone") = ""
    website: str = Field("", max_length=200, description="Leave empty (a trap for robots).")


class FiledOut(Schema):
    tracking_code: str = Field(description="Keep it: the only key to follow the complaint.")
    status: str = Field(description="received or routed.")
    due_on: datetime.date = Field(description="The last day to settle it.")


class PublicStepOut(Schema):
    kind: str = Field(description="filed, routed, response, reopened or closed.")
    label: str = Field(description="The step in the caller's language.")
    day: datetime.date = Field(description="The day of the step.")
    office: str = Field(description="The office at that step (never a person).")
    text: str = Field(description="The response or the citizen's reason; else empty.")


class PublicCaseOut(Schema):
    tracking_code: str = Field(description="The tracking code.")
    status: str = Field(description="received, routed, in_progress, answered, reopened, closed.")
    status_label: str = Field(description="The status in the caller's language.")
    category: str = Field(description="The category.")
    office: str = Field(description="The office that answers it; empty until routed.")
    received_on: datetime.date = Field(description="The day it was received.")
    due_on: datetime.date = Field(description="The last day to settle it.")
    may_reopen: bool = Field(description="The response may still be answered by reopening.")
    responses: list[PublicStepOut] = Field(description="The public responses, oldest first.")
    history: list[PublicStepOut] = Field(description="The public steps, oldest first.")


# --- staff ----------------------------------------------------------------------------------


def _row(complaint: Complaint, today: datetime.date) -> dict:
    return {
        "id": complaint.pk,
        "tracking_code": complaint.tracking_code,
        "unit_id": complaint.unit_id,
        "unit_name": complaint.unit.name if complaint.unit else "",
        "category": complaint.category,
        "channel": complaint.channel,
        "source_reference": complaint.source_reference,
        "status": complaint.status,
        "received_on": complaint.received_on,
        "due_on": complaint.due_on,
        "answered_on": complaint.answered_on,
        "closed_on": complaint.closed_on,
        "escalated_on": complaint.escalated_on,
        "overdue": complaint.is_open and complaint.due_on < today,
    }


class _Rows:
    """A page of the list: sliced on the queryset, each row shaped on the way out."""

    def __init__(self, queryset, today):
        self.queryset, self.today = queryset, today

    def count(self):
        return self.queryset.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        return [_row(c, self.today) for c in self.queryset[index]]


def _detail(request, complaint: Complaint) -> dict:
    viewer = request.viewer
    contact = selectors.contact_of(viewer, complaint)
    out = _row(complaint, viewer.today)
    out.update(
        description=complaint.description,
        handles=permissions.handles(viewer, complaint),
        contact=(
            {"name": contact.name, "email": contact.email, "phone": contact.phone}
            if contact is not None
            else None
        ),
        events=[
            {
                "kind": event.kind,
                "day": event.day,
                "unit_name": event.unit.name if event.unit else "",
                "text": event.text,
                "public": event.is_public,
            }
            for event in selectors.events_of(complaint)
        ],
    )
    return out


def _case(request, complaint_id: int) -> Complaint:
    return selectors.get_complaint(request.viewer, complaint_id)


@router.get(
    API_PREFIX,
    response=responses(list[ComplaintOut], 400, 403),
    operation_id="complaints_list",
    summary="Complaints the caller handles or reads, newest first (overdue: by due date)",
)
@paginate(LimitOffset)
def complaint_list(request, filters: Query[ListFilters]):
    viewer = request.viewer
    if not permissions.can_view_inbox(viewer):
        raise PermissionDenied
    found = selectors.inbox(
        viewer,
        selectors.InboxFilters(
            status=filters.status or "",
            category=filters.category or "",
            channel=filters.channel or "",
            overdue=filters.overdue,
            unrouted=filters.unrouted,
            unit=filters.unit,
        ),
    )
    return _Rows(found, viewer.today)


@router.get(
    f"{API_PREFIX}/statistics",
    response=responses(StatisticsOut, 403),
    operation_id="complaints_statistics",
    summary="Received, answered, on time and overdue, per channel, category and unit",
)
def complaint_statistics(request, filters: Query[StatisticsFilters]):
    viewer = request.viewer
    if not permissions.can_view_statistics(viewer):
        raise PermissionDenied
    year = filters.year or viewer.today.year
    stats = selectors.statistics(viewer, datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    return {
        "year": year,
        "all": _figures(stats.agency),
        "units": [
            {
                "unit_id": row.unit.pk if row.unit else None,
                "unit_name": row.unit.name if row.unit else "",
                "figures": _figures(row.figures),
            }
            for row in stats.units
        ],
    }


def _figures(figures: rules.Figures) -> dict:
    share = figures.on_time_share
    channels, categories = dict(Channel.choices), dict(Category.choices)
    return {
        "received": figures.received,
        "answered": figures.answered,
        "answered_on_time": figures.answered_on_time,
        "overdue": figures.overdue,
        "on_time_percent": round(float(share) * 100, 1) if share is not None else None,
        "median_working_days": figures.median_working_days,
        "by_channel": [
            {"key": str(c), "label": str(channels[str(c)]), "count": n}
            for c, n in sorted(figures.by_channel.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        "by_category": [
            {"key": str(c), "label": str(categories[str(c)]), "count": n}
            for c, n in sorted(figures.by_category.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
    }


@router.get(
    f"{API_PREFIX}/{{complaint_id}}",
    response=responses(ComplaintDetailOut, 404),
    operation_id="complaints_detail",
    summary="One case with its steps; the complainant's contact only for its handlers",
)
def complaint_detail(request, complaint_id: Id):
    return _detail(request, _case(request, complaint_id))


@router.post(
    API_PREFIX,
    response=write_responses(ComplaintDetailOut),
    operation_id="complaints_record",
    summary="Record a complaint received through another channel",
)
def complaint_record(request, payload: RecordIn):
    complaint = services.complaint_record(
        actor=request.viewer,
        unit=payload.unit,
        category=payload.category,
        channel=payload.channel,
        description=payload.description,
        received_on=payload.received_on,
        source_reference=payload.source_reference,
        name=payload.name,
        email=payload.email,
        phone=payload.phone,
    )
    return _detail(request, _case(request, complaint.pk))


@router.post(
    f"{API_PREFIX}/{{complaint_id}}/route",
    response=write_responses(ComplaintDetailOut),
    operation_id="complaints_route",
    summary="Route (or re-route) a case to the unit that answers it",
)
def complaint_route(request, complaint_id: Id, payload: RouteIn):
    complaint = _case(request, complaint_id)
    services.complaint_route(actor=request.viewer, complaint=complaint, unit=payload.unit)
    return _detail(request, _case(request, complaint_id))


@router.post(
    f"{API_PREFIX}/{{complaint_id}}/category",
    response=write_responses(ComplaintDetailOut),
    operation_id="complaints_change_category",
    summary="Change the category: the due date is counted again",
)
def complaint_category(request, complaint_id: Id, payload: CategoryIn):
    complaint = _case(request, complaint_id)
    services.complaint_change_category(
        actor=request.viewer, complaint=complaint, category=payload.category, reason=payload.reason
    )
    return _detail(request, _case(request, complaint_id))


@router.post(
    f"{API_PREFIX}/{{complaint_id}}/notes",
    response=write_responses(ComplaintDetailOut),
    operation_id="complaints_note",
    summary="Add an internal note (never public)",
)
def complaint_note(request, complaint_id: Id, payload: TextIn):
    complaint = _case(request, complaint_id)
    services.complaint_note(actor=request.viewer, complaint=complaint, text=payload.text)
    return _detail(request, _case(request, complaint_id))


@router.post(
    f"{API_PREFIX}/{{complaint_id}}/respond",
    response=write_responses(ComplaintDetailOut),
    operation_id="complaints_respond",
    summary="Publish the response the complainant reads on the tracking page",
)
def complaint_respond(request, complaint_id: Id, payload: TextIn):
    complaint = _case(request, complaint_id)
    services.complaint_respond(actor=request.viewer, complaint=complaint, text=payload.text)
    return _detail(request, _case(request, complaint_id))


@router.post(
    f"{API_PREFIX}/{{complaint_id}}/close",
    response=write_responses(ComplaintDetailOut),
    operation_id="complaints_close",
    summary="Close an answered case",
)
def complaint_close(request, complaint_id: Id):
    complaint = _case(request, complaint_id)
    services.complaint_close(actor=request.viewer, complaint=complaint)
    return _detail(request, _case(request, complaint_id))


# --- public ---------------------------------------------------------------------------------


def _public_agency():
    """The public pages' agency (`kinerja.org.selectors.public`) when the address names none."""
    agency = public_agency()
    if agency is None:
        raise Http404
    return agency


@router.post(
    PUBLIC_PREFIX,
    auth=None,
    response=public_responses(FiledOut, 400, 429, ok=201),
    operation_id="complaints_public_file",
    summary="File a complaint without logging in: answers the tracking code",
)
def public_file(request, response: HttpResponse, payload: PublicIn):
    """404 where the agency receives no complaints; 429 past the limits of the public form:
    per address, and per browser for a client that keeps the cookie this answer gives."""
    agency = _public_agency()
    throttle.start_device(request)
    throttle.give_device_cookie(request, response)
    if payload.website:
        message = _("Your complaint could not be sent. Please try again.")
        return Answer(400, {"detail": {"__all__": [message]}})
    if throttle.blocked(request, "file"):
        message = _("Too many complaints were sent from here. Please try again later.")
        return Answer(429, {"detail": message})
    throttle.count(request, "file")
    complaint = services.complaint_file(
        agency=agency,
        unit=payload.unit,
        category=payload.category,
        description=payload.description,
        name=payload.name,
        email=payload.email,
        phone=payload.phone,
    )
    filed = {
        "tracking_code": complaint.tracking_code,
        "status": complaint.status,
        "due_on": complaint.due_on,
    }
    return Answer(201, filed)


@router.get(
    f"{PUBLIC_PREFIX}/{{code}}",
    auth=None,
    response=public_responses(PublicCaseOut, 429),
    operation_id="complaints_public_track",
    summary="Follow a complaint by its tracking code: status, due date and public responses",
)
def public_track(request, code: Code):
    agency = _public_agency()
    if throttle.blocked(request, "track"):
        message = _("Too many codes that match no complaint were tried. Try again later.")
        return Answer(429, {"detail": message})
    complaint = selectors.complaint_by_code(agency, code)
    if complaint is None:
        throttle.count(request, "track")
        raise Http404
    case = selectors.public_case(complaint, timezone.localdate())
    steps = [
        {"kind": s.kind, "label": s.label, "day": s.day, "office": s.office, "text": s.text}
        for s in case.steps
    ]
    return {
        "tracking_code": complaint.tracking_code,
        "status": complaint.status,
        "status_label": complaint.get_status_display(),
        "category": complaint.category,
        "office": case.office,
        "received_on": complaint.received_on,
        "due_on": complaint.due_on,
        "may_reopen": case.may_reopen,
        "responses": [s for s in steps if s["kind"] == EventKind.RESPONSE],
        "history": steps,
    }
