"""Applying import files: what is written, all or nothing, idempotence, moves, formats, queries."""

import datetime
import sqlite3

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from kinerja.core.models import AuditEvent
from kinerja.org import services
from kinerja.org.imports import (
    apply_import_plan,
    import_file,
    import_job_create,
    import_job_run,
    template,
    validate_import_file,
)
from kinerja.org.models import Assignment, Employee, ImportStatus, Position, Unit
from kinerja.org.tests.test_import_support import (
    PAST,
    employee_row,
    fill_workbook,
    media_root,  # noqa: F401 (fixture)
    nip,
    position_row,
    staff_file,
    unit_row,
    xlsx,
)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _import(personas, data, name="organisasi.xlsx", kind=None):
    plan = import_file(personas.agency, data, name, actor=personas.users["bkpsdm"], sheet_kind=kind)
    assert plan.errors == []
    return plan


def _counts():
    return (
        Unit.objects.count(),
        Position.objects.count(),
        Employee.objects.count(),
        Assignment.objects.count(),
        list(Assignment.objects.values_list("pk", "end_date").order_by("pk")),
        AuditEvent.objects.count(),
    )


def _new_organisation():
    return xlsx(
        units=[
            unit_row("DISDIK", "Dinas Pendidikan", short="Disdik"),
            unit_row("DISDIK.SD", "Bidang Sekolah Dasar", "bidang", "DISDIK"),
            unit_row("DISDIK.SD.SDN1", "SD Negeri 1", "sekolah", "DISDIK.SD"),
        ],
        positions=[
            position_row(
                "DISDIK-01", "DISDIK", "Kepala Dinas Pendidikan", "jpt_pratama", head="ya"
            ),
            position_row(
                "DISDIK-02", "DISDIK.SD", "Kepala Bidang SD", "administrator", "DISDIK-01"
            ),
            position_row(
                "DISDIK-03",
                "DISDIK.SD.SDN1",
                "Guru Ahli Pertama",
                "fungsional",
                "DISDIK-02",
                jenjang="ahli_pertama",
            ),
        ],
        employees=[
            employee_row(
                nip(11, datetime.date(1975, 4, 3), (2000, 3), "P"),
                "DISDIK-01",
                name="Ratna Sari",
                gelar_belakang="M.Pd.",
                golongan="IV/b",
                start=datetime.date(2019, 1, 2),
            ),
            employee_row(
                nip(12), "DISDIK-03", status="PPPK", golongan="IX", email="g@contoh.go.id"
            ),
        ],
    )


def test_a_first_import_creates_the_tree_people_and_posts_as_the_services_would(personas):
    actor = personas.users["bkpsdm"]
    plan = _import(personas, _new_organisation())
    assert plan.summary["unit"]["created"] == 3

    units = {u.code: u for u in Unit.objects.filter(code__startswith="DISDIK")}
    top, bidang, school = units["DISDIK"], units["DISDIK.SD"], units["DISDIK.SD.SDN1"]
    assert (top.path, top.depth) == (f"/{top.pk}/", 0)
    assert (school.path, school.depth) == (f"/{top.pk}/{bidang.pk}/{school.pk}/", 2)
    assert school.parent_id == bidang.pk and school.is_service_unit and not top.is_service_unit
    assert top.short_name == "Disdik"

    positions = {p.code: p for p in Position.objects.filter(code__startswith="DISDIK")}
    guru = positions["DISDIK-03"]
    assert guru.path == f"/{positions['DISDIK-01'].pk}/{positions['DISDIK-02'].pk}/{guru.pk}/"
    assert (guru.jenjang, guru.unit_id) == ("ahli_pertama", school.pk)
    assert positions["DISDIK-01"].is_unit_head

    ratna = Employee.objects.get(name="Ratna Sari")
    assert (ratna.birth_date, ratna.sex, ratna.grade) == (datetime.date(1975, 4, 3), "P", "IV/b")
    assignment = ratna.assignments.get()
    assert (assignment.position_id, assignment.reason, assignment.kind) == (
        positions["DISDIK-01"].pk,
        "import",
        "definitive",
    )
    assert assignment.start_date == datetime.date(2019, 1, 2) and assignment.end_date is None

    events = AuditEvent.objects.filter(actor=actor)
    assert sorted(events.values_list("action", flat=True)) == sorted(
        ["org.unit.created"] * 3
        + ["org.position.created"] * 3
        + ["org.employee.created"] * 2
        + ["org.assignment.started"] * 2
    )
    created = events.get(action="org.unit.created", object_id=str(school.pk))
    assert created.after["parent_id"] == bidang.pk and created.before is None
    assert created.agency_id == personas.agency.pk


