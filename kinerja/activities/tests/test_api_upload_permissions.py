"""Uploading an attendance or leave file through the API: the same people as the imports page,
the same checks (size, format by content), the same run and the same report of bad rows.

Personas: staf is the admin of Dinas Kesehatan, bkpsdm the agency's BKPSDM admin, outsider the
BKPSDM admin of another agency (who imports into their own agency only).
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from kinerja.activities.models import AttendanceDay, AttendanceImport
from kinerja.activities.tests.data import MARCH, attendance_rows, csv_bytes, working_days
from kinerja.core.tests.permission_table import ANONYMOUS, Row, answer_of, api_answers

pytestmark = pytest.mark.django_db
URL = "/api/v1/attendance/imports"


def _file(data: bytes, name="absensi.csv"):
    return SimpleUploadedFile(name, data, "text/csv")


def _staf_march(personas) -> bytes:
    return csv_bytes(attendance_rows(personas.employees["staf"], working_days(*MARCH)[:3]))


UPLOAD = Row(
    f"POST {URL}",
    # the imports page's people; the outsider imports into their own agency
    api_answers(403, staf=200, bkpsdm=200, outsider=200),
    body=lambda personas: {"kind": "attendance", "file": _file(_staf_march(personas))},
)
PERMISSION_ROWS = [UPLOAD]


def _post(client, personas, persona, body):
    client.logout()
    if persona != ANONYMOUS:
        client.force_login(personas.users[persona])
    return client.post(URL, body)


@pytest.mark.parametrize(("persona", "expected"), UPLOAD.cases())
def test_the_importers_of_the_page_upload_through_the_api(client, personas, persona, expected):
    response = _post(client, personas, persona, UPLOAD.body(personas))
    assert answer_of(response) == expected
    assert AttendanceImport.objects.exists() == (expected == 200)


def test_a_valid_file_runs_as_on_the_page_and_records_the_days(client, personas):
    response = _post(client, personas, "staf", UPLOAD.body(personas))
    body = response.json()
    assert body["status"] == "done" and body["kind"] == "attendance"
    assert AttendanceDay.objects.filter(employee=personas.employees["staf"]).count() == 3


def test_rows_of_another_unit_are_reported_and_nothing_changes(client, personas):
    """The admin of Dinas Kesehatan cannot import days of a BKPSDM employee."""
    rows = attendance_rows(personas.employees["staf"], working_days(*MARCH)[:2])
    rows += attendance_rows(personas.employees["bkpsdm"], working_days(*MARCH)[:1])
    response = _post(
        client, personas, "staf", {"kind": "attendance", "file": _file(csv_bytes(rows))}
    )
    body = response.json()
    assert response.status_code == 200 and body["status"] == "invalid"
    [error] = body["errors"]
    assert personas.employees["bkpsdm"].nip in error["message"], error
    assert not AttendanceDay.objects.exists()


def test_a_file_that_is_not_a_spreadsheet_is_a_field_error(client, personas):
    pdf = SimpleUploadedFile("absensi.csv", b"%PDF-1.4\n\x00\x01\x02binary", "text/csv")
    response = _post(client, personas, "bkpsdm", {"kind": "attendance", "file": pdf})
    assert response.status_code == 400
    assert "file" in response.json()["detail"]
    assert not AttendanceImport.objects.exists()


def test_a_file_too_big_is_a_field_error(client, personas):
    with override_settings(IMPORT_MAX_BYTES=10):
        response = _post(client, personas, "bkpsdm", UPLOAD.body(personas))
    assert response.status_code == 400
    assert "file" in response.json()["detail"]
    assert not AttendanceImport.objects.exists()


def test_a_missing_file_or_kind_is_refused(client, personas):
    client.force_login(personas.users["bkpsdm"])
    assert client.post(URL, {"kind": "attendance"}).status_code == 422
    assert client.post(URL, {"kind": "nothing", "file": _file(b"x")}).status_code == 422
