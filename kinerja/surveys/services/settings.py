"""The agency's survey settings: the weight of each element in the index (domain.md 3)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.accounts.actors import audit_actor, require
from kinerja.core import audit
from kinerja.surveys import permissions
from kinerja.surveys.models import SurveySettings, Weight


def survey_weight_set(*, actor, weight: str, agency_id: int | None = None) -> SurveySettings:
    """A BKPSDM admin chooses the agency's weight: exact 1/9, 0.111 or 0.11. `agency_id` only
    for the system."""
    viewer = require(actor, permissions.can_change_weight)
    if viewer is not None:
        agency_id = viewer.agency_id
    if weight not in Weight.values:
        raise ValidationError(
            {"weight": [_("Choose the exact 1/9, 0.111 or 0.11.")]}, code="invalid_choice"
        )
    with transaction.atomic():
        settings, _created = SurveySettings.objects.select_for_update().get_or_create(
            agency_id=agency_id
        )
        before = audit.snapshot(settings, ["weight"])
        settings.weight = weight
        settings.save(update_fields=["weight"])
        audit.record(
            actor=audit_actor(actor),
            action="surveys.settings.weight_changed",
            obj=settings,
            agency=settings.agency,
            before=before,
            after=audit.snapshot(settings, ["weight"]),
        )
    return settings
