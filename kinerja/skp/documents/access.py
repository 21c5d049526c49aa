"""Who may download the SKP documents of a unit: predicates of a Viewer.

- A plan's PDF: whoever may view the plan (`kinerja.skp.permissions.can_view`, checked by
  `selectors.get_skp`), since it is the plan itself in the regulation's form.
- A unit's recap (Excel): BKPSDM, pimpinan and auditors, the admins of the unit or of a unit
  above it, and the head of the unit or of a unit above it.
- A batch of PDFs: those who manage the unit's people: BKPSDM admins and the unit's admins.

Whether the unit exists for the viewer at all (same agency, else 404) is the selectors' job.
"""

from __future__ import annotations

from kinerja.iku import permissions as iku_permissions
from kinerja.org import selectors as org_selectors


def can_download_recap(viewer, unit) -> bool:
    if not viewer.is_authenticated or viewer.agency_id != unit.agency_id:
        return False
    return (
        viewer.sees_whole_agency
        or iku_permissions.administers(viewer, unit)
        or iku_permissions.is_head_of(viewer, unit)
    )


def can_print_batch(viewer, unit) -> bool:
    if not viewer.is_authenticated:
        return False
    return org_selectors.can_manage_unit(viewer, unit)
