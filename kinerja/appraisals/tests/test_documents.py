"""The evaluation documents: the PDF in the regulation's layouts (C.1.x with D.1.1 or D.1.2, the
keberatan D.1.3) and the predikat recap as Excel, on the data of the permission tables."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from kinerja.appraisals import selectors, services
from kinerja.appraisals.documents import excel, pdf
from kinerja.appraisals.models import Evaluation
from kinerja.appraisals.tests.data import viewer
from kinerja.appraisals.tests.permission_world import TODAY, built_world
from kinerja.core.tests.workbooks import framed_ranges
from kinerja.org.models import Employee
from kinerja.org.tests import factories as org_factories
from kinerja.skp import rules as skp_rules
from kinerja.skp.models import Skp
from kinerja.skp.tests.review_data import freeze_today

pytestmark = pytest.mark.django_db
HEADER_ROW = 6  # four title lines and a blank row above the headers


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with built_world(django_db_blocker, tmp_path_factory) as data:
        yield data


def pdf_text(response) -> str:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def get_as(client, world, persona, name, *args, **query):
    client.force_login(world.personas.users[persona])
    url = reverse(name, args=args)
    return client.get(url, query) if query else client.get(url)


def test_the_evaluation_pdf_prints_the_form_the_ratings_and_the_summary(client, world):
    response = get_as(client, world, "kasi", "appraisals:document_pdf", world.staf)
    text = pdf_text(response)
    staf, kasi = world.personas.employees["staf"], world.personas.employees["kasi"]
    assert "Format C.1.3" in text  # the staf's plan is quantitative, not a JPT's
    assert "EVALUASI KINERJA PEGAWAI" in text
    assert "PEMERINTAH KABUPATEN CONTOH" in text
    assert staf.full_name in text and kasi.full_name in text
    assert "Baik" in text  # the organisation's achievement and the predikat
    assert "Sebagian besar hasil sesuai target" in text  # the justifications
    assert "Konsisten menerapkan nilai BerAKHLAK" in text
    assert "Berorientasi Pelayanan" in text
    assert "KONSEP" in text  # rated, not signed yet
    # The summary on its own page, signed by the rater.
    assert "Format D.1.1" in text and "Format D.1.2" not in text
    assert "DOKUMEN EVALUASI KINERJA PEGAWAI" in text
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and staf.nip not in disposition


def test_the_kasi_sees_the_nip_of_the_staf_only_masked(client, world):
    """The rater is not the staf's admin: the NIP is printed as on the pages."""
    staf = world.personas.employees["staf"]
    kasi_text = pdf_text(get_as(client, world, "kasi", "appraisals:document_pdf", world.staf))
    bkpsdm_text = pdf_text(get_as(client, world, "bkpsdm", "appraisals:document_pdf", world.staf))
    assert staf.nip in bkpsdm_text
    assert staf.nip not in kasi_text


def test_the_layout_follows_the_plan_approach_and_form(world):
    evaluation = Evaluation.objects.select_related("plan").get(pk=world.staf)
    plan = evaluation.plan
    assert pdf.evaluation_form(plan) == "C.1.3"
    plan.form = skp_rules.FORM_JPT
    assert pdf.evaluation_form(plan) == "C.1.2"
    plan.approach = skp_rules.QUALITATIVE
    assert pdf.evaluation_form(plan) == "C.1.1"


def test_a_qualitative_plan_prints_c11_and_a_jpt_plan_c12(client, world):
    head = Evaluation.objects.get(pk=world.kadinkes)
    text = pdf_text(get_as(client, world, "bkpsdm", "appraisals:document_pdf", head.pk))
    assert "Format C.1.2" in text and "PERSPEKTIF" in text
    assert "kepala organisasi" in text.lower()  # the head's work results follow the unit's
    Skp.objects.filter(pk=head.plan_id).update(approach=skp_rules.QUALITATIVE)
    text = pdf_text(get_as(client, world, "bkpsdm", "appraisals:document_pdf", head.pk))
    assert "Format C.1.1" in text and "PENDEKATAN HASIL KERJA KUALITATIF" in text


