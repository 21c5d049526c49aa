"""Who may do what with continuous feedback: predicates of a Viewer.

- the employee reads the feedback they received and asks anyone of the agency for feedback;
- anyone of the agency with an employee record gives feedback (Ps 18(3));
- the leader (the rater of record, or the holder of a post directly above) reads the team's
  feedback, plans the scheduled feedback and gives it;
- BKPSDM admins, pimpinan and auditors read every employee's feedback of their agency; unit
  admins that of the people working in their units; only auditors see who gave anonymous
  feedback (the audit trail keeps every giver);
- the coverage page: leaders for their team, unit admins and BKPSDM admins per unit, pimpinan
  and auditors for the agency.
"""

from __future__ import annotations

from kinerja.accounts.models import Role
from kinerja.org import permissions as org_permissions


def can_give(viewer) -> bool:
    return viewer.is_authenticated and viewer.employee_id is not None


def can_ask(viewer) -> bool:
    return can_give(viewer)


def sees_anonymous_givers(viewer) -> bool:
    """Anonymous to the employee, never to the audit trail: auditors see the giver."""
    return viewer.is_authenticated and Role.AUDITOR in viewer.granted_roles


def can_read_feedback_of(viewer, employee, team_ids: set[int]) -> bool:
    if not viewer.is_authenticated or viewer.agency_id != employee.agency_id:
        return False
    if employee.pk == viewer.employee_id or employee.pk in team_ids:
        return True
    if viewer.sees_whole_agency:
        return True
    return org_permissions.can_manage_employee(viewer, employee)


def can_schedule(viewer, employee, team_ids: set[int]) -> bool:
    """The leader plans the scheduled feedback of the team (mandatory for them, Ps 18(2))."""
    return (
        viewer.is_authenticated
        and viewer.agency_id == employee.agency_id
        and employee.pk in team_ids
        and employee.pk != viewer.employee_id
    )


def sees_unit_coverage(viewer) -> bool:
    return viewer.is_authenticated and bool(
        viewer.granted_roles & {Role.BKPSDM_ADMIN, Role.ADMIN_UNIT, Role.PIMPINAN, Role.AUDITOR}
    )


def can_view_coverage(viewer, team_ids: set[int]) -> bool:
    """Leaders (of posts below theirs, or raters of record by plan or delegation) and the
    roles that see the units' coverage."""
    return viewer.is_authenticated and (
        bool(team_ids) or viewer.is_atasan or sees_unit_coverage(viewer)
    )


def can_change_settings(viewer) -> bool:
    """The agency's feedback settings (the anonymity threshold): its BKPSDM admins."""
    return viewer.is_authenticated and viewer.is_bkpsdm_admin
