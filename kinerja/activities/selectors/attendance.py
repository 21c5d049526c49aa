"""Reads of attendance, leave and notices, scoped to the viewer (out of scope is a 404).

The monthly summary runs a fixed number of queries whatever the size of the unit: the
employees, one aggregate of their days, their leave, the agency's days off and the dates the
machines reported, plus the present dates of those on leave (to count no day twice).
"""

from __future__ import annotations

import calendar as month_calendar
import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, Exists, Max, Min, OuterRef, Q, QuerySet, Subquery, Sum
from django.http import Http404
from django.utils import timezone

from kinerja.activities import permissions, rules
from kinerja.activities.models import (
    AttendanceDay,
    AttendanceImport,
    AttendanceSetting,
    CutiKind,
    LeaveRecord,
    NoticeStatus,
    SanctionNotice,
)
from kinerja.core import calendar
from kinerja.core.numbers import is_ascii_digits
from kinerja.core.queries import InIds
from kinerja.iku.selectors import days_off
from kinerja.org.models import JPT_KINDS, RATER_KINDS, Assignment, Employee, Unit
from kinerja.org.selectors import units_visible_to
from kinerja.org.selectors.core import active_on


def _under(paths, field: str) -> Q:
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{field}__startswith": path})
    return condition


def _strictly_under(paths, field: str) -> Q:
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{field}__startswith": path}) & ~Q(**{field: path})
    return condition


