"""Import 10,000 new employees into the seeded agency from an .xlsx file, as BKPSDM would."""

import datetime
import random
import time

from kinerja.accounts.models import User
from kinerja.org import rules
from kinerja.org.imports import import_file
from kinerja.org.imports.columns import EMPLOYEE
from kinerja.org.imports.template import workbook_bytes
from kinerja.org.models import Employee, Position, PositionKind


def _workbook(agency, rows: int) -> bytes:
    return workbook_bytes({EMPLOYEE: _employee_rows(agency, rows)})


def _employee_rows(agency, rows: int):
    rng = random.Random(7)
    codes = list(
        Position.objects.filter(agency=agency, kind=PositionKind.PELAKSANA)
        .order_by("code")
        .values_list("code", flat=True)
    )
    taken = set(Employee.objects.filter(agency=agency).values_list("nip", flat=True))
    made = 0
    while made < rows:
        birth = datetime.date(rng.randint(1970, 1999), rng.randint(1, 12), rng.randint(1, 28))
        year = birth.year + rng.randint(20, 25)
        nip = rules.compose_nip(
            birth, year, rng.randint(1, 12), rng.choice("LP"), rng.randint(1, 999)
        )
        if nip in taken:
            continue
        taken.add(nip)
        made += 1
        yield {
            "nip": nip,
            "nama": f"Pegawai Impor {made:05d}",
            "status": "PNS",
            "golongan": "II/c",
            "kode_jabatan": rng.choice(codes),
            "tmt_jabatan": "02-01-2025",
            "jenis_penugasan": "definitif",
        }


def run(rows: int) -> tuple[float, int]:
    actor = User.objects.get(username="bkpsdm")
    data = _workbook(actor.agency, rows)
    start = time.perf_counter()
    plan = import_file(actor.agency, data, "bench-pegawai.xlsx", actor=actor)
    seconds = time.perf_counter() - start
    if plan.errors:
        raise SystemExit(f"benchmark import was rejected: {plan.errors[:5]}")
    return seconds, rows
