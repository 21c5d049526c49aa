"""A public complaint on a phone (390 x 844): a citizen files it on /pengaduan/ without an
account and follows it by its code; the unit's handler routes it within the health office and
publishes a response; the citizen reads the response and reopens the complaint. The
citizen's pages never show their name or contact, and no page scrolls sideways."""

import pytest
from playwright.sync_api import expect

from kinerja.complaints.models import Complaint
from kinerja.org.models import Unit
from kinerja.org.tests.personas import PASSWORD, build_personas
from tests.e2e.conftest import PHONE, close_page, log_in, open_page
from tests.e2e.test_phone_journeys import assert_fits, ui

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESCRIPTION = "Antrean pendaftaran di Puskesmas Sukamaju lebih dari tiga jam setiap Senin."
RESPONSE = "Mulai pekan depan loket pendaftaran dibuka pukul 07.00 dengan dua petugas."
REASON = "Senin kemarin antrean masih tiga jam, loket kedua belum dibuka."
NAME = "Wulan Sari Pelapor"
EMAIL = "wulan.pelapor@example.org"


@pytest.fixture
def people(transactional_db, settings):
    settings.PUBLIC_AGENCY = "contoh"
    personas = build_personas()
    Unit.objects.filter(pk=personas.units["pkm"].pk).update(is_service_unit=True)
    return personas


def _track(phone, code):
    phone.goto("/pengaduan/lacak/")
    assert_fits(phone)
    phone.locator("input[name=code]").fill(code)
    phone.locator("form.card button[type=submit]").click()
    expect(phone.get_by_test_id("case")).to_be_visible()
    assert_fits(phone)
    for secret in (NAME, EMAIL):
        assert secret not in phone.content()


def test_a_citizen_files_the_handler_answers_and_the_citizen_reopens(
    people, phone, browser, live_server
):
    # 1. the citizen files, without an account
    phone.goto("/pengaduan/")
    assert_fits(phone)
    phone.locator("select[name=unit]").select_option(label="Puskesmas Sukamaju")
    phone.locator("select[name=category]").select_option("ringan")
    phone.locator("textarea[name=description]").fill(DESCRIPTION)
    phone.locator("input[name=name]").fill(NAME)
    phone.locator("input[name=email]").fill(EMAIL)
    phone.get_by_role("button", name=ui("Send the complaint")).click()
    code = phone.get_by_test_id("tracking-code").inner_text().strip()
    assert_fits(phone)
    complaint = Complaint.objects.get(tracking_code=code)
    assert complaint.unit_id == people.units["pkm"].pk and complaint.contact.email == EMAIL

    # ... and follows it by its code (typed in lower case)
    _track(phone, code.lower())
    expect(phone.get_by_test_id("status")).to_have_text(ui("With the unit"))

    # 2. the unit admin of the health office routes it and publishes the response
    handler = open_page(browser, live_server, viewport=PHONE)
    log_in(handler, people.users["staf"].username, PASSWORD)
    handler.goto("/pengaduan/kotak-masuk/")
    assert_fits(handler)
    handler.get_by_role("link", name=code).click()
    assert_fits(handler)
    expect(handler.get_by_test_id("contact")).to_contain_text(EMAIL)  # the handler reads it
    handler.locator("#id_route_unit").select_option(label="Bidang Pelayanan Kesehatan")
    handler.get_by_role("button", name=ui("Route"), exact=True).click()
    expect(handler.locator(".messages .message-success")).to_be_visible()
    handler.locator("#id_resp_text").fill(RESPONSE)
    handler.locator("#id_resp_confirm").check()
    handler.get_by_role("button", name=ui("Publish"), exact=True).click()
    expect(handler.get_by_test_id("status")).to_contain_text(ui("Answered"))
    assert_fits(handler)
    close_page(handler)

    # 3. the citizen reads the response and reopens the complaint
    _track(phone, code)
    expect(phone.get_by_test_id("response")).to_contain_text(RESPONSE)
    expect(phone.get_by_test_id("response")).to_contain_text("Bidang Pelayanan Kesehatan")
    phone.locator("textarea[name=reason]").fill(REASON)
    phone.get_by_test_id("reopen").click()
    expect(phone.get_by_test_id("status")).to_have_text(ui("Reopened by the complainant"))
    expect(phone.get_by_test_id("case")).to_contain_text(REASON)
    assert_fits(phone)
    complaint.refresh_from_db()
    assert complaint.status == "reopened" and complaint.unit.name == "Bidang Pelayanan Kesehatan"
