"""Issue 11 on a phone (390 x 844): three people start from Beranda and finish their work there.

A pegawai fixes the SKP her rater returned and submits it again; an atasan follows the count of
plans waiting for him and sets one; the pimpinan confirms the organisation predikat proposals in
one step. Each step is reached by a click from Beranda, and no page scrolls sideways.
"""

import datetime
import re

import pytest
from django.utils import translation
from django.utils.translation import gettext, ngettext
from playwright.sync_api import expect

from kinerja.core.models import AuditEvent
from kinerja.iku.models import DecisionStatus, OrgPredikatDecision
from kinerja.iku.services import tree as tree_services
from kinerja.iku.tests import factories as iku_factories
from kinerja.iku.tests import view_data
from kinerja.org.tests.personas import PASSWORD
from kinerja.skp import services as skp_services
from kinerja.skp.models import Skp, SkpStatus
from kinerja.skp.tests.factories import add_result, start_skp
from tests.e2e.conftest import assert_fits
from tests.e2e.skp_data import leader_plans

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GENERAL_COMMENT = "Lengkapi rencana kerja: hasil kerja harus terukur."
RHK_COMMENT = "Sebutkan jumlah pasien yang dilayani, bukan hanya kegiatannya."
RHK_TEXT = "Terlaksananya pelayanan pasien di puskesmas"
FIXED_RHK_TEXT = "Terlayaninya 1.200 pasien rawat jalan di puskesmas"


def ui(message: str, **values) -> str:
    """A message as the pages show it to the browser (Indonesian, the context's locale)."""
    with translation.override("id"):
        text = gettext(message)
    return text % values if values else text


def ui_plural(singular: str, plural: str, n: int, **values) -> str:
    with translation.override("id"):
        return ngettext(singular, plural, n) % {"n": n, **values}


def saved_status() -> re.Pattern:
    text = ui("Saved at %(time)s", time="\0")
    return re.compile(re.escape(text).replace("\0", r"\d{1,2}[:.]\d{2}[:.]\d{2}"))


def success(page):
    return page.locator(".messages .message-success")


def log_in_from_the_front_door(page, username):
    """The public front page, its log-in button, the form, and Beranda."""
    page.goto("/")
    assert_fits(page)
    page.get_by_test_id("welcome-login").click()
    page.wait_for_url("**/akun/masuk/**")
    assert_fits(page)
    page.get_by_label("NIP").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()
    expect(page.get_by_test_id("todo")).to_be_visible()
    assert_fits(page)


# --- 1. the pegawai fixes the returned SKP ------------------------------------------------------


def returned_plan(personas) -> Skp:
    """The doctor's SKP of this year, returned by his rater (the head of Bidang Yankes) with a
    general comment and one on its RHK."""
    plans = leader_plans(personas)
    skp = start_skp(personas, "dokter", year=plans.year, day=datetime.date(plans.year, 1, 10))
    rhk = add_result(skp, RHK_TEXT, leader_rhk=plans.kabid.rhks.get())
    skp = skp_services.skp_start_dialogue(actor=None, skp=skp)
    skp = skp_services.skp_submit(actor=None, skp=skp)
    return skp_services.skp_return(
        actor=personas.users["kabid"],
        skp=skp,
        comment=GENERAL_COMMENT,
        rhk_comments={rhk.pk: RHK_COMMENT},
    )


def test_a_pegawai_fixes_the_returned_skp_from_beranda_and_submits_it_again(phone, personas):
    page = phone
    skp = returned_plan(personas)
    log_in_from_the_front_door(page, personas.employees["dokter"].nip)

    todo = page.get_by_test_id("todo-skp.returned")
    expect(todo).to_contain_text(
        ui("Your SKP %(year)s was returned: fix it, then submit it again", year=skp.year)
    )
    expect(todo).to_contain_text(GENERAL_COMMENT)
    todo.get_by_role("link", name=ui("Fix the SKP")).click()
    page.wait_for_url(f"**/skp/{skp.pk}/ubah/")
    assert_fits(page)

    # The rater's comments: the general one at the top, the other beside its RHK.
    expect(page.get_by_test_id("return-comments")).to_contain_text(GENERAL_COMMENT)
    editor = page.get_by_test_id("rhk-editor").filter(has_text=RHK_COMMENT)
    expect(editor.get_by_test_id("rhk-return-comments")).to_contain_text(RHK_COMMENT)
    editor.get_by_test_id("rhk-open").click()
    assert_fits(page)
    text = editor.get_by_test_id("rhk-form").locator("[name$=-text]")
    expect(text).to_have_value(RHK_TEXT)
    text.fill(FIXED_RHK_TEXT)
    text.press("Tab")
    expect(page.get_by_test_id("autosave-status")).to_have_text(saved_status())

    # Back to the plan through the note under the comments, and submit it again.
    page.get_by_test_id("return-comments").get_by_role("link").click()
    page.wait_for_url(re.compile(rf"/skp/{skp.pk}/#workflow$"))
    assert_fits(page)
    expect(page.get_by_test_id("rhk-table")).to_contain_text(FIXED_RHK_TEXT)
    page.get_by_test_id("submit").locator("button[type=submit]").click()
    expect(success(page)).to_contain_text(ui("The SKP has been submitted to the rater."))
    expect(page.get_by_test_id("skp-status").first).to_have_attribute("data-status", "submitted")
    assert_fits(page)
    assert page.dialogs == [
        ui(
            "Submit (ajukan) the SKP? You sign it and send it to your rater, who sets it or "
            "returns it; you cannot change it while it waits."
        )
    ]
    skp.refresh_from_db()
    assert skp.status == SkpStatus.SUBMITTED
    assert skp.rhks.get().text == FIXED_RHK_TEXT


