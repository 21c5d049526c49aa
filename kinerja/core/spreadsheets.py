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
"""

from __future__ import annotations

import csv
from collections.abc import Iterable

from django.utils.functional import Promise
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell

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
