"""The evaluation of a quarter on a phone (390 x 844), from the rating to the keberatan decision.

Q1 2026 of the personas, Dinas Kesehatan's organisation predikat BAIK, the evaluations opened.
The rater (kasi) rates staf from the calibration desk, where a team of one rated Baik breaks the
pattern; he changes a rating, which needs a reason while the team breaks it, then finalises,
signs and hands the evaluation over. The employee acknowledges receipt from Beranda, reads why
this predikat and files a keberatan; the rater records his explanation; his superior (kabid)
changes the result with new recommendations, and the keberatan document (D.1.3) carries the
decision. Every step is reached by a click, and no page scrolls sideways.
"""

import io

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect
from pypdf import PdfReader

from kinerja.appraisals.models import (
    CalibrationChange,
    Evaluation,
    EvaluationRating,
    EvaluationStatus,
    Keberatan,
    KeberatanStatus,
)
from kinerja.appraisals.rules import PREDIKAT_LABELS, Predikat
from kinerja.appraisals.selectors import BAND_LABELS
from kinerja.appraisals.tests.data import D, opened_q1
from kinerja.skp.tests.review_data import freeze_today
from tests.e2e.test_phone_journeys import assert_fits, log_in_from_the_front_door, success, ui

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RATED_ON = D(2026, 4, 2)  # inside the rater's deadline of Q1
RECEIVED_ON = D(2026, 4, 6)
HEARD_ON = D(2026, 4, 7)
DECIDED_ON = D(2026, 4, 8)

HASIL_WHY = "Laporan pembinaan puskesmas selesai sesuai target triwulan."
PERILAKU_WHY = "Konsisten melayani dengan ramah dan tepat waktu."
HASIL_WHY_CHANGED = "Laporan pembinaan selesai lebih cepat dan dipakai sebagai contoh seksi."
CHANGE_REASON = "Laporan staf dipakai sebagai acuan oleh seluruh puskesmas pada Maret."
KEBERATAN_REASONS = "Perilaku kerja saya melampaui ekspektasi: saya membina dua pegawai baru."
RATER_EXPLANATION = "Pembinaan pegawai baru belum tercatat sebagai umpan balik pada triwulan I."
RECOMMENDATIONS = "Ikutkan staf pada pelatihan kepemimpinan pengawas tahun 2026."


def label(choice) -> str:
    """A choice's label as the Indonesian pages show it."""
    with translation.override("id"):
        return str(choice.label)


