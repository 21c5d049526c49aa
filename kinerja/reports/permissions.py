"""Who may do what with the reports beyond reading them: predicates of a Viewer.

Who may read a report is who may read its page, decided in `kinerja.iku.permissions` for both:
the regency LKjIP `oversees_performance`, a unit's LKjIP `can_see_unit_performance`, a PK
`can_read_agreement`.

Whether the object exists for the viewer at all (same agency, else 404) is the selectors' job.
"""

from __future__ import annotations

from kinerja.iku import permissions as iku_permissions


def can_edit_lkjip_bands(viewer, performance_year) -> bool:
    """The LKjIP category bands are a setting of the year: BKPSDM and the planning agency."""
    if not viewer.is_authenticated or viewer.agency_id != performance_year.agency_id:
        return False
    return iku_permissions.can_configure_year(viewer, performance_year.agency)
