"""The predikat recap of a period as an Excel workbook, in the style of the SKP recap.

Sheet "Rekap Predikat": one row per evaluation in the viewer's recap scope. Like every recap of
Kinerja it carries no NIP (the SKP recap does not either): names, posts and units only.
Sheet "Distribusi": the number of evaluations per predikat, and those not rated yet.
Labels are translatable; Indonesian by default.

A province's recap has some 50,000 rows (650,000 cells): it is written with XlsxWriter through
`kinerja.core.spreadsheets.LargeWorkbook`, which takes a fraction of openpyxl's time for it.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from kinerja.appraisals import rules
from kinerja.appraisals.models import Evaluation
from kinerja.appraisals.selectors import PredikatRecap, RecapRow
from kinerja.core.spreadsheets import LargeWorkbook, collector_paused

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
DATE_COLUMNS = (11, 12, 13)  # counted from 1, as a spreadsheet user counts them
DATE_FORMAT = "dd-mm-yyyy"
# The look of the other Kinerja workbooks (`kinerja.reports.excel`): grey thin borders, a
# blue-grey header, body text wrapped and at the top.
BORDER = {"border": 1, "border_color": "#808080"}
HEADER = {
    **BORDER,
    "bold": True,
    "pattern": 1,
    "bg_color": "#DDE4EE",
    "text_wrap": True,
    "align": "center",
    "valign": "vcenter",
}
BODY = {**BORDER, "text_wrap": True, "valign": "top"}
A4 = 9  # XlsxWriter's paper code


def columns(spec) -> list[tuple[str, int]]:
    return [(str(title), width) for title, width in spec]


class _Formats:
    """The workbook's few cell formats, made once (a province's recap has some 650,000 cells)."""

    def __init__(self, book: LargeWorkbook):
        self.title = book.add_format({"bold": True, "font_size": 12})
        self.subtitle = book.add_format({"font_size": 12})
        self.header = book.add_format(HEADER)
        self.body = book.add_format(BODY)
        self.date = book.add_format({**BODY, "num_format": DATE_FORMAT})


def _header(book: LargeWorkbook, ws, formats: _Formats, lines: list[str], spec) -> int:
    """The title block and the column headers; answers the header row (counted from 0)."""
    for row, text in enumerate(lines):
        style = formats.title if row < 2 else formats.subtitle
        book.put_merged(ws, row, 0, len(spec) - 1, text, style)
    header_row = len(lines) + 1
    for col, (title, width) in enumerate(spec):
        book.put(ws, header_row, col, title, formats.header)
        ws.set_column(col, col, width)
    ws.repeat_rows(header_row)
    ws.set_landscape()
    ws.set_paper(A4)
    ws.fit_to_pages(1, 0)
    return header_row


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
        self.yes = _("Yes")


def _values(number: int, row: RecapRow, labels: _Labels) -> list:
    rated = row.status != "open"
    return [
        number,
        row.name,
        row.position,
        row.unit,
        row.rater,
        labels.hasil.get(row.hasil, row.hasil) if rated else None,
        labels.perilaku.get(row.perilaku, row.perilaku) if rated else None,
        labels.predikat.get(row.predikat, "") if rated else None,
        labels.status.get(row.status, row.status),
        labels.yes if row.set_by_superior else None,
        row.signed_on,
        row.acknowledged_on,
        row.employee_signed_on,
    ]


def recap_workbook(recap: PredikatRecap, *, agency_name: str, day) -> bytes:
    with collector_paused():
        return _recap_workbook(recap, agency_name=agency_name, day=day)


def _recap_workbook(recap: PredikatRecap, *, agency_name: str, day) -> bytes:
    scope = recap.unit.name if recap.unit else _("All units you may read")
    lines = [
        recap_title(recap),
        scope,
        agency_name,
        _("As of %(day)s") % {"day": f"{day:%d-%m-%Y}"},
    ]
    book = LargeWorkbook()
    formats = _Formats(book)
    labels = _Labels()
    ws = book.add_worksheet("Rekap Predikat")
    spec = columns(RECAP_COLUMNS)
    header_row = _header(book, ws, formats, lines, spec)
    ws.freeze_panes(header_row + 1, 2)
    row_formats = [
        formats.date if col in DATE_COLUMNS else formats.body for col in range(1, len(spec) + 1)
    ]
    # Half the cells of a period not rated yet are empty: they are not written, and one
    # conditional format frames the whole table instead of a bordered blank cell each. The few
    # evaluations set by the rater's superior are marked "Yes"; the others are left empty.
    for number, row in enumerate(recap.rows, start=1):
        values = _values(number, row, labels)
        book.put_row(ws, header_row + number, values, row_formats, blanks=False)
    book.frame(ws, header_row + 1, header_row + len(recap.rows), len(spec) - 1, BORDER)

    sheet = book.add_worksheet("Distribusi")
    header_row = _header(book, sheet, formats, lines[:2], columns(DISTRIBUTION_COLUMNS))
    rows = [
        (label, recap.counts.get(code.value, 0)) for code, label in rules.PREDIKAT_LABELS.items()
    ]
    rows += [(_("Not rated yet"), recap.not_rated), (_("Total"), len(recap.rows))]
    for offset, values in enumerate(rows, start=1):
        book.put_row(sheet, header_row + offset, values, [formats.body, formats.body])
    return book.close()
