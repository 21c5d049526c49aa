"""Writes of public complaints: file (the public form), record (another channel), route,
change the category, note, respond, close, reopen and confirm (the citizen), the daily
reminders and escalations, and the agency's deadlines.

Each service checks its own permission, chooses every record it is given among those the actor
may choose, writes in one transaction and records one audit event. The citizen's services take
no actor: the tracking code is their key, and the audit trail names the public. Neither the
description nor the complainant's name or contact goes into an audit event or a log line.
"""

from __future__ import annotations

import datetime
import logging

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.actors import actor_user_id, audit_actor, require
from kinerja.complaints import permissions, rules, selectors
from kinerja.complaints.models import (
    Category,
    Channel,
    Complainant,
    Complaint,
    ComplaintAttachment,
    ComplaintEvent,
    ComplaintSettings,
    EventKind,
    Status,
)
from kinerja.core import audit
from kinerja.core.choices import choose, not_choosable
from kinerja.core.errors import ImmutableRecordError
from kinerja.core.fields import check_lengths
from kinerja.iku import files
from kinerja.iku.selectors.calendar import add_working_days
from kinerja.org.models import Agency, Unit

logger = logging.getLogger(__name__)

MAX_ATTACHMENTS = 3
AUDITED = ["unit", "category", "channel", "status", "received_on", "due_on", "answered_on"]
PUBLIC = "publik"  # how the audit trail names a citizen using the public pages
SOURCE_REQUIRED = {Channel.LAPOR, Channel.MEDIA_SOSIAL, Channel.SURAT}


def _snapshot(complaint) -> dict:
    return audit.snapshot(complaint, AUDITED)


def _record(actor, action, complaint, *, before=None, reason=""):
    audit.record(
        actor=audit_actor(actor),
        action=action,
        obj=complaint,
        agency=complaint.agency,
        before=before,
        after=_snapshot(complaint),
        reason=reason,
    )


def _event(complaint, kind, *, actor=None, text="", unit=None, day=None) -> ComplaintEvent:
    return ComplaintEvent.objects.create(
        complaint=complaint,
        kind=kind,
        text=text,
        unit=unit if unit is not None else complaint.unit,
        actor_id=actor_user_id(actor),
        day=day or timezone.localdate(),
    )


def due_date(agency, category: str, start: datetime.date) -> datetime.date:
    """The last day of a case of `category` counted from `start`, in the agency's calendar."""
    days = rules.deadline_days(rules.Category(category), selectors.deadline_setting(agency.pk))
    return add_working_days(agency, start, days)


def _check_category(category) -> str:
    if category not in Category.values:
        raise ValidationError({"category": [_("Choose the kind of complaint.")]}, code="required")
    return category


def _check_description(description: str) -> str:
    description = (description or "").strip()
    if not description:
        raise ValidationError({"description": [_("Describe the complaint.")]}, code="required")
    check_lengths(Complaint, description=description)
    return description


def _contact(name, email, phone) -> dict:
    values = {
        "name": (name or "").strip(),
        "email": (email or "").strip(),
        "phone": (phone or "").strip(),
    }
    if values["phone"] and not _phone_ok(values["phone"]):
        raise ValidationError(
            {"phone": [_("Enter a phone number of digits, e.g. 0812 3456 7890.")]}
        )
    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError:
            raise ValidationError({"email": [_("Enter a valid e-mail address.")]}) from None
    check_lengths(Complainant, **values)
    return values


def _phone_ok(phone: str) -> bool:
    digits = sum(1 for ch in phone if ch.isdigit())
    return 8 <= digits <= 15 and set(phone) <= set("0123456789 +-().")


def _checked_files(uploads) -> list:
    uploads = [u for u in (uploads or []) if u]
    if len(uploads) > MAX_ATTACHMENTS:
        raise ValidationError(
            {"attachments": [_("Attach at most %(n)s files.") % {"n": MAX_ATTACHMENTS}]}
        )
    checked = []
    for upload in uploads:
        try:
            checked.append((upload, files.check_evidence_file(upload)))
        except ValidationError as error:
            raise ValidationError(
                {"attachments": error.message_dict.get("file", error.messages)}
            ) from None
    return checked


