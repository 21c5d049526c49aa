"""Writes to the organisation: units, positions, employees, assignments, overrides.

Every function runs in one transaction, validates with full_clean(), and records one audit event.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.accounts.actors import as_viewer, audit_actor, require
from kinerja.core import audit
from kinerja.core.choices import choose
from kinerja.org import permissions, rules
from kinerja.org.models import (
    PNS_GRADE_CODES,
    PPPK_GRADE_CODES,
    SERVICE_UNIT_KINDS,
    Agency,
    Assignment,
    AssignmentKind,
    AssignmentReason,
    Employee,
    EmployeeStatus,
    Position,
    SupervisionOverride,
    Unit,
)

UNIT_FIELDS = ["code", "name", "short_name", "kind", "parent", "is_service_unit", "is_active"]
POSITION_FIELDS = ["code", "name", "kind", "jenjang", "unit", "parent", "is_unit_head", "is_active"]
EMPLOYEE_FIELDS = [
    "nip",
    "name",
    "front_title",
    "back_title",
    "status",
    "grade",
    "email",
    "phone",
    "is_active",
]


# --- validation shared with imports ----------------------------------------------------------


def nip_error_messages(nip: str, *, today: datetime.date | None = None) -> list[str]:
    messages = {
        rules.NipProblem.FORMAT: _("NIP must be exactly 18 digits."),
        rules.NipProblem.BIRTH_DATE: _(
            "The birth date in the NIP (digits 1-8) is not a valid date."
        ),
        rules.NipProblem.APPOINTMENT: _(
            "The appointment month in the NIP (digits 9-14) is not a valid year and month."
        ),
        rules.NipProblem.APPOINTMENT_TOO_EARLY: _(
            "The appointment date in the NIP is less than 17 years after the birth date."
        ),
        rules.NipProblem.APPOINTMENT_IN_FUTURE: _(
            "The appointment date in the NIP is in the future."
        ),
        rules.NipProblem.SEX: _("Digit 15 of the NIP must be 1 (male) or 2 (female)."),
        rules.NipProblem.SERIAL: _("The serial number in the NIP (digits 16-18) cannot be 000."),
    }
    return [messages[p] for p in rules.nip_problems(nip, today=today)]


def grade_error(status: str, grade: str) -> str | None:
    if status == EmployeeStatus.PNS and grade not in PNS_GRADE_CODES:
        return _("%(grade)s is not a PNS rank (use I/a to IV/e).") % {"grade": grade}
    if status == EmployeeStatus.PPPK and grade not in PPPK_GRADE_CODES:
        return _("%(grade)s is not a PPPK grade (use I to XVII).") % {"grade": grade}
    return None


def _validate_employee(employee: Employee) -> None:
    errors: dict[str, list[str]] = {}
    nip_errors = nip_error_messages(employee.nip)
    if nip_errors:
        errors["nip"] = nip_errors
    problem = grade_error(employee.status, employee.grade)
    if problem:
        errors["grade"] = [problem]
    if errors:
        raise ValidationError(errors)
    parts = rules.parse_nip(employee.nip)
    employee.birth_date = parts.birth_date
    employee.sex = parts.sex
    employee.full_clean()


# --- units ------------------------------------------------------------------------------------


def _lock_agency(agency: Agency) -> None:
    # Serialises tree edits per agency, so two moves cannot create a cycle together.
    Agency.objects.select_for_update().filter(pk=agency.pk).first()


# --- the two trees: units and positions (materialised paths, a unit also keeps its depth) -----


def _check_parent(node: Unit | Position, parent: Unit | Position | None) -> None:
    """A unit or a position cannot be placed under itself or anything below it."""
    if parent is None or not node.pk:
        return
    if parent.pk == node.pk or parent.path.startswith(node.path):
        if isinstance(node, Unit):
            message = _("A unit cannot be placed under itself or its own sub-unit.")
        else:
            message = _("A position cannot report to itself or to a position below it.")
        raise ValidationError({"parent": message})


def _set_tree_path(node: Unit | Position, path: str) -> list[str]:
    node.path = path
    if isinstance(node, Unit):
        node.depth = path.count("/") - 2
        return ["path", "depth"]
    return ["path"]


def _refresh_tree_path(node: Unit | Position, *, moved_from: str = "") -> None:
    """Store the node's path below its parent; when it moved (`moved_from`, its old path), the
    nodes below it follow."""
    model = type(node)
    parent_path = node.parent.path if node.parent_id else "/"
    fields = _set_tree_path(node, f"{parent_path}{node.pk}/")
    model.objects.filter(pk=node.pk).update(**{name: getattr(node, name) for name in fields})
    if not moved_from:
        return
    below = list(model.objects.filter(path__startswith=moved_from).exclude(pk=node.pk))
    for child in below:
        _set_tree_path(child, node.path + child.path[len(moved_from) :])
    model.objects.bulk_update(below, fields, batch_size=500)


@transaction.atomic
def unit_create(
    *,
    actor,
    agency: Agency,
    code: str,
    name: str,
    kind: str,
    parent: Unit | None = None,
    short_name: str = "",
    is_service_unit: bool | None = None,
) -> Unit:
    require(actor, lambda v: permissions.can_manage_agency(v, agency.pk))
    _lock_agency(agency)
    parent = choose(Unit.objects.filter(agency_id=agency.pk), parent, field="parent")
    unit = Unit(
        agency=agency,
        parent=parent,
        code=code.strip(),
        name=name.strip(),
        short_name=short_name.strip(),
        kind=kind,
        is_service_unit=kind in SERVICE_UNIT_KINDS if is_service_unit is None else is_service_unit,
    )
    _check_parent(unit, parent)
    unit.full_clean(exclude=["path", "depth"])
    unit.save()
    _refresh_tree_path(unit)
    audit.record(
        actor=audit_actor(actor),
        action="org.unit.created",
        obj=unit,
        after=audit.snapshot(unit, UNIT_FIELDS),
    )
    return unit


@transaction.atomic
def unit_update(*, actor, unit: Unit, **changes) -> Unit:
    require(actor, lambda v: permissions.can_manage_agency(v, unit.agency_id))
    return _tree_node_update(actor=actor, node=unit, changes=changes)


def _tree_node_update(*, actor, node: Unit | Position, changes: dict) -> Unit | Position:
    """Change a unit or a position; a new parent moves the subtree below it along."""
    model = type(node)
    fields = UNIT_FIELDS if model is Unit else POSITION_FIELDS
    _lock_agency(node.agency)
    node = model.objects.select_for_update().get(pk=node.pk)
    before = audit.snapshot(node, fields)
    for key in changes:
        if key not in fields:
            raise TypeError(f"{model._meta.model_name}_update() got an unexpected field {key!r}")
    changes = _tree_links(model, node.agency_id, changes)
    for key, value in changes.items():
        setattr(node, key, value.strip() if isinstance(value, str) else value)
    _check_parent(node, node.parent)
    node.full_clean(exclude=["path", "depth"])
    after = audit.snapshot(node, fields)
    if after == before:
        return node
    node.save()
    if before["parent_id"] != node.parent_id:
        _refresh_tree_path(node, moved_from=node.path)
    action = "org.unit.updated" if model is Unit else "org.position.updated"
    audit.record(actor=audit_actor(actor), action=action, obj=node, before=before, after=after)
    return node


def _tree_links(model: type[Unit] | type[Position], agency_id: int, links: dict) -> dict:
    """The parent (and a position's unit) given as instances or ids, of the agency; else the
    same error on the field for an id that names nothing and for a record of another agency."""
    choosable = {
        "unit": Unit.objects.filter(agency_id=agency_id),
        "parent": model.objects.filter(agency_id=agency_id),
    }
    return {
        name: choose(choosable[name], value, field=name) if name in choosable else value
        for name, value in links.items()
    }


# --- positions --------------------------------------------------------------------------------


@transaction.atomic
def position_create(
    *,
    actor,
    agency: Agency,
    unit: Unit,
    code: str,
    name: str,
    kind: str,
    parent: Position | None = None,
    jenjang: str = "",
    is_unit_head: bool = False,
) -> Position:
    require(actor, lambda v: permissions.can_manage_agency(v, agency.pk))
    _lock_agency(agency)
    links = _tree_links(Position, agency.pk, {"unit": unit, "parent": parent})
    unit, parent = links["unit"], links["parent"]
    if unit is None:
        raise ValidationError({"unit": _("This field is required.")})
    position = Position(
        agency=agency,
        unit=unit,
        parent=parent,
        code=code.strip(),
        name=name.strip(),
        kind=kind,
        jenjang=jenjang,
        is_unit_head=is_unit_head,
    )
    _check_parent(position, parent)
    position.full_clean(exclude=["path"])
    position.save()
    _refresh_tree_path(position)
    audit.record(
        actor=audit_actor(actor),
        action="org.position.created",
        obj=position,
        after=audit.snapshot(position, POSITION_FIELDS),
    )
    return position


@transaction.atomic
def position_update(*, actor, position: Position, **changes) -> Position:
    require(actor, lambda v: permissions.can_manage_agency(v, position.agency_id))
    return _tree_node_update(actor=actor, node=position, changes=changes)


# --- employees and assignments ----------------------------------------------------------------


@transaction.atomic
def employee_create(
    *,
    actor,
    agency: Agency,
    nip: str,
    name: str,
    status: str,
    grade: str,
    front_title: str = "",
    back_title: str = "",
    email: str = "",
    phone: str = "",
) -> Employee:
    require(actor, lambda v: permissions.can_manage_agency(v, agency.pk))
    employee = Employee(
        agency=agency,
        nip=rules.normalise_nip(nip),
        name=name.strip(),
        status=status,
        grade=grade,
        front_title=front_title.strip(),
        back_title=back_title.strip(),
        email=email.strip(),
        phone=phone.strip(),
    )
    _validate_employee(employee)
    employee.save()
    audit.record(
        actor=audit_actor(actor),
        action="org.employee.created",
        obj=employee,
        after=audit.snapshot(employee, EMPLOYEE_FIELDS),
    )
    return employee


@transaction.atomic
def employee_update(*, actor, employee: Employee, **changes) -> Employee:
    require(actor, lambda v: permissions.can_manage_employee(v, employee))
    employee = Employee.objects.select_for_update().get(pk=employee.pk)
    before = audit.snapshot(employee, EMPLOYEE_FIELDS)
    for key, value in changes.items():
        if key not in EMPLOYEE_FIELDS:
            raise TypeError(f"employee_update() got an unexpected field {key!r}")
        setattr(employee, key, value.strip() if isinstance(value, str) else value)
    employee.nip = rules.normalise_nip(employee.nip)
    _validate_employee(employee)
    after = audit.snapshot(employee, EMPLOYEE_FIELDS)
    if after == before:
        return employee
    employee.save()
    audit.record(
        actor=audit_actor(actor),
        action="org.employee.updated",
        obj=employee,
        before=before,
        after=after,
    )
    return employee


def _check_assignment_dates(employee: Employee, start_date: datetime.date) -> None:
    appointed = rules.parse_nip(employee.nip).appointment_date
    if start_date < appointed:
        raise ValidationError(
            {
                "start_date": _(
                    "The start date is before the appointment month in the NIP (%(date)s)."
                )
                % {"date": appointed.strftime("%m-%Y")}
            }
        )


@transaction.atomic
def assignment_start(
    *,
    actor,
    employee: Employee,
    position: Position,
    start_date: datetime.date,
    kind: str = AssignmentKind.DEFINITIVE,
    reason: str = AssignmentReason.TRANSFER,
    end_date: datetime.date | None = None,
    decree_number: str = "",
) -> Assignment:
    """Put an employee in a post from `start_date`.

    A definitive assignment ends the employee's running definitive one the day before, so that
    the history has no gaps and no overlaps. Acting (Plt./Plh.) posts run beside it.
    """
    require(actor, lambda v: permissions.can_manage_employee(v, employee))
    employee = Employee.objects.select_for_update().get(pk=employee.pk)
    position = choose(
        Position.objects.filter(agency_id=employee.agency_id), position, field="position"
    )
    if position is None:
        raise ValidationError({"position": _("This field is required.")})
    _check_assignment_dates(employee, start_date)
    if kind == AssignmentKind.DEFINITIVE:
        later = employee.assignments.filter(kind=kind, start_date__gte=start_date)
        if later.exists():
            raise ValidationError(
                {
                    "start_date": _(
                        "The employee already has a definitive post starting on or after "
                        "this date; record moves in date order."
                    )
                }
            )
        running = employee.assignments.filter(kind=kind, end_date__isnull=True).first()
        if running is None:
            running = employee.assignments.filter(kind=kind, end_date__gte=start_date).first()
        if running is not None:
            before = audit.snapshot(running)
            running.end_date = start_date - datetime.timedelta(days=1)
            running.full_clean()
            running.save(update_fields=["end_date"])
            audit.record(
                actor=audit_actor(actor),
                action="org.assignment.ended",
                obj=running,
                agency=employee.agency,
                before=before,
                after=audit.snapshot(running),
            )
    assignment = Assignment(
        employee=employee,
        position=position,
        kind=kind,
        reason=reason,
        start_date=start_date,
        end_date=end_date,
        decree_number=decree_number.strip(),
    )
    assignment.full_clean()
    assignment.save()
    audit.record(
        actor=audit_actor(actor),
        action="org.assignment.started",
        obj=assignment,
        agency=employee.agency,
        after=audit.snapshot(assignment),
    )
    return assignment


@transaction.atomic
def assignment_end(*, actor, assignment: Assignment, end_date: datetime.date) -> Assignment:
    require(actor, lambda v: permissions.can_manage_employee(v, assignment.employee))
    assignment = (
        Assignment.objects.select_for_update()
        .select_related("employee__agency")
        .get(pk=assignment.pk)
    )
    before = audit.snapshot(assignment)
    assignment.end_date = end_date
    assignment.full_clean()
    assignment.save(update_fields=["end_date"])
    audit.record(
        actor=audit_actor(actor),
        action="org.assignment.ended",
        obj=assignment,
        agency=assignment.employee.agency,
        before=before,
        after=audit.snapshot(assignment),
    )
    return assignment


def _supervisor_choices(actor, employee: Employee):
    """Whom the rating of `employee` may be given to: `selectors.delegate_candidates` of the
    acting user (as the page offers them), or any active employee of the agency for the
    system."""
    from kinerja.org.selectors import delegate_candidates

    viewer = as_viewer(actor)
    if viewer is None:
        return Employee.objects.filter(agency_id=employee.agency_id, is_active=True)
    return delegate_candidates(viewer).filter(agency_id=employee.agency_id)


@transaction.atomic
def supervision_override_create(
    *,
    actor,
    employee: Employee,
    supervisor: Employee,
    role: str,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
    reason: str,
) -> SupervisionOverride:
    require(actor, lambda v: permissions.can_manage_employee(v, employee))
    supervisor = choose(_supervisor_choices(actor, employee), supervisor, field="supervisor")
    if supervisor is None:
        raise ValidationError({"supervisor": _("This field is required.")})
    override = SupervisionOverride(
        agency_id=employee.agency_id,
        employee=employee,
        supervisor=supervisor,
        role=role,
        start_date=start_date,
        end_date=end_date,
        reason=reason.strip(),
    )
    override.full_clean()
    if employee.pk == supervisor.pk:
        raise ValidationError({"supervisor": _("An employee cannot supervise themselves.")})
    override.save()
    audit.record(
        actor=audit_actor(actor),
        action="org.supervision_override.created",
        obj=override,
        after=audit.snapshot(override),
    )
    return override


@transaction.atomic
def agency_create(
    *,
    actor,
    code: str,
    name: str,
    kind: str,
    region_name: str,
    head_title: str,
    head_name: str = "",
) -> Agency:
    require(actor, lambda v: v.user.is_superuser)
    agency = Agency(
        code=code,
        name=name,
        kind=kind,
        region_name=region_name,
        head_title=head_title,
        head_name=head_name,
    )
    agency.full_clean()
    agency.save()
    audit.record(
        actor=audit_actor(actor),
        action="org.agency.created",
        obj=agency,
        agency=agency,
        after=audit.snapshot(agency),
    )
    return agency
