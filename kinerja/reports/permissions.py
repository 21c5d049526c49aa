"""Who may download which report: predicates of a Viewer, built on the iku predicates.

- The regency LKjIP: the performance overseers (BKPSDM admin, pimpinan, auditor and the staff
  of the planning unit designated in IkuAgencySettings).
- A unit's LKjIP: the overseers, the unit's people (staff of the unit or a unit below it), the
  head of the unit or of a unit above it, and the unit's admins.
- A PK: the audience of its unit's LKjIP, plus its two parties.

Whether the object exists for the viewer at all (same agency, else 404) is the selectors' job.
"""

from __future__ import annotations

from kinerja.iku import permissions as iku_permissions


def can_download_regency_report(viewer) -> bool:
    return iku_permissions.oversees_performance(viewer)


def can_download_unit_report(viewer, unit) -> bool:
    if not viewer.is_authenticated or viewer.agency_id != unit.agency_id:
        return False
    return iku_permissions.can_see_unit_performance(viewer, unit) or iku_permissions.is_head_of(
        viewer, unit
    )


def can_download_agreement(viewer, agreement) -> bool:
    if not viewer.is_authenticated or viewer.agency_id != agreement.agency_id:
        return False
    if viewer.employee_id is not None and viewer.employee_id in (
        agreement.first_party_employee_id,
        agreement.second_party_employee_id,
    ):
        return True
    return can_download_unit_report(viewer, agreement.unit)


def can_edit_lkjip_bands(viewer, performance_year) -> bool:
    """The LKjIP category bands are a setting of the year: BKPSDM and the planning agency."""
    if not viewer.is_authenticated or viewer.agency_id != performance_year.agency_id:
        return False
    return iku_permissions.can_configure_year(viewer, performance_year.agency)
