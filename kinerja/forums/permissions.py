"""Who may do what with public consultation forums: predicates of a Viewer.

- a unit's forums are recorded, published, corrected and followed up by the admins of the unit
  or of a unit above it, by the head of the unit (or of a unit above it), and by the BKPSDM
  admins of the agency (kinerja.org.permissions);
- pimpinan and auditors read every forum of the agency, drafts included, and write nothing;
- everyone else of the agency reads the published forums (which the public reads too);
- the agency overview (forums per unit, commitments needing attention, the on-time share):
  BKPSDM admins, pimpinan and auditors.
"""

from __future__ import annotations

from kinerja.org import permissions as org_permissions


def managed_unit_paths(viewer) -> tuple[str, ...]:
    """Paths of the units whose subtrees the viewer administers or heads (BKPSDM: see
    `manages_whole_agency`)."""
    paths = set(viewer.admin_unit_paths)
    paths.update(u.path for u in org_permissions.headed_units(viewer))
    return tuple(sorted(paths))


def manages_whole_agency(viewer) -> bool:
    return viewer.is_authenticated and viewer.is_bkpsdm_admin


def can_manage_forums_of(viewer, unit) -> bool:
    if not viewer.is_authenticated or viewer.agency_id != unit.agency_id:
        return False
    return (
        viewer.is_bkpsdm_admin
        or org_permissions.administers(viewer, unit)
        or org_permissions.is_head_of(viewer, unit)
    )


def can_record_forums(viewer) -> bool:
    """Whether the viewer may record a forum for some unit (the "new forum" button)."""
    return viewer.is_authenticated and (viewer.is_bkpsdm_admin or bool(managed_unit_paths(viewer)))


def can_manage_forum(viewer, forum) -> bool:
    return can_manage_forums_of(viewer, forum.unit)


def sees_drafts_of(viewer, unit) -> bool:
    if not viewer.is_authenticated or viewer.agency_id != unit.agency_id:
        return False
    return viewer.sees_whole_agency or can_manage_forums_of(viewer, unit)


def can_read_forum(viewer, forum) -> bool:
    if not viewer.is_authenticated or viewer.agency_id != forum.agency_id:
        return False
    return forum.is_published or sees_drafts_of(viewer, forum.unit)


def can_view_overview(viewer) -> bool:
    return viewer.is_authenticated and viewer.sees_whole_agency
