"""Pure rules of complaint handling (pengaduan; domain.md 4.1): the categories and their
service-level deadlines in working days, the channels, the life of a case, and the figures a
unit is judged on.

No Django and no database here. Days off are plain dates loaded by the caller, as for every
deadline counted in working days (`kinerja.core.calendar`).
"""

from __future__ import annotations

import datetime
import secrets
import statistics
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction

from kinerja.core.calendar import add_working_days, working_days_between


class Category(StrEnum):
    """How much handling a complaint needs, which sets its deadline (SP4N-LAPOR! practice)."""

    RINGAN = "ringan"  # light: answered from what the unit knows
    NORMATIF = "normatif"  # a question of the rules that apply
    TIDAK_BERKADAR_PENGAWASAN = "tidak_berkadar_pengawasan"  # needs no supervisory inquiry
    BERKADAR_PENGAWASAN = "berkadar_pengawasan"  # needs supervision or an investigation


# Working days to settle a complaint of each category, counted from the day after it was
# received (domain.md 4.1: 2, 5, 14 and 60; UU 25/2009 and Perpres 76/2013 give 60 at most).
# An agency may set its own (`deadline_days`), never above the legal 60.
DEFAULT_DEADLINE_DAYS: Mapping[Category, int] = {
    Category.RINGAN: 2,
    Category.NORMATIF: 5,
    Category.TIDAK_BERKADAR_PENGAWASAN: 14,
    Category.BERKADAR_PENGAWASAN: 60,
}
LEGAL_MAXIMUM_DAYS = 60


class Channel(StrEnum):
    """Where a complaint came in."""

    PORTAL = "portal"  # Kinerja's public form
    LAPOR = "lapor"  # SP4N-LAPOR!
    MEDIA_SOSIAL = "media_sosial"  # social media (the post's link is kept)
    SMS_WHATSAPP = "sms_whatsapp"
    SURAT = "surat"  # letter
    LANGSUNG = "langsung"  # in person at the counter


class Status(StrEnum):
    RECEIVED = "received"  # filed, not yet with a unit
    ROUTED = "routed"  # with the unit that answers it
    IN_PROGRESS = "in_progress"
    ANSWERED = "answered"  # the public response is given
    REOPENED = "reopened"  # the citizen was not satisfied
    CLOSED = "closed"


# Which status may follow which. A case is settled when it is answered; reopening puts it back
# with the unit, which has the category's days again from the day the citizen reopened it.
MOVES: Mapping[Status, frozenset[Status]] = {
    Status.RECEIVED: frozenset({Status.ROUTED, Status.IN_PROGRESS, Status.ANSWERED}),
    Status.ROUTED: frozenset({Status.ROUTED, Status.IN_PROGRESS, Status.ANSWERED}),
    Status.IN_PROGRESS: frozenset({Status.ROUTED, Status.ANSWERED}),
    Status.ANSWERED: frozenset({Status.REOPENED, Status.CLOSED}),
    Status.REOPENED: frozenset({Status.ROUTED, Status.IN_PROGRESS, Status.ANSWERED}),
    Status.CLOSED: frozenset(),
}

OPEN_STATUSES = frozenset({Status.RECEIVED, Status.ROUTED, Status.IN_PROGRESS, Status.REOPENED})


def can_move(current: Status, new: Status) -> bool:
    return new in MOVES[current]


# The citizen may reopen an answered case within this many calendar days of the response.
REOPEN_WINDOW_DAYS = 14
# Open cases are reminded from this many working days before their last day.
REMINDER_DAYS_BEFORE = 1


def may_reopen(today: datetime.date, answered_on: datetime.date | None) -> bool:
    """An answered case may be reopened until REOPEN_WINDOW_DAYS after the response."""
    return answered_on is not None and today <= answered_on + datetime.timedelta(
        days=REOPEN_WINDOW_DAYS
    )


# --- the public tracking code ---------------------------------------------------------------

