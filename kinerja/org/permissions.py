"""Who may do what with the organisation: predicates of a Viewer, the one home of these rules.

- *staff of a unit*: people holding a position today in the unit or one of its sub-units;
- *head of a unit*: the holder today of a position with ``is_unit_head`` in the unit itself, or in
  an ancestor unit (a kepala dinas may act for a seksi of the dinas);
- *administers a unit*: a unit admin of the unit or of a unit above it;
- *manages* a unit or an employee: BKPSDM admins the whole agency, unit admins their subtree;
- *personal data* (full NIP, phone, email, birth date, sex): the employee, BKPSDM admins and
  auditors of the agency, and the admins of a unit where the employee works today.

Other apps build on these (`kinerja.iku.permissions`, `kinerja.skp.permissions`) instead of
writing them again.
"""

from __future__ import annotations

from kinerja.accounts.models import Role
from kinerja.org.models import Assignment, Employee, Position, Unit
from kinerja.org.selectors.core import _under_paths, active_on


def _cache(viewer) -> dict:
    return viewer.__dict__.setdefault("_org_permission_cache", {})


def held_units(viewer) -> list[Unit]:
    """Units of the positions the viewer holds today, with their paths."""
    cache = _cache(viewer)
    if "held_units" not in cache:
        held = viewer.held_positions
        if all(Position.unit.is_cached(p) for p in held):
            units = {p.unit_id: p.unit for p in held}
            cache["held_units"] = sorted(units.values(), key=lambda u: u.path)
        else:
            ids = {p.unit_id for p in held}
            cache["held_units"] = list(Unit.objects.filter(pk__in=ids)) if ids else []
    return cache["held_units"]


def headed_units(viewer) -> list[Unit]:
    """Units whose head position the viewer holds today (definitive or acting)."""
    head_unit_ids = {p.unit_id for p in viewer.held_positions if p.is_unit_head}
    if not head_unit_ids:
        return []
    return [u for u in held_units(viewer) if u.pk in head_unit_ids]


def is_staff_of(viewer, unit: Unit) -> bool:
    return any(u.path.startswith(unit.path) for u in held_units(viewer))


def is_head_of(viewer, unit: Unit) -> bool:
    """Head today of the unit itself or of a unit above it."""
    return any(unit.path.startswith(u.path) for u in headed_units(viewer))


def administers(viewer, unit: Unit) -> bool:
    return any(unit.path.startswith(path) for path in viewer.admin_unit_paths)


def can_manage_agency(viewer, agency_id: int) -> bool:
    """Units, positions and new employees of an agency: its BKPSDM admins."""
    return viewer.is_authenticated and viewer.agency_id == agency_id and viewer.is_bkpsdm_admin


def can_manage_unit(viewer, unit: Unit) -> bool:
    """BKPSDM admins manage the whole agency; unit admins their subtree."""
    if not viewer.is_authenticated or viewer.agency_id != unit.agency_id:
        return False
    return viewer.is_bkpsdm_admin or administers(viewer, unit)


def _works_under_admin_units(viewer, employee: Employee) -> bool:
    if not viewer.admin_unit_paths:
        return False
    return (
        Assignment.objects.filter(active_on(viewer.today), employee=employee)
        .filter(_under_paths(viewer.admin_unit_paths, "position__unit__path"))
        .exists()
    )


def can_manage_employee(viewer, employee: Employee) -> bool:
    """BKPSDM admins manage everyone; unit admins the people currently in their subtree."""
    if not viewer.is_authenticated or viewer.agency_id != employee.agency_id:
        return False
    return viewer.is_bkpsdm_admin or _works_under_admin_units(viewer, employee)


def can_import(viewer, agency_id: int) -> bool:
    """The organisation import of an agency: its BKPSDM admins."""
    return can_manage_agency(viewer, agency_id)


def sees_everyone_of_the_agency(viewer) -> bool:
    """BKPSDM admins and auditors see every employee's personal data in their agency."""
    return viewer.is_bkpsdm_admin or Role.AUDITOR in viewer.granted_roles


def may_see_personal_data(viewer, employee: Employee) -> bool:
    """Full NIP, phone, email, birth date and sex: the employee, BKPSDM, auditors and the
    admins of a unit where the employee works today, all of the employee's agency."""
    if not viewer.is_authenticated or viewer.agency_id != employee.agency_id:
        return False
    if viewer.employee_id == employee.pk or sees_everyone_of_the_agency(viewer):
        return True
    return _works_under_admin_units(viewer, employee)
