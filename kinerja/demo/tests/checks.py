"""Consistency checks of a seeded agency, shared by the tests and manual runs at larger sizes.

Each check returns a list of problems (empty when all is well), so that a failing test shows
the first offenders instead of a bare assertion.
"""

from __future__ import annotations

import datetime
import itertools
from collections import defaultdict

from kinerja.org import rules
from kinerja.org.models import (
    PNS_GRADE_CODES,
    PPPK_GRADE_CODES,
    RATER_KINDS,
    Assignment,
    AssignmentKind,
    Employee,
    EmployeeStatus,
    Position,
    Unit,
)

NIP_CHECK_DAY = datetime.date(2026, 1, 1)


def nip_problems(agency) -> list[str]:
    problems = []
    seen = set()
    for nip, birth, sex, status, grade in Employee.objects.filter(agency=agency).values_list(
        "nip", "birth_date", "sex", "status", "grade"
    ):
        found = rules.nip_problems(nip, today=NIP_CHECK_DAY)
        if found:
            problems.append(f"{nip}: {found}")
            continue
        parts = rules.parse_nip(nip, today=NIP_CHECK_DAY)
        if parts.birth_date != birth or parts.sex != sex:
            problems.append(f"{nip}: birth date or sex differs from the NIP")
        if not 1966 <= birth.year <= 2001:
            problems.append(f"{nip}: born {birth.year}")
        months = (parts.appointment_year - birth.year) * 12 + parts.appointment_month - birth.month
        if not 19 * 12 <= months <= 36 * 12:
            problems.append(f"{nip}: appointed at {months // 12} years")
        if nip in seen:
            problems.append(f"{nip}: duplicate")
        seen.add(nip)
        codes = PNS_GRADE_CODES if status == EmployeeStatus.PNS else PPPK_GRADE_CODES
        if grade not in codes:
            problems.append(f"{nip}: grade {grade} does not fit status {status}")
    return problems


def path_problems(agency) -> list[str]:
    problems = []
    units = {u.pk: u for u in Unit.objects.filter(agency=agency)}
    for unit in units.values():
        parent_path = units[unit.parent_id].path if unit.parent_id else "/"
        if unit.path != f"{parent_path}{unit.pk}/" or unit.depth != unit.path.count("/") - 2:
            problems.append(f"unit {unit.code}: path {unit.path} depth {unit.depth}")
    positions = {p.pk: p for p in Position.objects.filter(agency=agency)}
    for position in positions.values():
        parent_path = positions[position.parent_id].path if position.parent_id else "/"
        if position.path != f"{parent_path}{position.pk}/":
            problems.append(f"position {position.code}: path {position.path}")
        if position.unit_id not in units:
            problems.append(f"position {position.code}: unit of another agency")
    return problems


def assignment_problems(agency, day: datetime.date) -> list[str]:
    """One running definitive post each; no overlaps; single holders of structural posts."""
    problems = []
    rows = list(
        Assignment.objects.filter(employee__agency=agency).values_list(
            "employee_id",
            "employee__nip",
            "position_id",
            "position__kind",
            "kind",
            "start_date",
            "end_date",
        )
    )
    by_employee = defaultdict(list)
    by_structural_post = defaultdict(list)
    for employee_id, nip, position_id, position_kind, kind, start, end in rows:
        appointed = rules.parse_nip(nip, today=NIP_CHECK_DAY).appointment_date
        if start < appointed:
            problems.append(f"{nip}: assignment starts {start} before appointment {appointed}")
        if kind == AssignmentKind.DEFINITIVE:
            by_employee[employee_id].append((start, end, nip))
            if position_kind in RATER_KINDS:
                by_structural_post[position_id].append((start, end, nip))
    employee_ids = set(Employee.objects.filter(agency=agency).values_list("pk", flat=True))
    if set(by_employee) != employee_ids:
        problems.append(f"{len(employee_ids - set(by_employee))} employees without a post")
    for stints in by_employee.values():
        stints.sort()
        running = [s for s in stints if s[0] <= day and (s[1] is None or s[1] >= day)]
        if len(running) != 1:
            problems.append(f"{stints[0][2]}: {len(running)} running definitive posts")
        for (_s1, end1, nip), (start2, _e2, _n) in itertools.pairwise(stints):
            if end1 is None or end1 + datetime.timedelta(days=1) != start2:
                problems.append(f"{nip}: earlier post does not end the day before the next")
    for stints in by_structural_post.values():
        stints.sort()
        for (_s1, end1, nip), (start2, _e2, nip2) in itertools.pairwise(stints):
            if end1 is None or end1 >= start2:
                problems.append(f"structural post held by {nip} and {nip2} at once")
    return problems
