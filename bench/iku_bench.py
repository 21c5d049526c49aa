"""Benchmark of organisation performance: recomputing a year's capaian on the seeded agency.

Run after `seed_demo` in a process whose settings point at the benchmark database (as
`bench.suite` does); `run()` answers rows in the shape `bench.suite` writes.
"""

from __future__ import annotations

import time

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

TARGET = "< 5 s on PostgreSQL"


def _seeded_year():
    """The newest performance year of the agency seeded last."""
    from kinerja.iku.models import PerformanceYear

    py = PerformanceYear.objects.select_related("agency").order_by("-agency_id", "-year").first()
    if py is None:
        raise RuntimeError("no performance year: run seed_demo first")
    return py


def _recompute(agency, year: int) -> tuple[float, int, dict]:
    from kinerja.iku.services import results as results_services

    with CaptureQueriesContext(connection) as captured:
        start = time.perf_counter()
        summary = results_services.capaian_recompute_year(actor=None, agency=agency, year=year)
        seconds = time.perf_counter() - start
    return seconds, len(captured), summary


def run(database: str | None = None) -> list[dict]:
    """Time `capaian_recompute_year` for the current year, from scratch and then unchanged."""
    from kinerja.iku.models import GoalResult, Indicator, IndicatorResult, Realisation, UnitResult

    database = database or connection.vendor
    py = _seeded_year()
    agency, year = py.agency, py.year
    indicators = Indicator.objects.filter(agency=agency).count()
    realisations = Realisation.objects.filter(period__performance_year=py).count()
    with transaction.atomic():
        for model in (IndicatorResult, GoalResult, UnitResult):
            model.objects.filter(period__performance_year=py).delete()
    cold, cold_queries, summary = _recompute(agency, year)
    warm, warm_queries, _summary = _recompute(agency, year)
    label = (
        f"capaian_recompute_year {year} ({indicators:,} indicators, "
        f"{realisations:,} realisations, {summary['indicator']['created']:,} results)"
    )
    return [
        {
            "name": f"{label}, from scratch",
            "database": database,
            "result": f"{cold:.2f} s",
            "queries": cold_queries,
            "target": TARGET,
        },
        {
            "name": f"{label}, nothing changed",
            "database": database,
            "result": f"{warm:.2f} s",
            "queries": warm_queries,
            "target": TARGET,
        },
    ]


if __name__ == "__main__":
    import json
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.config.settings")
    django.setup()
    print(json.dumps(run(), indent=2))
