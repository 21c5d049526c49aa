"""Attendance on the supervisor's team page (see kinerja.core.team): per member this month's
late days, early departures and absence without a valid reason, for the members whose
attendance the leader may read. The monthly summary's fixed number of queries."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kinerja.activities import permissions, selectors
from kinerja.core.team import GOOD, WARN, TeamCell, TeamSection


def _cells(row: selectors.MonthRow, url: str) -> list[TeamCell]:
    cells = []
    if row.absent:
        cells.append(
            TeamCell(
                ngettext("%(n)s day absent", "%(n)s days absent", row.absent) % {"n": row.absent},
                WARN,
                url,
            )
        )
    if row.late_days:
        cells.append(
            TeamCell(
                ngettext("late %(n)s day", "late %(n)s days", row.late_days) % {"n": row.late_days},
                WARN,
                url,
            )
        )
    if row.early_days:
        cells.append(
            TeamCell(
                ngettext("left early %(n)s day", "left early %(n)s days", row.early_days)
                % {"n": row.early_days},
                WARN,
                url,
            )
        )
    if not cells and row.present:
        cells.append(
            TeamCell(
                ngettext("present %(n)s day", "present %(n)s days", row.present)
                % {"n": row.present},
                GOOD,
                url,
            )
        )
    return cells


def team_section(viewer, members: list, day: datetime.date) -> TeamSection | None:
    ids = {m.pk for m in members}
    readable = set(
        selectors.employees_in_scope(viewer, day=day)
        .filter(pk__in=ids)
        .values_list("pk", flat=True)
    )
    people = [(m.pk, m.name, "") for m in members if m.pk in readable]
    if not people:
        return None
    summary = selectors._summarise(viewer.agency_id, people, day.year, day.month)
    month = f"?bulan={day.year}-{day.month:02d}"
    section = TeamSection(
        key="attendance",
        title=_("Attendance this month"),
        # Leaders have no page of the team's attendance but this one: the cells link each month.
        url=reverse("activities:attendance") if permissions.can_read_summaries(viewer) else "",
        action=_("Open the monthly summary"),
        order=40,
    )
    for row in summary.rows:
        url = reverse("activities:employee_month", args=[row.employee_id]) + month
        section.cells[row.employee_id] = _cells(row, url)
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
