"""Turning raw rows into typed records, checking each cell on its own.

Checks that need other rows or the database (unknown codes, duplicates, cycles, date order) are
in `planning`. Every message names the column and the offending value.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from openpyxl.utils.datetime import from_excel

from kinerja.org import rules, services
from kinerja.org.imports import columns as cols
from kinerja.org.imports.errors import row_error
from kinerja.org.imports.reader import Row
from kinerja.org.models import AssignmentKind, PositionKind

DATE_FORMATS = ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d")
PHONE_PATTERN = re.compile(r"^[0-9+()\-.\s]*$")
# Excel serial numbers of 1900-01-01 and 9999-12-31.
EXCEL_SERIAL_RANGE = (1, 2_958_465)


@dataclass
class UnitRecord:
    row: int
    code: str
    name: str
    short_name: str
    kind: str
    parent_code: str


@dataclass
class PositionRecord:
    row: int
    code: str
    name: str
    kind: str
    jenjang: str
    unit_code: str
    parent_code: str
    is_unit_head: bool


@dataclass
class EmployeeRecord:
    row: int
    nip: str
    nip_valid: bool
    name: str
    front_title: str
    back_title: str
    status: str
    grade: str
    position_code: str
    start_date: datetime.date | None
    assignment_kind: str
    email: str
    phone: str


def format_date(day: datetime.date) -> str:
    return day.strftime("%d-%m-%Y")


def as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return format_date(value.date()) if not value.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return format_date(value)
    return " ".join(str(value).split())


def parse_date(value) -> datetime.date | None:
    """A date from an Excel date, an Excel serial number or text; ValueError if it is none."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        low, high = EXCEL_SERIAL_RANGE
        if low <= value <= high:
            return from_excel(value).date()
        raise ValueError(value)
    text = str(value).strip()
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    # "2020-01-02 00:00:00" from programs that write timestamps.
    return datetime.datetime.fromisoformat(text).date()


class _Cells:
    """Reads the cells of one row and records what is wrong with them."""

    def __init__(self, sheet: str, row: Row, errors: list[dict], today=None):
        self.sheet = sheet
        self.row = row
        self.errors = errors
        self.today = today

    def error(self, column: str, message: str) -> None:
        self.errors.append(row_error(self.sheet, self.row.number, column, message))

    def raw(self, column: str):
        return self.row.values.get(column)

    def text(self, column: str, *, required: bool = False, max_length: int | None = None) -> str:
        value = as_text(self.raw(column))
        if required and not value:
            self.error(column, _("%(column)s is required.") % {"column": column})
        elif max_length is not None and len(value) > max_length:
            self.error(
                column,
                _("%(column)s is %(length)s characters long; at most %(max)s are allowed.")
                % {"column": column, "length": len(value), "max": max_length},
            )
            return value[:max_length]
        return value

    def choice(self, column: str, lookup: dict[str, str], *, required: bool = False) -> str:
        value = self.text(column, required=required)
        if not value:
            return ""
        matched = cols.match_choice(value, lookup)
        if matched is None:
            self.error(column, self.bad_choice(column, value, sorted(set(lookup.values()))))
            return ""
        return matched

    @staticmethod
    def bad_choice(column: str, value: str, choices) -> str:
        return _("%(value)s is not a valid %(column)s; use one of: %(choices)s.") % {
            "value": value,
            "column": column,
            "choices": ", ".join(choices),
        }

    def flag(self, column: str) -> bool:
        value = self.text(column).lower()
        if value in cols.YES:
            return True
        if value and value not in cols.NO:
            self.error(
                column,
                _("%(value)s is not a valid %(column)s; use ya or tidak.")
                % {"value": value, "column": column},
            )
        return False

    def date(self, column: str) -> datetime.date | None:
        raw = self.raw(column)
        try:
            return parse_date(raw)
        except (ValueError, OverflowError, TypeError):
            self.error(
                column,
                _(
                    "%(value)s in %(column)s is not a date; use dd-mm-yyyy, yyyy-mm-dd or an "
                    "Excel date."
                )
                % {"value": as_text(raw), "column": column},
            )
            return None

    def field(self, column: cols.Column) -> str:
        return self.text(column.name, required=column.required, max_length=column.max_length)


def _columns(kind: str) -> dict[str, cols.Column]:
    return {column.name: column for column in cols.COLUMNS[kind]}


UNIT = _columns(cols.UNIT)
POSITION = _columns(cols.POSITION)
EMPLOYEE = _columns(cols.EMPLOYEE)


def parse_unit(row: Row, errors: list[dict]) -> UnitRecord:
    cells = _Cells(cols.UNIT, row, errors)
    return UnitRecord(
        row=row.number,
        code=cells.field(UNIT["kode_unit"]),
        name=cells.field(UNIT["nama_unit"]),
        short_name=cells.field(UNIT["singkatan"]),
        kind=cells.choice("jenis_unit", cols.UNIT_KINDS, required=True),
        parent_code=cells.field(UNIT["kode_unit_induk"]),
    )


