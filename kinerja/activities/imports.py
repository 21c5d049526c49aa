"""Reading attendance and leave files: every row checked, every problem reported, nothing
written here (the services apply a file only when it has no error at all).

Attendance files come from fingerprint or face-recognition machines, whose columns differ: the
agency saves once which column holds the NIP, the date and the times (`AttendanceSetting`).
Leave files have fixed columns: ``nip``, ``jenis``, ``mulai``, ``selesai``.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from kinerja.activities import rules
from kinerja.activities.models import AttendanceSetting, CutiKind
from kinerja.org.imports.reader import CSV, FileFormatError, decode_csv, sniff_format

MAX_ROWS = 2_000_000  # a month of a province's machines, one row per employee and day
MAX_ERRORS = 10_000
LEAVE_COLUMNS = ("nip", "jenis", "mulai", "selesai")


def normalise(name) -> str:
    return str(name or "").strip().lower().replace(" ", "_")


def row_error(row: int | None, column: str, message: str) -> dict:
    return {"row": row, "column": column, "message": str(message)}


@dataclass
class Parsed:
    errors: list[dict] = field(default_factory=list)
    row_count: int = 0
    # attendance: (nip, date) -> [scans]; leave: list of (row, nip, kind, start, end)
    scans: dict = field(default_factory=dict)
    leaves: list = field(default_factory=list)

    def add_error(self, row, column, message) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(row_error(row, column, message))


def _table(data: bytes, filename: str) -> tuple[list[str], Iterator[tuple[int, list]]]:
    """The normalised header of the file's first sheet and its rows as (row number, values),
    blank rows skipped; row 1 is the header. Values stay lists: a province's month is over a
    million rows, and a dict per row was most of the parsing time."""
    file_format = sniff_format(data, filename)
    if file_format == CSV:
        text = decode_csv(data)
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t") if text else csv.excel
        rows = iter(csv.reader(io.StringIO(text), dialect))
    else:
        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds of errors on a damaged file
            raise FileFormatError(_("The Excel workbook is damaged and cannot be read.")) from error
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()
        rows = sheet.iter_rows(values_only=True)
    header = [normalise(cell) for cell in next(rows, [])]

    def numbered() -> Iterator[tuple[int, list]]:
        for number, values in enumerate(rows, start=2):
            if not any(value is not None and value != "" for value in values):
                continue
            if number - 1 > MAX_ROWS:
                raise FileFormatError(_("The file has too many rows; split it into several files."))
            yield number, values

    return header, numbered()


def _rows(data: bytes, filename: str) -> Iterator[tuple[int, dict]]:
    """(row number, {normalised header: value}) of the file's first sheet."""
    header, rows = _table(data, filename)
    for number, values in rows:
        yield number, dict(zip(header, values, strict=False))


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value if value is not None else "").strip()


def parse_date(value, date_format: str) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.datetime.strptime(_text(value), date_format).date()


def parse_time(value, time_format: str) -> datetime.time:
    if isinstance(value, datetime.datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, datetime.time):
        return value.replace(second=0, microsecond=0)
    text = _text(value)
    for candidate in (time_format, "%H:%M:%S", "%H:%M", "%H.%M"):
        try:
            return datetime.datetime.strptime(text, candidate).time().replace(second=0)
        except ValueError:
            continue
    raise ValueError(text)


def parse_stamp(value, setting: AttendanceSetting) -> datetime.datetime:
    if isinstance(value, datetime.datetime):
        return value.replace(second=0, microsecond=0)
    text = _text(value)
    date_text, _sep, time_text = text.partition(" ")
    return datetime.datetime.combine(
        parse_date(date_text, setting.date_format), parse_time(time_text, setting.time_format)
    )


def _missing_columns(parsed: Parsed, header: set[str], wanted: list[str]) -> bool:
    missing = [column for column in wanted if column and normalise(column) not in header]
    for column in missing:
        parsed.add_error(
            1, column, _("The file has no column named “%(name)s”.") % {"name": column}
        )
    return bool(missing)


class _Memo(dict):
    """A machine's export repeats the same few dates and times on every row: each text is
    parsed once (a month of a province is over a million rows)."""

    def __init__(self, parse, text_format: str):
        super().__init__()
        self.parse, self.format = parse, text_format

    def __call__(self, value):
        if not isinstance(value, str):
            return self.parse(value, self.format)
        found = self.get(value)
        if found is None:
            found = self[value] = self.parse(value, self.format)
        return found


def _column_reader(header: list[str], column: str):
    """A function giving a row's value in `column` (None past the row's end)."""
    index = header.index(column)
    return lambda values: values[index] if index < len(values) else None


