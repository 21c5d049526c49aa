"""Checking records against each other and against the agency's data, and deciding what changes.

The result is an ImportPlan: the errors, or for every row whether it creates, updates, moves or
leaves unchanged a unit, position or employee. Reads are a constant number of queries per batch
of rows: all units and positions of the agency once, employees and their assignments per batch.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from django.utils.translation import gettext as _

from kinerja.org.imports import columns as cols
from kinerja.org.imports.errors import row_error
from kinerja.org.imports.reader import ReadResult
from kinerja.org.imports.records import (
    EmployeeRecord,
    PositionRecord,
    UnitRecord,
    format_date,
    parse_employee,
    parse_position,
    parse_unit,
)
from kinerja.org.models import (
    Agency,
    Assignment,
    AssignmentKind,
    AssignmentReason,
    Employee,
    Position,
    Unit,
)

BATCH_SIZE = 500
Progress = Callable[[int], None]
T = TypeVar("T", Unit, Position)


def key(code: str) -> str:
    """Codes are matched without regard to case: people retype them by hand."""
    return code.lower()


class CodeIndex(Generic[T]):
    """Units or positions by code; an exact match wins over a match in another case."""

    def __init__(self, objects: Iterable[T]):
        self.by_id: dict[int, T] = {}
        self.exact: dict[str, T] = {}
        self.folded: dict[str, T] = {}
        for obj in objects:
            self.add(obj)

    def add(self, obj: T) -> None:
        if obj.pk is not None:
            self.by_id[obj.pk] = obj
        self.exact[obj.code] = obj
        self.folded.setdefault(key(obj.code), obj)

    def get(self, code: str) -> T | None:
        return self.exact.get(code) or self.folded.get(key(code))

    def __iter__(self):
        return iter(self.exact.values())

    def parent_key(self, obj: T) -> str | None:
        parent = self.by_id.get(obj.parent_id) if obj.parent_id else None
        return key(parent.code) if parent is not None else None


@dataclass
class Records:
    units: list[UnitRecord] = field(default_factory=list)
    positions: list[PositionRecord] = field(default_factory=list)
    employees: list[EmployeeRecord] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    kinds: tuple[str, ...] = ()

    @property
    def row_count(self) -> int:
        return len(self.units) + len(self.positions) + len(self.employees)


@dataclass
class UnitChange:
    record: UnitRecord
    existing: Unit | None
    changed: bool = False
    moved: bool = False


@dataclass
class PositionChange:
    record: PositionRecord
    existing: Position | None
    changed: bool = False
    moved: bool = False


@dataclass
class NewAssignment:
    position_code: str
    kind: str
    start_date: datetime.date
    reason: str
    ends: list[Assignment]


@dataclass
class EmployeeChange:
    record: EmployeeRecord
    existing: Employee | None
    changed: bool = False
    assignment: NewAssignment | None = None

    @property
    def moved(self) -> bool:
        return self.assignment is not None and bool(self.assignment.ends)


@dataclass
class ImportPlan:
    agency: Agency
    kinds: tuple[str, ...]
    units: CodeIndex[Unit] | None = None
    positions: CodeIndex[Position] | None = None
    unit_changes: list[UnitChange] = field(default_factory=list)
    position_changes: list[PositionChange] = field(default_factory=list)
    employee_changes: list[EmployeeChange] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    records: Records | None = None

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def summary(self) -> dict[str, dict[str, int]]:
        """Per sheet: rows created, updated (moves included), moved, and unchanged."""
        result = {}
        for kind, changes in (
            (cols.UNIT, self.unit_changes),
            (cols.POSITION, self.position_changes),
            (cols.EMPLOYEE, self.employee_changes),
        ):
            if kind not in self.kinds:
                continue
            counts = {"created": 0, "updated": 0, "moved": 0, "unchanged": 0}
            for change in changes:
                if change.existing is None:
                    counts["created"] += 1
                elif _is_changed(change):
                    counts["updated"] += 1
                else:
                    counts["unchanged"] += 1
                counts["moved"] += int(change.existing is not None and change.moved)
            result[kind] = counts
        return result

    @property
    def has_changes(self) -> bool:
        changes = [*self.unit_changes, *self.position_changes, *self.employee_changes]
        return any(c.existing is None or _is_changed(c) for c in changes)


def _is_changed(change) -> bool:
    return change.changed or bool(getattr(change, "assignment", None))


# --- parsing ----------------------------------------------------------------------------------


def parse_records(read: ReadResult, *, today: datetime.date) -> Records:
    records = Records(errors=list(read.errors), kinds=tuple(read.sheets))
    if not read.is_readable:
        return records
    for kind, sheet in read.sheets.items():
        for row in sheet.rows:
            if kind == cols.UNIT:
                records.units.append(parse_unit(row, records.errors))
            elif kind == cols.POSITION:
                records.positions.append(parse_position(row, records.errors))
            else:
                records.employees.append(parse_employee(row, records.errors, today=today))
    return records


# --- planning ---------------------------------------------------------------------------------


def plan_import(
    agency: Agency, records: Records, *, progress: Progress | None = None
) -> ImportPlan:
    plan = ImportPlan(agency=agency, kinds=records.kinds, errors=list(records.errors))
    if records.errors and not records.row_count:
        return plan
    progress = progress or (lambda _count: None)
    plan.units = CodeIndex(Unit.objects.filter(agency=agency))
    file_units = _unique(records.units, cols.UNIT, "kode_unit", plan.errors)
    plan.unit_changes = _plan_units(file_units, plan.units, plan.errors)
    progress(len(records.units))
    plan.positions = CodeIndex(Position.objects.filter(agency=agency))
    file_positions = _unique(records.positions, cols.POSITION, "kode_jabatan", plan.errors)
    plan.position_changes = _plan_positions(
        file_positions, file_units, plan.units, plan.positions, plan.errors
    )
    progress(len(records.positions))
    plan.employee_changes = _plan_employees(
        agency, records.employees, file_positions, plan.positions, plan.errors, progress
    )
    return plan


def _unique(records, sheet: str, column: str, errors: list[dict]) -> dict[str, object]:
    """Records by code; a repeated code is an error on the later row."""
    first: dict[str, object] = {}
    for record in records:
        if not record.code:
            continue
        seen = first.get(key(record.code))
        if seen is not None:
            errors.append(
                row_error(
                    sheet,
                    record.row,
                    column,
                    _("%(column)s %(value)s already appears in row %(row)s.")
                    % {"column": column, "value": record.code, "row": seen.row},
                )
            )
            continue
        first[key(record.code)] = record
    return first


def find_cycles(parent_of: dict[str, str | None], starts: Iterable[str]) -> dict[str, list[str]]:
    """For every node on a cycle, the cycle starting from that node.

    Each node has at most one parent, so a walk upwards either ends at a root, reaches a node
    already explored, or comes back to itself.
    """
    done: set[str] = set()
    cycles: dict[str, list[str]] = {}
    for start in starts:
        path: list[str] = []
        index: dict[str, int] = {}
        node: str | None = start
        while node is not None and node not in done and node not in index:
            index[node] = len(path)
            path.append(node)
            node = parent_of.get(node)
        if node is not None and node in index:
            cycle = path[index[node] :]
            for i, member in enumerate(cycle):
                cycles[member] = cycle[i:] + cycle[:i]
        done.update(path)
    return cycles


def _cycle_errors(
    sheet, column, records: dict, parent_of, labels: dict[str, str], errors: list[dict]
) -> None:
    for node, cycle in find_cycles(parent_of, records).items():
        record = records.get(node)
        if record is None:
            continue
        if len(cycle) == 1:
            message = _("%(column)s %(value)s is the row's own code; it cannot be its own parent.")
        else:
            message = _("%(column)s %(value)s closes a cycle: %(cycle)s.")
        path = " → ".join(labels[member] for member in [*cycle, cycle[0]])
        errors.append(
            row_error(
                sheet,
                record.row,
                column,
                message % {"column": column, "value": record.parent_code, "cycle": path},
            )
        )


def _plan_tree(
    sheet: str,
    column: str,
    file_records: dict[str, UnitRecord] | dict[str, PositionRecord],
    existing: CodeIndex,
    *,
    unknown_parent: str,
    errors: list[dict],
    change_type: type[UnitChange] | type[PositionChange],
    fields: tuple[str, ...],
    moved_otherwise: Callable[[object, object], bool] = lambda _existing, _record: False,
) -> list:
    """The change each unit or position row makes to the agency's tree.

    The agency's tree with the file's rows put in: a row's parent is in the file or among the
    agency's own, else `unknown_parent` on the row; any cycle the rows close is an error on each
    row on it. A row moves its node when the parent differs (or `moved_otherwise`), and changes
    it when it moves or one of `fields` differs.
    """
    parent_of = {key(node.code): existing.parent_key(node) for node in existing}
    labels = {key(node.code): node.code for node in existing}
    for node, record in file_records.items():
        labels[node] = record.code
        parent_of[node] = None
        if not record.parent_code:
            continue
        parent = key(record.parent_code)
        if parent in file_records or existing.get(record.parent_code) is not None:
            parent_of[node] = parent
        else:
            message = unknown_parent % {"value": record.parent_code}
            errors.append(row_error(sheet, record.row, column, message))
    _cycle_errors(sheet, column, file_records, parent_of, labels, errors)
    changes = []
    for node, record in file_records.items():
        current = existing.get(record.code)
        change = change_type(record, current)
        if current is not None:
            change.moved = existing.parent_key(current) != parent_of[node] or moved_otherwise(
                current, record
            )
            change.changed = change.moved or any(
                getattr(current, name) != getattr(record, name) for name in fields
            )
        changes.append(change)
    return changes


def _plan_units(
    file_units: dict[str, UnitRecord], units: CodeIndex[Unit], errors: list[dict]
) -> list[UnitChange]:
    return _plan_tree(
        cols.UNIT,
        "kode_unit_induk",
        file_units,
        units,
        unknown_parent=_(
            "Parent unit %(value)s is neither in the unit sheet nor among the agency's units."
        ),
        errors=errors,
        change_type=UnitChange,
        fields=("name", "short_name", "kind"),
    )


def _plan_positions(
    file_positions: dict[str, PositionRecord],
    file_units: dict[str, UnitRecord],
    units: CodeIndex[Unit],
    positions: CodeIndex[Position],
    errors: list[dict],
) -> list[PositionChange]:
    for record in file_positions.values():
        if record.unit_code and not (
            key(record.unit_code) in file_units or units.get(record.unit_code) is not None
        ):
            errors.append(
                row_error(
                    cols.POSITION,
                    record.row,
                    "kode_unit",
                    _("Unit %(value)s is neither in the unit sheet nor among the agency's units.")
                    % {"value": record.unit_code},
                )
            )

    def unit_moved(existing: Position, record: PositionRecord) -> bool:
        return key(units.by_id[existing.unit_id].code) != key(record.unit_code)

    return _plan_tree(
        cols.POSITION,
        "kode_jabatan_atasan",
        file_positions,
        positions,
        unknown_parent=_(
            "Superior position %(value)s is neither in the jabatan sheet nor among the "
            "agency's positions."
        ),
        errors=errors,
        change_type=PositionChange,
        fields=("name", "kind", "jenjang", "is_unit_head"),
        moved_otherwise=unit_moved,
    )


# The employee fields a row sets; birth date and sex follow from the NIP.
EMPLOYEE_ROW_FIELDS = ("name", "front_title", "back_title", "status", "grade", "email", "phone")


def _plan_employees(
    agency: Agency,
    records: list[EmployeeRecord],
    file_positions: dict[str, PositionRecord],
    positions: CodeIndex[Position],
    errors: list[dict],
    progress: Progress,
) -> list[EmployeeChange]:
    first_row: dict[str, int] = {}
    unique: list[EmployeeRecord] = []
    for record in records:
        if not record.nip:
            continue
        if record.nip in first_row:
            errors.append(
                row_error(
                    cols.EMPLOYEE,
                    record.row,
                    "nip",
                    _("NIP %(value)s already appears in row %(row)s.")
                    % {"value": record.nip, "row": first_row[record.nip]},
                )
            )
            continue
        first_row[record.nip] = record.row
        unique.append(record)
        if record.position_code and not (
            key(record.position_code) in file_positions
            or positions.get(record.position_code) is not None
        ):
            errors.append(
                row_error(
                    cols.EMPLOYEE,
                    record.row,
                    "kode_jabatan",
                    _(
                        "Position %(value)s is neither in the jabatan sheet nor among the "
                        "agency's positions."
                    )
                    % {"value": record.position_code},
                )
            )
    changes: list[EmployeeChange] = []
    skipped = len(records) - len(unique)
    for start in range(0, len(unique), BATCH_SIZE):
        batch = unique[start : start + BATCH_SIZE]
        changes.extend(_plan_employee_batch(agency, batch, errors))
        progress(len(batch) + (skipped if start == 0 else 0))
    if not unique:
        progress(skipped)
    return changes


def _plan_employee_batch(
    agency: Agency, batch: list[EmployeeRecord], errors: list[dict]
) -> list[EmployeeChange]:
    existing = {
        e.nip: e for e in Employee.objects.filter(agency=agency, nip__in=[r.nip for r in batch])
    }
    history: dict[int, list[Assignment]] = defaultdict(list)
    for assignment in Assignment.objects.filter(
        employee_id__in=[e.pk for e in existing.values()]
    ).select_related("position"):
        history[assignment.employee_id].append(assignment)
    changes = []
    for record in batch:
        employee = existing.get(record.nip)
        change = EmployeeChange(record, employee)
        if employee is not None:
            change.changed = any(
                getattr(employee, name) != getattr(record, name) for name in EMPLOYEE_ROW_FIELDS
            )
            for assignment in history[employee.pk]:
                assignment.employee = employee
        if record.position_code and record.start_date is not None:
            change.assignment = _plan_assignment(
                record, history[employee.pk] if employee else [], errors
            )
        changes.append(change)
    return changes


def _plan_assignment(
    record: EmployeeRecord, history: list[Assignment], errors: list[dict]
) -> NewAssignment | None:
    """The assignment the row asks for, or None when the employee already has it.

    A row names the post held now. If the employee already holds it (running), or the same
    post from the same date is on record, nothing changes; the date of a running post is not
    rewritten by an import. Otherwise the new post must start after every earlier one of the same
    kind, and the running one ends the day before, as `services.assignment_start` does.
    """
    kind, start = record.assignment_kind, record.start_date
    same_kind = [a for a in history if a.kind == kind]
    target = key(record.position_code)
    for assignment in same_kind:
        if key(assignment.position.code) == target and (
            assignment.end_date is None or assignment.start_date == start
        ):
            return None
    later = [a for a in same_kind if a.start_date >= start]
    if later:
        latest = max(later, key=lambda a: (a.start_date, a.pk))
        errors.append(
            row_error(
                cols.EMPLOYEE,
                record.row,
                "tmt_jabatan",
                _(
                    "tmt_jabatan %(date)s is not after %(start)s, the start of the employee's "
                    "latest %(kind)s post %(position)s; moves must be recorded in date order."
                )
                % {
                    "date": format_date(start),
                    "start": format_date(latest.start_date),
                    "kind": cols.ASSIGNMENT_KIND_LABELS[kind],
                    "position": latest.position.code,
                },
            )
        )
        return None
    ends = [a for a in same_kind if a.end_date is None or a.end_date >= start]
    if not ends:
        reason = AssignmentReason.IMPORT
    elif kind == AssignmentKind.DEFINITIVE:
        reason = AssignmentReason.TRANSFER
    else:
        reason = AssignmentReason.ACTING
    return NewAssignment(record.position_code, kind, start, reason, ends)
