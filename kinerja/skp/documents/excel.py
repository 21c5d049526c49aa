"""A unit's SKP recap as an Excel workbook (openpyxl), in the style of the LKjIP workbook.

Sheet "Rekap SKP": one row per plan (latest version) of the unit's subtree, and one per person
posted there without a plan. Sheet "RHK dan Indikator": every RHK with its indicators.
The labels stay in Indonesian like the other official documents.
"""

from __future__ import annotations

import datetime
from io import BytesIO

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from kinerja.core.spreadsheets import write_cell
from kinerja.reports.excel import BORDER, HEADER_FILL, WRAP_TOP
from kinerja.skp.documents.pdf import (
    ASPECTS,
    PERSPECTIVES,
    STATUSES,
    intervened_indicator_text,
    intervened_text,
)
from kinerja.skp.selectors.documents import UnitRecap

RECAP_COLUMNS = [
    ("No", 5),
    ("Nama", 30),
    ("Jabatan", 34),
    ("Unit kerja", 30),
    ("Status SKP", 16),
    ("Versi", 7),
    ("Tanggal ditetapkan", 13),
    ("Pejabat penilai", 34),
    ("RHK utama", 9),
    ("RHK tambahan", 11),
    ("Batas penetapan", 13),
    ("Terlambat", 10),
]
RHK_COLUMNS = [
    ("Nama", 28),
    ("Jabatan", 30),
    ("Versi", 7),
    ("Status SKP", 14),
    ("Jenis", 10),
    ("No", 5),
    ("Rencana Hasil Kerja", 40),
    ("Rencana Hasil Kerja Pimpinan yang Diintervensi", 36),
    ("Perspektif", 22),
    ("Aspek", 11),
    ("Indikator Kinerja Individu", 40),
    ("Target", 16),
]
NO_PLAN = "Belum ada SKP"
KINDS = {"utama": "Utama", "tambahan": "Tambahan"}
DATE_FORMAT = "dd-mm-yyyy"


def recap_title(recap: UnitRecap) -> str:
    return f"REKAP SASARAN KINERJA PEGAWAI TAHUN {recap.year}"


def _header(ws, lines: list[str], columns) -> int:
    """The title block and the column headers; answers the header row."""
    last_col = get_column_letter(len(columns))
    for row, text in enumerate(lines, start=1):
        write_cell(ws, row, 1, text).font = Font(bold=row <= 2, size=12)
        ws.merge_cells(f"A{row}:{last_col}{row}")
    header_row = len(lines) + 2
    for col, (title, width) in enumerate(columns, start=1):
        cell = write_cell(ws, header_row, col, title)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    return header_row


def _write_row(ws, row: int, values: list, date_columns=()) -> None:
    for col, value in enumerate(values, start=1):
        cell = write_cell(ws, row, col, value)
        cell.border = BORDER
        cell.alignment = WRAP_TOP
        if col in date_columns:
            cell.number_format = DATE_FORMAT


def _set_date(skp) -> datetime.date | None:
    return timezone.localdate(skp.set_at) if skp.set_at else None


def _recap_values(number: int, row) -> list:
    skp = row.skp
    values = [number, row.employee.full_name, row.position.name, row.unit.name]
    if skp is None:
        return [*values, NO_PLAN, None, None, None, None, None, None, None]
    return [
        *values,
        STATUSES.get(skp.status, skp.status),
        skp.version,
        _set_date(skp),
        skp.rater.full_name if skp.rater else skp.rater_label,
        row.utama,
        row.tambahan,
        skp.deadline,
        "Ya" if row.late else "Tidak",
    ]


def _intervened_cell(rhk) -> str | None:
    indicator = intervened_indicator_text(rhk)
    text = intervened_text(rhk)
    if indicator:
        return f"{text}\nIndikator: {indicator}"
    return text or None


def _rhk_rows(skp):
    """(values) per indicator of each RHK; an RHK without an indicator still gets a row."""
    numbers = {"utama": 0, "tambahan": 0}
    base = [skp.employee.full_name, skp.position.name, skp.version, STATUSES.get(skp.status)]
    for rhk in skp.rhk_list:
        numbers[rhk.kind] = numbers.get(rhk.kind, 0) + 1
        head = [
            *base,
            KINDS.get(rhk.kind, rhk.kind),
            numbers[rhk.kind],
            rhk.text,
            _intervened_cell(rhk),
            PERSPECTIVES.get(rhk.perspective) or None,
        ]
        if not rhk.indicator_list:
            yield [*head, None, None, None]
        for indicator in rhk.indicator_list:
            yield [
                *head,
                ASPECTS.get(indicator.aspect) or None,
                indicator.text,
                indicator.target_display or None,
            ]


def unit_recap_workbook(recap: UnitRecap) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Rekap SKP"
    lines = [
        recap_title(recap),
        recap.unit.name,
        recap.agency_name,
        f"Keadaan per {recap.day:%d-%m-%Y}",
    ]
    header_row = _header(ws, lines, RECAP_COLUMNS)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=3)
    for number, row in enumerate(recap.rows, start=1):
        _write_row(ws, header_row + number, _recap_values(number, row), date_columns=(7, 11))

    sheet = wb.create_sheet("RHK dan Indikator")
    header_row = _header(sheet, [recap_title(recap), recap.unit.name], RHK_COLUMNS)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=3)
    row = header_row + 1
    for skp in recap.plans:
        for values in _rhk_rows(skp):
            _write_row(sheet, row, values)
            row += 1

    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
