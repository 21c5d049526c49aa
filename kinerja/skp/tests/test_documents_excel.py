"""A unit's SKP recap as Excel: one row per plan or person, and every RHK with its indicators."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kinerja.skp.documents import excel
from kinerja.skp.models import Skp
from kinerja.skp.selectors.documents import unit_recap
from kinerja.skp.tests.factories import YEAR, add_result, chain_of_plans

pytestmark = pytest.mark.django_db

IN_FEBRUARY = datetime.date(YEAR, 2, 15)
HEADER_ROW = 6


@pytest.fixture
def plans(personas):
    plans = chain_of_plans(personas)
    # The kadinkes set the plan in time; the others after the end of January.
    on_time = timezone.make_aware(datetime.datetime(YEAR, 1, 20, 9, 0))
    late = timezone.make_aware(datetime.datetime(YEAR, 2, 3, 9, 0))
    Skp.objects.filter(pk=plans["kadinkes"].pk).update(set_at=on_time)
    Skp.objects.filter(pk__in=[plans["kabid"].pk, plans["kasi"].pk]).update(set_at=late)
    add_result(plans["staf"], "Arsip surat tertata", kind="tambahan", leader_rhk=plans["rhk"])
    return plans


def workbook(personas, today=IN_FEBRUARY, unit="dinkes"):
    recap = unit_recap(personas.units[unit], YEAR, today)
    return load_workbook(io.BytesIO(excel.unit_recap_workbook(recap)))


def rows(ws, first=HEADER_ROW + 1):
    return [[c.value for c in row] for row in ws.iter_rows(min_row=first)]


def test_the_recap_has_a_title_block_and_the_columns_of_the_form(personas, plans):
    ws = workbook(personas)["Rekap SKP"]
    assert ws["A1"].value == "REKAP SASARAN KINERJA PEGAWAI TAHUN 2026"
    assert ws["A2"].value == "Dinas Kesehatan"
    assert ws["A3"].value == "Pemerintah Kabupaten Contoh"
    assert ws["A4"].value == "Keadaan per 15-02-2026"
    assert [c.value for c in ws[HEADER_ROW]] == [title for title, _w in excel.RECAP_COLUMNS]
    assert all(c.font.bold for c in ws[HEADER_ROW])
    assert ws.freeze_panes == "C7"


def test_the_recap_lists_each_plan_of_the_subtree_and_each_person_without_one(personas, plans):
    data = rows(workbook(personas)["Rekap SKP"])
    names = [row[1] for row in data]
    e = personas.employees
    assert names == [e[k].full_name for k in ("kadinkes", "kabid", "kasi", "staf", "dokter")]
    kadinkes, kabid, kasi, staf, dokter = data
    assert kadinkes[2:6] == ["Kepala Dinas Kesehatan", "Dinas Kesehatan", "Ditetapkan", 1]
    assert kadinkes[6].date() == datetime.date(YEAR, 1, 20)
    assert kadinkes[7].startswith("Bupati Contoh")
    assert kadinkes[8:10] == [1, 0]
    assert kadinkes[10].date() == datetime.date(YEAR, 1, 31)
    assert kadinkes[11] == "Tidak"
    assert kasi[7] == e["kabid"].full_name
    assert kasi[11] == "Ya"  # set on 3 February
    assert staf[4:8] == ["Konsep", 1, None, e["kasi"].full_name]
    assert staf[8:10] == [1, 1]
    assert staf[11] == "Ya"  # still a draft after the end of January
    assert dokter[2:5] == ["Dokter Ahli Pertama", "Puskesmas Sukamaju", "Belum ada SKP"]
    assert dokter[5:] == [None] * 7
    assert kabid[4] == "Ditetapkan"


def test_a_draft_is_not_late_before_the_deadline(personas, plans):
    data = rows(workbook(personas, today=datetime.date(YEAR, 1, 25))["Rekap SKP"])
    staf = next(row for row in data if row[1] == personas.employees["staf"].full_name)
    assert staf[11] == "Tidak"


def test_a_sub_unit_recap_holds_only_its_subtree(personas, plans):
    data = rows(workbook(personas, unit="yankes")["Rekap SKP"])
    e = personas.employees
    assert [row[1] for row in data] == [e[k].full_name for k in ("kabid", "kasi", "staf")]


def test_the_second_sheet_lists_every_rhk_with_its_indicators(personas, plans):
    ws = workbook(personas)["RHK dan Indikator"]
    assert [c.value for c in ws[4]] == [title for title, _w in excel.RHK_COLUMNS]
    data = rows(ws, first=5)
    assert len(data) == 5  # one indicator per RHK: kadinkes, kabid, kasi, and two of staf
    kasi = data[2]
    assert kasi[:7] == [
        personas.employees["kasi"].full_name,
        "Kepala Seksi Pelayanan Kesehatan Primer",
        1,
        "Ditetapkan",
        "Utama",
        1,
        "Terlaksananya pembinaan puskesmas",
    ]
    assert kasi[7:] == [
        "Meningkatnya cakupan layanan kesehatan primer",
        None,
        "Kuantitas",
        "Jumlah terlaksananya pembinaan puskesmas",
        "12 laporan",
    ]
    assert data[0][8] == "Perspektif Anggaran"
    assert [row[4:6] for row in data[3:]] == [["Utama", 1], ["Tambahan", 1]]


def test_the_recap_view_answers_an_xlsx_in_bounded_queries(
    client, personas, plans, django_assert_max_num_queries
):
    client.force_login(personas.users["bkpsdm"])
    url = reverse("skp:unit_recap", args=[personas.units["dinkes"].pk])
    with django_assert_max_num_queries(14):
        response = client.get(url, {"year": YEAR})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="Rekap-SKP-2026-dinkes.xlsx"' in response["Content-Disposition"]
    ws = load_workbook(io.BytesIO(response.content))["Rekap SKP"]
    assert ws["A3"].value == "Pemerintah Kabupaten Contoh"
    for n in range(6):  # more plans and RHK, the same number of queries
        add_result(plans["staf"], f"Hasil kerja {n}", leader_rhk=plans["rhk"])
    with django_assert_max_num_queries(14):
        assert client.get(url, {"year": YEAR}).status_code == 200


def test_a_year_that_is_not_a_year_is_a_bad_request(client, personas):
    client.force_login(personas.users["bkpsdm"])
    url = reverse("skp:unit_recap", args=[personas.units["dinkes"].pk])
    assert client.get(url, {"year": "dua ribu"}).status_code == 400
    assert client.get(url, {"year": "1900"}).status_code == 400


def test_the_recap_reads_five_queries_whatever_the_size_of_the_unit(
    personas, plans, django_assert_num_queries
):
    for n in range(5):
        add_result(plans["staf"], f"Hasil kerja {n}", leader_rhk=plans["rhk"])
    with django_assert_num_queries(5):
        recap = unit_recap(personas.units["dinkes"], YEAR, IN_FEBRUARY)
    assert len(recap.rows) == 5 and len(recap.plans) == 4
