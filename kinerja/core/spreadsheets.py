"""Writing spreadsheets (xlsx and CSV) so that what users typed stays text.

A spreadsheet program runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some,
a tab or a carriage return) as a formula: an RHK written as ``=HYPERLINK("http://…")`` or an
employee name from an import would become a live formula in the recap a leader opens (CSV or
formula injection, OWASP). Every export writes its cells through this module, and a test fails
if another module writes cells or CSV rows itself:

- xlsx: text is always stored as a text cell, never as a formula (openpyxl would store a string
  that starts with ``=`` as one), and text that starts with a dangerous character also carries
  Excel's quote prefix, so that editing the cell in Excel does not turn it into a formula either.
  The text itself is unchanged. Characters that an xlsx file cannot hold (control characters)
  are dropped instead of failing the whole export.
- CSV: there are no types, so a field that starts with a dangerous character is written with a
  leading apostrophe (the OWASP rule); `csv_unescape` reads such a field back.

Numbers, dates and booleans are written as they are: a negative number stays a number.

Large exports (a province's predikat recap: some 650,000 cells, which openpyxl takes about 20 s
to build and write) use `LargeWorkbook`, written with XlsxWriter under the same rules.
"""

from __future__ import annotations

import csv
import datetime
import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from io import BytesIO

import xlsxwriter
from django.utils import timezone
from django.utils.functional import Promise
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

# The first characters that make a spreadsheet read a cell as a formula (OWASP, CSV Injection).
DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_ESCAPE = "'"


def starts_dangerously(text: str) -> bool:
    return text.startswith(DANGEROUS_STARTS)


def _plain(value):
    """Lazy translations become text; everything else is kept as it is."""
    return str(value) if isinstance(value, Promise) else value


# --- xlsx -----------------------------------------------------------------------------------------


