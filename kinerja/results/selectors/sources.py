"""Reads of the RHK indicators whose realisations Kinerja computes."""

from __future__ import annotations

from kinerja.results.models import RealisationSource


def realisation_source(employee, year: int, indicator_key) -> RealisationSource | None:
    return (
        RealisationSource.objects.select_related("unit")
        .filter(employee=employee, year=year, indicator_key=indicator_key)
        .first()
    )
