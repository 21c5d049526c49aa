"""The citizen's survey page: the nine questions with their own answers, the profile, the
service, the thanks (post/redirect/get), the kiosk variant and the closed page."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from kinerja.surveys import rules
from kinerja.surveys.forms import ANSWERS
from kinerja.surveys.models import Response
from kinerja.surveys.services import responses
from kinerja.surveys.tests.world import form_data

pytestmark = pytest.mark.django_db


def _url(point, **query):
    url = reverse("surveys:public", args=[point.token])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_each_element_has_four_distinct_answers_in_the_regulations_words():
    assert set(rules.ANSWER_LABELS) == set(rules.ELEMENTS)
    for element, labels in rules.ANSWER_LABELS.items():
        assert len(labels) == 4 and len(set(labels)) == 4, element
    assert rules.ANSWER_LABELS[rules.Element.BIAYA][3] == "Gratis"
    assert rules.ANSWER_LABELS[rules.Element.PENGADUAN][0] == "Tidak ada"


def test_the_indonesian_answers_on_the_page_are_the_regulations_words():
    with translation.override("id"):
        for element in rules.ELEMENTS:
            assert tuple(str(label) for label in ANSWERS[element]) == rules.ANSWER_LABELS[element]
    with translation.override("en"):
        assert str(ANSWERS[rules.Element.SARANA][0]) == "Poor"


def test_the_page_asks_nine_questions_and_nothing_personal(client, world):
    response = client.get(_url(world.point))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("<fieldset") >= 9 and page.count("<legend") >= 9
    for element in rules.ELEMENTS:
        for label in rules.ANSWER_LABELS[element]:
            assert label in page
        assert f'name="{element}"' in page
    assert "Sangat sopan dan ramah" in page and "Dikelola dengan baik" in page
    for personal in ('name="name"', 'name="nik"', 'name="phone"', 'name="nip"'):
        assert personal not in page
    assert "Poli Umum" in page and "Farmasi" in page  # the unit's services, to choose from
    assert "<script" not in page and "kinerja.css" not in page and "mainnav" not in page
    assert response.cookies["kinerja_skm_device"]["httponly"]


def test_the_counters_own_service_is_not_asked(client, world):
    page = client.get(_url(world.pharmacy_point)).content.decode()
    assert 'name="service"' not in page and "Loket Farmasi" in page


def test_an_answer_is_recorded_and_the_citizen_thanked(client, world):
    now = timezone.make_aware(datetime.datetime(2026, 5, 4, 23, 30), datetime.UTC)
    responses.clock = lambda: now
    try:
        response = client.post(_url(world.point), form_data(world, suggestion="Antrean rapi"))
    finally:
        responses.clock = timezone.now
    assert response.status_code == 302
    assert response["Location"] == reverse("surveys:thanks", args=[world.point.token])
    saved = Response.objects.get()
    assert saved.scores() == (4, 3, 3, 4, 3, 4, 4, 2, 3)
    assert (saved.unit, saved.service, saved.point, saved.channel) == (
        world.unit,
        world.poli,
        world.point,
        "qr",
    )
    assert saved.day == datetime.date(2026, 5, 5)  # 06:30 in Jakarta
    assert (saved.age_band, saved.sex, saved.education, saved.occupation) == (
        "30_39",
        "f",
        "sma",
        "self",
    )
    assert saved.suggestion == "Antrean rapi" and len(saved.fingerprint) == 64
    thanks = client.get(response["Location"]).content.decode()
    assert "Terima kasih" in thanks and "http-equiv" not in thanks


def test_the_counters_service_is_recorded_without_asking(client, world):
    data = form_data(world)
    del data["service"]
    assert client.post(_url(world.pharmacy_point), data).status_code == 302
    assert Response.objects.get().service == world.farmasi


def test_a_missing_answer_is_named_and_every_other_answer_kept(client, world):
    data = form_data(world, waktu=None, suggestion="Ruang tunggu panas")
    response = client.post(_url(world.point), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Pilih jawaban untuk pertanyaan ini." in page
    assert 'id="e-waktu"' in page and 'id="e-persyaratan"' not in page
    checked = re.findall(r'name="(\w+)" value="(\w+)"[^>]*checked', page)
    assert ("persyaratan", "4") in checked and ("pengaduan", "2") in checked
    assert ("age_band", "30_39") in checked
    assert "Ruang tunggu panas" in page
    assert not Response.objects.exists()


def test_kiosk_mode_records_the_channel_and_returns_to_a_fresh_form(client, world):
    response = client.post(_url(world.point, kiosk=1), form_data(world))
    assert response.status_code == 302 and response["Location"].endswith("?kiosk=1")
    assert Response.objects.get().channel == "kiosk"
    thanks = client.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' in thanks
    assert f"url={_url(world.point, kiosk=1)}" in thanks


@pytest.mark.parametrize("token", ["tidak-ada-token", "x" * 40])
def test_an_unknown_token_is_a_clear_404(client, token):
    response = client.get(f"/survei/{token}/")
    assert response.status_code == 404
    assert "Survei ini tidak dibuka" in response.content.decode()


def test_unknown_tokens_past_the_hours_limit_are_refused_and_good_ones_still_open(
    client, world, monkeypatch
):
    monkeypatch.setattr(rules, "LOOKUP_FAILURES_PER_ADDRESS", 2)
    assert client.get("/survei/tebakan1/").status_code == 404
    assert client.get(reverse("surveys:thanks", args=["tebakan2"])).status_code == 404
    refused = client.get("/survei/tebakan3/")
    assert refused.status_code == 429
    assert 'data-testid="lookup-refused"' in refused.content.decode()
    # A citizen at the counter behind the same network still answers: good tokens never count.
    assert client.get(_url(world.point)).status_code == 200
    response = client.post(_url(world.point), form_data(world))
    assert response.status_code == 302 and Response.objects.count() == 1
    elsewhere = Client(REMOTE_ADDR="203.0.113.9")
    assert elsewhere.get("/survei/tebakan4/").status_code == 404
    later = responses.clock() + datetime.timedelta(hours=1)
    monkeypatch.setattr(responses, "clock", lambda: later)
    assert client.get("/survei/tebakan5/").status_code == 404


def test_the_kiosk_apis_misses_and_the_pages_share_the_hours_limit(client, world, monkeypatch):
    monkeypatch.setattr(rules, "LOOKUP_FAILURES_PER_ADDRESS", 2)
    assert client.get("/api/v1/public/surveys/tebakan1").status_code == 404
    assert client.get("/survei/tebakan2/").status_code == 404
    assert client.get("/survei/tebakan3/").status_code == 429
    assert client.get(f"/api/v1/public/surveys/{world.point.token}").status_code == 429


def test_a_good_token_costs_the_page_no_count(client, world):
    from kinerja.surveys.models import SubmissionCount

    client.get(_url(world.point))
    assert not SubmissionCount.objects.filter(scope=SubmissionCount.Scope.LOOKUP).exists()


def test_a_closed_point_or_service_is_a_clear_404(client, world):
    assert client.get(_url(world.closed_point)).status_code == 404
    world.farmasi.is_active = False
    world.farmasi.save()
    assert client.get(_url(world.pharmacy_point)).status_code == 404
    response = client.post(_url(world.closed_point), form_data(world))
    assert response.status_code == 404 and not Response.objects.exists()


def test_the_page_switches_to_english(client, world):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(_url(world.point)).content.decode()
    assert "Very polite and friendly" in page and "Send my answers" in page
    assert 'value="id"' in page  # the way back to Indonesian