@pytest.mark.usefixtures("media_root")
def test_a_file_with_one_bad_row_changes_nothing(personas):
    good = [employee_row(nip(100 + i), "DINKES-04") for i in range(20)]
    data = xlsx(
        units=[unit_row("DISDIK", "Dinas Pendidikan")],
        positions=[position_row("DISDIK-01", "DISDIK", kind="jpt_pratama")],
        employees=[*good, employee_row(nip(200), "DINKES-04", golongan="XX/z")],
    )
    before = _counts()
    job = import_job_create(
        actor=personas.users["bkpsdm"],
        agency=personas.agency,
        data=data,
        filename="salah.xlsx",
        file_format="xlsx",
    )
    import_job_run(job.pk, user_id=personas.users["bkpsdm"].pk, language="en")
    job.refresh_from_db()
    assert job.status == ImportStatus.INVALID
    assert [(e["sheet"], e["row"], e["column"]) for e in job.errors] == [
        ("pegawai", 22, "golongan")
    ]
    assert _counts() == before


def test_importing_the_same_file_again_changes_nothing(personas):
    data = _new_organisation()
    _import(personas, data)
    snapshot = _counts()
    stamps = dict(Employee.objects.values_list("pk", "updated_at"))
    plan = _import(personas, data)
    assert _counts() == snapshot
    assert dict(Employee.objects.values_list("pk", "updated_at")) == stamps
    assert {kind: counts["unchanged"] for kind, counts in plan.summary.items()} == {
        "unit": 3,
        "jabatan": 3,
        "pegawai": 2,
    }
    assert not plan.has_changes


def test_rows_matching_existing_data_change_nothing(personas):
    staf = personas.employees["staf"]
    data = xlsx(
        units=[unit_row("DINKES.YANKES", "Bidang Pelayanan Kesehatan", "bidang", "DINKES")],
        employees=[
            employee_row(
                staf.nip,
                "DINKES-04",
                start=datetime.date(2023, 5, 1),
                name="Dewi Lestari",
                golongan="II/c",
                telepon="081234567890",
            )
        ],
    )
    before = _counts()
    plan = _import(personas, data)
    assert _counts() == before
    assert plan.summary["pegawai"]["unchanged"] == 1 and plan.summary["unit"]["unchanged"] == 1


def test_a_corrected_file_updates_by_nip_and_records_a_move(personas):
    staf = personas.employees["staf"]
    old = staf.assignments.get()
    moved_on = datetime.date(2024, 3, 1)
    data = xlsx(
        employees=[
            employee_row(
                staf.nip,
                "BKPSDM-02",
                start=moved_on,
                name="Dewi Lestari",
                golongan="II/d",
                telepon="081234567890",
            )
        ]
    )
    last_event = AuditEvent.objects.order_by("pk").last()
    plan = _import(personas, data)
    assert plan.summary["pegawai"] == {"created": 0, "updated": 1, "moved": 1, "unchanged": 0}

    staf.refresh_from_db()
    assert staf.grade == "II/d"
    old.refresh_from_db()
    assert old.end_date == datetime.date(2024, 2, 29)
    new = staf.assignments.get(end_date__isnull=True)
    assert (new.position, new.start_date, new.reason) == (
        personas.positions["bkpsdm"],
        moved_on,
        "transfer",
    )
    new_events = AuditEvent.objects.filter(pk__gt=last_event.pk)
    actions = sorted(new_events.values_list("action", flat=True))
    assert actions == ["org.assignment.ended", "org.assignment.started", "org.employee.updated"]
    updated = AuditEvent.objects.get(action="org.employee.updated", object_id=str(staf.pk))
    assert (updated.before["grade"], updated.after["grade"]) == ("II/c", "II/d")
    ended = AuditEvent.objects.get(action="org.assignment.ended", object_id=str(old.pk))
    assert (ended.before["end_date"], ended.after["end_date"]) == (None, "2024-02-29")


def test_moving_a_unit_rewrites_the_paths_of_its_existing_sub_units(personas):
    yankes, primer = personas.units["yankes"], personas.units["primer"]
    bkpsdm = personas.units["bkpsdm"]
    data = xlsx(units=[unit_row("DINKES.YANKES", "Bidang Pelayanan Kesehatan", "bidang", "BKPSDM")])
    plan = _import(personas, data)
    assert plan.summary["unit"] == {"created": 0, "updated": 1, "moved": 1, "unchanged": 0}
    yankes.refresh_from_db()
    primer.refresh_from_db()
    assert (yankes.path, yankes.depth) == (f"{bkpsdm.path}{yankes.pk}/", 1)
    assert (primer.path, primer.depth) == (f"{bkpsdm.path}{yankes.pk}/{primer.pk}/", 2)
    event = AuditEvent.objects.get(action="org.unit.updated")
    assert (event.before["parent_id"], event.after["parent_id"]) == (
        personas.units["dinkes"].pk,
        bkpsdm.pk,
    )


