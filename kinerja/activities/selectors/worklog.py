"""Reads of the daily activity log, scoped to the viewer (out of scope is a 404).

Whoever reads a person's attendance reads their log (`employees_in_scope`); the supervisor who
verifies is the holder of a post directly above the employee's post today, or the rater the
plan's rating was delegated to (`team_ids`). Each page runs a fixed number of queries whatever
the size of the team or of the table: the entries, then the facts of their checks (days off,
leave, attendance dates and two aggregates of the texts) read once for all of them.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.http import Http404

from kinerja.activities import rules
from kinerja.activities.models import (
    Activity,
    ActivityCatalogueItem,
    ActivityStatus,
)
from kinerja.activities.selectors.attendance import employees_in_scope
from kinerja.activities.selectors.checks import with_flags
from kinerja.core import calendar
from kinerja.core.queries import Prepared
from kinerja.iku.selectors import days_off
from kinerja.org.models import Assignment, Employee, SupervisionOverride, SupervisionRole
from kinerja.org.selectors.core import active_on
from kinerja.results import rules as result_rules
from kinerja.results.selectors import plan_versions_of
from kinerja.skp.models import ActionPlan, Rhk
from kinerja.skp.selectors.team import rated_by_regional_head

ONE_DAY = datetime.timedelta(days=1)

# --- scope --------------------------------------------------------------------------------------


def activities_visible_to(viewer) -> QuerySet[Activity]:
    if not viewer.is_authenticated:
        return Activity.objects.none()
    entries = Activity.objects.filter(agency_id=viewer.agency_id)
    if viewer.sees_whole_agency:
        return entries
    # The people in scope and the team whose entries the viewer verifies (delegations too).
    return entries.filter(
        Q(employee_id__in=employees_in_scope(viewer).values("pk"))
        | Q(employee_id__in=list(team_ids(viewer)))
    )


def get_activity(viewer, pk: int) -> Activity:
    found = activities_visible_to(viewer).filter(pk=pk).select_related("employee").first()
    if found is None:
        raise Http404
    return found


def team_ids(viewer) -> set[int]:
    """The people whose entries the viewer verifies: those in posts directly under the posts
    the viewer holds today, those whose rating is delegated to the viewer and, for the
    pimpinan, those whose plan names the regional head as rater. One query."""
    if not viewer.is_authenticated:
        return set()
    cached = viewer.__dict__.get("_activity_team")
    if cached is not None:
        return cached
    me = viewer.employee_id
    parts = []
    # A post nobody else holds a post below (`leads_someone`) has nobody directly under it.
    held = [p.pk for p in viewer.held_positions if getattr(p, "leads_someone", True)]
    if held:
        parts.append(
            Assignment.objects.filter(
                active_on(viewer.today), position__parent_id__in=held, employee__is_active=True
            )
            .values_list("employee_id", flat=True)
            .order_by()
        )
    if me is not None:
        parts.append(
            SupervisionOverride.objects.filter(
                active_on(viewer.today), supervisor_id=me, role=SupervisionRole.RATER
            )
            .values_list("employee_id", flat=True)
            .order_by()
        )
    if viewer.acts_for_regional_head:
        parts.append(rated_by_regional_head(viewer, viewer.today.year))
    found = set(parts[0].union(*parts[1:])) - {me} if parts else set()
    viewer.__dict__["_activity_team"] = found
    return found


def team_members(viewer) -> list[Employee]:
    ids = team_ids(viewer)
    if not ids:
        return []
    return list(
        Employee.objects.filter(pk__in=ids, agency_id=viewer.agency_id)
        .only("pk", "name", "front_title", "back_title", "nip")
        .order_by("name", "pk")
    )


def get_team_member(viewer, pk: int) -> Employee:
    if pk not in team_ids(viewer):
        raise Http404
    return Employee.objects.get(pk=pk)


def waiting_for(viewer) -> QuerySet[Activity]:
    """Entries of the viewer's team waiting for verification."""
    ids = team_ids(viewer)
    if not ids:
        return Activity.objects.none()
    return Activity.objects.filter(
        agency_id=viewer.agency_id, employee_id__in=ids, status=ActivityStatus.SUBMITTED
    )


def waiting_count(viewer) -> int:
    return waiting_for(viewer).count()


def _returned_entries(employee_id: int, since: datetime.date, until: datetime.date):
    """The employee's entries returned for correction that can still be corrected. The dates
    also let PostgreSQL plan the query over the months' partitions that hold them only."""
    return Activity.objects.filter(
        employee_id=employee_id,
        status=ActivityStatus.RETURNED,
        date__gte=since,
        date__lte=until,
    )


def returned_count(viewer) -> int:
    if not viewer.is_authenticated or viewer.employee_id is None:
        return 0
    since = rules.correctable_since(viewer.today)
    return _returned_entries(viewer.employee_id, since, viewer.today).count()


