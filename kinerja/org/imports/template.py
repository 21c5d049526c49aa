"""The downloadable templates, and writing rows in the import format (tests, demo, benchmarks)."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable, Mapping, Sequence

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from kinerja.core.spreadsheets import append_row, csv_writer
from kinerja.org.imports import columns as cols
from kinerja.org.models import GRADE_CHOICES, EmployeeStatus

TEXT_FORMAT = "@"
DATE_FORMAT = "DD-MM-YYYY"
# Columns Excel must keep as typed: an 18-digit NIP as a number loses its last digits.
TEXT_COLUMNS = {
    "nip",
    "telepon",
    "kode_unit",
    "kode_unit_induk",
    "kode_jabatan",
    "kode_jabatan_atasan",
    "golongan",
}
DATE_COLUMNS = {"tmt_jabatan"}
TEMPLATE_ROWS = 5000  # rows that get drop-down lists and text formats in the template
CSV_DELIMITER = ";"  # what Excel in the Indonesian locale writes and opens

EXAMPLES = {
    cols.UNIT: [
        ["DINKES", "Dinas Kesehatan", "Dinkes", "dinas", ""],
        ["DINKES.YANKES", "Bidang Pelayanan Kesehatan", "Yankes", "bidang", "DINKES"],
    ],
    cols.POSITION: [
        ["DINKES-01", "Kepala Dinas Kesehatan", "jpt_pratama", "", "DINKES", "", "ya"],
        [
            "DINKES-05",
            "Dokter Ahli Pertama",
            "fungsional",
            "ahli_pertama",
            "DINKES.YANKES",
            "DINKES-01",
            "tidak",
        ],
    ],
    cols.EMPLOYEE: [
        [
            "198503142010031001",
            "Siti Aminah",
            "dr.",
            "M.Kes.",
            "PNS",
            "IV/a",
            "DINKES-01",
            "02-01-2020",
            "definitif",
            "siti.aminah@example.go.id",
            "081234567890",
        ],
    ],
}


def _choices(column: cols.Column) -> tuple[str, ...]:
    if column.name == "golongan":
        return tuple(code for code, _label in GRADE_CHOICES)
    if column.name == "kepala_unit":
        return ("ya", "tidak")
    if column.name == "status":
        return tuple(v.upper() for v in EmployeeStatus.values)
    return column.choices


def _example_rows(kind: str) -> list[list[str]]:
    """The examples, marked so that the importer skips them even if they are left in place."""
    return [[f"{cols.COMMENT_PREFIX} {row[0]}", *row[1:]] for row in EXAMPLES[kind]]


def template_workbook() -> bytes:
    """An .xlsx with the sheets unit, jabatan and pegawai, examples and a sheet of instructions."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDE7F0")
    example_font = Font(italic=True, color="808080")
    for kind in cols.SHEET_KINDS:
        sheet = workbook.create_sheet(kind)
        append_row(sheet, cols.COLUMN_NAMES[kind])
        for cell in sheet[1]:
            cell.font, cell.fill = bold, header_fill
        for row in _example_rows(kind):
            append_row(sheet, row)
            for cell in sheet[sheet.max_row]:
                cell.font = example_font
        sheet.freeze_panes = "A2"
        for index, column in enumerate(cols.COLUMNS[kind], start=1):
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = max(14, len(column.name) + 4)
            cells = f"{letter}2:{letter}{TEMPLATE_ROWS}"
            if column.name in TEXT_COLUMNS:
                sheet.column_dimensions[letter].number_format = TEXT_FORMAT
                for row in range(2, 2 + len(EXAMPLES[kind])):
                    sheet.cell(row, index).number_format = TEXT_FORMAT
            choices = _choices(column)
            if choices:
                validation = DataValidation(
                    type="list", formula1=f'"{",".join(choices)}"', allow_blank=True
                )
                validation.add(cells)
                sheet.add_data_validation(validation)
    _instructions(workbook.create_sheet(cols.INSTRUCTIONS_SHEET), bold, header_fill)
    return _saved(workbook)


def _instructions(sheet, bold, header_fill) -> None:
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 10
    sheet.column_dimensions["C"].width = 70
    sheet.column_dimensions["D"].width = 60
    append_row(sheet, [_("Kinerja organisation import")])
    sheet["A1"].font = bold
    for line in (
        _("Fill the sheets unit, jabatan and pegawai; a sheet you do not need may stay empty."),
        _("Row 1 holds the column names; keep them. Each further row is one record."),
        _("Rows whose first cell starts with # are examples and are not imported."),
        _(
            "Units and positions are matched by code and employees by NIP: importing the same "
            "file again changes nothing, and a corrected file updates what differs."
        ),
        _(
            "A new kode_jabatan for an employee records a move from tmt_jabatan; the previous "
            "post ends the day before."
        ),
        _(
            "For an employee who already holds the post in kode_jabatan, nothing about the post "
            "changes, not even its tmt_jabatan."
        ),
        _(
            "The whole file is checked first; if any row is wrong, nothing is imported and every "
            "error is listed with its sheet, row and column."
        ),
    ):
        append_row(sheet, [line])
    for kind in cols.SHEET_KINDS:
        append_row(sheet, [])
        append_row(sheet, [f"{kind} — {cols.SHEET_LABELS[kind]}"])
        sheet.cell(sheet.max_row, 1).font = bold
        append_row(sheet, [_("Column"), _("Required"), _("Description"), _("Accepted values")])
        for cell in sheet[sheet.max_row]:
            cell.font, cell.fill = bold, header_fill
        for column in cols.COLUMNS[kind]:
            append_row(
                sheet,
                [
                    column.name,
                    _("yes") if column.required else _("no"),
                    str(column.help),
                    ", ".join(_choices(column)),
                ],
            )


def _saved(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_csv(kind: str) -> bytes:
    return csv_bytes(kind, _example_rows(kind))


def _ordered(kind: str, row: Mapping | Sequence) -> list:
    if isinstance(row, Mapping):
        return [row.get(name, "") for name in cols.COLUMN_NAMES[kind]]
    return list(row)


def workbook_bytes(sheets: Mapping[str, Iterable[Mapping | Sequence]]) -> bytes:
    """An .xlsx in the import format holding the given rows (dicts by column name, or lists)."""
    workbook = Workbook(write_only=True)
    for kind, rows in sheets.items():
        sheet = workbook.create_sheet(kind)
        append_row(sheet, cols.COLUMN_NAMES[kind])
        for row in rows:
            append_row(sheet, _ordered(kind, row))
    return _saved(workbook)


def csv_bytes(
    kind: str,
    rows: Iterable[Mapping | Sequence],
    *,
    delimiter: str = CSV_DELIMITER,
    bom: bool = True,
) -> bytes:
    """A CSV file of one kind, UTF-8 with a byte-order mark so that Excel reads it right."""
    buffer = io.StringIO()
    writer = csv_writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(cols.COLUMN_NAMES[kind])
    for row in rows:
        writer.writerow(
            [
                value.strftime("%d-%m-%Y") if isinstance(value, datetime.date) else value
                for value in _ordered(kind, row)
            ]
        )
    return buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")
