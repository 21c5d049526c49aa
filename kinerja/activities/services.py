"""Writes of attendance, leave and discipline notices: each checks its permission, validates,
writes in one transaction and records one audit event.

An import is stored as a pending `AttendanceImport` (`import_create`) and run by
`kinerja.activities.tasks.import_start`; `import_run` validates the whole file and applies it
only when no row has an error. After every import or correction the year's unexcused absence
of the people concerned is counted again (`sanctions_recompute`) and a notice is proposed when
someone reaches a new level of PP 94/2021.
"""

from __future__ import annotations

import bisect
import datetime
import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Min
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kinerja.accounts.actors import audit_actor, require
from kinerja.accounts.models import User
from kinerja.accounts.viewer import build_viewer
from kinerja.activities import imports, permissions, rules, selectors
from kinerja.activities.models import (
    AttendanceDay,
    AttendanceImport,
    AttendanceSetting,
    ImportKind,
    ImportStatus,
    LeaveRecord,
    NoticeStatus,
    SanctionLevel,
    SanctionNotice,
)
from kinerja.core import audit, calendar
from kinerja.core.audit import build_event, record_many, snapshot
from kinerja.core.files import clean_filename
from kinerja.iku.selectors import days_off
from kinerja.org.models import Agency, Employee

logger = logging.getLogger(__name__)

SETTING_FIELDS = [
    "id_column",
    "date_column",
    "time_in_column",
    "time_out_column",
    "timestamp_column",
    "date_format",
    "time_format",
    "work_start",
    "work_end",
    "friday_end",
    "grace_minutes",
]


def setting_save(*, actor, agency: Agency, **values) -> AttendanceSetting:
    require(actor, lambda v: permissions.can_configure(v, agency.pk))
    with transaction.atomic():
        setting = AttendanceSetting.objects.select_for_update().filter(agency=agency).first()
        setting = setting or AttendanceSetting(agency=agency)
        before = snapshot(setting, SETTING_FIELDS) if setting.pk else None
        for name in SETTING_FIELDS:
            if name in values:
                setattr(setting, name, values[name])
        if not setting.timestamp_column and not (setting.time_in_column or setting.time_out_column):
            raise ValidationError(
                {"time_in_column": _("Name the arrival column, or a single scan-time column.")}
            )
        setting.full_clean()
        setting.save()
        audit.record(
            actor=audit_actor(actor),
            action="activities.setting.saved",
            obj=setting,
            before=before,
            after=snapshot(setting, SETTING_FIELDS),
            agency=agency,
        )
    return setting


# --- imports ----------------------------------------------------------------------------------


def import_create(
    *, actor, agency: Agency, kind: str, data: bytes, filename: str, file_format: str
) -> AttendanceImport:
    """Store the uploaded file as a pending import. The import is its own record."""
    require(actor, lambda v: permissions.can_import(v, agency.pk))
    if kind not in ImportKind.values:
        raise ValidationError({"kind": _("Choose what the file holds.")})
    job = AttendanceImport(
        agency=agency,
        kind=kind,
        created_by=audit_actor(actor),
        original_name=clean_filename(filename, max_length=255),
        file_format=file_format,
        total_rows=max(data.count(b"\n") - 1, 0) if file_format == "csv" else 0,
    )
    job.file.save(
        f"{kind}-{timezone.now():%Y%m%d%H%M%S}.{file_format}", ContentFile(data), save=False
    )
    job.save()
    return job


def import_run(import_id: int, *, user_id: int | None, language: str | None = None) -> None:
    """Validate the file, then apply it or store every error. Runs an import at most once."""
    claimed = AttendanceImport.objects.filter(pk=import_id, status=ImportStatus.PENDING).update(
        status=ImportStatus.RUNNING
    )
    if not claimed:
        return
    job = AttendanceImport.objects.select_related("agency").get(pk=import_id)
    with translation.override(language or "id"):
        user = User.objects.filter(pk=user_id, is_active=True).first() if user_id else None
        viewer = build_viewer(user) if user else None
        if user_id and (viewer is None or not permissions.can_import(viewer, job.agency_id)):
            _finish(
                job,
                ImportStatus.FAILED,
                [
                    imports.row_error(
                        None,
                        "",
                        _(
                            "The user who uploaded the file may no longer import; "
                            "nothing was changed."
                        ),
                    )
                ],
            )
            return
        try:
            with job.file.open("rb") as stored:
                data = stored.read()
            apply_file(job, data, actor=viewer)
        except Exception:
            logger.exception("attendance import %s failed", job.pk)
            _finish(
                job,
                ImportStatus.FAILED,
                [
                    imports.row_error(
                        None,
                        "",
                        _(
                            "The import stopped because of an internal error and "
                            "nothing was changed."
                        ),
                    )
                ],
            )


