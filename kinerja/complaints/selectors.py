"""Reads of public complaints, scoped to the viewer (a case out of scope is 404).

The public side reads one case by its tracking code, and shows only its public steps with the
office's name: never the complainant, never a member of staff.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from kinerja.complaints import permissions, rules
from kinerja.complaints.models import (
    PUBLIC_EVENTS,
    Complaint,
    ComplaintAttachment,
    ComplaintEvent,
    ComplaintSettings,
    EventKind,
)
from kinerja.iku.selectors.calendar import days_off
from kinerja.org import permissions as org_permissions
from kinerja.org.models import Unit

PAGE_SIZE = 25


# --- the agency of the public pages ---------------------------------------------------------


def public_units(agency) -> QuerySet[Unit]:
    """What a citizen may choose on the form: the agency's service units and its offices
    (the top of the tree), by name."""
    return (
        Unit.objects.filter(agency=agency, is_active=True)
        .filter(Q(is_service_unit=True) | Q(parent__isnull=True))
        .order_by("name")
    )


def deadline_setting(agency_id: int) -> dict[str, int]:
    found = ComplaintSettings.objects.filter(agency_id=agency_id).first()
    return (
        found.as_setting() if found else {str(c): d for c, d in rules.DEFAULT_DEADLINE_DAYS.items()}
    )


def complaint_settings(agency_id: int) -> ComplaintSettings:
    return ComplaintSettings.objects.filter(agency_id=agency_id).first() or ComplaintSettings(
        agency_id=agency_id
    )


# --- the public tracking page ---------------------------------------------------------------


@dataclass(frozen=True)
class PublicStep:
    kind: str
    label: str
    day: datetime.date
    office: str
    text: str  # the response or the citizen's reason; empty for the other steps


@dataclass(frozen=True)
class PublicCase:
    complaint: Complaint
    office: str
    steps: list[PublicStep]
    responses: list[PublicStep]
    may_reopen: bool
    may_confirm: bool


def complaint_by_code(agency, code: str) -> Complaint | None:
    code = rules.normalise_code(code)
    if agency is None or not rules.is_well_formed_code(code):
        return None
    return (
        Complaint.objects.select_related("unit").filter(agency=agency, tracking_code=code).first()
    )


def public_case(complaint: Complaint, today: datetime.date) -> PublicCase:
    events = ComplaintEvent.objects.filter(
        complaint=complaint, kind__in=PUBLIC_EVENTS
    ).select_related("unit")
    labels = dict(EventKind.choices)
    steps = []
    for event in events:
        shows_text = event.kind in (EventKind.RESPONSE, EventKind.REOPENED)
        steps.append(
            PublicStep(
                kind=event.kind,
                label=str(labels[event.kind]),
                day=event.day,
                office=event.unit.name if event.unit else "",
                text=event.text if shows_text else "",
            )
        )
    answered = complaint.status == rules.Status.ANSWERED
    return PublicCase(
        complaint=complaint,
        office=complaint.unit.name if complaint.unit else "",
        steps=steps,
        responses=[s for s in steps if s.kind == EventKind.RESPONSE],
        may_reopen=answered and rules.may_reopen(today, complaint.answered_on),
        may_confirm=answered,
    )


# --- staff: the inbox and a case ------------------------------------------------------------


def _handled_paths(viewer) -> tuple[str, ...]:
    headed = tuple(u.path for u in org_permissions.headed_units(viewer))
    return tuple(viewer.admin_unit_paths) + headed


def complaints_visible_to(viewer) -> QuerySet[Complaint]:
    if not viewer.is_authenticated:
        return Complaint.objects.none()
    qs = Complaint.objects.filter(agency_id=viewer.agency_id)
    if viewer.is_bkpsdm_admin or viewer.granted_roles & permissions.READER_ROLES:
        return qs
    paths = _handled_paths(viewer)
    if not paths:
        return qs.none()
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(unit__path__startswith=path)
    return qs.filter(condition)


def get_complaint(viewer, pk) -> Complaint:
    found = complaints_visible_to(viewer).select_related("unit", "agency").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


@dataclass
class InboxFilters:
    status: str = ""
    category: str = ""
    channel: str = ""
    overdue: bool = False
    unrouted: bool = False
    unit: int | None = None


def inbox(viewer, filters: InboxFilters) -> QuerySet[Complaint]:
    qs = complaints_visible_to(viewer).select_related("unit")
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.category:
        qs = qs.filter(category=filters.category)
    if filters.channel:
        qs = qs.filter(channel=filters.channel)
    if filters.overdue:
        qs = qs.filter(status__in=sorted(rules.OPEN_STATUSES), due_on__lt=viewer.today)
    if filters.unrouted:
        qs = qs.filter(unit__isnull=True)
    if filters.unit:
        unit = Unit.objects.filter(agency_id=viewer.agency_id, pk=filters.unit).first()
        qs = qs.filter(unit__path__startswith=unit.path) if unit else qs.none()
    return qs.order_by("due_on", "pk") if filters.overdue else qs.order_by("-received_at", "-pk")


def events_of(complaint) -> list[ComplaintEvent]:
    return list(ComplaintEvent.objects.filter(complaint=complaint).select_related("unit", "actor"))


def attachments_of(complaint) -> list[ComplaintAttachment]:
    return list(ComplaintAttachment.objects.filter(complaint=complaint))


def get_attachment(viewer, pk) -> ComplaintAttachment:
    """Only the handlers of the case get its files."""
    found = (
        ComplaintAttachment.objects.select_related("complaint__unit")
        .filter(complaint__in=complaints_visible_to(viewer), pk=pk)
        .first()
    )
    if found is None or not permissions.handles(viewer, found.complaint):
        raise Http404
    return found


def contact_of(viewer, complaint):
    if not permissions.may_see_contact(viewer, complaint):
        return None
    return getattr(complaint, "contact", None) if hasattr(complaint, "contact") else None


def routing_units(viewer) -> QuerySet[Unit]:
    """Where a case may be routed: any active unit of the agency."""
    if not viewer.is_authenticated:
        return Unit.objects.none()
    return Unit.objects.filter(agency_id=viewer.agency_id, is_active=True).order_by("path")


def inbox_units(viewer) -> QuerySet[Unit]:
    """The units the inbox may be filtered by: every unit of the agency for BKPSDM and the
    readers, the units they handle for the others."""
    if viewer.is_authenticated and viewer.granted_roles & permissions.READER_ROLES:
        return routing_units(viewer)
    return recording_units(viewer)


def recording_units(viewer) -> QuerySet[Unit]:
    """For whom a staff member records a complaint: the units they handle."""
    units = routing_units(viewer)
    if viewer.is_authenticated and viewer.is_bkpsdm_admin:
        return units
    paths = _handled_paths(viewer) if viewer.is_authenticated else ()
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return units.filter(condition)


# --- counts for Beranda and the reminders ---------------------------------------------------


def due_counts(viewer, soon_until: datetime.date) -> dict:
    """Open cases the viewer handles: overdue, due by `soon_until`, the first due date."""
    if not permissions.handles_any_unit(viewer):
        return {"overdue": 0, "soon": 0, "first": None, "unrouted": 0}
    qs = complaints_visible_to(viewer).filter(status__in=sorted(rules.OPEN_STATUSES))
    rows = list(qs.filter(due_on__lte=soon_until).values_list("due_on", flat=True))
    unrouted = qs.filter(unit__isnull=True).count() if viewer.is_bkpsdm_admin else 0
    return {
        "overdue": sum(1 for d in rows if d < viewer.today),
        "soon": sum(1 for d in rows if d >= viewer.today),
        "first": min(rows) if rows else None,
        "unrouted": unrouted,
    }


# --- statistics -----------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitFigures:
    unit: Unit | None
    figures: rules.Figures


@dataclass(frozen=True)
class Statistics:
    start: datetime.date
    end: datetime.date
    agency: rules.Figures
    units: list[UnitFigures]


def statistics(viewer, start: datetime.date, end: datetime.date) -> Statistics:
    """Complaints received in [start, end] that the viewer sees: the agency's (or their
    units') figures and each unit's, from `rules.figures` (one query for the cases)."""
    rows = list(
        complaints_visible_to(viewer)
        .filter(received_on__gte=start, received_on__lte=end)
        .values_list("unit_id", "channel", "category", "received_on", "due_on", "first_answered_on")
    )
    today = viewer.today
    off = days_off(viewer.agency_id, start, max(end, today)) if rows else frozenset()
    by_unit: dict[int | None, list[rules.Case]] = {}
    cases = []
    for unit_id, channel, category, received_on, due, answered in rows:
        case = rules.Case(
            rules.Channel(channel), received_on, due, answered, rules.Category(category)
        )
        cases.append(case)
        by_unit.setdefault(unit_id, []).append(case)
    units = {u.pk: u for u in Unit.objects.filter(pk__in=[k for k in by_unit if k])}
    per_unit = sorted(
        (UnitFigures(units.get(k), rules.figures(v, today, off)) for k, v in by_unit.items()),
        key=lambda row: (row.unit is not None, row.unit.name if row.unit else ""),
    )
    return Statistics(start, end, rules.figures(cases, today, off), per_unit)


def unit_figures(unit, start: datetime.date, end: datetime.date, today: datetime.date):
    """The figures of the complaints routed to the unit or a unit below it and received in
    [start, end], counted on `today` (a system figure: no viewer; one query for the cases)."""
    rows = list(
        Complaint.objects.filter(
            unit__path__startswith=unit.path, received_on__gte=start, received_on__lte=end
        ).values_list("channel", "category", "received_on", "due_on", "first_answered_on")
    )
    off = days_off(unit.agency_id, start, max(end, today)) if rows else frozenset()
    cases = [
        rules.Case(rules.Channel(channel), received_on, due, answered, rules.Category(category))
        for channel, category, received_on, due, answered in rows
    ]
    return rules.figures(cases, today, off)
