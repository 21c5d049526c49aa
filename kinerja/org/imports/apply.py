"""Writing a valid ImportPlan with bulk operations, in the caller's transaction.

The result is the same as calling the services row by row: materialised paths as the services
compute them, birth date and sex from the NIP, the running post ended the day before a move, and
one audit event per created or changed row. Unchanged rows write nothing.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable

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
    _apply_tree(plan, events, Unit, plan.unit_changes, plan.units, _unit_values)
    position_values = _position_values(plan.units)
    _apply_tree(plan, events, Position, plan.position_changes, plan.positions, position_values)
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


def _apply_tree(
    plan: ImportPlan,
    events: _Events,
    model: type[Unit] | type[Position],
    changes: list,
    index: CodeIndex,
    row_values: Callable[[object, Unit | Position | None], dict],
) -> None:
    """Write the unit or position rows: create the new, update the changed, then set every
    written node's parent from its record and the paths of every node whose place changed.

    `row_values(record, existing)` gives the fields a row sets (`existing` None for a new one).
    """
    audit_fields = UNIT_FIELDS if model is Unit else POSITION_FIELDS
    created_action, updated_action = (
        ("org.unit.created", "org.unit.updated")
        if model is Unit
        else ("org.position.created", "org.position.updated")
    )
    updates = FieldUpdates(model)
    created, updated = [], []
    for change in changes:
        record, existing = change.record, change.existing
        if existing is None:
            node = model(agency=plan.agency, code=record.code, **row_values(record, None))
            created.append((record, node))
        elif change.changed:
            updated.append((record, existing, audit.snapshot(existing, audit_fields)))
    model.objects.bulk_create([node for _record, node in created], batch_size=BULK_BATCH_SIZE)
    for _record, node in created:
        index.add(node)
    for record, node, _before in updated:
        for attname, value in row_values(record, node).items():
            updates.set(node, attname, value)
    for record, node, *_before in [*created, *updated]:
        parent = index.get(record.parent_code) if record.parent_code else None
        updates.set(node, "parent_id", parent.pk if parent is not None else None)
    for pk, path in tree_paths(index.by_id).items():
        node = index.by_id[pk]
        updates.set(node, "path", path)
        if isinstance(node, Unit):
            updates.set(node, "depth", path.count("/") - 2)
    updates.save()
    for _record, node in created:
        events.add(created_action, node, after=audit.snapshot(node, audit_fields))
    for _record, node, before in updated:
        after = audit.snapshot(node, audit_fields)
        events.add(updated_action, node, before=before, after=after)


def _unit_values(record, existing: Unit | None) -> dict:
    values = {"name": record.name, "short_name": record.short_name, "kind": record.kind}
    # A service unit follows its kind, unless an admin set it by hand and the kind stays.
    if existing is None or existing.kind != record.kind:
        values["is_service_unit"] = record.kind in SERVICE_UNIT_KINDS
    return values


def _position_values(units: CodeIndex) -> Callable[[object, Position | None], dict]:
    def values(record, _existing: Position | None) -> dict:
        return {
            "unit_id": units.get(record.unit_code).pk,
            "name": record.name,
            "kind": record.kind,
            "jenjang": record.jenjang,
            "is_unit_head": record.is_unit_head,
        }

    return values


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
