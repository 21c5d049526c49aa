"""Who may see and change attendance, leave and discipline notices.

- BKPSDM admins: the whole agency (settings, imports, corrections, decisions on notices);
- unit admins: the people working today in the units they administer (imports of those
  people, corrections, summaries, leave lists);
- pimpinan and auditors: read every summary and notice of the agency;
- a supervisor (atasan): the flags of the team below their posts;
- every employee: their own month.

Daily activity log: each employee writes their own; the supervisor (the holder of the post
directly above, or the delegated rater: `selectors.team_ids`) verifies or returns; whoever reads
a person's attendance reads their log; BKPSDM and unit admins keep the agency's catalogue.
"""

from __future__ import annotations

from kinerja.accounts.models import Role
from kinerja.activities import rules
from kinerja.org import permissions as org_permissions
from kinerja.org.models import Unit


def can_configure(viewer, agency_id: int) -> bool:
    """The machine's column mapping and the working hours: BKPSDM admins."""
    return org_permissions.can_manage_agency(viewer, agency_id)


def can_import(viewer, agency_id: int) -> bool:
    """Attendance and leave files: BKPSDM admins, and unit admins for their own people."""
    if not viewer.is_authenticated or viewer.agency_id != agency_id:
        return False
    return viewer.is_bkpsdm_admin or bool(viewer.admin_unit_paths)


def can_read_agency_summaries(viewer) -> bool:
    return viewer.is_authenticated and viewer.sees_whole_agency


def can_read_summaries(viewer) -> bool:
    """The monthly summary of units: whole-agency roles and unit admins."""
    return can_read_agency_summaries(viewer) or (
        viewer.is_authenticated and bool(viewer.admin_unit_paths)
    )


def can_read_unit(viewer, unit: Unit) -> bool:
    if not viewer.is_authenticated or viewer.agency_id != unit.agency_id:
        return False
    return viewer.sees_whole_agency or org_permissions.administers(viewer, unit)


def can_correct(viewer, employee) -> bool:
    """A day's times: BKPSDM admins, and the admins of a unit where the employee works; never
    one's own days."""
    if viewer.employee_id is not None and viewer.employee_id == employee.pk:
        return False
    return org_permissions.can_manage_employee(viewer, employee)


def can_read_notices(viewer) -> bool:
    return viewer.is_authenticated and (
        viewer.sees_whole_agency or Role.AUDITOR in viewer.granted_roles
    )


def can_decide_notice(viewer, notice) -> bool:
    """Recording the decision on a notice: BKPSDM admins (for the official, from the decree),
    the official named to decide it, and the pimpinan for what the regional head decides."""
    if not viewer.is_authenticated or viewer.agency_id != notice.agency_id:
        return False
    if org_permissions.can_manage_agency(viewer, notice.agency_id):
        return True
    if notice.deciding_official_id is not None:
        return notice.deciding_official_id == viewer.employee_id
    return notice.authority == rules.Authority.PPK and Role.PIMPINAN in viewer.granted_roles


# --- daily activity log ---------------------------------------------------------------------------


def can_log_for(viewer, employee) -> bool:
    """Only the employee writes their own log."""
    return (
        viewer.is_authenticated
        and viewer.employee_id is not None
        and viewer.employee_id == employee.pk
        and viewer.agency_id == employee.agency_id
    )


def has_log(viewer) -> bool:
    return viewer.is_authenticated and viewer.employee_id is not None


def is_owner(viewer, activity) -> bool:
    return viewer.employee_id is not None and activity.employee_id == viewer.employee_id


def can_edit_activity(viewer, activity) -> bool:
    return is_owner(viewer, activity) and activity.is_editable


def can_verify(viewer, activity, team: set[int]) -> bool:
    """The supervisor of the team the employee belongs to, never for oneself."""
    return (
        viewer.agency_id == activity.agency_id
        and activity.employee_id in team
        and not is_owner(viewer, activity)
    )


def can_keep_catalogue(viewer, agency_id: int) -> bool:
    if not viewer.is_authenticated or viewer.agency_id != agency_id:
        return False
    return viewer.is_bkpsdm_admin or bool(viewer.admin_unit_paths)
