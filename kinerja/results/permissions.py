"""Who may do what with the realisations of individual results: predicates of a Viewer.

- the *owner* (the employee) enters, submits and documents their own realisations;
- the *rater* is the pejabat penilai of the plan in force when the realisation was written
  (recorded on it); when the plan's rater is the regional head (a JPT), a user with the
  pimpinan role acts for them. The rater verifies, returns and corrects;
- the admins of the employee's unit read the unit's realisations; BKPSDM, pimpinan and auditors
  read the agency's. Nobody outside the agency sees anything (selectors answer 404).
"""

from __future__ import annotations

from kinerja.accounts.models import Role
from kinerja.org import permissions as org_permissions


def is_owner(viewer, realisation) -> bool:
    return viewer.employee_id is not None and realisation.employee_id == viewer.employee_id


def is_rater(viewer, realisation) -> bool:
    if viewer.agency_id != realisation.agency_id:
        return False
    if realisation.rater_id is None:
        return Role.PIMPINAN in viewer.granted_roles
    return viewer.employee_id is not None and realisation.rater_id == viewer.employee_id


def can_enter_for(viewer, employee) -> bool:
    """Only the employee writes their own realisations and evidence."""
    return (
        viewer.is_authenticated
        and viewer.employee_id is not None
        and viewer.employee_id == employee.pk
        and viewer.agency_id == employee.agency_id
    )


def can_edit(viewer, realisation) -> bool:
    return is_owner(viewer, realisation) and realisation.is_editable


def can_verify(viewer, realisation) -> bool:
    return is_rater(viewer, realisation) and not is_owner(viewer, realisation)


def may_verify_anything(viewer) -> bool:
    """Whether the rater's list can hold anything for the viewer (without a query)."""
    return viewer.is_authenticated and (viewer.is_atasan or Role.PIMPINAN in viewer.granted_roles)


def can_record_study_leave(viewer, employee) -> bool:
    """The decree of tugas belajar: BKPSDM and the admins of the employee's unit."""
    return org_permissions.can_manage_employee(viewer, employee)


def can_choose_source(viewer, plan) -> bool:
    """The rater of the plan (the regional head's office for a plan without one) chooses which
    indicators Kinerja computes; never the employee for their own plan."""
    if not viewer.is_authenticated or viewer.agency_id != plan.agency_id:
        return False
    if viewer.employee_id is not None and viewer.employee_id == plan.employee_id:
        return False
    if plan.rater_id is None:
        return Role.PIMPINAN in viewer.granted_roles
    return viewer.employee_id == plan.rater_id
