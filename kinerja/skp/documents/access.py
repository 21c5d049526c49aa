"""Who may print the SKP documents of a unit in a batch: a predicate of a Viewer.

Reading a document is reading its page, decided in `kinerja.skp.permissions`: a plan's PDF by
`can_view` (checked by `selectors.get_skp`), a unit's recap (Excel) by `can_read_unit_plans`,
the rule of the unit's alignment page. A batch of PDFs is for those who manage the unit's
people: BKPSDM admins and the unit's admins.

Whether the unit exists for the viewer at all (same agency, else 404) is the selectors' job.
"""

from __future__ import annotations

from kinerja.org import permissions as org_permissions


def can_print_batch(viewer, unit) -> bool:
    if not viewer.is_authenticated:
        return False
    return org_permissions.can_manage_unit(viewer, unit)
