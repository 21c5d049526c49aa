"""Reads of the figures Kinerja computes for indicators (`kinerja.iku.sources`)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from kinerja.iku import sources
from kinerja.iku.models import FREQUENCY_MONTHS, IndicatorSource
from kinerja.org.models import Unit


def indicator_source(indicator) -> IndicatorSource | None:
    return IndicatorSource.objects.select_related("unit").filter(indicator=indicator).first()


def source_unit_choices(agency_id: int) -> list[tuple[int, str]]:
    """The agency's active service units, the units a source measures."""
    return list(
        Unit.objects.filter(agency_id=agency_id, is_active=True, is_service_unit=True)
        .order_by("name", "pk")
        .values_list("pk", "name")
    )


def source_unit(agency_id: int, unit_id: int):
    return Unit.objects.filter(
        agency_id=agency_id, is_active=True, is_service_unit=True, pk=unit_id
    ).first()


@dataclass(frozen=True)
class ComputedOrigin:
    label: str
    link: str
    basis: list[tuple[str, str]]


def computed_origin(viewer, realisation) -> ComputedOrigin | None:
    """Where a computed realisation came from, in words, with the counts behind it and a link
    to the data (when the source shows them)."""
    if not realisation.source_kind:
        return None
    kind = sources.get(realisation.source_kind)
    source = indicator_source(realisation.indicator)
    if kind is None:
        return ComputedOrigin(realisation.source_kind, "", [])
    label, link = str(kind.label), ""
    if source is not None and source.kind == kind.key:
        label = sources.source_label(kind.key, source.option_name, source.unit.name)
        if kind.link is not None:
            start, end = source_span(realisation.indicator, realisation.period)
            link = kind.link(viewer, source.unit, source.option_id, start, end)
    basis = kind.describe(realisation.source_basis) if kind.describe else []
    return ComputedOrigin(label, link, basis)


def source_span(indicator, period) -> tuple[datetime.date, datetime.date]:
    """The days a period's computed figure measures: the whole year for the annual period, else
    the reporting span that ends with the period."""
    if period.is_annual:
        return period.start_date, period.end_date
    return sources.span_of(period.end_date, FREQUENCY_MONTHS[indicator.reporting_frequency])
