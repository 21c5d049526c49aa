"""An RHK text has one maximum, the model's: the editor, the API and the services refuse a
longer one with a message, so that no plan (nor its PDF) carries megabytes of text."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from kinerja.core.fields import LONG_TEXT
from kinerja.skp import services
from kinerja.skp.models import Rhk, SkpComment
from kinerja.skp.tests.factories import chain_of_plans
from kinerja.skp.tests.review_data import IN_JANUARY, freeze_today

HTMX = {"HTTP_HX_REQUEST": "true"}
API = "/api/v1"


@pytest.fixture(autouse=True)
def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def rhk(personas, monkeypatch, client):
    freeze_today(monkeypatch, IN_JANUARY)
    plans = chain_of_plans(personas)
    client.force_login(personas.users["staf"])
    return Rhk.objects.get(skp=plans["staf"])


def _edit(client, rhk, text, **extra):
    url = reverse("skp:rhk_update", args=[rhk.skp_id, rhk.pk])
    data = {f"rhk-{rhk.pk}-kind": "tambahan", f"rhk-{rhk.pk}-text": text}
    return client.post(url, data, **extra)


def _api(client, rhk, text):
    return client.patch(
        f"{API}/skp/rhks/{rhk.pk}", data=json.dumps({"text": text}), content_type="application/json"
    )


def test_the_rhk_limit_is_the_models():
    assert Rhk._meta.get_field("text").max_length == LONG_TEXT


def test_an_rhk_of_four_million_characters_is_refused_by_the_editor(client, rhk):
    before = rhk.text
    response = _edit(client, rhk, "x" * 4_000_001, **HTMX)
    assert response.status_code == 200
    content = response.content.decode()
    assert f"Ensure this value has at most {LONG_TEXT} characters (it has 4000001)." in content
    assert "Not saved" in content
    rhk.refresh_from_db()
    assert rhk.text == before


def test_an_rhk_at_the_limit_is_kept_and_one_more_character_is_refused(client, rhk):
    assert _edit(client, rhk, "y" * (LONG_TEXT + 1)).status_code == 400
    assert _api(client, rhk, "z" * (LONG_TEXT + 1)).status_code == 422
    rhk.refresh_from_db()
    assert len(rhk.text) < LONG_TEXT
    assert _edit(client, rhk, "y" * LONG_TEXT).status_code == 302
    rhk.refresh_from_db()
    assert rhk.text == "y" * LONG_TEXT
    assert _api(client, rhk, "z" * LONG_TEXT).status_code == 200
    rhk.refresh_from_db()
    assert rhk.text == "z" * LONG_TEXT


def test_the_services_refuse_what_a_form_would(rhk, personas):
    with pytest.raises(ValidationError) as caught:
        services.rhk_update(actor=None, rhk=rhk, text="x" * (LONG_TEXT + 1))
    assert "text" in caught.value.message_dict
    with pytest.raises(ValidationError):
        services.comment_add(actor=None, skp=rhk.skp, text="x" * (LONG_TEXT + 1))
    assert not SkpComment.objects.exists()
