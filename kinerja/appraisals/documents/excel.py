"""The predikat recap of a period as an Excel workbook (openpyxl), in the style of the SKP recap.

Sheet "Rekap Predikat": one row per evaluation in the viewer's recap scope. Like every recap of
Kinerja it carries no NIP (the SKP recap does not either): names, posts and units only.
Sheet "Distribusi": the number of evaluations per predikat, and those not rated yet.
Labels are translatable; Indonesian by default.
"""

from __future__ import annotations

from io import BytesIO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, NamedStyle
from openpyxl.utils import get_column_letter

from kinerja.appraisals import rules
from kinerja.appraisals.models import Evaluation
from kinerja.appraisals.selectors import PredikatRecap
from kinerja.core.spreadsheets import write_cell
from kinerja.reports.excel import BORDER, HEADER_FILL, WRAP_TOP

RECAP_COLUMNS = [
    (pgettext_lazy("spreadsheet column of row numbers", "No"), 5),
    (gettext_lazy("Name"), 30),
    (gettext_lazy("Post"), 32),
    (gettext_lazy("Unit"), 28),
    (gettext_lazy("Rater"), 34),
    (gettext_lazy("Rating of work results"), 16),
    (gettext_lazy("Rating of work behaviour"), 16),
    (gettext_lazy("Predikat"), 18),
    (gettext_lazy("Status"), 20),
    (gettext_lazy("Set by the rater's superior"), 12),
    (gettext_lazy("Signed and handed over on"), 13),
    (gettext_lazy("Received by the employee on"), 13),
    (gettext_lazy("Signed by the employee on"), 13),
]
DISTRIBUTION_COLUMNS = [(gettext_lazy("Predikat"), 28), (gettext_lazy("Evaluations"), 14)]
DATE_COLUMNS = (11, 12, 13)
DATE_FORMAT = "dd-mm-yyyy"


def columns(spec) -> list[tuple[str, int]]:
    return [(str(title), width) for title, width in spec]


def _header(ws, lines: list[str], spec) -> int:
    """The title block and the column headers; answers the header row."""
    last_col = get_column_letter(len(spec))
    for row, text in enumerate(lines, start=1):
        write_cell(ws, row, 1, text).font = Font(bold=row <= 2, size=12)
        ws.merge_cells(f"A{row}:{last_col}{row}")
    header_row = len(lines) + 2
    for col, (title, width) in enumerate(spec, start=1):
        cell = write_cell(ws, header_row, col, str(title))
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


# A province's recap has some 650,000 cells: each is given one of two named styles, registered
# once, instead of a border and an alignment of its own (which openpyxl hashes cell by cell:
# most of the minute such a workbook took).
BODY_STYLE, DATE_STYLE = "kinerja_recap_body", "kinerja_recap_date"


def _add_styles(wb) -> None:
    wb.add_named_style(NamedStyle(BODY_STYLE, border=BORDER, alignment=WRAP_TOP))
    wb.add_named_style(
        NamedStyle(DATE_STYLE, border=BORDER, alignment=WRAP_TOP, number_format=DATE_FORMAT)
    )


def _write_row(ws, row: int, values: list, date_columns=()) -> None:
    for col, value in enumerate(values, start=1):
        write_cell(ws, row, col, value, style=DATE_STYLE if col in date_columns else BODY_STYLE)


def recap_title(recap: PredikatRecap) -> str:
    return _("RECAP OF EMPLOYEE PERFORMANCE PREDIKAT: %(period)s") % {
        "period": recap.period.label.upper()
    }


class _Labels:
    """The choices' labels, translated once per workbook rather than once per cell."""

    def __init__(self):
        self.hasil = {
            value: str(label) for value, label in Evaluation._meta.get_field("hasil").choices
        }
        self.perilaku = {
            value: str(label) for value, label in Evaluation._meta.get_field("perilaku").choices
        }
        self.status = {
            value: str(label) for value, label in Evaluation._meta.get_field("status").choices
        }
        self.predikat = {code.value: str(label) for code, label in rules.PREDIKAT_LABELS.items()}
        self.yes, self.no = _("Yes"), _("No")


def _values(number: int, evaluation, labels: _Labels) -> list:
    rated = evaluation.status != "open"
    return [
        number,
        evaluation.employee.full_name,
        evaluation.plan.position.name,
        evaluation.unit.name,
        evaluation.rater_label,
        labels.hasil.get(evaluation.hasil, evaluation.hasil) if rated else None,
        labels.perilaku.get(evaluation.perilaku, evaluation.perilaku) if rated else None,
        labels.predikat.get(evaluation.predikat, "") if rated else None,
        labels.status.get(evaluation.status, evaluation.status),
        labels.yes if evaluation.set_by_superior else labels.no,
        evaluation.signed_on,
        evaluation.acknowledged_on,
        evaluation.employee_signed_on,
    ]


def recap_workbook(recap: PredikatRecap, *, agency_name: str, day) -> bytes:
    scope = recap.unit.name if recap.unit else _("All units you may read")
    lines = [
        recap_title(recap),
        scope,
        agency_name,
        _("As of %(day)s") % {"day": f"{day:%d-%m-%Y}"},
    ]
    wb = Workbook()
    _add_styles(wb)
    labels = _Labels()
    ws = wb.active
    ws.title = "Rekap Predikat"
    header_row = _header(ws, lines, columns(RECAP_COLUMNS))
    ws.freeze_panes = ws.cell(row=header_row + 1, column=3)
    for number, evaluation in enumerate(recap.rows, start=1):
        _write_row(ws, header_row + number, _values(number, evaluation, labels), DATE_COLUMNS)

    sheet = wb.create_sheet("Distribusi")
    header_row = _header(sheet, lines[:2], columns(DISTRIBUTION_COLUMNS))
    rows = [
        (label, recap.counts.get(code.value, 0)) for code, label in rules.PREDIKAT_LABELS.items()
    ]
    rows += [(_("Not rated yet"), recap.not_rated), (_("Total"), len(recap.rows))]
    for offset, values in enumerate(rows, start=1):
        _write_row(sheet, header_row + offset, list(values))

    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