def month_bounds(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    last = month_calendar.monthrange(year, month)[1]
    return datetime.date(year, month, 1), datetime.date(year, month, last)


def parse_month(text: str | None, today: datetime.date) -> tuple[int, int]:
    """'2026-03' to (2026, 3); this month for anything else."""
    try:
        year, month = (int(part) for part in (text or "").split("-", 1))
        datetime.date(year, month, 1)
        if 2000 <= year <= 2100:
            return year, month
    except (ValueError, TypeError):
        pass
    return today.year, today.month


# --- scopes ---------------------------------------------------------------------------------


def employees_in_scope(viewer, *, day: datetime.date | None = None) -> QuerySet[Employee]:
    """Whose attendance the viewer may read: the agency for BKPSDM, pimpinan and auditors;
    else oneself, the people of the units one administers and those below one's posts."""
    if not viewer.is_authenticated:
        return Employee.objects.none()
    base = Employee.objects.filter(agency_id=viewer.agency_id)
    if viewer.sees_whole_agency:
        return base
    day = day or viewer.today
    condition = Q(pk=viewer.employee_id) if viewer.employee_id else Q(pk__in=[])
    if viewer.admin_unit_paths:
        condition |= InIds(
            "pk",
            Assignment.objects.filter(active_on(day))
            .filter(_under(viewer.admin_unit_paths, "position__unit__path"))
            .values("employee_id"),
        )
    if viewer.held_position_paths:
        condition |= InIds(
            "pk",
            Assignment.objects.filter(active_on(day))
            .filter(_strictly_under(viewer.held_position_paths, "position__path"))
            .values("employee_id"),
        )
    return base.filter(condition)


def managed_employees(viewer, *, day: datetime.date | None = None) -> QuerySet[Employee]:
    """Whose days the viewer may import or correct: the agency for BKPSDM admins, the people
    of the administered units for unit admins."""
    if not viewer.is_authenticated:
        return Employee.objects.none()
    base = Employee.objects.filter(agency_id=viewer.agency_id)
    if viewer.is_bkpsdm_admin:
        return base
    if not viewer.admin_unit_paths:
        return Employee.objects.none()
    day = day or viewer.today
    return base.filter(
        InIds(
            "pk",
            Assignment.objects.filter(active_on(day))
            .filter(_under(viewer.admin_unit_paths, "position__unit__path"))
            .values("employee_id"),
        )
    )


def summary_units(viewer) -> QuerySet[Unit]:
    """Units whose monthly summary the viewer reads."""
    units = units_visible_to(viewer)
    if viewer.sees_whole_agency:
        return units
    if not viewer.admin_unit_paths:
        return units.none()
    return units.filter(_under(viewer.admin_unit_paths, "path"))


def get_summary_unit(viewer, pk) -> Unit:
    unit = summary_units(viewer).filter(pk=pk).first() if is_ascii_digits(pk) else None
    if unit is None:
        raise Http404
    return unit


def default_unit(viewer) -> Unit | None:
    units = summary_units(viewer)
    if viewer.admin_unit_ids and not viewer.sees_whole_agency:
        return units.filter(pk__in=viewer.admin_unit_ids).order_by("path").first()
    return units.filter(parent__isnull=True).order_by("code").first()


def get_employee(viewer, pk: int) -> Employee:
    employee = employees_in_scope(viewer).filter(pk=pk).first()
    if employee is None:
        raise Http404
    return employee


def setting_of(agency_id: int) -> AttendanceSetting:
    """The agency's saved setting, or the defaults (not saved) when it has none yet."""
    setting = AttendanceSetting.objects.filter(agency_id=agency_id).first()
    return setting or AttendanceSetting(agency_id=agency_id)


# --- monthly summary ------------------------------------------------------------------------


@dataclass
class MonthRow:
    employee_id: int
    name: str
    position: str
    working_days: int = 0
    present: int = 0
    late_days: int = 0
    late_minutes: int = 0
    early_days: int = 0
    leave: dict[str, int] = field(default_factory=dict)
    absent: int = 0

    @property
    def leave_total(self) -> int:
        return sum(self.leave.values())

    @property
    def leave_labels(self) -> list[tuple[str, int]]:
        if not self.leave:
            return []
        labels = dict(CutiKind.choices)
        return [(str(labels[kind]), days) for kind, days in sorted(self.leave.items())]

    @property
    def flagged(self) -> bool:
        return bool(self.absent or self.late_days or self.early_days)


@dataclass
class MonthSummary:
    year: int
    month: int
    working_days: int
    reported_days: int
    rows: list[MonthRow]

    @property
    def totals(self) -> dict:
        return {
            "present": sum(r.present for r in self.rows),
            "late_minutes": sum(r.late_minutes for r in self.rows),
            "early_days": sum(r.early_days for r in self.rows),
            "leave": sum(r.leave_total for r in self.rows),
            "absent": sum(r.absent for r in self.rows),
        }


def _reported_working_days(agency_id: int, start, end) -> list[datetime.date]:
    """Working days of the period from the first to the last day the agency's machines
    reported: the days after the last file are not counted as an absence of everyone."""
    span = AttendanceDay.objects.filter(
        agency_id=agency_id, date__gte=start, date__lte=end
    ).aggregate(first=Min("date"), last=Max("date"))
    if span["first"] is None:
        return []
    off = days_off(agency_id, start, end)
    return [
        day
        for day in rules.dates_between(span["first"], span["last"])
        if calendar.is_working_day(day, off)
    ]


def _summarise(
    agency_id: int, people: list[tuple[int, str, str]], year: int, month: int
) -> MonthSummary:
    start, end = month_bounds(year, month)
    off = days_off(agency_id, start, end)
    working = calendar.working_days_between(start, end, off)
    reported = _reported_working_days(agency_id, start, end)
    ids = [pk for pk, _name, _position in people]
    rows = {pk: MonthRow(pk, name, position, working_days=working) for pk, name, position in people}
    days = AttendanceDay.objects.filter(
        agency_id=agency_id, employee_id__in=ids, date__gte=start, date__lte=end
    )
    for item in days.values("employee_id").annotate(
        present=Count("pk", filter=Q(date__in=reported)),
        late_days=Count("pk", filter=Q(late_minutes__gt=0)),
        late=Sum("late_minutes"),
        early_days=Count("pk", filter=Q(early_minutes__gt=0)),
    ):
        row = rows[item["employee_id"]]
        row.present = item["present"]
        row.late_days = item["late_days"]
        row.late_minutes = item["late"] or 0
        row.early_days = item["early_days"]
    leaves = list(
        LeaveRecord.objects.filter(
            agency_id=agency_id, employee_id__in=ids, start_date__lte=end, end_date__gte=start
        ).values_list("employee_id", "kind", "start_date", "end_date")
    )
    excused: dict[int, set] = defaultdict(set)
    for employee_id, kind, leave_start, leave_end in leaves:
        days_of_leave = [
            d
            for d in rules.dates_between(max(leave_start, start), min(leave_end, end))
            if calendar.is_working_day(d, off)
        ]
        excused[employee_id].update(days_of_leave)
        leave = rows[employee_id].leave
        leave[kind] = leave.get(kind, 0) + len(days_of_leave)
    present_dates: dict[int, set] = defaultdict(set)
    if excused:
        for employee_id, day in days.filter(employee_id__in=list(excused)).values_list(
            "employee_id", "date"
        ):
            present_dates[employee_id].add(day)
    # Each employee counts from the first day the machines recorded them in the year (as
    # `services.sanctions_recompute` does); someone never recorded is not counted absent.
    enrolled = dict(
        AttendanceDay.objects.filter(
            agency_id=agency_id,
            employee_id__in=ids,
            date__gte=datetime.date(year, 1, 1),
            date__lte=end,
        )
        .values("employee_id")
        .annotate(first=Min("date"))
        .values_list("employee_id", "first")
    )
    for row in rows.values():
        first = enrolled.get(row.employee_id)
        if first is None:
            continue
        counted = {day for day in reported if day >= first}
        on_leave = excused.get(row.employee_id, set()) & counted
        on_leave_not_present = on_leave - present_dates.get(row.employee_id, set())
        row.absent = max(0, len(counted) - row.present - len(on_leave_not_present))
    return MonthSummary(year, month, working, len(reported), list(rows.values()))


def _people_of_unit(unit: Unit, day: datetime.date) -> QuerySet:
    """(id, name, post) of everyone holding a post in the unit or below on the day, in name
    order, once each with their earliest post: paged by the database, so a page of an OPD of
    thousands reads a hundred rows."""
    in_unit = Assignment.objects.filter(active_on(day), position__unit__path__startswith=unit.path)
    first_post = (
        in_unit.filter(employee_id=OuterRef("pk"))
        .order_by("start_date", "pk")
        .values("position__name")[:1]
    )
    return (
        Employee.objects.filter(InIds("pk", in_unit.values("employee_id")))
        .annotate(post=Subquery(first_post))
        .order_by("name", "pk")
        .values_list("pk", "name", "post")
    )


def unit_month_summary(viewer, unit: Unit, year: int, month: int) -> MonthSummary:
    """Every employee of the unit and its sub-units (on the month's last day, or today)."""
    if not permissions.can_read_unit(viewer, unit):
        raise Http404
    _start, end = month_bounds(year, month)
    people = list(_people_of_unit(unit, min(end, viewer.today)))
    return _summarise(unit.agency_id, people, year, month)


SUMMARY_PER_PAGE = 100


def unit_month_page(
    viewer, unit: Unit, year: int, month: int, page_number, *, paginator=Paginator
) -> tuple:
    """One page of the unit's monthly summary, people in name order: (summary of the page's
    people, the page). A province's largest OPD has tens of thousands of people; the page
    summarises a hundred of them (the Excel export gives the whole unit). `paginator` is a
    Paginator class or factory (the page keeps its count a minute)."""
    if not permissions.can_read_unit(viewer, unit):
        raise Http404
    _start, end = month_bounds(year, month)
    people = _people_of_unit(unit, min(end, viewer.today))
    page = paginator(people, SUMMARY_PER_PAGE).get_page(page_number)
    return _summarise(unit.agency_id, list(page.object_list), year, month), page


def employee_month_summary(viewer, employee: Employee, year: int, month: int) -> MonthRow:
    summary = _summarise(employee.agency_id, [(employee.pk, employee.name, "")], year, month)
    return summary.rows[0]


def employee_month_days(viewer, employee: Employee, year: int, month: int) -> list[AttendanceDay]:
    start, end = month_bounds(year, month)
    return list(
        AttendanceDay.objects.filter(
            employee=employee, date__gte=start, date__lte=end
        ).select_related("corrected_by")
    )


def month_rows_of(viewer, people: list[tuple[int, str, str]], year: int, month: int) -> list:
    """The monthly summary rows of chosen people (id, name, post) the caller may read."""
    return _summarise(viewer.agency_id, people, year, month).rows


def team_flags(viewer, year: int, month: int) -> dict[int, MonthRow]:
    """Attendance flags of the people below the viewer's posts for a month, by employee id
    (for the supervisor's team page): late days, early departures and unexplained absence."""
    if not viewer.is_authenticated or not viewer.held_position_paths:
        return {}
    day = min(month_bounds(year, month)[1], viewer.today)
    people = (
        Assignment.objects.filter(active_on(day))
        .filter(_strictly_under(viewer.held_position_paths, "position__path"))
        .exclude(employee_id=viewer.employee_id)
        .values_list("employee_id", "employee__name", "position__name")
    )
    unique = {pk: (pk, name, position) for pk, name, position in people}
    if not unique:
        return {}
    summary = _summarise(viewer.agency_id, list(unique.values()), year, month)
    return {row.employee_id: row for row in summary.rows}


# --- leave, imports, notices ----------------------------------------------------------------


def leave_records(viewer, *, unit: Unit | None, year: int, month: int, kind: str = ""):
    start, end = month_bounds(year, month)
    records = LeaveRecord.objects.filter(
        agency_id=viewer.agency_id, start_date__lte=end, end_date__gte=start
    )
    if unit is not None:
        day = min(end, viewer.today)
        records = records.filter(
            employee_id__in=Assignment.objects.filter(
                active_on(day), position__unit__path__startswith=unit.path
            ).values("employee_id")
        )
    if not viewer.sees_whole_agency:
        records = records.filter(employee__in=managed_employees(viewer))
    if kind:
        records = records.filter(kind=kind)
    return records.select_related("employee").order_by("start_date", "employee__name")


def imports_visible_to(viewer) -> QuerySet[AttendanceImport]:
    if not permissions.can_import(viewer, viewer.agency_id):
        return AttendanceImport.objects.none()
    imports = AttendanceImport.objects.filter(agency_id=viewer.agency_id)
    if not viewer.is_bkpsdm_admin:
        imports = imports.filter(created_by=viewer.user)
    return imports.select_related("created_by")


def get_import(viewer, pk: int) -> AttendanceImport:
    found = imports_visible_to(viewer).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def notices_visible_to(viewer) -> QuerySet[SanctionNotice]:
    """BKPSDM, the pimpinan and auditors read every notice of the agency; an official named to
    decide reads those."""
    if not viewer.is_authenticated:
        return SanctionNotice.objects.none()
    notices = SanctionNotice.objects.filter(agency_id=viewer.agency_id).select_related(
        "employee", "decided_by", "deciding_official"
    )
    if permissions.can_read_notices(viewer):
        return notices
    if viewer.employee_id is None:
        return SanctionNotice.objects.none()
    return notices.filter(deciding_official_id=viewer.employee_id)


_PRIMARY_FIRST = {"definitive": 0, "plt": 1, "plh": 2}


def deciding_officials(
    employee_levels: dict[int, str], day: datetime.date
) -> dict[int, tuple[str, int | None]]:
    """For each employee (id: proposed level), the authority that decides the sanction and the
    official holding it on `day` (rules.deciding_authority): the nearest holder above of at
    least pengawas, the nearest JPT above, or the regional head (no employee). Two queries."""
    own: dict[int, Assignment] = {}
    for assignment in sorted(
        Assignment.objects.filter(active_on(day), employee_id__in=list(employee_levels))
        .select_related("position")
        .order_by("pk"),
        key=lambda a: _PRIMARY_FIRST.get(a.kind, 9),
    ):
        own.setdefault(assignment.employee_id, assignment)
    above = {pk for a in own.values() for pk in a.position.ancestor_ids}
    holders: dict[int, tuple[int, str]] = {}
    for assignment in (
        Assignment.objects.filter(active_on(day), position_id__in=above)
        .select_related("position")
        .order_by("pk")
    ):
        if assignment.position_id not in holders or assignment.kind == "definitive":
            holders[assignment.position_id] = (assignment.employee_id, assignment.position.kind)
    found = {}
    for employee_id, level in employee_levels.items():
        assignment = own.get(employee_id)
        is_jpt = assignment is not None and assignment.position.kind in JPT_KINDS
        authority = rules.deciding_authority(level, employee_is_jpt=is_jpt)
        wanted = {rules.Authority.SUPERIOR: RATER_KINDS, rules.Authority.HEAD: JPT_KINDS}
        official = None
        if authority in wanted and assignment is not None:
            official = next(
                (
                    holders[pk][0]
                    for pk in assignment.position.ancestor_ids
                    if pk in holders and holders[pk][1] in wanted[authority]
                ),
                None,
            )
        found[employee_id] = (authority, official)
    return found


def get_notice(viewer, pk: int) -> SanctionNotice:
    notice = notices_visible_to(viewer).filter(pk=pk).first()
    if notice is None:
        raise Http404
    return notice


def notices_to_decide(viewer) -> int:
    """Proposed notices naming the viewer as the official who decides: only a holder of a post
    of at least pengawas is ever named (no query for anyone else)."""
    if not viewer.is_authenticated or viewer.employee_id is None:
        return 0
    if not any(position.kind in RATER_KINDS for position in viewer.held_positions):
        return 0
    return SanctionNotice.objects.filter(
        agency_id=viewer.agency_id,
        deciding_official_id=viewer.employee_id,
        status=NoticeStatus.PROPOSED,
    ).count()


def notices_awaiting(viewer) -> int:
    return notices_visible_to(viewer).filter(status=NoticeStatus.PROPOSED).count()


REJECTED_IMPORTS_SHOWN_DAYS = 7


def import_problem_count(viewer) -> int:
    """Imports rejected in the last week that no later import of the same kind replaced."""
    since = timezone.now() - datetime.timedelta(days=REJECTED_IMPORTS_SHOWN_DAYS)
    imports = imports_visible_to(viewer).filter(created_at__gte=since)
    later_done = imports.filter(
        status="done", kind=OuterRef("kind"), created_at__gt=OuterRef("created_at")
    )
    return imports.filter(status__in=["invalid", "failed"]).exclude(Exists(later_done)).count()


def incomplete_days(viewer) -> int:
    """Days of this and last month with an arrival but no departure scan (or the reverse) among
    the people the viewer corrects, not corrected yet: what a unit admin checks."""
    first = (viewer.today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    return (
        AttendanceDay.objects.filter(
            employee__in=managed_employees(viewer),
            date__gte=first,
            date__lte=viewer.today,
            is_corrected=False,
        )
        .filter(Q(time_in__isnull=True) | Q(time_out__isnull=True))
        .count()
    )


def attendance_span(agency_id: int, year: int) -> tuple[datetime.date | None, datetime.date | None]:
    span = AttendanceDay.objects.filter(agency_id=agency_id, date__year=year).aggregate(
        first=Min("date"), last=Max("date")
    )
    return span["first"], span["last"]
