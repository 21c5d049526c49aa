"""Background tasks of the SKP app."""

from django_tasks import task


@task()
def run_skp_print_job(job_id: int, user_id: int, language: str = "") -> None:
    """Render the set plans of a unit subtree into one ZIP (`documents.batch.print_job_run`)."""
    from kinerja.skp.documents.batch import print_job_run

    print_job_run(job_id, user_id=user_id, language=language or None)
