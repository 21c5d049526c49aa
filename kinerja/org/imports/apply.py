"""Writing a valid ImportPlan with bulk operations, in the caller's transaction.

The result is the same as calling the services row by row: materialised paths as the services
compute them, birth date and sex from the NIP, the running post ended the day before a move, and
one audit event per created or changed row. Unchanged rows write nothing.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db import connections, models
from django.db.models import Case, Value, When
from django.utils import timezone

from kinerja.core import audit
from kinerja.org import rules
from kinerja.org.imports.planning import EMPLOYEE_ROW_FIELDS, CodeIndex, ImportPlan
from kinerja.org.models import SERVICE_UNIT_KINDS, Assignment, Employee, Position, Unit
from kinerja.org.services import EMPLOYEE_FIELDS, POSITION_FIELDS, UNIT_FIELDS

BULK_BATCH_SIZE = 500


class _Events:
    def __init__(self, plan: ImportPlan, actor, reason: str):
        self.agency = plan.agency
        self.actor = actor
        self.reason = reason
        self.events = []

    def add(self, action: str, obj, *, before=None, after=None) -> None:
        self.events.append(
            audit.build_event(
                actor=self.actor,
                action=action,
                obj=obj,
                before=before,
                after=after,
                agency=self.agency,
                reason=self.reason,
            )
        )


class FieldUpdates:
    """Changed values of saved rows, written as one UPDATE per field and batch of rows.

    Django's bulk_update builds a CASE branch for every row and every listed field, which costs
    seconds for thousands of rows. Here only changed fields are written, and rows that get the
    same value share one branch (a new grade, the end date of a move, the update time).
    """

    def __init__(self, model: type[models.Model]):
        self.model = model
        self.values: dict[str, dict[int, object]] = defaultdict(dict)

    def set(self, obj: models.Model, attname: str, value) -> None:
        if getattr(obj, attname) != value:
            setattr(obj, attname, value)
            self.values[attname][obj.pk] = value

    def save(self) -> None:
        for attname, values in self.values.items():
            field = self.model._meta.get_field(attname.removesuffix("_id"))
            output = models.BigIntegerField() if field.is_relation else field
            pks = list(values)
            # A row costs up to three parameters: its id in WHERE and in a branch, its value.
            max_params = connections[self.model.objects.db].features.max_query_params
            batch = min(BULK_BATCH_SIZE, (max_params or BULK_BATCH_SIZE * 3) // 3)
            for start in range(0, len(pks), batch):
                by_value: dict[object, list[int]] = defaultdict(list)
                for pk in pks[start : start + batch]:
                    by_value[values[pk]].append(pk)
                self._write(attname, output, by_value)
        self.values.clear()

    def _write(self, attname: str, output, by_value: dict[object, list[int]]) -> None:
        rows = self.model.objects.filter(pk__in=[pk for pks in by_value.values() for pk in pks])
        if len(by_value) == 1:
            ((value, _pks),) = by_value.items()
            rows.update(**{attname: value})
            return
        branches = [
            When(pk__in=pks, then=Value(value, output_field=output))
            for value, pks in by_value.items()
        ]
        rows.update(**{attname: Case(*branches, output_field=output)})


def apply_plan(plan: ImportPlan, *, actor, reason: str = "") -> None:
    if not plan.is_valid:
        raise ValueError("an import plan with errors cannot be applied")
    events = _Events(plan, actor, reason)
    _apply_units(plan, events)
    _apply_positions(plan, events)
    _apply_employees(plan, events)
    audit.record_many(events.events)


def tree_paths(objects: dict[int, Unit | Position]) -> dict[int, str]:
    """Materialised paths ("/<root id>/.../<id>/") of a whole tree, as the services build them."""
    paths: dict[int, str] = {}
    for obj in objects.values():
        chain = []
        node = obj
        while node is not None and node.pk not in paths:
            chain.append(node)
            node = objects.get(node.parent_id) if node.parent_id else None
        prefix = paths[node.pk] if node is not None else "/"
        for item in reversed(chain):
            prefix = f"{prefix}{item.pk}/"
            paths[item.pk] = prefix
    return paths


def _refresh_paths(index: CodeIndex, updates: FieldUpdates) -> None:
    """Paths of every node whose position in the tree changed, sub-trees included."""
    for pk, path in tree_paths(index.by_id).items():
        obj = index.by_id[pk]
        updates.set(obj, "path", path)
        if isinstance(obj, Unit):
            updates.set(obj, "depth", path.count("/") - 2)


def _apply_units(plan: ImportPlan, events: _Events) -> None:
    units = plan.units
    updates = FieldUpdates(Unit)
    created, updated = [], []
    for change in plan.unit_changes:
        record = change.record
        if change.existing is None:
            unit = Unit(
                agency=plan.agency,
                code=record.code,
                name=record.name,
                short_name=record.short_name,
                kind=record.kind,
                is_service_unit=record.kind in SERVICE_UNIT_KINDS,
            )
            created.append((record, unit))
        elif change.changed:
            updated.append((record, change.existing, audit.snapshot(change.existing, UNIT_FIELDS)))
    Unit.objects.bulk_create([unit for _record, unit in created], batch_size=BULK_BATCH_SIZE)
    for _record, unit in created:
        units.add(unit)
    for record, unit, _before in updated:
        if unit.kind != record.kind:
            updates.set(unit, "is_service_unit", record.kind in SERVICE_UNIT_KINDS)
        updates.set(unit, "name", record.name)
        updates.set(unit, "short_name", record.short_name)
        updates.set(unit, "kind", record.kind)
    for record, unit, *_before in [*created, *updated]:
        parent = units.get(record.parent_code) if record.parent_code else None
        updates.set(unit, "parent_id", parent.pk if parent is not None else None)
    _refresh_paths(units, updates)
    updates.save()
    for _record, unit in created:
        events.add("org.unit.created", unit, after=audit.snapshot(unit, UNIT_FIELDS))
    for _record, unit, before in updated:
        after = audit.snapshot(unit, UNIT_FIELDS)
        events.add("org.unit.updated", unit, before=before, after=after)


def _apply_positions(plan: ImportPlan, events: _Events) -> None:
    units, positions = plan.units, plan.positions
    updates = FieldUpdates(Position)
    created, updated = [], []
    for change in plan.position_changes:
        record = change.record
        if change.existing is None:
            position = Position(
                agency=plan.agency,
                unit_id=units.get(record.unit_code).pk,
                code=record.code,
                name=record.name,
                kind=record.kind,
                jenjang=record.jenjang,
                is_unit_head=record.is_unit_head,
            )
            created.append((record, position))
        elif change.changed:
            before = audit.snapshot(change.existing, POSITION_FIELDS)
            updated.append((record, change.existing, before))
    Position.objects.bulk_create([p for _record, p in created], batch_size=BULK_BATCH_SIZE)
    for _record, position in created:
        positions.add(position)
    for record, position, _before in updated:
        updates.set(position, "unit_id", units.get(record.unit_code).pk)
        updates.set(position, "name", record.name)
        updates.set(position, "kind", record.kind)
        updates.set(position, "jenjang", record.jenjang)
        updates.set(position, "is_unit_head", record.is_unit_head)
    for record, position, *_before in [*created, *updated]:
        parent = positions.get(record.parent_code) if record.parent_code else None
        updates.set(position, "parent_id", parent.pk if parent is not None else None)
    _refresh_paths(positions, updates)
    updates.save()
    for _record, position in created:
        after = audit.snapshot(position, POSITION_FIELDS)
        events.add("org.position.created", position, after=after)
    for _record, position, before in updated:
        after = audit.snapshot(position, POSITION_FIELDS)
        events.add("org.position.updated", position, before=before, after=after)


def _apply_employees(plan: ImportPlan, events: _Events) -> None:
    now = timezone.now()
    updates = FieldUpdates(Employee)
    created, updated, holders = [], [], []
    for change in plan.employee_changes:
        record = change.record
        employee = change.existing
        if employee is None:
            nip = rules.parse_nip(record.nip)
            employee = Employee(
                agency=plan.agency,
                nip=record.nip,
                birth_date=nip.birth_date,
                sex=nip.sex,
                **{name: getattr(record, name) for name in EMPLOYEE_ROW_FIELDS},
            )
            created.append(employee)
        elif change.changed:
            before = audit.snapshot(employee, EMPLOYEE_FIELDS)
            for name in EMPLOYEE_ROW_FIELDS:
                updates.set(employee, name, getattr(record, name))
            updates.set(employee, "updated_at", now)
            updated.append((employee, before))
        if change.assignment is not None:
            holders.append((employee, change.assignment))
    Employee.objects.bulk_create(created, batch_size=BULK_BATCH_SIZE)
    updates.save()
    for employee in created:
        after = audit.snapshot(employee, EMPLOYEE_FIELDS)
        events.add("org.employee.created", employee, after=after)
    for employee, before in updated:
        after = audit.snapshot(employee, EMPLOYEE_FIELDS)
        events.add("org.employee.updated", employee, before=before, after=after)
    _apply_assignments(plan, holders, events)


def _apply_assignments(plan: ImportPlan, holders, events: _Events) -> None:
    updates = FieldUpdates(Assignment)
    ended, started = [], []
    for employee, planned in holders:
        for running in planned.ends:
            before = audit.snapshot(running)
            updates.set(running, "end_date", planned.start_date - datetime.timedelta(days=1))
            ended.append((running, before))
        started.append(
            Assignment(
                employee=employee,
                position=plan.positions.get(planned.position_code),
                kind=planned.kind,
                reason=planned.reason,
                start_date=planned.start_date,
            )
        )
    updates.save()
    Assignment.objects.bulk_create(started, batch_size=BULK_BATCH_SIZE)
    for assignment, before in ended:
        after = audit.snapshot(assignment)
        events.add("org.assignment.ended", assignment, before=before, after=after)
    for assignment in started:
        events.add("org.assignment.started", assignment, after=audit.snapshot(assignment))
