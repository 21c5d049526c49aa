"""The agency's working-day calendar: its days off read once, counted by `kinerja.core.calendar`.

These are agency-wide facts and take no viewer.
"""

from __future__ import annotations

import datetime

from kinerja.core import calendar
from kinerja.core.queries import Prepared
from kinerja.iku.models import NonWorkingDay, Period

# Pages of days (the daily log, attendance, deadlines) ask it on every request: compiled once.
_days_off = Prepared(
    lambda agency_id, start, end: NonWorkingDay.objects.filter(
        agency_id=agency_id, date__gte=start, date__lte=end
    ).values_list("date", flat=True),
    agency_id=int,
    start=datetime.date,
    end=datetime.date,
)


def days_off(agency_id: int, start: datetime.date, end: datetime.date) -> frozenset[datetime.date]:
    """The agency's holidays and days off between two dates, as plain dates."""
    return frozenset(_days_off(agency_id=agency_id, start=start, end=end))


def working_days(period: Period) -> int:
    """Working days in a period of the agency's calendar."""
    agency_id = period.performance_year.agency_id
    return calendar.working_days_between(
        period.start_date,
        period.end_date,
        days_off(agency_id, period.start_date, period.end_date),
    )


def add_working_days(agency, day: datetime.date, n: int) -> datetime.date:
    """`n` working days after `day` in the agency's calendar (before it when n < 0)."""
    agency_id = getattr(agency, "pk", agency)
    window = datetime.timedelta(days=abs(n) * 2 + 31)
    while True:
        start, end = (day, day + window) if n >= 0 else (day - window, day)
        result = calendar.add_working_days(day, n, days_off(agency_id, start, end))
        if start <= result <= end:
            return result
        window *= 2


class WorkingCalendar:
    """An agency's days off loaded once for a range, for computing many due dates."""

    def __init__(self, agency_id: int, start: datetime.date, end: datetime.date):
        self.start = start
        self.end = end
        self.days_off = days_off(agency_id, start, end)

    def add_working_days(self, day: datetime.date, n: int) -> datetime.date:
        result = calendar.add_working_days(day, n, self.days_off)
        if not self.start <= result <= self.end:
            raise ValueError("the result falls outside the loaded calendar range")
        return result

    def working_days(self, start: datetime.date, end: datetime.date) -> int:
        return calendar.working_days_between(start, end, self.days_off)
