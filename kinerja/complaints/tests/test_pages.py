"""The public pages end to end in the test client, their errors, their limits, and privacy:
nothing reachable without login shows the complainant's name, contact or any NIP."""

import pytest
from django.urls import reverse

from kinerja.complaints import throttle
from kinerja.complaints.models import Complaint
from kinerja.complaints.tests.data import EMAIL, NAME, PHONE

pytestmark = pytest.mark.django_db


def _file(client, world, **extra):
    data = {
        "unit": world.units["pkm"].pk,
        "category": "ringan",
        "description": "Loket tutup sebelum jam layanan berakhir.",
        "name": NAME,
        "email": EMAIL,
        "phone": PHONE,
        **extra,
    }
    return client.post(reverse("complaints:file"), data)


def test_a_citizen_files_gets_the_code_and_follows_it_without_personal_data(client, world):
    client.get(reverse("complaints:file"))
    response = _file(client, world)
    assert response.status_code == 302
    page = client.get(response["Location"])
    code = Complaint.objects.order_by("-pk").first().tracking_code
    assert code in page.content.decode()
    tracked = client.post(reverse("complaints:track"), {"code": code.lower()})
    text = tracked.content.decode()
    assert "Puskesmas Sukamaju" in text
    for secret in (NAME, EMAIL, PHONE, world.e["staf"].nip, world.e["staf"].full_name):
        assert secret not in text


def test_a_bad_form_names_the_field_and_keeps_what_was_typed(client, world):
    response = _file(client, world, category="", description="Tetap di sini")
    assert response.status_code == 400
    text = response.content.decode()
    assert "Tetap di sini" in text and 'href="#id_category"' in text


def test_the_honeypot_saves_nothing(client, world):
    before = Complaint.objects.count()
    assert _file(client, world, website="http://spam").status_code == 400
    assert Complaint.objects.count() == before


def test_filing_is_rate_limited_per_browser(client, world, monkeypatch):
    client.get(reverse("complaints:file"))
    for _ in range(throttle.FILE_PER_DEVICE):
        assert _file(client, world).status_code == 302
    assert _file(client, world).status_code == 429


def test_guessing_codes_is_rate_limited(client, world):
    for _ in range(throttle.TRACK_FAILURES_PER_ADDRESS):
        assert client.post(reverse("complaints:track"), {"code": "AAAAAAAAAA"}).status_code == 400
    code = world.cases["pkm"].tracking_code
    response = client.post(reverse("complaints:track"), {"code": code})
    assert response.status_code == 400 and "case" not in response.context


def test_the_limits_forget_after_the_hour(client, world, monkeypatch):
    import datetime

    for _ in range(throttle.TRACK_FAILURES_PER_ADDRESS):
        client.post(reverse("complaints:track"), {"code": "AAAAAAAAAA"})
    later = throttle.clock() + datetime.timedelta(hours=1, minutes=1)
    monkeypatch.setattr(throttle, "clock", lambda: later)
    code = world.cases["pkm"].tracking_code
    assert client.post(reverse("complaints:track"), {"code": code}).status_code == 200


def test_the_contact_is_shown_only_to_handlers(client, world):
    url = reverse("complaints:detail", args=[world.cases["pkm"].pk])
    client.force_login(world.users["staf"])
    assert EMAIL in client.get(url).content.decode()
    client.force_login(world.users["pimpinan"])
    text = client.get(url).content.decode()
    assert EMAIL not in text and NAME not in text and PHONE not in text


def test_the_inbox_does_not_grow_queries_with_its_rows(
    client, world, django_assert_max_num_queries
):
    client.force_login(world.users["bkpsdm"])
    for _ in range(5):
        _file(client, world)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("complaints:inbox")).status_code == 200


def test_with_several_agencies_and_none_named_the_citizen_chooses_and_the_choice_stays(
    client, world, settings
):
    settings.PUBLIC_AGENCY = ""
    chooser = client.get(reverse("complaints:file"))
    assert chooser.status_code == 200
    text = chooser.content.decode()
    assert f'href="{reverse("complaints:file")}?instansi=contoh"' in text
    assert f'href="{reverse("complaints:file")}?instansi=lain"' in text
    assert client.get(reverse("complaints:track")).context["agencies"]
    form = client.get(reverse("complaints:file"), {"instansi": "contoh"})
    assert "Puskesmas Sukamaju" in form.content.decode()
    assert f'href="{reverse("complaints:track")}?instansi=contoh"' in form.content.decode()
    data = {
        "unit": world.units["pkm"].pk,
        "category": "ringan",
        "description": "Antrean tidak dipanggil sesuai nomor.",
    }
    filed = client.post(reverse("complaints:file") + "?instansi=contoh", data)
    assert filed["Location"] == reverse("complaints:filed") + "?instansi=contoh"
    complaint = Complaint.objects.order_by("-pk").first()
    assert complaint.agency == world.agency
    page = client.get(filed["Location"])
    assert complaint.tracking_code in page.content.decode()
    tracked = client.post(
        reverse("complaints:track") + "?instansi=contoh", {"code": complaint.tracking_code}
    )
    assert tracked.status_code == 200 and tracked.context["case"]


def test_a_code_followed_under_another_agency_is_not_found(client, world, settings):
    settings.PUBLIC_AGENCY = ""
    code = world.cases["pkm"].tracking_code
    response = client.post(reverse("complaints:track") + "?instansi=lain", {"code": code})
    assert response.status_code == 400 and "case" not in response.context


def test_an_address_naming_no_agency_is_404_and_a_form_sent_without_one_too(
    client, world, settings
):
    settings.PUBLIC_AGENCY = ""
    assert client.get(reverse("complaints:file"), {"instansi": "tidak-ada"}).status_code == 404
    code = world.cases["pkm"].tracking_code
    assert client.post(reverse("complaints:confirm"), {"code": code}).status_code == 404
