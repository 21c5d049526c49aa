"""The checks of daily-log entries (`rules.entry_flags`): what they read from the database, by
person and days for one employee's own pages, or for the entries of a team's week."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Exists, OuterRef

from kinerja.activities import rules
from kinerja.activities.models import (
    FLAG_LABELS,
    Activity,
    AttendanceDay,
    AttendanceSetting,
    LeaveRecord,
)
from kinerja.core import calendar
from kinerja.core.queries import Prepared
from kinerja.iku.selectors import days_off
from kinerja.results import rules as result_rules

# How far around a page's days the same text counts as typed again.
COPY_WINDOW = datetime.timedelta(days=60)

_setting = Prepared(
    lambda agency_id: AttendanceSetting.objects.filter(agency_id=agency_id).order_by("pk")[:1],
    agency_id=int,
)


# --- the checks -----------------------------------------------------------------------------------


def day_minutes_of(agency_id: int):
    """A function date -> minutes of the agency's working day: from its saved working hours,
    else the setting."""
    found = _setting(agency_id=agency_id)
    if not found:
        return lambda day: settings.ACTIVITY_DAY_MINUTES
    setting = found[0]
    return lambda day: rules.working_day_minutes(setting.work_start, setting.end_on(day))


@dataclass
class _DayFacts:
    """What the checks of a page's entries read from the database."""

    leave_days: set = field(default_factory=set)  # (employee id, date)
    reported: set = field(default_factory=set)  # dates on which the agency reported attendance
    present: set = field(default_factory=set)  # (employee id, date) with attendance
    copies: dict = field(default_factory=dict)  # entry pk -> (on other days, by other people)


def _leave_days(rows, start: datetime.date, end: datetime.date) -> set:
    days = set()
    for employee_id, first, last in rows:
        for day in rules.dates_between(max(first, start), min(last, end)):
            days.add((employee_id, day))
    return days


def _copy_checked(entries: list[Activity]) -> list[int]:
    return [
        e.pk
        for e in entries
        if rules.is_copy_candidate(result_rules.normalised_text(e.description))
    ]


def _same_text_flags(agency_id: int, since: datetime.date, until: datetime.date) -> dict:
    """Annotations of entries: the same text on the author's other days, or by someone else in
    the agency, between `since` and `until` (COPY_WINDOW around the page's days)."""
    same_text = Activity.objects.filter(digest=OuterRef("digest"), date__gte=since, date__lte=until)
    return {
        "on_other_days": Exists(
            same_text.filter(employee_id=OuterRef("employee_id"), is_repeat=False).exclude(
                date=OuterRef("date")
            )
        ),
        "by_other_people": Exists(
            same_text.filter(agency_id=agency_id).exclude(employee_id=OuterRef("employee_id"))
        ),
    }


def _facts_of_people(agency_id: int, entries: list[Activity], start, end) -> _DayFacts:
    """The facts for entries of any people (a team's week): each query reads only the rows of
    the people and days on the page; the agency-wide questions (was attendance reported that
    day, did anyone else type the same text) are asked as EXISTS, which stops at the first
    match instead of counting a province's rows."""
    people = {e.employee_id for e in entries}
    leaves = LeaveRecord.objects.filter(
        employee_id__in=people, start_date__lte=end, end_date__gte=start
    ).values_list("employee_id", "start_date", "end_date")
    on_the_page = Activity.objects.filter(date__gte=start, date__lte=end)
    one_entry_per_date = {e.date: e.pk for e in entries}
    reported = set(
        on_the_page.filter(pk__in=one_entry_per_date.values())
        .filter(Exists(AttendanceDay.objects.filter(agency_id=agency_id, date=OuterRef("date"))))
        .values_list("date", flat=True)
        .order_by()
    )
    present = set(
        AttendanceDay.objects.filter(
            employee_id__in=people, date__gte=start, date__lte=end
        ).values_list("employee_id", "date")
    )
    candidates = _copy_checked(entries)
    copies = {}
    if candidates:
        copies = {
            pk: (on_other_days, by_other_people)
            for pk, on_other_days, by_other_people in on_the_page.filter(pk__in=candidates)
            .annotate(**_same_text_flags(agency_id, start - COPY_WINDOW, end + COPY_WINDOW))
            .values_list("pk", "on_other_days", "by_other_people")
            .order_by()
        }
    return _DayFacts(_leave_days(leaves, start, end), reported, present, copies)


