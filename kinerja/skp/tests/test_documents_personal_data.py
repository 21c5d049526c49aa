"""The SKP documents print NIPs by the personal-data rule of the pages, for their viewer.

The official form names the employee and the rater with their NIPs; a copy printed for a viewer
who may not see one of them (`kinerja.org.personal_data`) carries it masked, as the pages do.
"""

import io
import zipfile

import pytest
from django.urls import reverse
from pypdf import PdfReader

from kinerja.accounts import services as accounts
from kinerja.accounts.models import Role
from kinerja.org.tests.personas import PASSWORD
from kinerja.skp.documents import batch
from kinerja.skp.models import PrintJobStatus
from kinerja.skp.tests.factories import YEAR, chain_of_plans

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "".join("".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture
def plans(personas):
    return chain_of_plans(personas)


def _pdf_as(client, personas, who, skp) -> str:
    client.force_login(personas.users[who])
    response = client.get(reverse("skp:pdf", args=[skp.pk]))
    assert response.status_code == 200
    return pdf_text(response.content)


def test_the_employees_own_skp_shows_their_nip_and_masks_the_raters(client, personas, plans):
    kasi, kabid = personas.employees["kasi"], personas.employees["kabid"]
    text = _pdf_as(client, personas, "kasi", plans["kasi"])
    assert kasi.nip in text
    assert kabid.nip not in text
    assert kabid.masked_nip in text


def test_the_rater_sees_their_own_nip_and_the_employees_masked(client, personas, plans):
    kasi, kabid = personas.employees["kasi"], personas.employees["kabid"]
    text = _pdf_as(client, personas, "kabid", plans["kasi"])
    assert kabid.nip in text
    assert kasi.nip not in text and kasi.masked_nip in text


@pytest.mark.parametrize("who", ["bkpsdm", "auditor", "staf"])
def test_viewers_who_may_see_personal_data_get_both_nips_in_full(client, personas, plans, who):
    text = _pdf_as(client, personas, who, plans["kasi"])
    assert personas.employees["kasi"].nip in text
    assert personas.employees["kabid"].nip in text


def test_pimpinan_reads_every_plan_with_the_nips_masked(client, personas, plans):
    text = _pdf_as(client, personas, "pimpinan", plans["kasi"])
    for key in ("kasi", "kabid"):
        employee = personas.employees[key]
        assert employee.nip not in text and employee.masked_nip in text


def test_the_review_page_masks_the_nip_for_the_rater(client, personas, plans):
    client.force_login(personas.users["kabid"])
    content = client.get(reverse("skp:review", args=[plans["kasi"].pk])).content.decode()
    kasi = personas.employees["kasi"]
    assert kasi.nip not in content and kasi.masked_nip in content


def test_the_plan_page_shows_the_nip_as_the_rule_says(client, personas, plans):
    kasi = personas.employees["kasi"]
    client.force_login(personas.users["kabid"])
    content = client.get(reverse("skp:detail", args=[plans["kasi"].pk])).content.decode()
    assert kasi.nip not in content and kasi.masked_nip in content
    client.force_login(personas.users["kasi"])
    content = client.get(reverse("skp:detail", args=[plans["kasi"].pk])).content.decode()
    assert kasi.nip in content


def test_a_batch_is_printed_for_the_admin_who_asked(client, personas, plans):
    """An admin of the Bidang Yankes only: the kabid's rater (the kadinkes) works above it."""
    user = accounts.user_create(
        actor=None, agency=personas.agency, username="adminyankes", password=PASSWORD
    )
    accounts.role_grant(actor=None, user=user, role=Role.ADMIN_UNIT, unit=personas.units["yankes"])
    job = batch.print_job_create(actor=user, unit=personas.units["yankes"], year=YEAR)
    batch.print_job_run(job.pk, user_id=user.pk)
    job.refresh_from_db()
    assert job.status == PrintJobStatus.DONE
    with job.file.open("rb") as handle, zipfile.ZipFile(handle) as archive:
        texts = {name: pdf_text(archive.read(name)) for name in archive.namelist()}
    kabid_pdf = next(text for name, text in texts.items() if "siti-rahmawati" in name)
    kabid, kadinkes = personas.employees["kabid"], personas.employees["kadinkes"]
    assert kabid.nip in kabid_pdf
    assert kadinkes.nip not in kabid_pdf and kadinkes.masked_nip in kabid_pdf
