"""Benchmark of the SKP pages a rater and BKPSDM use most, on the seeded agency.

The rater with the most subordinates' plans this year gets 50 of them submitted (inside a
transaction rolled back at the end) and opens the inbox; BKPSDM opens one of the plans.
Runs after `seed_demo` in a process whose settings point at the benchmark database.
"""

from __future__ import annotations

import statistics
import time

from django.db import connection, transaction
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

RUNS = 20
TARGET = "< 200 ms, bounded queries"
SUBORDINATES = 50


class _Rollback(Exception):
    pass


def _page(client: Client, url: str) -> tuple[float, int]:
    for _ in range(3):
        assert client.get(url).status_code == 200, url
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, url
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return statistics.median(timings), len(captured)


def _busiest_rater(year: int):
    from kinerja.skp.models import Skp

    row = (
        Skp.objects.filter(year=year, is_latest=True, rater__isnull=False)
        .values("rater_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    if row is None or row["n"] < SUBORDINATES:
        raise RuntimeError("no rater with 50 subordinates' plans: run seed_demo --size province")
    return row["rater_id"]


def _rater_user(employee_id: int):
    from kinerja.accounts.models import User
    from kinerja.org.models import Employee

    employee = Employee.objects.get(pk=employee_id)
    user = User.objects.filter(employee=employee).first()
    if user is None:
        user = User.objects.create(
            username=f"bench-rater-{employee.pk}",
            agency_id=employee.agency_id,
            employee=employee,
            full_name=employee.full_name,
        )
    return user


def run(database: str | None = None) -> list[dict]:
    from kinerja.accounts.models import User
    from kinerja.skp.models import Skp, SkpStatus

    database = database or connection.vendor
    latest = Skp.objects.order_by("-year").values_list("year", flat=True).first()
    rows = []
    try:
        with transaction.atomic():
            rater_id = _busiest_rater(latest)
            plans = list(
                Skp.objects.filter(year=latest, is_latest=True, rater_id=rater_id)
                .order_by("pk")
                .values_list("pk", flat=True)[:SUBORDINATES]
            )
            Skp.objects.filter(pk__in=plans).update(status=SkpStatus.SUBMITTED)
            client = Client()
            client.force_login(_rater_user(rater_id))
            median_ms, queries = _page(client, reverse("skp:inbox") + f"?year={latest}")
            rows.append(_row("SKP rater inbox (50 plans waiting)", database, median_ms, queries))

            bkpsdm = Client()
            bkpsdm.force_login(User.objects.get(username="bkpsdm"))
            median_ms, queries = _page(bkpsdm, reverse("skp:detail", args=[plans[0]]))
            rows.append(_row("SKP page (one plan, read-only)", database, median_ms, queries))
            raise _Rollback
    except _Rollback:
        pass
    return rows


def _row(name: str, database: str, median_ms: float, queries: int) -> dict:
    return {
        "name": name,
        "database": database,
        "result": f"{median_ms:.0f} ms median",
        "queries": queries,
        "target": TARGET,
    }


if __name__ == "__main__":
    import django

    django.setup()
    for row in run():
        print(row)