# The daily log's week asks these on every request: compiled once.
_returned = Prepared(
    lambda employee_id, since, until: _returned_entries(employee_id, since, until).order_by(
        "-date", "pk"
    )[:50],
    employee_id=int,
    since=datetime.date,
    until=datetime.date,
)
_entries = Prepared(
    lambda employee_id, start, end: Activity.objects.filter(
        employee_id=employee_id, date__gte=start, date__lte=end
    ).order_by("date", "start_time", "pk"),
    employee_id=int,
    start=datetime.date,
    end=datetime.date,
)


def returned_of(viewer) -> list[Activity]:
    if not viewer.is_authenticated or viewer.employee_id is None:
        return []
    return _returned(
        employee_id=viewer.employee_id,
        since=rules.correctable_since(viewer.today),
        until=viewer.today,
    )


# --- the plan in force and the catalogue ----------------------------------------------------------


def plan_in_force_on(employee_id: int, day: datetime.date) -> int | None:
    """The pk of the plan version whose content applies on `day`."""
    chosen = result_rules.plan_in_force(plan_versions_of(employee_id, day.year), day, day)
    return chosen.pk if chosen else None


def rhk_choices(employee_id: int, day: datetime.date) -> list[tuple[str, str]]:
    """(RHK key, text) of the plan in force on `day`, in the plan's order."""
    return _rhk_choices_of(plan_in_force_on(employee_id, day))


def action_plan_choices(employee_id: int, day: datetime.date) -> list[ActionPlan]:
    """The rencana aksi of the plan in force for the period around `day` (with the RHK key)."""
    return _action_plans_of(plan_in_force_on(employee_id, day), day)


def entry_choices(employee_id: int, day: datetime.date) -> tuple[list, list[ActionPlan]]:
    """`rhk_choices` and `action_plan_choices` of an entry form, the plan in force read once."""
    plan_id = plan_in_force_on(employee_id, day)
    return _rhk_choices_of(plan_id), _action_plans_of(plan_id, day)


# The entry form's choices, asked on every request of the daily log: compiled once.
_rhk_rows = Prepared(
    lambda plan_id: (
        Rhk.objects.filter(skp_id=plan_id)
        .order_by("kind", "order", "pk")
        .values_list("key", "text")
    ),
    plan_id=int,
)
_action_plan_rows = Prepared(
    lambda plan_id, day: (
        ActionPlan.objects.filter(
            rhk__skp_id=plan_id, period__start_date__lte=day, period__end_date__gte=day
        )
        .exclude(period__kind="year")
        .select_related("rhk", "period")
        .order_by("rhk__order", "rhk_id")
    ),
    plan_id=int,
    day=datetime.date,
)


def _rhk_choices_of(plan_id: int | None) -> list[tuple[str, str]]:
    if plan_id is None:
        return []
    return [(str(key), text) for key, text in _rhk_rows(plan_id=plan_id)]


def _action_plans_of(plan_id: int | None, day: datetime.date) -> list[ActionPlan]:
    if plan_id is None:
        return []
    return _action_plan_rows(plan_id=plan_id, day=day)


def rhk_texts(employee_id: int, year: int) -> dict:
    """RHK key -> text in any plan version of the year (the newest version's text)."""
    rows = (
        Rhk.objects.filter(skp__employee_id=employee_id, skp__year=year)
        .order_by("skp__version", "pk")
        .values_list("key", "text")
    )
    return dict(rows)


# The entry form's catalogue, drawn on every request of the daily log: compiled once.
_active_catalogue = Prepared(
    lambda agency_id: ActivityCatalogueItem.objects.filter(
        agency_id=agency_id, is_active=True
    ).order_by("name", "pk"),
    agency_id=int,
)


def active_catalogue(agency_id: int) -> list[ActivityCatalogueItem]:
    """The agency's catalogue items in use, by name (the entry form's choices)."""
    return _active_catalogue(agency_id=agency_id)


def catalogue_of(agency_id: int, *, active_only: bool = True) -> QuerySet[ActivityCatalogueItem]:
    items = ActivityCatalogueItem.objects.filter(agency_id=agency_id)
    if active_only:
        items = items.filter(is_active=True)
    return items.order_by("name", "pk")


def get_catalogue_item(viewer, pk: int) -> ActivityCatalogueItem:
    found = (
        catalogue_of(viewer.agency_id, active_only=False).filter(pk=pk).first()
        if viewer.is_authenticated
        else None
    )
    if found is None:
        raise Http404
    return found


# --- the employee's pages -------------------------------------------------------------------------


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


@dataclass
class LogDay:
    date: datetime.date
    entries: list = field(default_factory=list)
    is_working_day: bool = True

    @property
    def minutes(self) -> int:
        return sum(e.minutes for e in self.entries)

    @property
    def flags(self) -> list:
        seen = []
        for entry in self.entries:
            for label in entry.flag_labels:
                if label not in seen:
                    seen.append(label)
        return seen


def _days(
    agency_id: int, employee_id: int, start: datetime.date, end: datetime.date
) -> list[LogDay]:
    entries = _entries(employee_id=employee_id, start=start, end=end)
    off = days_off(agency_id, start, end)
    with_flags(agency_id, entries, off, days_of=(employee_id, start, end))
    by_day: dict[datetime.date, list] = defaultdict(list)
    for entry in entries:
        by_day[entry.date].append(entry)
    return [
        LogDay(day, by_day.get(day, []), calendar.is_working_day(day, off))
        for day in rules.dates_between(start, end)
    ]


