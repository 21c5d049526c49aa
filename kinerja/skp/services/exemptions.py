"""Writes of the exemptions from SKP planning (Lampiran PermenPANRB 6/2022, p.65-66).

Recording an exemption closes the employee's plan in force on the day before it begins (the
employee draws up no SKP while it lasts), and stops a new SKP from being started while it runs
(see `skp_create`).
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.accounts.actors import audit_actor, require
from kinerja.core import audit
from kinerja.core.choices import choose
from kinerja.core.errors import ValidationError
from kinerja.org.models import Employee
from kinerja.skp import permissions
from kinerja.skp.models import ExemptionReason, PlanExemption, Skp, SkpStatus
from kinerja.skp.selectors.exemptions import may_manage_exemption_of, recordable_employees

EXEMPTION_FIELDS = ["employee", "reason", "start_date", "end_date", "decree_number", "note"]
CHANGEABLE = {"reason", "start_date", "end_date", "decree_number", "note"}
OUT_OF_SCOPE = gettext_lazy("Choose an employee of your agency whose post is in your units.")


def _day(value: datetime.date | None) -> str:
    return date_format(value, "d-m-Y") if value else "…"


def _check_scope(actor, employee: Employee) -> None:
    viewer = require(
        actor,
        permissions.can_manage_exemptions,
        _("You may not record exemptions from SKP planning."),
    )
    if viewer is not None and not may_manage_exemption_of(viewer, employee):
        raise ValidationError({"employee": str(OUT_OF_SCOPE)}, code="employee_out_of_scope")


def _validate(exemption: PlanExemption) -> None:
    """Reason, dates and no overlap with another exemption of the same employee."""
    errors = {}
    if exemption.reason not in ExemptionReason.values:
        errors["reason"] = _("Choose one of the reasons.")
    if exemption.start_date is None:
        errors["start_date"] = _("Enter the first day of the exemption.")
    elif exemption.end_date is not None and exemption.end_date < exemption.start_date:
        errors["end_date"] = _("The end date must not be before the start date.")
    if errors:
        raise ValidationError(errors, code="invalid")
    overlapping = PlanExemption.objects.filter(employee_id=exemption.employee_id).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=exemption.start_date)
    )
    if exemption.end_date is not None:
        overlapping = overlapping.filter(start_date__lte=exemption.end_date)
    if exemption.pk is not None:
        overlapping = overlapping.exclude(pk=exemption.pk)
    other = overlapping.order_by("start_date").first()
    if other is not None:
        raise ValidationError(
            {
                "start_date": _(
                    "This employee already has an exemption (%(reason)s) from %(start)s to "
                    "%(end)s that overlaps these dates."
                )
                % {
                    "reason": other.get_reason_display(),
                    "start": _day(other.start_date),
                    "end": _day(other.end_date),
                }
            },
            code="exemption_overlaps",
        )
    exemption.full_clean(exclude=["agency", "employee", "created_by"])


def _lock_employee(employee: Employee) -> Employee:
    """Serialise writes for one employee so that two overlapping records cannot both pass."""
    return Employee.objects.select_for_update().get(pk=employee.pk)


def _lock_exemption(exemption: PlanExemption) -> PlanExemption:
    """The employee locked first (the order every write takes), then a fresh copy of the
    exemption read under lock: a change made meanwhile is neither lost nor misreported."""
    employee = Employee.objects.select_for_update().get(pk=exemption.employee_id)
    locked = (
        PlanExemption.objects.select_for_update(of=("self",))
        .select_related("agency")
        .get(pk=exemption.pk)
    )
    locked.employee = employee
    return locked


def _audit(actor, action: str, exemption: PlanExemption, before=None, after=None, reason=""):
    audit.record(
        actor=audit_actor(actor),
        action=action,
        obj=exemption,
        before=before,
        after=after,
        agency=exemption.agency,
        reason=reason,
    )


@transaction.atomic
def exemption_record(
    *,
    actor,
    employee: Employee,
    reason: str,
    start_date: datetime.date | None,
    end_date: datetime.date | None = None,
    decree_number: str = "",
    note: str = "",
) -> PlanExemption:
    """Record that `employee` (an instance or an id) is not subject to SKP planning from
    `start_date` (to `end_date`)."""
    viewer = require(
        actor,
        permissions.can_manage_exemptions,
        _("You may not record exemptions from SKP planning."),
    )
    if employee is None:
        raise ValidationError({"employee": _("Choose the employee.")}, code="required")
    employee = choose(
        recordable_employees(viewer) if viewer is not None else Employee.objects.all(),
        employee,
        field="employee",
        message=OUT_OF_SCOPE,
    )
    employee = _lock_employee(employee)
    exemption = PlanExemption(
        agency_id=employee.agency_id,
        employee=employee,
        reason=reason,
        start_date=start_date,
        end_date=end_date,
        decree_number=(decree_number or "").strip(),
        note=(note or "").strip(),
        created_by=viewer.user if viewer is not None else None,
    )
    _validate(exemption)
    exemption.save()
    _audit(
        actor,
        "skp.exemption.recorded",
        exemption,
        after=audit.snapshot(exemption, EXEMPTION_FIELDS),
    )
    _close_plans_in_force(actor, exemption)
    return exemption


def _close_plans_in_force(actor, exemption: PlanExemption) -> None:
    """Close the plans still running on the exemption's first day (Lampiran p.65-66: no SKP
    while it lasts): each ends the day before, or on its own first day when the exemption
    begins on or before it, and is closed; one audit event each."""
    day_before = exemption.start_date - datetime.timedelta(days=1)
    plans = (
        Skp.objects.select_for_update()
        .filter(
            employee_id=exemption.employee_id, is_latest=True, end_date__gte=exemption.start_date
        )
        .exclude(status__in=[SkpStatus.CLOSED, SkpStatus.SUPERSEDED])
        .select_related("agency")
        .order_by("start_date", "pk")
    )
    reason = _("Exemption from SKP planning from %(start)s: %(reason)s") % {
        "start": _day(exemption.start_date),
        "reason": exemption.get_reason_display(),
    }
    for skp in plans:
        before = {"status": skp.status, "end_date": skp.end_date.isoformat()}
        end = max(day_before, skp.start_date)
        Skp.objects.filter(pk=skp.pk).update(status=SkpStatus.CLOSED, end_date=end)
        audit.record(
            actor=audit_actor(actor),
            action="skp.plan.closed",
            obj=skp,
            before=before,
            after={"status": SkpStatus.CLOSED.value, "end_date": end.isoformat()},
            agency=skp.agency,
            reason=reason,
        )


@transaction.atomic
def exemption_update(*, actor, exemption: PlanExemption, **changes) -> PlanExemption:
    """Correct an exemption (reason, dates, decree, note); the employee cannot change."""
    unknown = set(changes) - CHANGEABLE
    if unknown:
        raise TypeError(f"exemption_update cannot change {sorted(unknown)}")
    exemption = _lock_exemption(exemption)
    _check_scope(actor, exemption.employee)
    before = audit.snapshot(exemption, EXEMPTION_FIELDS)
    for name, value in changes.items():
        if name in {"decree_number", "note"}:
            value = (value or "").strip()
        setattr(exemption, name, value)
    _validate(exemption)
    exemption.save(update_fields=[*sorted(changes), "updated_at"])
    after = audit.snapshot(exemption, EXEMPTION_FIELDS)
    if before != after:
        action = (
            "skp.exemption.ended"
            if before["end_date"] is None and after["end_date"] is not None
            else "skp.exemption.updated"
        )
        _audit(actor, action, exemption, before=before, after=after)
    return exemption


def exemption_end(*, actor, exemption: PlanExemption, end_date: datetime.date | None):
    """The status is over: the employee plans again from the day after `end_date`."""
    if end_date is None:
        raise ValidationError({"end_date": _("Enter the last day of the exemption.")})
    return exemption_update(actor=actor, exemption=exemption, end_date=end_date)


@transaction.atomic
def exemption_delete(*, actor, exemption: PlanExemption, reason: str = "") -> None:
    """Remove a record made by mistake (an exemption that ended is ended, not deleted)."""
    exemption = _lock_exemption(exemption)
    _check_scope(actor, exemption.employee)
    _audit(
        actor,
        "skp.exemption.deleted",
        exemption,
        before=audit.snapshot(exemption, EXEMPTION_FIELDS),
        reason=reason,
    )
    exemption.delete()