# --- 2. the atasan sets a plan from the inbox count ---------------------------------------------


def submitted_plan(personas) -> Skp:
    """The staff member's SKP of this year, submitted to the head of the seksi."""
    plans = leader_plans(personas)
    skp = start_skp(personas, "staf", year=plans.year, day=datetime.date(plans.year, 1, 10))
    add_result(skp, "Tersusunnya laporan pembinaan puskesmas", leader_rhk=plans.kasi_rhk)
    skp = skp_services.skp_start_dialogue(actor=None, skp=skp)
    return skp_services.skp_submit(actor=None, skp=skp)


def test_an_atasan_follows_the_inbox_count_from_beranda_and_sets_the_plan(phone, personas):
    page = phone
    skp = submitted_plan(personas)
    staf = personas.employees["staf"]
    log_in_from_the_front_door(page, personas.employees["kasi"].nip)

    inbox = page.get_by_test_id("skp-inbox-link")
    expect(inbox.get_by_test_id("skp-inbox-count")).to_have_text("1")
    expect(page.get_by_test_id("todo-skp.to_review")).to_contain_text(
        ui_plural("%(n)s SKP waits for your review", "%(n)s SKP wait for your review", 1)
    )
    inbox.click()
    page.wait_for_url("**/skp/kotak-masuk/")
    assert_fits(page)
    row = page.get_by_test_id("waiting-row").filter(has_text=staf.full_name)
    expect(row).to_have_count(1)
    row.get_by_role("link").click()
    page.wait_for_url(f"**/skp/{skp.pk}/tinjau/")
    assert_fits(page)
    expect(page.get_by_test_id("rhk-row")).to_contain_text("Tersusunnya laporan pembinaan")
    page.get_by_test_id("set").click()
    page.wait_for_url("**/skp/kotak-masuk/*")
    expect(success(page)).to_contain_text(
        ui("The SKP of %(name)s has been set.", name=staf.full_name)
    )
    expect(page.get_by_test_id("inbox-waiting").get_by_test_id("waiting-row")).to_have_count(0)
    assert_fits(page)
    assert page.dialogs == [
        ui(
            "Set (tetapkan) this SKP? It becomes the employee's plan for the year and can then "
            "change only through a new version."
        )
    ]
    skp.refresh_from_db()
    assert skp.status == SkpStatus.SET
    assert skp.set_by == personas.users["kasi"]


# --- 3. the pimpinan confirms the organisation predikat -----------------------------------------


def dinkes_proposals(personas) -> list[OrgPredikatDecision]:
    """Proposed predikat of Dinas Kesehatan (a top unit: the regional head decides them) for the
    first two quarters of 2025."""
    plan = view_data.build_plan(personas)
    indicator = iku_factories.indicator(plan.dinkes_goal, "Angka kematian ibu turun", code="IKU-2")
    for quarter, value in zip(plan.quarters[:2], (10, 8), strict=True):
        tree_services.target_set(actor=None, indicator=indicator, period=quarter, value=10)
        view_data.verified(indicator, quarter, value)
    view_data.recompute(plan)
    return list(
        OrgPredikatDecision.objects.filter(
            unit=personas.units["dinkes"], status=DecisionStatus.PROPOSED
        ).select_related("period")
    )


def test_the_pimpinan_confirms_the_predikat_proposals_from_beranda_in_one_step(phone, personas):
    page = phone
    proposals = dinkes_proposals(personas)
    assert len(proposals) == 2 and not any(d.is_partial for d in proposals), proposals
    log_in_from_the_front_door(page, "pimpinan")

    todo = page.get_by_test_id("todo-iku.predikat_decisions")
    expect(todo).to_contain_text(
        ui_plural(
            "%(n)s organisation predikat waits for your decision",
            "%(n)s organisation predikat wait for your decision",
            2,
        )
    )
    todo.get_by_role("link", name=ui("Decide")).click()
    page.wait_for_url("**/kinerja/predikat/")
    assert_fits(page)

    # Every proposal is chosen with one tick, the decisions declared final, and confirmed in
    # one step.
    boxes = page.locator("input[form=confirm-many][name=decisions]")
    expect(boxes).to_have_count(2)
    page.get_by_test_id("accept-all").check()
    for box in boxes.all():
        expect(box).to_be_checked()
    page.get_by_test_id("confirm-final").check()
    page.get_by_test_id("confirm-many").click()
    expect(success(page)).to_contain_text(
        ui_plural(
            "%(n)s predikat has been confirmed as proposed.",
            "%(n)s predikat have been confirmed as proposed.",
            2,
        )
    )
    assert_fits(page)
    for decision in proposals:
        expect(page.get_by_test_id(f"decided-row-{decision.pk}")).to_be_visible()
    expect(page.get_by_test_id("predikat-pending-table")).to_have_count(0)
    assert page.dialogs == [
        ui("Confirm the chosen predikat as proposed? A decided predikat cannot be changed.")
    ]

    pimpinan = personas.users["pimpinan"]
    for decision in proposals:
        decision.refresh_from_db()
        assert decision.status == DecisionStatus.CONFIRMED
        assert decision.predikat == decision.proposed
        assert decision.decided_by == pimpinan
    events = AuditEvent.objects.filter(action="iku.org_predikat.confirmed")
    assert sorted((int(e.object_id), e.actor_id) for e in events) == sorted(
        (d.pk, pimpinan.pk) for d in proposals
    )
    for event in events:
        assert (event.before["status"], event.after["status"]) == ("proposed", "confirmed")