def _unique_code() -> str:
    for _attempt in range(10):
        code = rules.new_tracking_code()
        if not Complaint.objects.filter(tracking_code=code).exists():
            return code
    raise RuntimeError("no free tracking code")  # 23**10 codes: never in practice


def _create(
    *,
    actor,
    agency,
    unit,
    category,
    channel,
    source_reference,
    description,
    received_at,
    received_on,
    contact,
    checked_files,
) -> Complaint:
    complaint = Complaint(
        agency=agency,
        unit=unit,
        category=category,
        channel=channel,
        source_reference=source_reference,
        description=description,
        received_at=received_at,
        received_on=received_on,
        due_on=due_date(agency, category, received_on),
        status=Status.ROUTED if unit is not None else Status.RECEIVED,
        tracking_code=_unique_code(),
        recorded_by_id=actor_user_id(actor),
    )
    complaint.save()
    if any(contact.values()):
        Complainant.objects.create(complaint=complaint, **contact)
    for upload, checked in checked_files:
        attachment = ComplaintAttachment(
            complaint=complaint,
            original_name=checked.original_name,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
        )
        attachment.file.save(checked.original_name, upload, save=False)
        attachment.save()
    _event(complaint, EventKind.FILED, actor=actor, day=received_on)
    if unit is not None:
        _event(complaint, EventKind.ROUTED, actor=actor, day=received_on)
    return complaint


@transaction.atomic
def complaint_file(
    *,
    agency,
    unit=None,
    category: str,
    description: str,
    name: str = "",
    email: str = "",
    phone: str = "",
    attachments=(),
) -> Complaint:
    """A citizen files a complaint on the public form (no login). `unit` is one of the
    agency's offered units, or none ("don't know") for the BKPSDM admins to route."""
    if agency is None:
        raise ValidationError({"unit": [_("Complaints are not received here.")]})
    unit = choose(selectors.public_units(agency), unit, field="unit")
    category = _check_category(category)
    description = _check_description(description)
    contact = _contact(name, email, phone)
    checked = _checked_files(attachments)
    complaint = _create(
        actor=None,
        agency=agency,
        unit=unit,
        category=category,
        channel=Channel.PORTAL,
        source_reference="",
        description=description,
        received_at=timezone.now(),
        received_on=timezone.localdate(),
        contact=contact,
        checked_files=checked,
    )
    _record(None, "complaints.complaint.filed", complaint, reason=PUBLIC)
    logger.info("complaint %s filed on the public form", complaint.pk)
    return complaint


