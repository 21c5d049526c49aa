"""The complaints API does what the pages do: the staff list and its filters, one case (the
contact only for its handlers), the actions through the same services with field errors, the
statistics; the public filing (honeypot, rate limit, 201 with the code) and the tracking by
code (no personal data, guessing rate-limited)."""

import json

import pytest
from django.test import Client

from kinerja.complaints import throttle
from kinerja.complaints.models import Complaint
from kinerja.complaints.tests.data import EMAIL, NAME, PHONE, TODAY

pytestmark = pytest.mark.django_db
API = "/api/v1/complaints"
PUBLIC = "/api/v1/public/complaints"


def _as(client, world, persona):
    client.force_login(world.users[persona])
    return client


def _post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def _codes(response) -> set[str]:
    return {row["tracking_code"] for row in response.json()["items"]}


# --- the list -------------------------------------------------------------------------------


def test_the_list_is_scoped_and_filtered_like_the_inbox(client, world):
    pkm, unrouted, answered = (
        world.cases[k].tracking_code for k in ("pkm", "unrouted", "answered")
    )
    _as(client, world, "bkpsdm")
    assert _codes(client.get(API)) == {pkm, unrouted, answered}
    assert _codes(client.get(API, {"status": "answered"})) == {answered}
    assert _codes(client.get(API, {"category": "normatif"})) == {pkm}
    assert _codes(client.get(API, {"unit": world.units["dinkes"].pk})) == {pkm, answered}
    assert _codes(client.get(API, {"unrouted": "true"})) == {unrouted}
    assert _codes(client.get(API, {"channel": "lapor"})) == set()
    page = client.get(API, {"limit": 1, "offset": 1}).json()
    assert page["count"] == 3 and len(page["items"]) == 1
    _as(client, world, "staf")
    assert _codes(client.get(API)) == {pkm, answered}
    _as(client, world, "kasi")
    assert client.get(API).json() == {"count": 0, "items": []}


def test_the_overdue_filter_lists_open_cases_past_their_last_day(client, world):
    Complaint.objects.filter(pk=world.cases["pkm"].pk).update(due_on=TODAY.replace(day=2))
    _as(client, world, "bkpsdm")
    rows = client.get(API, {"overdue": "true"}).json()["items"]
    assert [row["tracking_code"] for row in rows] == [world.cases["pkm"].tracking_code]
    assert rows[0]["overdue"] is True


def test_a_bad_filter_is_422_naming_it(client, world):
    _as(client, world, "bkpsdm")
    response = client.get(API, {"status": "lost"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "status"]


# --- one case -------------------------------------------------------------------------------


def test_the_contact_only_for_the_handlers(client, world):
    url = f"{API}/{world.cases['pkm'].pk}"
    for persona in ("staf", "bkpsdm"):
        body = _as(client, world, persona).get(url).json()
        assert body["contact"] == {"name": NAME, "email": EMAIL, "phone": PHONE}
        assert body["handles"] is True
    for persona in ("pimpinan", "auditor"):
        response = _as(client, world, persona).get(url)
        assert response.json()["contact"] is None and response.json()["handles"] is False
        text = response.content.decode()
        assert NAME not in text and EMAIL not in text and PHONE not in text


def test_route_respond_and_the_citizen_reads_the_response(client, world):
    case = world.cases["pkm"]
    _as(client, world, "staf")
    routed = _post(client, f"{API}/{case.pk}/route", {"unit": world.units["yankes"].pk}).json()
    assert routed["unit_name"] == "Bidang Pelayanan Kesehatan" and routed["status"] == "routed"
    note = _post(client, f"{API}/{case.pk}/notes", {"text": "Cek loket pagi."}).json()
    assert note["status"] == "in_progress"
    assert note["events"][-1] == {
        "kind": "note",
        "day": str(TODAY),
        "unit_name": "Bidang Pelayanan Kesehatan",
        "text": "Cek loket pagi.",
        "public": False,
    }
    answered = _post(client, f"{API}/{case.pk}/respond", {"text": "Loket dibuka 07.30."}).json()
    assert answered["status"] == "answered" and answered["answered_on"] == str(TODAY)
    client.logout()
    public = client.get(f"{PUBLIC}/{case.tracking_code}").json()
    assert [r["text"] for r in public["responses"]] == ["Loket dibuka 07.30."]
    assert "Cek loket pagi." not in json.dumps(public)
    assert public["may_reopen"] is True


def test_a_change_of_category_counts_the_due_date_again(client, world):
    case = world.cases["pkm"]
    body = _post(
        _as(client, world, "staf"),
        f"{API}/{case.pk}/category",
        {"category": "berkadar_pengawasan", "reason": "Perlu pemeriksaan."},
    ).json()
    assert body["category"] == "berkadar_pengawasan"
    assert body["due_on"] > str(case.due_on)


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("route", {"unit": 999_999}, "unit"),
        ("notes", {"text": "   "}, "text"),
        ("respond", {"text": ""}, "text"),
        ("category", {"category": "normatif"}, "category"),  # already
    ],
)
def test_bad_input_is_400_naming_the_field(client, world, path, body, field):
    response = _post(_as(client, world, "staf"), f"{API}/{world.cases['pkm'].pk}/{path}", body)
    assert response.status_code == 400, response.content
    assert field in response.json()["detail"]


