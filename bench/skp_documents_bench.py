"""Benchmark of the SKP documents: one PDF through its page, and a batch of 500 PDFs as a task.

Builds its own agency (a unit head and 500 staff with set plans of three RHK, two indicators
each) with factories and bulk_create, so that it does not depend on what `seed_demo` makes.
`run()` answers rows in the shape `bench.suite` writes.
"""

from __future__ import annotations

import datetime
import statistics
import time
import uuid
from decimal import Decimal

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

PLANS = 500
RHK_PER_PLAN = 3
INDICATORS_PER_RHK = 2
PDF_RUNS = 10
YEAR = 2026


def _build(plans: int = PLANS):
    """(agency, unit, bkpsdm user, one plan) of a fresh agency."""
    from kinerja.accounts import services as accounts
    from kinerja.accounts.models import Role
    from kinerja.org.models import Assignment, Employee
    from kinerja.org.rules import compose_nip
    from kinerja.org.tests import factories as f
    from kinerja.skp.berakhlak import CoreValue
    from kinerja.skp.models import BehaviourExpectation, Rhk, RhkIndicator, Skp

    code = f"bench-skp-{uuid.uuid4().hex[:8]}"
    agency = f.AgencyFactory(code=code, name=f"Pemerintah Kabupaten {code}")
    unit = f.unit(agency, "DINAS", "Dinas Pekerjaan Umum")
    section = f.unit(agency, "DINAS.BINA", "Bidang Bina Marga", "bidang", unit)
    head_post = f.position(agency, unit, "PU-01", "Kepala Dinas", "jpt_pratama", head=True)
    chief_post = f.position(
        agency, section, "PU-02", "Kepala Bidang Bina Marga", "administrator", head_post, head=True
    )
    staff_post = f.position(
        agency, section, "PU-03", "Pengelola Jalan dan Jembatan", "pelaksana", chief_post
    )
    chief = f.employee(agency, "Kepala Bidang", grade="IV/a", position=chief_post)
    admin = f.employee(agency, "Admin BKPSDM", grade="III/c")
    user = accounts.user_create(
        actor=None,
        agency=agency,
        username=f"{code}-bkpsdm",
        password=uuid.uuid4().hex,
        full_name="Admin BKPSDM",
        employee=admin,
    )
    accounts.role_grant(actor=None, user=user, role=Role.BKPSDM_ADMIN)

    first_birth = datetime.date(1975, 1, 1)
    employees = []
    for n in range(plans):
        birth = first_birth + datetime.timedelta(days=n)
        employees.append(
            Employee(
                agency=agency,
                nip=compose_nip(birth, 2005, 3, "L" if n % 2 else "P", n % 999 + 1),
                name=f"Pegawai Bina Marga {n:04d}",
                status="pns",
                grade="II/c",
                birth_date=birth,
                sex="L" if n % 2 else "P",
            )
        )
    employees = Employee.objects.bulk_create(employees)
    Assignment.objects.bulk_create(
        Assignment(
            employee=e,
            position=staff_post,
            start_date=datetime.date(2020, 1, 1),
            reason="appointment",
        )
        for e in employees
    )
    set_at = datetime.datetime(YEAR, 1, 20, 2, 0, tzinfo=datetime.UTC)
    skps = Skp.objects.bulk_create(
        Skp(
            agency=agency,
            employee=e,
            year=YEAR,
            status="set",
            form="non_jpt",
            position=staff_post,
            unit=section,
            start_date=datetime.date(YEAR, 1, 1),
            end_date=datetime.date(YEAR, 12, 31),
            rater=chief,
            rater_position=chief_post,
            rater_label=f"{chief.full_name} ({chief_post.name})",
            resource_support="Kendaraan operasional\nAlat ukur jalan",
            accountability_scheme="Laporan bulanan kepada kepala bidang",
            consequences="Penghargaan bila target tercapai",
            set_at=set_at,
        )
        for e in employees
    )
    BehaviourExpectation.objects.bulk_create(
        BehaviourExpectation(skp=skp, value=value, special_expectation="Tepat waktu")
        for skp in skps
        for value in CoreValue.values
    )
    rhks = Rhk.objects.bulk_create(
        Rhk(
            skp=skp,
            order=n,
            kind="utama" if n < 2 else "tambahan",
            text=f"Terpeliharanya ruas jalan kabupaten segmen {n + 1} dalam kondisi mantap",
        )
        for skp in skps
        for n in range(RHK_PER_PLAN)
    )
    RhkIndicator.objects.bulk_create(
        RhkIndicator(
            rhk=rhk,
            order=n,
            aspect="kuantitas" if n == 0 else "waktu",
            text=f"Panjang jalan yang dipelihara sesuai standar, indikator {n + 1}",
            target_value=Decimal("12.5"),
            unit_of_measure="km",
        )
        for rhk in rhks
        for n in range(INDICATORS_PER_RHK)
    )
    return agency, section, user, skps[0]


def _pdf_page(user, skp) -> tuple[float, int]:
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(user)
    url = reverse("skp:pdf", args=[skp.pk])
    assert client.get(url).status_code == 200  # warm up fonts and templates
    timings = []
    for _ in range(PDF_RUNS):
        start = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return statistics.median(timings), len(captured)


def _batch(user, unit) -> tuple[float, int, int]:
    from kinerja.skp.documents import batch
    from kinerja.skp.models import SkpPrintJob

    job = batch.print_job_create(actor=user, unit=unit, year=YEAR)
    with CaptureQueriesContext(connection) as captured:
        start = time.perf_counter()
        batch.print_job_run(job.pk, user_id=user.pk, language="id")
        seconds = time.perf_counter() - start
    job = SkpPrintJob.objects.get(pk=job.pk)
    assert job.status == "done", job.message
    size = job.file.size
    job.file.delete(save=False)
    return seconds, len(captured), size


def run(database: str | None = None, plans: int = PLANS) -> list[dict]:
    database = database or connection.vendor
    with transaction.atomic():
        _agency, unit, user, skp = _build(plans)
    pdf_seconds, pdf_queries = _pdf_page(user, skp)
    batch_seconds, batch_queries, size = _batch(user, unit)
    return [
        {
            "name": (
                f"SKP PDF page (A.1.7 + A.1.8, {RHK_PER_PLAN} RHK x {INDICATORS_PER_RHK} "
                "indicators, median of 10)"
            ),
            "database": database,
            "result": f"{pdf_seconds * 1000:.0f} ms",
            "queries": pdf_queries,
            "target": "< 1 s",
        },
        {
            "name": f"SKP batch print task: {plans} PDFs into one ZIP ({size / 1e6:.1f} MB)",
            "database": database,
            "result": f"{batch_seconds:.1f} s ({batch_seconds / plans * 1000:.0f} ms per PDF)",
            "queries": batch_queries,
            "target": "runs as a task with progress",
        },
    ]


if __name__ == "__main__":
    import json
    import os
    import sys

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.config.settings")
    django.setup()
    count = int(sys.argv[1]) if len(sys.argv) > 1 else PLANS
    print(json.dumps(run(plans=count), indent=2))
