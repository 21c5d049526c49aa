"""Attendance and the daily activity log on the supervisor's team page (see kinerja.core.team).

Attendance: per member this month's late days, early departures and absence without a valid
reason, for the members whose attendance the leader may read. The daily log: per member the
entries waiting for the leader's verification, this week's hours and flags, for the members
whose entries the leader verifies. A fixed number of queries whatever the size of the team."""

from __future__ import annotations

import datetime

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kinerja.activities import permissions, selectors
from kinerja.core.team import GOOD, NEUTRAL, WARN, TeamCell, TeamSection


def _counted(singular: str, plural: str, n: int, tone: str, url: str) -> TeamCell:
    return TeamCell(ngettext(singular, plural, n) % {"n": n}, tone, url)


def _attendance_cells(row, url: str) -> list[TeamCell]:
    cells = []
    if row.absent:
        cells.append(_counted("%(n)s day absent", "%(n)s days absent", row.absent, WARN, url))
    if row.late_days:
        cells.append(_counted("late %(n)s day", "late %(n)s days", row.late_days, WARN, url))
    if row.early_days:
        cells.append(
            _counted("left early %(n)s day", "left early %(n)s days", row.early_days, WARN, url)
        )
    if not cells and row.present:
        cells.append(_counted("present %(n)s day", "present %(n)s days", row.present, GOOD, url))
    return cells


def _attendance(viewer, members: list, day: datetime.date) -> TeamSection | None:
    ids = {m.pk for m in members}
    readable = set(
        selectors.employees_in_scope(viewer, day=day)
        .filter(pk__in=ids)
        .values_list("pk", flat=True)
    )
    people = [(m.pk, m.name, "") for m in members if m.pk in readable]
    if not people:
        return None
    month = f"?bulan={day.year}-{day.month:02d}"
    section = TeamSection(
        key="attendance",
        title=_("Attendance this month"),
        # Leaders have no page of the team's attendance but this one: the cells link each month.
        url=reverse("activities:attendance") if permissions.can_read_summaries(viewer) else "",
        action=_("Open the monthly summary"),
        order=40,
    )
    for row in selectors.month_rows_of(viewer, people, day.year, day.month):
        url = reverse("activities:employee_month", args=[row.employee_id]) + month
        section.cells[row.employee_id] = _attendance_cells(row, url)
        section.waiting += row.flagged
    section.summary = (
        ngettext(
            "%(n)s person was late, left early or absent this month",
            "%(n)s people were late, left early or absent this month",
            section.waiting,
        )
        % {"n": section.waiting}
        if section.waiting
        else _("Nobody in your team was late or absent this month.")
    )
    return section


def _daily_log(viewer, members: list, day: datetime.date) -> TeamSection | None:
    ids = selectors.team_ids(viewer) & {m.pk for m in members}
    if not ids:
        return None
    waiting = dict(
        selectors.waiting_for(viewer)
        .filter(employee_id__in=ids)
        .values("employee_id")
        .annotate(n=Count("pk"))
        .values_list("employee_id", "n")
        .order_by()
    )
    week = selectors.team_week(viewer, day)
    url = reverse("activities:team_week")
    section = TeamSection(
        key="worklog",
        title=_("Daily activity log"),
        url=url,
        action=_("Verify the activities"),
        waiting=sum(waiting.values()),
        order=20,
    )
    for row in week.rows:
        if row.employee.pk not in ids:
            continue
        cells = []
        if waiting.get(row.employee.pk):
            cells.append(
                _counted("%(n)s to verify", "%(n)s to verify", waiting[row.employee.pk], WARN, url)
            )
        if row.flags:
            cells.append(
                _counted("%(n)s flag this week", "%(n)s flags this week", len(row.flags), WARN, url)
            )
        hours = row.minutes / 60
        cells.append(
            TeamCell(
                _("%(hours)s h logged this week")
                % {"hours": f"{hours:.1f}".rstrip("0").rstrip(".")},
                NEUTRAL,
                url,
            )
        )
        section.cells[row.employee.pk] = cells
    section.summary = (
        ngettext(
            "%(n)s activity waits for your verification",
            "%(n)s activities wait for your verification",
            section.waiting,
        )
        % {"n": section.waiting}
        if section.waiting
        else _("No activity waits for your verification.")
    )
    return section


def team_section(viewer, members: list, day: datetime.date) -> list[TeamSection]:
    if not members:
        return []
    return [s for s in (_daily_log(viewer, members, day), _attendance(viewer, members, day)) if s]
