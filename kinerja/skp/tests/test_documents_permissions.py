"""Who gets what from the SKP documents pages: the permission table (architecture rule 5).

Roles: anonymous citizen, pegawai (dokter), atasan (kasi), admin unit (staf, admin of Dinas
Kesehatan), BKPSDM, pimpinan, auditor, a user of another agency (outsider); plus the heads
kabid and kadinkes where the page is about their units. 302 is the login page.
"""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from kinerja.skp.documents import batch
from kinerja.skp.models import PrintJobStatus
from kinerja.skp.tests.factories import YEAR, chain_of_plans

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "dokter",
    "kasi",
    "staf",
    "bkpsdm",
    "pimpinan",
    "auditor",
    "outsider",
    "kabid",
    "kadinkes",
]


def table(*answers):
    return list(zip(ROLES, answers, strict=True))


@pytest.fixture
def plans(personas):
    return chain_of_plans(personas)


def answer(client, personas, role, url, data=None, method="get"):
    if role != "anonymous":
        client.force_login(personas.users[role])
    response = getattr(client, method)(url, data or {})
    if response.status_code == 302 and role == "anonymous":
        assert "/akun/masuk/" in response["Location"]
    return response.status_code


# The kasi's set plan: the owner, the rater (kabid), the rater's superior (kadinkes), the
# admin of Dinas Kesehatan and the agency-wide roles; the dokter is outside its scope.
@pytest.mark.parametrize(
    ("role", "expected"), table(302, 404, 200, 200, 200, 200, 200, 404, 200, 200)
)
def test_skp_pdf_is_for_whoever_may_view_the_plan(client, personas, plans, role, expected):
    url = reverse("skp:pdf", args=[plans["kasi"].pk])
    assert answer(client, personas, role, url) == expected


# Recap of the whole Dinas Kesehatan: its head, its admin, BKPSDM, pimpinan and auditors.
@pytest.mark.parametrize(
    ("role", "expected"), table(302, 403, 403, 200, 200, 200, 200, 404, 403, 200)
)
def test_dinkes_recap_is_for_its_head_admin_and_overseers(client, personas, plans, role, expected):
    url = reverse("skp:unit_recap", args=[personas.units["dinkes"].pk])
    assert answer(client, personas, role, url, {"year": YEAR}) == expected


# Recap of the Seksi Primer: its head (kasi) and the heads above it may download it too.
@pytest.mark.parametrize(
    ("role", "expected"), table(302, 403, 200, 200, 200, 200, 200, 404, 200, 200)
)
def test_seksi_recap_is_also_for_the_heads_above_it(client, personas, plans, role, expected):
    url = reverse("skp:unit_recap", args=[personas.units["primer"].pk])
    assert answer(client, personas, role, url, {"year": YEAR}) == expected


# Batch page for Dinas Kesehatan: BKPSDM and the admin of Dinas Kesehatan only.
@pytest.mark.parametrize(
    ("role", "expected"), table(302, 403, 403, 200, 200, 403, 403, 404, 403, 403)
)
def test_batch_page_is_for_bkpsdm_and_the_unit_admin(client, personas, plans, role, expected):
    url = reverse("skp:batch")
    data = {"unit": personas.units["dinkes"].pk, "year": YEAR}
    assert answer(client, personas, role, url, data) == expected


@pytest.mark.parametrize(
    ("role", "expected"), table(302, 403, 403, 302, 302, 403, 403, 404, 403, 403)
)
def test_starting_a_batch_is_for_bkpsdm_and_the_unit_admin(client, personas, plans, role, expected):
    url = reverse("skp:batch")
    data = {"unit": personas.units["dinkes"].pk, "year": YEAR}
    assert answer(client, personas, role, url, data, method="post") == expected


@pytest.mark.parametrize(
    ("role", "expected"), table(302, 403, 403, 403, 200, 403, 403, 404, 403, 403)
)
def test_a_unit_admin_cannot_print_another_unit(client, personas, plans, role, expected):
    url = reverse("skp:batch")
    data = {"unit": personas.units["bkpsdm"].pk, "year": YEAR}
    assert answer(client, personas, role, url, data) == expected


@pytest.fixture
def finished_job(personas):
    """A finished batch, without rendering PDFs (the batch tests do that)."""
    job = batch.print_job_create(
        actor=personas.users["bkpsdm"], unit=personas.units["dinkes"], year=YEAR
    )
    job.file.save("SKP-2026-dinkes-test.zip", ContentFile(b"PK\x05\x06" + b"\0" * 18), save=False)
    job.status, job.total, job.processed = PrintJobStatus.DONE, 0, 0
    job.save()
    return job


@pytest.mark.parametrize("page", ["skp:batch_detail", "skp:batch_progress", "skp:batch_download"])
@pytest.mark.parametrize(
    ("role", "expected"), table(302, 403, 403, 200, 200, 403, 403, 404, 403, 403)
)
def test_a_batch_and_its_zip_are_for_bkpsdm_and_the_unit_admin(
    client, personas, finished_job, page, role, expected
):
    url = reverse(page, args=[finished_job.pk])
    assert answer(client, personas, role, url) == expected


def test_a_batch_of_a_unit_outside_the_admins_subtree_is_not_found(client, personas, plans):
    job = batch.print_job_create(
        actor=personas.users["bkpsdm"], unit=personas.units["bkpsdm"], year=YEAR
    )
    client.force_login(personas.users["staf"])
    assert client.get(reverse("skp:batch_detail", args=[job.pk])).status_code == 404


def test_an_unknown_unit_is_not_found(client, personas):
    client.force_login(personas.users["bkpsdm"])
    url = reverse("skp:unit_recap", args=[personas.units["other"].pk])
    assert client.get(url).status_code == 404
    assert client.get(reverse("skp:batch"), {"unit": "abc"}).status_code == 404