def own_week(viewer, day: datetime.date) -> list[LogDay]:
    """The viewer's entries of the week (Monday to Sunday) around `day`, with their checks."""
    start = week_start(day)
    return _days(viewer.agency_id, viewer.employee_id, start, start + 6 * ONE_DAY)


def own_month(viewer, year: int, month: int) -> list[LogDay]:
    start = datetime.date(year, month, 1)
    end = (start + datetime.timedelta(days=32)).replace(day=1) - ONE_DAY
    return _days(viewer.agency_id, viewer.employee_id, start, end)


def own_entries(
    viewer, *, date_from: datetime.date | None = None, date_to: datetime.date | None = None
) -> QuerySet[Activity]:
    if not viewer.is_authenticated or viewer.employee_id is None:
        return Activity.objects.none()
    entries = Activity.objects.filter(employee_id=viewer.employee_id)
    if date_from:
        entries = entries.filter(date__gte=date_from)
    if date_to:
        entries = entries.filter(date__lte=date_to)
    return entries.order_by("-date", "start_time", "pk")


def get_own_activity(viewer, pk: int) -> Activity:
    found = own_entries(viewer).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def entries_of_day(employee_id: int, day: datetime.date) -> list[Activity]:
    return list(Activity.objects.filter(employee_id=employee_id, date=day).order_by("pk"))


# --- the supervisor's team week -------------------------------------------------------------------


@dataclass
class TeamCell:
    date: datetime.date
    minutes: int = 0
    count: int = 0
    waiting: int = 0
    flags: list = field(default_factory=list)


@dataclass
class TeamRow:
    employee: Employee
    cells: list[TeamCell]
    entries: list = field(default_factory=list)

    @property
    def minutes(self) -> int:
        return sum(c.minutes for c in self.cells)

    @property
    def waiting(self) -> int:
        return sum(c.waiting for c in self.cells)

    @property
    def waiting_ids(self) -> str:
        """The ids of the week's entries awaiting verification, comma-separated: one checkbox
        of the team week verifies them all (the entries are read on the person's day)."""
        return ",".join(str(e.pk) for e in self.entries if e.status == ActivityStatus.SUBMITTED)

    @property
    def flags(self) -> list:
        seen = []
        for cell in self.cells:
            for label in cell.flags:
                if label not in seen:
                    seen.append(label)
        return seen


@dataclass
class TeamWeek:
    start: datetime.date
    days: list[datetime.date]
    working: dict
    rows: list[TeamRow]


def team_week(viewer, day: datetime.date) -> TeamWeek:
    """The team by the days of the week around `day`: minutes, entries, waiting ones and flags
    per person-day. A fixed number of queries whatever the size of the team."""
    start = week_start(day)
    days = rules.dates_between(start, start + 6 * ONE_DAY)
    members = team_members(viewer)
    ids = [m.pk for m in members]
    entries = (
        list(
            Activity.objects.filter(
                agency_id=viewer.agency_id,
                employee_id__in=ids,
                date__gte=days[0],
                date__lte=days[-1],
            ).order_by("employee_id", "date", "start_time", "pk")
        )
        if ids
        else []
    )
    with_flags(viewer.agency_id, entries)
    off = days_off(viewer.agency_id, days[0], days[-1])
    cells: dict[tuple[int, datetime.date], TeamCell] = {}
    rows = []
    for member in members:
        row_cells = [TeamCell(d) for d in days]
        for cell in row_cells:
            cells[(member.pk, cell.date)] = cell
        rows.append(TeamRow(member, row_cells))
    by_person = {row.employee.pk: row for row in rows}
    for entry in entries:
        cell = cells[(entry.employee_id, entry.date)]
        cell.minutes += entry.minutes
        cell.count += 1
        cell.waiting += entry.status == ActivityStatus.SUBMITTED
        for label in entry.flag_labels:
            if label not in cell.flags:
                cell.flags.append(label)
        by_person[entry.employee_id].entries.append(entry)
    working = {d: calendar.is_working_day(d, off) for d in days}
    return TeamWeek(start, days, working, rows)


def person_day(viewer, employee: Employee, day: datetime.date) -> list[Activity]:
    entries = entries_of_day(employee.pk, day)
    return with_flags(viewer.agency_id, entries)


def parse_day(value: str | None, default: datetime.date) -> datetime.date:
    """A date typed in a query string (YYYY-MM-DD), else `default`; years 2000-2100."""
    if not value:
        return default
    try:
        parsed = datetime.date.fromisoformat(value[:10])
    except ValueError:
        return default
    return parsed if 2000 <= parsed.year <= 2100 else default


def waiting_rows(viewer, ids) -> QuerySet[Activity]:
    """Of the ids given, the team's entries waiting for verification."""
    return waiting_for(viewer).filter(pk__in=list(ids))
