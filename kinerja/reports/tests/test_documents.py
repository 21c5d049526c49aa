"""The PDF and Excel documents: real files with the expected content."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from kinerja.iku.models import RevisionKind
from kinerja.iku.services import agreement as agreement_services
from kinerja.iku.tests import factories as f
from kinerja.reports import excel, pdf, selectors


def document_text(document) -> str:
    """The text WeasyPrint laid out on every page of a rendered document."""
    parts = []

    def walk(box):
        text = getattr(box, "text", None)
        if isinstance(text, str):
            parts.append(text)
        for child in getattr(box, "children", []) or []:
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return " ".join(parts)


def _unit_url(personas, year=2025, unit="dinkes"):
    return reverse("reports:lkjip_unit", args=[personas.units[unit].pk, year])


def test_the_unit_lkjip_pdf_is_a_pdf_titled_with_the_unit(client, lkjip_year):
    personas = lkjip_year.personas
    client.force_login(personas.users["kadinkes"])
    response = client.get(_unit_url(personas), {"format": "pdf"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="LKjIP-2025-dinkes.pdf"' in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF-")
    assert response.content.rstrip().endswith(b"%%EOF")


def test_the_lkjip_template_prints_the_official_title_unit_and_numbers(lkjip_year):
    personas = lkjip_year.personas
    report = selectors.lkjip_report(
        f.viewer(personas, "bkpsdm"), lkjip_year.performance_year, unit=personas.units["dinkes"]
    )
    html = pdf.render_to_string(
        "reports/lkjip.html", {"report": report, "places": 2, "printed_on": None}
    )
    document = pdf.html_to_document(html)
    text = document_text(document)
    assert "LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP) TAHUN 2025" in text
    assert "DINAS KESEHATAN" in text
    assert "Cakupan imunisasi dasar lengkap" in text
    assert "90,00" in text and "Tinggi" in text  # capaian with an Indonesian decimal comma
    assert document.metadata.title == "LKjIP 2025 Dinas Kesehatan"
    assert len(document.pages) == 1


def test_a_long_table_runs_over_several_landscape_pages(lkjip_year):
    personas = lkjip_year.personas
    for n in range(45):
        f.indicator(lkjip_year.goal, f"Indikator tambahan nomor {n} dengan nama yang cukup panjang")
    report = selectors.lkjip_report(
        f.viewer(personas, "bkpsdm"), lkjip_year.performance_year, unit=personas.units["dinkes"]
    )
    html = pdf.render_to_string(
        "reports/lkjip.html", {"report": report, "places": 2, "printed_on": None}
    )
    document = pdf.html_to_document(html)
    assert len(document.pages) > 1
    width, height = document.pages[0].width, document.pages[0].height
    assert width > height  # landscape
    table_pages = [
        page for page in document.pages if "Indikator tambahan" in _page_text(document, page)
    ]
    assert len(table_pages) > 1
    for page in table_pages:  # the column headers repeat on every page of the table
        assert "Realisasi" in _page_text(document, page).split("Indikator tambahan")[0]


def _page_text(document, page) -> str:
    class OnePage:
        pages = [page]

    return document_text(OnePage)


def test_the_offline_fetcher_refuses_remote_urls():
    fetcher = pdf.OfflineURLFetcher()
    for url in ("http://example.com/a.png", "https://example.com/a.css", "file:///etc/passwd"):
        try:
            fetcher.fetch(url)
        except ValueError:
            continue
        raise AssertionError(f"{url} was fetched")
    assert fetcher.fetch("data:text/plain,ok").read() == b"ok"


def test_the_unit_lkjip_xlsx_has_the_header_block_columns_and_values(client, lkjip_year):
    personas = lkjip_year.personas
    client.force_login(personas.users["staf"])
    response = client.get(_unit_url(personas), {"format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws["A1"].value == "LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP) TAHUN 2025"
    assert ws["A2"].value == "Dinas Kesehatan"
    header_row = 6
    headers = [c.value for c in ws[header_row]]
    assert headers == [title for title, _width in excel.LKJIP_COLUMNS]
    assert all(c.font.bold for c in ws[header_row])
    assert ws.freeze_panes == "D7"
    first = [c.value for c in ws[header_row + 1]]
    assert first[:4] == [
        1,
        "Meningkatnya derajat kesehatan masyarakat",
        "Cakupan imunisasi dasar lengkap",
        "%",
    ]
    assert [float(v) for v in first[4:7]] == [80, 72, 90]
    assert first[7] == "Tinggi"
    assert [float(v) for v in first[8:]] == [65, 90, 80]
    second = [c.value for c in ws[header_row + 2]]
    assert second[2] == "Angka kematian bayi"
    assert [float(second[i]) for i in (4, 5, 6, 8, 9, 10)] == [10, 12, 80, 14, 8, 50]
    assert ws.cell(header_row + 1, 7).number_format == excel.PERCENT_FORMAT
    total = [c.value for c in ws[header_row + 3]]
    assert total[0] == "Rata-rata capaian sasaran" and float(total[6]) == 85
    assert ws.column_dimensions["C"].width == 45


def test_the_pk_pdf_shows_version_parties_signatures_lines_and_budget(personas, yankes_agreement):
    viewer = f.viewer(personas, "bkpsdm")
    context_agreement = selectors.get_agreement_document(viewer, yankes_agreement.pk)
    html = pdf.render_to_string(
        "reports/pk.html",
        {
            "agreement": context_agreement,
            "goals": selectors.agreement_goals(context_agreement),
            "budget_lines": [line for line in context_agreement.lines.all() if line.budget_amount],
            "budget_total": 150000000,
            "first_nip": "x",
            "second_nip": "y",
            "printed_on": None,
        },
    )
    document = pdf.html_to_document(html)
    text = document_text(document)
    assert "PERJANJIAN KINERJA TAHUN 2025" in text
    assert "BIDANG PELAYANAN KESEHATAN" in text
    assert "Versi 1" in text
    assert "Siti Rahmawati" in text and "Hendra Wijaya" in text
    assert "Kepala Bidang Pelayanan Kesehatan" in text and "Kepala Dinas Kesehatan" in text
    assert text.count("Ditandatangani pada 10 Februari 2025") == 2
    assert "Persentase puskesmas terakreditasi" in text and "Rasio rujukan" in text
    assert "Program Pemenuhan Upaya Kesehatan" in text and "150.000.000" in text
    assert "Revisi atas versi" not in text
    width, height = document.pages[0].width, document.pages[0].height
    assert height > width  # portrait


def test_a_revised_pk_says_which_version_it_revises_and_why(client, personas, yankes_agreement):
    revision = agreement_services.agreement_revise(
        actor=None,
        agreement=yankes_agreement,
        kind=RevisionKind.REFOCUSING,
        reason="Refocusing anggaran triwulan II",
    )
    client.force_login(personas.users["kadinkes"])
    response = client.get(reverse("reports:pk_pdf", args=[revision.pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
    assert 'filename="PK-2025-dinkes-yankes-v2.pdf"' in response["Content-Disposition"]
    agreement = selectors.get_agreement_document(f.viewer(personas, "kadinkes"), revision.pk)
    html = pdf.render_to_string(
        "reports/pk.html",
        {"agreement": agreement, "goals": selectors.agreement_goals(agreement)},
    )
    text = document_text(pdf.html_to_document(html))
    assert "Versi 2" in text
    assert "Revisi atas versi 1:" in text
    assert "Refocusing anggaran triwulan II" in text
    assert "KONSEP" in text  # the revision is a draft until both parties sign
