"""The public survey API of a kiosk app: the form's definition and the answers, with the same
checks and limits as the page."""

import json

import pytest

from kinerja.surveys import rules
from kinerja.surveys.models import Response
from kinerja.surveys.tests.world import FULL_ANSWERS, PROFILE

pytestmark = pytest.mark.django_db


def _post(client, token, body):
    return client.post(
        f"/api/v1/public/surveys/{token}/responses", json.dumps(body), "application/json"
    )


def _body(world, **changes):
    return {"answers": dict(FULL_ANSWERS), "service": world.poli.pk, **PROFILE, **changes}


def test_the_form_definition_has_the_unit_services_elements_and_choices(client, world):
    data = client.get(f"/api/v1/public/surveys/{world.point.token}").json()
    assert data["unit"] == "Puskesmas Sukamaju" and data["counter"] == "Loket Pendaftaran"
    assert [s["name"] for s in data["services"]] == ["Farmasi", "Poli Umum"]
    assert [e["code"] for e in data["elements"]] == list(rules.ELEMENTS)
    biaya = data["elements"][3]
    assert [a["label"] for a in biaya["answers"]] == list(rules.ANSWER_LABELS[rules.Element.BIAYA])
    assert {c["value"] for c in data["sexes"]} == {"m", "f"}
    assert data["suggestion_max_length"] == 2000


def test_an_answer_is_recorded_with_nothing_personal_in_the_reply(client, world):
    response = _post(client, world.point.token, _body(world, device="tablet-7"))
    assert response.status_code == 201
    assert set(response.json()) == {"detail", "day"}
    saved = Response.objects.get()
    assert saved.channel == "kiosk" and saved.service == world.poli


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"answers": {**FULL_ANSWERS, "waktu": 5}}, "waktu"),
        ({"answers": {**FULL_ANSWERS, "biaya": "murah"}}, "biaya"),
        ({"answers": {k: v for k, v in FULL_ANSWERS.items() if k != "sarana"}}, "sarana"),
        ({"service": 987654}, "service"),
        ({"suggestion": "x" * 2001}, "suggestion"),
        ({"education": "phd"}, "education"),
    ],
)
def test_a_wrong_field_is_named_in_a_400(client, world, changes, field):
    response = _post(client, world.point.token, _body(world, **changes))
    assert response.status_code == 400
    assert field in response.json()["detail"]
    assert not Response.objects.exists()


def test_an_unknown_or_closed_point_is_404(client, world):
    assert _post(client, "nothing-here", _body(world)).status_code == 404
    assert _post(client, world.closed_point.token, _body(world)).status_code == 404
    assert client.get(f"/api/v1/public/surveys/{world.closed_point.token}").status_code == 404


def test_a_repeat_is_409_and_a_limit_429(client, world):
    assert _post(client, world.point.token, _body(world, device="t1")).status_code == 201
    assert _post(client, world.point.token, _body(world, device="t1")).status_code == 409
    for index in range(rules.DEVICE_DAILY_LIMIT - 1):
        body = _body(world, device="t1", suggestion=f"s{index}")
        assert _post(client, world.point.token, body).status_code == 201
    refused = _post(client, world.point.token, _body(world, device="t1", suggestion="lagi"))
    assert refused.status_code == 429 and refused.json()["detail"]


def test_the_honeypot_is_refused(client, world):
    response = _post(client, world.point.token, _body(world, website="spam"))
    assert response.status_code == 400 and not Response.objects.exists()
