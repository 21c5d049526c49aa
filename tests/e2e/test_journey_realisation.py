"""An OPD admin enters a realisation with evidence, the head verifies it, and the regency
dashboard and the performance tree show the new capaian."""

import pytest

from kinerja.iku.models import Realisation, RealisationStatus
from kinerja.iku.tests import view_data
from kinerja.org.tests.personas import PASSWORD
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_realisation_goes_from_entry_to_the_regency_dashboard(page, personas, tmp_path):
    plan = view_data.build_plan(personas)
    q1 = plan.quarters[0]
    evidence = tmp_path / "laporan-imunisasi.pdf"
    evidence.write_bytes(view_data.PDF_BYTES)

    # The OPD admin opens the indicator and enters the first quarter with its evidence.
    log_in(page, "admin_opd", PASSWORD)
    page.goto(f"/kinerja/indikator/{plan.indicator.pk}/?year=2025")
    assert "Cakupan imunisasi" in page.get_by_test_id("indicator-name").inner_text()
    page.goto(f"/kinerja/indikator/{plan.indicator.pk}/periode/{q1.pk}/realisasi/")
    page.locator("#id_value").fill("20")
    page.locator("#id_note").fill("Rekap laporan puskesmas triwulan I")
    page.locator("#id_evidence").set_input_files(str(evidence))
    page.get_by_test_id("realisation-submit").click()
    page.wait_for_url("**/kinerja/realisasi/*/")
    assert "laporan-imunisasi.pdf" in page.get_by_test_id("evidence-list").inner_text()
    realisation = Realisation.objects.get()
    assert realisation.status == RealisationStatus.SUBMITTED

    # The head of the bidang finds it in the queue and verifies it.
    page.context.clear_cookies()
    log_in(page, personas.employees["kabid"].nip, PASSWORD)
    page.goto("/kinerja/verifikasi/")
    page.get_by_test_id("verification-queue").locator("a").first.click()
    page.wait_for_url(f"**/kinerja/realisasi/{realisation.pk}/")
    page.get_by_test_id("verify").click()
    page.wait_for_load_state()
    realisation.refresh_from_db()
    assert realisation.status == RealisationStatus.VERIFIED

    # The regent's office sees 80 % (20 of 25) on the regency dashboard and in the tree.
    page.context.clear_cookies()
    log_in(page, "pimpinan", PASSWORD)
    page.goto(f"/kinerja/kabupaten/?year=2025&period={q1.pk}")
    units = page.get_by_test_id("regency-units")
    assert "Bidang Pelayanan Kesehatan" in units.inner_text()
    assert units.locator('[data-capaian="80.00"]').count() >= 1
    assert page.get_by_test_id("regency-chart").locator("svg").count() == 1
    # On a 390 px phone the chart fits, its text stays 12 px or more and the yearly column of
    # the table is in view without scrolling.
    page.set_viewport_size({"width": 390, "height": 844})
    chart = page.get_by_test_id("regency-chart").locator("svg")
    box = chart.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    text_px = chart.evaluate(
        "svg => svg.getBoundingClientRect().width / svg.viewBox.baseVal.width"
        " * parseFloat(getComputedStyle(svg.querySelector('.bar-value')).fontSize)"
    )
    assert text_px >= 12, text_px
    annual = page.get_by_test_id("annual-column").bounding_box()
    assert annual["x"] + annual["width"] <= 390
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"/kinerja/pohon/?year=2025&period={q1.pk}")
    tree = page.get_by_test_id("goal-tree")
    page.get_by_test_id("expand-all").click()
    assert tree.locator('[data-capaian="80.00"]').first.is_visible()