def test_an_evaluation_by_the_raters_superior_prints_d12(client, world, monkeypatch):
    after = world.due.rater + datetime.timedelta(days=1)
    freeze_today(monkeypatch, after)
    evaluation = services.evaluation_rate(
        actor=viewer(world.personas, "kabid", after),
        evaluation=Evaluation.objects.get(pk=world.staf),
        hasil="diatas",
        hasil_justification="Semua hasil melampaui target.",
        perilaku="sesuai",
        perilaku_justification="Konsisten.",
        reason="Bukti baru dari bidang.",
    )
    assert evaluation.set_by_superior
    _header, rows, _distribution = recap_rows(
        get_as(client, world, "bkpsdm", "appraisals:recap", world.q1)
    )
    marks = {row[1]: row[9] for row in rows}
    assert marks.pop(world.personas.employees["staf"].full_name) == "Ya"
    assert set(marks.values()) == {None}  # the others are not marked
    text = pdf_text(get_as(client, world, "kabid", "appraisals:document_pdf", world.staf))
    assert "Format D.1.2" in text and "Format D.1.1" not in text
    assert "ATASAN PEJABAT PENILAI KINERJA" in text
    assert world.personas.employees["kabid"].full_name in text
    assert "Semua hasil melampaui target." in text


def test_a_signed_and_received_evaluation_prints_the_dates_without_the_draft_mark(client, world):
    text = pdf_text(get_as(client, world, "kadinkes", "appraisals:document_pdf", world.kadinkes))
    assert "KONSEP" not in text
    assert "2 April 2026" in text  # received by the employee


def decided_keberatan(world, decision):
    """The kabid receives the signed evaluation, files a keberatan, the kadinkes (rater)
    explains, and the pimpinan (for the regional head, the rater's superior) decides."""
    personas = world.personas
    evaluation = services.evaluation_acknowledge(
        actor=viewer(personas, "kabid", TODAY), evaluation=Evaluation.objects.get(pk=world.kabid)
    )
    keberatan = services.keberatan_file(
        actor=viewer(personas, "kabid", TODAY),
        evaluation=evaluation,
        reasons="Capaian bidang melampaui target triwulan.",
    )
    keberatan = services.keberatan_hear_rater(
        actor=viewer(personas, "kadinkes", TODAY),
        keberatan=keberatan,
        explanation="Dua indikator belum didukung bukti.",
    )
    change = {"hasil": "diatas", "perilaku": "diatas"} if decision == "change" else {}
    return services.keberatan_decide(
        actor=viewer(personas, "pimpinan", TODAY),
        keberatan=keberatan,
        decision=decision,
        recommendations="Pertahankan kinerja; ikuti pelatihan kepemimpinan."
        if decision == "change"
        else "",
        **change,
    )


def test_the_keberatan_pdf_shows_the_objection_the_explanation_and_the_change(client, world):
    decided_keberatan(world, "change")
    text = pdf_text(get_as(client, world, "kabid", "appraisals:keberatan_pdf", world.kabid))
    assert "Format D.1.3" in text
    assert "Capaian bidang melampaui target triwulan." in text
    assert "Dua indikator belum didukung bukti." in text
    assert "HASIL DIUBAH" in text
    assert "SANGAT BAIK" in text  # the new predikat
    assert "Pertahankan kinerja; ikuti pelatihan kepemimpinan." in text
    assert "KONSEP" not in text
    # The summary of the evaluation now carries the new recommendations.
    summary = pdf_text(get_as(client, world, "kabid", "appraisals:document_pdf", world.kabid))
    assert "Pertahankan kinerja" in summary


def test_a_confirmed_keberatan_prints_the_confirmation(client, world):
    decided_keberatan(world, "confirm")
    text = pdf_text(get_as(client, world, "kadinkes", "appraisals:keberatan_pdf", world.kabid))
    assert "HASIL DIKUATKAN" in text
    assert "HASIL DIUBAH" not in text


def test_an_evaluation_without_keberatan_has_no_keberatan_pdf(client, world):
    assert get_as(client, world, "kasi", "appraisals:keberatan_pdf", world.staf).status_code == 404


