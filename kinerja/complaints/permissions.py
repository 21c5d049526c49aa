"""Who may do what with public complaints: predicates of a Viewer.

- *handlers* of a case: the BKPSDM admins of the agency (they also route the cases nobody has
  routed yet, "don't know"), and, for a case routed to a unit, the unit admins of the unit or
  of a unit above it and the head of the unit or of a unit above it. Handlers route and
  re-route, change the category, add notes, publish responses, close, and read the
  complainant's private contact and the attached files;
- *readers*: the pimpinan and the auditors read every case of the agency, without the contact;
- recording a complaint received through another channel: the BKPSDM admins, and the unit
  admins and heads for their units;
- the agency's deadlines: its BKPSDM admins (as the other settings of the agency);
- anyone, without logging in: the public form and the tracking page.
"""

from __future__ import annotations

from kinerja.accounts.models import Role
from kinerja.org import permissions as org_permissions

READER_ROLES = frozenset({Role.PIMPINAN, Role.AUDITOR})


def _same_agency(viewer, complaint) -> bool:
    return viewer.is_authenticated and viewer.agency_id == complaint.agency_id


def handles_unit(viewer, unit) -> bool:
    """Unit admins and heads of the unit or of a unit above it; BKPSDM everywhere."""
    if not viewer.is_authenticated or viewer.agency_id != unit.agency_id:
        return False
    return (
        viewer.is_bkpsdm_admin
        or org_permissions.administers(viewer, unit)
        or org_permissions.is_head_of(viewer, unit)
    )


def handles(viewer, complaint) -> bool:
    """Handles the case: reads the contact and the files, acts on it."""
    if not _same_agency(viewer, complaint):
        return False
    if viewer.is_bkpsdm_admin:
        return True
    return complaint.unit is not None and handles_unit(viewer, complaint.unit)


def may_see_contact(viewer, complaint) -> bool:
    return handles(viewer, complaint)


def can_read(viewer, complaint) -> bool:
    if not _same_agency(viewer, complaint):
        return False
    return bool(viewer.granted_roles & READER_ROLES) or handles(viewer, complaint)


def handles_any_unit(viewer) -> bool:
    """Has an inbox: BKPSDM admins, unit admins, heads of a unit."""
    return viewer.is_authenticated and (
        viewer.is_bkpsdm_admin
        or bool(viewer.admin_unit_paths)
        or bool(org_permissions.headed_units(viewer))
    )


def can_view_inbox(viewer) -> bool:
    return viewer.is_authenticated and (
        handles_any_unit(viewer) or bool(viewer.granted_roles & READER_ROLES)
    )


def can_record(viewer) -> bool:
    """Record a complaint received through another channel (for a unit the viewer handles)."""
    return handles_any_unit(viewer)


def can_route_unrouted(viewer) -> bool:
    """Cases nobody routed yet ("don't know"): the agency's BKPSDM admins."""
    return viewer.is_authenticated and viewer.is_bkpsdm_admin


def can_view_statistics(viewer) -> bool:
    return can_view_inbox(viewer)


def can_change_settings(viewer) -> bool:
    """The agency's deadlines per category: its BKPSDM admins."""
    return viewer.is_authenticated and viewer.is_bkpsdm_admin