@transaction.atomic
def complaint_record(
    *,
    actor,
    unit,
    category: str,
    channel: str,
    description: str,
    received_on: datetime.date,
    source_reference: str = "",
    name: str = "",
    email: str = "",
    phone: str = "",
    attachments=(),
) -> Complaint:
    """Staff record a complaint received through another channel, with its received date
    (its deadline counts from then). SP4N-LAPOR! needs its number, social media the post's
    link, a letter its number."""
    viewer = require(actor, permissions.can_record)
    units = (
        selectors.recording_units(viewer)
        if viewer is not None
        else Unit.objects.filter(is_active=True)  # the system: imports, demo data
    )
    unit = choose(units, unit, field="unit")
    if unit is None and (viewer is None or not viewer.is_bkpsdm_admin):
        raise ValidationError({"unit": [_("Choose the unit.")]}, code="required")
    category = _check_category(category)
    if channel not in Channel.values or channel == Channel.PORTAL:
        raise ValidationError({"channel": [_("Choose the channel the complaint came through.")]})
    source_reference = (source_reference or "").strip()
    if channel in SOURCE_REQUIRED and not source_reference:
        raise ValidationError(
            {
                "source_reference": [
                    _("Give the SP4N-LAPOR! number, the post's link or the letter's number.")
                ]
            }
        )
    if channel == Channel.MEDIA_SOSIAL:
        try:
            URLValidator(schemes=["http", "https"])(source_reference)
        except ValidationError:
            raise ValidationError(
                {"source_reference": [_("Enter the post's link, starting with https://.")]}
            ) from None
    check_lengths(Complaint, source_reference=source_reference)
    today = viewer.today if viewer is not None else timezone.localdate()
    if not isinstance(received_on, datetime.date) or received_on > today:
        raise ValidationError(
            {"received_on": [_("Enter the day it was received, not later than today.")]}
        )
    if received_on < today - datetime.timedelta(days=366):
        raise ValidationError({"received_on": [_("Enter a day within the last year.")]})
    description = _check_description(description)
    contact = _contact(name, email, phone)
    checked = _checked_files(attachments)
    received_at = timezone.make_aware(datetime.datetime.combine(received_on, datetime.time(8)))
    agency = unit.agency if unit is not None else _agency_of(viewer)
    complaint = _create(
        actor=actor,
        agency=agency,
        unit=unit,
        category=category,
        channel=channel,
        source_reference=source_reference,
        description=description,
        received_at=received_at,
        received_on=received_on,
        contact=contact,
        checked_files=checked,
    )
    _record(actor, "complaints.complaint.recorded", complaint)
    return complaint


def _agency_of(viewer):
    return Agency.objects.get(pk=viewer.agency_id)


def _lock(complaint) -> Complaint:
    # Only the complaint's row: its unit may be empty (not yet routed), and PostgreSQL locks
    # no row of the nullable side of an outer join.
    return (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("unit", "agency")
        .get(pk=getattr(complaint, "pk", complaint))
    )


def _move(complaint, new: str) -> None:
    if not rules.can_move(rules.Status(complaint.status), rules.Status(new)):
        raise ImmutableRecordError(
            _("A complaint that is %(status)s cannot be changed this way.")
            % {"status": complaint.get_status_display().lower()}
        )
    complaint.status = new


def _require_handler(actor, complaint):
    return require(actor, lambda v: permissions.handles(v, complaint))


@transaction.atomic
def complaint_route(*, actor, complaint, unit) -> Complaint:
    """Route (or re-route) a case to the unit that answers it."""
    complaint = _lock(complaint)
    viewer = _require_handler(actor, complaint)
    if complaint.unit is None:
        require(actor, permissions.can_route_unrouted)
    units = selectors.routing_units(viewer) if viewer else complaint.agency.units.all()
    unit = choose(units, unit, field="unit")
    if unit is None:
        raise ValidationError({"unit": [_("Choose the unit.")]}, code="required")
    if unit.pk == complaint.unit_id:
        raise ValidationError({"unit": [_("The complaint is already with this unit.")]})
    before = _snapshot(complaint)
    _move(complaint, Status.ROUTED)
    complaint.unit = unit
    complaint.save(update_fields=["unit", "status"])
    _event(complaint, EventKind.ROUTED, actor=actor, day=_today(viewer))
    _record(actor, "complaints.complaint.routed", complaint, before=before)
    return complaint


def _today(viewer) -> datetime.date:
    return viewer.today if viewer is not None else timezone.localdate()


@transaction.atomic
def complaint_change_category(*, actor, complaint, category: str, reason: str = "") -> Complaint:
    """Change the category: the due date is counted again from the day of receipt (or of the
    citizen's reopening) with the new category's working days."""
    complaint = _lock(complaint)
    viewer = _require_handler(actor, complaint)
    category = _check_category(category)
    if not complaint.is_open:
        raise ImmutableRecordError(_("Only an open complaint changes its category."))
    if category == complaint.category:
        raise ValidationError({"category": [_("The complaint is already of this category.")]})
    before = _snapshot(complaint)
    start = _deadline_start(complaint)
    complaint.category = category
    complaint.due_on = due_date(complaint.agency, category, start)
    complaint.save(update_fields=["category", "due_on"])
    text = (reason or "").strip()
    check_lengths(ComplaintEvent, text=text)
    _event(complaint, EventKind.CATEGORY, actor=actor, text=text, day=_today(viewer))
    _record(actor, "complaints.complaint.category_changed", complaint, before=before)
    return complaint