# Letters and digits without those that are easily confused (0/O, 1/I/L, 5/S, 2/Z, 8/B, U/V).
CODE_ALPHABET = "34679ACDEFGHJKMNPQRTWXY"
CODE_LENGTH = 10  # 23**10, about 4e13 codes: guessing one is hopeless within the rate limits


def new_tracking_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(typed: str) -> str:
    """The code as typed, upper case, without spaces, dashes or other separators."""
    return "".join(ch for ch in str(typed or "").upper() if ch.isalnum())


def is_well_formed_code(code: str) -> bool:
    return len(code) == CODE_LENGTH and all(ch in CODE_ALPHABET for ch in code)


def deadline_days(category: Category, setting: Mapping[str, int] | None = None) -> int:
    """The working days a category has: the agency's own figure where it set one, else the
    default."""
    days = (setting or {}).get(str(category), DEFAULT_DEADLINE_DAYS[category])
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= LEGAL_MAXIMUM_DAYS:
        raise ValueError(f"a deadline is 1 to {LEGAL_MAXIMUM_DAYS} working days, not {days!r}")
    return days


def due_on(
    received_on: datetime.date, days: int, days_off: Collection[datetime.date] = ()
) -> datetime.date:
    """The last day to settle a complaint received on `received_on`: `days` working days
    later, the day of receipt not counted (one received on a Friday with 2 days is due on
    Tuesday)."""
    return add_working_days(received_on, days, days_off)


def is_overdue(today: datetime.date, due: datetime.date, answered_on: datetime.date | None) -> bool:
    """Still unanswered after its last day. The last day itself is still on time."""
    return answered_on is None and today > due


def answered_on_time(due: datetime.date, answered_on: datetime.date | None) -> bool:
    return answered_on is not None and answered_on <= due


def reminder_due(
    today: datetime.date,
    due: datetime.date,
    days_before: int,
    days_off: Collection[datetime.date] = (),
) -> bool:
    """Whether an open case is within `days_before` working days of its last day (or past it):
    the unit is reminded from then on."""
    return today >= add_working_days(due, -days_before, days_off)


# --- the figures of a unit ------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """What the figures need of one complaint."""

    channel: Channel
    received_on: datetime.date
    due: datetime.date
    answered_on: datetime.date | None = None
    category: Category | None = None


@dataclass(frozen=True)
class Figures:
    received: int
    answered: int
    answered_on_time: int
    overdue: int  # still open after their last day
    median_working_days: float | None  # from receipt to the answer, over the answered
    by_channel: Mapping[Channel, int]
    by_category: Mapping[Category, int] = field(default_factory=dict)

    @property
    def on_time_share(self) -> Fraction | None:
        """Answered on time among the cases that had to be settled by now: those answered and
        those overdue. None while no case has come due (never a silent 0 or 100 %)."""
        due = self.answered + self.overdue
        return Fraction(self.answered_on_time, due) if due else None


def figures(
    cases: Iterable[Case], today: datetime.date, days_off: Collection[datetime.date] = ()
) -> Figures:
    """Received, answered, answered on time, overdue, the median time to answer in working
    days (the day of receipt not counted) and the count by channel."""
    cases = list(cases)
    answered = [case for case in cases if case.answered_on is not None]
    durations = [
        working_days_between(
            case.received_on + datetime.timedelta(days=1), case.answered_on, days_off
        )
        for case in answered
    ]
    return Figures(
        received=len(cases),
        answered=len(answered),
        answered_on_time=sum(
            1 for case in answered if answered_on_time(case.due, case.answered_on)
        ),
        overdue=sum(1 for case in cases if is_overdue(today, case.due, case.answered_on)),
        median_working_days=statistics.median(durations) if durations else None,
        by_channel=dict(Counter(case.channel for case in cases)),
        by_category=dict(Counter(case.category for case in cases if case.category is not None)),
    )
