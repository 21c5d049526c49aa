"""Background tasks of the SKP app.

A task is a thin entry point that runs a service; services never import this module. The pages
create a job through the service (`documents.batch.print_job_create`) and start it here.
"""

from django_tasks import task

from kinerja.skp.documents.batch import print_job_run
from kinerja.skp.models import SkpPrintJob


@task()
def run_skp_print_job(job_id: int, user_id: int, language: str = "") -> None:
    """Render the set plans of a unit subtree into one ZIP (`documents.batch.print_job_run`)."""
    print_job_run(job_id, user_id=user_id, language=language or None)


def print_job_start(job: SkpPrintJob, *, user) -> None:
    """Queue the job for the background worker (run at once by the immediate backend)."""
    run_skp_print_job.enqueue(job.pk, user.pk, job.language)
