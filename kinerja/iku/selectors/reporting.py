"""What a person must report: the realisations of the period that ended last, for Beranda and
the reporting page.

A realisation is due `realisation_due_working_days` working days after its period ends
(`realisation_due_date`). The people who report an indicator are the holder of its responsible
post, or, when it names none, the head of its owner unit; the admins of the owner unit report
for every indicator of their units. Each of them may open the entry page
(`permissions.can_enter_realisation`), so no item leads to a refusal.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q

from kinerja.core import calendar
from kinerja.iku.models import Indicator, Period, Realisation
from kinerja.iku.selectors.calendar import days_off
from kinerja.iku.selectors.core import expected_periods, realisation_due_date, year_periods
from kinerja.iku.selectors.pages import default_performance_year
from kinerja.org import permissions as org_permissions


@dataclass
class ReportRow:
    indicator: Indicator
    period: Period
    realisation: Realisation | None

    @property
    def to_report(self) -> bool:
        return self.realisation is None or self.realisation.is_editable


@dataclass
class ReportingDue:
    periods: list[Period]
    due_date: datetime.date
    days_left: int  # working days; negative when late
    rows: list[ReportRow] = field(default_factory=list)

    @property
    def to_report(self) -> list[ReportRow]:
        return [row for row in self.rows if row.to_report]

    @property
    def days_late(self) -> int:
        return max(0, -self.days_left)


def working_days_left(agency_id: int, today: datetime.date, due: datetime.date) -> int:
    """Working days from tomorrow to the due day (0 on the day itself), negative when late."""
    if today <= due:
        start, end = today + datetime.timedelta(days=1), due
        return calendar.working_days_between(start, end, days_off(agency_id, start, end))
    start, end = due + datetime.timedelta(days=1), today
    return -calendar.working_days_between(start, end, days_off(agency_id, start, end))


def _reporter_scope(viewer) -> Q | None:
    """Q on Indicator for the indicators the viewer reports; None when they report none."""
    conditions = []
    held = sorted(p.pk for p in viewer.held_positions)
    if held:
        conditions.append(Q(responsible_position_id__in=held))
    headed = sorted(unit.pk for unit in org_permissions.headed_units(viewer))
    if headed:
        conditions.append(Q(responsible_position__isnull=True, goal__owner_unit_id__in=headed))
    conditions += [Q(goal__owner_unit__path__startswith=path) for path in viewer.admin_unit_paths]
    if not conditions:
        return None
    condition = conditions[0]
    for other in conditions[1:]:
        condition |= other
    return condition


def reporting_due(viewer) -> ReportingDue | None:
    """The viewer's indicators that report on the period(s) that ended last (a quarter or month,
    and the year on 31 December), each with its realisation if one was started; None when the
    viewer reports nothing. One query for those who report nothing, five at most otherwise,
    whatever the agency's size."""
    if not viewer.is_authenticated:
        return None
    scope = _reporter_scope(viewer)
    if scope is None:
        return None
    # The viewer's indicators are read first: most people report none, and are answered in
    # one query; the year's window is applied once the year is known.
    candidates = list(
        Indicator.objects.filter(
            scope, agency_id=viewer.agency_id, is_active=True, goal__is_active=True
        )
        .select_related("goal__owner_unit")
        .order_by("goal__owner_unit__path", "code", "pk")
    )
    if not candidates:
        return None
    py = default_performance_year(viewer)
    if py is None:
        return None
    ended = [p for p in year_periods(py) if p.end_date < viewer.today]
    if not ended:
        return None
    last_end = max(p.end_date for p in ended)
    closing = [p for p in ended if p.end_date == last_end]
    for period in closing:
        period.performance_year = py
    indicators = [
        indicator
        for indicator in candidates
        if indicator.goal.plan_start_year <= py.year <= indicator.goal.plan_end_year
    ]
    started = {
        (r.indicator_id, r.period_id): r
        for r in Realisation.objects.filter(
            period__in=[p.pk for p in closing], indicator__in=[i.pk for i in indicators]
        )
    }
    rows = [
        ReportRow(indicator, period, started.get((indicator.pk, period.pk)))
        for indicator in indicators
        for period in expected_periods(indicator.reporting_frequency, closing)
    ]
    if not rows:
        return None
    due = realisation_due_date(closing[0])
    return ReportingDue(
        periods=closing,
        due_date=due,
        days_left=working_days_left(py.agency_id, viewer.today, due),
        rows=rows,
    )