# One person's days (the employee's own week and month): the same questions in a shape that
# does not depend on the entries, so each is compiled once.
_own_leaves = Prepared(
    lambda employee_id, start, end: LeaveRecord.objects.filter(
        employee_id=employee_id, start_date__lte=end, end_date__gte=start
    ).values_list("employee_id", "start_date", "end_date"),
    employee_id=int,
    start=datetime.date,
    end=datetime.date,
)
_own_reported = Prepared(
    lambda agency_id, employee_id, start, end: (
        Activity.objects.filter(employee_id=employee_id, date__gte=start, date__lte=end)
        .filter(Exists(AttendanceDay.objects.filter(agency_id=agency_id, date=OuterRef("date"))))
        .values_list("date", flat=True)
        .distinct()
        .order_by()
    ),
    agency_id=int,
    employee_id=int,
    start=datetime.date,
    end=datetime.date,
)
_own_present = Prepared(
    lambda employee_id, start, end: AttendanceDay.objects.filter(
        employee_id=employee_id, date__gte=start, date__lte=end
    ).values_list("employee_id", "date"),
    employee_id=int,
    start=datetime.date,
    end=datetime.date,
)
_own_copies = Prepared(
    lambda agency_id, employee_id, start, end, since, until: (
        Activity.objects.filter(employee_id=employee_id, date__gte=start, date__lte=end)
        .annotate(**_same_text_flags(agency_id, since, until))
        .values_list("pk", "on_other_days", "by_other_people")
        .order_by()
    ),
    agency_id=int,
    employee_id=int,
    start=datetime.date,
    end=datetime.date,
    since=datetime.date,
    until=datetime.date,
)


def _facts_of_one(agency_id: int, employee_id: int, entries: list[Activity], start, end):
    values = {"employee_id": employee_id, "start": start, "end": end}
    leaves = _own_leaves(**values)
    reported = set(_own_reported(agency_id=agency_id, **values))
    present = set(_own_present(**values))
    candidates = set(_copy_checked(entries))
    copies = {}
    if candidates:
        copies = {
            pk: (on_other_days, by_other_people)
            for pk, on_other_days, by_other_people in _own_copies(
                agency_id=agency_id,
                since=start - COPY_WINDOW,
                until=end + COPY_WINDOW,
                **values,
            )
            if pk in candidates
        }
    return _DayFacts(_leave_days(leaves, start, end), reported, present, copies)


def with_flags(
    agency_id: int,
    entries: list[Activity],
    off: set | None = None,
    *,
    days_of: tuple[int, datetime.date, datetime.date] | None = None,
) -> list[Activity]:
    """Set `flags` (codes) and `flag_labels` on each entry; entries must hold whole days of
    each person for the day totals. Six queries whatever the number of entries. `off` are the
    agency's days off around the entries when the caller has read them already; `days_of`
    (employee id, first day, last day) when the entries are every entry of one person in those
    days (the employee's own pages), which reads the same facts by person and days."""
    if not entries:
        return entries
    if days_of is not None:
        employee_id, start, end = days_of
        facts = _facts_of_one(agency_id, employee_id, entries, start, end)
    else:
        start = min(e.date for e in entries)
        end = max(e.date for e in entries)
        facts = _facts_of_people(agency_id, entries, start, end)
    if off is None:
        off = days_off(agency_id, start, end)
    day_minutes = day_minutes_of(agency_id)
    totals: dict[tuple[int, datetime.date], int] = defaultdict(int)
    for entry in entries:
        totals[(entry.employee_id, entry.date)] += entry.minutes
    threshold = settings.ACTIVITY_LATE_FILING_DAYS
    for entry in entries:
        key = (entry.employee_id, entry.date)
        on_other_days, by_other_people = facts.copies.get(entry.pk, (False, False))
        flag_facts = rules.EntryFacts(
            date=entry.date,
            day_total_minutes=totals[key],
            day_minutes=day_minutes(entry.date),
            is_working_day=calendar.is_working_day(entry.date, off),
            on_leave=key in facts.leave_days,
            absent=entry.date in facts.reported and key not in facts.present,
            delay_days=entry.filing_delay_days,
            late_threshold_days=threshold,
            copy_checked=entry.pk in facts.copies,
            same_text_on_other_days=on_other_days and not entry.is_repeat,
            same_text_by_other_people=by_other_people,
        )
        entry.flags = rules.entry_flags(flag_facts)
        entry.flag_labels = [FLAG_LABELS[f] for f in entry.flags]
    return entries
