"""Background tasks of organisation performance."""

from django_tasks import task


@task()
def recompute_year_results(performance_year_id: int, user_id: int | None, language: str = ""):
    """Recompute the capaian and predikat proposals of a year (`results.capaian_recompute_run`).

    Enqueued when a verification or a correction commits (as the system, `user_id` None) and by
    BKPSDM's "recompute now" button (with the user's id, re-checked when the task runs).
    """
    from kinerja.iku.services.results import capaian_recompute_run

    return capaian_recompute_run(performance_year_id, user_id=user_id, language=language)