def _finish(job: AttendanceImport, status: str, errors=None, summary=None) -> None:
    job.status = status
    job.errors = (errors or [])[: imports.MAX_ERRORS]
    job.summary = summary or {"error_count": len(errors or [])}
    job.finished_at = timezone.now()
    job.save(
        update_fields=["status", "errors", "summary", "finished_at", "total_rows", "processed_rows"]
    )


def _employees_by_nip(actor, agency: Agency, nips: set[str]) -> dict[str, int]:
    """NIP -> employee id among those the actor may import for."""
    viewer = actor
    people = (
        Employee.objects.filter(agency=agency)
        if viewer is None
        else selectors.managed_employees(viewer)
    )
    found = {}
    nip_list = list(nips)
    for start in range(0, len(nip_list), 5000):
        found.update(people.filter(nip__in=nip_list[start : start + 5000]).values_list("nip", "pk"))
    return found


def apply_file(job: AttendanceImport, data: bytes, *, actor) -> AttendanceImport:
    """Check the whole file; apply it in one transaction when no row has an error."""
    if job.kind == ImportKind.ATTENDANCE:
        setting = selectors.setting_of(job.agency_id)
        parsed = imports.parse_attendance(data, job.original_name, setting)
        nips = {nip for nip, _day in parsed.scans}
    else:
        setting = None
        parsed = imports.parse_leave(data, job.original_name)
        nips = {nip for _row, nip, *_rest in parsed.leaves}
    job.total_rows = parsed.row_count
    job.processed_rows = parsed.row_count
    known = _employees_by_nip(actor, job.agency, nips) if nips else {}
    unknown = nips - set(known)
    if unknown:
        message = _("No employee with this NIP among the people you may import for.")
        column = setting.id_column if setting else "nip"
        if setting:
            for nip in sorted(unknown):
                parsed.add_error(None, column, f"{message} ({nip})")
        else:
            for row, nip, *_rest in parsed.leaves:
                if nip in unknown:
                    parsed.add_error(row, column, message)
    if parsed.errors:
        _finish(job, ImportStatus.INVALID, sorted(parsed.errors, key=_error_order))
        return job
    with transaction.atomic():
        if setting is not None:
            summary, touched = _apply_attendance(job, parsed, known, setting)
        else:
            summary, touched = _apply_leave(job, parsed, known)
        audit.record(
            actor=audit_actor(actor),
            action=f"activities.import.{job.kind}",
            obj=job,
            after=summary,
            agency=job.agency,
        )
        for year, employee_ids in touched.items():
            sanctions_recompute(agency_id=job.agency_id, year=year, employee_ids=employee_ids)
    _finish(job, ImportStatus.DONE, summary=summary)
    return job


def _error_order(error: dict):
    return (error["row"] or 0, error["column"], error["message"])


