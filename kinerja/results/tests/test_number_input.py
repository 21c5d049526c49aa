"""An individual realisation is read by the one decimal parser on the page and in the API: what
is not a finite number, or has more digits than a database keeps, is refused with a message
naming the field, nothing is stored, and the largest value accepted reads back on every page."""

import json

import pytest
from django.urls import reverse

from kinerja.results.models import Realisation
from kinerja.results.tests.data import IN_MAY, indicator_of, plans, quarter
from kinerja.skp.tests.review_data import freeze_today

pytestmark = pytest.mark.django_db

NOT_NUMBERS = ["NaN", "sNaN", "inf", "-Infinity", "1e400", "١٢", "1.000,5"]
TOO_MANY_DIGITS = ["9999999999999999", "1234567890123.4567", "0.00001"]
LARGEST = "999999999999999"  # fifteen digits: the most a SQLite REAL reads back exactly


@pytest.fixture
def staf(client, personas, monkeypatch):
    freeze_today(monkeypatch, IN_MAY)
    chain = plans(personas)
    client.force_login(personas.users["staf"])
    q2 = quarter(personas, 2)
    page = reverse("results:period", args=[personas.employees["staf"].pk, q2.pk])
    return client, str(indicator_of(chain["staf"]).key), q2, page


def _api(client, key, period, value):
    body = {"period": period.pk, "indicator_key": key, "value": value}
    return client.post("/api/v1/results/realisations", json.dumps(body), "application/json")


@pytest.mark.parametrize("value", NOT_NUMBERS + TOO_MANY_DIGITS)
def test_the_page_refuses_what_cannot_be_kept_exactly(staf, value):
    client, key, _period, page = staf
    response = client.post(page, {"indicator_key": key, "value": value, "action": "save"})
    assert response.status_code == 400
    assert response.context["page"].rows[0].form.errors["value"]
    assert not Realisation.objects.exists()


@pytest.mark.parametrize("value", NOT_NUMBERS + TOO_MANY_DIGITS)
def test_the_api_refuses_what_cannot_be_kept_exactly(staf, value):
    client, key, period, _page = staf
    response = _api(client, key, period, value)
    assert response.status_code == 422, response.content
    assert response.json()["detail"][0]["loc"][-1] == "value"
    assert not Realisation.objects.exists()


def test_the_api_refuses_json_numbers_that_are_not_finite(staf):
    client, key, period, _page = staf
    for literal in ("NaN", "Infinity", "-Infinity", "1e400"):
        body = f'{{"period": {period.pk}, "indicator_key": "{key}", "value": {literal}}}'
        response = client.post("/api/v1/results/realisations", body, "application/json")
        assert response.status_code in (400, 422), (literal, response.content)
    assert not Realisation.objects.exists()


def test_the_largest_realisation_is_kept_and_every_page_reads_it_back(staf, personas):
    client, key, period, page = staf
    assert _api(client, key, period, LARGEST).status_code == 200
    realisation = Realisation.objects.get()
    assert str(realisation.value.normalize()) == "999999999999999"
    for url in (
        page,
        reverse("results:detail", args=[realisation.pk]),
        reverse("results:periods", args=[personas.employees["staf"].pk, 2026]),
        f"/api/v1/results/realisations/{realisation.pk}",
        "/api/v1/results/realisations",
    ):
        assert client.get(url).status_code == 200, url