def test_moving_a_position_rewrites_the_paths_below_it(personas):
    p = personas.positions
    data = xlsx(
        positions=[
            position_row(
                "DINKES-03",
                "DINKES.YANKES.PRIMER",
                "Kepala Seksi Pelayanan Kesehatan Primer",
                "pengawas",
                "BKPSDM-01",
                head="ya",
            )
        ]
    )
    _import(personas, data)
    for key in ("kasi", "staf"):
        p[key].refresh_from_db()
    assert p["kasi"].path == f"{p['kabkpsdm'].path}{p['kasi'].pk}/"
    assert p["staf"].path == f"{p['kasi'].path}{p['staf'].pk}/"


def test_an_acting_post_runs_beside_the_definitive_one(personas):
    kasi = personas.employees["kasi"]
    data = xlsx(
        employees=[
            employee_row(
                kasi.nip,
                "DINKES-02",
                start=datetime.date(2024, 1, 2),
                name="Agus Santoso",
                gelar_belakang="S.Kep.",
                golongan="III/d",
                jenis_penugasan="Plt",
            )
        ]
    )
    _import(personas, data)
    running = kasi.assignments.filter(end_date__isnull=True)
    assert sorted(running.values_list("kind", "reason")) == [
        ("definitive", "appointment"),
        ("plt", "import"),
    ]


def test_a_csv_with_semicolons_and_a_byte_order_mark_is_imported(personas):
    data = template.csv_bytes("pegawai", [employee_row(nip(300), "DINKES-04", name="Sri")])
    assert data.startswith(b"\xef\xbb\xbfnip;nama;")
    _import(personas, data, "pegawai.csv")
    assert Employee.objects.get(name="Sri").assignments.get().position == personas.positions["staf"]


def test_a_csv_with_commas_and_no_byte_order_mark_is_imported_as_the_chosen_kind(personas):
    data = template.csv_bytes(
        "unit",
        [unit_row("DISDIK", "Dinas Pendidikan, Pemuda dan Olahraga")],
        delimiter=",",
        bom=False,
    )
    _import(personas, data, "unit.csv", kind="unit")
    assert Unit.objects.get(code="DISDIK").name == "Dinas Pendidikan, Pemuda dan Olahraga"


def test_the_filled_in_template_imports_and_its_examples_are_skipped(personas):
    data = fill_workbook(
        template.template_workbook(),
        {
            "unit": [["DISDIK", "Dinas Pendidikan", "", "dinas", ""]],
            "jabatan": [["DISDIK-01", "Kepala Dinas", "jpt_pratama", "", "DISDIK", "", "ya"]],
            "pegawai": [
                [
                    nip(400),
                    "Joko",
                    "",
                    "S.Pd.",
                    "PNS",
                    "IV/a",
                    "DISDIK-01",
                    "02-01-2022",
                    "",
                    "",
                    "",
                ]
            ],
        },
    )
    plan = _import(personas, data, "templat-impor-kinerja.xlsx")
    assert [kind["created"] for kind in plan.summary.values()] == [1, 1, 1]
    assert not Unit.objects.filter(code__contains="#").exists()
    assert Employee.objects.get(name="Joko").assignments.get().start_date == datetime.date(
        2022, 1, 2
    )


def test_a_change_after_validation_is_caught_before_writing(personas):
    staf = personas.employees["staf"]
    data = xlsx(
        employees=[
            employee_row(
                staf.nip,
                "BKPSDM-02",
                start=PAST,
                name="Dewi Lestari",
                golongan="II/c",
                telepon="081234567890",
            )
        ]
    )
    plan = validate_import_file(personas.agency, data, "a.xlsx")
    assert plan.is_valid
    services.assignment_start(
        actor=None,
        employee=staf,
        position=personas.positions["dokter"],
        start_date=datetime.date(2022, 1, 3),
    )
    before = _counts()
    applied = apply_import_plan(plan, actor=personas.users["bkpsdm"])
    assert [e["column"] for e in applied.errors] == ["tmt_jabatan"]
    assert _counts() == before


def _queries_to_import(personas, count: int, first_serial: int) -> int:
    data = staff_file(count, first_serial=first_serial)
    with CaptureQueriesContext(connection) as ctx:
        _import(personas, data)
    return len(ctx.captured_queries)


def test_importing_employees_takes_the_same_number_of_queries_for_50_or_200_rows(
    personas, django_assert_max_num_queries, monkeypatch
):
    if connection.vendor == "sqlite":
        # Django assumes SQLite's old limit of 999 parameters and splits a bulk insert into
        # chunks of about 70 employees; use the real limit so that the count measures the
        # importer's batches, as on PostgreSQL.
        limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        monkeypatch.setattr(connection.features, "max_query_params", limit)
    few = _queries_to_import(personas, 50, first_serial=100)
    with django_assert_max_num_queries(few):
        _queries_to_import(personas, 200, first_serial=200)
    assert Employee.objects.filter(assignments__position=personas.positions["staf"]).count() == 251
