"""Batch print (cetak massal) of the evaluation PDFs of a period: one private ZIP made by a task.

The data of test_views_permissions (Q1 2026 seen on 2 April): the staf's evaluation is rated,
the kasi's finalised, the kabid's signed, the kadinkes's acknowledged. A batch holds the
evaluations finalised or later in the recap scope of the user who asked.
"""

import io
import zipfile
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from kinerja.accounts.models import RoleGrant
from kinerja.appraisals import selectors
from kinerja.appraisals.documents import batch
from kinerja.appraisals.models import Evaluation, EvaluationPrintJob
from kinerja.appraisals.tests.permission_world import built_world
from kinerja.core.tests.permission_table import Row, answers, ask, table_cases
from kinerja.iku.models import Period
from kinerja.skp.models import PrintJobStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with built_world(django_db_blocker, tmp_path_factory) as data:
        yield data


def period_of(world) -> Period:
    return Period.objects.select_related("performance_year").get(pk=world.q1)


def run(world, who, unit=None, language="en") -> EvaluationPrintJob:
    user = world.personas.users[who]
    job = batch.print_job_create(actor=user, period=period_of(world), unit=unit, language=language)
    batch.print_job_run(job.pk, user_id=user.pk)
    job.refresh_from_db()
    return job


def printed_pks(job) -> set[int]:
    with job.file.open("rb") as handle:
        names = zipfile.ZipFile(io.BytesIO(handle.read())).namelist()
    return {int(name.rsplit("-", 1)[1].removesuffix(".pdf")) for name in names}


# --- what a batch holds ---------------------------------------------------------------------


def test_bkpsdm_gets_one_pdf_per_finalised_evaluation_of_the_period(client, world):
    client.force_login(world.personas.users["bkpsdm"])
    response = client.post(reverse("appraisals:print_create", args=[world.q1]))
    job = EvaluationPrintJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("appraisals:print_job", args=[world.q1, job.pk])
    assert job.status == PrintJobStatus.DONE
    assert (job.total, job.processed, job.progress_percent) == (3, 3, 100)
    assert "appraisals/cetak/" in job.file.name

    download = client.get(reverse("appraisals:print_download", args=[world.q1, job.pk]))
    assert download.status_code == 200
    assert download["Cache-Control"] == "private, no-store"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    names = archive.namelist()
    assert len(names) == 3
    for name in names:
        assert archive.read(name).startswith(b"%PDF-")
        assert "/" in name  # in a folder per unit
    for key in ("kadinkes", "kabid", "kasi"):
        assert world.personas.employees[key].nip not in " ".join(names)
    # The rated (not finalised) evaluation of the staf is not printed.
    assert printed_pks(job) == {world.kasi, world.kabid, world.kadinkes}
    assert world.staf not in printed_pks(job)


def test_a_rater_gets_only_the_finalised_evaluations_they_rate(world):
    job = run(world, "kabid")  # rates the kasi (finalised), is the superior of the staf (rated)
    assert job.status == PrintJobStatus.DONE
    assert printed_pks(job) == {world.kasi}


def test_a_unit_limits_the_batch_to_its_subtree(world):
    unit = world.personas.units["yankes"]
    expected = set(
        Evaluation.objects.filter(
            period_id=world.q1,
            unit__path__startswith=unit.path,
            status__in=["finalised", "signed", "acknowledged", "completed"],
        ).values_list("pk", flat=True)
    )
    job = run(world, "bkpsdm", unit=unit)
    assert expected and printed_pks(job) == expected
    assert world.kadinkes not in expected
    assert batch.download_name(job).endswith("-dinkes-yankes.zip")


def test_a_job_runs_at_most_once(world):
    job = run(world, "bkpsdm")
    first = (job.file.name, job.finished_at)
    batch.print_job_run(job.pk, user_id=world.personas.users["bkpsdm"].pk)
    job.refresh_from_db()
    assert (job.file.name, job.finished_at) == first
    assert job.status == PrintJobStatus.DONE


def test_the_task_checks_the_permission_again_when_it_runs(world):
    """A unit admin whose role was withdrawn between the request and the run gets nothing."""
    staf = world.personas.users["staf"]
    job = batch.print_job_create(actor=staf, period=period_of(world), language="id")
    RoleGrant.objects.filter(user=staf).delete()
    batch.print_job_run(job.pk, user_id=staf.pk)
    job.refresh_from_db()
    assert job.status == PrintJobStatus.FAILED
    assert not job.file
    with translation.override("id"):
        expected = translation.gettext(
            "The user who asked for this batch may no longer print the evaluations of this period."
        )
    assert job.message == expected and expected.startswith("Pengguna")


