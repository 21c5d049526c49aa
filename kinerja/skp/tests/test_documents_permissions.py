"""Who gets what from the SKP documents pages: the permission table (architecture rule 5).

Roles: anonymous citizen, pegawai (dokter), atasan (kasi), admin unit (staf, admin of Dinas
Kesehatan), BKPSDM, pimpinan, auditor, a user of another agency (outsider); plus the heads
kabid and kadinkes where the page is about their units. "login" is the login page.
"""

from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from kinerja.core.tests.permission_table import (
    ANONYMOUS,
    LOGIN,
    Row,
    ask,
    shared_data,
    table_cases,
)
from kinerja.org.tests.personas import build_personas
from kinerja.skp.documents import batch
from kinerja.skp.models import PrintJobStatus
from kinerja.skp.tests.factories import YEAR, chain_of_plans

pytestmark = pytest.mark.django_db

ROLES = [
    ANONYMOUS,
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
    return dict(zip(ROLES, answers, strict=True))


@dataclass(repr=False)
class World:
    personas: object
    kasi_plan_pk: int


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with shared_data(django_db_blocker, tmp_path_factory):
        personas = build_personas()
        yield World(personas, chain_of_plans(personas)["kasi"].pk)


def _unit(key):
    return lambda world: [world.personas.units[key].pk]


def _batch_of(key):
    return lambda world: {"unit": world.personas.units[key].pk, "year": YEAR}


# The kasi's set plan: the owner, the rater (kabid), the rater's superior (kadinkes), the
# admin of Dinas Kesehatan and the agency-wide roles; the dokter is outside its scope.
PDF = Row(
    "skp:pdf",
    table(LOGIN, 404, 200, 200, 200, 200, 200, 404, 200, 200),
    args=lambda world: [world.kasi_plan_pk],
)
RECAPS = [
    # Recap of the whole Dinas Kesehatan: its head, its admin, BKPSDM, pimpinan and auditors.
    Row(
        "skp:unit_recap",
        table(LOGIN, 403, 403, 200, 200, 200, 200, 404, 403, 200),
        args=_unit("dinkes"),
        query={"year": YEAR},
        label="Dinas Kesehatan",
    ),
    # Recap of the Seksi Primer: its head (kasi) and the heads above it may download it too.
    Row(
        "skp:unit_recap",
        table(LOGIN, 403, 200, 200, 200, 200, 200, 404, 200, 200),
        args=_unit("primer"),
        query={"year": YEAR},
        label="Seksi Primer",
    ),
]
BATCHES = [
    # Batch page for Dinas Kesehatan: BKPSDM and the admin of Dinas Kesehatan only.
    Row(
        "skp:batch",
        table(LOGIN, 403, 403, 200, 200, 403, 403, 404, 403, 403),
        query=_batch_of("dinkes"),
        label="Dinas Kesehatan",
    ),
    Row(
        "skp:batch",
        table(LOGIN, 403, 403, 302, 302, 403, 403, 404, 403, 403),
        method="post",
        body=_batch_of("dinkes"),
        label="Dinas Kesehatan",
    ),
    # A unit admin cannot print another unit.
    Row(
        "skp:batch",
        table(LOGIN, 403, 403, 403, 200, 403, 403, 404, 403, 403),
        query=_batch_of("bkpsdm"),
        label="BKPSDM",
    ),
]


@pytest.mark.parametrize(("row", "persona", "expected"), table_cases([PDF, *RECAPS, *BATCHES]))
def test_permission_table(client, world, row, persona, expected):
    answer = ask(client, world.personas, row, persona, world)
    assert answer == expected


@pytest.fixture
def finished_job(world):
    """A finished batch, without rendering PDFs (the batch tests do that)."""
    personas = world.personas
    job = batch.print_job_create(
        actor=personas.users["bkpsdm"], unit=personas.units["dinkes"], year=YEAR
    )
    job.file.save("SKP-2026-dinkes-test.zip", ContentFile(b"PK\x05\x06" + b"\0" * 18), save=False)
    job.status, job.total, job.processed = PrintJobStatus.DONE, 0, 0
    job.save()
    return job


# A batch and its zip are for BKPSDM and the unit admin.
JOB_ROWS = [
    Row(
        page,
        table(LOGIN, 403, 403, 200, 200, 403, 403, 404, 403, 403),
        args=lambda job: [job.pk],
        label="a batch of Dinas Kesehatan",
    )
    for page in ("skp:batch_detail", "skp:batch_progress", "skp:batch_download")
]


@pytest.mark.parametrize(("row", "persona", "expected"), table_cases(JOB_ROWS))
def test_a_batch_and_its_zip_are_for_bkpsdm_and_the_unit_admin(
    client, world, finished_job, row, persona, expected
):
    answer = ask(client, world.personas, row, persona, finished_job)
    assert answer == expected


PERMISSION_ROWS = [PDF, *RECAPS, *BATCHES, *JOB_ROWS]


def test_a_batch_of_a_unit_outside_the_admins_subtree_is_not_found(client, world):
    personas = world.personas
    job = batch.print_job_create(
        actor=personas.users["bkpsdm"], unit=personas.units["bkpsdm"], year=YEAR
    )
    client.force_login(personas.users["staf"])
    assert client.get(reverse("skp:batch_detail", args=[job.pk])).status_code == 404


def test_an_unknown_unit_is_not_found(client, world):
    client.force_login(world.personas.users["bkpsdm"])
    url = reverse("skp:unit_recap", args=[world.personas.units["other"].pk])
    assert client.get(url).status_code == 404
    assert client.get(reverse("skp:batch"), {"unit": "abc"}).status_code == 404
