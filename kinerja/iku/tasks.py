"""Background tasks of organisation performance.

A task is a thin entry point that runs a service; services never import this module. The
services that schedule a recompute (`results.capaian_recompute_schedule`) queue it through
`enqueue_recompute`, which the app registers with them when it is ready (`kinerja.iku.apps`).
"""

from django_tasks import task

from kinerja.iku.services import results


@task()
def recompute_year_results(performance_year_id: int, user_id: int | None, language: str = ""):
    """Recompute the capaian and predikat proposals of a year (`results.capaian_recompute_run`).

    Enqueued when a verification or a correction commits (as the system, `user_id` None) and by
    BKPSDM's "recompute now" button (with the user's id, re-checked when the task runs).
    """
    return results.capaian_recompute_run(performance_year_id, user_id=user_id, language=language)


def enqueue_recompute(performance_year_id: int, user_id: int | None, language: str) -> None:
    """Queue the recompute of a year (registered with `results.register_recompute_task`)."""
    recompute_year_results.enqueue(performance_year_id, user_id, language)
