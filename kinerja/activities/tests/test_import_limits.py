"""Limits of an attendance or leave import, as of the organisation import: the unpacked size and
the packing of a workbook (checked from the zip's directory, before any parsing), the number of
rows (a clear message), streaming reads, and large files in the task worker."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from kinerja.activities import imports, tasks
from kinerja.activities.models import (
    AttendanceDay,
    AttendanceImport,
    AttendanceSetting,
    ImportStatus,
)
from kinerja.activities.tests.data import attendance_rows, csv_bytes, run_import, working_days
from kinerja.core.spreadsheets import append_row


@pytest.fixture(autouse=True)
def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def no_parsing(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the workbook was parsed")

    monkeypatch.setattr(imports, "load_workbook", refuse)


@pytest.fixture
def ways(monkeypatch):
    """How the import task is run: "call" (in the request) or "enqueue" (the worker)."""
    seen = []

    class Recorder:
        def call(self, *args):
            seen.append("call")

        def enqueue(self, *args):
            seen.append("enqueue")

    monkeypatch.setattr(tasks, "run_attendance_import", Recorder())
    return seen


def _workbook(rows, extra: tuple[str, bytes] | None = None) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("absensi")
    append_row(sheet, ["nip", "tanggal", "jam_masuk", "jam_pulang"])
    for row in rows:
        append_row(sheet, row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    if extra is None:
        return buffer.getvalue()
    packed = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr(*extra)
    return packed.getvalue()


def _upload(client, personas, data: bytes, name: str):
    client.force_login(personas.users["bkpsdm"])
    return client.post(
        reverse("activities:imports"),
        {"kind": "attendance", "file": SimpleUploadedFile(name, data)},
    )


def test_a_zip_bomb_is_refused_from_its_directory_without_parsing(client, personas, no_parsing):
    bomb = _workbook([], ("xl/worksheets/sheet9.xml", bytes(64 * 1024 * 1024)))
    assert len(bomb) < 200 * 1024
    response = _upload(client, personas, bomb, "mesin.xlsx")
    assert response.status_code == 400
    assert "zip bomb" in response.context["form"].errors["file"][0]
    assert not AttendanceImport.objects.exists()


def test_a_workbook_larger_than_the_limit_once_unpacked_is_refused(
    client, personas, settings, no_parsing
):
    settings.IMPORT_MAX_UNPACKED_BYTES = 1024 * 1024
    data = _workbook([], ("xl/media/image1.bin", bytes(range(256)) * 4096))
    response = _upload(client, personas, data, "mesin.xlsx")
    assert response.status_code == 400
    assert response.context["form"].errors["file"][0].startswith("The workbook unpacks to 1.0")
    assert not AttendanceImport.objects.exists()


def test_a_file_larger_than_the_upload_limit_is_refused(client, personas, settings):
    settings.IMPORT_MAX_BYTES = 1000
    data = csv_bytes([("199001012020011001", "2026-03-02", "07:25", "16:05")] * 40)
    response = _upload(client, personas, data, "mesin.csv")
    assert response.status_code == 400
    assert response.context["form"].errors["file"][0].startswith("The file is ")
    assert not AttendanceImport.objects.exists()


def test_a_file_with_more_rows_than_the_limit_is_refused_with_a_clear_message(
    personas, monkeypatch
):
    monkeypatch.setattr(imports, "MAX_ROWS", 3)
    staf = personas.employees["staf"]
    job = run_import(personas, csv_bytes(attendance_rows(staf, working_days()[:4])))
    assert job.status != ImportStatus.DONE
    # The worker writes in the agency's language (Indonesian by default).
    with translation.override("id"):
        message = translation.gettext("The file has too many rows; split it into several files.")
    assert [e["message"] for e in job.errors] == [message]
    assert not AttendanceDay.objects.exists()
    at_the_limit = run_import(personas, csv_bytes(attendance_rows(staf, working_days()[:3])))
    assert at_the_limit.status == ImportStatus.DONE


def test_a_workbook_is_read_in_streaming_mode(personas, monkeypatch):
    modes = []
    real = imports.load_workbook

    def spy(*args, **kwargs):
        modes.append(kwargs.get("read_only"))
        return real(*args, **kwargs)

    monkeypatch.setattr(imports, "load_workbook", spy)
    imports.parse_attendance(_workbook([]), "mesin.xlsx", AttendanceSetting())
    assert modes == [True]


def test_a_small_csv_runs_in_the_request_and_a_large_file_or_a_workbook_in_the_worker(
    client, personas, settings, ways
):
    staf = personas.employees["staf"]
    small = csv_bytes(attendance_rows(staf, working_days()[:3]))
    assert _upload(client, personas, small, "kecil.csv").status_code == 302
    settings.IMPORT_BACKGROUND_ROWS = 2
    assert _upload(client, personas, small, "besar.csv").status_code == 302
    workbook = _workbook(attendance_rows(staf, working_days()[:1]))
    assert _upload(client, personas, workbook, "mesin.xlsx").status_code == 302
    assert ways == ["call", "enqueue", "enqueue"]
