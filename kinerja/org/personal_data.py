"""Personal data of employees: who may see it, and what everyone else is shown.

The full NIP, phone, email, birth date and sex of an employee are personal data. They are shown
to the employee, to the BKPSDM admins and auditors of the employee's agency, and to the admins
of a unit where the employee works today. Everyone else sees the NIP masked (1985************01)
and no phone, email, birth date or sex.

This is the one rule for pages, API answers, documents and exports. An official document (the
SKP, the PK) prints the NIPs of its signatories, but each copy is printed for a viewer: a NIP in
it is full only where that viewer may see it, exactly as the pages show it to them.

- one employee: `kinerja.org.permissions.may_see_personal_data(viewer, employee)`;
- a list: `visible_expression(viewer)`, the same rule as one SQL expression (no N+1);
- a document naming several people: `PersonalData(viewer)`, which asks once per person and can
  `preload` many people in one query;
- what to print: `shown_nip(employee, visible)`, or `PersonalData(viewer).nip(employee)`.
"""

from __future__ import annotations

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, Value

from kinerja.org import rules
from kinerja.org.models import Assignment, Employee
from kinerja.org.permissions import may_see_personal_data, sees_everyone_of_the_agency
from kinerja.org.selectors.core import _under_paths, active_on


def visible_expression(viewer):
    """`may_see_personal_data` as one SQL expression on Employee, for lists without N+1.

    Keep the two in step: tests compare them for every persona and employee.
    """
    if not viewer.is_authenticated:
        return Value(False, output_field=BooleanField())
    same_agency = Q(agency_id=viewer.agency_id)
    if sees_everyone_of_the_agency(viewer):
        return ExpressionWrapper(same_agency, output_field=BooleanField())
    condition = Q(pk=viewer.employee_id) if viewer.employee_id else None
    if viewer.admin_unit_paths:
        in_admin_scope = Exists(
            Assignment.objects.filter(active_on(viewer.today), employee_id=OuterRef("pk")).filter(
                _under_paths(viewer.admin_unit_paths, "position__unit__path")
            )
        )
        condition = in_admin_scope if condition is None else condition | in_admin_scope
    if condition is None:
        return Value(False, output_field=BooleanField())
    return ExpressionWrapper(same_agency & condition, output_field=BooleanField())


def masked_nip(nip: str) -> str:
    return rules.mask_nip(nip)


def shown_nip(employee: Employee, visible: bool) -> str:
    """The NIP as it may be shown: in full when `visible`, else masked."""
    return employee.nip if visible else masked_nip(employee.nip)


class PersonalData:
    """The rule for one viewer, asked once per employee (for documents naming several people)."""

    def __init__(self, viewer):
        self.viewer = viewer
        self._answers: dict[int, bool] = {}

    def preload(self, employees) -> None:
        """Answer for many employees in one query (none for BKPSDM and auditors)."""
        employees = [e for e in employees if e is not None and e.pk not in self._answers]
        if not employees:
            return
        if sees_everyone_of_the_agency(self.viewer):
            for employee in employees:
                self._answers[employee.pk] = employee.agency_id == self.viewer.agency_id
            return
        missing = {employee.pk for employee in employees}
        rows = (
            Employee.objects.filter(pk__in=missing)
            .annotate(visible=visible_expression(self.viewer))
            .values_list("pk", "visible")
        )
        self._answers.update(dict(rows))

    def may_see(self, employee: Employee) -> bool:
        if employee.pk not in self._answers:
            self._answers[employee.pk] = may_see_personal_data(self.viewer, employee)
        return self._answers[employee.pk]

    def nip(self, employee: Employee | None) -> str:
        """The employee's NIP as this viewer may see it ("" for nobody)."""
        if employee is None:
            return ""
        return shown_nip(employee, self.may_see(employee))


def for_viewer(viewer) -> PersonalData:
    """The viewer's `PersonalData`, kept on the viewer for the rest of the request."""
    cached = viewer.__dict__.get("_personal_data")
    if cached is None:
        cached = viewer.__dict__["_personal_data"] = PersonalData(viewer)
    return cached