def test_a_unit_of_another_agency_cannot_be_chosen(client, world):
    url = f"{API}/{world.cases['pkm'].pk}/route"
    response = _post(_as(client, world, "bkpsdm"), url, {"unit": world.units["other"].pk})
    assert response.status_code == 400 and "unit" in response.json()["detail"]


def test_closing_an_open_case_is_409(client, world):
    response = _post(_as(client, world, "staf"), f"{API}/{world.cases['pkm'].pk}/close", {})
    assert response.status_code == 409


def test_closing_an_answered_case(client, world):
    response = _post(_as(client, world, "staf"), f"{API}/{world.cases['answered'].pk}/close", {})
    assert response.status_code == 200 and response.json()["status"] == "closed"


# --- recording ------------------------------------------------------------------------------


def _record(client, world, **extra):
    body = {
        "channel": "surat",
        "source_reference": "800/12/PKM/2026",
        "received_on": "2026-03-12",
        "unit": world.units["pkm"].pk,
        "category": "normatif",
        "description": "Surat keluhan tentang biaya surat keterangan sehat.",
        **extra,
    }
    return _post(client, API, body)


def test_recording_a_letter(client, world):
    response = _record(_as(client, world, "staf"), world, name="Pak Budi")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["channel"] == "surat" and body["received_on"] == "2026-03-12"
    assert body["contact"]["name"] == "Pak Budi"


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"source_reference": ""}, "source_reference"),
        ({"received_on": "2026-03-20"}, "received_on"),
        ({"channel": "media_sosial", "source_reference": "bukan tautan"}, "source_reference"),
        ({"phone": "call me"}, "phone"),
        ({"description": ""}, "description"),
    ],
)
def test_recording_names_the_bad_field(client, world, extra, field):
    response = _record(_as(client, world, "staf"), world, **extra)
    assert response.status_code == 400, response.content
    assert field in response.json()["detail"]


def test_the_public_form_is_not_a_channel_to_record(client, world):
    response = _record(_as(client, world, "staf"), world, channel="portal")
    assert response.status_code == 400 and "channel" in response.json()["detail"]


# --- statistics -----------------------------------------------------------------------------


def test_statistics_by_channel_category_and_unit(client, world):
    body = _as(client, world, "bkpsdm").get(f"{API}/statistics", {"year": 2026}).json()
    figures = body["all"]
    assert figures["received"] == 3 and figures["answered"] == 1
    assert figures["by_channel"] == [{"key": "portal", "label": "Formulir publik", "count": 3}]
    assert {row["key"]: row["count"] for row in figures["by_category"]} == {
        "ringan": 2,
        "normatif": 1,
    }
    units = {row["unit_name"]: row["figures"]["received"] for row in body["units"]}
    assert units == {"": 1, "Puskesmas Sukamaju": 2}
    assert _as(client, world, "dokter").get(f"{API}/statistics").status_code == 403


# --- public ---------------------------------------------------------------------------------


def _file(client, world, **extra):
    body = {
        "unit": world.units["pkm"].pk,
        "category": "ringan",
        "description": "Loket tutup sebelum jam layanan berakhir.",
        "name": NAME,
        "email": EMAIL,
        "phone": PHONE,
        **extra,
    }
    return _post(client, PUBLIC, body)