def _deadline_start(complaint) -> datetime.date:
    reopened = (
        ComplaintEvent.objects.filter(complaint=complaint, kind=EventKind.REOPENED)
        .order_by("-day")
        .values_list("day", flat=True)
        .first()
    )
    return reopened or complaint.received_on


def _text(text, field="text", message=None) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({field: [message or _("Write the text.")]}, code="required")
    check_lengths(ComplaintEvent, text=text)
    return text


@transaction.atomic
def complaint_note(*, actor, complaint, text: str) -> ComplaintEvent:
    """An internal note of the handlers (never public)."""
    complaint = _lock(complaint)
    viewer = _require_handler(actor, complaint)
    text = _text(text)
    before = _snapshot(complaint)
    if complaint.status == Status.ROUTED:
        complaint.status = Status.IN_PROGRESS
        complaint.save(update_fields=["status"])
    event = _event(complaint, EventKind.NOTE, actor=actor, text=text, day=_today(viewer))
    _record(actor, "complaints.complaint.noted", complaint, before=before)
    return event


@transaction.atomic
def complaint_respond(*, actor, complaint, text: str) -> Complaint:
    """Publish the response: the citizen reads it on the tracking page."""
    complaint = _lock(complaint)
    viewer = _require_handler(actor, complaint)
    if complaint.unit is None:
        raise ValidationError({"text": [_("Route the complaint to a unit first.")]})
    text = _text(text, message=_("Write the response."))
    before = _snapshot(complaint)
    _move(complaint, Status.ANSWERED)
    day = _today(viewer)
    complaint.answered_on = day
    complaint.first_answered_on = complaint.first_answered_on or day
    complaint.save(update_fields=["status", "answered_on", "first_answered_on"])
    _event(complaint, EventKind.RESPONSE, actor=actor, text=text, day=day)
    _record(actor, "complaints.complaint.answered", complaint, before=before)
    return complaint


@transaction.atomic
def complaint_close(*, actor, complaint) -> Complaint:
    """Close an answered case (the citizen did not reply)."""
    complaint = _lock(complaint)
    viewer = _require_handler(actor, complaint)
    before = _snapshot(complaint)
    _move(complaint, Status.CLOSED)
    complaint.closed_on = _today(viewer)
    complaint.save(update_fields=["status", "closed_on"])
    _event(complaint, EventKind.CLOSED, actor=actor, day=complaint.closed_on)
    _record(actor, "complaints.complaint.closed", complaint, before=before)
    return complaint


@transaction.atomic
def complaint_reopen(*, complaint, reason: str, today: datetime.date | None = None) -> Complaint:
    """The citizen is not satisfied with the response: within the window after it, with a
    reason. The unit has the category's working days again from today."""
    complaint = _lock(complaint)
    today = today or timezone.localdate()
    reason = _text(reason, "reason", _("Say why the response does not settle the complaint."))
    if complaint.status != Status.ANSWERED or not rules.may_reopen(today, complaint.answered_on):
        raise ImmutableRecordError(
            _("This complaint can no longer be reopened: file a new complaint.")
        )
    before = _snapshot(complaint)
    _move(complaint, Status.REOPENED)
    complaint.answered_on = None
    complaint.due_on = due_date(complaint.agency, complaint.category, today)
    complaint.escalated_on = None
    complaint.save(update_fields=["status", "answered_on", "due_on", "escalated_on"])
    _event(complaint, EventKind.REOPENED, text=reason, day=today)
    _record(None, "complaints.complaint.reopened", complaint, before=before, reason=PUBLIC)
    return complaint


