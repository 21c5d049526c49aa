"""Batch print of SKP PDFs: a task with progress that makes one private ZIP per unit and year."""

import io
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from kinerja.skp.documents import batch
from kinerja.skp.models import PrintJobStatus, SkpPrintJob
from kinerja.skp.tests.factories import YEAR, chain_of_plans

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(personas):
    return chain_of_plans(personas)  # kadinkes, kabid and kasi set; staf a draft


def start(client, personas, who="bkpsdm", unit="dinkes"):
    client.force_login(personas.users[who])
    return client.post(reverse("skp:batch"), {"unit": personas.units[unit].pk, "year": YEAR})


def job_of(personas, unit="dinkes") -> SkpPrintJob:
    return SkpPrintJob.objects.get(unit=personas.units[unit])


def test_the_batch_page_counts_the_set_plans_of_the_subtree(client, personas, plans):
    client.force_login(personas.users["staf"])
    response = client.get(reverse("skp:batch"), {"unit": personas.units["dinkes"].pk})
    assert response.status_code == 200
    assert response.context["plan_count"] == 3
    assert response.context["year"] == response.wsgi_request.viewer.today.year
    response = client.get(reverse("skp:batch"), {"unit": personas.units["yankes"].pk, "year": YEAR})
    assert response.context["plan_count"] == 2  # kabid and kasi; the staf plan is a draft


def test_a_batch_makes_a_zip_with_one_pdf_per_set_plan_in_folders_per_unit(client, personas, plans):
    response = start(client, personas)
    job = job_of(personas)
    assert response.status_code == 302
    assert response["Location"] == reverse("skp:batch_detail", args=[job.pk])
    assert job.status == PrintJobStatus.DONE
    assert (job.total, job.processed, job.progress_percent) == (3, 3, 100)
    assert job.created_by == personas.users["bkpsdm"]
    assert ".zip" in job.file.name and "dinkes" in job.file.name

    download = client.get(reverse("skp:batch_download", args=[job.pk]))
    assert download.status_code == 200
    assert 'filename="SKP-2026-dinkes.zip"' in download["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    names = sorted(archive.namelist())
    assert len(names) == 3
    folders = sorted(name.split("/")[0] for name in names)
    assert folders == ["dinkes", "dinkes-yankes", "dinkes-yankes-primer"]
    for name in names:
        assert archive.read(name).startswith(b"%PDF-")
        assert name.endswith("-v1.pdf")
    for key in ("kadinkes", "kabid", "kasi"):
        assert personas.employees[key].nip not in " ".join(names)


def test_the_zip_is_stored_privately_under_media_root(client, personas, plans, settings):
    start(client, personas)
    job = job_of(personas)
    path = job.file.path
    assert path.startswith(str(settings.MEDIA_ROOT))
    assert "skp/cetak/" in path


def test_the_task_refuses_a_user_who_may_not_print_the_unit(personas, plans):
    job = batch.print_job_create(
        actor=personas.users["dokter"], unit=personas.units["dinkes"], year=YEAR, language="en"
    )
    batch.print_job_run(job.pk, user_id=personas.users["dokter"].pk, language="en")
    job.refresh_from_db()
    assert job.status == PrintJobStatus.FAILED
    assert not job.file
    assert "may no longer print" in job.message


def test_the_task_checks_the_permission_again_when_it_runs(personas, plans):
    """A unit admin whose role was withdrawn between the request and the run gets nothing."""
    from kinerja.accounts.models import RoleGrant

    job = batch.print_job_create(
        actor=personas.users["staf"], unit=personas.units["dinkes"], year=YEAR
    )
    RoleGrant.objects.filter(user=personas.users["staf"]).delete()
    with translation.override("en"):
        batch.print_job_run(job.pk, user_id=personas.users["staf"].pk)
    job.refresh_from_db()
    assert job.status == PrintJobStatus.FAILED


def test_a_job_runs_at_most_once(personas, plans):
    job = batch.print_job_create(
        actor=personas.users["bkpsdm"], unit=personas.units["dinkes"], year=YEAR
    )
    batch.print_job_run(job.pk, user_id=personas.users["bkpsdm"].pk)
    job.refresh_from_db()
    first_file = job.file.name
    batch.print_job_run(job.pk, user_id=personas.users["bkpsdm"].pk)
    job.refresh_from_db()
    assert job.file.name == first_file


def test_the_task_reads_a_bounded_number_of_queries(personas, plans):
    job = batch.print_job_create(
        actor=personas.users["bkpsdm"], unit=personas.units["dinkes"], year=YEAR
    )
    with CaptureQueriesContext(connection) as captured:
        batch.print_job_run(job.pk, user_id=personas.users["bkpsdm"].pk)
    # claim, job, user, viewer, ids, total, 4 content queries, finish (+ savepoints)
    assert len(captured) <= 20


def test_a_second_request_joins_the_batch_that_is_still_waiting(client, personas, plans):
    waiting = batch.print_job_create(
        actor=personas.users["bkpsdm"], unit=personas.units["dinkes"], year=YEAR
    )
    response = start(client, personas)
    assert response["Location"] == reverse("skp:batch_detail", args=[waiting.pk])
    assert SkpPrintJob.objects.count() == 1


def test_the_progress_fragment_polls_until_the_job_is_finished(client, personas, plans):
    waiting = batch.print_job_create(
        actor=personas.users["bkpsdm"], unit=personas.units["dinkes"], year=YEAR
    )
    client.force_login(personas.users["bkpsdm"])
    url = reverse("skp:batch_progress", args=[waiting.pk])
    response = client.get(url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert 'hx-trigger="every 1s"' in response.content.decode()
    assert "HX-Refresh" not in response
    batch.print_job_run(waiting.pk, user_id=personas.users["bkpsdm"].pk)
    response = client.get(url, headers={"HX-Request": "true"})
    assert response["HX-Refresh"] == "true"
    assert reverse("skp:batch_download", args=[waiting.pk]) in response.content.decode()


def test_a_batch_that_is_not_ready_cannot_be_downloaded(client, personas, plans):
    waiting = batch.print_job_create(
        actor=personas.users["bkpsdm"], unit=personas.units["dinkes"], year=YEAR
    )
    client.force_login(personas.users["bkpsdm"])
    assert client.get(reverse("skp:batch_download", args=[waiting.pk])).status_code == 404


def test_starting_without_a_unit_is_a_bad_request(client, personas):
    client.force_login(personas.users["bkpsdm"])
    assert client.post(reverse("skp:batch"), {"year": YEAR}).status_code == 400
