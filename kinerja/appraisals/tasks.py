"""Background tasks of the evaluation.

A task is a thin entry point that runs a service; services never import this module. The pages
create a batch print through `documents.batch.print_job_create` and start it here.
"""

from django.contrib.auth import get_user_model
from django.utils import translation
from django_tasks import task

from kinerja.accounts.viewer import build_viewer
from kinerja.appraisals import services
from kinerja.appraisals.documents.batch import print_job_run
from kinerja.appraisals.models import EvaluationPrintJob
from kinerja.iku.models import Period


@task()
def open_period_evaluations(period_id: int, user_id: int | None = None, language: str = "") -> int:
    """Open the evaluations of a period (`services.evaluations_open`): as the user who asked,
    whose permission is checked again, or as the system when no user is named."""
    actor = None
    if user_id is not None:
        actor = build_viewer(get_user_model().objects.get(pk=user_id))
    with translation.override(language or None):
        return services.evaluations_open(actor=actor, period=Period.objects.get(pk=period_id))


def period_open_start(*, actor, period: Period, language: str = "") -> Period:
    """Refuse as the opening would (`services.evaluations_open_check`), else queue it for the
    background worker as the actor's user, in their language."""
    period = services.evaluations_open_check(actor=actor, period=period)
    open_period_evaluations.enqueue(period.pk, actor.user.pk, language)
    return period


@task()
def send_deadline_reminders() -> int:
    """The day's deadline e-mails of every agency (`services.reminders_send`)."""
    return services.reminders_send()


@task()
def run_evaluation_print_job(job_id: int, user_id: int, language: str = "") -> None:
    """Render the evaluations of a period into one ZIP (`documents.batch.print_job_run`)."""
    print_job_run(job_id, user_id=user_id, language=language or None)


def print_job_start(job: EvaluationPrintJob, *, user, language: str = "") -> None:
    """Queue the job for the background worker (run at once by the immediate backend)."""
    run_evaluation_print_job.enqueue(job.pk, user.pk, language or job.language)