def _as_text(cell: Cell) -> Cell:
    """Make a string cell a text cell whatever its first character."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if starts_dangerously(cell.value):
            cell.quotePrefix = True
    return cell


def _xlsx_value(value):
    value = _plain(value)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value) or None  # an empty text is an empty cell
    return value


def write_cell(worksheet, row: int, column: int, value, *, style: str | None = None) -> Cell:
    """Put `value` into the cell at (row, column) of a worksheet; answers the cell (to style).

    A named `style` of the workbook is given here, never afterwards: giving a cell a named style
    replaces all of its formatting, the quote prefix of a dangerous text included. Fonts, fills,
    borders and alignments set on the answered cell keep it.
    """
    cell = worksheet.cell(row=row, column=column)
    if style is not None:
        cell.style = style
    cell.value = _xlsx_value(value)
    return _as_text(cell)


def cell_for(worksheet, value) -> Cell:
    """A detached cell holding `value`, for `append_row` (also in write-only workbooks)."""
    return _as_text(Cell(worksheet, row=1, column=1, value=_xlsx_value(value)))


def append_row(worksheet, values: Iterable) -> None:
    """Append one row below the last one (normal and write-only worksheets)."""
    worksheet.append([cell_for(worksheet, value) for value in values])


# --- large xlsx (XlsxWriter) ---------------------------------------------------------------------

# XlsxWriter's `write()` would guess types from text (a formula, a number, a link): the workbook
# is told not to, and cells are written with the typed methods anyway.
_XLSXWRITER_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
    "in_memory": True,
}

# openpyxl's formats for a date, a date and time, and a time or duration without a format.
DATE_FORMAT, DATETIME_FORMAT, TIME_FORMAT = "yyyy-mm-dd", "yyyy-mm-dd h:mm:ss", "h:mm:ss"


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while a large workbook is built: XlsxWriter makes an
    object per cell and no reference cycles, and the collector would walk them again and again
    (about an eighth of a province's recap). Memory is still freed as it is released."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# Excel's day 0 of the 1900 date system, for days from 1 March 1900 (Excel counts a 29 February
# 1900 that never was; earlier days are left to XlsxWriter's `write_datetime`).
_EXCEL_EPOCH = datetime.date(1899, 12, 30)
_FIRST_PLAIN_SERIAL_DAY = datetime.date(1900, 3, 1)


def _cleaned_text(value: str) -> tuple[str | None, bool]:
    """A text as a cell holds it (None when nothing is left) and whether it starts dangerously."""
    text = ILLEGAL_CHARACTERS_RE.sub("", value)
    return (text, text.startswith(DANGEROUS_STARTS)) if text else (None, False)


class LargeWorkbook:
    """An xlsx workbook written with XlsxWriter, for exports of tens of thousands of rows.

    Every cell goes through `put`, `put_row` or `put_merged`, which keep this module's rules:
    text is stored as text (never a formula), text that starts dangerously carries the quote
    prefix, characters an xlsx file cannot hold are dropped, an empty text is an empty cell.
    A blank cell keeps its format (its border). Rows and columns count from 0, as in XlsxWriter;
    the worksheets' own methods set widths, panes and page layout.
    """

    def __init__(self):
        self._buffer = BytesIO()
        self.book = xlsxwriter.Workbook(self._buffer, _XLSXWRITER_OPTIONS)
        self._properties: dict[int, dict] = {id(None): {}}
        self._quoted: dict[int, Format] = {id(None): self.book.add_format({"quote_prefix": True})}
        self._dated: dict[tuple[int, str], Format] = {}
        self._texts: dict[str, tuple[str | None, bool]] = {}
        self._serials: dict[datetime.date, int] = {}

    def add_format(self, properties: dict) -> Format:
        """A cell format (XlsxWriter's properties), and beside it its twin with the quote prefix
        for dangerous text."""
        cell_format = self.book.add_format(properties)
        self._properties[id(cell_format)] = properties
        self._quoted[id(cell_format)] = self.book.add_format({**properties, "quote_prefix": True})
        return cell_format

    def _as_date(self, cell_format, number_format: str):
        """A date in a format without a number format would show as a plain number: it gets
        openpyxl's default date format, as `write_cell` gives it."""
        properties = self._properties.get(id(cell_format), {})
        if "num_format" in properties:
            return cell_format
        key = (id(cell_format), number_format)
        if key not in self._dated:
            self._dated[key] = self.book.add_format({**properties, "num_format": number_format})
        return self._dated[key]

    def add_worksheet(self, name: str) -> Worksheet:
        return self.book.add_worksheet(name)

    def put(self, worksheet: Worksheet, row: int, column: int, value, cell_format=None) -> None:
        # Text first and without a call to `_xlsx_value`: it is most of a recap's 650,000 cells.
        if isinstance(value, Promise):
            value = str(value)
        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
            if not value:
                worksheet.write_blank(row, column, None, cell_format)
            elif value.startswith(DANGEROUS_STARTS):
                worksheet.write_string(row, column, value, self._quoted[id(cell_format)])
            else:
                worksheet.write_string(row, column, value, cell_format)
        elif value is None:
            worksheet.write_blank(row, column, None, cell_format)
        elif isinstance(value, bool):
            worksheet.write_boolean(row, column, value, cell_format)
        elif isinstance(value, int | float | Decimal):
            worksheet.write_number(row, column, value, cell_format)
        elif isinstance(value, datetime.datetime):
            if timezone.is_aware(value):
                value = timezone.make_naive(value)
            cell_format = self._as_date(cell_format, DATETIME_FORMAT)
            worksheet.write_datetime(row, column, value, cell_format)
        elif isinstance(value, datetime.date):
            worksheet.write_datetime(row, column, value, self._as_date(cell_format, DATE_FORMAT))
        elif isinstance(value, datetime.time | datetime.timedelta):
            worksheet.write_datetime(row, column, value, self._as_date(cell_format, TIME_FORMAT))
        else:
            self.put(worksheet, row, column, str(value), cell_format)

    def put_row(
        self,
        worksheet: Worksheet,
        row: int,
        values: Iterable,
        formats: Sequence,
        *,
        blanks: bool = True,
    ) -> None:
        """One row from column 0, the value of each column in the format of the same column.
        With `blanks=False` an empty value writes no cell at all: for a table that `frame`
        borders as a whole (a recap of unrated evaluations is half blank cells).

        Texts and dates, most of a recap's 766,000 cells, take a shorter way than `put`: each
        distinct text is cleaned once per workbook, and a date is written as the serial number
        that `write_datetime` would store (most dates of a recap are a few distinct days)."""
        texts, serials, put = self._texts, self._serials, self.put
        for column, value in enumerate(values):
            kind = type(value)
            if kind is str:
                cleaned = texts.get(value)
                if cleaned is None:
                    cleaned = texts[value] = _cleaned_text(value)
                text, dangerous = cleaned
                cell_format = formats[column]
                if text is None:
                    if blanks:
                        worksheet.write_blank(row, column, None, cell_format)
                elif dangerous:
                    worksheet.write_string(row, column, text, self._quoted[id(cell_format)])
                else:
                    worksheet.write_string(row, column, text, cell_format)
            elif kind is datetime.date and value >= _FIRST_PLAIN_SERIAL_DAY:
                serial = serials.get(value)
                if serial is None:
                    serial = serials[value] = (value - _EXCEL_EPOCH).days
                cell_format = self._as_date(formats[column], DATE_FORMAT)
                worksheet.write_number(row, column, serial, cell_format)
            elif value is None:
                if blanks:
                    worksheet.write_blank(row, column, None, formats[column])
            else:
                put(worksheet, row, column, value, formats[column])

    def frame(
        self, worksheet: Worksheet, first_row: int, last_row: int, last_column: int, properties
    ) -> None:
        """Borders (XlsxWriter's border properties) around every cell of rows `first_row` to
        `last_row` from column 0, written or not, as one conditional format that always holds:
        what a user later types into an empty cell is framed too."""
        if last_row < first_row:
            return
        worksheet.conditional_format(
            first_row,
            0,
            last_row,
            last_column,
            {"type": "formula", "criteria": "=TRUE", "format": self.book.add_format(properties)},
        )

    def put_merged(
        self, worksheet: Worksheet, row: int, first: int, last: int, value, cell_format
    ) -> None:
        """`value` in the cells of one row from column `first` to `last`, merged."""
        worksheet.merge_range(row, first, row, last, "", cell_format)
        self.put(worksheet, row, first, value, cell_format)

    def close(self) -> bytes:
        """The workbook's file; nothing may be written after."""
        self.book.close()
        return self._buffer.getvalue()


# --- CSV ------------------------------------------------------------------------------------------


def csv_field(value):
    """A CSV field: text that starts with a dangerous character gets a leading apostrophe."""
    value = _plain(value)
    if isinstance(value, str) and starts_dangerously(value):
        return CSV_ESCAPE + value
    return value


def csv_unescape(text: str) -> str:
    """The text `csv_field` wrote: the apostrophe it added before a dangerous start is removed."""
    if text.startswith(CSV_ESCAPE) and starts_dangerously(text[1:]):
        return text[1:]
    return text


class SafeCsvWriter:
    """`csv.writer` whose rows are written through `csv_field`."""

    def __init__(self, stream, **options):
        self._writer = csv.writer(stream, **options)

    def writerow(self, row: Iterable):
        return self._writer.writerow([csv_field(value) for value in row])

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(stream, **options) -> SafeCsvWriter:
    """Like `csv.writer(stream, **options)`, with every field written as `csv_field` says."""
    return SafeCsvWriter(stream, **options)
