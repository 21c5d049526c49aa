"""The survey benchmark (bench/surveys_bench.py) on a small world: the SQL that fills the
responses writes valid answers spread over the unit's services, points and days, and the load
section's survey form (bench/load_pages.py) is one the citizen's page records."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from bench import surveys_bench
from bench.load_pages import survey_form
from kinerja.surveys.models import Response
from kinerja.surveys.rules import ELEMENTS
from kinerja.surveys.selectors.figures import Period, tallies
from kinerja.surveys.tests.world import build_world

pytestmark = pytest.mark.django_db


def test_fill_spreads_valid_answers_over_the_services_points_and_two_years():
    world = build_world()
    today = datetime.date(2026, 12, 7)

    inserted = surveys_bench.fill(world.unit.agency_id, 400, today)

    written = Response.objects.filter(unit=world.unit)
    assert inserted == written.count() == 400
    by_service = tallies(written, "service_id")
    assert set(by_service) == {(world.poli.pk,), (world.farmasi.pk,)}
    assert set(written.filter(service=world.farmasi).values_list("point", flat=True)) == {
        world.pharmacy_point.pk
    }
    assert set(written.filter(service=world.poli).values_list("point", flat=True)) == {
        world.point.pk
    }
    days = written.values_list("day", flat=True)
    assert min(days) >= today - datetime.timedelta(days=surveys_bench.DAYS - 1)
    assert max(days) <= today
    for element in ELEMENTS:
        scores = set(written.values_list(element, flat=True))
        assert scores <= {1, 2, 3, 4} and len(scores) > 1
    assert all(
        response.submitted_at.date() in (response.day, response.day - datetime.timedelta(1))
        for response in written[:50]
    )


def test_the_periods_measured_are_the_last_whole_quarter_and_year():
    assert surveys_bench.last_whole_periods(datetime.date(2026, 12, 7)) == (
        Period(2026, "quarter", 3),
        Period(2025, "year"),
    )
    assert surveys_bench.last_whole_periods(datetime.date(2027, 2, 1)) == (
        Period(2026, "quarter", 4),
        Period(2026, "year"),
    )


def test_the_load_sections_survey_form_is_recorded_by_the_citizens_page():
    world = build_world()
    url = reverse("surveys:public", args=[world.point.token])

    response = Client().post(url, survey_form(world.point))

    assert response.status_code == 302
    assert Response.objects.filter(point=world.point).count() == 1
