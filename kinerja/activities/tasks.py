"""Background tasks of attendance: a thin entry point that runs the import service."""

from django.conf import settings
from django_tasks import task

from kinerja.activities.models import AttendanceImport
from kinerja.activities.services import import_run


@task()
def run_attendance_import(import_id: int, user_id: int, language: str = "") -> None:
    """Validate and apply an uploaded attendance or leave file (see `services.import_run`)."""
    import_run(import_id, user_id=user_id, language=language or None)


def import_start(job: AttendanceImport, *, user, language: str) -> None:
    """Run a small file at once so that its result shows without waiting for a worker; queue
    a large one (or one whose rows were not counted) for the background worker."""
    if 0 < job.total_rows <= settings.IMPORT_BACKGROUND_ROWS:
        run_attendance_import.call(job.pk, user.pk, language)
    else:
        run_attendance_import.enqueue(job.pk, user.pk, language)
