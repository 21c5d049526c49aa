"""Pure rules of the organisation domain: no Django, no database.

NIP (Nomor Induk Pegawai), 18 digits (PP 11/2017 jo. Peraturan BKN on NIP; domain.md glossary):
  digits 1-8   birth date, YYYYMMDD
  digits 9-14  appointment (TMT CPNS/PPPK) year and month, YYYYMM
  digit 15     sex: 1 male, 2 female
  digits 16-18 serial number, 001-999
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum

from kinerja.core.nip import normalise_nip  # noqa: F401 (part of the NIP rules)

MIN_APPOINTMENT_AGE_YEARS = 17
EARLIEST_BIRTH_YEAR = 1930


class NipProblem(StrEnum):
    FORMAT = "format"
    BIRTH_DATE = "birth_date"
    APPOINTMENT = "appointment"
    APPOINTMENT_TOO_EARLY = "appointment_too_early"
    APPOINTMENT_IN_FUTURE = "appointment_in_future"
    SEX = "sex"
    SERIAL = "serial"


@dataclass(frozen=True)
class NipParts:
    birth_date: datetime.date
    appointment_year: int
    appointment_month: int
    sex: str  # "L" (laki-laki) or "P" (perempuan)
    serial: int

    @property
    def appointment_date(self) -> datetime.date:
        return datetime.date(self.appointment_year, self.appointment_month, 1)


def nip_problems(nip: str, *, today: datetime.date | None = None) -> list[NipProblem]:
    """Every problem of a NIP, empty when it is valid."""
    today = today or datetime.date.today()
    if len(nip) != 18 or not nip.isascii() or not nip.isdigit():
        return [NipProblem.FORMAT]
    problems: list[NipProblem] = []
    birth = _parse_date(nip[0:8])
    if birth is None or birth.year < EARLIEST_BIRTH_YEAR or birth > today:
        problems.append(NipProblem.BIRTH_DATE)
    year, month = int(nip[8:12]), int(nip[12:14])
    if not (1 <= month <= 12) or year < EARLIEST_BIRTH_YEAR:
        problems.append(NipProblem.APPOINTMENT)
    else:
        if (year, month) > (today.year, today.month):
            problems.append(NipProblem.APPOINTMENT_IN_FUTURE)
        if birth is not None and _months_between(birth, year, month) < (
            MIN_APPOINTMENT_AGE_YEARS * 12
        ):
            problems.append(NipProblem.APPOINTMENT_TOO_EARLY)
    if nip[14] not in "12":
        problems.append(NipProblem.SEX)
    if nip[15:18] == "000":
        problems.append(NipProblem.SERIAL)
    return problems


def parse_nip(nip: str, *, today: datetime.date | None = None) -> NipParts:
    problems = nip_problems(nip, today=today)
    if problems:
        raise ValueError(f"invalid NIP: {', '.join(problems)}")
    return NipParts(
        birth_date=_parse_date(nip[0:8]),  # type: ignore[arg-type]
        appointment_year=int(nip[8:12]),
        appointment_month=int(nip[12:14]),
        sex="L" if nip[14] == "1" else "P",
        serial=int(nip[15:18]),
    )


def compose_nip(
    birth_date: datetime.date, appointment_year: int, appointment_month: int, sex: str, serial: int
) -> str:
    return (
        f"{birth_date:%Y%m%d}{appointment_year:04d}{appointment_month:02d}"
        f"{'1' if sex == 'L' else '2'}{serial:03d}"
    )


def _parse_date(text: str) -> datetime.date | None:
    try:
        return datetime.date(int(text[0:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


def _months_between(birth: datetime.date, year: int, month: int) -> int:
    return (year - birth.year) * 12 + (month - birth.month)


def display_name(name: str, front_title: str = "", back_title: str = "") -> str:
    """The name as Indonesian offices print it: 'dr. Siti Aminah, M.Kes.'."""
    text = f"{front_title.strip()} {name.strip()}".strip()
    if back_title.strip():
        text = f"{text}, {back_title.strip()}"
    return text


def mask_nip(nip: str) -> str:
    """What a page may show where the full NIP is not needed."""
    if len(nip) != 18:
        return "*" * len(nip)
    return f"{nip[:4]}{'*' * 12}{nip[-2:]}"
