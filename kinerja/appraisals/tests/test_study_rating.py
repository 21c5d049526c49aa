"""An employee on study leave is rated on the academic results: the rating of work results is
suggested from the IPK guidance tables (a drop-out: below expectation), never set for the rater;
the rating page shows the semesters behind it."""

import pytest
from django.urls import reverse

from kinerja.appraisals import rules, services
from kinerja.appraisals.models import Evaluation
from kinerja.appraisals.tests.data import Q1_END, decide_org_predikat, viewer
from kinerja.results import services as results_services
from kinerja.results.tests.data import D, plans, quarter
from kinerja.results.tests.study_world import semester, study_leave
from kinerja.skp.tests.review_data import freeze_today

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("guidance", "hasil"),
    [
        ("sangat_baik", "diatas"),
        ("baik", "sesuai"),
        ("butuh_perbaikan", "dibawah"),
        ("kurang", "dibawah"),
        ("sangat_kurang", "dibawah"),
    ],
)
def test_the_guidance_predikat_suggests_the_rating_of_work_results(guidance, hasil):
    assert rules.study_hasil(guidance) == hasil


def _open_q1(personas):
    q1 = quarter(personas, 1)
    decide_org_predikat(personas, q1)
    services.evaluations_open(actor=viewer(personas, "bkpsdm", Q1_END), period=q1)
    return q1


def _suggested(personas, q1, who="staf"):
    return Evaluation.objects.get(employee=personas.employees[who], period=q1).suggested_hasil


# S-1 at a university accredited B: Sangat Baik from 3.61, Baik from 3.10 (Lampiran p.100)
@pytest.mark.parametrize(
    ("ipk", "hasil"),
    [("3.61", "diatas"), ("3.60", "sesuai"), ("3.10", "sesuai"), ("3.09", "dibawah")],
)
def test_the_last_verified_ipk_suggests_the_rating_at_the_tables_bounds(personas, ipk, hasil):
    plans(personas)
    study_leave(personas)
    q1 = quarter(personas, 1)
    results_services.semester_verify(actor=None, result=semester(personas, q1, 1, ipk, submit=True))
    q1 = _open_q1(personas)
    assert _suggested(personas, q1) == hasil
    assert _suggested(personas, q1, "kasi") == ""  # not on study leave


def test_a_semester_not_verified_or_reported_later_suggests_nothing(personas):
    plans(personas)
    study_leave(personas)
    q1, q2 = quarter(personas, 1), quarter(personas, 2)
    semester(personas, q1, 1, "3.90", submit=True)  # submitted, not verified
    results_services.semester_verify(
        actor=None, result=semester(personas, q2, 2, "3.90", submit=True)
    )
    assert _suggested(personas, _open_q1(personas)) == ""


def test_a_study_cancelled_in_the_period_suggests_below_expectation(personas, monkeypatch):
    plans(personas)
    leave = study_leave(personas)
    q1 = quarter(personas, 1)
    results_services.semester_verify(
        actor=None, result=semester(personas, q1, 1, "3.90", submit=True)
    )
    freeze_today(monkeypatch, D(2026, 3, 10))
    results_services.study_leave_end(
        actor=None, leave=leave, end_date=D(2026, 3, 9), reason="cancelled", note="Putus studi"
    )
    assert _suggested(personas, _open_q1(personas)) == "dibawah"


def test_the_rater_sees_the_academic_results_beside_the_rating(client, personas, monkeypatch):
    freeze_today(monkeypatch, D(2026, 4, 2))  # inside the rater's deadline of Q1
    plans(personas)
    study_leave(personas)
    q1 = quarter(personas, 1)
    results_services.semester_verify(
        actor=None, result=semester(personas, q1, 1, "3.65", submit=True)
    )
    q1 = _open_q1(personas)
    staf = Evaluation.objects.get(employee=personas.employees["staf"], period=q1)
    client.force_login(personas.users["kasi"])
    response = client.get(reverse("appraisals:detail", args=[staf.pk]))
    assert b'data-testid="evaluation-study"' in response.content
    assert b'data-testid="evaluation-study-predikat"' in response.content
    assert response.context["form"].initial["hasil"] == "diatas"
    assert response.context["form"].initial["perilaku"] is None
