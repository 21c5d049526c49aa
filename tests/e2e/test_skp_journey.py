"""Issue 4 in the browser: a head of unit fills the matrix for his team, a staff member completes
and submits the SKP, the rater returns it with a comment, the staff member fixes it, the rater
sets it, and the PDF downloads and opens."""

import io
import re

import pytest
from django.utils import translation
from django.utils.translation import gettext, ngettext
from playwright.sync_api import expect
from pypdf import PdfReader

from kinerja.org.tests.personas import PASSWORD
from tests.e2e.conftest import log_in
from tests.e2e.skp_data import KASI_RHK, leader_plans

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLE = "Tersusunnya laporan pembinaan puskesmas"
INDICATOR = "Jumlah laporan pembinaan puskesmas yang tersusun"
COMMENT = "Target 4 laporan terlalu rendah: naikkan menjadi 12 laporan, satu per bulan."
KASI_INDICATOR = f"Jumlah {KASI_RHK.lower()}"


def ui(message: str, **values) -> str:
    """A message as the pages show it to the browser (Indonesian, the context's locale)."""
    with translation.override("id"):
        text = gettext(message)
    return text % values if values else text


def ui_count(message: str, n: int) -> str:
    """A {% blocktranslate count %} message whose singular and plural read the same."""
    with translation.override("id"):
        return ngettext(message, message, n) % {"n": n}


def saved_status() -> re.Pattern:
    """The autosave status after a successful save ("Saved at 10:11:12" in the page language)."""
    text = ui("Saved at %(time)s", time="\0")
    return re.compile(re.escape(text).replace("\0", r"\d{1,2}[:.]\d{2}[:.]\d{2}"))


def success(page):
    return page.locator(".messages .message-success")


def status_badge(page):
    return page.get_by_test_id("skp-status").first


