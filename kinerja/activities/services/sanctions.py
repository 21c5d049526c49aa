"""Discipline notices: the year's unexcused absence counted again after every import or
correction (PP 94/2021), a notice proposed at each new level, and the recorded decision."""

from __future__ import annotations

import bisect
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.actors import audit_actor, require
from kinerja.activities import permissions, rules, selectors
from kinerja.activities.models import (
    AttendanceDay,
    LeaveRecord,
    NoticeStatus,
    SanctionLevel,
    SanctionNotice,
)
from kinerja.core import audit, calendar
from kinerja.core.audit import build_event, record_many, snapshot
from kinerja.iku.selectors import days_off
from kinerja.org.models import Agency

# --- sanctions ----------------------------------------------------------------------------------


def _year_working_days(agency_id: int, year: int, upto: datetime.date) -> list[datetime.date]:
    first, last = selectors.attendance_span(agency_id, year)
    if first is None:
        return []
    last = min(last, upto)
    off = days_off(agency_id, first, last)
    return [d for d in rules.dates_between(first, last) if calendar.is_working_day(d, off)]


def sanctions_recompute(
    *, agency_id: int, year: int, employee_ids=None, today: datetime.date | None = None
) -> list[SanctionNotice]:
    """Count the year's unexcused absence again and propose a notice for each employee who has
    reached a level heavier than any proposed before (system work, called inside the
    import's or the correction's transaction).

    Counted for each employee are the working days from the first day the machines recorded
    them in the year to the last day the agency's machines reported (a day after that has no
    data yet); a day with a presence or a leave is not an absence.
    """
    working = _year_working_days(agency_id, year, today or timezone.localdate())
    if not working:
        return []
    days = AttendanceDay.objects.filter(
        agency_id=agency_id, date__gte=working[0], date__lte=working[-1]
    )
    if employee_ids is not None:
        days = days.filter(employee_id__in=list(employee_ids))
    counts = dict(
        days.filter(date__in=working)
        .values("employee_id")
        .annotate(n=Count("pk"))
        .values_list("employee_id", "n")
    )
    # Each employee from the first day the machines recorded them in the year: before it they
    # were not enrolled (new, moved in, or a unit whose machine came later), not absent.
    starts = dict(
        days.values("employee_id").annotate(first=Min("date")).values_list("employee_id", "first")
    )
    candidates = []
    for employee_id, start in starts.items():
        possible = len(working) - bisect.bisect_left(working, start) - counts.get(employee_id, 0)
        if possible >= rules.CUMULATIVE_THRESHOLDS[-1][0]:
            candidates.append(employee_id)
    if not candidates:
        return []
    present: dict[int, set] = {pk: set() for pk in candidates}
    for employee_id, day in days.filter(employee_id__in=candidates).values_list(
        "employee_id", "date"
    ):
        present[employee_id].add(day)
    excused: dict[int, set] = {pk: set() for pk in candidates}
    for employee_id, start, end in LeaveRecord.objects.filter(
        employee_id__in=candidates, start_date__lte=working[-1], end_date__gte=working[0]
    ).values_list("employee_id", "start_date", "end_date"):
        excused[employee_id].update(rules.dates_between(start, end))
    existing: dict[int, int] = {}
    for employee_id, level in SanctionNotice.objects.filter(
        employee_id__in=candidates, year=year
    ).values_list("employee_id", "level"):
        existing[employee_id] = max(existing.get(employee_id, 0), rules.severity(level))
    notices = []
    for employee_id in sorted(candidates):
        start = starts[employee_id]
        absence = rules.unexplained_absence(
            [d for d in working if d >= start], present[employee_id], excused[employee_id]
        )
        level = rules.absence_sanction(absence.days, absence.longest_run)
        if level and rules.severity(level) > existing.get(employee_id, 0):
            notices.append(
                SanctionNotice(
                    agency_id=agency_id,
                    employee_id=employee_id,
                    year=year,
                    level=level,
                    days_absent=absence.days,
                    consecutive_days=absence.longest_run,
                )
            )
    if notices:
        officials = selectors.deciding_officials(
            {n.employee_id: n.level for n in notices}, working[-1]
        )
        for notice in notices:
            notice.authority, notice.deciding_official_id = officials[notice.employee_id]
        with transaction.atomic():
            SanctionNotice.objects.bulk_create(notices)
            record_many(
                [
                    build_event(
                        actor=None,
                        action="activities.notice.proposed",
                        obj=notice,
                        after=snapshot(
                            notice,
                            [
                                "level",
                                "days_absent",
                                "consecutive_days",
                                "authority",
                                "deciding_official",
                            ],
                        ),
                        agency=Agency(pk=agency_id),
                    )
                    for notice in SanctionNotice.objects.filter(
                        employee_id__in=[n.employee_id for n in notices],
                        year=year,
                        status=NoticeStatus.PROPOSED,
                    ).select_related("employee")
                ]
            )
    return notices


def notice_decide(
    *,
    actor,
    notice: SanctionNotice,
    decided_level: str = "",
    no_sanction: bool = False,
    decree_number: str = "",
    decree_date: datetime.date | None = None,
    note: str = "",
) -> SanctionNotice:
    """Record the official's decision on a proposed notice: final once recorded."""
    require(actor, lambda v: permissions.can_decide_notice(v, notice))
    errors = {}
    if not no_sanction and decided_level not in SanctionLevel.values:
        errors["decided_level"] = _("Choose the sanction decided, or tick “no sanction”.")
    if no_sanction and decided_level:
        errors["decided_level"] = _("A decision of no sanction names no level.")
    if not no_sanction and not (decree_number or "").strip():
        errors["decree_number"] = _("Give the number of the decree.")
    if decree_date and decree_date > timezone.localdate():
        errors["decree_date"] = _("The decree date cannot be in the future.")
    if no_sanction and not (note or "").strip():
        errors["note"] = _("Say why no sanction is given.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = SanctionNotice.objects.select_for_update().get(pk=notice.pk)
        if locked.status != NoticeStatus.PROPOSED:
            raise ValidationError(_("This notice has been decided already."), code="decided")
        locked.status = NoticeStatus.DECIDED
        locked.decided_level = "" if no_sanction else decided_level
        locked.no_sanction = no_sanction
        locked.decree_number = (decree_number or "").strip()
        locked.decree_date = decree_date
        locked.decision_note = (note or "").strip()
        locked.decided_by = audit_actor(actor)
        locked.decided_at = timezone.now()
        locked.full_clean()
        locked.save()
        audit.record(
            actor=audit_actor(actor),
            action="activities.notice.decided",
            obj=locked,
            before={"status": NoticeStatus.PROPOSED},
            after=snapshot(
                locked, ["status", "decided_level", "no_sanction", "decree_number", "decree_date"]
            ),
            reason=locked.decision_note,
        )
    return locked
