"""Validating and applying a file, directly or as an ImportJob run by a task with progress.

A job is created here (`import_job_create`) and started by
`kinerja.org.tasks.import_job_start`, which runs `import_job_run` in the request or in the
worker; this module never imports tasks."""

from __future__ import annotations

import datetime
import hashlib
import logging
from collections.abc import Callable

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kinerja.accounts.actors import audit_actor, require
from kinerja.accounts.models import User
from kinerja.accounts.viewer import build_viewer
from kinerja.core.files import clean_filename
from kinerja.org import permissions
from kinerja.org.imports.apply import apply_plan
from kinerja.org.imports.errors import MAX_ERRORS, file_error, sorted_errors
from kinerja.org.imports.planning import ImportPlan, Records, parse_records, plan_import
from kinerja.org.imports.reader import estimate_rows, read_file, unpacked_size
from kinerja.org.models import Agency, ImportJob, ImportStatus

logger = logging.getLogger(__name__)


def read_records(
    data: bytes, filename: str, sheet_kind: str | None = None, *, today=None
) -> Records:
    """Read the file and check every cell on its own; no database access."""
    today = today or timezone.localdate()
    return parse_records(read_file(data, filename, sheet_kind or None), today=today)


def validate_import_file(
    agency: Agency,
    data: bytes,
    filename: str,
    sheet_kind: str | None = None,
    *,
    today: datetime.date | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportPlan:
    """Check the whole file against itself and the agency's data; write nothing.

    The plan's `errors` lists every problem ({sheet, row, column, message}); when it is empty,
    the plan says what each row would create, update, move or leave unchanged.
    """
    records = read_records(data, filename, sheet_kind, today=today)
    return _planned(agency, records, progress)


def _planned(agency: Agency, records: Records, progress=None) -> ImportPlan:
    plan = plan_import(agency, records, progress=progress)
    plan.records = records
    plan.errors = sorted_errors(plan.errors)
    return plan


def _lock_agency(agency: Agency) -> None:
    # The same lock the tree services take, so an import and a manual edit run one after another.
    Agency.objects.select_for_update().filter(pk=agency.pk).first()


def apply_import_plan(plan: ImportPlan, *, actor, reason: str = "") -> ImportPlan:
    """Apply a validated plan in one transaction; all or nothing.

    The data may have changed since the plan was made (validation runs outside the transaction
    so that its progress can be seen), so the plan is made again under the agency lock. If that
    finds errors, nothing is written and the returned plan carries them.
    """
    if not plan.is_valid:
        return plan
    with transaction.atomic():
        _lock_agency(plan.agency)
        fresh = _planned(plan.agency, plan.records)
        if fresh.is_valid and fresh.has_changes:
            apply_plan(fresh, actor=actor, reason=reason)
    return fresh


def import_file(
    agency: Agency,
    data: bytes,
    filename: str,
    *,
    actor,
    sheet_kind: str | None = None,
    reason: str = "",
) -> ImportPlan:
    """Validate and apply in one call (demo data, benchmarks, shell); check `.errors`."""
    records = read_records(data, filename, sheet_kind)
    if records.errors:
        return _planned(agency, records)
    with transaction.atomic():
        _lock_agency(agency)
        plan = _planned(agency, records)
        if plan.is_valid and plan.has_changes:
            apply_plan(plan, actor=actor, reason=reason)
    return plan


# --- jobs -------------------------------------------------------------------------------------


def import_job_create(
    *, actor, agency: Agency, data: bytes, filename: str, file_format: str, sheet_kind: str = ""
) -> ImportJob:
    """Store the uploaded file as a pending job. The job is its own record: no audit event.

    The rows of a small file are counted at once; a large one is counted by the worker that
    reads it (`total_rows` stays 0 until then), so that no request reads much of a file.
    """
    require(actor, lambda v: permissions.can_import(v, agency.pk))
    digest = hashlib.sha256(data).hexdigest()
    small = unpacked_size(data, file_format) <= settings.IMPORT_BACKGROUND_BYTES
    job = ImportJob(
        agency=agency,
        created_by=audit_actor(actor),
        original_name=clean_filename(
            filename, max_length=ImportJob._meta.get_field("original_name").max_length
        ),
        sha256=digest,
        file_format=file_format,
        sheet_kind=sheet_kind,
        total_rows=estimate_rows(data, file_format) if small else 0,
    )
    # The stored name is ours: user file names may hold anything.
    job.file.save(f"{digest[:20]}.{file_format}", ContentFile(data), save=False)
    job.save()
    return job


def import_job_run(job_id: int, *, user_id: int | None, language: str | None = None) -> None:
    """Validate the job's file, then apply it or store the errors. Runs a job at most once."""
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportStatus.PENDING).update(
        status=ImportStatus.RUNNING
    )
    if not claimed:
        return
    job = ImportJob.objects.select_related("agency").get(pk=job_id)
    with translation.override(language or settings.LANGUAGE_CODE):
        actor = _importer(user_id, job)
        if actor is None:
            message = _(
                "The user who uploaded the file may no longer import data for this agency; "
                "nothing was changed."
            )
            _finish(job, ImportStatus.FAILED, errors=[file_error(message)])
            return
        try:
            _run(job, actor)
        except Exception:
            logger.exception("import job %s failed", job.pk)
            message = _(
                "The import stopped because of an internal error and nothing was changed. "
                "Please tell the system administrator."
            )
            _finish(job, ImportStatus.FAILED, errors=[file_error(message)])


def _importer(user_id: int | None, job: ImportJob) -> User | None:
    """The uploader, if they may still import for the job's agency (roles can change)."""
    user = User.objects.filter(pk=user_id, is_active=True).first() if user_id else None
    if user is None:
        return None
    viewer = build_viewer(user)
    return user if viewer.can_import and viewer.agency_id == job.agency_id else None


def _run(job: ImportJob, actor: User) -> None:
    with job.file.open("rb") as stored:
        data = stored.read()
    records = read_records(data, job.original_name, job.sheet_kind)
    job.total_rows = records.row_count
    job.processed_rows = 0
    job.save(update_fields=["total_rows", "processed_rows"])
    if records.errors and not records.row_count:
        _finish(job, ImportStatus.INVALID, errors=sorted_errors(records.errors))
        return
    processed = 0

    def progress(count: int) -> None:
        nonlocal processed
        processed += count
        ImportJob.objects.filter(pk=job.pk).update(processed_rows=min(processed, job.total_rows))

    plan = _planned(job.agency, records, progress)
    if plan.is_valid:
        reason = _("Import #%(id)s: %(name)s") % {"id": job.pk, "name": job.original_name}
        plan = apply_import_plan(plan, actor=actor, reason=reason)
    job.processed_rows = job.total_rows
    if plan.is_valid:
        _finish(job, ImportStatus.DONE, summary=plan.summary)
    else:
        _finish(job, ImportStatus.INVALID, errors=plan.errors)


def _finish(job: ImportJob, status: str, *, errors=None, summary=None) -> None:
    errors = errors or []
    job.status = status
    job.errors = errors[:MAX_ERRORS]
    job.summary = summary if summary is not None else {"error_count": len(errors)}
    job.finished_at = timezone.now()
    job.save(
        update_fields=["status", "errors", "summary", "finished_at", "processed_rows", "total_rows"]
    )
