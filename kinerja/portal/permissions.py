"""Who may publish an agency's figures on the portal: predicates of a Viewer.

Publishing, correcting and reading the publications' staff pages: the agency's BKPSDM admins
and the staff of its planning unit (Bappeda, `kinerja.iku.permissions.is_planning_staff`), who
oversee performance agency-wide; the pimpinan and auditors read the publications and their PDFs
too. The portal's settings (the smallest group shown, names of
signatories, the units' predikat): BKPSDM admins.
"""

from __future__ import annotations

from kinerja.iku.permissions import is_planning_staff


def _same_agency(viewer, agency_id) -> bool:
    return viewer.is_authenticated and viewer.agency_id == agency_id


def can_publish(viewer, agency_id: int | None = None) -> bool:
    """Publish and correct the agency's periods (default: the viewer's own agency)."""
    agency_id = viewer.agency_id if agency_id is None else agency_id
    return _same_agency(viewer, agency_id) and (viewer.is_bkpsdm_admin or is_planning_staff(viewer))


def can_read_publications(viewer, agency_id: int | None = None) -> bool:
    """Read a publication's versions and their PDFs on the staff side: the publishers, and who
    oversees the whole agency (BKPSDM, pimpinan, auditors), whose audit trail links to them."""
    agency_id = viewer.agency_id if agency_id is None else agency_id
    return can_publish(viewer, agency_id) or (
        _same_agency(viewer, agency_id) and viewer.sees_whole_agency
    )


def can_edit_settings(viewer, agency_id: int | None = None) -> bool:
    agency_id = viewer.agency_id if agency_id is None else agency_id
    return _same_agency(viewer, agency_id) and viewer.is_bkpsdm_admin