# --- the recap ---------------------------------------------------------------------------------


def recap_rows(response) -> tuple[list, list]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["Rekap Predikat"]
    first = HEADER_ROW + 1
    if sheet.max_row >= first:  # every cell framed, wrapped, the dates as dates
        name, signed = sheet.cell(first, 2), sheet.cell(first, excel.DATE_COLUMNS[0])
        assert name.border.left.style == "thin" and name.number_format != excel.DATE_FORMAT
        assert name.alignment.wrap_text and name.alignment.vertical == "top"
        if signed.value is not None:
            assert signed.border.bottom.style == "thin"
            assert signed.number_format == excel.DATE_FORMAT
        # the cells left empty (not rated yet, not signed yet) are framed with the table
        assert framed_ranges(sheet) == [f"A{first}:M{sheet.max_row}"]
    header = [c.value for c in sheet[HEADER_ROW]]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=HEADER_ROW + 1)]
    return header, rows, book["Distribusi"]


def names(world, *keys) -> set[str]:
    return {world.personas.employees[k].full_name for k in keys}


def test_the_recap_has_the_columns_and_every_evaluation_of_the_agency_for_bkpsdm(client, world):
    header, rows, distribution = recap_rows(
        get_as(client, world, "bkpsdm", "appraisals:recap", world.q1)
    )
    assert header == [str(title) for title, _w in excel.RECAP_COLUMNS]
    assert header[:5] == ["No", "Nama", "Jabatan", "Unit kerja", "Pejabat penilai"]
    assert "NIP" not in header
    assert {row[1] for row in rows} == names(world, "kadinkes", "kabid", "kasi", "staf")
    staf = next(row for row in rows if row[1] == world.personas.employees["staf"].full_name)
    assert staf[7] == "Baik" and staf[8] == "Sudah dinilai"
    assert staf[5] in {"Di atas ekspektasi", "Sesuai ekspektasi", "Di bawah ekspektasi"}
    counts = {row[0].value: row[1].value for row in distribution.iter_rows(min_row=5)}
    assert (
        counts["Baik"] == 4
        and counts["Sangat Baik"] == 0
        and counts["Belum dinilai"] == 0
        and counts["Jumlah"] == 4
    )


def test_the_recaps_dates_are_framed_dates_and_its_empty_cells_are_framed_by_the_table(
    client, world
):
    response = get_as(client, world, "bkpsdm", "appraisals:recap", world.q1)
    recap_rows(response)
    sheet = load_workbook(io.BytesIO(response.content))["Rekap Predikat"]
    by_name = {row[1].value: row for row in sheet.iter_rows(min_row=HEADER_ROW + 1)}
    signed = by_name[world.personas.employees["kadinkes"].full_name][excel.DATE_COLUMNS[0] - 1]
    assert isinstance(signed.value, datetime.datetime)  # a date, not a text
    assert signed.number_format == excel.DATE_FORMAT and signed.border.bottom.style == "thin"
    unsigned = by_name[world.personas.employees["staf"].full_name][excel.DATE_COLUMNS[2] - 1]
    assert unsigned.value is None
    assert framed_ranges(sheet) == [f"A{HEADER_ROW + 1}:M{sheet.max_row}"]


def test_the_recap_keeps_its_title_block_widths_panes_and_print_layout(client, world):
    response = get_as(client, world, "bkpsdm", "appraisals:recap", world.q1)
    sheet = load_workbook(io.BytesIO(response.content))["Rekap Predikat"]
    titles = [sheet.cell(row, 1).value for row in range(1, 5)]
    assert titles[0].startswith("REKAP PREDIKAT KINERJA PEGAWAI: ")
    assert titles[1] == "Semua unit yang dapat Anda baca"
    assert titles[2] == world.personas.agency.name
    assert titles[3] == "Keadaan per 02-04-2026"
    assert sheet["A1"].font.b and sheet["A1"].font.sz == 12 and not sheet["A3"].font.b
    assert {str(r) for r in sheet.merged_cells.ranges} == {f"A{n}:M{n}" for n in range(1, 5)}
    header = sheet.cell(HEADER_ROW, 2)
    assert header.font.b and header.fill.fgColor.rgb.endswith("DDE4EE")
    assert header.alignment.horizontal == "center" and header.border.top.style == "thin"
    for col, (_title, width) in enumerate(excel.RECAP_COLUMNS, start=1):
        # openpyxl reads a run of equal widths as one column group; XlsxWriter adds its padding.
        group = next(d for d in sheet.column_dimensions.values() if d.min <= col <= d.max)
        assert int(group.width) == width, col
    assert sheet.freeze_panes == "C7"
    assert sheet.print_title_rows == "$6:$6"
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9
    assert sheet.max_row == HEADER_ROW + 4  # the four evaluations of the agency


