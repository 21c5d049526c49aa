"""The plan in force in a period, from the plan versions' facts (`rules.plan_in_force`), and
what its indicators are."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from kinerja.core.queries import Prepared
from kinerja.iku.models import Period
from kinerja.iku.selectors import realisation_due_date
from kinerja.results import rules
from kinerja.skp.models import PlanExemption, RhkIndicator, Skp
from kinerja.skp.rules import FORM_JPT

# --- the plan in force ------------------------------------------------------------------------


_VERSION_FIELDS = (
    "pk",
    "employee_id",
    "year",
    "series",
    "version",
    "status",
    "start_date",
    "end_date",
    "set_at",
)


def plan_versions(employee_ids: Iterable[int], years: Iterable[int]) -> list[rules.PlanVersion]:
    """The facts of every plan version of the employees in the years (one query)."""
    rows = Skp.objects.filter(employee_id__in=list(employee_ids), year__in=list(years))
    return _versions(rows.values(*_VERSION_FIELDS).order_by())


# One employee's year: what the daily log's entry form asks on every request, compiled once.
_versions_of = Prepared(
    lambda employee_id, year: (
        Skp.objects.filter(employee_id=employee_id, year=year).values(*_VERSION_FIELDS).order_by()
    ),
    employee_id=int,
    year=int,
)


def plan_versions_of(employee_id: int, year: int) -> list[rules.PlanVersion]:
    """`plan_versions` of one employee and year."""
    return _versions(_versions_of(employee_id=employee_id, year=year))


def _versions(rows) -> list[rules.PlanVersion]:
    zone = timezone.get_current_timezone()
    return [
        _Version(
            pk=row["pk"],
            series=str(row["series"]),
            version=row["version"],
            status=row["status"],
            start_date=row["start_date"],
            end_date=row["end_date"],
            set_on=timezone.localtime(row["set_at"], zone).date() if row["set_at"] else None,
            employee_id=row["employee_id"],
            year=row["year"],
        )
        for row in rows
    ]


@dataclass(frozen=True)
class _Version(rules.PlanVersion):
    employee_id: int = 0
    year: int = 0


def plan_in_force_id(employee_id: int, period: Period) -> int | None:
    versions = plan_versions([employee_id], [period.start_date.year])
    chosen = rules.plan_in_force(versions, period.start_date, period.end_date)
    return chosen.pk if chosen else None


def plans_in_force(pairs: Iterable[tuple[int, Period]]) -> dict[tuple[int, int], int]:
    """(employee id, period id) -> the pk of the plan version in force (two queries at most
    whatever the number of pairs: one here)."""
    pairs = list(pairs)
    if not pairs:
        return {}
    versions = plan_versions({e for e, _p in pairs}, {p.start_date.year for _e, p in pairs})
    by_employee: dict[int, list[_Version]] = {}
    for version in versions:
        by_employee.setdefault(version.employee_id, []).append(version)
    found = {}
    for employee_id, period in pairs:
        chosen = rules.plan_in_force(
            by_employee.get(employee_id, []), period.start_date, period.end_date
        )
        if chosen is not None:
            found[(employee_id, period.pk)] = chosen.pk
    return found


def indicators_of_plans(plan_ids: Iterable[int]) -> dict[int, dict]:
    """plan pk -> {indicator key: RhkIndicator with its `rhk` (and the plan) loaded}."""
    found: dict[int, dict] = {}
    rows = (
        RhkIndicator.objects.filter(rhk__skp_id__in=list(plan_ids))
        .select_related("rhk__skp", "rhk__iku_indicator")
        .order_by("rhk__kind", "rhk__order", "rhk_id", "order", "pk")
    )
    for indicator in rows:
        found.setdefault(indicator.rhk.skp_id, {})[indicator.key] = indicator
    return found


def is_org_linked(indicator: RhkIndicator) -> bool:
    """A JPT's result linked to an organisation indicator: its realisation is the
    organisation's verified one, never typed twice."""
    return indicator.rhk.skp.form == FORM_JPT and indicator.rhk.iku_indicator_id is not None


def exemption_covering(employee_id: int, period: Period) -> PlanExemption | None:
    """An exemption from planning that covers the whole period: nothing is recorded then."""
    return (
        PlanExemption.objects.filter(employee_id=employee_id, start_date__lte=period.start_date)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=period.end_date))
        .order_by("-start_date")
        .first()
    )


def due_date(period: Period) -> datetime.date:
    """The reporting deadline of a period: the one rule of organisation realisations, N working
    days (the year's setting) after the period ends."""
    return realisation_due_date(period)
