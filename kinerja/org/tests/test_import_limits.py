"""Limits of an import: the unpacked size and the packing of a workbook (checked before any
parsing), the number of rows, streaming reads, and large files in the task worker."""

import io
import re
import zipfile

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from kinerja.org.imports import import_file, import_job_create, reader
from kinerja.org.imports.template import csv_bytes
from kinerja.org.models import Employee, ImportJob, ImportStatus
from kinerja.org.tasks import import_job_start
from kinerja.org.tests.test_import_support import (
    employee_row,
    media_root,  # noqa: F401 (fixture)
    nip,
    staff_file,
    upload,
)

pytestmark = pytest.mark.usefixtures("media_root")
CLAIM = b'</sheetPr><dimension ref="A1:K3"/>'


@pytest.fixture(autouse=True)
def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def no_parsing(monkeypatch):
    """Fail the test if openpyxl is asked to parse the workbook."""

    def refuse(*args, **kwargs):
        raise AssertionError("the workbook was parsed")

    monkeypatch.setattr(reader, "load_workbook", refuse)


def _with_member(data: bytes, name: str, content: bytes) -> bytes:
    """The workbook with one more file inside, packed as tightly as zip can."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr(name, content)
    return buffer.getvalue()


def _post(client, personas, data, name="pegawai.xlsx"):
    client.force_login(personas.users["bkpsdm"])
    return client.post(reverse("org:import_list"), {"file": upload(data, name)})


def test_a_zip_bomb_is_refused_from_its_directory_without_parsing(client, personas, no_parsing):
    # 64 MB of zeros pack into about 64 KB: within the unpacked limit, but packed 1000 times.
    bomb = _with_member(staff_file(1), "xl/worksheets/sheet9.xml", bytes(64 * 1024 * 1024))
    assert len(bomb) < 200 * 1024
    response = _post(client, personas, bomb)
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "The workbook is packed far more than a spreadsheet can be (a “zip bomb”); it is not read."
    ]
    assert not ImportJob.objects.exists()


def test_a_workbook_larger_than_the_limit_once_unpacked_is_refused(
    client, personas, settings, no_parsing
):
    settings.IMPORT_MAX_UNPACKED_BYTES = 1024 * 1024
    data = _with_member(staff_file(1), "xl/media/image1.bin", bytes(range(256)) * 4096)
    response = _post(client, personas, data)
    assert response.status_code == 400
    [message] = response.context["form"].errors["file"]
    assert message.startswith("The workbook unpacks to 1.0")
    assert "workbooks up to 1.0\xa0MB once unpacked can be imported" in message
    assert not ImportJob.objects.exists()


def test_the_row_limit_takes_a_file_at_the_limit_and_refuses_one_row_more(
    client, personas, settings
):
    settings.IMPORT_MAX_ROWS = 3
    _post(client, personas, staff_file(4, first_serial=100), "empat.xlsx")
    refused = ImportJob.objects.get(original_name="empat.xlsx")
    assert refused.status == ImportStatus.INVALID
    assert [e["message"] for e in refused.errors] == [
        "The file has more than 3 data rows, the most one import can take; split it into "
        "several files."
    ]
    assert not Employee.objects.filter(nip=nip(100)).exists()
    _post(client, personas, staff_file(3, first_serial=200), "tiga.xlsx")
    assert ImportJob.objects.get(original_name="tiga.xlsx").status == ImportStatus.DONE
    assert Employee.objects.filter(nip__in=[nip(200), nip(201), nip(202)]).count() == 3


def test_the_row_limit_counts_csv_rows_and_every_sheet(personas, settings):
    settings.IMPORT_MAX_ROWS = 2
    actor = personas.users["bkpsdm"]
    rows = [employee_row(nip(300 + i), "DINKES-04") for i in range(3)]
    plan = import_file(personas.agency, csv_bytes("pegawai", rows), "p.csv", actor=actor)
    assert [e["message"] for e in plan.errors] == [
        "The file has more than 2 data rows, the most one import can take; split it into "
        "several files."
    ]
    plan = import_file(personas.agency, csv_bytes("pegawai", rows[:2]), "p.csv", actor=actor)
    assert not plan.errors


def test_workbooks_are_read_as_a_stream(personas, monkeypatch):
    modes = []
    real = reader.load_workbook

    def recording(*args, **kwargs):
        modes.append(kwargs.get("read_only"))
        return real(*args, **kwargs)

    monkeypatch.setattr(reader, "load_workbook", recording)
    actor = personas.users["bkpsdm"]
    plan = import_file(personas.agency, staff_file(2), "p.xlsx", actor=actor)
    assert not plan.errors and modes == [True]


def _queued(monkeypatch):
    """Record how import_job_start runs the task: "call" (in the request) or "enqueue"."""
    from kinerja.org import tasks

    ways = []

    class Recorder:
        def call(self, *args):
            ways.append("call")

        def enqueue(self, *args):
            ways.append("enqueue")

    monkeypatch.setattr(tasks, "run_import_job", Recorder())
    return ways


def _start(personas, data, file_format="xlsx"):
    user = personas.users["bkpsdm"]
    job = import_job_create(
        actor=user,
        agency=personas.agency,
        data=data,
        filename=f"f.{file_format}",
        file_format=file_format,
    )
    import_job_start(job, user=user, language="en")
    return job


def test_a_small_file_runs_in_the_request_and_a_large_one_in_the_worker(
    personas, settings, monkeypatch
):
    ways = _queued(monkeypatch)
    small = _start(personas, staff_file(2))
    assert small.total_rows >= 2
    settings.IMPORT_BACKGROUND_BYTES = 1000
    large = _start(personas, staff_file(2))
    # Not even counted in the request: the worker counts the rows as it reads them.
    assert large.total_rows == 0
    assert ways == ["call", "enqueue"]


def test_the_row_count_does_not_trust_the_dimension_a_workbook_states(
    personas, settings, monkeypatch
):
    """A workbook may claim two rows (A1:K3) and hold thousands: the rows are counted."""
    ways = _queued(monkeypatch)
    settings.IMPORT_BACKGROUND_ROWS = 3
    data = staff_file(5)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
    lying, changed = io.BytesIO(), 0
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(lying, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename in sheets:
                content, count = re.subn(rb"</sheetPr>", CLAIM, content, count=1)
                changed += count
            target.writestr(item, content)
    assert changed
    claimed = load_workbook(io.BytesIO(lying.getvalue()), read_only=True)
    assert claimed["pegawai"].max_row == 3
    job = _start(personas, lying.getvalue())
    assert job.total_rows >= 5 and ways == ["enqueue"]
