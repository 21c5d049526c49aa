"""Reads of the exemptions from SKP planning (see models_exemptions)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Q, QuerySet

from kinerja.org.selectors import active_on
from kinerja.skp.models import PlanExemption


def exemptions_on(day: datetime.date) -> QuerySet[PlanExemption]:
    """Exemptions running on `day`."""
    return PlanExemption.objects.filter(active_on(day))


def exempt_on(day: datetime.date, employee_field: str = "employee_id") -> Q:
    """A filter for rows whose employee (`employee_field`, an OuterRef path) is exempt on `day`:
    use it negated (`~exempt_on(day)`) to keep the employees who must plan."""
    return Q(Exists(exemptions_on(day).filter(employee_id=OuterRef(employee_field))))


def exempt_employee_ids(employee_ids: Iterable[int], day: datetime.date) -> set[int]:
    """Which of `employee_ids` are not subject to planning on `day` (one query)."""
    ids = list(employee_ids)
    if not ids:
        return set()
    return set(exemptions_on(day).filter(employee_id__in=ids).values_list("employee_id", flat=True))


def exemption_of(employee_id: int, day: datetime.date) -> PlanExemption | None:
    """The exemption running on `day` for one employee, if any."""
    return exemptions_on(day).filter(employee_id=employee_id).order_by("-start_date").first()
