"""Background tasks of complaints: the daily reminders and escalations.

A task is a thin entry point that runs a service; services never import this module.
"""

from django_tasks import task

from kinerja.complaints import services


@task()
def remind_and_escalate() -> dict:
    """The day's reminders of cases near their last day and escalations of the overdue ones
    (`services.complaints_remind`); a second run the same day adds nothing."""
    return services.complaints_remind()
