"""How many of a unit's (or the agency's) people have a set SKP, per group of units."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from kinerja.skp.selectors.alignment import units_in_order
from kinerja.skp.selectors.alignment_checks import (
    Scope,
    employees_without_set_plan,
    staff_assignments,
)
from kinerja.skp.selectors.exemptions import exempt_on


@dataclass(frozen=True)
class ComplianceRow:
    unit_id: int
    name: str
    required: int  # people subject to planning on the reference day
    missing: int  # of them, people without a set SKP for the year

    @property
    def set_count(self) -> int:
        return self.required - self.missing

    @property
    def rate(self) -> float:
        return 1.0 if self.required == 0 else self.set_count / self.required


def _per_unit(queryset) -> dict[int, int]:
    return dict(
        queryset.order_by().values_list("position__unit_id").annotate(n=Count("pk")).order_by()
    )


def compliance_by_group(scope: Scope) -> list[ComplianceRow]:
    """Per OPD (or per sub-unit of `scope.unit`): people who must have a set SKP and how many
    have none, worst rate first. Three queries whatever the size of the agency."""
    units = units_in_order(scope)
    required = _per_unit(staff_assignments(scope).exclude(exempt_on(scope.day)))
    missing = _per_unit(employees_without_set_plan(scope))
    root_depth = 0 if scope.unit is None else len(scope.unit.path.strip("/").split("/"))
    groups: dict[int, list[int]] = {}
    for unit_id, n in required.items():
        if unit_id not in units:
            continue
        parts = units[unit_id][0].strip("/").split("/")
        group_id = int(parts[root_depth]) if len(parts) > root_depth else unit_id
        totals = groups.setdefault(group_id, [0, 0])
        totals[0] += n
        totals[1] += missing.get(unit_id, 0)
    rows = [
        ComplianceRow(group_id, units[group_id][1], need, lacking)
        for group_id, (need, lacking) in groups.items()
    ]
    return sorted(rows, key=lambda row: (row.rate, row.name))
