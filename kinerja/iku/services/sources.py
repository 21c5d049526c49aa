"""Realisations Kinerja computes itself: choosing an indicator's source, and writing each open
period's figure from it.

A computed realisation is verified as it is written (nobody types over it: the entry, the
submission, the verification and the correction services refuse it). While its period is open
(from its start to the day its realisation is due) the figure is computed again, and each change
of the figure is a new recorded version with the counts behind it. A period that has closed
keeps its last figure. A realisation a person submitted or verified before the source was chosen
is left as it is.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.actors import actor_user_id, audit_actor, require
from kinerja.core import audit
from kinerja.core.choices import choose, not_choosable
from kinerja.iku import permissions, sources
from kinerja.iku.models import (
    Indicator,
    IndicatorSource,
    Period,
    Realisation,
    RealisationStatus,
    RealisationVersion,
    RealisationVersionKind,
)
from kinerja.iku.selectors.core import expected_periods, realisation_due_date
from kinerja.iku.selectors.sources import source_span
from kinerja.iku.services.results import capaian_recompute_schedule
from kinerja.org.models import Unit

SOURCE_FIELDS = ["kind", "unit", "option_id", "option_name"]
COMPUTED_FIELDS = ["value", "note", "status", "version", "source_kind"]
HUMAN_FINAL = {RealisationStatus.SUBMITTED, RealisationStatus.VERIFIED}


def _indicator(indicator) -> Indicator:
    return Indicator.objects.select_related("goal__owner_unit", "agency").get(pk=indicator.pk)


def resolve_source(agency_id: int, kind: str, unit, option_id=None):
    """The source kind, the unit (among the agency's active service units) and the option (one
    the kind offers for the unit, with its name) a choice names; each bad one is the error of
    its field (`kind`, `unit`, `option`)."""
    source_kind = sources.get(kind or "")
    if source_kind is None:
        raise not_choosable("kind")
    units = Unit.objects.filter(agency_id=agency_id, is_active=True)
    if source_kind.service_units_only:
        units = units.filter(is_service_unit=True)
    unit = choose(units, unit, field="unit")
    if unit is None:
        raise ValidationError({"unit": _("Choose the unit whose figure is taken.")})
    if option_id in (None, ""):
        return source_kind, unit, None, ""
    offered = dict(source_kind.options(unit)) if source_kind.options else {}
    try:
        option_id = int(option_id)
    except (TypeError, ValueError):
        raise not_choosable("option") from None
    if option_id not in offered:
        raise not_choosable("option")
    return source_kind, unit, option_id, offered[option_id]


@transaction.atomic
def indicator_source_set(*, actor, indicator, kind: str, unit, option_id=None) -> IndicatorSource:
    """Let Kinerja compute the indicator's realisations from a source, and compute the periods
    that are open now."""
    indicator = _indicator(indicator)
    viewer = require(actor, lambda v: permissions.can_manage_indicator(v, indicator))
    source_kind, unit, option_id, option_name = resolve_source(
        indicator.agency_id, kind, unit, option_id
    )
    source = IndicatorSource.objects.select_for_update().filter(indicator=indicator).first()
    before = audit.snapshot(source, SOURCE_FIELDS) if source else None
    if source is None:
        source = IndicatorSource(indicator=indicator)
    source.kind, source.unit, source.option_id, source.option_name = (
        source_kind.key,
        unit,
        option_id,
        option_name,
    )
    source.set_by_id = actor_user_id(actor)
    source.save()
    after = audit.snapshot(source, SOURCE_FIELDS)
    if before != after:
        audit.record(
            actor=audit_actor(actor),
            action="iku.indicator.source_set",
            obj=indicator,
            agency=indicator.agency,
            before=before,
            after=after,
        )
    indicator.source = source
    for period in open_periods(indicator, viewer.today if viewer is not None else None):
        realisation_compute(indicator=indicator, period=period)
    return source


@transaction.atomic
def indicator_source_remove(*, actor, indicator) -> None:
    """Stop computing the indicator's realisations; the figures computed so far stay as
    recorded, and later periods are entered by the unit again."""
    indicator = _indicator(indicator)
    require(actor, lambda v: permissions.can_manage_indicator(v, indicator))
    source = IndicatorSource.objects.select_for_update().filter(indicator=indicator).first()
    if source is None:
        return
    before = audit.snapshot(source, SOURCE_FIELDS)
    source.delete()
    audit.record(
        actor=audit_actor(actor),
        action="iku.indicator.source_removed",
        obj=indicator,
        agency=indicator.agency,
        before=before,
    )


def open_periods(indicator: Indicator, today: datetime.date | None = None) -> list[Period]:
    """The periods the indicator reports on that are open: started, and not past the day their
    realisation is due (that day included)."""
    today = today or timezone.localdate()
    periods = Period.objects.filter(
        performance_year__agency_id=indicator.agency_id,
        performance_year__year__gte=today.year - 1,
        performance_year__year__lte=today.year,
        start_date__lte=today,
    ).select_related("performance_year")
    by_year: dict[int, list[Period]] = {}
    for period in periods:
        by_year.setdefault(period.performance_year_id, []).append(period)
    found = []
    for year_periods_ in by_year.values():
        year = year_periods_[0].performance_year
        if not indicator.goal.covers_year(year.year):
            continue
        ordered = sorted(year_periods_, key=lambda p: (p.is_annual, p.end_date, p.number))
        for period in expected_periods(indicator.reporting_frequency, ordered):
            if today <= realisation_due_date(period):
                found.append(period)
    return found


@transaction.atomic
def realisation_compute(*, indicator, period: Period, now=None) -> Realisation | None:
    """Write the period's realisation from the indicator's source (the system acts). Returns
    None when the indicator has no source, or when a person's submitted or verified figure
    stands for the period."""
    source = IndicatorSource.objects.filter(indicator_id=indicator.pk).first()
    kind = sources.get(source.kind) if source else None
    if kind is None:
        return None
    now = now or timezone.now()
    start, end = source_span(indicator, period)
    measured = kind.measure(source.unit, source.option_id, start, end)
    realisation = (
        Realisation.objects.select_for_update().filter(indicator=indicator, period=period).first()
    )
    if (
        realisation is not None
        and not realisation.source_kind
        and realisation.status in HUMAN_FINAL
    ):
        return None
    before = audit.snapshot(realisation, COMPUTED_FIELDS) if realisation else None
    if realisation is None:
        realisation = Realisation(indicator_id=indicator.pk, period=period)
    if not sources.apply_measured(
        realisation, key=kind.key, measured=measured, now=now, text_field="note"
    ):
        realisation.save(update_fields=["computed_at"])
        return realisation
    realisation.full_clean()
    realisation.save()
    RealisationVersion.objects.create(
        realisation=realisation,
        version=realisation.version,
        kind=RealisationVersionKind.COMPUTED,
        value=realisation.value,
        note=realisation.note,
        reason=sources.computed_reason(kind.key, source.option_name, source.unit.name),
        recorded_at=now,
    )
    audit.record(
        actor=None,
        action="iku.realisation.computed",
        obj=realisation,
        agency=source.unit.agency,
        before=before,
        after=audit.snapshot(realisation, COMPUTED_FIELDS),
    )
    capaian_recompute_schedule(performance_year_id=period.performance_year_id)
    return realisation


def sourced_realisations_recompute(*, today: datetime.date | None = None, agency=None) -> int:
    """Compute again every open period of every indicator that has a source (the daily run of
    `manage.py compute_sourced_realisations`); returns how many realisations changed or were
    written."""
    today = today or timezone.localdate()
    indicators = Indicator.objects.filter(source__isnull=False, is_active=True).select_related(
        "goal__owner_unit", "agency", "source__unit"
    )
    if agency is not None:
        indicators = indicators.filter(agency=agency)
    written = 0
    for indicator in indicators:
        for period in open_periods(indicator, today):
            before = (
                Realisation.objects.filter(indicator=indicator, period=period)
                .values_list("version", flat=True)
                .first()
            )
            realisation = realisation_compute(indicator=indicator, period=period)
            if realisation is not None and realisation.version != before:
                written += 1
    return written
