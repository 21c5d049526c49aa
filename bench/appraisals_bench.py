"""Benchmark of the evaluation on a seeded agency: opening a period's evaluations for every
employee, the calibration desk of the head of the largest OPD (the unit overview over all its
raters), one "why this predikat" page, the agency's predikat recap in Excel, and the batch print
task (`run_evaluation_print_job`, called in this process as the task worker calls it) making the
PDFs of 500 evaluations into one ZIP.

Everything runs in a transaction rolled back at the end (the batch's ZIP is deleted). Runs after
`seed_demo` in a process whose settings point at the benchmark database
(`python -m bench.appraisals_bench`).
"""

from __future__ import annotations

import statistics
import time

from django.db import connection, transaction
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

RUNS = 10
RECAP_RUNS = 3
PDFS = 500
OPEN_TARGET = "< 30 s"
PAGE_TARGET = "< 10x the floor (load section), constant queries"
RECAP_TARGET = "< 5 s"


class _Rollback(Exception):
    pass


def _page(client: Client, url: str, runs: int = RUNS) -> tuple[float, int]:
    assert client.get(url).status_code == 200, url
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, url
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return statistics.median(timings), len(captured)


def _login_of(employee_id: int):
    """The employee's login, made for the run when the demo gave them none."""
    from kinerja.accounts.models import User
    from kinerja.org.models import Employee

    found = User.objects.filter(employee_id=employee_id).first()
    if found is not None:
        return found
    employee = Employee.objects.get(pk=employee_id)
    return User.objects.create(
        username=f"bench-{employee_id}",
        agency_id=employee.agency_id,
        employee=employee,
        full_name=employee.name,
    )


def _newest_period(agency):
    """The newest periodic period with evaluations and no keberatan: it is opened again."""
    from kinerja.appraisals.models import Evaluation, Keberatan

    with_keberatan = Keberatan.objects.filter(agency=agency).values("evaluation__period_id")
    return (
        Evaluation.objects.filter(agency=agency, is_annual=False)
        .exclude(period_id__in=with_keberatan)
        .order_by("-period__end_date")
        .values_list("period_id", flat=True)
        .first()
    )


def _newest_annual_period(agency):
    from kinerja.appraisals.models import Evaluation

    return (
        Evaluation.objects.filter(agency=agency, is_annual=True)
        .order_by("-period__end_date")
        .values_list("period_id", flat=True)
        .first()
    )


def _recap_row(client, period_pk: int, rows: str, database: str) -> dict:
    """The recap of one period downloaded RECAP_RUNS times. The CPU time of this process is
    shown beside the time: on a busy machine the difference is mostly waiting for a core (the
    database's share is not in it)."""
    url = reverse("appraisals:recap", args=[period_pk])
    timings, cpu = [], []
    for _ in range(RECAP_RUNS):
        start, start_cpu = time.perf_counter(), time.process_time()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        timings.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        assert response.status_code == 200, url
    return {
        "name": f"predikat recap of the agency in Excel ({rows}, "
        f"{len(response.content) / 1e6:.1f} MB)",
        "database": database,
        "result": f"{statistics.median(timings):.1f} s median of {RECAP_RUNS} "
        f"(first {timings[0]:.1f} s; {statistics.median(cpu):.1f} s of CPU)",
        "queries": len(captured),
        "target": RECAP_TARGET,
    }


def _batch(user, period):
    """The batch print of the whole agency for `user`, run by its task's own function as the
    task worker runs it; answers (seconds, queries, the finished job with `file_size`)."""
    from kinerja.appraisals.documents.batch import print_job_create
    from kinerja.appraisals.models import EvaluationPrintJob
    from kinerja.appraisals.tasks import run_evaluation_print_job

    job = print_job_create(actor=user, period=period, language="id")
    with CaptureQueriesContext(connection) as captured:
        start = time.perf_counter()
        run_evaluation_print_job.call(job.pk, user.pk, "id")
        seconds = time.perf_counter() - start
    job = EvaluationPrintJob.objects.get(pk=job.pk)
    assert job.status == "done" and job.processed == job.total, job.message
    job.file_size = job.file.size
    job.file.delete(save=False)
    return seconds, len(captured), job