@transaction.atomic
def complaint_confirm(*, complaint, today: datetime.date | None = None) -> Complaint:
    """The citizen confirms the response settles the complaint: the case is closed."""
    complaint = _lock(complaint)
    if complaint.status != Status.ANSWERED:
        raise ImmutableRecordError(_("Only an answered complaint can be confirmed."))
    before = _snapshot(complaint)
    _move(complaint, Status.CLOSED)
    complaint.closed_on = today or timezone.localdate()
    complaint.save(update_fields=["status", "closed_on"])
    _event(complaint, EventKind.CLOSED, day=complaint.closed_on)
    _record(None, "complaints.complaint.confirmed", complaint, before=before, reason=PUBLIC)
    return complaint


@transaction.atomic
def complaints_remind(*, today: datetime.date | None = None, agency_id: int | None = None) -> dict:
    """The day's reminders (open cases within REMINDER_DAYS_BEFORE working days of their last
    day) and escalations (open cases past it) of every agency, or of one. Each case gets at
    most one reminder and one escalation a day: running it again the same day adds nothing."""
    today = today or timezone.localdate()
    open_cases = Complaint.objects.filter(status__in=sorted(rules.OPEN_STATUSES)).select_related(
        "agency", "unit"
    )
    if agency_id is not None:
        open_cases = open_cases.filter(agency_id=agency_id)
    horizon = {}
    done = set(
        ComplaintEvent.objects.filter(
            day=today, kind__in=[EventKind.REMINDER, EventKind.ESCALATED]
        ).values_list("complaint_id", "kind")
    )
    reminded = escalated = 0
    for complaint in open_cases.order_by("agency_id", "pk"):
        agency = complaint.agency
        if agency.pk not in horizon:
            horizon[agency.pk] = add_working_days(agency, today, rules.REMINDER_DAYS_BEFORE)
        if complaint.due_on < today:
            if (complaint.pk, EventKind.ESCALATED) in done:
                continue
            before = _snapshot(complaint)
            complaint.escalated_on = complaint.escalated_on or today
            complaint.save(update_fields=["escalated_on"])
            _event(complaint, EventKind.ESCALATED, day=today)
            _record(None, "complaints.complaint.escalated", complaint, before=before)
            escalated += 1
        elif complaint.due_on <= horizon[agency.pk]:
            if (complaint.pk, EventKind.REMINDER) in done:
                continue
            _event(complaint, EventKind.REMINDER, day=today)
            _record(None, "complaints.complaint.reminded", complaint)
            reminded += 1
    logger.info("complaint reminders: %s reminded, %s escalated", reminded, escalated)
    return {"reminded": reminded, "escalated": escalated}


@transaction.atomic
def complaint_settings_update(*, actor, agency_id: int, days: dict) -> ComplaintSettings:
    """The agency's working days per category, each 1 to the legal 60."""
    viewer = require(actor, permissions.can_change_settings)
    if viewer is not None:
        agency_id = viewer.agency_id
    settings, _created = ComplaintSettings.objects.select_for_update().get_or_create(
        agency_id=agency_id
    )
    fields = [f"days_{c}" for c in rules.Category]
    before = audit.snapshot(settings, fields)
    for category in rules.Category:
        value = days.get(str(category), getattr(settings, f"days_{category}"))
        if isinstance(value, bool) or not isinstance(value, int):
            raise not_choosable(f"days_{category}")
        setattr(settings, f"days_{category}", value)
    settings.full_clean(exclude=["agency"])
    settings.save()
    audit.record(
        actor=audit_actor(actor),
        action="complaints.settings.updated",
        obj=settings,
        agency=settings.agency,
        before=before,
        after=audit.snapshot(settings, fields),
    )
    return settings


__all__ = [
    "MAX_ATTACHMENTS",
    "complaint_change_category",
    "complaint_close",
    "complaint_confirm",
    "complaint_file",
    "complaint_note",
    "complaint_record",
    "complaint_reopen",
    "complaint_respond",
    "complaint_route",
    "complaint_settings_update",
    "complaints_remind",
    "due_date",
]
