"""Attendance and leave imports: stored as a pending `AttendanceImport` (`import_create`), run
by `kinerja.activities.tasks.import_start`; `import_run` validates the whole file and applies it
only when no row has an error, then counts the year's unexcused absence again."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection, transaction
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
)
from kinerja.activities.services.sanctions import sanctions_recompute
from kinerja.core import audit
from kinerja.core.files import clean_filename
from kinerja.org.models import Agency, Employee

logger = logging.getLogger(__name__)

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
    with translation.override(language or settings.LANGUAGE_CODE):
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
            action=IMPORT_ACTIONS[job.kind],
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


IMPORT_ACTIONS = {
    ImportKind.ATTENDANCE: "activities.import.attendance",
    ImportKind.LEAVE: "activities.import.leave",
}
UPSERT_BATCH = 1000
DAY_COLUMNS = (
    "agency_id",
    "employee_id",
    "date",
    "time_in",
    "time_out",
    "machine_time_in",
    "machine_time_out",
    "late_minutes",
    "early_minutes",
    "source_import_id",
    "is_corrected",
    "correction_reason",
)
# A day imported again takes the machine's new times; a corrected day keeps its correction and
# only the machine's times beside it change.
REPLACED = ("machine_time_in", "machine_time_out", "source_import_id")
KEPT_WHEN_CORRECTED = ("time_in", "time_out", "late_minutes", "early_minutes")


def _upsert_days(rows: list[tuple]) -> None:
    """Insert or replace days (INSERT ... ON CONFLICT, in PostgreSQL and SQLite alike): a month
    of a province is over a million rows, which the ORM's objects would take minutes to build.
    PostgreSQL receives them by COPY into a temporary table first; SQLite in batches."""
    table = connection.ops.quote_name(AttendanceDay._meta.db_table)
    columns = ", ".join(DAY_COLUMNS)
    updates = [f"{c} = excluded.{c}" for c in REPLACED] + [
        f"{c} = CASE WHEN {table}.is_corrected THEN {table}.{c} ELSE excluded.{c} END"
        for c in KEPT_WHEN_CORRECTED
    ]
    on_conflict = f"ON CONFLICT (employee_id, date) DO UPDATE SET {', '.join(updates)}"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP TABLE IF EXISTS attendance_upload")
            cursor.execute(
                f"CREATE TEMPORARY TABLE attendance_upload ON COMMIT DROP AS "
                f"SELECT {columns} FROM {table} WITH NO DATA"
            )
            with cursor.cursor.copy(f"COPY attendance_upload ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT {columns} FROM attendance_upload "
                f"{on_conflict}"
            )
            cursor.execute("DROP TABLE attendance_upload")
            return
        one_row = "(" + ", ".join(["%s"] * len(DAY_COLUMNS)) + ")"
        for start in range(0, len(rows), UPSERT_BATCH):
            batch = rows[start : start + UPSERT_BATCH]
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {', '.join([one_row] * len(batch))} "
                f"{on_conflict}",
                [value for row in batch for value in row],
            )


class _Adapted(dict):
    """Dates and times as the database driver takes them, each adapted once."""

    def __init__(self, adapt):
        super().__init__()
        self.adapt = adapt

    def __missing__(self, value):
        adapted = self[value] = self.adapt(value)
        return adapted


def _apply_attendance(job, parsed, known: dict[str, int], setting: AttendanceSetting):
    rows, touched = [], {}
    late_of = {}
    db_date = _Adapted(connection.ops.adapt_datefield_value)
    db_time = _Adapted(connection.ops.adapt_timefield_value)
    for (nip, day), scans in parsed.scans.items():
        time_in, time_out = rules.first_and_last(scans)
        if time_in not in late_of:
            late_of[time_in] = rules.late_minutes(
                time_in, setting.work_start, setting.grace_minutes
            )
        employee_id = known[nip]
        rows.append(
            (
                job.agency_id,
                employee_id,
                db_date[day],
                db_time[time_in],
                db_time[time_out],
                db_time[time_in],
                db_time[time_out],
                late_of[time_in],
                rules.early_minutes(time_out, setting.end_on(day)),
                job.pk,
                False,
                "",
            )
        )
        touched.setdefault(day.year, set()).add(employee_id)
    dates = {day for _nip, day in parsed.scans}
    kept = AttendanceDay.objects.filter(
        agency_id=job.agency_id, is_corrected=True, date__gte=min(dates), date__lte=max(dates)
    ).count()
    _upsert_days(rows)
    summary = {
        "days": len(rows),
        "employees": len({row[1] for row in rows}),
        "kept_corrections": kept,
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
