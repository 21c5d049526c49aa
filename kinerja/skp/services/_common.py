"""Helpers shared by the SKP services."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.actors import as_viewer
from kinerja.core.errors import ImmutableRecordError, ValidationError
from kinerja.skp.models import Skp

SKP_FIELDS = [
    "status",
    "version",
    "approach",
    "position",
    "rater",
    "rater_label",
    "start_date",
    "end_date",
    "resource_support",
    "accountability_scheme",
    "consequences",
    "revision_kind",
    "revision_reason",
]
RHK_FIELDS = [
    "key",
    "order",
    "kind",
    "text",
    "perspective",
    "control_level",
    "assigned_by_label",
    "intervened_rhk",
    "intervened_indicator",
    "iku_goal",
    "iku_indicator",
    "source",
]
INDICATOR_FIELDS = [
    "key",
    "order",
    "aspect",
    "text",
    "target_text",
    "target_value",
    "target_high",
    "unit_of_measure",
    "needs_manual",
    "manual_purpose",
    "manual_definition",
    "manual_formula",
    "manual_data_source",
    "manual_reporting_period",
]


def today_of(actor) -> datetime.date:
    viewer = as_viewer(actor)
    return viewer.today if viewer is not None else timezone.localdate()


def lock(skp: Skp) -> Skp:
    return (
        Skp.objects.select_for_update()
        .select_related("position__unit", "unit", "employee", "agency")
        .get(pk=skp.pk)
    )


def ensure_editable(skp: Skp) -> None:
    """Only the latest version in draft, dialogue or returned may change."""
    if skp.is_final or not skp.is_latest:
        raise ImmutableRecordError(
            _("This SKP has been set and cannot be changed; start a new version instead.")
        )
    if not skp.is_editable:
        raise ValidationError(
            _("This SKP is waiting for the rater's decision and cannot be changed now."),
            code="skp_submitted",
        )
