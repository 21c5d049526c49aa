"""Pure attendance and discipline rules: no Django, no database.

- Sanctions for absence without a valid reason: PP 94/2021 on civil servants' discipline,
  Pasal 8-11 (kinds of sanction) and Pasal 15 (the table of days): the days are *working*
  days, counted cumulatively within one calendar year; 10 consecutive working days stop the
  salary from the following month.
- Working hours: Perpres 21/2023 sets 37.5 hours a week for ASN; each agency fixes its start and
  end times, so lateness and early departure are measured against the agency's setting.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable
from dataclasses import dataclass


class Sanction:
    """The sanction levels of PP 94/2021 for unexcused absence, mildest first."""

    NONE = ""
    TEGURAN_LISAN = "teguran_lisan"
    TEGURAN_TERTULIS = "teguran_tertulis"
    PERNYATAAN_TIDAK_PUAS = "pernyataan_tidak_puas"
    TUKIN_6 = "tukin_6"
    TUKIN_9 = "tukin_9"
    TUKIN_12 = "tukin_12"
    DEMOSI = "demosi"
    PEMBEBASAN = "pembebasan"
    PENGHENTIAN_GAJI = "penghentian_gaji"
    PEMBERHENTIAN = "pemberhentian"

    ORDER = (
        NONE,
        TEGURAN_LISAN,
        TEGURAN_TERTULIS,
        PERNYATAAN_TIDAK_PUAS,
        TUKIN_6,
        TUKIN_9,
        TUKIN_12,
        DEMOSI,
        PEMBEBASAN,
        PENGHENTIAN_GAJI,
        PEMBERHENTIAN,
    )


# (from this many cumulative days, the level); PP 94/2021 Ps 15, domain notes 4.3.
CUMULATIVE_THRESHOLDS = (
    (28, Sanction.PEMBERHENTIAN),
    (25, Sanction.PEMBEBASAN),
    (21, Sanction.DEMOSI),
    (17, Sanction.TUKIN_12),
    (14, Sanction.TUKIN_9),
    (11, Sanction.TUKIN_6),
    (7, Sanction.PERNYATAAN_TIDAK_PUAS),
    (4, Sanction.TEGURAN_TERTULIS),
    (3, Sanction.TEGURAN_LISAN),
)
CONSECUTIVE_DAYS_STOPPING_SALARY = 10


class Authority:
    """Who decides a sanction (pejabat yang berwenang menghukum)."""

    SUPERIOR = "superior"  # the employee's direct superior, at least pengawas
    HEAD = "head"  # the nearest JPT above: the head of the perangkat daerah
    PPK = "ppk"  # the Pejabat Pembina Kepegawaian: the regional head


LIGHT = frozenset(
    {Sanction.TEGURAN_LISAN, Sanction.TEGURAN_TERTULIS, Sanction.PERNYATAAN_TIDAK_PUAS}
)
MEDIUM = frozenset({Sanction.TUKIN_6, Sanction.TUKIN_9, Sanction.TUKIN_12})


def deciding_authority(level: str, *, employee_is_jpt: bool = False) -> str:
    """The official who decides a proposed sanction, by its weight.

    PP 94/2021 Ps 16-23 give the authority by the sanction and the post: light sanctions
    (hukuman disiplin ringan) are decided by the superior in the line, medium ones (sedang) by
    the pejabat pimpinan tinggi pratama heading the perangkat daerah, heavy ones (berat), the
    stopped salary and dismissal by the Pejabat Pembina Kepegawaian, who also decides every
    sanction of a JPT. Kinerja names this official on the notice; the decision is theirs.
    """
    if employee_is_jpt or level not in LIGHT | MEDIUM:
        return Authority.PPK
    return Authority.SUPERIOR if level in LIGHT else Authority.HEAD


def severity(level: str) -> int:
    """The rank of a level: 0 for none, higher is heavier."""
    return Sanction.ORDER.index(level)


def absence_sanction(days_absent_cumulative: int, consecutive_days: int = 0) -> str:
    """The PP 94/2021 sanction level for a year's unexcused absence.

    ``days_absent_cumulative``: working days absent without a valid reason in the calendar year;
    ``consecutive_days``: the longest run of such days in a row (working days). Below 3 days
    there is no sanction; 10 consecutive working days stop the salary from the following month
    (PP 94/2021), which ranks below dismissal and above every other level.
    The heavier of the two applies.
    """
    if days_absent_cumulative < 0 or consecutive_days < 0:
        raise ValueError("days cannot be negative")
    level = Sanction.NONE
    for threshold, candidate in CUMULATIVE_THRESHOLDS:
        if days_absent_cumulative >= threshold:
            level = candidate
            break
    if consecutive_days >= CONSECUTIVE_DAYS_STOPPING_SALARY and severity(level) < severity(
        Sanction.PENGHENTIAN_GAJI
    ):
        level = Sanction.PENGHENTIAN_GAJI
    return level


# --- working hours ------------------------------------------------------------------------------


def _minutes(value: datetime.time) -> int:
    return value.hour * 60 + value.minute


def late_minutes(time_in: datetime.time | None, start: datetime.time, grace: int = 0) -> int:
    """Minutes after the start of the working day, when the arrival is after start + grace.

    Within the grace nothing is counted; past it the whole delay from ``start`` counts (the
    usual reading of agency rules on lateness, "terlambat masuk kerja").
    """
    if time_in is None:
        return 0
    delay = _minutes(time_in) - _minutes(start)
    return delay if delay > grace else 0


def early_minutes(time_out: datetime.time | None, end: datetime.time) -> int:
    """Minutes before the end of the working day at which the employee left (pulang cepat)."""
    if time_out is None:
        return 0
    return max(0, _minutes(end) - _minutes(time_out))


def first_and_last(stamps: Iterable[datetime.time]) -> tuple[datetime.time, datetime.time | None]:
    """A machine that logs every scan: the first scan of the day is the arrival and the last the
    departure; a single scan is an arrival without a departure."""
    ordered = sorted(stamps)
    if not ordered:
        raise ValueError("no scans")
    return ordered[0], (ordered[-1] if len(ordered) > 1 else None)


# --- absence ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Absence:
    days: int
    longest_run: int
    dates: tuple[datetime.date, ...] = ()


def unexplained_absence(
    working_days: Iterable[datetime.date],
    present: Collection[datetime.date],
    excused: Collection[datetime.date],
) -> Absence:
    """Working days with neither a presence nor a valid reason (leave, official duty), and the
    longest run of them in a row; runs count working days, so a weekend or a holiday between
    two absent days does not break the run (PP 94/2021 counts working days)."""
    absent = []
    run = longest = 0
    for day in sorted(working_days):
        if day in present or day in excused:
            run = 0
            continue
        absent.append(day)
        run += 1
        longest = max(longest, run)
    return Absence(days=len(absent), longest_run=longest, dates=tuple(absent))


def dates_between(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """Every date from start to end, both included."""
    return [start + datetime.timedelta(days=n) for n in range((end - start).days + 1)]


# --- daily activity log (laporan kegiatan harian) -----------------------------------------------
#
# The log is the agency's practice, not a regulation's form: PermenPANRB 6/2022 Ps 16 asks for the
# documentation of performance during the year and leaves the daily record to the agency. The
# checks below only warn the employee and flag the entry to the supervisor; nothing is refused.

SUBMITTED = "submitted"
VERIFIED = "verified"
RETURNED = "returned"
EDITABLE_STATUSES = frozenset({SUBMITTED, RETURNED})
# An entry is logged, and corrected, within a year of its day (the agency's practice): older
# entries are kept as they are.
EARLIEST_DAYS_BACK = 366


def correctable_since(today: datetime.date) -> datetime.date:
    """The first day whose entries may still be logged or corrected on `today`."""
    return today - datetime.timedelta(days=EARLIEST_DAYS_BACK)


# Perpres 21/2023: 37.5 working hours a week over five days, 450 minutes a day, used when the
# agency has not saved its working hours.
DEFAULT_DAY_MINUTES = 450
# Texts shorter than this (after normalising) are routine labels ("Apel pagi"), which many
# people write every day: their reuse says nothing.
COPY_MIN_CHARACTERS = 25

FLAG_LONG_DAY = "long_day"
FLAG_NON_WORKING_DAY = "non_working_day"
FLAG_ON_LEAVE = "on_leave"
FLAG_ABSENT = "absent"
FLAG_COPIED_DAYS = "copied_days"
FLAG_COPIED_PEOPLE = "copied_people"
FLAG_LATE_FILING = "late_filing"
FLAGS = (
    FLAG_LONG_DAY,
    FLAG_NON_WORKING_DAY,
    FLAG_ON_LEAVE,
    FLAG_ABSENT,
    FLAG_COPIED_DAYS,
    FLAG_COPIED_PEOPLE,
    FLAG_LATE_FILING,
)


def minutes_between(start: datetime.time, end: datetime.time) -> int:
    """Minutes from start to end on the same day; an end before the start is an error."""
    span = _minutes(end) - _minutes(start)
    if span <= 0:
        raise ValueError("the end is not after the start")
    return span


def working_day_minutes(start: datetime.time, end: datetime.time) -> int:
    """The length of the agency's working day from its hours (the setting of attendance)."""
    return max(0, _minutes(end) - _minutes(start))


