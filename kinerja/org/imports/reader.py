"""Reading an uploaded file into sheets of raw rows, and checking that it is what it claims to be.

An .xlsx workbook holds the sheets `unit`, `jabatan` and `pegawai` (any of them); a CSV file holds
one kind, chosen by the user or recognised from its header. Row 1 is the header; rows are numbered
as the spreadsheet numbers them so that the error report points at the right line.

A workbook is a zip of XML files. Its directory says how large each file is once unpacked, and
Python's zipfile never unpacks more than that, so the sizes are checked there, before anything is
parsed: a file that unpacks beyond IMPORT_MAX_UNPACKED_BYTES, or that is compressed far more
than XML can be (a "zip bomb"), is refused. Sheets are then read as a stream (openpyxl's
read-only mode), and reading stops at IMPORT_MAX_ROWS data rows.
"""

from __future__ import annotations

import csv
import io
import logging
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from kinerja.core.spreadsheets import csv_unescape
from kinerja.org.imports.columns import (
    COLUMN_NAMES,
    COMMENT_PREFIX,
    INSTRUCTIONS_SHEET,
    SHEET_KINDS,
    SIGNATURE_COLUMN,
    normalise_header,
)
from kinerja.org.imports.errors import file_error, row_error

logger = logging.getLogger(__name__)

XLSX = "xlsx"
CSV = "csv"
FORMATS = (XLSX, CSV)
XLSX_MAIN_CONTENT_TYPE = (
    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
)
# Spreadsheet XML packs about 5 to 30 times; a member packed far more is a "zip bomb". Small
# members (styles, an empty sheet) may pack more without harm, so only large ones are checked.
MAX_COMPRESSION_RATIO = 200
RATIO_CHECKED_FROM = 1024 * 1024


class FileFormatError(ValueError):
    """The upload is not a readable .xlsx or CSV file; the message is for the user."""


class TooManyRowsError(FileFormatError):
    """The file has more data rows than one import may take."""

    def __init__(self):
        super().__init__(
            _(
                "The file has more than %(max)s data rows, the most one import can take; split "
                "it into several files."
            )
            % {"max": number_format(settings.IMPORT_MAX_ROWS, force_grouping=True)}
        )


@dataclass
class Row:
    number: int
    values: dict[str, object]


@dataclass
class Sheet:
    kind: str
    rows: list[Row] = field(default_factory=list)


@dataclass
class ReadResult:
    sheets: dict[str, Sheet] = field(default_factory=dict)
    errors: list[dict] = field(default_factory=list)

    @property
    def row_count(self) -> int:
        return sum(len(sheet.rows) for sheet in self.sheets.values())

    @property
    def is_readable(self) -> bool:
        """False after a file or header error, when the rows cannot be understood."""
        return not any(error["row"] in (None, 1) for error in self.errors)


# --- recognising the format --------------------------------------------------------------------


def extension_of(filename: str) -> str:
    name = filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def sniff_format(data: bytes, filename: str) -> str:
    """The file's format, checked by extension and by content; FileFormatError if neither fits."""
    extension = extension_of(filename)
    if extension not in FORMATS:
        raise FileFormatError(
            _("Only .xlsx and .csv files can be imported; %(name)s is neither.")
            % {"name": filename}
        )
    if not data:
        raise FileFormatError(_("The file is empty."))
    if extension == XLSX:
        _check_xlsx(data)
    else:
        decode_csv(data)
    return extension


def _check_xlsx(data: bytes) -> None:
    not_xlsx = _("The file is not an Excel workbook (.xlsx), although its name ends in .xlsx.")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise FileFormatError(not_xlsx)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            _check_unpacked_sizes(members)
            if "[Content_Types].xml" not in {member.filename for member in members}:
                raise FileFormatError(not_xlsx)
            if XLSX_MAIN_CONTENT_TYPE not in archive.read("[Content_Types].xml"):
                raise FileFormatError(not_xlsx)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError) as error:
        raise FileFormatError(not_xlsx) from error


