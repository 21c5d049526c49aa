"""Recomputing capaian as a task after a verification, its status, and BKPSDM's button."""

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django_tasks import TaskResultStatus
from django_tasks.signals import task_enqueued

from kinerja.core.errors import PermissionDeniedError
from kinerja.core.models import AuditEvent
from kinerja.iku.models import IndicatorResult, ResultsComputation
from kinerja.iku.services import realisation as realisation_services
from kinerja.iku.services import results as results_services
from kinerja.iku.tasks import recompute_year_results
from kinerja.iku.tests import factories as f
from kinerja.iku.tests import view_data

REGENCY_URL = "/kinerja/kabupaten/"


@pytest.fixture
def plan(personas, client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    translation.activate("en")
    return view_data.build_plan(personas)


@pytest.fixture
def enqueued():
    """The recompute tasks enqueued while the test runs."""
    seen = []

    def receiver(sender, task_result, **kwargs):
        if task_result.task.name == recompute_year_results.name:
            seen.append(task_result)

    task_enqueued.connect(receiver, weak=False)
    yield seen
    task_enqueued.disconnect(receiver)


@pytest.fixture
def queue_only(settings):
    """A backend that keeps the tasks without running them: the recompute stays pending."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def _kabid(plan):
    return f.viewer(plan.personas, "kabid")


def _q1_capaian(plan):
    result = IndicatorResult.objects.filter(indicator=plan.indicator, period=plan.quarters[0])
    return result.values_list("capaian", flat=True).first()


def test_verifying_enqueues_exactly_one_recompute_and_the_results_are_updated(
    plan, enqueued, django_capture_on_commit_callbacks
):
    realisation = view_data.submitted(plan.indicator, plan.quarters[0], 20)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        realisation_services.realisation_verify(actor=_kabid(plan), realisation=realisation)
    assert len(callbacks) == 1
    assert len(enqueued) == 1
    assert enqueued[0].args == [plan.year.pk, None, "en"]
    assert enqueued[0].status == TaskResultStatus.SUCCESSFUL
    assert _q1_capaian(plan) == 80  # 20 of a target of 25
    status = ResultsComputation.objects.get(performance_year=plan.year)
    assert status.computed_at >= status.requested_at
    assert not status.is_pending


def test_the_recompute_waits_for_the_verification_to_commit(plan, enqueued):
    realisation = view_data.submitted(plan.indicator, plan.quarters[0], 20)
    realisation_services.realisation_verify(actor=_kabid(plan), realisation=realisation)
    # The test transaction never commits: nothing was enqueued, nothing computed.
    assert enqueued == []
    assert _q1_capaian(plan) is None


def test_several_verifications_in_one_transaction_enqueue_one_recompute(
    plan, enqueued, django_capture_on_commit_callbacks
):
    first = view_data.submitted(plan.indicator, plan.quarters[0], 20)
    second = view_data.submitted(plan.indicator, plan.quarters[1], 30)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        realisation_services.realisation_verify(actor=_kabid(plan), realisation=first)
        realisation_services.realisation_verify(actor=_kabid(plan), realisation=second)
    assert len(enqueued) == 1
    assert _q1_capaian(plan) == 80


def test_a_correction_enqueues_a_recompute_with_the_new_figure(
    plan, enqueued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        realisation = view_data.verified(plan.indicator, plan.quarters[0], 20)
    assert _q1_capaian(plan) == 80
    with django_capture_on_commit_callbacks(execute=True):
        realisation_services.realisation_correct(
            actor=_kabid(plan), realisation=realisation, value=25, reason="Data susulan"
        )
    assert len(enqueued) == 2
    assert _q1_capaian(plan) == 100


def test_the_task_refuses_a_user_who_may_not_recompute(plan):
    view_data.verified(plan.indicator, plan.quarters[0], 20)
    kadinkes = plan.personas.users["kadinkes"]
    result = recompute_year_results.enqueue(plan.year.pk, kadinkes.pk, "en")
    assert result.status == TaskResultStatus.FAILED
    assert result.errors[0].exception_class_path == "kinerja.core.errors.PermissionDeniedError"
    assert _q1_capaian(plan) is None
    assert not AuditEvent.objects.filter(action="iku.capaian.recomputed").exists()
    with pytest.raises(PermissionDeniedError):
        results_services.capaian_recompute_run(plan.year.pk, user_id=kadinkes.pk)


def test_the_task_runs_for_bkpsdm_and_is_audited_in_their_name(plan):
    view_data.verified(plan.indicator, plan.quarters[0], 20)
    bkpsdm = plan.personas.users["bkpsdm"]
    result = recompute_year_results.enqueue(plan.year.pk, bkpsdm.pk, "en")
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert _q1_capaian(plan) == 80
    assert AuditEvent.objects.get(action="iku.capaian.recomputed").actor == bkpsdm


def test_a_task_with_nothing_pending_since_the_last_computation_does_nothing(plan):
    view_data.recompute(plan)
    summary = results_services.capaian_recompute_run(plan.year.pk, user_id=None)
    assert summary == {"skipped": True}
    assert AuditEvent.objects.filter(action="iku.capaian.recomputed").count() == 1


def test_the_regency_dashboard_shows_when_results_were_computed(client, plan):
    client.force_login(plan.personas.users["pimpinan"])
    page = client.get(REGENCY_URL, {"year": 2025})
    assert "have not been computed yet" in page.content.decode()
    view_data.recompute(plan)
    page = client.get(REGENCY_URL, {"year": 2025})
    status = page.context["computation"]
    assert status.computed_at is not None and not status.is_pending
    html = page.content.decode()
    assert 'data-testid="results-status"' in html and "Results computed on" in html
    assert 'data-testid="recompute-pending"' not in html
    assert 'data-testid="recompute-now"' not in html  # pimpinan reads, does not recompute


def test_bkpsdm_recompute_now_is_queued_and_shown_as_pending(
    client, plan, queue_only, enqueued, django_capture_on_commit_callbacks
):
    view_data.recompute(plan)
    client.force_login(plan.personas.users["bkpsdm"])
    assert 'data-testid="recompute-now"' in client.get(REGENCY_URL).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REGENCY_URL, {"year": "2025"})
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('iku:regency')}?year=2025"
    assert [r.args for r in enqueued] == [[plan.year.pk, plan.personas.users["bkpsdm"].pk, "en"]]
    page = client.get(REGENCY_URL, {"year": 2025})
    assert page.context["computation"].is_pending
    assert 'data-testid="recompute-pending"' in page.content.decode()
    unit_page = client.get(reverse("iku:unit", args=[plan.personas.units["yankes"].pk]))
    assert 'data-testid="recompute-pending"' in unit_page.content.decode()


def test_recompute_now_runs_at_once_on_the_immediate_backend(
    client, plan, django_capture_on_commit_callbacks
):
    view_data.verified(plan.indicator, plan.quarters[0], 20)
    client.force_login(plan.personas.users["perencana"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(REGENCY_URL, {"year": "2025"})
    assert _q1_capaian(plan) == 80
    assert not ResultsComputation.objects.get(performance_year=plan.year).is_pending


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", "login"),
        ("dokter", 403),
        ("staf", 403),
        ("kasi", 403),
        ("kabid", 403),
        ("kadinkes", 403),
        ("admin_opd", 403),
        ("pimpinan", 403),
        ("auditor", 403),
        ("bkpsdm", 302),
        ("perencana", 302),
        ("outsider", 404),
    ],
)
def test_only_bkpsdm_and_the_planning_agency_may_press_recompute_now(
    client, plan, queue_only, enqueued, django_capture_on_commit_callbacks, role, expected
):
    if role != "anonymous":
        client.force_login(plan.personas.users[role])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REGENCY_URL, {"year": "2025"})
    if expected == "login":
        assert response.status_code == 302 and "/akun/masuk/" in response["Location"]
    else:
        assert response.status_code == expected
    assert len(enqueued) == (1 if expected == 302 else 0)
