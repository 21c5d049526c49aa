"""The public survey API of a kiosk app: the form's definition and the answers, with the same
checks and limits as the page (the honeypot, repeats, answers per device and per address), and
a limit on tokens that name no open counter."""

import datetime
import json

import pytest
from django.test import Client

from kinerja.surveys import rules
from kinerja.surveys.models import Response
from kinerja.surveys.services import responses as response_services
from kinerja.surveys.tests.world import FULL_ANSWERS, PROFILE

pytestmark = pytest.mark.django_db

SCORES = {element: int(score) for element, score in FULL_ANSWERS.items()}


def _post(client, token, body):
    return client.post(
        f"/api/v1/public/surveys/{token}/responses", json.dumps(body), "application/json"
    )


def _body(world, **changes):
    return {"answers": dict(SCORES), "service": world.poli.pk, **PROFILE, **changes}


def _form(client, token):
    return client.get(f"/api/v1/public/surveys/{token}")


def test_the_form_definition_has_the_unit_services_elements_and_choices(client, world):
    data = _form(client, world.point.token).json()
    assert data["unit"] == "Puskesmas Sukamaju" and data["counter"] == "Loket Pendaftaran"
    assert [s["name"] for s in data["services"]] == ["Farmasi", "Poli Umum"]
    assert data["service"] is None
    assert [e["code"] for e in data["elements"]] == list(rules.ELEMENTS)
    biaya = data["elements"][3]
    assert [a["label"] for a in biaya["answers"]] == list(rules.ANSWER_LABELS[rules.Element.BIAYA])
    assert [a["value"] for a in biaya["answers"]] == ["1", "2", "3", "4"]
    assert {c["value"] for c in data["sexes"]} == {"m", "f"}
    assert data["suggestion_max_length"] == 2000


def test_a_counter_of_one_service_names_it(client, world):
    data = _form(client, world.pharmacy_point.token).json()
    assert data["service"] == {"id": world.farmasi.pk, "name": "Farmasi"}
    assert [s["name"] for s in data["services"]] == ["Farmasi"]


def test_the_schema_asks_for_the_nine_elements_and_the_profile_choices(client, world):
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert list(schema["SurveyAnswersIn"]["properties"]) == list(rules.ELEMENTS)
    assert set(schema["SurveyAnswersIn"]["required"]) == set(rules.ELEMENTS)
    body = schema["SurveyResponseIn"]["properties"]
    assert body["sex"]["enum"] == ["m", "f"]
    assert body["answers"]["$ref"].endswith("/SurveyAnswersIn")


def test_an_answer_is_recorded_with_nothing_personal_in_the_reply(client, world):
    response = _post(client, world.point.token, _body(world, device="tablet-7"))
    assert response.status_code == 201
    assert set(response.json()) == {"detail", "day"}
    saved = Response.objects.get()
    assert saved.channel == "kiosk" and saved.service == world.poli
    assert response.json()["day"] == saved.day.isoformat()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"service": 987654}, "service"),
        ({"service": None}, "service"),
    ],
)
def test_a_wrong_choice_is_named_in_a_400(client, world, changes, field):
    response = _post(client, world.point.token, _body(world, **changes))
    assert response.status_code == 400
    assert field in response.json()["detail"]
    assert not Response.objects.exists()


@pytest.mark.parametrize(
    ("changes", "where"),
    [
        ({"answers": {**SCORES, "waktu": 5}}, ["answers", "waktu"]),
        ({"answers": {**SCORES, "waktu": 0}}, ["answers", "waktu"]),
        ({"answers": {**SCORES, "biaya": "4"}}, ["answers", "biaya"]),
        ({"answers": {**SCORES, "biaya": True}}, ["answers", "biaya"]),
        ({"answers": {k: v for k, v in SCORES.items() if k != "sarana"}}, ["answers", "sarana"]),
        ({"suggestion": "x" * 2001}, ["suggestion"]),
        ({"education": "phd"}, ["education"]),
        ({"sex": ""}, ["sex"]),
        ({"device": "d" * 65}, ["device"]),
        ({"website": "w" * 201}, ["website"]),
        ({"service": "1"}, ["service"]),
    ],
)
def test_a_value_the_schema_forbids_is_422_naming_it(client, world, changes, where):
    response = _post(client, world.point.token, _body(world, **changes))
    assert response.status_code == 422, response.content
    assert response.json()["detail"][0]["loc"][2:] == where
    assert not Response.objects.exists()