def test_the_recap_is_read_in_one_query_whatever_the_number_of_evaluations(world):
    bkpsdm = viewer(world.personas, "bkpsdm", TODAY)
    period = selectors.get_period(bkpsdm, world.q1)
    with CaptureQueriesContext(connection) as queries:
        recap = selectors.predikat_recap(bkpsdm, period)
    assert len(queries) == 1
    staf = world.personas.employees["staf"]
    [row] = [r for r in recap.rows if r.name == staf.full_name]
    assert (row.status, row.hasil, row.perilaku, row.predikat) == (
        "rated",
        "sesuai",
        "sesuai",
        "baik",
    )
    assert recap.counts == {"baik": 4} and recap.not_rated == 0


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("kasi", {"staf"}),  # the rater of record
        ("kabid", {"kasi", "staf"}),  # rater of kasi, rater's superior of staf
        ("kadinkes", {"kabid", "kasi"}),
        ("staf", {"kadinkes", "kabid", "kasi", "staf"}),  # admin of Dinas Kesehatan
        ("pimpinan", {"kadinkes", "kabid", "kasi", "staf"}),
        ("auditor", {"kadinkes", "kabid", "kasi", "staf"}),
    ],
)
def test_the_recap_holds_only_the_evaluations_in_the_viewers_scope(
    client, world, persona, expected
):
    _header, rows, _distribution = recap_rows(
        get_as(client, world, persona, "appraisals:recap", world.q1)
    )
    assert {row[1] for row in rows} == names(world, *expected)
    readable = selectors.evaluations_visible_to(viewer(world.personas, persona, TODAY))
    visible = set(readable.filter(period_id=world.q1).values_list("employee__name", flat=True))
    assert {row[1] for row in rows} <= {
        e.full_name for e in Employee.objects.filter(name__in=visible)
    }


def test_the_recap_of_a_unit_keeps_to_its_subtree(client, world):
    unit = world.personas.units["primer"]
    _header, rows, _d = recap_rows(
        get_as(client, world, "bkpsdm", "appraisals:recap", world.q1, unit=unit.pk)
    )
    assert {row[1] for row in rows} == names(world, "kasi", "staf")


def test_the_desk_links_the_recap_only_for_its_readers(client, world):
    body = get_as(client, world, "kasi", "appraisals:desk", world.q1).content.decode()
    assert reverse("appraisals:recap", args=[world.q1]) in body
    body = get_as(client, world, "dokter", "appraisals:desk", world.q1).content.decode()
    assert reverse("appraisals:recap", args=[world.q1]) not in body


def test_the_detail_page_links_the_documents(client, world):
    body = get_as(client, world, "staf", "appraisals:detail", world.staf).content.decode()
    assert reverse("appraisals:document_pdf", args=[world.staf]) in body
    assert reverse("appraisals:keberatan_pdf", args=[world.staf]) not in body


def _recap_queries(client, world) -> int:
    client.force_login(world.personas.users["bkpsdm"])
    url = reverse("appraisals:recap", args=[world.q1])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_recaps_query_count_does_not_grow_with_the_evaluations(client, world):
    before = _recap_queries(client, world)
    model = Evaluation.objects.get(pk=world.staf)
    for number in range(6):
        employee = org_factories.employee(world.personas.agency, name=f"Pegawai Tambahan {number}")
        model.pk, model.employee = None, employee
        model.save(force_insert=True)
    after = _recap_queries(client, world)
    assert after == before
