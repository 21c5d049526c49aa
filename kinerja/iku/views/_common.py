"""Helpers shared by the iku pages."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from kinerja.core.errors import ImmutableRecordError
from kinerja.core.forms import copy_errors  # noqa: F401 (used by the iku views)
from kinerja.core.numbers import format_number, is_ascii_digits
from kinerja.iku import charts


def error_text(error: ValidationError | ImmutableRecordError) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def category(capaian, performance_year) -> charts.Category:
    if performance_year is None:
        return charts.NO_CATEGORY
    return charts.capaian_category(capaian, _bands(performance_year))


def _bands(performance_year):
    cached = getattr(performance_year, "_bands_cache", None)
    if cached is None:
        cached = performance_year.bands
        performance_year._bands_cache = cached
    return cached


def bands(performance_year):
    return _bands(performance_year)


def period_from_request(request, periods):
    """The period chosen in the query string among the year's, else the annual period."""
    raw = request.GET.get("period")
    annual = next((p for p in periods if p.is_annual), periods[-1] if periods else None)
    if raw and is_ascii_digits(raw):
        return next((p for p in periods if p.pk == int(raw)), annual)
    return annual


def legend(py) -> list[tuple[str, charts.Category]]:
    """(bound, category) of each band from the best down: "≥ 90,5" in Indonesian."""
    return [
        (
            f"{'≥' if band.lower_inclusive else '>'} {format_number(band.lower)}",
            charts.predikat_category(band.label),
        )
        for band in reversed(bands(py))
    ]


def annual_first(periods) -> list:
    """The year's periods with the annual one first: the yearly figure is the one read first,
    so a wide table shows it without scrolling."""
    return sorted(periods, key=lambda p: not p.is_annual)
