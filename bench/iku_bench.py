"""Benchmark of organisation performance: recomputing a year's capaian on the seeded agency,
and the pages `bench.suite` measures (regency dashboard, tree, its lazy children, the table).

Run after `seed_demo` in a process whose settings point at the benchmark database (as
`bench.suite` does); `run()` answers rows in the shape `bench.suite` writes.
"""

from __future__ import annotations

import time

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

TARGET = "< 5 s on PostgreSQL"


def _seeded_years():
    """The performance years of the agency seeded last, newest first."""
    from kinerja.iku.models import PerformanceYear

    latest = PerformanceYear.objects.order_by("-agency_id").values_list("agency_id", flat=True)
    agency_id = latest.first()
    if agency_id is None:
        raise RuntimeError("no performance year: run seed_demo first")
    return list(
        PerformanceYear.objects.select_related("agency")
        .filter(agency_id=agency_id)
        .order_by("-year")
    )


def _recompute(agency, year: int) -> tuple[float, int, dict]:
    from kinerja.iku.services import results as results_services

    with CaptureQueriesContext(connection) as captured:
        start = time.perf_counter()
        summary = results_services.capaian_recompute_year(actor=None, agency=agency, year=year)
        seconds = time.perf_counter() - start
    return seconds, len(captured), summary


def _year_rows(py, database: str, *, unchanged: bool) -> list[dict]:
    """Recompute a year from scratch (its results deleted first), then once more unchanged."""
    from kinerja.iku.models import GoalResult, Indicator, IndicatorResult, Realisation, UnitResult

    agency, year = py.agency, py.year
    indicators = Indicator.objects.filter(agency=agency).count()
    realisations = Realisation.objects.filter(period__performance_year=py).count()
    with transaction.atomic():
        for model in (IndicatorResult, GoalResult, UnitResult):
            model.objects.filter(period__performance_year=py).delete()
    cold, cold_queries, summary = _recompute(agency, year)
    label = (
        f"capaian_recompute_year {year} ({indicators:,} indicators, "
        f"{realisations:,} realisations, {summary['indicator']['created']:,} results)"
    )
    rows = [
        {
            "name": f"{label}, from scratch",
            "database": database,
            "result": f"{cold:.2f} s",
            "queries": cold_queries,
            "target": TARGET,
        }
    ]
    if unchanged:
        warm, warm_queries, _summary = _recompute(agency, year)
        rows.append(
            {
                "name": f"{label}, nothing changed",
                "database": database,
                "result": f"{warm:.2f} s",
                "queries": warm_queries,
                "target": TARGET,
            }
        )
    return rows


def run(database: str | None = None) -> list[dict]:
    """Time `capaian_recompute_year` (capaian of every indicator, goal and unit, and the org
    predikat proposals) for the last full year and for the current one."""
    database = database or connection.vendor
    years = _seeded_years()
    rows = []
    if len(years) > 1:
        rows += _year_rows(years[1], database, unchanged=True)
    rows += _year_rows(years[0], database, unchanged=len(years) == 1)
    return rows


def pages() -> list[tuple[str, str, dict]]:
    """The organisation-performance pages `bench.suite` measures: (name, URL, options)."""
    from django.db.models import Count
    from django.urls import reverse

    from kinerja.iku.models import Goal, GoalLevel

    # The OPD goal with the most goals below it: the largest fragment a click can load.
    largest = (
        Goal.objects.filter(level=GoalLevel.SASARAN_STRATEGIS, is_active=True)
        .annotate(n=Count("children"))
        .order_by("-n", "pk")
        .select_related("owner_unit")
        .first()
    )
    rows = [
        ("regency performance dashboard (one row per OPD)", reverse("iku:regency"), {}),
        (
            "regency performance dashboard, counts not cached",
            reverse("iku:regency"),
            {"cold": True},
        ),
        ("performance tree page (top three levels)", reverse("iku:tree"), {}),
        ("performance tree as a table (down to the OPD level)", reverse("iku:tree_table"), {}),
    ]
    if largest is not None:
        unit = largest.owner_unit
        rows += [
            (
                f"performance tree: children of an OPD goal ({largest.n} goals, htmx fragment)",
                reverse("iku:tree_children", args=[largest.pk]),
                {"HTTP_HX_REQUEST": "true"},
            ),
            (
                f"performance tree as a table of one OPD ({unit.short_name or unit.name})",
                reverse("iku:tree_table") + f"?unit={unit.pk}",
                {},
            ),
        ]
    return rows


def main() -> None:
    """`python -m bench.iku_bench`: the IKU rows alone, on the database the settings name
    (seeded already), as a Markdown table; `make bench` runs them with everything else."""
    import argparse

    from django.test import Client

    from bench import suite
    from kinerja.accounts.models import User

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--database", default=connection.vendor)
    args = parser.parse_args()
    rows = run(database=args.database)
    client = Client()
    client.force_login(User.objects.get(username="bkpsdm"))
    for name, url, options in pages():
        median_ms, queries = suite._page(client, url, **options)
        rows.append(
            {
                "name": name,
                "database": args.database,
                "result": f"{median_ms:.0f} ms median",
                "queries": queries,
                "target": "< 200 ms, bounded queries",
            }
        )
    for row in rows:
        print(
            f"| {row['name']} | {row['database']} | {row['result']} | {row.get('queries', '')} "
            f"| {row['target']} |"
        )


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.config.settings")
    django.setup()
    main()
