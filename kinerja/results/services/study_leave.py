"""Writes of the decree of tugas belajar (Lampiran PermenPANRB 6/2022 p.62-64; domain.md 1.8):
BKPSDM and the admins of the employee's unit record a study leave, correct what the decree says
and end it early (graduated, cancelled) with a reason. An ended leave is final.

Two rules hold through every change: a person's study leaves never share a day (both ends are
included, so one may start the day after another ends), and a semester already submitted or
verified keeps its period inside the leave it was reported under.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.accounts.actors import actor_user_id, audit_actor, require
from kinerja.core import audit
from kinerja.core.errors import ImmutableRecordError
from kinerja.core.fields import check_lengths
from kinerja.org import permissions as org_permissions
from kinerja.org.models import Employee
from kinerja.results import rules
from kinerja.results.models import SemesterResult, StudyLeave, StudyLeaveEndReason
from kinerja.results.services.study import _whole

LEAVE_FIELDS = [
    "employee",
    "start_date",
    "end_date",
    "institution",
    "programme",
    "level",
    "accreditation",
    "total_semesters",
    "decree_number",
]
ENDED_FIELDS = [*LEAVE_FIELDS, "end_reason", "end_note"]
# What an admin may correct on a recorded decree (the employee stays the same person).
EDITABLE_FIELDS = frozenset(LEAVE_FIELDS) - {"employee"}
_TEXT_FIELDS = ("institution", "programme", "decree_number")
# Semesters in these states are part of the employee's record: their period stays in the leave.
_REPORTED = (rules.SUBMITTED, rules.VERIFIED)

_MANAGE = gettext_lazy("Only the employee's unit admins and BKPSDM record a study leave.")
_CHANGE = gettext_lazy("Only the employee's unit admins and BKPSDM change a study leave.")


def _day(value: datetime.date) -> str:
    return formats.date_format(value, "j F Y")


def _lock_leave(leave: StudyLeave) -> StudyLeave:
    return (
        StudyLeave.objects.select_for_update().select_related("agency", "employee").get(pk=leave.pk)
    )


def _require_open(leave: StudyLeave) -> None:
    if leave.is_ended:
        raise ImmutableRecordError(_("The study leave has ended and can no longer be changed."))


def _check_dates(leave: StudyLeave) -> None:
    """The field checks (which turn typed text into dates), then the end not before the start:
    a study leave of a single day is a leave of that day."""
    leave.clean_fields(exclude=["agency", "employee", "created_by", "ended_by"])
    if leave.end_date is not None and leave.end_date < leave.start_date:
        raise ValidationError(
            {"end_date": _("The end date cannot be before the start date.")}, code="invalid"
        )


def _check_no_overlap(leave: StudyLeave) -> None:
    """No day shared with another study leave of the same person (both ends included)."""
    others = StudyLeave.objects.select_for_update().filter(employee_id=leave.employee_id)
    if leave.pk is not None:
        others = others.exclude(pk=leave.pk)
    last = leave.end_date or datetime.date.max
    for other in others.order_by("start_date"):
        if other.start_date <= last and (
            other.end_date is None or other.end_date >= leave.start_date
        ):
            # The field that ran into the other leave: the end when the other starts later.
            field = "end_date" if other.start_date > leave.start_date else "start_date"
            raise ValidationError(
                {field: _("The employee already has a study leave in these dates.")},
                code="overlap",
            )


def _check_reported_semesters(leave: StudyLeave) -> None:
    """A semester submitted or verified must still fall in the leave: its period keeps at least
    one day inside the new dates, as when it was reported."""
    if leave.pk is None:
        return
    reported = (
        SemesterResult.objects.filter(study_leave_id=leave.pk, status__in=_REPORTED)
        .select_related("period")
        .order_by("semester")
    )
    for result in reported:
        period = result.period
        facts = {"n": result.semester, "period": period.label}
        if leave.start_date > period.end_date:
            raise ValidationError(
                {
                    "start_date": _(
                        "The start date cannot be later than %(day)s: semester %(n)s, reported "
                        "for %(period)s, is already submitted or verified."
                    )
                    % {**facts, "day": _day(period.end_date)}
                },
                code="reported_semester",
            )
        if leave.end_date is not None and leave.end_date < period.start_date:
            raise ValidationError(
                {
                    "end_date": _(
                        "The end date cannot be earlier than %(day)s: semester %(n)s, reported "
                        "for %(period)s, is already submitted or verified."
                    )
                    % {**facts, "day": _day(period.start_date)}
                },
                code="reported_semester",
            )


@transaction.atomic
def study_leave_record(
    *,
    actor,
    employee: Employee,
    start_date: datetime.date,
    institution: str,
    programme: str,
    level: str,
    accreditation: str,
    total_semesters,
    end_date: datetime.date | None = None,
    decree_number: str = "",
) -> StudyLeave:
    """Record that an employee is on study leave (the decree of tugas belajar)."""
    require(actor, lambda v: org_permissions.can_manage_employee(v, employee), str(_MANAGE))
    leave = StudyLeave(
        agency_id=employee.agency_id,
        employee=employee,
        start_date=start_date,
        end_date=end_date,
        institution=(institution or "").strip(),
        programme=(programme or "").strip(),
        level=level,
        accreditation=accreditation,
        total_semesters=_whole(total_semesters, "total_semesters", _("the number of semesters")),
        decree_number=(decree_number or "").strip(),
        created_by_id=actor_user_id(actor),
    )
    _check_dates(leave)
    leave.full_clean()
    _check_no_overlap(leave)
    leave.save()
    audit.record(
        actor=audit_actor(actor),
        action="results.study_leave.recorded",
        obj=leave,
        agency=employee.agency,
        after=audit.snapshot(leave, LEAVE_FIELDS),
    )
    return leave


@transaction.atomic
def study_leave_update(*, actor, leave: StudyLeave, **changes) -> StudyLeave:
    """Correct the decree of a study leave that has not ended: only the fields given change
    (the page and PUT give them all, PATCH some)."""
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"study_leave_update() cannot change {', '.join(sorted(unknown))}")
    leave = _lock_leave(leave)
    require(actor, lambda v: org_permissions.can_manage_employee(v, leave.employee), str(_CHANGE))
    _require_open(leave)
    before = audit.snapshot(leave, LEAVE_FIELDS)
    for name, value in changes.items():
        if name in _TEXT_FIELDS:
            value = (value or "").strip()
        elif name == "total_semesters":
            value = _whole(value, "total_semesters", _("the number of semesters"))
        setattr(leave, name, value)
    _check_dates(leave)
    leave.full_clean()
    _check_no_overlap(leave)
    _check_reported_semesters(leave)
    after = audit.snapshot(leave, LEAVE_FIELDS)
    if after == before:
        return leave
    leave.save()
    audit.record(
        actor=audit_actor(actor),
        action="results.study_leave.changed",
        obj=leave,
        agency=leave.agency,
        before=before,
        after=after,
    )
    return leave


@transaction.atomic
def study_leave_end(
    *, actor, leave: StudyLeave, end_date: datetime.date, reason: str, note: str = ""
) -> StudyLeave:
    """End a study leave early: its last day and why (graduated early, cancelled, another
    reason explained in the note). The leave is final afterwards."""
    leave = _lock_leave(leave)
    require(actor, lambda v: org_permissions.can_manage_employee(v, leave.employee), str(_CHANGE))
    _require_open(leave)
    if not end_date:
        raise ValidationError(
            {"end_date": _("Enter the last day of the study leave.")}, code="required"
        )
    if reason not in StudyLeaveEndReason.values:
        raise ValidationError({"reason": _("Choose why the study leave ends.")}, code="required")
    note = (note or "").strip()
    if reason == StudyLeaveEndReason.OTHER and not note:
        raise ValidationError({"note": _("Explain why the study leave ends.")}, code="required")
    check_lengths(StudyLeave, end_note=note)
    before = audit.snapshot(leave, ENDED_FIELDS)
    planned = leave.end_date
    leave.end_date = end_date
    _check_dates(leave)
    if planned is not None and leave.end_date > planned:
        raise ValidationError(
            {
                "end_date": _(
                    "A study leave ends early on or before its planned last day, %(day)s."
                )
                % {"day": _day(planned)}
            },
            code="not_early",
        )
    _check_reported_semesters(leave)
    leave.end_reason = reason
    leave.end_note = note
    leave.ended_at = timezone.now()
    leave.ended_by_id = actor_user_id(actor)
    leave.full_clean()
    leave.save()
    audit.record(
        actor=audit_actor(actor),
        action="results.study_leave.ended",
        obj=leave,
        agency=leave.agency,
        before=before,
        after=audit.snapshot(leave, ENDED_FIELDS),
        reason=note or str(StudyLeaveEndReason(reason).label),
    )
    return leave


__all__ = ["study_leave_end", "study_leave_record", "study_leave_update"]