def parse_position(row: Row, errors: list[dict]) -> PositionRecord:
    cells = _Cells(cols.POSITION, row, errors)
    code = cells.field(POSITION["kode_jabatan"])
    name = cells.field(POSITION["nama_jabatan"])
    kind = cells.choice("jenis_jabatan", cols.POSITION_KINDS, required=True)
    raw_jenjang = cells.text("jenjang")
    jenjang = ""
    if kind == PositionKind.FUNGSIONAL and not raw_jenjang:
        cells.error("jenjang", _("jenjang is required for a fungsional position."))
    elif kind and kind != PositionKind.FUNGSIONAL and raw_jenjang:
        cells.error(
            "jenjang",
            _(
                "jenjang must be empty for a %(kind)s position; only fungsional positions "
                "have a jenjang (found %(value)s)."
            )
            % {"kind": kind, "value": raw_jenjang},
        )
    elif raw_jenjang:
        jenjang = cells.choice("jenjang", cols.JENJANG)
    return PositionRecord(
        row=row.number,
        code=code,
        name=name,
        kind=kind,
        jenjang=jenjang,
        unit_code=cells.field(POSITION["kode_unit"]),
        parent_code=cells.field(POSITION["kode_jabatan_atasan"]),
        is_unit_head=cells.flag("kepala_unit"),
    )


def _parse_nip(cells: _Cells) -> tuple[str, bool]:
    raw = cells.raw("nip")
    if isinstance(raw, float):
        cells.error(
            "nip",
            _(
                "The NIP %(value)s was stored as a number, so the spreadsheet may have changed "
                "its last digits; format the nip column as text and type the NIP again."
            )
            % {"value": as_text(raw)},
        )
        return as_text(raw), False
    nip = rules.normalise_nip(cells.text("nip", required=True))
    if not nip:
        return "", False
    problems = services.nip_error_messages(nip, today=cells.today)
    for problem in problems:
        cells.error("nip", _("NIP %(value)s: %(problem)s") % {"value": nip, "problem": problem})
    return nip, not problems


def _parse_grade(cells: _Cells, status: str) -> str:
    value = cells.text("golongan", required=True)
    if not value:
        return ""
    grade = cols.match_grade(value)
    problem = services.grade_error(status, grade or value) if status else None
    if problem:
        cells.error("golongan", problem)
        return ""
    if grade is None:
        cells.error(
            "golongan",
            _("%(value)s is not a valid golongan; use I/a to IV/e for PNS or I to XVII for PPPK.")
            % {"value": value},
        )
        return ""
    return grade


def parse_employee(row: Row, errors: list[dict], *, today: datetime.date) -> EmployeeRecord:
    cells = _Cells(cols.EMPLOYEE, row, errors, today)
    nip, nip_valid = _parse_nip(cells)
    status = cells.choice("status", cols.STATUSES, required=True)
    record = EmployeeRecord(
        row=row.number,
        nip=nip,
        nip_valid=nip_valid,
        name=cells.field(EMPLOYEE["nama"]),
        front_title=cells.field(EMPLOYEE["gelar_depan"]),
        back_title=cells.field(EMPLOYEE["gelar_belakang"]),
        status=status,
        grade=_parse_grade(cells, status),
        position_code=cells.field(EMPLOYEE["kode_jabatan"]),
        start_date=cells.date("tmt_jabatan"),
        assignment_kind=AssignmentKind.DEFINITIVE,
        email=cells.field(EMPLOYEE["email"]),
        phone=cells.field(EMPLOYEE["telepon"]),
    )
    kind = cells.text("jenis_penugasan")
    if kind:
        matched = cols.match_assignment_kind(kind)
        if matched is None:
            cells.error(
                "jenis_penugasan",
                cells.bad_choice("jenis_penugasan", kind, ("definitif", "plt", "plh")),
            )
        else:
            record.assignment_kind = matched
    _check_position_and_date(cells, record, today)
    _check_contact(cells, record)
    return record


def _check_position_and_date(cells: _Cells, record: EmployeeRecord, today: datetime.date):
    has_date = record.start_date is not None or bool(as_text(cells.raw("tmt_jabatan")))
    if record.position_code and not has_date:
        cells.error("tmt_jabatan", _("tmt_jabatan is required when kode_jabatan is filled."))
    elif has_date and not record.position_code:
        cells.error("kode_jabatan", _("kode_jabatan is required when tmt_jabatan is filled."))
    start = record.start_date
    if start is None:
        return
    if start > today:
        cells.error(
            "tmt_jabatan",
            _("tmt_jabatan %(date)s is in the future.") % {"date": format_date(start)},
        )
    if record.nip_valid:
        appointed = rules.parse_nip(record.nip, today=today).appointment_date
        if start < appointed:
            cells.error(
                "tmt_jabatan",
                _("tmt_jabatan %(date)s is before the appointment month in the NIP (%(month)s).")
                % {"date": format_date(start), "month": appointed.strftime("%m-%Y")},
            )


def _check_contact(cells: _Cells, record: EmployeeRecord) -> None:
    if record.email:
        try:
            validate_email(record.email)
        except ValidationError:
            cells.error(
                "email", _("%(value)s is not a valid email address.") % {"value": record.email}
            )
    if record.phone and not PHONE_PATTERN.match(record.phone):
        cells.error(
            "telepon",
            _("telepon %(value)s may contain only digits, spaces, +, -, dots and brackets.")
            % {"value": record.phone},
        )