def _check_unpacked_sizes(members: list[zipfile.ZipInfo]) -> None:
    """Refuse, from the zip's directory alone, a workbook too large or too packed to read."""
    total = sum(member.file_size for member in members)
    if total > settings.IMPORT_MAX_UNPACKED_BYTES:
        raise FileFormatError(
            _(
                "The workbook unpacks to %(size)s; workbooks up to %(max)s once unpacked can be "
                "imported. Split it into several files."
            )
            % {
                "size": filesizeformat(total),
                "max": filesizeformat(settings.IMPORT_MAX_UNPACKED_BYTES),
            }
        )
    for member in members:
        packed = max(member.compress_size, 1)
        if (
            member.file_size >= RATIO_CHECKED_FROM
            and member.file_size > packed * MAX_COMPRESSION_RATIO
        ):
            raise FileFormatError(
                _(
                    "The workbook is packed far more than a spreadsheet can be (a “zip bomb”); "
                    "it is not read."
                )
            )


def unpacked_size(data: bytes, file_format: str) -> int:
    """The bytes a reader goes through: the CSV text, or the workbook's files once unpacked
    (from the zip's directory, without unpacking)."""
    if file_format == CSV:
        return len(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sum(member.file_size for member in archive.infolist())


def decode_csv(data: bytes) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileFormatError(
            _("The CSV file is not UTF-8 text; save it from the spreadsheet as “CSV UTF-8”.")
        ) from error
    if "\x00" in text:
        raise FileFormatError(_("The CSV file contains binary data, not text."))
    return text


def estimate_rows(data: bytes, file_format: str) -> int:
    """A cheap count of data rows before reading, to decide whether to work in the background.

    It counts the rows in the sheets' XML (the instructions sheet's too: it is an estimate)
    instead of trusting the dimension a workbook states, which any program (or person) may
    write wrong. Call it only on a file already checked, and small.
    """
    if file_format == CSV:
        return max(data.count(b"\n") - 1, 0) + (0 if data.endswith(b"\n") else 1)
    return _count_xml_rows(data)


def _count_xml_rows(data: bytes) -> int:
    """Rows of all worksheets, counted in their XML, for workbooks written without dimensions."""
    total = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            rows, tail = 0, b""
            with archive.open(name) as stream:
                while chunk := stream.read(1 << 20):
                    rows += (tail + chunk).count(b"<row ")
                    tail = chunk[-4:]
            total += max(rows - 1, 0)
    return total


# --- reading ----------------------------------------------------------------------------------


def read_file(data: bytes, filename: str, sheet_kind: str | None = None) -> ReadResult:
    try:
        file_format = sniff_format(data, filename)
    except FileFormatError as error:
        return ReadResult(errors=[file_error(str(error))])
    try:
        if file_format == XLSX:
            result = _read_xlsx(data, sheet_kind)
        else:
            result = _read_csv(decode_csv(data), sheet_kind)
    except TooManyRowsError as error:
        return ReadResult(errors=[file_error(str(error))])
    if not result.errors and not result.row_count:
        result.errors.append(file_error(_("The file has no data rows below the header.")))
    return result


def _open_workbook(data: bytes):
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds of errors on a damaged file
        logger.info("unreadable workbook: %s", error)
        raise FileFormatError(_("The Excel workbook is damaged and cannot be read.")) from error


def _read_xlsx(data: bytes, sheet_kind: str | None) -> ReadResult:
    result = ReadResult()
    try:
        workbook = _open_workbook(data)
    except FileFormatError as error:
        result.errors.append(file_error(str(error)))
        return result
    try:
        named = {ws.title.strip().lower(): ws for ws in workbook.worksheets}
        kinds = [kind for kind in SHEET_KINDS if kind in named]
        if kinds:
            for title, worksheet in named.items():
                if title not in SHEET_KINDS and title != INSTRUCTIONS_SHEET:
                    _reject_unknown_sheet(result, worksheet)
            for kind in kinds:
                _read_rows(result, kind, _worksheet_rows(named[kind]))
        elif len(workbook.worksheets) == 1:
            _read_rows(result, sheet_kind or None, _worksheet_rows(workbook.worksheets[0]))
        else:
            result.errors.append(
                file_error(
                    _("The workbook has no sheet named %(names)s; use the template.")
                    % {"names": ", ".join(SHEET_KINDS)}
                )
            )
    except TooManyRowsError:
        raise
    except Exception:  # a damaged sheet inside a valid zip; logged in case it is our fault
        logger.warning("unreadable worksheet", exc_info=True)
        result.errors.append(file_error(_("The Excel workbook is damaged and cannot be read.")))
    finally:
        workbook.close()
    return result


def _worksheet_rows(worksheet):
    # The stored dimension may be wrong (some programs write A1:A1); read every row instead.
    worksheet.reset_dimensions()
    return worksheet.iter_rows(values_only=True)


def _reject_unknown_sheet(result: ReadResult, worksheet) -> None:
    if any(_is_filled(value) for row in _worksheet_rows(worksheet) for value in row):
        result.errors.append(
            file_error(
                _(
                    "The sheet %(name)s is not one of %(names)s; move its rows to the right "
                    "sheet or delete it."
                )
                % {"name": worksheet.title, "names": ", ".join(SHEET_KINDS)}
            )
        )


def _read_csv(text: str, sheet_kind: str | None) -> ReadResult:
    result = ReadResult()
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    # A field Kinerja (or another careful program) wrote as '=… is read as it was typed.
    rows = (
        [csv_unescape(value) for value in row]
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    )
    try:
        _read_rows(result, sheet_kind or None, rows)
    except csv.Error as error:
        message = _("The CSV file cannot be read: %(error)s") % {"error": error}
        return ReadResult(errors=[file_error(message)])
    return result


def _is_filled(value) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _detect_kind(headers: list[str]) -> str | None:
    matches = [kind for kind, column in SIGNATURE_COLUMN.items() if column in headers]
    return matches[0] if len(matches) == 1 else None


def _read_rows(result: ReadResult, kind: str | None, rows) -> None:
    header_row = next(rows, None)
    headers = [normalise_header(value) for value in (header_row or ())]
    if not any(headers):
        result.errors.append(
            row_error(kind or "", 1, "", _("Row 1 must hold the column names of the template."))
        )
        return
    if kind is None:
        kind = _detect_kind(headers)
        if kind is None:
            result.errors.append(
                file_error(
                    _(
                        "The header does not show whether the file holds units, positions or "
                        "employees; choose the kind when uploading or use the template's header."
                    )
                )
            )
            return
    if not _check_header(result, kind, headers):
        return
    sheet = Sheet(kind)
    positions = [(index, name) for index, name in enumerate(headers) if name]
    named = {index for index, _name in positions}
    room = settings.IMPORT_MAX_ROWS - result.row_count
    for number, values in enumerate(rows, start=2):
        if not values or not any(_is_filled(value) for value in values):
            continue
        first = values[0]
        if isinstance(first, str) and first.strip().startswith(COMMENT_PREFIX):
            continue
        if len(sheet.rows) >= room:
            raise TooManyRowsError
        width = len(values)
        stray = next((i for i in range(width) if i not in named and _is_filled(values[i])), None)
        if stray is not None:
            # Usually a separator inside an unquoted CSV value, which shifts every later cell.
            result.errors.append(
                row_error(
                    kind,
                    number,
                    "",
                    _(
                        "The row has a value in column %(column)s, which has no name in the "
                        "header row (%(value)s)."
                    )
                    % {"column": get_column_letter(stray + 1), "value": values[stray]},
                )
            )
        sheet.rows.append(
            Row(
                number,
                {name: values[index] if index < width else None for index, name in positions},
            )
        )
    result.sheets[kind] = sheet


def _check_header(result: ReadResult, kind: str, headers: list[str]) -> bool:
    expected = COLUMN_NAMES[kind]
    errors = []
    seen: set[str] = set()
    for name in headers:
        if not name:
            continue
        if name in seen:
            errors.append(
                row_error(
                    kind, 1, name, _("The column %(column)s appears twice.") % {"column": name}
                )
            )
        elif name not in expected:
            errors.append(
                row_error(
                    kind,
                    1,
                    name,
                    _(
                        "Unknown column %(column)s; the %(sheet)s sheet has the columns "
                        "%(expected)s."
                    )
                    % {"column": name, "sheet": kind, "expected": ", ".join(expected)},
                )
            )
        seen.add(name)
    for name in expected:
        if name not in seen:
            errors.append(
                row_error(
                    kind,
                    1,
                    name,
                    _("The column %(column)s is missing from the header row.") % {"column": name},
                )
            )
    result.errors.extend(errors)
    return not errors