def run(database: str | None = None) -> list[dict]:
    from kinerja.accounts.models import User
    from kinerja.appraisals import services
    from kinerja.appraisals.models import CalibrationChange, Evaluation
    from kinerja.iku.models import Period
    from kinerja.org.models import Agency, Employee, Position

    database = database or connection.vendor
    agency = Agency.objects.order_by("pk").first()
    period_id = _newest_period(agency)
    if period_id is None:
        return [{"name": "evaluation", "database": database, "result": "no evaluations seeded"}]
    period = Period.objects.select_related("performance_year").get(pk=period_id)
    bkpsdm = User.objects.get(username="bkpsdm")
    result = []
    try:
        with transaction.atomic():
            # 1. Opening the period again for every employee with a plan in force.
            doomed = Evaluation.objects.filter(period=period)
            CalibrationChange.objects.filter(evaluation__in=doomed).delete()
            doomed.delete()
            start = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                opened = services.evaluations_open(actor=None, period=period)
            seconds = time.perf_counter() - start
            employees = Employee.objects.filter(agency=agency).count()
            result.append(
                {
                    "name": f"open {period.label} for every employee with a plan in force "
                    f"({opened:,} evaluations of {employees:,} employees, audit per evaluation)",
                    "database": database,
                    "result": f"{seconds:.1f} s",
                    "queries": len(captured),
                    "target": OPEN_TARGET,
                }
            )
            # Rate them all, as raters would have by the deadline.
            Evaluation.objects.filter(period=period).update(
                status="finalised", hasil="sesuai", perilaku="sesuai", predikat="baik"
            )
            # 2. The desk of the head of the largest OPD, with the overview of its raters.
            top = (
                Evaluation.objects.filter(period=period)
                .values("org_unit__path")
                .annotate(n=Count("pk"))
                .order_by("-n")
                .first()
            )
            opd = "/" + top["org_unit__path"].strip("/").split("/")[0] + "/"
            size = Evaluation.objects.filter(period=period, unit__path__startswith=opd).count()
            head = (
                Position.objects.filter(agency=agency, path__startswith=opd, is_unit_head=True)
                .order_by("path")
                .first()
            )
            holder = head.assignments.order_by("-start_date").values_list("employee_id", flat=True)
            client = Client()
            client.force_login(_login_of(holder.first()))
            desk_ms, desk_queries = _page(client, reverse("appraisals:desk", args=[period.pk]))
            result.append(
                {
                    "name": f"calibration desk of the head of the largest OPD ({size:,} "
                    "evaluations under the post)",
                    "database": database,
                    "result": f"{desk_ms:.0f} ms median",
                    "queries": desk_queries,
                    "target": PAGE_TARGET,
                }
            )
            # 3. One explanation page, as BKPSDM opens it.
            client.force_login(bkpsdm)
            one = Evaluation.objects.filter(period=period).order_by("pk").first()
            why_ms, why_queries = _page(client, reverse("appraisals:explanation", args=[one.pk]))
            result.append(
                {
                    "name": '"why this predikat" page of one evaluation',
                    "database": database,
                    "result": f"{why_ms:.0f} ms median",
                    "queries": why_queries,
                    "target": PAGE_TARGET,
                }
            )
            # 4. The agency's predikat recap in Excel, as BKPSDM downloads it: of the period,
            # and of the year (the annual evaluations of every employee).
            result.append(_recap_row(client, period.pk, f"{opened:,} rows", database))
            annual = _newest_annual_period(agency)
            if annual is not None:
                result.append(_recap_row(client, annual, "the annual evaluations", database))
            # 5. The batch print task for 500 evaluations: the others are set back to open, so
            # that the batch of the whole agency holds these 500 (a batch prints the finalised).
            ids = list(
                Evaluation.objects.filter(period=period).order_by("pk").values_list("pk", flat=True)
            )[:PDFS]
            Evaluation.objects.filter(period=period).exclude(pk__in=ids).update(status="open")
            seconds, queries, job = _batch(bkpsdm, period)
            result.append(
                {
                    "name": f"batch print task: {job.total} evaluation PDFs into one ZIP "
                    f"({job.file_size / 1e6:.1f} MB)",
                    "database": database,
                    "result": f"{seconds:.0f} s ({seconds / max(job.total, 1) * 1000:.0f} ms each)",
                    "queries": queries,
                    "target": "runs as a task with progress",
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
