"""Issue 12 on a phone (390 x 844): the year's execution between the plan and the predikat.

The employee enters the first quarter's realisation with a photo as evidence and sends it; the
leader finds it on the team page and returns it with a comment, then gives the scheduled
feedback on a BerAKHLAK value; the employee corrects the realisation from Beranda and sends it
again. Every step is reached by a click, and no page scrolls sideways.
"""

import datetime

import pytest
from playwright.sync_api import expect

from kinerja.demo.generator.iku_results import tiny_png
from kinerja.feedback import services as feedback_services
from kinerja.feedback.models import Feedback
from kinerja.results.models import Realisation
from kinerja.results.tests.data import D, plans
from kinerja.skp.tests.factories import YEAR
from kinerja.skp.tests.review_data import freeze_today
from tests.e2e.test_phone_journeys import assert_fits, log_in_from_the_front_door, success, ui

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TODAY = D(YEAR, 4, 6)  # the first quarter has ended: its realisation is due
RETURN_COMMENT = "Lampirkan foto daftar hadir pasien, bukan foto kegiatan."
FEEDBACK = "Pelayanan ramah dan cepat; pertahankan orientasi pelayanan."


def test_an_employee_reports_a_quarter_and_the_leader_returns_it_and_gives_feedback(
    phone, personas, monkeypatch, tmp_path
):
    page = phone
    freeze_today(monkeypatch, TODAY)
    plans(personas)
    staf, kasi = personas.employees["staf"], personas.employees["kasi"]
    feedback_services.feedback_schedule_set(
        actor=None,
        employee=staf,
        year=YEAR,
        dates=[TODAY + datetime.timedelta(days=2)],
        leader=kasi,
    )
    photo = tmp_path / "daftar-hadir.png"
    photo.write_bytes(tiny_png((40, 120, 200)))

    # 1. The employee goes from Beranda to the quarter and sends the realisation with a photo.
    log_in_from_the_front_door(page, staf.nip)
    page.get_by_test_id("todo-results.report").get_by_role("link").click()
    assert_fits(page)
    form = page.get_by_test_id("entry-form").first
    form.locator("[name=value]").fill("4")
    form.locator("summary").click()
    form.locator("[name=file]").set_input_files(str(photo))
    form.locator("button[value=submit]").click()
    expect(page.get_by_test_id("indicator-row").first.get_by_test_id("status")).to_be_visible()
    assert_fits(page)
    realisation = Realisation.objects.get(employee=staf)
    assert realisation.status == "submitted" and realisation.evidence.count() == 1
    assert len(page.dialogs) == 1

    # 2. The leader sees it waiting on the team page and returns it with a comment.
    page.context.clear_cookies()
    log_in_from_the_front_door(page, kasi.nip)
    page.get_by_test_id("team-link").click()
    page.wait_for_url("**/tim/")
    assert_fits(page)
    results = page.locator('[data-testid=team-section][data-key="results"]')
    expect(results.get_by_test_id("team-waiting")).to_have_text("1")
    results.get_by_role("link").click()
    assert_fits(page)
    row = page.get_by_test_id("to-verify-row").filter(has_text=staf.name)
    row.locator("details summary").click()
    row.locator("textarea[name=comment]").fill(RETURN_COMMENT)
    row.locator("details form button[type=submit]").click()
    expect(page.get_by_test_id("nothing")).to_be_visible()
    realisation.refresh_from_db()
    assert realisation.status == "returned" and realisation.return_comment == RETURN_COMMENT

    # 3. Back on the team page, the scheduled feedback due for the employee, on a value.
    page.goto("/tim/")
    member = page.locator(f'[data-testid=team-member][data-employee="{staf.pk}"]')
    member.locator('[data-section="feedback"] a').click()
    assert_fits(page)
    page.locator("[name=core_value]").select_option("berorientasi_pelayanan")
    page.locator("[name=text]").fill(FEEDBACK)
    page.locator("form button[type=submit]").last.click()
    expect(success(page)).to_contain_text(ui("Your feedback was recorded."))
    given = Feedback.objects.get(employee=staf)
    assert given.kind == "scheduled" and given.core_value == "berorientasi_pelayanan"

    # 4. The employee corrects the returned realisation from Beranda and sends it again.
    page.context.clear_cookies()
    log_in_from_the_front_door(page, staf.nip)
    page.get_by_test_id("todo-results.returned").get_by_role("link").click()
    assert_fits(page)
    page.get_by_role("link", name=realisation.period.label).first.click()
    assert_fits(page)
    expect(page.get_by_test_id("return-comment")).to_contain_text(RETURN_COMMENT)
    form = page.get_by_test_id("entry-form").first
    form.locator("[name=value]").fill("5")
    form.locator("button[value=submit]").click()
    expect(page.get_by_test_id("indicator-row").first.get_by_test_id("status")).to_be_visible()
    realisation.refresh_from_db()
    assert realisation.status == "submitted" and realisation.value == 5
