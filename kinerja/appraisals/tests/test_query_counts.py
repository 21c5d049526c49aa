"""The calibration desk, the own list, the API lists and the angka kredit read a fixed number of
queries whatever the size of the team or the number of years."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.appraisals import services
from kinerja.appraisals.models import Evaluation
from kinerja.appraisals.tests.data import Q1_END, annual_evaluation, decide_org_predikat
from kinerja.org.tests.personas import build_personas
from kinerja.results.tests.data import plans, quarter
from kinerja.skp.tests.review_data import extra_subordinates, freeze_today

pytestmark = pytest.mark.django_db


def _count(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _clone_evaluations(evaluation, employees):
    """More evaluations of the kasi's team: the same plan facts for other employees."""
    rows = []
    for employee in employees:
        clone = Evaluation.objects.get(pk=evaluation.pk)
        clone.pk = None
        clone.employee = employee
        rows.append(clone)
    Evaluation.objects.bulk_create(rows)


@pytest.mark.parametrize(
    ("who", "url"),
    [
        ("kasi", lambda q1: reverse("appraisals:desk", args=[q1.pk])),
        ("bkpsdm", lambda q1: "/api/v1/appraisals/evaluations"),
        ("bkpsdm", lambda q1: "/api/v1/appraisals/periods"),
        ("pimpinan", lambda q1: f"/api/v1/appraisals/periods/{q1.pk}"),
    ],
)
def test_the_page_reads_a_fixed_number_of_queries(client, monkeypatch, who, url):
    personas = build_personas()
    freeze_today(monkeypatch, Q1_END)
    plans(personas)
    q1 = quarter(personas, 1)
    decide_org_predikat(personas, q1)
    services.evaluations_open(actor=None, period=q1)
    staf = Evaluation.objects.get(period=q1, employee=personas.employees["staf"])
    client.force_login(personas.users[who])
    people = extra_subordinates(personas, 10)
    _clone_evaluations(staf, people[:2])
    small = _count(client, url(q1))
    _clone_evaluations(staf, people[2:])
    large = _count(client, url(q1))
    assert Evaluation.objects.filter(rater=staf.rater).count() == 11
    assert large == small


def test_the_angka_kredit_reads_a_fixed_number_of_queries_whatever_the_years(client, monkeypatch):
    personas = build_personas()
    freeze_today(monkeypatch, datetime.date(2026, 12, 20))
    url = f"/api/v1/appraisals/employees/{personas.employees['dokter'].pk}/credit"
    client.force_login(personas.users["bkpsdm"])
    annual = annual_evaluation(personas, "dokter", "baik")
    one = _count(client, url)
    for year, predikat in [(2023, "baik"), (2024, "sangat_baik"), (2025, "butuh_perbaikan")]:
        annual.pk, annual.year, annual.predikat = None, year, predikat
        annual.save()
    assert [y["credit"] is not None for y in client.get(url).json()["years"]][:4] == [True] * 4
    assert _count(client, url) == one
