"""Who gets what from the attendance pages and API: the permission table of the house.

Personas: anonymous; dokter, a pegawai of Puskesmas (in Dinas Kesehatan); kasi, the atasan of
staf; staf, admin of Dinas Kesehatan; bkpsdm; pimpinan; auditor; outsider, the BKPSDM admin of
another agency. Staf has days in March 2026; kasi has a sanction notice; bkpsdm uploaded an
import. "login" is a redirect to the login page; 302 after a POST is the redirect that follows
a successful action.
"""

from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.activities import services
from kinerja.activities.models import AttendanceDay, SanctionNotice
from kinerja.activities.tests.data import (
    attendance_rows,
    csv_bytes,
    present_on,
    run_import,
    working_days,
)
from kinerja.core.tests.permission_table import (
    Row,
    answers,
    api_answers,
    ask,
    shared_data,
    table_cases,
)
from kinerja.org.tests.personas import build_personas

pytestmark = pytest.mark.django_db

MARCH = working_days()
MONTH = {"bulan": "2026-03"}
API_MONTH = {"year": 2026, "month": 3}


@dataclass(repr=False)
class World:
    personas: object
    import_pk: int
    notice_pk: int

    def employee(self, key):
        return self.personas.employees[key].pk

    def unit(self, key):
        return self.personas.units[key].pk


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with shared_data(django_db_blocker, tmp_path_factory):
        personas = build_personas()
        job = run_import(personas, csv_bytes(attendance_rows(personas.employees["staf"], MARCH)))
        present_on(personas.employees["kasi"], [MARCH[0], *MARCH[6:]])
        services.sanctions_recompute(agency_id=personas.agency.pk, year=2026)
        yield World(personas, job.pk, SanctionNotice.objects.get().pk)


def _upload(world):
    rows = attendance_rows(world.personas.employees["dokter"], MARCH[:1])
    return {"kind": "attendance", "file": SimpleUploadedFile("mesin.csv", csv_bytes(rows))}


# Summaries: whole-agency roles and unit admins; a pegawai or atasan is sent to their own month.
SUMMARY = answers(200, dokter=302, kasi=302)
ATTENDANCE = Row("activities:attendance", SUMMARY, query=MONTH)
EXPORT = Row(
    "activities:export",
    answers(200, dokter=403, kasi=403, outsider=404),
    query=lambda w: {"unit": w.unit("dinkes"), **MONTH},
)
LEAVES = Row("activities:leaves", answers(200, dokter=403, kasi=403), query=MONTH)
# The month of staf: staf, the atasan, the whole-agency roles; not a colleague elsewhere.
EMPLOYEE_MONTH = Row(
    "activities:employee_month",
    answers(200, dokter=404, outsider=404),
    args=lambda w: [w.employee("staf")],
    query=MONTH,
)
# Correcting dokter's day: BKPSDM and the admin of Dinas Kesehatan (staf).
CORRECT = answers(403, staf=200, bkpsdm=200, kasi=404, outsider=404)
CORRECT_PAGE = Row(
    "activities:day_correct", CORRECT, args=lambda w: [w.employee("dokter"), "2026-03-02"]
)
CORRECT_POST = Row(
    "activities:day_correct",
    {**CORRECT, "staf": 302, "bkpsdm": 302},
    method="post",
    args=lambda w: [w.employee("dokter"), "2026-03-02"],
    body={"time_in": "07:30", "time_out": "16:00", "reason": "Tugas luar pagi"},
)
IMPORTER = answers(403, staf=200, bkpsdm=200, outsider=200)
IMPORTS = Row("activities:imports", IMPORTER)
UPLOAD = Row(
    "activities:imports",
    {**IMPORTER, "staf": 302, "bkpsdm": 302, "outsider": 302},
    method="post",
    body=_upload,
)
TEMPLATE = Row("activities:import_template", IMPORTER, query={"kind": "leave", "format": "csv"})
IMPORT_OF_BKPSDM = answers(403, staf=404, bkpsdm=200, outsider=404)
IMPORT_DETAIL = Row("activities:import_detail", IMPORT_OF_BKPSDM, args=lambda w: [w.import_pk])
IMPORT_PROGRESS = Row("activities:import_progress", IMPORT_OF_BKPSDM, args=lambda w: [w.import_pk])
SETTING = Row("activities:setting", answers(403, bkpsdm=200, outsider=200))
SETTING_POST = Row(
    "activities:setting",
    answers(403, bkpsdm=302, outsider=302),
    method="post",
    body={
        "id_column": "nip",
        "date_column": "tanggal",
        "time_in_column": "jam_masuk",
        "time_out_column": "jam_pulang",
        "timestamp_column": "",
        "date_format": "%Y-%m-%d",
        "time_format": "%H:%M",
        "work_start": "07:30",
        "work_end": "16:00",
        "friday_end": "16:30",
        "grace_minutes": "5",
    },
)
# The kasi's notice (a light sanction) names the kabid, the superior above, as the official who
# decides it: the kabid reads it and may record the decision; the pimpinan decides only what
# the regional head decides.
NOTICES = Row(
    "activities:notices",
    answers(403, bkpsdm=200, pimpinan=200, auditor=200, outsider=200, kabid=200, kadinkes=403),
)
NOTICE_READERS = answers(404, bkpsdm=200, pimpinan=200, auditor=200, kabid=200, kadinkes=404)
NOTICE = Row("activities:notice_detail", NOTICE_READERS, args=lambda w: [w.notice_pk])
DECIDE = Row(
    "activities:notice_detail",
    {**NOTICE_READERS, "bkpsdm": 302, "pimpinan": 403, "auditor": 403, "kabid": 302},
    method="post",
    args=lambda w: [w.notice_pk],
    body={
        "decided_level": "teguran_tertulis",
        "decree_number": "800/1/BKPSDM",
        "decree_date": "2026-04-01",
        "confirm": "on",
    },
)

