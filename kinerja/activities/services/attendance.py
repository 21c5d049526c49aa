"""Corrections of a day's times by the unit admin, with a reason; the machine's times stay."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.actors import audit_actor, require
from kinerja.activities import permissions, rules, selectors
from kinerja.activities.models import (
    AttendanceDay,
)
from kinerja.activities.services.sanctions import sanctions_recompute
from kinerja.core import audit
from kinerja.core.audit import snapshot
from kinerja.org.models import Employee

# --- corrections --------------------------------------------------------------------------------


def day_correct(
    *,
    actor,
    employee: Employee,
    date: datetime.date,
    time_in: datetime.time | None,
    time_out: datetime.time | None,
    reason: str,
) -> AttendanceDay:
    """Correct (or record) one day's times with a reason; the machine's times stay beside them."""
    require(actor, lambda v: permissions.can_correct(v, employee))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the times are corrected.")})
    if time_in and time_out and time_out < time_in:
        raise ValidationError({"time_out": _("The departure is before the arrival.")})
    today = timezone.localdate()
    if date > today:
        raise ValidationError({"date": _("A day in the future cannot be corrected.")})
    setting = selectors.setting_of(employee.agency_id)
    with transaction.atomic():
        day = AttendanceDay.objects.select_for_update().filter(employee=employee, date=date).first()
        before = snapshot(day, ["time_in", "time_out"]) if day else None
        if day is None:
            day = AttendanceDay(agency_id=employee.agency_id, employee=employee, date=date)
        day.time_in, day.time_out = time_in, time_out
        day.late_minutes = rules.late_minutes(time_in, setting.work_start, setting.grace_minutes)
        day.early_minutes = rules.early_minutes(time_out, setting.end_on(date))
        day.is_corrected = True
        day.correction_reason = reason[:500]
        day.corrected_by = audit_actor(actor)
        day.corrected_at = timezone.now()
        day.save()
        audit.record(
            actor=audit_actor(actor),
            action="activities.day.corrected",
            obj=day,
            before=before,
            after=snapshot(day, ["time_in", "time_out"]),
            agency=employee.agency,
            reason=reason,
        )
        sanctions_recompute(
            agency_id=employee.agency_id, year=date.year, employee_ids={employee.pk}
        )
    return day