def test_an_unknown_or_closed_point_is_404(client, world):
    assert _post(client, "nothing-here", _body(world)).status_code == 404
    assert _post(client, world.closed_point.token, _body(world)).status_code == 404
    assert _form(client, world.closed_point.token).status_code == 404
    assert _form(client, "a.b").status_code == 422  # not a token's characters
    assert _form(client, "x" * 33).status_code == 422


def test_a_repeat_is_409(client, world):
    assert _post(client, world.point.token, _body(world, device="t1")).status_code == 201
    repeat = _post(client, world.point.token, _body(world, device="t1"))
    assert repeat.status_code == 409 and repeat.json()["detail"]
    assert Response.objects.count() == 1


def test_a_device_answers_up_to_its_daily_limit_then_429(client, world):
    for index in range(rules.DEVICE_DAILY_LIMIT):  # the last of them is the last allowed
        body = _body(world, device="t1", suggestion=f"s{index}")
        assert _post(client, world.point.token, body).status_code == 201
    refused = _post(client, world.point.token, _body(world, device="t1", suggestion="lagi"))
    assert refused.status_code == 429 and refused.json()["detail"]
    other_device = _post(client, world.point.token, _body(world, device="t2", suggestion="x"))
    assert other_device.status_code == 201
    assert Response.objects.count() == rules.DEVICE_DAILY_LIMIT + 1


def test_without_a_device_key_the_address_is_the_device(client, world):
    for index in range(rules.DEVICE_DAILY_LIMIT):
        body = _body(world, suggestion=f"s{index}")
        assert _post(client, world.point.token, body).status_code == 201
    assert _post(client, world.point.token, _body(world, suggestion="x")).status_code == 429


def test_an_address_answers_up_to_its_hourly_limit_then_429(client, world, monkeypatch):
    monkeypatch.setattr(rules, "ADDRESS_HOURLY_LIMIT", 2)
    for device in ("a", "b"):
        assert _post(client, world.point.token, _body(world, device=device)).status_code == 201
    refused = _post(client, world.point.token, _body(world, device="c"))
    assert refused.status_code == 429 and refused.json()["detail"]
    assert Response.objects.count() == 2


def test_the_honeypot_is_refused(client, world):
    response = _post(client, world.point.token, _body(world, website="spam"))
    assert response.status_code == 400 and not Response.objects.exists()


def test_too_large_a_body_is_413(client, world):
    body = json.dumps(_body(world)) + " " * rules.MAX_BODY_BYTES
    response = client.post(
        f"/api/v1/public/surveys/{world.point.token}/responses", body, "application/json"
    )
    assert response.status_code == 413 and not Response.objects.exists()


def test_guessing_tokens_is_limited_per_address(client, world, monkeypatch):
    monkeypatch.setattr(rules, "LOOKUP_FAILURES_PER_ADDRESS", 2)
    assert _form(client, "tebakan1").status_code == 404
    assert _post(client, "tebakan2", _body(world)).status_code == 404  # the last counted
    refused = _form(client, world.point.token)  # a good token too, once over the limit
    assert refused.status_code == 429 and refused.json()["detail"]
    assert _post(client, world.point.token, _body(world)).status_code == 429
    assert not Response.objects.exists()
    later = response_services.clock() + datetime.timedelta(hours=1)
    monkeypatch.setattr(response_services, "clock", lambda: later)
    assert _form(client, world.point.token).status_code == 200


def test_good_tokens_do_not_count_and_other_addresses_are_not_limited(client, world, monkeypatch):
    monkeypatch.setattr(rules, "LOOKUP_FAILURES_PER_ADDRESS", 1)
    for _ in range(3):
        assert _form(client, world.point.token).status_code == 200
    assert _form(client, "tebakan").status_code == 404
    assert _form(client, world.point.token).status_code == 429
    elsewhere = Client(REMOTE_ADDR="203.0.113.9")
    assert _form(elsewhere, world.point.token).status_code == 200
