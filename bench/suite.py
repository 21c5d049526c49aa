"""The benchmarks of one database, run in a process whose settings point at it."""

import argparse
import json
import os
import statistics
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.config.settings")
django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench import (  # noqa: E402
    appraisals_bench,
    attendance_bench,
    iku_bench,
    import_bench,
    skp_alignment_bench,
    skp_documents_bench,
    skp_inbox_bench,
    skp_matrix_bench,
    surveys_bench,
    worklog_bench,
)

PAGE_RUNS = 30


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _page(client: Client, url: str, *, cold=False, **headers) -> tuple[float, int]:
    """Median latency in ms over PAGE_RUNS requests after warming up, and queries per request.
    `cold` empties the cache before each request (figures kept a minute are recomputed)."""
    for _ in range(3):
        assert client.get(url, **headers).status_code == 200, url
    timings = []
    for _ in range(PAGE_RUNS):
        if cold:
            cache.clear()
        start = time.perf_counter()
        response = client.get(url, **headers)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        client.get(url, **headers)
    return statistics.median(timings), len(ctx.captured_queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="use the agency already seeded in the database: no seeding, no import",
    )
    args = parser.parse_args()
    db = args.database
    rows = []

    call_command("migrate", verbosity=0)
    from kinerja.org.models import Agency, Employee

    if not (args.reuse and Agency.objects.exists()):
        seconds = _timed(lambda: call_command("seed_demo", size=args.size, verbosity=0))
        employees = Employee.objects.count()
        rows.append(
            {
                "name": f"seed_demo --size {args.size} ({employees:,} employees)",
                "database": db,
                "result": f"{seconds:.1f} s",
                "target": "",
            }
        )

        seconds, imported = import_bench.run(rows=10_000)
        rows.append(
            {
                "name": f"import {imported:,} employees (xlsx, validate + apply)",
                "database": db,
                "result": f"{seconds:.1f} s",
                "target": "< 20 s",
            }
        )

    rows.extend(iku_bench.run(database=db))
    rows.extend(skp_documents_bench.run(database=db))
    rows.extend(skp_matrix_bench.run(database=db))

    from kinerja.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username="bkpsdm"))
    reset_queries()
    pages = [
        ("unit tree page", reverse("org:unit_tree"), {}),
        ("employee list page (first page of the whole agency)", reverse("org:employee_list"), {}),
        ("employee list page (search by name)", reverse("org:employee_list") + "?q=siti", {}),
        ("employee list page (page 100)", reverse("org:employee_list") + "?page=100", {}),
        ("home page (BKPSDM admin)", reverse("home"), {}),
        *iku_bench.pages(),
    ]
    for name, url, options in pages:
        median_ms, queries = _page(client, url, **options)
        rows.append(
            {
                "name": name,
                "database": db,
                "result": f"{median_ms:.0f} ms median",
                "queries": queries,
                "target": (
                    "< 200 ms, bounded queries"
                    if url.startswith("/kinerja/")
                    else "< 150 ms, constant queries"
                ),
            }
        )
    rows.extend(skp_alignment_bench.run(database=db))
    rows.extend(skp_inbox_bench.run(database=db))
    rows.extend(attendance_bench.run(database=db))
    # A year of daily activities (PostgreSQL only): BENCH_WORKLOG_ROWS for a quicker run.
    worklog_rows = int(os.environ.get("BENCH_WORKLOG_ROWS", worklog_bench.DEFAULT_ROWS))
    rows.extend(worklog_bench.run(database=db, rows=worklog_rows))
    rows.extend(appraisals_bench.run(database=db))
    # A million survey answers over two years: BENCH_SURVEY_ROWS for a quicker run.
    survey_rows = int(os.environ.get("BENCH_SURVEY_ROWS", surveys_bench.DEFAULT_ROWS))
    rows.extend(surveys_bench.run(database=db, rows=survey_rows))
    with open(args.out, "w") as handle:
        json.dump(rows, handle)


if __name__ == "__main__":
    main()
