"""Pure rules of public consultation forums (forum konsultasi publik).

A public service unit consults the public on its services (UU 25/2009 Ps 39 on the public's
participation; PermenPANRB 16/2017 on the forum konsultasi publik) and makes commitments there.
These functions say where a commitment stands on a day and how well a unit keeps its
commitments. No Django and no database: the callers pass plain values.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

# Commitment statuses (what the unit records).
PLANNED = "planned"
IN_PROGRESS = "in_progress"
DONE = "done"
DROPPED = "dropped"
OPEN_STATUSES = frozenset({PLANNED, IN_PROGRESS})

# A commitment's state on a day (what follows from its dates).
ON_TIME = "on_time"  # open, due later than DUE_SOON_DAYS from the day
DUE_SOON = "due_soon"  # open, due within DUE_SOON_DAYS (the due day itself included)
OVERDUE = "overdue"  # open, the due day has passed
DONE_ON_TIME = "done_on_time"  # done on or before the due day
DONE_LATE = "done_late"  # done after the due day
WITHDRAWN = "dropped"  # dropped, with its reason

DUE_SOON_DAYS = 14
ATTENTION = frozenset({OVERDUE, DUE_SOON})


def commitment_state(
    *, due: datetime.date, done_on: datetime.date | None, dropped: bool, today: datetime.date
) -> str:
    """Where a commitment stands on `today`.

    The due day is still on time (due soon): a commitment is overdue from the day after it. A
    commitment done on its due day is done on time."""
    if dropped:
        return WITHDRAWN
    if done_on is not None:
        return DONE_ON_TIME if done_on <= due else DONE_LATE
    if today > due:
        return OVERDUE
    if (due - today).days <= DUE_SOON_DAYS:
        return DUE_SOON
    return ON_TIME


def days_left(today: datetime.date, due: datetime.date) -> int:
    """Calendar days until the due day (0 on the day, negative once overdue)."""
    return (due - today).days


@dataclass(frozen=True)
class OnTimeShare:
    """The unit's figure "commitments due in a period that were done on time", with the counts
    behind it.

    - due: commitments whose due day falls in the period and is over (before the day of
      counting), not dropped: the denominator. On its due day a commitment may still be done
      on time, so it counts from the day after;
    - done_on_time: of those, done on or before their due day: the numerator;
    - done_late and open_overdue: the rest of the denominator;
    - dropped: commitments due in the period that were dropped with a reason: left out of the
      figure (the promise was withdrawn in public, with its reason) but reported beside it;
    - not_yet_due: due in the period on or after the day of counting: left out until their due
      day is over (even when done early, so that the figure does not depend on the timing).

    `share` is the exact fraction, None when nothing was due: no figure, neither 0 nor 100.
    """

    due: int
    done_on_time: int
    done_late: int
    open_overdue: int
    dropped: int
    not_yet_due: int

    @property
    def share(self) -> Fraction | None:
        return on_time_share(self.done_on_time, self.due)

    @property
    def percent(self) -> Decimal | None:
        """The share in percent, rounded half up to two decimals (for display)."""
        share = self.share
        if share is None:
            return None
        value = Decimal(share.numerator * 100) / Decimal(share.denominator)
        return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def on_time_share(done_on_time: int, due: int) -> Fraction | None:
    """done_on_time / due exactly; None when nothing was due."""
    if due < 0 or done_on_time < 0 or done_on_time > due:
        raise ValueError("counts out of range")
    if due == 0:
        return None
    return Fraction(done_on_time, due)


def counting_end(end: datetime.date, today: datetime.date) -> datetime.date:
    """The last due day that counts: the period's end, or the day before the day of counting
    if earlier."""
    return min(end, today - datetime.timedelta(days=1))


def tally(
    commitments: Iterable[tuple[datetime.date, datetime.date | None, bool]],
    *,
    start: datetime.date,
    end: datetime.date,
    today: datetime.date,
) -> OnTimeShare:
    """The figure from (due, done_on, dropped) of each commitment: the reference the database
    aggregate of the selectors must agree with."""
    last = counting_end(end, today)
    counts = dict.fromkeys(
        ("due", "done_on_time", "done_late", "open_overdue", "dropped", "not_yet_due"), 0
    )
    for due, done_on, dropped in commitments:
        if not start <= due <= end:
            continue
        if dropped:
            counts["dropped"] += 1
            continue
        if due > last:
            counts["not_yet_due"] += 1
            continue
        counts["due"] += 1
        if done_on is None:
            counts["open_overdue"] += 1
        elif done_on <= due:
            counts["done_on_time"] += 1
        else:
            counts["done_late"] += 1
    return OnTimeShare(**counts)