def test_a_citizen_files_and_follows_by_code_without_personal_data(client, world):
    response = _file(client, world)
    assert response.status_code == 201, response.content
    code = response.json()["tracking_code"]
    complaint = Complaint.objects.get(tracking_code=code)
    assert complaint.channel == "portal" and complaint.contact.email == EMAIL
    assert response.json()["due_on"] == str(complaint.due_on)
    tracked = client.get(f"{PUBLIC}/{code.lower()}")
    assert tracked.status_code == 200
    body = tracked.json()
    assert body["office"] == "Puskesmas Sukamaju" and body["status"] == "routed"
    assert [step["kind"] for step in body["history"]] == ["filed", "routed"]
    for secret in (NAME, EMAIL, PHONE, world.e["staf"].nip, "Loket tutup"):
        assert secret not in tracked.content.decode()


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"category": "ringan", "description": "  "}, "description"),
        ({"unit": 999_999}, "unit"),
        ({"email": "bukan-surel"}, "email"),
        ({"phone": "12"}, "phone"),
    ],
)
def test_bad_public_input_is_400_naming_the_field(client, world, extra, field):
    before = Complaint.objects.count()
    response = _file(client, world, **extra)
    assert response.status_code == 400, response.content
    assert field in response.json()["detail"]
    assert Complaint.objects.count() == before


def test_a_unit_not_offered_to_the_public_is_refused(client, world):
    response = _file(client, world, unit=world.units["primer"].pk)
    assert response.status_code == 400 and "unit" in response.json()["detail"]


def test_the_public_honeypot_saves_nothing(client, world):
    before = Complaint.objects.count()
    response = _file(client, world, website="http://spam.example")
    assert response.status_code == 400 and "__all__" in response.json()["detail"]
    assert Complaint.objects.count() == before


def test_public_filing_is_rate_limited_per_address(client, world, monkeypatch):
    monkeypatch.setattr(throttle, "FILE_PER_ADDRESS", 2)
    assert [_file(client, world).status_code for _ in range(3)] == [201, 201, 429]
    assert "Terlalu banyak" in _file(client, world).json()["detail"]


def test_public_filing_is_rate_limited_per_browser_as_the_form_is(client, world):
    """The first answer gives the browser's cookie and counts on it, as the form's cookie does
    on the page: the last filing the limit allows passes, the next is 429; another browser at
    the same address still files."""
    allowed = [_file(client, world).status_code for _ in range(throttle.FILE_PER_DEVICE)]
    assert allowed == [201] * throttle.FILE_PER_DEVICE
    assert throttle.DEVICE_COOKIE in client.cookies
    assert throttle.FILE_PER_DEVICE < throttle.FILE_PER_ADDRESS  # the browser's limit answers
    before = Complaint.objects.count()
    refused = _file(client, world)
    assert refused.status_code == 429
    assert "Terlalu banyak" in refused.json()["detail"]
    assert Complaint.objects.count() == before
    assert _file(Client(), world).status_code == 201


def test_guessing_codes_is_rate_limited(client, world, monkeypatch):
    monkeypatch.setattr(throttle, "TRACK_FAILURES_PER_ADDRESS", 2)
    assert client.get(f"{PUBLIC}/AAAAAAAAAA").status_code == 404
    assert client.get(f"{PUBLIC}/CCCCCCCCCC").status_code == 404
    code = world.cases["pkm"].tracking_code
    assert client.get(f"{PUBLIC}/{code}").status_code == 429


def test_a_found_code_does_not_count_against_the_address(client, world, monkeypatch):
    monkeypatch.setattr(throttle, "TRACK_FAILURES_PER_ADDRESS", 1)
    code = world.cases["pkm"].tracking_code
    assert [client.get(f"{PUBLIC}/{code}").status_code for _ in range(3)] == [200, 200, 200]


def test_no_public_agency_no_public_api(client, world, settings):
    settings.PUBLIC_AGENCY = "tidak-ada"
    assert _file(client, world).status_code == 404
    assert client.get(f"{PUBLIC}/{world.cases['pkm'].tracking_code}").status_code == 404


def test_a_code_of_another_agency_is_not_found(client, world, settings):
    settings.PUBLIC_AGENCY = "lain"
    assert client.get(f"{PUBLIC}/{world.cases['pkm'].tracking_code}").status_code == 404
