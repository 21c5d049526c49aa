"""Benchmark of the matriks peran hasil: one leader, 300 subordinates, six indicator columns.

`run()` builds its own unit in the first agency of the database (the seeded one under
`bench.suite`), then times `matrix_save` for 1,800 cells three times: the first save (300 draft
plans and 1,800 RHK created), a save that rewrites every role (1,800 RHK updated) and a save
where nothing changed. Run alone against an empty database with
`DATABASE_URL=... python -m bench.skp_matrix_bench`.
"""

from __future__ import annotations

import datetime
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext

PEOPLE = 300
RHKS, INDICATORS_PER_RHK = 2, 3
TARGET = "< 2 s on PostgreSQL"


def _build(people: int):
    from kinerja.org import rules as org_rules
    from kinerja.org.models import Agency, Employee
    from kinerja.org.services import assignment_start, employee_create, position_create, unit_create
    from kinerja.skp import services

    agency = Agency.objects.order_by("pk").first()
    if agency is None:
        agency = Agency.objects.create(
            code="bench",
            name="Kabupaten Bench",
            kind="kabupaten",
            region_name="Bench",
            head_title="Bupati",
        )
    stamp = datetime.datetime.now().strftime("%H%M%S%f")
    unit = unit_create(
        actor=None, agency=agency, code=f"MPH{stamp}", name="Bidang Matriks", kind="dinas"
    )
    head = position_create(
        actor=None,
        agency=agency,
        unit=unit,
        code=f"MPH{stamp}-1",
        name="Kepala Bidang Matriks",
        kind="administrator",
        is_unit_head=True,
    )
    staff = position_create(
        actor=None,
        agency=agency,
        unit=unit,
        code=f"MPH{stamp}-2",
        name="Pelaksana Matriks",
        kind="pelaksana",
        parent=head,
    )
    taken = set(Employee.objects.filter(agency=agency).values_list("nip", flat=True))
    start = datetime.date(2020, 1, 1)

    def person(index: int, position):
        birth = datetime.date(1966, 1, 1) + datetime.timedelta(days=index * 7)
        serial = 1
        nip = org_rules.compose_nip(birth, 1990 + index % 20, 3, "L", serial)
        while nip in taken:
            serial += 1
            nip = org_rules.compose_nip(birth, 1990 + index % 20, 3, "L", serial)
        taken.add(nip)
        employee = employee_create(
            actor=None,
            agency=agency,
            nip=nip,
            name=f"Pegawai Matriks {index:03d}",
            status="pns",
            grade="III/a",
        )
        assignment_start(
            actor=None,
            employee=employee,
            position=position,
            start_date=start,
            kind="definitive",
            reason="appointment",
        )
        return employee

    leader = person(0, head)
    staff_people = [person(i, staff) for i in range(1, people + 1)]
    year = datetime.date.today().year
    plan = services.skp_create(actor=None, employee=leader, year=year)
    indicators = []
    for r in range(RHKS):
        rhk = services.rhk_add(actor=None, skp=plan, text=f"Hasil bidang {r + 1}")
        for i in range(INDICATORS_PER_RHK):
            indicators.append(
                services.indicator_add(actor=None, rhk=rhk, text=f"Indikator {r + 1}.{i + 1}")
            )
    return leader, staff_people, indicators, year


def _save(leader, cells, year):
    from kinerja.skp.services.matrix import matrix_save

    with CaptureQueriesContext(connection) as captured:
        start = time.perf_counter()
        result = matrix_save(actor=None, leader=leader, year=year, cells=cells)
        seconds = time.perf_counter() - start
    return seconds, len(captured), result


def run(database: str | None = None, people: int = PEOPLE) -> list[dict]:
    """Time the three saves; everything the benchmark wrote is rolled back afterwards."""
    from django.db import transaction

    with transaction.atomic():
        rows = _run(database or connection.vendor, people)
        transaction.set_rollback(True)
    return rows


def _run(database: str, people: int) -> list[dict]:
    leader, staff, indicators, year = _build(people)

    def cells(suffix: str):
        return [
            {
                "leader_indicator_key": indicator.key,
                "employee_id": employee.pk,
                "role_text": f"Peran {employee.name} pada {indicator.text}{suffix}",
                "no_role": False,
                "kind": "utama",
            }
            for employee in staff
            for indicator in indicators
        ]

    first = _save(leader, cells(""), year)
    changed = _save(leader, cells(" (diubah)"), year)
    unchanged = _save(leader, cells(" (diubah)"), year)
    count = len(staff) * len(indicators)
    label = f"matrix_save {len(staff)} people x {len(indicators)} indicators ({count:,} cells)"
    rows = []
    for name, (seconds, queries, _result) in (
        (f"{label}, first save (drafts and RHK created)", first),
        (f"{label}, every role rewritten", changed),
        (f"{label}, nothing changed", unchanged),
    ):
        rows.append(
            {
                "name": name,
                "database": database,
                "result": f"{seconds:.2f} s",
                "queries": queries,
                "target": TARGET,
            }
        )
    return rows


if __name__ == "__main__":
    import json
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.config.settings")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    print(json.dumps(run(), indent=2))
