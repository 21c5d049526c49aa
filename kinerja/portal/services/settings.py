"""The agency's portal settings: the smallest group shown and what the portal names."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy

from kinerja.accounts.actors import audit_actor, require
from kinerja.core import audit
from kinerja.portal import permissions
from kinerja.portal.models import PortalSettings

FIELDS = ["minimum_group", "show_signatory_names", "show_unit_predikat"]
NOT_ALLOWED = gettext_lazy("Only BKPSDM admins change the portal's settings.")


@transaction.atomic
def portal_settings_update(
    *, actor, agency, minimum_group: int, show_signatory_names: bool, show_unit_predikat: bool
) -> PortalSettings:
    """Change what the agency's portal shows; published versions keep what they froze."""
    require(actor, lambda v: permissions.can_edit_settings(v, agency.pk), str(NOT_ALLOWED))
    row, _created = PortalSettings.objects.select_for_update().get_or_create(agency=agency)
    before = audit.snapshot(row, FIELDS)
    row.minimum_group = minimum_group
    row.show_signatory_names = bool(show_signatory_names)
    row.show_unit_predikat = bool(show_unit_predikat)
    row.full_clean()
    row.save()
    audit.record(
        actor=audit_actor(actor),
        action="portal.settings.changed",
        obj=row,
        agency=agency,
        before=before,
        after=audit.snapshot(row, FIELDS),
    )
    return row
