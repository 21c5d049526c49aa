"""The limits of the public survey: the honeypot, repeats, the device and address limits (at
and just past each), malformed values, oversized bodies and a missing CSRF token. Nothing
sleeps: the clock is replaced."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kinerja.surveys import rules
from kinerja.surveys.models import Response, SubmissionCount
from kinerja.surveys.services import SubmissionRefused, response_submit
from kinerja.surveys.services import responses as module
from kinerja.surveys.tests.world import FULL_ANSWERS, PROFILE, form_data
from kinerja.surveys.views.setup import KIOSK_COOKIE

pytestmark = pytest.mark.django_db

NOON = timezone.make_aware(datetime.datetime(2026, 5, 4, 12, 0))


def _submit(world, *, device="device-1", address="10.0.0.1", now=NOON, **changes):
    answers = {**FULL_ANSWERS, **changes.pop("answers", {})}
    values = {
        "token": world.point.token,
        "answers": answers,
        "service": world.poli.pk,
        "profile": PROFILE,
        "device_key": device,
        "address": address,
        "now": now,
    }
    values.update(changes)
    return response_submit(**values)


def _varied(index: int) -> dict:
    """Answers that differ from one submission to the next (no repeat)."""
    return {"answers": {"persyaratan": str(index % 4 + 1)}, "suggestion": f"saran {index}"}


def test_a_filled_honeypot_is_refused_with_a_neutral_message(world):
    with pytest.raises(SubmissionRefused) as refused:
        _submit(world, honeypot="http://spam.example")
    assert refused.value.reason == "honeypot" and refused.value.status == 400
    assert "spam" not in refused.value.message.lower()
    assert not Response.objects.exists()


def test_the_honeypot_on_the_page_keeps_the_answers(client, world):
    url = reverse("surveys:public", args=[world.point.token])
    response = client.post(url, form_data(world, website="http://spam.example"))
    assert response.status_code == 400 and not Response.objects.exists()
    assert "Jawaban Anda tidak dapat dicatat" in response.content.decode()


def test_the_same_answers_from_the_same_device_within_ten_minutes_are_a_repeat(world):
    _submit(world)
    later = (
        NOON
        + datetime.timedelta(minutes=rules.DUPLICATE_WINDOW_MINUTES)
        - datetime.timedelta(seconds=1)
    )
    with pytest.raises(SubmissionRefused) as refused:
        _submit(world, now=later)
    assert refused.value.reason == "duplicate" and refused.value.status == 409
    _submit(world, device="device-2", now=later)  # another device: another citizen
    _submit(world, now=NOON + datetime.timedelta(minutes=rules.DUPLICATE_WINDOW_MINUTES))
    assert Response.objects.count() == 3


def test_a_device_answers_a_point_three_times_a_day(world):
    for index in range(rules.DEVICE_DAILY_LIMIT):
        _submit(world, **_varied(index))
    with pytest.raises(SubmissionRefused) as refused:
        _submit(world, **_varied(99))
    assert refused.value.reason == "device" and refused.value.status == 429
    _submit(world, token=world.pharmacy_point.token, service=None, **_varied(98))  # another point
    tomorrow = NOON + datetime.timedelta(days=1)
    _submit(world, now=tomorrow, **_varied(97))
    assert Response.objects.count() == rules.DEVICE_DAILY_LIMIT + 2


def test_an_address_answers_a_point_thirty_times_an_hour(world):
    for index in range(rules.ADDRESS_HOURLY_LIMIT):
        _submit(world, device=f"d{index}")
    with pytest.raises(SubmissionRefused) as refused:
        _submit(world, device="one-more")
    assert refused.value.reason == "address" and refused.value.status == 429
    _submit(world, device="one-more", address="10.0.0.2")
    _submit(world, device="one-more", now=NOON + datetime.timedelta(hours=1))
    assert Response.objects.count() == rules.ADDRESS_HOURLY_LIMIT + 2


def test_a_kiosk_opened_by_staff_answers_for_a_queue(world):
    for index in range(rules.KIOSK_ADDRESS_HOURLY_LIMIT):
        _submit(world, trusted_kiosk=True, **_varied(index))
    with pytest.raises(SubmissionRefused) as refused:
        _submit(world, trusted_kiosk=True, **_varied(10_000))
    assert refused.value.reason == "address"


def test_a_refused_answer_counts_nothing(world):
    for index in range(rules.DEVICE_DAILY_LIMIT):
        _submit(world, **_varied(index))
    counts = list(SubmissionCount.objects.values_list("count", flat=True))
    with pytest.raises(SubmissionRefused):
        _submit(world, **_varied(50))
    assert list(SubmissionCount.objects.values_list("count", flat=True)) == counts


def test_counters_hold_keyed_hashes_not_addresses_or_cookies(world):
    _submit(world, device="secret-cookie", address="203.0.113.9")
    for row in SubmissionCount.objects.all():
        assert len(row.key) == 64 and "203.0.113.9" not in row.key and "secret" not in row.key
    assert "203.0.113.9" not in Response.objects.get().fingerprint


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"answers": {"waktu": "5"}}, "waktu"),
        ({"answers": {"biaya": "murah"}}, "biaya"),
        ({"answers": {"sarana": ""}}, "sarana"),
        ({"service": 999_999}, "service"),
        ({"service": "abc"}, "service"),
        ({"suggestion": "x" * 2001}, "suggestion"),
        ({"profile": {**PROFILE, "sex": "x"}}, "sex"),
        ({"profile": {}}, "age_band"),
    ],
)
def test_malformed_values_name_their_field(world, changes, field):
    with pytest.raises(ValidationError) as error:
        _submit(world, **changes)
    assert field in error.value.message_dict
    assert not Response.objects.exists()


def test_a_service_of_another_unit_is_not_choosable(world):
    from kinerja.surveys.models import Service

    other = Service.objects.create(unit=world.personas.units["dinkes"], name="Lain")
    with pytest.raises(ValidationError) as error:
        _submit(world, service=other.pk)
    assert "service" in error.value.message_dict


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"waktu": "5"}, "Pilih salah satu jawaban yang tersedia."),
        ({"biaya": "murah"}, "Pilih salah satu jawaban yang tersedia."),
        ({"service": "999999"}, "Pilih salah satu layanan yang tersedia."),
        ({"suggestion": "x" * 2001}, "Paling banyak 2000 karakter"),
    ],
)
def test_malformed_values_on_the_page_get_a_message_and_keep_what_was_typed(
    client, world, changes, message
):
    url = reverse("surveys:public", args=[world.point.token])
    response = client.post(url, form_data(world, **changes))
    page = response.content.decode()
    assert response.status_code == 400 and message in page
    assert 'value="30_39" required id="id_age_band_2" checked' in page or "checked" in page
    assert not Response.objects.exists()


def test_an_oversized_body_is_refused_unread(client, world):
    url = reverse("surveys:public", args=[world.point.token])
    response = client.post(url, form_data(world, suggestion="x" * (rules.MAX_BODY_BYTES + 10)))
    assert response.status_code == 413
    assert "terlalu besar" in response.content.decode()
    assert not Response.objects.exists()


def test_a_missing_csrf_token_keeps_the_answers(world):
    client = Client(enforce_csrf_checks=True)
    url = reverse("surveys:public", args=[world.point.token])
    response = client.post(url, form_data(world, suggestion="Tetap ada"))
    page = response.content.decode()
    assert response.status_code == 403
    assert "kedaluwarsa" in page and "Tetap ada" in page and "checked" in page
    assert not Response.objects.exists()
    # The page it showed carries a fresh token: sending again works.
    token = client.cookies["csrftoken"].value
    again = client.post(url, {**form_data(world), "csrfmiddlewaretoken": token})
    assert again.status_code == 302 and Response.objects.count() == 1


def test_the_page_applies_the_device_limit_with_its_cookie(client, world):
    url = reverse("surveys:public", args=[world.point.token])
    client.get(url)
    for index in range(rules.DEVICE_DAILY_LIMIT):
        assert client.post(url, form_data(world, suggestion=f"s{index}")).status_code == 302
    response = client.post(url, form_data(world, suggestion="lagi"))
    assert response.status_code == 429
    assert "sebanyak yang diizinkan" in response.content.decode()
    assert "lagi" in response.content.decode()


def test_kiosk_mode_without_the_staff_cookie_keeps_the_ordinary_limits(client, world):
    url = reverse("surveys:public", args=[world.point.token]) + "?kiosk=1"
    for index in range(rules.DEVICE_DAILY_LIMIT):
        assert client.post(url, form_data(world, suggestion=f"s{index}")).status_code == 302
    assert client.post(url, form_data(world, suggestion="lagi")).status_code == 429


def test_the_kiosk_opened_by_staff_is_not_held_to_the_device_limit(client, world):
    client.force_login(world.users["staf"])
    opened = client.get(reverse("surveys:point_kiosk", args=[world.point.pk]))
    assert opened.status_code == 302 and KIOSK_COOKIE in opened.cookies
    url = opened["Location"]  # (logging out would drop every cookie of the test client)
    for index in range(rules.DEVICE_DAILY_LIMIT + 2):
        assert client.post(url, form_data(world, suggestion=f"s{index}")).status_code == 302
    assert set(Response.objects.values_list("channel", flat=True)) == {"kiosk"}


def test_the_clock_hook_is_the_default(world):
    assert module.clock is timezone.now


def test_stale_counters_are_swept_at_most_every_few_minutes_not_on_every_answer(world, monkeypatch):
    monkeypatch.setattr(module, "_last_sweep", None)
    old = NOON - module.COUNTER_MEMORY - datetime.timedelta(hours=1)

    def stale(key):
        return SubmissionCount.objects.create(scope="device", key=key, window_start=old, count=1)

    first = stale("a" * 64)
    _submit(world, **_varied(1))
    assert not SubmissionCount.objects.filter(pk=first.pk).exists()
    second = stale("b" * 64)
    _submit(world, now=NOON + module.SWEEP_EVERY - datetime.timedelta(seconds=1), **_varied(2))
    assert SubmissionCount.objects.filter(pk=second.pk).exists()
    _submit(world, device="device-2", now=NOON + module.SWEEP_EVERY, **_varied(3))
    assert not SubmissionCount.objects.filter(pk=second.pk).exists()


def test_the_page_records_an_answer_reading_the_point_and_counting_both_limits_once(
    client, world, monkeypatch
):
    monkeypatch.setattr(module, "_last_sweep", timezone.now())
    url = reverse("surveys:public", args=[world.point.token])
    with CaptureQueriesContext(connection) as captured:
        response = client.post(url, form_data(world), REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302
    tables = [q["sql"].split(" FROM ")[-1].split()[0] for q in captured if "SELECT" in q["sql"]]
    assert tables.count('"surveys_surveypoint"') == 1
    assert tables.count('"surveys_service"') == 1
    writes = [q["sql"] for q in captured if q["sql"].startswith("INSERT")]
    assert len(writes) == 3  # both counters in one statement, the answer, its audit event
    assert len(captured) <= 9
    assert sorted(SubmissionCount.objects.values_list("scope", "count")) == [
        ("address", 1),
        ("device", 1),
    ]


def test_a_phones_first_answer_looks_for_no_repeat_and_its_next_one_does(client, world):
    url = reverse("surveys:public", args=[world.point.token])
    with CaptureQueriesContext(connection) as first:
        response = client.post(url, form_data(world), REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302
    looked = [
        q["sql"] for q in first if q["sql"].startswith("SELECT") and "fingerprint" in q["sql"]
    ]
    assert looked == []  # the key the page has just given cannot have answered before
    again = client.post(url, form_data(world), REMOTE_ADDR="198.51.100.7")  # with its cookie
    assert again.status_code == 409 and Response.objects.count() == 1
