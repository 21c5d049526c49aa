"""The kiosk that keeps answers while offline: when the answers were given (a pure rule), the
page's script and service worker only on a kiosk the unit's staff opened, and the late answers
counted on the day they were given."""

import datetime

import pytest
from django.core.signing import get_cookie_signer
from django.urls import reverse
from django.utils import timezone

from kinerja.surveys import rules
from kinerja.surveys.models import Response
from kinerja.surveys.services import responses
from kinerja.surveys.tests.world import form_data
from kinerja.surveys.views.setup import KIOSK_COOKIE, KIOSK_SALT

NOW = datetime.datetime(2026, 6, 10, 3, 0, tzinfo=datetime.UTC)  # 10:00 in Jakarta
WEEK = datetime.timedelta(days=rules.KIOSK_QUEUE_DAYS)
TINY = datetime.timedelta(microseconds=1)


# --- when the answers were given ------------------------------------------------------------


@pytest.mark.parametrize(
    ("queued_at", "expected"),
    [
        (NOW - datetime.timedelta(days=2), NOW - datetime.timedelta(days=2)),
        (NOW - WEEK, NOW - WEEK),  # the oldest kept answer still counts on its day
        (NOW - WEEK - TINY, NOW),  # older: counted on the day it arrives
        (NOW, NOW),
        (NOW + TINY, NOW),  # never in the future
        (None, NOW),
    ],
)
def test_a_trusted_kiosk_dates_kept_answers_within_the_week(queued_at, expected):
    assert rules.answered_at(queued_at, NOW, trusted_kiosk=True) == expected


def test_any_other_device_is_dated_when_its_answers_arrive():
    two_days_ago = NOW - datetime.timedelta(days=2)
    assert rules.answered_at(two_days_ago, NOW, trusted_kiosk=False) == NOW


# --- the page -------------------------------------------------------------------------------


def _trust(client, point):
    signed = get_cookie_signer(salt=KIOSK_COOKIE + KIOSK_SALT).sign(point.token)
    client.cookies[KIOSK_COOKIE] = signed


def _kiosk_url(point):
    return reverse("surveys:public", args=[point.token]) + "?kiosk=1"


@pytest.fixture
def frozen():
    responses.clock = lambda: NOW
    yield NOW
    responses.clock = timezone.now


@pytest.mark.django_db
def test_the_kiosk_opened_by_staff_loads_the_offline_script(client, world):
    _trust(client, world.point)
    page = client.get(_kiosk_url(world.point)).content.decode()
    assert 'id="survey-form"' in page and "surveys/kiosk.js" in page
    assert f'data-worker="{reverse("surveys:kiosk_worker")}"' in page
    assert 'data-scope="/survei/"' in page
    assert "menunggu di tablet ini" in page and "disimpan di tablet ini" in page


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["?kiosk=1", ""])
def test_a_phone_or_an_untrusted_kiosk_gets_no_script(client, world, query):
    url = reverse("surveys:public", args=[world.point.token]) + query
    page = client.get(url).content.decode()
    assert "<script" not in page and "kiosk-thanks" not in page


@pytest.mark.django_db
def test_the_trust_of_another_counter_loads_no_script(client, world):
    _trust(client, world.pharmacy_point)
    assert "<script" not in client.get(_kiosk_url(world.point)).content.decode()


@pytest.mark.django_db
def test_answers_kept_two_days_count_on_the_day_they_were_given(client, world, frozen):
    _trust(client, world.point)
    given = (NOW - datetime.timedelta(days=2)).isoformat()
    response = client.post(_kiosk_url(world.point), form_data(world, answered_at=given))
    assert response.status_code == 302
    saved = Response.objects.get()
    assert saved.day == datetime.date(2026, 6, 8) and saved.submitted_at == NOW
    assert saved.channel == "kiosk"


@pytest.mark.django_db
def test_an_untrusted_device_cannot_date_its_answers_back(client, world, frozen):
    given = (NOW - datetime.timedelta(days=2)).isoformat()
    client.post(_kiosk_url(world.point), form_data(world, answered_at=given))
    assert Response.objects.get().day == datetime.date(2026, 6, 10)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "given", ["kemarin", "2026-06-08T10:00:00", "2026-13-40T99:00:00+07:00", "9" * 500]
)
def test_a_moment_that_is_not_an_iso_time_with_its_offset_is_ignored(client, world, frozen, given):
    _trust(client, world.point)
    response = client.post(_kiosk_url(world.point), form_data(world, answered_at=given))
    assert response.status_code == 302
    assert Response.objects.get().day == datetime.date(2026, 6, 10)


# --- the service worker ---------------------------------------------------------------------


def test_the_service_worker_keeps_the_kiosk_pages_and_their_assets(client):
    response = client.get(reverse("surveys:kiosk_worker"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert "no-cache" in response["Cache-Control"]
    script = response.content.decode()
    assert '"/survei/"' in script and 'searchParams.get("kiosk") === "1"' in script
    assert "surveys/public.css" in script and "surveys/kiosk.js" in script
    assert 'request.method !== "GET"' in script  # answers never pass through it


def test_the_service_worker_only_answers_get(client):
    assert client.post(reverse("surveys:kiosk_worker")).status_code == 405
