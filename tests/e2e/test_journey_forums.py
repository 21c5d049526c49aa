"""A public consultation forum on a phone (390 x 844): the unit admin records a forum with a
commitment and publishes it, a citizen reads the commitment on the public page without logging
in, the admin marks the commitment done and the citizen sees it done."""

import datetime

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from kinerja.forums.models import Commitment, Forum, ForumStatus
from kinerja.org.tests.personas import PASSWORD
from tests.e2e.conftest import PHONE, assert_fits, close_page, log_in, open_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Forum Konsultasi Publik Puskesmas Sukamaju"
COMMITMENT = "Membuka layanan sore dua hari seminggu"
OFFICE = "Kepala Puskesmas"


def ui(message: str) -> str:
    with translation.override("id"):
        return gettext(message)


def test_a_forum_is_recorded_published_read_by_a_citizen_and_its_commitment_done(
    phone, personas, browser, live_server
):
    today = timezone.localdate()
    page = phone
    log_in(page, "staf", PASSWORD)

    # The unit admin records the forum: first the unit, then the form with its rows.
    page.goto("/forum-konsultasi/")
    assert_fits(page)
    page.get_by_test_id("forum-new").click()
    page.get_by_test_id("choose-unit").locator("select[name=unit]").select_option(
        str(personas.units["pkm"].pk)
    )
    page.get_by_test_id("choose-unit").locator("button[type=submit]").click()
    form = page.get_by_test_id("forum-form")
    expect(form).to_be_visible()
    assert_fits(page)
    form.locator("[name=title]").fill(TITLE)
    form.locator("[name=held_on]").fill((today - datetime.timedelta(days=3)).isoformat())
    form.locator("[name=place]").fill("Aula Puskesmas Sukamaju")
    form.locator("[name=summary]").fill("Warga meminta layanan sore bagi pekerja.")
    form.locator("[name=people_public]").fill("28")
    form.locator("[name=people_leaders]").fill("3")
    form.locator("[name=topic-0-text]").fill("Pekerja tidak bisa berobat pada jam kerja")
    form.locator("[name=commitment-0-text]").fill(COMMITMENT)
    form.locator("[name=commitment-0-owner_text]").fill(OFFICE)
    form.locator("[name=commitment-0-due_date]").fill(
        (today + datetime.timedelta(days=30)).isoformat()
    )
    page.get_by_test_id("forum-save").click()
    expect(page.get_by_test_id("forum-status")).to_have_text(ui("Draft"))
    assert_fits(page)

    # Publishing asks for confirmation.
    page.get_by_test_id("forum-publish").click()
    assert_fits(page)
    page.get_by_test_id("publish-confirm").check()
    page.get_by_test_id("publish-submit").click()
    expect(page.get_by_test_id("forum-status")).to_have_text(ui("Published"))
    forum = Forum.objects.get(title=TITLE)
    assert forum.status == ForumStatus.PUBLISHED

    # A citizen, without logging in, finds the forum and reads the commitment.
    citizen = open_page(browser, live_server, viewport=PHONE, java_script_enabled=False)
    citizen.goto("/forum/?instansi=contoh")
    assert_fits(citizen)
    citizen.get_by_role("link", name=TITLE).click()
    row = citizen.get_by_test_id("commitment-row").filter(has_text=COMMITMENT)
    expect(row).to_contain_text(OFFICE)
    expect(row).to_have_attribute("data-state", "on_time")
    assert_fits(citizen)

    # The admin marks the commitment done from its page.
    page.get_by_role("link", name=COMMITMENT).click()
    page.wait_for_url("**/komitmen/**")
    assert_fits(page)
    page.get_by_test_id("complete-submit").click()
    expect(page.get_by_test_id("commitment-status")).to_contain_text(ui("Done"))
    assert page.dialogs, "marking a commitment done asks for confirmation"
    assert Commitment.objects.get(forum=forum).done_on == today

    citizen.reload()
    row = citizen.get_by_test_id("commitment-row").filter(has_text=COMMITMENT)
    expect(row).to_have_attribute("data-state", "done_on_time")
    close_page(citizen)
