"""Writes of continuous feedback: give, correct, ask, decline, plan the schedule.

Each service checks its own permission, chooses every record it is given among those the actor
may choose, writes in one transaction and records one audit event. Feedback is immutable: a
correction is a new record naming the one it corrects. The audit event of a feedback always
names the giver, anonymous or not.
"""

from __future__ import annotations

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.actors import as_viewer, audit_actor, require
from kinerja.core import audit
from kinerja.core.choices import choose, not_choosable
from kinerja.feedback import permissions, rules, selectors
from kinerja.feedback.models import (
    Feedback,
    FeedbackKind,
    FeedbackRequest,
    Relation,
    ScheduledFeedback,
)
from kinerja.iku.models import Period
from kinerja.org.models import Employee
from kinerja.org.selectors import supervision_chain
from kinerja.skp.berakhlak import CoreValue
from kinerja.skp.models import Rhk, RhkIndicator

MAX_SLOTS = 24


def _leader_ids(employee: Employee, day: datetime.date) -> tuple[set[int], int | None]:
    chain = supervision_chain(employee, day)
    ids = {
        link.employee.pk
        for link in (chain.atasan, chain.rater)
        if link is not None and link.employee is not None
    }
    atasan = chain.atasan.employee.pk if chain.atasan and chain.atasan.employee else None
    return ids, atasan


def relation_between(giver: Employee, employee: Employee, day: datetime.date) -> str:
    """The relation of the giver to the employee from the organisation on the day."""
    employee_leaders, employee_atasan = _leader_ids(employee, day)
    giver_leaders, giver_atasan = _leader_ids(giver, day)
    return rules.relation_of(
        giver_id=giver.pk,
        employee_id=employee.pk,
        employee_leader_ids=employee_leaders,
        employee_atasan_id=employee_atasan,
        giver_leader_ids=giver_leaders,
        giver_atasan_id=giver_atasan,
    )


def _uuid(value, field: str):
    if value in (None, ""):
        return None
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise not_choosable(field) from None


def _people(agency_id: int, giver_id: int | None):
    qs = Employee.objects.filter(agency_id=agency_id, is_active=True)
    return qs.exclude(pk=giver_id) if giver_id else qs


def _target(employee, year, rhk_key, indicator_key, core_value):
    rhk_key = _uuid(rhk_key, "rhk_key")
    indicator_key = _uuid(indicator_key, "indicator_key")
    plans = {"skp__employee": employee, "skp__year": year}
    if rhk_key and not Rhk.objects.filter(key=rhk_key, **plans).exists():
        raise not_choosable("rhk_key")
    if indicator_key:
        if rhk_key is None:
            raise ValidationError(
                {"rhk_key": [_("Name the RHK of the indicator.")]}, code="required"
            )
        if not RhkIndicator.objects.filter(
            key=indicator_key,
            rhk__key=rhk_key,
            rhk__skp__employee=employee,
            rhk__skp__year=year,
        ).exists():
            raise not_choosable("indicator_key")
    if core_value and core_value not in CoreValue.values:
        raise not_choosable("core_value")
    return rhk_key, indicator_key, core_value or ""


