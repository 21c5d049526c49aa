"""Pure working-day arithmetic: no Django, no database.

A working day is a Monday-to-Friday date that is not in ``days_off`` (national holidays,
collective leave and the agency's own days off, loaded by the caller as plain dates). Regional
governments in Indonesia work a five-day week (Perpres 21/2023 on working days and hours of ASN);
deadlines counted in "hari kerja" (PermenPANRB 6/2022, e.g. 14 working days to deliver an
evaluation) use this calendar.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection

WEEKEND = frozenset({5, 6})  # Saturday, Sunday (date.weekday())
_ONE_DAY = datetime.timedelta(days=1)


def is_working_day(day: datetime.date, days_off: Collection[datetime.date] = ()) -> bool:
    return day.weekday() not in WEEKEND and day not in days_off


def working_days_between(
    start: datetime.date, end: datetime.date, days_off: Collection[datetime.date] = ()
) -> int:
    """Working days from ``start`` to ``end``, both included; 0 when ``end`` is before ``start``."""
    if end < start:
        return 0
    total_days = (end - start).days + 1
    full_weeks, rest = divmod(total_days, 7)
    count = full_weeks * 5
    for offset in range(rest):
        if (start + datetime.timedelta(days=full_weeks * 7 + offset)).weekday() not in WEEKEND:
            count += 1
    count -= sum(1 for day in set(days_off) if start <= day <= end and day.weekday() not in WEEKEND)
    return count


def add_working_days(
    day: datetime.date, n: int, days_off: Collection[datetime.date] = ()
) -> datetime.date:
    """The date ``n`` working days after ``day`` (before it when ``n`` is negative).

    ``day`` itself is never counted, as in "due 10 working days after the period ends": with
    ``n = 0`` the result is ``day`` when it is a working day, otherwise the next working day.
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise ValueError(f"n must be an int, got {n!r}")
    if n == 0:
        while not is_working_day(day, days_off):
            day += _ONE_DAY
        return day
    step = _ONE_DAY if n > 0 else -_ONE_DAY
    remaining = abs(n)
    while remaining:
        day += step
        if is_working_day(day, days_off):
            remaining -= 1
    return day
