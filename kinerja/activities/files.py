"""Files of attendance: the import templates (as the agency's mapping names the columns) and the
monthly summary as a workbook. Cells are written through `kinerja.core.spreadsheets`.

The summary export names people by name and position, never by NIP (personal data stays out of
exports).
"""

from __future__ import annotations

import datetime
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from kinerja.activities.imports import LEAVE_COLUMNS
from kinerja.activities.models import AttendanceSetting, CutiKind
from kinerja.core.spreadsheets import append_row, csv_writer

EXAMPLE_NIP = "199001012020011001"


def attendance_columns(setting: AttendanceSetting) -> list[str]:
    if setting.timestamp_column:
        return [setting.id_column, setting.timestamp_column]
    return [
        c
        for c in (
            setting.id_column,
            setting.date_column,
            setting.time_in_column,
            setting.time_out_column,
        )
        if c
    ]


def _attendance_examples(setting: AttendanceSetting) -> list[list[str]]:
    day = datetime.date(2026, 3, 2)
    date = day.strftime(setting.date_format)

    def at(hour, minute):
        return datetime.time(hour, minute).strftime(setting.time_format)

    if setting.timestamp_column:
        return [
            [EXAMPLE_NIP, f"{date} {at(7, 25)}"],
            [EXAMPLE_NIP, f"{date} {at(16, 5)}"],
        ]
    row = [EXAMPLE_NIP, date]
    if setting.time_in_column:
        row.append(at(7, 25))
    if setting.time_out_column:
        row.append(at(16, 5))
    return [row]


def template_rows(kind: str, setting: AttendanceSetting) -> list[list[str]]:
    if kind == "leave":
        return [list(LEAVE_COLUMNS), [EXAMPLE_NIP, CutiKind.TAHUNAN, "2026-03-02", "2026-03-04"]]
    return [attendance_columns(setting), *_attendance_examples(setting)]


def template_csv(kind: str, setting: AttendanceSetting) -> bytes:
    stream = io.StringIO()
    writer = csv_writer(stream, delimiter=";")
    writer.writerows(template_rows(kind, setting))
    return stream.getvalue().encode("utf-8-sig")


def _saved(workbook) -> bytes:
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def template_xlsx(kind: str, setting: AttendanceSetting) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(kind)
    for row in template_rows(kind, setting):
        append_row(sheet, row)
    return _saved(workbook)


def summary_xlsx(unit_name: str, summary) -> bytes:
    """The monthly summary of a unit: one row per employee, by name and position."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Attendance"))
    append_row(sheet, [unit_name, f"{summary.year}-{summary.month:02d}"])
    kinds = list(CutiKind.choices)
    append_row(
        sheet,
        [
            _("Name"),
            _("Position"),
            _("Working days"),
            _("Days reported"),
            _("Present"),
            _("Days late"),
            _("Minutes late"),
            _("Early departures"),
            *[str(label) for _value, label in kinds],
            _("Absent without a valid reason"),
        ],
    )
    for row in summary.rows:
        append_row(
            sheet,
            [
                row.name,
                row.position,
                row.working_days,
                summary.reported_days,
                row.present,
                row.late_days,
                row.late_minutes,
                row.early_days,
                *[row.leave.get(value, 0) for value, _label in kinds],
                row.absent,
            ],
        )
    return _saved(workbook)