def feedback_give(
    *,
    actor,
    employee,
    text: str,
    kind: str = FeedbackKind.INCIDENTAL,
    channel: str = "direct",
    rhk_key=None,
    indicator_key=None,
    period=None,
    core_value: str = "",
    is_anonymous: bool = False,
    request=None,
    corrects=None,
    giver=None,
    day: datetime.date | None = None,
) -> Feedback:
    """Give feedback to an employee of the agency (Ps 17-19). `giver` only for the system."""
    viewer = require(actor, permissions.can_give)
    if viewer is not None:
        giver = Employee.objects.get(pk=viewer.employee_id)
        day = viewer.today
    elif giver is None:
        raise ValidationError({"giver": [_("Name who gives the feedback.")]})
    day = day or timezone.localdate()
    employee = choose(_people(giver.agency_id, giver.pk), employee, field="employee")
    if employee is None:
        raise ValidationError({"employee": [_("Choose the employee.")]}, code="required")
    if request not in (None, ""):
        request = choose(
            FeedbackRequest.objects.filter(
                asked=giver, employee=employee, status=FeedbackRequest.Status.OPEN
            ),
            request,
            field="request",
        )
    if corrects not in (None, ""):
        corrects = choose(
            Feedback.objects.filter(giver=giver, employee=employee), corrects, field="corrects"
        )
    year = day.year
    rhk_key, indicator_key, core_value = _target(employee, year, rhk_key, indicator_key, core_value)
    if period not in (None, ""):
        period = choose(
            Period.objects.filter(
                performance_year__agency_id=employee.agency_id, performance_year__year=year
            ).exclude(kind="year"),
            period,
            field="period",
        )
    else:
        period = selectors.period_of_day(employee.agency_id, day)
    relation = relation_between(giver, employee, day)
    if is_anonymous and relation not in rules.MAY_BE_ANONYMOUS:
        raise ValidationError(
            {
                "is_anonymous": [
                    _("Only peers and subordinates may give feedback without their name.")
                ]
            },
            code="not_anonymous",
        )
    if kind not in FeedbackKind.values:
        raise not_choosable("kind")
    with transaction.atomic():
        slot = None
        if kind == FeedbackKind.SCHEDULED:
            slot = (
                ScheduledFeedback.objects.select_for_update()
                .filter(employee=employee, leader=giver, year=year, done_on__isnull=True)
                .order_by("due_date", "pk")
                .first()
            )
            if slot is None:
                raise ValidationError(
                    {"kind": [_("There is no scheduled feedback for this employee to give.")]},
                    code="no_slot",
                )
        feedback = Feedback(
            agency_id=employee.agency_id,
            employee=employee,
            giver=giver,
            relation=relation,
            kind=kind,
            channel=channel,
            year=year,
            period=period,
            rhk_key=rhk_key,
            indicator_key=indicator_key,
            core_value=core_value,
            text=(text or "").strip(),
            is_anonymous=bool(is_anonymous),
            request=request or None,
            corrects=corrects or None,
            given_on=day,
        )
        feedback.full_clean()
        feedback.save()
        if slot is not None:
            slot.feedback = feedback
            slot.done_on = day
            slot.save(update_fields=["feedback", "done_on"])
        if request:
            request.status = FeedbackRequest.Status.ANSWERED
            request.closed_at = timezone.now()
            request.save(update_fields=["status", "closed_at"])
        audit.record(
            actor=audit_actor(actor),
            action="feedback.feedback.corrected" if corrects else "feedback.feedback.given",
            obj=feedback,
            after=audit.snapshot(feedback),
        )
    return feedback


def feedback_request_create(
    *, actor, asked, rhk_key=None, core_value: str = "", message: str = "", employee=None
) -> FeedbackRequest:
    """The employee asks anyone of the agency for feedback. `employee` only for the system."""
    viewer = require(actor, permissions.can_ask)
    if viewer is not None:
        employee = Employee.objects.get(pk=viewer.employee_id)
        day = viewer.today
    else:
        day = timezone.localdate()
    asked = choose(_people(employee.agency_id, employee.pk), asked, field="asked")
    if asked is None:
        raise ValidationError({"asked": [_("Choose whom to ask.")]}, code="required")
    rhk_key, _indicator, core_value = _target(employee, day.year, rhk_key, None, core_value)
    with transaction.atomic():
        request = FeedbackRequest(
            agency_id=employee.agency_id,
            employee=employee,
            asked=asked,
            year=day.year,
            rhk_key=rhk_key,
            core_value=core_value,
            message=(message or "").strip(),
        )
        request.full_clean()
        request.save()
        audit.record(
            actor=audit_actor(actor),
            action="feedback.request.created",
            obj=request,
            after=audit.snapshot(request),
        )
    return request


