"""The benchmarks of one database, run in a process whose settings point at it."""

import argparse
import json
import os
import statistics
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.config.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench import iku_bench, import_bench  # noqa: E402

PAGE_RUNS = 30


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _page(client: Client, url: str) -> tuple[float, int]:
    """Median latency in ms over PAGE_RUNS requests after warming up, and queries per request."""
    for _ in range(3):
        assert client.get(url).status_code == 200, url
    timings = []
    for _ in range(PAGE_RUNS):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    return statistics.median(timings), len(ctx.captured_queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    db = args.database
    rows = []

    call_command("migrate", verbosity=0)
    seconds = _timed(lambda: call_command("seed_demo", size=args.size, verbosity=0))
    from kinerja.org.models import Employee

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

    from kinerja.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username="bkpsdm"))
    reset_queries()
    pages = [
        ("unit tree page", reverse("org:unit_tree")),
        ("employee list page (first page of the whole agency)", reverse("org:employee_list")),
        ("employee list page (search by name)", reverse("org:employee_list") + "?q=siti"),
        ("employee list page (page 100)", reverse("org:employee_list") + "?page=100"),
        ("home page (BKPSDM admin)", reverse("home")),
        ("regency performance dashboard", reverse("iku:regency")),
        ("performance tree page", reverse("iku:tree")),
        ("performance tree as a table", reverse("iku:tree_table")),
    ]
    for name, url in pages:
        median_ms, queries = _page(client, url)
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
    with open(args.out, "w") as handle:
        json.dump(rows, handle)


if __name__ == "__main__":
    main()