def parse_attendance(data: bytes, filename: str, setting: AttendanceSetting) -> Parsed:
    """Scans by (NIP, date): each a list of times (arrival and departure, or every scan)."""
    parsed = Parsed()
    read_date = _Memo(parse_date, setting.date_format)
    read_time = _Memo(parse_time, setting.time_format)
    id_col = normalise(setting.id_column)
    stamp_col = normalise(setting.timestamp_column)
    day_columns = (setting.date_column, setting.time_in_column, setting.time_out_column)
    wanted = [id_col, stamp_col] if stamp_col else [id_col, *map(normalise, day_columns)]
    scans = parsed.scans
    try:
        header, rows = _table(data, filename)
        if _missing_columns(parsed, set(header), wanted):
            return parsed
        readers = [_column_reader(header, column) for column in wanted]
        read_nip = readers[0]
        for number, values in rows:
            parsed.row_count += 1
            nip = _text(read_nip(values)).replace(" ", "")
            if not nip:
                parsed.add_error(number, setting.id_column, _("The NIP is missing."))
                continue
            if stamp_col:
                try:
                    stamp = parse_stamp(readers[1](values), setting)
                except ValueError:
                    parsed.add_error(
                        number, setting.timestamp_column, _("This is not a date and time.")
                    )
                    continue
                scans.setdefault((nip, stamp.date()), []).append(stamp.time())
                continue
            try:
                day = read_date(readers[1](values))
            except ValueError:
                parsed.add_error(
                    number,
                    setting.date_column,
                    _("This is not a date in the format %(format)s.")
                    % {"format": setting.date_format},
                )
                continue
            times = _arrival_and_departure_of(
                parsed, number, setting, read_time, readers[2](values), readers[3](values)
            )
            if times is None:
                continue
            found = scans.get((nip, day))
            if found is None:
                scans[(nip, day)] = [t for t in times if t]
            else:
                found.extend(t for t in times if t)
    except FileFormatError as error:
        parsed.add_error(None, "", str(error))
    if not parsed.errors and not parsed.row_count:
        parsed.add_error(None, "", _("The file has no data rows below the header."))
    return parsed


def _arrival_and_departure_of(parsed, number, setting, read_time, raw_in, raw_out):
    """The row's two times (None where the cell is empty), or None when a cell is not a time
    or the departure comes before the arrival (the error is added)."""
    times, readable = [], True
    for column, raw in ((setting.time_in_column, raw_in), (setting.time_out_column, raw_out)):
        if raw is None or raw == "" or (isinstance(raw, str) and not raw.strip()):
            times.append(None)
            continue
        try:
            times.append(read_time(raw))
        except ValueError:
            parsed.add_error(number, column, _("This is not a time (07:30)."))
            readable = False
    if not readable:
        return None
    if times[0] and times[1] and times[1] < times[0]:
        parsed.add_error(number, setting.time_out_column, _("The departure is before the arrival."))
        return None
    return times


def _kind_of(text: str) -> str | None:
    wanted = normalise(text)
    for value, label in CutiKind.choices:
        if wanted in (value, normalise(label), normalise(str(label).split(" (")[0])):
            return value
    for value, _label in CutiKind.choices:
        if wanted == normalise(f"cuti_{value}"):
            return value
    return None


def parse_leave(data: bytes, filename: str) -> Parsed:
    parsed = Parsed()
    checked = False
    try:
        for number, values in _rows(data, filename):
            if not checked:
                if _missing_columns(parsed, set(values), list(LEAVE_COLUMNS)):
                    return parsed
                checked = True
            parsed.row_count += 1
            nip = _text(values.get("nip")).replace(" ", "")
            if not nip:
                parsed.add_error(number, "nip", _("The NIP is missing."))
            kind = _kind_of(_text(values.get("jenis")))
            if kind is None:
                parsed.add_error(
                    number,
                    "jenis",
                    _("Unknown kind of leave; use one of: %(kinds)s.")
                    % {"kinds": ", ".join(CutiKind.values)},
                )
            dates = []
            for column in ("mulai", "selesai"):
                try:
                    dates.append(parse_date(values.get(column), "%Y-%m-%d"))
                except ValueError:
                    parsed.add_error(number, column, _("This is not a date (2026-03-31)."))
            if len(dates) == 2 and dates[1] < dates[0]:
                parsed.add_error(number, "selesai", _("The leave ends before it starts."))
                continue
            if nip and kind and len(dates) == 2:
                parsed.leaves.append((number, nip, kind, dates[0], dates[1]))
    except FileFormatError as error:
        parsed.add_error(None, "", str(error))
    if not parsed.errors and not parsed.row_count:
        parsed.add_error(None, "", _("The file has no data rows below the header."))
    return parsed


def arrival_and_departure(scans: list) -> tuple[datetime.time, datetime.time | None]:
    return rules.first_and_last(scans)
