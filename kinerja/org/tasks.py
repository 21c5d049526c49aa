"""Background tasks of the organisation app.

A task is a thin entry point that runs a service; services never import this module. The pages
create a job through the service (`imports.import_job_create`) and start it here.
"""

from django.conf import settings
from django_tasks import task

from kinerja.org.imports import import_job_run
from kinerja.org.models import ImportJob


@task()
def run_import_job(job_id: int, user_id: int, language: str = "") -> None:
    """Validate and apply an uploaded organisation file (see `imports.import_job_run`)."""
    import_job_run(job_id, user_id=user_id, language=language or None)


def import_job_start(job: ImportJob, *, user, language: str) -> None:
    """Run a small file at once, so that the result shows without waiting for a worker, and
    queue any other for the background worker: one with many rows, or one too large to have
    been counted (`total_rows` 0, see `imports.import_job_create`)."""
    if 0 < job.total_rows <= settings.IMPORT_BACKGROUND_ROWS:
        run_import_job.call(job.pk, user.pk, language)
    else:
        run_import_job.enqueue(job.pk, user.pk, language)
