"""Issue 12 on a phone (390 x 844): the year's execution between the plan and the predikat.

The employee logs two activities of the day and enters the first quarter's realisation with a
photo as evidence and sends it; the leader finds both on the team page, verifies the team's
activities in bulk, returns the realisation with a comment and gives the scheduled feedback on a
BerAKHLAK value; the employee corrects the realisation from Beranda and sends it again. Every
step is reached by a click, and no page scrolls sideways.
"""

import datetime

import pytest
from playwright.sync_api import expect

from kinerja.activities.models import Activity
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
ACTIVITIES = [
    ("Melayani pendaftaran pasien rawat jalan di loket", "07:30", "10:00"),
    ("Menyusun rekap kunjungan pasien harian untuk kepala seksi", "10:15", "11:45"),
]
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

    # 1. The employee logs two activities of the day for a result of the plan, from the menu.
    log_in_from_the_front_door(page, staf.nip)
    page.locator("[data-toggle-nav]").click()
    page.locator("#mainnav").get_by_role("link", name=ui("Daily log")).click()
    assert_fits(page)
    for text, start, end in ACTIVITIES:
        form = page.get_by_test_id("entry-form")
        expect(form.locator("[name=date]")).to_have_value(TODAY.isoformat())
        form.locator("[name=description]").fill(text)
        form.locator("[name=start_time]").fill(start)
        form.locator("[name=end_time]").fill(end)
        form.locator("[name=rhk_key]").select_option(index=1)
        form.locator("button[type=submit]").click()
        expect(page.get_by_test_id("day").filter(has_text=text)).to_be_visible()
    assert_fits(page)
    logged = Activity.objects.filter(employee=staf, date=TODAY)
    assert logged.count() == 2 and all(a.rhk_key and a.status == "submitted" for a in logged)

    # 2. From Beranda to the quarter, and the realisation sent with a photo.
    page.goto("/")
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
    assert len(page.dialogs) >= 1

    # 3. The leader sees both waiting on the team page; the team's activities are verified in
    # bulk, the realisation is returned with a comment.
    page.context.clear_cookies()
    log_in_from_the_front_door(page, kasi.nip)
    page.get_by_test_id("team-link").click()
    page.wait_for_url("**/tim/")
    assert_fits(page)
    worklog = page.locator('[data-testid=team-section][data-key="worklog"]')
    expect(worklog.get_by_test_id("team-waiting")).to_have_text("2")
    worklog.get_by_role("link").click()
    assert_fits(page)
    expect(page.get_by_test_id("waiting")).to_contain_text(staf.name)
    page.get_by_test_id("verify-many").click()
    expect(success(page)).to_be_visible()
    assert set(logged.values_list("status", flat=True)) == {"verified"}
    page.goto("/tim/")
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

    # 4. Back on the team page, the scheduled feedback due for the employee, on a value.
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

    # 5. The employee corrects the returned realisation from Beranda and sends it again.
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
