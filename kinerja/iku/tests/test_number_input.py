"""Numbers typed as IKU targets and realisations, through the pages and the API.

A value is refused with a message naming the field before it can reach the database, and every
value that is accepted reads back unchanged, so that no stored number can break a page (SQLite
keeps 15 significant digits).
"""

import importlib
import json
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse

from kinerja.iku.models import AnnualTarget, Realisation
from kinerja.iku.tests import view_data

API = "/api/v1"
TOO_BIG = "9999999999999999"
LARGEST = "999999999999999"
NOT_NUMBERS = ["NaN", "sNaN", "inf", "-Infinity", "1e400", "١٢", "1.000,5", "12 000"]


@pytest.fixture
def plan(personas, client, settings):
    # Messages are compared in English, the source language.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return view_data.build_plan(personas)


def _entry(client, plan, value):
    client.force_login(plan.personas.users["staf"])
    url = reverse("iku:realisation_entry", args=[plan.indicator.pk, plan.quarters[0].pk])
    return client.post(url, {"value": value, "action": "save"})


def _api_entry(client, plan, value):
    client.force_login(plan.personas.users["staf"])
    path = f"{API}/iku/indicators/{plan.indicator.pk}/realisations"
    body = json.dumps({"period": plan.quarters[0].pk, "value": value})
    return client.post(path, data=body, content_type="application/json")


def _api_error(response) -> str:
    assert response.status_code == 422, response.content
    [error] = response.json()["detail"]
    assert error["loc"][-1] == "value"
    return error["msg"]


def test_a_realisation_too_large_to_keep_is_refused_by_the_form(client, plan):
    response = _entry(client, plan, TOO_BIG)
    assert response.status_code == 400
    assert response.context["form"].errors["value"] == [
        "Enter at most 15 digits before the decimal point for Realisation (%)."
    ]
    assert not Realisation.objects.exists()


@pytest.mark.parametrize("value", [TOO_BIG, int(TOO_BIG)], ids=["text", "number"])
def test_a_realisation_too_large_to_keep_is_refused_by_the_api(client, plan, value):
    message = _api_error(_api_entry(client, plan, value))
    assert message == "Enter at most 15 digits before the decimal point for realisation."
    assert not Realisation.objects.exists()


def test_a_realisation_with_more_digits_than_kept_is_refused_not_rounded(client, plan):
    response = _entry(client, plan, "123456789012,1234")
    assert response.context["form"].errors["value"] == [
        "Enter at most 15 digits in all for Realisation (%)."
    ]
    message = _api_error(_api_entry(client, plan, "123456789012.1234"))
    assert message == "Enter at most 15 digits in all for realisation."
    assert not Realisation.objects.exists()


@pytest.mark.parametrize("value", NOT_NUMBERS)
def test_what_is_not_a_number_is_refused_on_the_realisation(client, plan, value):
    response = _entry(client, plan, value)
    assert response.status_code == 400
    [message] = response.context["form"].errors["value"]
    assert message.startswith("Enter a number for Realisation (%)")
    assert "Enter a number for realisation" in _api_error(_api_entry(client, plan, value))
    assert not Realisation.objects.exists()


def test_the_api_refuses_json_numbers_that_are_not_finite(client, plan):
    client.force_login(plan.personas.users["staf"])
    path = f"{API}/iku/indicators/{plan.indicator.pk}/realisations"
    for literal in ("NaN", "Infinity", "-Infinity", "1e400"):
        body = f'{{"period": {plan.quarters[0].pk}, "value": {literal}}}'
        response = client.post(path, data=body, content_type="application/json")
        assert response.status_code in (400, 422), literal
    assert not Realisation.objects.exists()


def test_the_pages_show_the_largest_realisation_that_can_be_kept(client, plan):
    view_data.verified(plan.indicator, plan.quarters[0], Decimal(LARGEST))
    view_data.verified(plan.indicator, plan.quarters[1], Decimal(LARGEST))
    view_data.recompute(plan)
    realisation = Realisation.objects.get(period=plan.quarters[0])
    assert realisation.value == Decimal(LARGEST)
    client.force_login(plan.personas.users["bkpsdm"])
    urls = [
        reverse("iku:indicator", args=[plan.indicator.pk]) + "?year=2025",
        reverse("iku:realisation", args=[realisation.pk]),
        reverse("iku:unit", args=[plan.personas.units["yankes"].pk]) + "?year=2025",
        reverse("iku:tree") + "?year=2025",
        reverse("iku:regency") + "?year=2025",
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
    response = _api_get(client, f"/iku/indicators/{plan.indicator.pk}/realisations")
    assert {row["value"] for row in response.json()["items"]} == {f"{LARGEST}.0000"}


def _api_get(client, path):
    response = client.get(f"{API}{path}")
    assert response.status_code == 200
    return response


def test_the_largest_realisation_is_accepted_by_the_form_and_the_api(client, plan):
    assert _entry(client, plan, LARGEST).status_code == 302
    assert Realisation.objects.get().value == Decimal(LARGEST)
    assert _api_entry(client, plan, "0,0001").status_code == 200
    assert Realisation.objects.get().value == Decimal("0.0001")


# --- targets ----------------------------------------------------------------------------------


def _targets(client, plan, data):
    client.force_login(plan.personas.users["staf"])
    url = reverse("iku:indicator_targets", args=[plan.indicator.pk]) + "?year=2025"
    return client.post(url, {"annual_2025": "100", **data})


@pytest.mark.parametrize("value", NOT_NUMBERS)
def test_what_is_not_a_number_is_refused_on_a_target_cell(client, plan, value):
    response = _targets(client, plan, {"annual_2026": value})
    assert "annual_2025" not in response.context["form"].errors
    assert response.status_code == 400
    [message] = response.context["form"].errors["annual_2026"]
    assert message.startswith("Enter a number for Target 2026")
    assert not AnnualTarget.objects.filter(year=2026).exists()


def test_a_target_too_large_to_keep_is_refused_on_its_cell(client, plan):
    response = _targets(client, plan, {"annual_2026": TOO_BIG, "annual_2027": LARGEST})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["annual_2026"] == [
        "Enter at most 15 digits before the decimal point for Target 2026."
    ]
    assert "annual_2027" not in errors
    periods = {f"period_{q.pk}": "25" for q in plan.quarters}
    assert _targets(client, plan, {"annual_2027": LARGEST, **periods}).status_code == 302
    assert AnnualTarget.objects.get(year=2027).value == Decimal(LARGEST)


def test_the_migration_names_stored_values_beyond_fifteen_digits(plan):
    """Before narrowing the columns (20 → 19 digits) the migration lists what would not fit.

    Such a value can only be written behind Kinerja's back: SQLite lets raw SQL do it, while
    PostgreSQL's narrowed column refuses it outright.
    """
    if connection.vendor != "sqlite":
        pytest.skip("only SQLite stores a value its column cannot hold")
    migration = importlib.import_module("kinerja.iku.migrations.0003_storable_decimal_digits")
    migration.refuse_values_beyond_fifteen_digits(apps, None)
    target = AnnualTarget.objects.get(indicator=plan.indicator, year=2025)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE iku_annualtarget SET value = %s WHERE id = %s", [10**15, target.pk])
    with pytest.raises(RuntimeError, match=rf"AnnualTarget\.value \(ids {target.pk}\)"):
        migration.refuse_values_beyond_fifteen_digits(apps, None)
