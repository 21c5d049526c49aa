"""Batch print (cetak massal): the PDFs of the evaluations of a period in one ZIP.

A batch holds the evaluations (finalised or later) of the period in the recap scope of the user
who asked (`selectors.recap_scope`), optionally of one unit's subtree. A job is created by the
view (`print_job_create`) and started by `kinerja.appraisals.tasks.print_job_start` (this module
never imports tasks); the task takes ids, reloads the job and the user, checks the user's
permission again (roles change) and renders in the user's language. Progress is written to the
job as the PDFs are made, so that the progress page can show it. The ZIP is stored under
MEDIA_ROOT, which is not served: it is downloaded through a view that checks the viewer.
"""

from __future__ import annotations

import logging
import secrets
import tempfile
import zipfile

from django.conf import settings
from django.core.files import File
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kinerja.accounts.models import User
from kinerja.accounts.viewer import build_viewer
from kinerja.appraisals import selectors
from kinerja.appraisals.documents import access
from kinerja.appraisals.documents.pdf import evaluation_filename, render_evaluation_pdf
from kinerja.appraisals.models import EvaluationPrintJob
from kinerja.org.personal_data import PersonalData
from kinerja.skp.models import PrintJobStatus

logger = logging.getLogger(__name__)

# Evaluations loaded per round of queries.
CHUNK = 50
# Progress is written after every this many PDFs (and at the end).
PROGRESS_EVERY = 5


def print_job_create(*, actor, period, unit=None, language: str = "") -> EvaluationPrintJob:
    """A pending batch. The job is its own record (who, when, what): no audit event, as for
    the SKP batches; printing changes no evaluation."""
    return EvaluationPrintJob.objects.create(
        agency_id=period.performance_year.agency_id,
        period=period,
        unit=unit,
        created_by=actor,
        language=(language or "")[:10],
    )


def print_job_run(job_id: int, *, user_id: int | None, language: str | None = None) -> None:
    """Render the job's evaluations into a ZIP. Runs a job at most once."""
    claimed = EvaluationPrintJob.objects.filter(pk=job_id, status=PrintJobStatus.PENDING).update(
        status=PrintJobStatus.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return
    job = EvaluationPrintJob.objects.select_related("period", "unit").get(pk=job_id)
    with translation.override(language or job.language or settings.LANGUAGE_CODE):
        viewer = _printer(user_id, job)
        if viewer is None:
            _finish(
                job,
                PrintJobStatus.FAILED,
                _(
                    "The user who asked for this batch may no longer print the evaluations "
                    "of this period."
                ),
            )
            return
        try:
            _run(job, viewer=viewer, today=timezone.localdate())
        except Exception:
            logger.exception("Evaluation print job %s failed", job.pk)
            if job.file:
                job.file.delete(save=False)
            _finish(
                job,
                PrintJobStatus.FAILED,
                _(
                    "The batch stopped because of an internal error. "
                    "Please tell the system administrator."
                ),
            )


def _printer(user_id: int | None, job: EvaluationPrintJob):
    """The viewer of the user who asked, if they may still read the recap of the agency."""
    user = User.objects.filter(pk=user_id, is_active=True).first() if user_id else None
    if user is None:
        return None
    viewer = build_viewer(user)
    if viewer.agency_id != job.agency_id or not access.can_read_recap(viewer):
        return None
    return viewer


def _folder(unit, unit_id) -> str:
    return (slugify(unit.code.replace(".", "-")) if unit is not None else "") or str(unit_id)


def _run(job: EvaluationPrintJob, *, viewer, today) -> None:
    """The PDFs are printed for the user who asked: NIPs they may not see are masked."""
    personal = PersonalData(viewer)
    ids = selectors.printable_evaluation_ids(viewer, job.period, job.unit)
    job.total = len(ids)
    job.processed = 0
    job.save(update_fields=["total", "processed"])
    with tempfile.TemporaryFile() as handle:
        with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for start in range(0, len(ids), CHUNK):
                evaluations = selectors.print_evaluations(ids[start : start + CHUNK])
                personal.preload(
                    [e.employee for e in evaluations]
                    + [e.rater for e in evaluations]
                    + [e.rater_superior for e in evaluations]
                )
                for evaluation in evaluations:
                    document = selectors.evaluation_document(evaluation)
                    content = render_evaluation_pdf(document, viewer=personal, printed_on=today)
                    folder = _folder(evaluation.unit, evaluation.unit_id)
                    archive.writestr(f"{folder}/{evaluation_filename(evaluation)}", content)
                    job.processed += 1
                    if job.processed % PROGRESS_EVERY == 0:
                        EvaluationPrintJob.objects.filter(pk=job.pk).update(processed=job.processed)
        handle.seek(0)
        # The stored name is random: the folder is private, and names must not be guessable.
        name = f"{_base_name(job)}-{secrets.token_hex(8)}.zip"
        job.file.save(name, File(handle), save=False)
    _finish(job, PrintJobStatus.DONE)


def _finish(job: EvaluationPrintJob, status: str, message: str = "") -> None:
    job.status = status
    job.message = message
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "message", "finished_at", "processed", "total", "file"])


def _base_name(job: EvaluationPrintJob) -> str:
    period = slugify(job.period.label)[:30] or str(job.period_id)
    unit = _folder(job.unit, job.unit_id) if job.unit_id else "semua"
    return f"Evaluasi-{period}-{unit}"


def download_name(job: EvaluationPrintJob) -> str:
    return f"{_base_name(job)}.zip"
