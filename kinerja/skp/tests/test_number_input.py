"""Numbers typed as SKP targets in the editor, the position templates and the API: refused with
a message naming the field, never a 500, and kept exactly when accepted."""

import json
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from kinerja.skp.models import RhkIndicator
from kinerja.skp.tests.factories import chain_of_plans
from kinerja.skp.tests.review_data import IN_JANUARY, freeze_today

HTMX = {"HTTP_HX_REQUEST": "true"}
API = "/api/v1"
NOT_NUMBERS = ["NaN", "sNaN", "inf", "-Infinity", "1e400", "١٢", "1.000,5"]
LARGEST = "999999999999999"


@pytest.fixture(autouse=True)
def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def indicator(personas, monkeypatch, client):
    freeze_today(monkeypatch, IN_JANUARY)
    plans = chain_of_plans(personas)
    client.force_login(personas.users["staf"])
    return RhkIndicator.objects.get(rhk__skp=plans["staf"])


def _edit(client, indicator, **values):
    data = {"aspect": "kuantitas", "text": indicator.text, "unit_of_measure": "laporan"}
    data.update(values)
    url = reverse("skp:indicator_update", args=[indicator.rhk.skp_id, indicator.pk])
    posted = {f"iki-{indicator.pk}-{name}": value for name, value in data.items()}
    return client.post(url, posted, **HTMX)


def _api(client, indicator, **values):
    return client.patch(
        f"{API}/skp/indicators/{indicator.pk}",
        data=json.dumps({"text": indicator.text, **values}),
        content_type="application/json",
    )


@pytest.mark.parametrize("value", NOT_NUMBERS)
def test_what_is_not_a_number_is_refused_as_a_target_in_the_editor(client, indicator, value):
    before = indicator.target_value
    response = _edit(client, indicator, target_value=value, target_high="")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Enter a number for target value" in content
    assert "Not saved" in content
    indicator.refresh_from_db()
    assert indicator.target_value == before


@pytest.mark.parametrize("value", NOT_NUMBERS)
def test_what_is_not_a_number_is_refused_as_a_target_by_the_api(client, indicator, value):
    response = _api(client, indicator, target_high=value)
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"][-1] == "target_high"
    assert error["msg"].startswith("Enter a number for upper target value")


def test_a_target_beyond_fifteen_digits_is_refused_and_the_largest_is_kept(client, indicator):
    response = _edit(client, indicator, target_value="9999999999999999")
    assert "Enter at most 15 digits before the decimal point for target value." in (
        response.content.decode()
    )
    response = _api(client, indicator, target_value=9999999999999999)
    assert response.status_code == 422
    _edit(client, indicator, target_value=LARGEST)
    indicator.refresh_from_db()
    assert indicator.target_value == Decimal(LARGEST)
    assert _api(client, indicator, target_value="0,0001").status_code == 200
    indicator.refresh_from_db()
    assert indicator.target_value == Decimal("0.0001")
