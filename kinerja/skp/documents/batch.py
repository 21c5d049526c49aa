"""Batch print (cetak massal): the PDFs of every set plan of a unit subtree in one ZIP.

A job is created by the view (`print_job_create`) and started by
`kinerja.skp.tasks.print_job_start` (this module never imports tasks); the task takes ids,
reloads the job and the user, checks the user's permission again (roles change) and renders in
the user's language. Progress is written to the job as the PDFs are made, so that the progress
page can show it. The ZIP is stored under MEDIA_ROOT, which is not served: it is
downloaded through a view that checks the viewer.
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
from kinerja.org.personal_data import PersonalData
from kinerja.skp.documents import access
from kinerja.skp.documents.pdf import render_skp_pdf, skp_filename
from kinerja.skp.models import PrintJobStatus, SkpPrintJob
from kinerja.skp.selectors.documents import document_plans, set_plan_ids

logger = logging.getLogger(__name__)

# Plans loaded (with their RHK and indicators) per round of queries.
CHUNK = 50
# Progress is written after every this many PDFs (and at the end).
PROGRESS_EVERY = 5


def print_job_create(*, actor, unit, year: int, language: str = "") -> SkpPrintJob:
    """A pending batch. The job is its own record (who, when, what): no audit event, as for
    imports; printing changes no plan."""
    return SkpPrintJob.objects.create(
        agency_id=unit.agency_id,
        unit=unit,
        year=year,
        created_by=actor,
        language=(language or "")[:10],
    )


def print_job_run(job_id: int, *, user_id: int | None, language: str | None = None) -> None:
    """Render the job's plans into a ZIP. Runs a job at most once."""
    claimed = SkpPrintJob.objects.filter(pk=job_id, status=PrintJobStatus.PENDING).update(
        status=PrintJobStatus.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return
    job = SkpPrintJob.objects.select_related("unit", "agency").get(pk=job_id)
    with translation.override(language or job.language or settings.LANGUAGE_CODE):
        viewer = _printer(user_id, job)
        if viewer is None:
            _finish(
                job,
                PrintJobStatus.FAILED,
                _("The user who asked for this batch may no longer print the plans of this unit."),
            )
            return
        try:
            _run(job, viewer=viewer, today=timezone.localdate())
        except Exception:
            logger.exception("SKP print job %s failed", job.pk)
            _finish(
                job,
                PrintJobStatus.FAILED,
                _(
                    "The batch stopped because of an internal error. "
                    "Please tell the system administrator."
                ),
            )


def _printer(user_id: int | None, job: SkpPrintJob):
    """The viewer of the user who asked, if they may still print the unit's plans."""
    user = User.objects.filter(pk=user_id, is_active=True).first() if user_id else None
    if user is None:
        return None
    viewer = build_viewer(user)
    return viewer if access.can_print_batch(viewer, job.unit) else None


def _run(job: SkpPrintJob, *, viewer, today) -> None:
    """The PDFs are printed for the user who asked: NIPs they may not see are masked."""
    personal = PersonalData(viewer)
    ids = set_plan_ids(job.unit, job.year)
    job.total = len(ids)
    job.processed = 0
    job.save(update_fields=["total", "processed"])
    folder = slugify(job.unit.code.replace(".", "-")) or str(job.unit_id)
    with tempfile.TemporaryFile() as handle:
        with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for start in range(0, len(ids), CHUNK):
                plans = document_plans(ids[start : start + CHUNK])
                personal.preload([p.employee for p in plans] + [p.rater for p in plans])
                for skp in plans:
                    content = render_skp_pdf(skp, viewer=personal, printed_on=today)
                    unit_folder = slugify(skp.unit.code.replace(".", "-")) or str(skp.unit_id)
                    archive.writestr(f"{unit_folder}/{skp_filename(skp)}", content)
                    job.processed += 1
                    if job.processed % PROGRESS_EVERY == 0:
                        SkpPrintJob.objects.filter(pk=job.pk).update(processed=job.processed)
        handle.seek(0)
        # The stored name is random: the folder is private, and names must not be guessable.
        name = f"SKP-{job.year}-{folder}-{secrets.token_hex(8)}.zip"
        job.file.save(name, File(handle), save=False)
    _finish(job, PrintJobStatus.DONE)


def _finish(job: SkpPrintJob, status: str, message: str = "") -> None:
    job.status = status
    job.message = message
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "message", "finished_at", "processed", "total", "file"])


def download_name(job: SkpPrintJob) -> str:
    folder = slugify(job.unit.code.replace(".", "-")) or str(job.unit_id)
    return f"SKP-{job.year}-{folder}.zip"