API_SUMMARY = Row(
    "GET /api/v1/attendance/units/{unit_id}/summary",
    api_answers(200, dokter=403, kasi=403, outsider=404),
    args=lambda w: {"unit_id": w.unit("dinkes")},
    query=API_MONTH,
)
API_EMPLOYEE_MONTH = Row(
    "GET /api/v1/attendance/employees/{employee_id}/month",
    api_answers(200, dokter=404, outsider=404),
    args=lambda w: {"employee_id": w.employee("staf")},
    query=API_MONTH,
)
API_LEAVES = Row(
    "GET /api/v1/attendance/leaves", api_answers(200, dokter=403, kasi=403), query=API_MONTH
)
API_IMPORT = Row(
    "GET /api/v1/attendance/imports/{import_id}",
    api_answers(403, staf=404, bkpsdm=200, outsider=404),
    args=lambda w: {"import_id": w.import_pk},
)

PERMISSION_ROWS = [
    ATTENDANCE,
    EXPORT,
    LEAVES,
    EMPLOYEE_MONTH,
    CORRECT_PAGE,
    CORRECT_POST,
    IMPORTS,
    UPLOAD,
    TEMPLATE,
    IMPORT_DETAIL,
    IMPORT_PROGRESS,
    SETTING,
    SETTING_POST,
    NOTICES,
    NOTICE,
    DECIDE,
    API_SUMMARY,
    API_EMPLOYEE_MONTH,
    API_LEAVES,
    API_IMPORT,
]


@pytest.mark.parametrize(("row", "persona", "expected"), table_cases(PERMISSION_ROWS))
def test_every_role_gets_its_answer(client, world, row, persona, expected):
    assert ask(client, world.personas, row, persona, world) == expected


@pytest.mark.parametrize(("persona", "expected"), CORRECT_POST.cases())
def test_only_a_correction_allowed_is_saved(client, world, persona, expected):
    ask(client, world.personas, CORRECT_POST, persona, world)
    corrected = AttendanceDay.objects.filter(is_corrected=True).exists()
    assert corrected == (expected == 302)


@pytest.mark.parametrize(("persona", "expected"), DECIDE.cases())
def test_only_bkpsdm_and_the_deciding_official_record_a_decision(client, world, persona, expected):
    ask(client, world.personas, DECIDE, persona, world)
    notice = SanctionNotice.objects.get(pk=world.notice_pk)
    assert (notice.status == "decided") == (expected == 302)