def _apply_attendance(job, parsed, known: dict[str, int], setting: AttendanceSetting):
    days = []
    for (nip, day), scans in parsed.scans.items():
        time_in, time_out = rules.first_and_last(scans)
        days.append(
            AttendanceDay(
                agency_id=job.agency_id,
                employee_id=known[nip],
                date=day,
                time_in=time_in,
                time_out=time_out,
                machine_time_in=time_in,
                machine_time_out=time_out,
                late_minutes=rules.late_minutes(time_in, setting.work_start, setting.grace_minutes),
                early_minutes=rules.early_minutes(time_out, setting.end_on(day)),
                source_import=job,
            )
        )
    dates = {d.date for d in days}
    corrected = set(
        AttendanceDay.objects.filter(
            agency_id=job.agency_id,
            is_corrected=True,
            date__gte=min(dates),
            date__lte=max(dates),
        ).values_list("employee_id", "date")
    )
    fresh = [d for d in days if (d.employee_id, d.date) not in corrected]
    AttendanceDay.objects.bulk_create(
        fresh,
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["employee", "date"],
        update_fields=[
            "time_in",
            "time_out",
            "machine_time_in",
            "machine_time_out",
            "late_minutes",
            "early_minutes",
            "source_import",
        ],
    )
    # A corrected day keeps its correction; the machine's new times are kept beside it.
    for day in days:
        if (day.employee_id, day.date) in corrected:
            AttendanceDay.objects.filter(employee_id=day.employee_id, date=day.date).update(
                machine_time_in=day.time_in, machine_time_out=day.time_out
            )
    touched: dict[int, set[int]] = {}
    for day in days:
        touched.setdefault(day.date.year, set()).add(day.employee_id)
    summary = {
        "days": len(days),
        "employees": len({d.employee_id for d in days}),
        "kept_corrections": len(days) - len(fresh),
        "first_date": min(dates).isoformat(),
        "last_date": max(dates).isoformat(),
    }
    return summary, touched


def _apply_leave(job, parsed, known: dict[str, int]):
    records = [
        LeaveRecord(
            agency_id=job.agency_id,
            employee_id=known[nip],
            kind=kind,
            start_date=start,
            end_date=end,
            source_import=job,
        )
        for _row, nip, kind, start, end in parsed.leaves
    ]
    LeaveRecord.objects.bulk_create(
        records,
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["employee", "kind", "start_date"],
        update_fields=["end_date", "source_import"],
    )
    touched: dict[int, set[int]] = {}
    for record in records:
        for year in range(record.start_date.year, record.end_date.year + 1):
            touched.setdefault(year, set()).add(record.employee_id)
    return {
        "leave_records": len(records),
        "employees": len({r.employee_id for r in records}),
    }, touched


# --- corrections --------------------------------------------------------------------------------


def day_correct(
    *,
    actor,
    employee: Employee,
    date: datetime.date,
    time_in: datetime.time | None,
    time_out: datetime.time | None,
    reason: str,
) -> AttendanceDay:
    """Correct (or record) one day's times with a reason; the machine's times stay beside them."""
    viewer = require(actor, lambda v: permissions.can_correct(v, employee))
    if viewer is not None:
        employee = selectors.managed_employees(viewer).filter(pk=employee.pk).first() or employee
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the times are corrected.")})
    if time_in and time_out and time_out < time_in:
        raise ValidationError({"time_out": _("The departure is before the arrival.")})
    today = timezone.localdate()
    if date > today:
        raise ValidationError({"date": _("A day in the future cannot be corrected.")})
    setting = selectors.setting_of(employee.agency_id)
    with transaction.atomic():
        day = AttendanceDay.objects.select_for_update().filter(employee=employee, date=date).first()
        before = snapshot(day, ["time_in", "time_out"]) if day else None
        if day is None:
            day = AttendanceDay(agency_id=employee.agency_id, employee=employee, date=date)
        day.time_in, day.time_out = time_in, time_out
        day.late_minutes = rules.late_minutes(time_in, setting.work_start, setting.grace_minutes)
        day.early_minutes = rules.early_minutes(time_out, setting.end_on(date))
        day.is_corrected = True
        day.correction_reason = reason[:500]
        day.corrected_by = audit_actor(actor)
        day.corrected_at = timezone.now()
        day.save()
        audit.record(
            actor=audit_actor(actor),
            action="activities.day.corrected",
            obj=day,
            before=before,
            after=snapshot(day, ["time_in", "time_out"]),
            agency=employee.agency,
            reason=reason,
        )
        sanctions_recompute(
            agency_id=employee.agency_id, year=date.year, employee_ids={employee.pk}
        )
    return day


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
        with transaction.atomic():
            SanctionNotice.objects.bulk_create(notices)
            record_many(
                [
                    build_event(
                        actor=None,
                        action="activities.notice.proposed",
                        obj=notice,
                        after=snapshot(notice, ["level", "days_absent", "consecutive_days"]),
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
