"""The agency's evaluation settings, kept by BKPSDM."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.accounts.actors import audit_actor, require
from kinerja.appraisals import permissions, rules
from kinerja.appraisals.models import AppraisalSettings
from kinerja.core import audit

SETTINGS_FIELDS = ["distribution_base"]
_KEEP = gettext_lazy("Only BKPSDM keeps the agency's evaluation settings.")


@transaction.atomic
def appraisal_settings_update(
    *, actor, agency_id: int, distribution_base: str
) -> AppraisalSettings:
    """Choose whose evaluations the distribution pattern counts. Warnings already recorded on
    finalised evaluations stay as they were; the desk and new ratings count the new way."""
    require(actor, lambda v: permissions.can_open_evaluations(v, agency_id), str(_KEEP))
    if distribution_base not in rules.DistributionBase.__members__.values():
        raise ValidationError(
            {"distribution_base": _("Choose whose evaluations the pattern counts.")}
        )
    found, _created = AppraisalSettings.objects.select_for_update().get_or_create(
        agency_id=agency_id
    )
    before = audit.snapshot(found, SETTINGS_FIELDS)
    if before["distribution_base"] == distribution_base and not _created:
        return found
    found.distribution_base = distribution_base
    found.full_clean()
    found.save()
    audit.record(
        actor=audit_actor(actor),
        action="appraisals.settings.updated",
        obj=found,
        agency=found.agency,
        before=before,
        after=audit.snapshot(found, SETTINGS_FIELDS),
    )
    return found
