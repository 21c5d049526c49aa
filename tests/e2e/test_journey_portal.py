"""The public transparency portal on a phone (390 x 844): a citizen opens the portal, finds the
Puskesmas, reads its indicators and its satisfaction trend, opens the publication's page, downloads
the indicators as CSV and the report as PDF, without logging in. Then axe-core (shipped by the
axe-playwright-python package) checks the main pages for serious or critical violations."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from kinerja.portal.tests import factories
from tests.e2e.conftest import PHONE, assert_fits, close_page, open_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

START = "/portal/?instansi=contoh"


def ui(message: str) -> str:
    with translation.override("id"):
        return gettext(message)


def test_a_citizen_finds_a_puskesmas_reads_its_figures_and_downloads_them(
    phone, personas, live_server
):
    world = factories.world(personas)
    page = phone
    page.goto(START)
    assert page.locator("html").get_attribute("lang") == "id"
    assert_fits(page)

    # The citizen searches for the Puskesmas and opens its page.
    page.get_by_label(ui("Find a unit or an indicator")).fill("Puskesmas")
    page.get_by_role("button", name=ui("Search")).click()
    page.get_by_test_id("found-units").get_by_role("link", name="Puskesmas Sukamaju").click()
    page.wait_for_url("**/portal/unit/**")
    assert_fits(page)
    indicator = page.get_by_test_id("indicator").first
    assert "Cakupan imunisasi dasar lengkap" in indicator.inner_text()
    assert "79,47" in indicator.inner_text()
    assert page.get_by_test_id("ikm-chart").locator("svg").count() == 1

    # Its services: the IKM and its trend; the withheld service shows a dash, not 0.
    page.get_by_role("link", name=ui("What citizens said about its services")).click()
    page.wait_for_url("**/portal/layanan/**")
    assert_fits(page)
    assert "82,15" in page.get_by_test_id("service-ikm").inner_text()
    assert "2025 TW4" in page.get_by_test_id("ikm-trend").inner_text()
    assert page.get_by_test_id("suppressed").count() >= 1
    assert page.get_by_test_id("complaint-link").is_visible()

    # The publication's page and its CSV of indicators.
    page.goto(START)
    page.get_by_role("link", name=ui("Details, history and downloads")).click()
    page.wait_for_url("**/portal/publikasi/**")
    assert_fits(page)
    assert page.get_by_test_id("history").is_visible()
    link = page.get_by_test_id("downloads").locator("a").first
    with page.expect_download() as download:
        link.click()
    path = download.value.path()
    with open(path, encoding="utf-8") as downloaded:
        header = downloaded.readline().strip()
    assert header.startswith("id,unit_id,goal_id,name")

    # The report itself, as PDF.
    with page.expect_download() as report:
        page.get_by_role("link", name=ui("The publication as PDF")).click()
    with open(report.value.path(), "rb") as downloaded:
        assert downloaded.read(5) == b"%PDF-"
    latest = world["q2"]
    assert report.value.suggested_filename == f"laporan-{latest.publication_id}-v1.pdf"


def test_the_main_portal_pages_have_no_serious_accessibility_violation(
    browser, personas, live_server
):
    axe_module = pytest.importorskip(
        "axe_playwright_python.sync_playwright",
        reason="axe-playwright-python (the project's test dependency) is not installed",
    )
    world = factories.world(personas)
    pkm = personas.units["pkm"].pk
    publication = world["q1v2"].publication_id
    addresses = [
        START,
        f"/portal/unit/{pkm}/?instansi=contoh",
        f"/portal/layanan/{pkm}/?instansi=contoh",
        f"/portal/publikasi/{publication}/?instansi=contoh",
        f"/portal/publikasi/{publication}/?versi=1&instansi=contoh",
        "/portal/cari/?instansi=contoh&q=imunisasi",
    ]
    axe = axe_module.Axe()
    for viewport in (PHONE, {"width": 1280, "height": 900}):
        page = open_page(browser, live_server, viewport=viewport)
        try:
            found = []
            for address in addresses:
                page.goto(address)
                results = axe.run(page)
                found += [
                    f"{address}: {v['id']} ({v['impact']}) {v['help']} "
                    f"{[n['target'] for n in v['nodes']][:3]}"
                    for v in results.response["violations"]
                    if v["impact"] in {"serious", "critical"}
                ]
        finally:
            close_page(page)
        assert found == [], "\n".join(found)
