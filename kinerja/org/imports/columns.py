"""The import file format: sheet kinds, their columns, and the accepted spellings of values.

Column headers are Indonesian identifiers that form the contract with the offices' spreadsheets,
so they are never translated; their descriptions are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kinerja.org.models import (
    GRADE_CHOICES,
    AssignmentKind,
    Employee,
    EmployeeStatus,
    Jenjang,
    Position,
    PositionKind,
    Unit,
    UnitKind,
)

UNIT = "unit"
POSITION = "jabatan"
EMPLOYEE = "pegawai"
SHEET_KINDS = (UNIT, POSITION, EMPLOYEE)
INSTRUCTIONS_SHEET = "petunjuk"
SHEET_LABELS = {UNIT: _("Units"), POSITION: _("Positions"), EMPLOYEE: _("Employees")}

# A row whose first cell starts with this is an example or a note and is skipped.
COMMENT_PREFIX = "#"


def _max(model, name: str) -> int:
    """The limit of a column is the model field's (one maximum per text)."""
    return model._meta.get_field(name).max_length


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    help: Promise
    max_length: int | None = None
    choices: tuple[str, ...] = ()


UNIT_COLUMNS = (
    Column("kode_unit", True, _("Unique code of the unit in the agency."), _max(Unit, "code")),
    Column("nama_unit", True, _("Full name of the unit."), _max(Unit, "name")),
    Column("singkatan", False, _("Short name."), _max(Unit, "short_name")),
    Column("jenis_unit", True, _("Kind of unit."), choices=tuple(UnitKind.values)),
    Column(
        "kode_unit_induk",
        False,
        _("Code of the parent unit (in this file or already in Kinerja); empty for a top unit."),
        _max(Unit, "code"),
    ),
)
POSITION_COLUMNS = (
    Column(
        "kode_jabatan",
        True,
        _("Unique code of the position in the agency."),
        _max(Position, "code"),
    ),
    Column("nama_jabatan", True, _("Name of the position."), _max(Position, "name")),
    Column("jenis_jabatan", True, _("Type of position."), choices=tuple(PositionKind.values)),
    Column(
        "jenjang",
        False,
        _("Level; required for fungsional positions and empty for all others."),
        choices=tuple(Jenjang.values),
    ),
    Column("kode_unit", True, _("Code of the unit the position belongs to."), _max(Unit, "code")),
    Column(
        "kode_jabatan_atasan",
        False,
        _("Code of the superior position; empty for the head of an OPD."),
        _max(Position, "code"),
    ),
    Column("kepala_unit", False, _("ya if the position heads its unit, else tidak."), 10),
)
EMPLOYEE_COLUMNS = (
    Column("nip", True, _("18-digit NIP; format the column as text."), _max(Employee, "nip")),
    Column("nama", True, _("Name without titles."), _max(Employee, "name")),
    Column(
        "gelar_depan",
        False,
        _("Titles before the name, such as dr."),
        _max(Employee, "front_title"),
    ),
    Column(
        "gelar_belakang",
        False,
        _("Titles after the name, such as S.Kom."),
        _max(Employee, "back_title"),
    ),
    Column("status", True, _("PNS or PPPK."), choices=tuple(v.upper() for v in EmployeeStatus)),
    Column(
        "golongan",
        True,
        _("Rank: I/a to IV/e for PNS, I to XVII for PPPK."),
        _max(Employee, "grade"),
    ),
    Column("kode_jabatan", False, _("Code of the position held."), _max(Position, "code")),
    Column(
        "tmt_jabatan",
        False,
        _("Start date in the position: dd-mm-yyyy, yyyy-mm-dd or an Excel date."),
    ),
    Column(
        "jenis_penugasan",
        False,
        _("definitif (default), plt or plh."),
        choices=("definitif", "plt", "plh"),
    ),
    Column("email", False, _("Work email address."), _max(Employee, "email")),
    Column("telepon", False, _("Phone number."), _max(Employee, "phone")),
)
COLUMNS = {UNIT: UNIT_COLUMNS, POSITION: POSITION_COLUMNS, EMPLOYEE: EMPLOYEE_COLUMNS}
COLUMN_NAMES = {kind: tuple(c.name for c in columns) for kind, columns in COLUMNS.items()}
# The column that tells a CSV file's kind when the user did not choose one.
SIGNATURE_COLUMN = {UNIT: "nama_unit", POSITION: "nama_jabatan", EMPLOYEE: "nip"}


def normalise_header(value) -> str:
    text = "" if value is None else str(value)
    return re.sub(r"[\s\-]+", "_", text.replace("\ufeff", "").strip().lower())


def _loose(value: str) -> str:
    """Lower case without spaces, dots, dashes and underscores: 'JPT Pratama' -> 'jptpratama'."""
    return re.sub(r"[\s_\-.]", "", value.lower())


def _lookup(values) -> dict[str, str]:
    return {_loose(v): v for v in values}


UNIT_KINDS = _lookup(UnitKind.values)
POSITION_KINDS = _lookup(PositionKind.values)
JENJANG = _lookup(Jenjang.values)
STATUSES = _lookup(EmployeeStatus.values)
GRADES = {code.lower(): code for code, _label in GRADE_CHOICES}
ASSIGNMENT_KINDS = {
    "definitif": AssignmentKind.DEFINITIVE,
    "definitive": AssignmentKind.DEFINITIVE,
    "plt": AssignmentKind.PLT,
    "plh": AssignmentKind.PLH,
}
ASSIGNMENT_KIND_LABELS = {
    AssignmentKind.DEFINITIVE: "definitif",
    AssignmentKind.PLT: "plt",
    AssignmentKind.PLH: "plh",
}
YES = {"ya", "y", "yes", "true", "1", "benar"}
NO = {"tidak", "t", "no", "n", "false", "0", "bukan"}


def match_choice(value: str, lookup: dict[str, str]) -> str | None:
    return lookup.get(_loose(value))


def match_grade(value: str) -> str | None:
    return GRADES.get(re.sub(r"\s", "", value).lower())


def match_assignment_kind(value: str) -> str | None:
    return ASSIGNMENT_KINDS.get(_loose(value))