def test_a_failure_is_recorded_and_leaves_no_file(world, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("renderer down")

    monkeypatch.setattr(batch, "render_evaluation_pdf", broken)
    job = run(world, "bkpsdm")
    assert job.status == PrintJobStatus.FAILED
    assert not job.file
    assert "internal error" in job.message


def test_the_task_reads_a_bounded_number_of_queries_besides_each_pdf(world, monkeypatch):
    """Apart from each PDF's own document (a fixed number of queries per evaluation), the run
    reads the same number of queries whatever the number of evaluations."""
    per_pdf = [0]
    document_of, render = selectors.evaluation_document, batch.render_evaluation_pdf

    def counted(function):
        def wrapper(*args, **kwargs):
            before = len(connection.queries)
            try:
                return function(*args, **kwargs)
            finally:
                per_pdf[0] += len(connection.queries) - before

        return wrapper

    monkeypatch.setattr(selectors, "evaluation_document", counted(document_of))
    monkeypatch.setattr(batch, "render_evaluation_pdf", counted(render))

    def overhead(unit=None) -> tuple[int, int]:
        per_pdf[0] = 0
        user = world.personas.users["bkpsdm"]
        job = batch.print_job_create(actor=user, period=period_of(world), unit=unit)
        with CaptureQueriesContext(connection) as captured:
            batch.print_job_run(job.pk, user_id=user.pk)
        job.refresh_from_db()
        return len(captured) - per_pdf[0], job.total

    whole, whole_total = overhead()
    one, one_total = overhead(world.personas.units["primer"])
    assert (whole_total, one_total) == (3, 1)
    assert whole == one
    assert whole <= 20  # claim, job, user, viewer, ids, total, a chunk, file, finish


# --- the pages ------------------------------------------------------------------------------


def test_the_desk_offers_the_batch_to_the_readers_of_the_recap(client, world):
    url = reverse("appraisals:desk", args=[world.q1])
    client.force_login(world.personas.users["kasi"])
    assert 'data-testid="print-all"' in client.get(url).content.decode()
    client.force_login(world.personas.users["dokter"])
    response = client.get(url)
    assert response.status_code in (200, 404)
    assert 'data-testid="print-all"' not in response.content.decode()


def test_a_second_request_joins_the_batch_that_is_still_waiting(client, world):
    user = world.personas.users["bkpsdm"]
    waiting = batch.print_job_create(actor=user, period=period_of(world))
    client.force_login(user)
    response = client.post(reverse("appraisals:print_create", args=[world.q1]))
    assert response["Location"] == reverse("appraisals:print_job", args=[world.q1, waiting.pk])
    assert EvaluationPrintJob.objects.count() == 1


def test_the_progress_fragment_polls_until_the_job_is_finished(client, world):
    user = world.personas.users["bkpsdm"]
    waiting = batch.print_job_create(actor=user, period=period_of(world))
    client.force_login(user)
    url = reverse("appraisals:print_job", args=[world.q1, waiting.pk])
    page = client.get(url)
    assert page.status_code == 200 and 'hx-trigger="every 1s"' in page.content.decode()
    response = client.get(url, headers={"HX-Request": "true"})
    assert 'hx-trigger="every 1s"' in response.content.decode()
    assert "HX-Refresh" not in response
    batch.print_job_run(waiting.pk, user_id=user.pk)
    response = client.get(url, headers={"HX-Request": "true"})
    assert response["HX-Refresh"] == "true"
    assert 'data-testid="print-download"' in client.get(url).content.decode()


# --- the permission table -------------------------------------------------------------------


def finished(world, who) -> SimpleNamespace:
    """A finished batch asked for by `who`, without rendering PDFs (the tests above do)."""
    job = batch.print_job_create(actor=world.personas.users[who], period=period_of(world))
    job.file.save("Evaluasi-test.zip", ContentFile(b"PK\x05\x06" + b"\0" * 18), save=False)
    job.status, job.total, job.processed = PrintJobStatus.DONE, 0, 0
    job.save()
    return SimpleNamespace(q1=world.q1, job=job.pk)


# Whoever reads the recap starts a batch; dokter rates nobody (403); the outsider's agency does
# not hold the period (404).
CREATE = Row(
    "appraisals:print_create",
    answers(302, dokter=403, outsider=404),
    method="post",
    args=lambda w: [w.q1],
)


@pytest.mark.parametrize(("row", "persona", "expected"), table_cases([CREATE]))
def test_a_batch_is_started_by_the_readers_of_the_recap(client, world, row, persona, expected):
    assert ask(client, world.personas, row, persona, world) == expected


# A batch and its ZIP are for the user who asked and the BKPSDM admins of the agency only.
JOB_ROWS = [
    Row(page, answers(404, bkpsdm=200, **{who: 200}), args=lambda d: [d.q1, d.job], label=who)
    for page in ("appraisals:print_job", "appraisals:print_download")
    for who in ("staf", "kasi")
]


@pytest.mark.parametrize(("row", "persona", "expected"), table_cases(JOB_ROWS))
def test_a_batch_is_seen_by_its_creator_and_bkpsdm_only(client, world, row, persona, expected):
    assert ask(client, world.personas, row, persona, finished(world, row.label)) == expected


PERMISSION_ROWS = [CREATE, *JOB_ROWS]


def test_a_batch_asked_under_another_period_is_not_found(client, world):
    data = finished(world, "bkpsdm")
    agency_id = period_of(world).performance_year.agency_id
    other = Period.objects.filter(performance_year__agency_id=agency_id).exclude(pk=world.q1)
    assert other.exists()
    client.force_login(world.personas.users["bkpsdm"])
    for url_name in ("appraisals:print_job", "appraisals:print_download"):
        url = reverse(url_name, args=[other.first().pk, data.job])
        assert client.get(url).status_code == 404
