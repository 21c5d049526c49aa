"""Background tasks of the organisation app."""

from django_tasks import task


@task()
def run_import_job(job_id: int, user_id: int, language: str = "") -> None:
    """Validate and apply an uploaded organisation file (see `imports.import_job_run`)."""
    from kinerja.org.imports import import_job_run

    import_job_run(job_id, user_id=user_id, language=language or None)