def feedback_request_decline(*, actor, request) -> FeedbackRequest:
    """The person asked declines a request (they need not give feedback, Ps 18(3))."""
    viewer = as_viewer(actor)
    choosable = FeedbackRequest.objects.filter(status=FeedbackRequest.Status.OPEN)
    if viewer is not None:
        choosable = choosable.filter(asked_id=viewer.employee_id or 0)
    with transaction.atomic():
        request = choose(choosable.select_for_update(), request, field="request")
        if request is None:
            raise not_choosable("request")
        before = audit.snapshot(request, ["status"])
        request.status = FeedbackRequest.Status.DECLINED
        request.closed_at = timezone.now()
        request.save(update_fields=["status", "closed_at"])
        audit.record(
            actor=audit_actor(actor),
            action="feedback.request.declined",
            obj=request,
            before=before,
            after=audit.snapshot(request, ["status"]),
        )
    return request


def feedback_schedule_set(
    *, actor, employee, year: int, dates: list[datetime.date] | None = None, leader=None
) -> list[ScheduledFeedback]:
    """The leader plans the scheduled feedback of an employee's year: once per evaluation
    period by default, or on the dates given. Slots already done stay; the others are replaced.
    `leader` only for the system."""
    viewer = as_viewer(actor)
    if viewer is not None:
        team = selectors.team_ids(viewer, year)
        employee = choose(
            Employee.objects.filter(agency_id=viewer.agency_id, pk__in=team),
            employee,
            field="employee",
        )
        if employee is None:
            raise not_choosable("employee")
        require(actor, lambda v: permissions.can_schedule(v, employee, team))
        leader_id = viewer.employee_id
    else:
        leader_id = getattr(leader, "pk", leader)
    if not dates:
        ends = [p.end_date for p in selectors.evaluation_periods(employee.agency_id, year)]
        dates = rules.default_schedule(ends)
        if not dates:
            raise ValidationError(
                {"dates": [_("The performance year has no evaluation periods yet: give dates.")]},
                code="no_periods",
            )
    dates = sorted(set(dates))
    if len(dates) > MAX_SLOTS or any(d.year != year for d in dates):
        raise ValidationError(
            {"dates": [_("Give at most %(n)s dates, all in the year.") % {"n": MAX_SLOTS}]},
            code="invalid_dates",
        )
    with transaction.atomic():
        existing = list(
            ScheduledFeedback.objects.select_for_update().filter(
                employee=employee, leader_id=leader_id, year=year
            )
        )
        before = sorted(s.due_date.isoformat() for s in existing)
        done_dates = {s.due_date for s in existing if s.is_done}
        ScheduledFeedback.objects.filter(pk__in=[s.pk for s in existing if not s.is_done]).delete()
        ScheduledFeedback.objects.bulk_create(
            ScheduledFeedback(
                agency_id=employee.agency_id,
                employee=employee,
                leader_id=leader_id,
                year=year,
                due_date=day,
            )
            for day in dates
            if day not in done_dates
        )
        slots = list(
            ScheduledFeedback.objects.filter(employee=employee, leader_id=leader_id, year=year)
        )
        audit.record(
            actor=audit_actor(actor),
            action="feedback.schedule.set",
            obj=employee,
            before={"year": year, "dates": before},
            after={"year": year, "dates": [s.due_date.isoformat() for s in slots]},
        )
    return slots


def feedback_settings_update(*, actor, agency_id: int, anonymity_threshold: int):
    """BKPSDM sets how many people must give anonymous feedback before the employee sees it."""
    from kinerja.feedback.models import FeedbackSettings

    viewer = require(actor, permissions.can_change_settings)
    if viewer is not None:
        agency_id = viewer.agency_id
    with transaction.atomic():
        settings, _created = FeedbackSettings.objects.select_for_update().get_or_create(
            agency_id=agency_id
        )
        before = audit.snapshot(settings, ["anonymity_threshold"])
        settings.anonymity_threshold = anonymity_threshold
        settings.full_clean()
        settings.save()
        audit.record(
            actor=audit_actor(actor),
            action="feedback.settings.updated",
            obj=settings,
            agency=settings.agency,
            before=before,
            after=audit.snapshot(settings, ["anonymity_threshold"]),
        )
    return settings


__all__ = [
    "Relation",
    "feedback_give",
    "feedback_request_create",
    "feedback_request_decline",
    "feedback_schedule_set",
    "feedback_settings_update",
    "relation_between",
]