def switch_user(page, username):
    page.context.clear_cookies()
    log_in(page, username, PASSWORD)


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_the_skp_goes_from_the_matrix_through_a_return_to_a_set_plan_and_its_pdf(page, personas):
    plans = leader_plans(personas)
    kasi, staf = personas.employees["kasi"], personas.employees["staf"]

    # The head of the seksi divides his indicator: a role for the staff member.
    log_in(page, kasi.nip, PASSWORD)
    page.goto(f"/skp/matriks/?year={plans.year}")
    table = page.get_by_test_id("matrix-table")
    expect(table.locator("thead")).to_contain_text("RHK 1")
    expect(table.locator("thead")).to_contain_text("IKI 1.1")
    expect(table.locator("thead abbr").first).to_have_attribute("title", KASI_RHK)
    expect(page.get_by_test_id("matrix-key")).to_contain_text(KASI_INDICATOR)
    row = table.get_by_test_id("matrix-row").filter(has_text=staf.full_name)
    expect(row).to_contain_text(ui("No SKP yet"))
    page.get_by_label(f"{staf.full_name}, IKI 1.1: {KASI_INDICATOR}").fill(ROLE)
    page.get_by_test_id("matrix-form").locator("button[type=submit]").click()
    expect(success(page)).to_contain_text(ui("The matrix has been saved."))
    summary = page.get_by_test_id("matrix-summary")
    expect(summary).to_contain_text(ui_count("%(n)s draft SKP started", 1))
    expect(page.get_by_label(f"{staf.full_name}, IKI 1.1: {KASI_INDICATOR}")).to_have_value(ROLE)
    expect(row).to_contain_text(ui("Draft"))

    # The staff member finds the new draft with the RHK from the matrix.
    switch_user(page, staf.nip)
    page.goto("/skp/")
    mine = page.get_by_test_id("my-plan").filter(has_text=str(plans.year))
    expect(mine.get_by_test_id("skp-status")).to_have_attribute("data-status", "draft")
    mine.get_by_role("link", name=str(plans.year)).click()
    page.wait_for_url(re.compile(r"/skp/\d+/$"))
    plan_url = page.url
    plan_pk = int(re.search(r"/skp/(\d+)/$", plan_url).group(1))
    rhk_table = page.get_by_test_id("rhk-table")
    expect(rhk_table).to_contain_text(ROLE)
    expect(rhk_table.get_by_test_id("intervened")).to_contain_text(KASI_RHK)
    expect(page.get_by_test_id("problems")).to_be_visible()

    # ... adds an indicator with its target in the editor ...
    page.get_by_test_id("edit-link").click()
    page.wait_for_url(f"**/skp/{plan_pk}/ubah/")
    editor = page.get_by_test_id("rhk-editor").filter(has_text=ROLE)
    editor.get_by_test_id("rhk-open").click()
    expect(editor.get_by_test_id("rhk-form")).to_be_visible()
    expect(editor.get_by_role("heading", level=3)).to_be_focused()  # the card opened in place
    editor.locator("details summary").first.click()
    add = editor.get_by_test_id("indicator-add")
    add.locator("select[name$=-aspect]").select_option("kuantitas")
    add.locator("[name$=-text]").fill(INDICATOR)
    add.locator("[name$=-target_value]").fill("4")
    add.locator("[name$=-unit_of_measure]").fill("laporan")
    add.locator("button[type=submit]").click()
    expect(success(page)).to_contain_text(ui("The indicator has been added."))
    indicator_form = editor.get_by_test_id("indicator-form")
    expect(indicator_form.locator("[name$=-target_value]")).to_have_value("4")

    # ... and, as the editor saves as it goes, a manual for it (wait for "saved").
    indicator_form.locator("summary").click()
    indicator_form.locator("[name$=-manual_data_source]").fill("Arsip laporan seksi")
    indicator_form.locator("[name$=-manual_data_source]").press("Tab")
    expect(page.get_by_test_id("autosave-status")).to_have_text(saved_status())

    # She starts the performance dialogue and submits the plan.
    page.get_by_test_id("detail-link").click()
    page.wait_for_url(plan_url)
    expect(page.get_by_test_id("problems")).to_have_count(0)
    expect(page.get_by_test_id("rhk-table")).to_contain_text(INDICATOR)
    page.get_by_test_id("start-dialogue").locator("button[type=submit]").click()
    expect(success(page)).to_contain_text(ui("The performance dialogue has started."))
    expect(status_badge(page)).to_have_attribute("data-status", "dialogue")
    page.get_by_test_id("submit").locator("button[type=submit]").click()
    expect(success(page)).to_contain_text(ui("The SKP has been submitted to the rater."))
    expect(status_badge(page)).to_have_attribute("data-status", "submitted")
    expect(page.get_by_test_id("edit-link")).to_have_count(0)

    # The rater finds it in his inbox and returns it with a general comment.
    switch_user(page, kasi.nip)
    page.goto("/skp/kotak-masuk/")
    waiting = page.get_by_test_id("waiting-row").filter(has_text=staf.full_name)
    waiting.get_by_role("link").click()
    page.wait_for_url(f"**/skp/{plan_pk}/tinjau/")
    expect(page.get_by_test_id("skp-status")).to_have_text(ui("Submitted"))
    expect(page.get_by_test_id("rhk-row")).to_contain_text(ROLE)
    expect(page.get_by_test_id("rhk-row")).to_contain_text("4 laporan")
    page.get_by_test_id("review-form").locator("[name=comment]").fill(COMMENT)
    page.get_by_test_id("return").click()
    page.wait_for_url("**/skp/kotak-masuk/*")
    expect(success(page)).to_contain_text(
        ui("The SKP of %(name)s has been returned with your comments.", name=staf.full_name)
    )
    expect(page.get_by_test_id("waiting-row")).to_have_count(0)
    pending = page.get_by_test_id("pending-row").filter(has_text=staf.full_name)
    expect(pending).to_contain_text(ui("Returned"))

    # The staff member reads the comment, raises the target and submits again.
    switch_user(page, staf.nip)
    page.goto(plan_url)
    expect(status_badge(page)).to_have_attribute("data-status", "returned")
    expect(page.get_by_test_id("comments")).to_contain_text(COMMENT)
    page.get_by_test_id("edit-link").click()
    page.wait_for_url(f"**/skp/{plan_pk}/ubah/")
    expect(page.get_by_test_id("return-comments")).to_contain_text(COMMENT)
    page.get_by_test_id("rhk-editor").get_by_test_id("rhk-open").click()
    target = page.get_by_test_id("indicator-form").locator("[name$=-target_value]")
    target.fill("12")
    target.press("Tab")
    expect(page.get_by_test_id("autosave-status")).to_have_text(saved_status())
    page.reload()
    expect(page.get_by_test_id("indicator-form").locator("[name$=-target_value]")).to_have_value(
        "12"
    )
    page.get_by_test_id("detail-link").click()
    page.wait_for_url(plan_url)
    expect(page.get_by_test_id("rhk-table")).to_contain_text("12 laporan")
    page.get_by_test_id("submit").locator("button[type=submit]").click()
    expect(success(page)).to_contain_text(ui("The SKP has been submitted to the rater."))
    expect(status_badge(page)).to_have_attribute("data-status", "submitted")
    assert any("ajukan" in message.lower() for message in page.dialogs), page.dialogs

    # The rater sets it.
    switch_user(page, kasi.nip)
    page.goto("/skp/kotak-masuk/")
    page.get_by_test_id("waiting-row").filter(has_text=staf.full_name).get_by_role("link").click()
    page.wait_for_url(f"**/skp/{plan_pk}/tinjau/")
    expect(page.get_by_test_id("rhk-row")).to_contain_text("12 laporan")
    expect(page.get_by_test_id("decision")).to_contain_text(COMMENT)
    page.get_by_test_id("set").click()
    page.wait_for_url("**/skp/kotak-masuk/*")
    expect(success(page)).to_contain_text(
        ui("The SKP of %(name)s has been set.", name=staf.full_name)
    )
    expect(page.get_by_test_id("inbox-waiting").get_by_test_id("waiting-row")).to_have_count(0)

    # The staff member sees her plan set and downloads it as a PDF that opens.
    switch_user(page, staf.nip)
    page.goto(plan_url)
    expect(status_badge(page)).to_have_attribute("data-status", "set")
    expect(page.get_by_test_id("edit-link")).to_have_count(0)
    response = page.request.get(f"/skp/{plan_pk}/pdf/")
    assert response.ok, response.status
    assert response.headers["content-type"] == "application/pdf"
    assert "attachment" in response.headers["content-disposition"]
    assert staf.nip not in response.headers["content-disposition"]
    content = response.body()
    assert content.startswith(b"%PDF-")
    assert b"%%EOF" in content[-1024:]
    text = pdf_text(content)
    assert staf.full_name in text
    assert ROLE in text
