"""Benchmark of attendance on the seeded agency: a month of the machines' export for every
employee imported at once (validate + apply, as the import task runs it), then the monthly
summary page of the largest OPD as its reader opens it.

Everything runs in a transaction rolled back at the end. Runs after `seed_demo` in a process
whose settings point at the benchmark database (`python -m bench.attendance_bench`).
"""

from __future__ import annotations

import datetime
import io
import random
import statistics
import time

from django.db import connection, transaction
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

RUNS = 20
IMPORT_TARGET = "< 60 s"
SUMMARY_TARGET = "< 10x the floor (load section), constant queries"


class _Rollback(Exception):
    pass


def _month(today: datetime.date) -> tuple[int, int]:
    """Last month: the demo's machines cover it for a few thousand employees; the import
    replaces their days and adds everyone else's, as a full export would."""
    day = today.replace(day=1) - datetime.timedelta(days=1)
    return day.year, day.month


def machine_export(agency, year: int, month: int) -> tuple[bytes, int]:
    """A CSV as a machine exports it: one row per employee and working day, some late."""
    from kinerja.activities import rules, selectors
    from kinerja.core import calendar
    from kinerja.iku.selectors import days_off
    from kinerja.org.models import Employee

    start, end = selectors.month_bounds(year, month)
    off = days_off(agency.pk, start, end)
    days = [d for d in rules.dates_between(start, end) if calendar.is_working_day(d, off)]
    rng = random.Random(11)
    out = io.StringIO()
    out.write("nip;tanggal;jam_masuk;jam_pulang\n")
    rows = 0
    for nip in Employee.objects.filter(agency=agency, is_active=True).values_list("nip", flat=True):
        for day in days:
            late = rng.random() < 0.1
            arrival = f"07:{rng.randint(31, 59)}" if late else f"07:{rng.randint(0, 29):02d}"
            out.write(f"{nip};{day:%Y-%m-%d};{arrival};16:{rng.randint(0, 40):02d}\n")
            rows += 1
    return out.getvalue().encode(), rows


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


def _largest_and_smallest_opd(agency, day):
    from kinerja.org.models import Assignment, Unit

    tops = list(Unit.objects.filter(agency=agency, parent__isnull=True))
    sizes = {
        unit: Assignment.objects.filter(
            position__unit__path__startswith=unit.path, start_date__lte=day
        ).aggregate(n=Count("employee_id", distinct=True))["n"]
        for unit in tops
    }
    ordered = sorted(sizes, key=lambda unit: (sizes[unit], unit.code))
    return ordered[-1], sizes[ordered[-1]], ordered[0], sizes[ordered[0]]


def run(database: str | None = None) -> list[dict]:
    from kinerja.accounts.models import User
    from kinerja.activities.models import ImportKind
    from kinerja.activities.services import import_create, import_run
    from kinerja.org.models import Agency

    database = database or connection.vendor
    agency = Agency.objects.order_by("pk").first()
    bkpsdm = User.objects.get(username="bkpsdm")
    year, month = _month(datetime.date.today())
    data, rows = machine_export(agency, year, month)
    result = []
    try:
        with transaction.atomic():
            start = time.perf_counter()
            job = import_create(
                actor=None,
                agency=agency,
                kind=ImportKind.ATTENDANCE,
                data=data,
                filename="bench-mesin.csv",
                file_format="csv",
            )
            import_run(job.pk, user_id=None)
            seconds = time.perf_counter() - start
            job.refresh_from_db()
            if job.status != "done":
                raise SystemExit(f"attendance import was rejected: {job.errors[:5]}")
            result.append(
                {
                    "name": f"import a month of attendance ({rows:,} rows, CSV, validate + apply)",
                    "database": database,
                    "result": f"{seconds:.1f} s",
                    "target": IMPORT_TARGET,
                }
            )
            client = Client()
            client.force_login(bkpsdm)
            month_text = f"{year}-{month:02d}"
            largest, big, smallest, small = _largest_and_smallest_opd(
                agency, datetime.date(year, month, 1)
            )
            url = reverse("activities:attendance") + f"?unit={{}}&bulan={month_text}"
            median_ms, queries = _page(client, url.format(largest.pk))
            _small_ms, small_queries = _page(client, url.format(smallest.pk))
            result.append(
                {
                    "name": f"monthly attendance summary of the largest OPD ({big:,} employees; "
                    f"{small_queries} queries for one of {small:,})",
                    "database": database,
                    "result": f"{median_ms:.0f} ms median",
                    "queries": queries,
                    "target": SUMMARY_TARGET,
                }
            )
            raise _Rollback
    except _Rollback:
        pass
    return result


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.config.settings")
    django.setup()
    for row in run():
        print(row)