def filing_delay(day: datetime.date, filed_on: datetime.date) -> int:
    """Calendar days between the activity and its filing; 0 for the same day (or a date ahead,
    which the services refuse anyway)."""
    return max(0, (filed_on - day).days)


def is_filed_late(delay_days: int, threshold_days: int) -> bool:
    """Filed later than the agency allows: the threshold day itself is still on time."""
    return delay_days > threshold_days


def is_long_day(total_minutes: int, day_minutes: int) -> bool:
    """More minutes logged on one day than the working day has."""
    return total_minutes > day_minutes


def is_copy_candidate(normalised: str) -> bool:
    """Only texts long enough to be an individual account are checked for copying."""
    return len(normalised) >= COPY_MIN_CHARACTERS


@dataclass(frozen=True)
class EntryFacts:
    """What the checks need of one entry and its surroundings, read by the caller."""

    date: datetime.date
    day_total_minutes: int
    day_minutes: int
    is_working_day: bool
    on_leave: bool
    absent: bool
    delay_days: int
    late_threshold_days: int
    copy_checked: bool = False
    same_text_on_other_days: bool = False
    same_text_by_other_people: bool = False


def entry_flags(facts: EntryFacts) -> tuple[str, ...]:
    """The flags of one entry, in the order of `FLAGS`.

    Copying across days looks only at the employee's own entries on *other* dates that were
    typed, not repeated with the "repeat yesterday" action: repeating a routine is legitimate,
    typing the same long text again on another day is what a supervisor wants to see. Copying
    across people looks at every entry of another employee of the agency with the same text.
    """
    flags = []
    if is_long_day(facts.day_total_minutes, facts.day_minutes):
        flags.append(FLAG_LONG_DAY)
    if not facts.is_working_day:
        flags.append(FLAG_NON_WORKING_DAY)
    if facts.on_leave:
        flags.append(FLAG_ON_LEAVE)
    elif facts.absent and facts.is_working_day:
        flags.append(FLAG_ABSENT)
    if facts.copy_checked and facts.same_text_on_other_days:
        flags.append(FLAG_COPIED_DAYS)
    if facts.copy_checked and facts.same_text_by_other_people:
        flags.append(FLAG_COPIED_PEOPLE)
    if is_filed_late(facts.delay_days, facts.late_threshold_days):
        flags.append(FLAG_LATE_FILING)
    return tuple(flags)
