"""Who may do what with the survey's set-up: predicates of a Viewer.

- a service unit's services, survey points, posters and service users are managed by the
  unit's admins (of the unit or a unit above it), its head (or the head of a unit above it)
  and the agency's BKPSDM admins;
- pimpinan and auditors read every service unit's set-up of their agency;
- the public survey page and its API need no login: a point's token is its whole permission.
"""

from __future__ import annotations

from kinerja.org import permissions as org_permissions


def _same_agency(viewer, unit) -> bool:
    return viewer.is_authenticated and viewer.agency_id == unit.agency_id


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
