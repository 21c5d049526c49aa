"""A supervisor logs in by NIP, finds their team, opens a subordinate and switches language."""

import pytest

from kinerja.org.tests.personas import PASSWORD
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_supervisor_finds_a_subordinate_and_reads_the_supervision_chain(page, personas):
    kasi = personas.employees["kasi"]
    log_in(page, kasi.nip, PASSWORD)
    team = page.get_by_test_id("subordinates")
    assert "Dewi Lestari" in team.inner_text()

    team.get_by_role("link", name="Dewi Lestari").click()
    page.wait_for_url("**/organisasi/pegawai/*/")
    assert page.get_by_test_id("employee-name").inner_text() == "Dewi Lestari"
    chain = page.get_by_test_id("supervision-chain").inner_text()
    assert "Agus Santoso" in chain and "Siti Rahmawati" in chain
    # The supervisor is not HR: the NIP of the subordinate is masked.
    assert personas.employees["staf"].nip not in page.content()

    page.get_by_role("button", name="EN", exact=True).click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Position history").is_visible()


def test_the_unit_tree_expands_with_htmx(page, personas):
    log_in(page, "pimpinan", PASSWORD)
    page.goto("/organisasi/unit/")
    tree = page.get_by_test_id("unit-tree")
    toggle = tree.locator("li", has_text="Dinas Kesehatan").first.locator(".tree-toggle").first
    toggle.click()
    page.get_by_role("link", name="Puskesmas Sukamaju").wait_for()
    assert toggle.get_attribute("aria-expanded") == "true"
    # Once loaded, the toggle only hides and shows the children (kinerja.js), without a request.
    toggle.click()
    page.get_by_role("link", name="Puskesmas Sukamaju").wait_for(state="hidden")
    assert toggle.get_attribute("aria-expanded") == "false" and toggle.inner_text() == "+"
    toggle.click()
    page.get_by_role("link", name="Puskesmas Sukamaju").wait_for()
    page.get_by_role("link", name="Puskesmas Sukamaju").click()
    page.wait_for_url("**/organisasi/unit/*/")
    assert "Dokter Ahli Pertama" in page.get_by_test_id("unit-positions").inner_text()


def test_a_wrong_password_shows_a_message_and_keeps_the_login(page, personas):
    page.goto("/akun/masuk/")
    page.get_by_label("NIP").fill("pimpinan")
    page.locator("input[name=password]").fill("salah-sekali")
    page.get_by_test_id("login-submit").click()
    assert page.get_by_role("alert").is_visible()
    assert page.get_by_label("NIP").input_value() == "pimpinan"
