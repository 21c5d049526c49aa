"""BKPSDM imports a file with errors, sees every error, fixes the file, imports it and opens an
employee it brought in."""

import io

import pytest
from openpyxl import Workbook

from kinerja.org import rules
from kinerja.org.tests.personas import PASSWORD
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GOOD_NIP = rules.compose_nip(__import__("datetime").date(1991, 7, 9), 2016, 3, "P", 41)


def _workbook(*, nip: str, position_code: str, parent_unit: str) -> bytes:
    book = Workbook()
    units = book.active
    units.title = "unit"
    units.append(["kode_unit", "nama_unit", "singkatan", "jenis_unit", "kode_unit_induk"])
    units.append(["DISHUB", "Dinas Perhubungan", "Dishub", "dinas", ""])
    units.append(
        ["DISHUB.LLAJ", "Bidang Lalu Lintas dan Angkutan Jalan", "", "bidang", parent_unit]
    )
    positions = book.create_sheet("jabatan")
    positions.append(
        [
            "kode_jabatan",
            "nama_jabatan",
            "jenis_jabatan",
            "jenjang",
            "kode_unit",
            "kode_jabatan_atasan",
            "kepala_unit",
        ]
    )
    positions.append(
        ["DISHUB-01", "Kepala Dinas Perhubungan", "jpt_pratama", "", "DISHUB", "", "ya"]
    )
    positions.append(
        ["DISHUB-02", "Kepala Bidang LLAJ", "administrator", "", "DISHUB.LLAJ", "DISHUB-01", "ya"]
    )
    employees = book.create_sheet("pegawai")
    employees.append(
        [
            "nip",
            "nama",
            "gelar_depan",
            "gelar_belakang",
            "status",
            "golongan",
            "kode_jabatan",
            "tmt_jabatan",
            "jenis_penugasan",
            "email",
            "telepon",
        ]
    )
    employees.append(
        [
            nip,
            "Maya Anggraini",
            "",
            "S.T., M.T.",
            "PNS",
            "IV/a",
            position_code,
            "02-01-2024",
            "definitif",
            "",
            "",
        ]
    )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _upload(page, name: str, content: bytes):
    page.goto("/organisasi/impor/")
    form = page.get_by_test_id("import-upload")
    form.locator("input[type=file]").set_input_files(
        {
            "name": name,
            "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "buffer": content,
        }
    )
    form.locator("button[type=submit]").click()
    page.wait_for_url("**/organisasi/impor/*/")


def test_bkpsdm_imports_fixes_and_opens_an_employee(page, personas):
    log_in(page, "bkpsdm", PASSWORD)
    bad = _workbook(nip="19910709201603241", position_code="DISHUB-99", parent_unit="TIDAK-ADA")
    _upload(page, "pegawai-dishub.xlsx", bad)

    errors = page.get_by_test_id("import-errors")
    errors.wait_for()
    rows = errors.locator("tbody tr")
    assert rows.count() == 3
    text = errors.inner_text()
    assert "TIDAK-ADA" in text and "DISHUB-99" in text
    assert "kode_unit_induk" in text and "kode_jabatan" in text and "nip" in text
    assert page.get_by_test_id("import-status").inner_text().strip() != ""

    good = _workbook(nip=GOOD_NIP, position_code="DISHUB-02", parent_unit="DISHUB")
    _upload(page, "pegawai-dishub-perbaikan.xlsx", good)
    page.get_by_test_id("import-summary").wait_for()

    page.goto("/organisasi/pegawai/?q=Maya")
    page.get_by_role("link", name="Maya Anggraini, S.T., M.T.").click()
    page.wait_for_url("**/organisasi/pegawai/*/")
    history = page.get_by_test_id("assignment-history").inner_text()
    assert "Kepala Bidang LLAJ" in history
    assert "Bidang Lalu Lintas dan Angkutan Jalan" in history
    assert GOOD_NIP in page.get_by_test_id("employee-nip").inner_text()
