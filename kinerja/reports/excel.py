"""The LKjIP performance table as an Excel workbook (openpyxl), laid out like the PDF."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from kinerja.core.spreadsheets import write_cell
from kinerja.reports.selectors import LkjipReport

LKJIP_COLUMNS = [
    ("No", 5),
    ("Sasaran", 40),
    ("Indikator Kinerja", 45),
    ("Satuan", 12),
    ("Target", 12),
    ("Realisasi", 12),
    ("Capaian (%)", 12),
    ("Kategori", 16),
    ("Realisasi tahun lalu", 14),
    ("Target akhir Renstra/RPJMD", 16),
    ("Capaian terhadap target akhir (%)", 16),
]
VALUE_FORMAT = "#,##0.####"
PERCENT_FORMAT = "0.00"
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")


def lkjip_title(report: LkjipReport) -> str:
    return f"LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP) TAHUN {report.year}"


def _target_text(low, high):
    """A range target is text ("60 - 80"); a single target stays a number."""
    if low is None:
        return None
    if high is None:
        return low
    return f"{low.normalize():f} - {high.normalize():f}"


def _category_text(line) -> str | None:
    """The category, and for a year with unreported periods how many reports were in."""
    if line.is_partial:
        partial = f"sebagian: {line.periods_reported} dari {line.periods_expected} laporan periode"
        return f"{line.category} ({partial})" if line.category else partial
    return line.category or None


def lkjip_workbook(report: LkjipReport) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = f"LKjIP {report.year}"
    last_col = get_column_letter(len(LKJIP_COLUMNS))

    header = [
        lkjip_title(report),
        report.subject,
        report.performance_year.agency.name if report.unit is not None else "",
        "Tabel Pengukuran Kinerja",
    ]
    for row, text in enumerate(header, start=1):
        write_cell(ws, row, 1, text).font = Font(bold=row <= 2, size=12)
        ws.merge_cells(f"A{row}:{last_col}{row}")
    header_row = len(header) + 2
    for col, (title, width) in enumerate(LKJIP_COLUMNS, start=1):
        cell = write_cell(ws, header_row, col, title)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = ws.cell(row=header_row + 1, column=4)

    row = header_row + 1
    for group in report.goals:
        first = row
        for line in group.rows:
            indicator = line.indicator
            values = [
                group.number,
                str(group.goal.statement),
                indicator.name,
                indicator.unit_of_measure,
                _target_text(line.target, line.target_high),
                line.realisation,
                line.capaian,
                _category_text(line),
                line.last_year_realisation,
                _target_text(line.final_target, line.final_target_high),
                line.capaian_to_final,
            ]
            for col, value in enumerate(values, start=1):
                cell = write_cell(ws, row, col, value)
                cell.border = BORDER
                cell.alignment = WRAP_TOP
                if col in (5, 6, 9, 10):
                    cell.number_format = VALUE_FORMAT
                elif col in (7, 11):
                    cell.number_format = PERCENT_FORMAT
            row += 1
        if row - first > 1:
            ws.merge_cells(start_row=first, start_column=1, end_row=row - 1, end_column=1)
            ws.merge_cells(start_row=first, start_column=2, end_row=row - 1, end_column=2)

    total = write_cell(ws, row, 1, "Rata-rata capaian sasaran")
    total.font = Font(bold=True)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
    mean = write_cell(ws, row, 7, report.capaian)
    mean.font = Font(bold=True)
    mean.number_format = PERCENT_FORMAT
    write_cell(ws, row, 8, report.category).font = Font(bold=True)

    notes = row + 2
    if report.computed_at is not None:
        write_cell(ws, notes, 1, f"Capaian dihitung pada {report.computed_at:%d-%m-%Y}")
        notes += 1
    legend = ", ".join(f"{band.label} {band.describe()}" for band in reversed(report.bands))
    write_cell(ws, notes, 1, f"Kategori: {legend}")

    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.print_title_rows = f"{header_row}:{header_row}"
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