def open_the_desk_from_the_menu(page, period):
    page.locator("[data-toggle-nav]").click()
    page.locator("#mainnav").get_by_role("link", name=ui("Evaluation"), exact=True).click()
    page.get_by_test_id("desk-link").click()
    page.get_by_test_id("desk-periods").get_by_role("link", name=period.label).click()
    page.wait_for_url(f"**{reverse('appraisals:desk', args=[period.pk])}")
    assert_fits(page)


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def test_a_quarter_is_rated_calibrated_handed_over_objected_to_and_changed_by_the_superior(
    phone, personas, monkeypatch
):
    page = phone
    freeze_today(monkeypatch, RATED_ON)
    _chain, q1, due = opened_q1(personas)
    assert due.rater >= RATED_ON  # the rater still evaluates
    staf, kasi, kabid = (personas.employees[k] for k in ("staf", "kasi", "kabid"))
    evaluation = Evaluation.objects.get(employee=staf, period=q1)
    assert evaluation.status == EvaluationStatus.OPEN and evaluation.org_predikat == "baik"
    detail_url = reverse("appraisals:detail", args=[evaluation.pk])
    baik = PREDIKAT_LABELS[Predikat.BAIK]
    sangat_baik = PREDIKAT_LABELS[Predikat.SANGAT_BAIK]

    # 1. The rater reaches the desk from Beranda, opens staf's evaluation and rates it; back on
    # the desk the team of one rated Baik breaks the BAIK pattern.
    log_in_from_the_front_door(page, kasi.nip)
    page.get_by_test_id("todo-appraisals.to_evaluate").get_by_role("link").click()
    page.get_by_test_id("desk-periods").get_by_role("link", name=q1.label).click()
    assert_fits(page)
    expect(page.get_by_test_id("warnings")).to_have_count(0)
    row = page.get_by_test_id("desk-row").filter(has_text=staf.full_name)
    expect(row.get_by_test_id("status")).to_have_text(label(EvaluationStatus.OPEN))
    row.get_by_role("link", name=staf.full_name).click()
    page.wait_for_url(f"**{detail_url}")
    assert_fits(page)
    form = page.get_by_test_id("rating-form")
    form.locator("[name=hasil][value=sesuai]").check()
    form.locator("[name=hasil_justification]").fill(HASIL_WHY)
    form.locator("[name=perilaku][value=sesuai]").check()
    form.locator("[name=perilaku_justification]").fill(PERILAKU_WHY)
    form.locator("button[type=submit]").click()
    expect(success(page)).to_contain_text(ui("The ratings have been saved."))
    expect(page.get_by_test_id("predikat")).to_have_text(baik)
    assert_fits(page)
    evaluation.refresh_from_db()
    assert (evaluation.status, evaluation.hasil, evaluation.perilaku, evaluation.predikat) == (
        EvaluationStatus.RATED,
        "sesuai",
        "sesuai",
        "baik",
    )
    assert evaluation.hasil_justification == HASIL_WHY
    assert not CalibrationChange.objects.exists()

    open_the_desk_from_the_menu(page, q1)
    warnings = page.get_by_test_id("warnings")
    expect(warnings).to_contain_text(BAND_LABELS["baik_at_most_70"])
    expect(warnings).to_contain_text(BAND_LABELS["some_butuh_perbaikan_or_kurang"])
    expect(row.get_by_test_id("status")).to_have_text(label(EvaluationStatus.RATED))

    # 2. The rater raises the rating of work results: while the team breaks the pattern the
    # change needs a reason, refused without one and kept with it.
    row.get_by_role("link", name=staf.full_name).click()
    page.wait_for_url(f"**{detail_url}")
    form = page.get_by_test_id("rating-form")
    expect(form.get_by_test_id("warnings")).to_contain_text(BAND_LABELS["baik_at_most_70"])
    form.locator("[name=hasil][value=diatas]").check()
    form.locator("[name=hasil_justification]").fill(HASIL_WHY_CHANGED)
    form.locator("button[type=submit]").click()
    error = page.locator(".form-row.field-error").filter(has=page.locator("[name=reason]"))
    expect(error).to_contain_text(
        ui("The team does not fit the distribution pattern: give the reason for this change.")
    )
    assert_fits(page)
    evaluation.refresh_from_db()
    assert evaluation.hasil == "sesuai" and not CalibrationChange.objects.exists()
    form = page.get_by_test_id("rating-form")
    expect(form.locator("[name=hasil][value=diatas]")).to_be_checked()
    form.locator("[name=reason]").fill(CHANGE_REASON)
    form.locator("button[type=submit]").click()
    expect(success(page)).to_contain_text(ui("The ratings have been saved."))
    history = page.get_by_test_id("history")
    expect(history).to_contain_text(ui("Rating changed during calibration"))
    expect(history).to_contain_text(CHANGE_REASON)
    expect(page.get_by_test_id("ratings")).to_contain_text(label(EvaluationRating.DIATAS))
    assert_fits(page)
    change = CalibrationChange.objects.get(evaluation=evaluation)
    assert (change.old_hasil, change.new_hasil) == ("sesuai", "diatas")
    assert (change.old_predikat, change.new_predikat) == ("baik", "baik")
    assert change.reason == CHANGE_REASON and change.after_warning
    assert set(change.warnings) == {"baik_at_most_70", "some_butuh_perbaikan_or_kurang"}
    assert change.changed_by == personas.users["kasi"]
    evaluation.refresh_from_db()
    assert (evaluation.status, evaluation.hasil, evaluation.predikat) == (
        EvaluationStatus.RATED,
        "diatas",
        "baik",
    )

    # 3. The rater finalises and signs and hands it over, confirming each.
    actions = page.get_by_test_id("evaluator-actions")
    actions.get_by_role("button", name=ui("Finalise"), exact=True).click()
    expect(success(page)).to_contain_text(ui("The evaluation has been finalised."))
    assert_fits(page)
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.FINALISED
    assert set(evaluation.distribution_warnings) == set(change.warnings)
    actions.get_by_role("button", name=ui("Sign and hand over")).click()
    expect(success(page)).to_contain_text(
        ui("The evaluation has been signed and handed to the employee.")
    )
    expect(page.get_by_test_id("evaluator-actions")).to_have_count(0)
    assert_fits(page)
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.SIGNED and evaluation.signed_on == RATED_ON
    assert page.dialogs == [
        ui("Finalise this evaluation? Afterwards it changes only through a keberatan."),
        ui("Sign the evaluation and hand it to the employee today? This cannot be undone."),
    ]

    # 4. The employee acknowledges receipt from Beranda, reads why this predikat and files a
    # keberatan from the evaluation's page.
    freeze_today(monkeypatch, RECEIVED_ON)
    page.context.clear_cookies()
    log_in_from_the_front_door(page, staf.nip)
    page.get_by_test_id("todo-appraisals.acknowledge").get_by_role("link").click()
    page.wait_for_url(f"**{reverse('appraisals:mine')}")
    assert_fits(page)
    own = page.get_by_test_id("own-evaluations").locator("tbody tr").filter(has_text=q1.label)
    own.get_by_role("button", name=ui("Acknowledge receipt")).click()
    page.wait_for_url(f"**{detail_url}")
    expect(success(page)).to_contain_text(ui("The receipt of the evaluation has been recorded."))
    summary = page.get_by_test_id("summary")
    expect(summary.get_by_test_id("status")).to_have_text(label(EvaluationStatus.ACKNOWLEDGED))
    expect(summary.get_by_test_id("predikat")).to_have_text(baik)
    assert_fits(page)
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.ACKNOWLEDGED
    assert evaluation.acknowledged_on == RECEIVED_ON

    page.get_by_role("link", name=ui("Why this predikat")).click()
    page.wait_for_url(f"**{reverse('appraisals:explanation', args=[evaluation.pk])}")
    assert_fits(page)
    expect(page).to_have_title(f"{ui('Why this predikat')} · {staf.full_name} · Kinerja")
    ratings = page.get_by_test_id("step-2")
    expect(ratings).to_contain_text(label(EvaluationRating.DIATAS))
    expect(ratings).to_contain_text(HASIL_WHY_CHANGED)
    expect(ratings).to_contain_text(label(EvaluationRating.SESUAI))
    expect(ratings).to_contain_text(PERILAKU_WHY)
    expect(page.get_by_test_id("quadrant-cell")).to_have_text(baik)
    changes = page.get_by_test_id("changes")
    expect(changes).to_contain_text(f"{baik} → {baik}")
    expect(changes).to_contain_text(CHANGE_REASON)
    expect(page.get_by_test_id("explanation-keberatan")).to_contain_text(
        ui("No keberatan was filed.")
    )

    page.get_by_role("navigation", name=ui("Breadcrumb")).get_by_role("link").click()
    page.wait_for_url(f"**{detail_url}")
    assert_fits(page)
    filing = page.get_by_test_id("keberatan-form")
    filing.locator("[name=reasons]").fill(KEBERATAN_REASONS)
    filing.locator("button[type=submit]").click()
    page.wait_for_url(f"**{reverse('appraisals:keberatan', args=[evaluation.pk])}")
    expect(success(page)).to_contain_text(
        ui("Your keberatan has been filed with the rater's superior.")
    )
    expect(page.get_by_test_id("keberatan-summary")).to_contain_text(KEBERATAN_REASONS)
    assert_fits(page)
    keberatan = Keberatan.objects.get(evaluation=evaluation)
    assert keberatan.status == KeberatanStatus.FILED and keberatan.filed_on == RECEIVED_ON
    assert keberatan.reasons == KEBERATAN_REASONS
    assert (keberatan.old_hasil, keberatan.old_perilaku, keberatan.old_predikat) == (
        "diatas",
        "sesuai",
        "baik",
    )
    assert page.dialogs[2:] == [
        ui("Record that you received the signed evaluation today?"),
        ui("File the keberatan? It cannot be withdrawn."),
    ]

    # 5. The rater records his explanation from Beranda; the rater's superior finds the
    # keberatan on Beranda and changes the result with new recommendations.
    freeze_today(monkeypatch, HEARD_ON)
    page.context.clear_cookies()
    log_in_from_the_front_door(page, kasi.nip)
    page.get_by_test_id("todo-appraisals.keberatan_hear").get_by_role("link").click()
    page.wait_for_url(f"**{reverse('appraisals:keberatan', args=[evaluation.pk])}")
    assert_fits(page)
    expect(page.get_by_test_id("decide-form")).to_have_count(0)
    hearing = page.get_by_test_id("hear-form")
    hearing.locator("[name=explanation]").fill(RATER_EXPLANATION)
    hearing.locator("button[type=submit]").click()
    expect(success(page)).to_contain_text(ui("The rater's explanation has been recorded."))
    expect(page.get_by_test_id("keberatan-summary")).to_contain_text(RATER_EXPLANATION)
    expect(page.get_by_test_id("hear-form")).to_have_count(0)
    assert_fits(page)
    keberatan.refresh_from_db()
    assert keberatan.status == KeberatanStatus.RATER_HEARD
    assert keberatan.rater_explanation == RATER_EXPLANATION
    assert keberatan.explained_on == HEARD_ON

    freeze_today(monkeypatch, DECIDED_ON)
    page.context.clear_cookies()
    log_in_from_the_front_door(page, kabid.nip)
    page.get_by_test_id("todo-appraisals.keberatan_decide").get_by_role("link").click()
    page.wait_for_url(f"**{reverse('appraisals:keberatan', args=[evaluation.pk])}")
    assert_fits(page)
    expect(page.get_by_test_id("keberatan-summary")).to_contain_text(RATER_EXPLANATION)
    deciding = page.get_by_test_id("decide-form")
    deciding.locator("[name=decision][value=change]").check()
    deciding.locator("select[name=hasil]").select_option("diatas")
    deciding.locator("select[name=perilaku]").select_option("diatas")
    deciding.locator("[name=recommendations]").fill(RECOMMENDATIONS)
    deciding.locator("button[type=submit]").click()
    expect(success(page)).to_contain_text(ui("The keberatan has been decided."))
    decision = page.get_by_test_id("keberatan-decision")
    expect(decision).to_contain_text(f"{baik} → {sangat_baik}")
    expect(decision).to_contain_text(RECOMMENDATIONS)
    expect(page.get_by_test_id("decide-form")).to_have_count(0)
    assert_fits(page)
    assert page.dialogs[4:] == [ui("Decide the keberatan? The decision is final.")]
    keberatan.refresh_from_db()
    assert (keberatan.status, keberatan.decision) == (KeberatanStatus.DECIDED, "change")
    assert (keberatan.new_hasil, keberatan.new_perilaku, keberatan.new_predikat) == (
        "diatas",
        "diatas",
        "sangat_baik",
    )
    assert keberatan.recommendations == RECOMMENDATIONS
    assert keberatan.decided_on == DECIDED_ON and keberatan.decided_by == personas.users["kabid"]
    evaluation.refresh_from_db()
    assert (evaluation.hasil, evaluation.perilaku, evaluation.predikat) == (
        "diatas",
        "diatas",
        "sangat_baik",
    )
    assert evaluation.keberatan_decided and evaluation.status == EvaluationStatus.ACKNOWLEDGED

    # 6. The keberatan document (D.1.3), downloaded with the superior's session, carries the
    # changed predikat and the recommendations.
    response = page.request.get(reverse("appraisals:keberatan_pdf", args=[evaluation.pk]))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.body())
    assert "D.1.3" in text
    assert ui("NEW PREDIKAT") in text and sangat_baik.upper() in text
    assert RECOMMENDATIONS in text
    assert KEBERATAN_REASONS in text and RATER_EXPLANATION in text
