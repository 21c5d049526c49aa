"""Who may do what with the survey: predicates of a Viewer.

- a service unit's results: its admins (a unit admin of it or of a unit above it), its head
  (or the head of a unit above it) and the employees working in it; BKPSDM admins, pimpinan
  and auditors see every service unit of their agency; nobody sees another agency's;
- the regency table of every service unit: BKPSDM admins, pimpinan and auditors, and unit
  admins limited to the units they administer;
- the element weight of the agency: its BKPSDM admins;
- the follow-up plan (rencana tindak lanjut) and the draft of the SKM report: the unit's admins
  (of the unit or a unit above it), its head and BKPSDM admins; whoever sees the unit's
  results reads them;
- approving (publishing) the SKM report: the holder today of the unit's own head post;
- published reports of every unit: BKPSDM admins, pimpinan and auditors;
- a service unit's services, survey points, posters and service users are managed by the
  unit's admins (of the unit or a unit above it), its head (or the head of a unit above it)
  and the agency's BKPSDM admins;
- pimpinan and auditors read every service unit's set-up of their agency;
- the public survey page and its API need no login: a point's token is its whole permission.
"""

from __future__ import annotations

from kinerja.accounts.models import Role
from kinerja.org import permissions as org_permissions


def _same_agency(viewer, unit) -> bool:
    return viewer.is_authenticated and viewer.agency_id == unit.agency_id


def sees_unit_results(viewer, unit) -> bool:
    if not _same_agency(viewer, unit) or not unit.is_service_unit:
        return False
    return (
        viewer.sees_whole_agency
        or org_permissions.administers(viewer, unit)
        or org_permissions.is_head_of(viewer, unit)
        or org_permissions.is_staff_of(viewer, unit)
    )


def can_view_regency(viewer) -> bool:
    return viewer.is_authenticated and (viewer.sees_whole_agency or viewer.is_admin_unit)


def can_change_weight(viewer) -> bool:
    return viewer.is_authenticated and viewer.is_bkpsdm_admin


def can_manage_followup(viewer, unit) -> bool:
    """The unit's admins, its head and BKPSDM admins plan and report the follow-up actions."""
    if not _same_agency(viewer, unit) or not unit.is_service_unit:
        return False
    return (
        viewer.is_bkpsdm_admin
        or org_permissions.administers(viewer, unit)
        or org_permissions.is_head_of(viewer, unit)
    )


def can_draft_report(viewer, unit) -> bool:
    return can_manage_followup(viewer, unit)


def heads_unit(viewer, unit) -> bool:
    """The holder today of the unit's own head post (definitive or acting)."""
    if not _same_agency(viewer, unit):
        return False
    return any(p.is_unit_head and p.unit_id == unit.pk for p in viewer.held_positions)


def can_approve_report(viewer, unit) -> bool:
    return unit.is_service_unit and heads_unit(viewer, unit)


def sees_published_reports(viewer) -> bool:
    """The supervising authority's view of every unit's published SKM reports."""
    return viewer.is_authenticated and bool(
        viewer.granted_roles & {Role.BKPSDM_ADMIN, Role.PIMPINAN, Role.AUDITOR}
    )


def can_manage_setup(viewer, unit) -> bool:
    if not _same_agency(viewer, unit):
        return False
    return (
        viewer.is_bkpsdm_admin
        or org_permissions.administers(viewer, unit)
        or org_permissions.is_head_of(viewer, unit)
    )


def can_read_setup(viewer, unit) -> bool:
    return _same_agency(viewer, unit) and (
        viewer.sees_whole_agency or can_manage_setup(viewer, unit)
    )


def can_open_setup(viewer) -> bool:
    """The list of service units: those who may read the set-up of some unit."""
    return viewer.is_authenticated and bool(
        viewer.sees_whole_agency or viewer.admin_unit_paths or org_permissions.headed_units(viewer)
    )
