"""Uploading a file as evidence of a realisation through the API: the same people as the pages
(only the employee, on an editable realisation) and the same checks (type by content, size,
SHA-256). The world of test_views_permissions: staf's Q1 draft has a text evidence."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from kinerja.core.tests.permission_table import ANONYMOUS, Row, answer_of, api_answers
from kinerja.results.models import Evidence
from kinerja.results.tests.permission_world import PDF, built_world

pytestmark = pytest.mark.django_db
API = "/api/v1/results"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with built_world(django_db_blocker, tmp_path_factory) as data:
        yield data


@pytest.fixture(autouse=True)
def _private_media_root():
    """The evidence files stay in the module's folder (shared_data), where they were saved."""


def _pdf(name="laporan-akhir.pdf", data=PDF + b"% akhir\n"):
    return SimpleUploadedFile(name, data, "application/pdf")


FILE_ADD = Row(
    f"POST {API}/realisations/{{realisation_id}}/evidence/file",
    api_answers(403, staf=200, dokter=404, outsider=404, kabid=403),
    args=lambda w: {"realisation_id": w.draft},
    body=lambda w: {"file": _pdf()},
)
PERMISSION_ROWS = [FILE_ADD]


def _post(client, world, persona, realisation, upload):
    client.logout()
    if persona != ANONYMOUS:
        client.force_login(world.personas.users[persona])
    return client.post(f"{API}/realisations/{realisation}/evidence/file", {"file": upload})


@pytest.mark.parametrize(("persona", "expected"), FILE_ADD.cases())
def test_only_the_employee_uploads_evidence_through_the_api(client, world, persona, expected):
    response = _post(client, world, persona, world.draft, _pdf())
    assert answer_of(response) == expected
    files = Evidence.objects.filter(realisation_id=world.draft, kind="file")
    assert files.exists() == (expected == 200)


def test_the_file_is_checked_and_its_sha256_kept(client, world):
    data = PDF + b"% akhir\n"
    body = _post(client, world, "staf", world.draft, _pdf(data=data)).json()
    [item] = [e for e in body["evidence"] if e["kind"] == "file"]
    assert item["sha256"] == hashlib.sha256(data).hexdigest()
    assert item["content_type"] == "application/pdf" and item["download_url"]


def test_a_file_whose_content_is_not_its_type_is_a_field_error(client, world):
    html = SimpleUploadedFile("laporan.pdf", b"<html><script></script></html>", "application/pdf")
    response = _post(client, world, "staf", world.draft, html)
    assert response.status_code == 400 and "file" in response.json()["detail"]
    exe = SimpleUploadedFile("laporan.exe", b"MZ\x90\x00", "application/octet-stream")
    assert _post(client, world, "staf", world.draft, exe).status_code == 400
    assert not Evidence.objects.filter(realisation_id=world.draft, kind="file").exists()


def test_a_file_too_big_is_a_field_error(client, world):
    with override_settings(EVIDENCE_MAX_BYTES=10):
        response = _post(client, world, "staf", world.draft, _pdf())
    assert response.status_code == 400 and "file" in response.json()["detail"]


def test_a_submitted_or_verified_realisation_takes_no_file(client, world):
    assert _post(client, world, "staf", world.submitted, _pdf()).status_code == 400
    assert _post(client, world, "staf", world.verified, _pdf()).status_code == 409


def test_a_missing_file_is_refused(client, world):
    client.force_login(world.personas.users["staf"])
    assert client.post(f"{API}/realisations/{world.draft}/evidence/file", {}).status_code == 422
