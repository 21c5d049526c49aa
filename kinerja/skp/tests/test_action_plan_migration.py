"""Migrations skp 0008-0010: the number of each rencana aksi becomes the month or quarter of that
number in the year of its plan; a year that was never configured (shown in quarters) is opened
as a quarterly year; a number the year does not have is dropped."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from kinerja.iku.models import PerformanceYear
from kinerja.iku.tests import factories as iku
from kinerja.skp.models import ActionPlan
from kinerja.skp.tests.factories import YEAR, add_result, start_skp

BEFORE = [("skp", "0007_dated_range_constraint")]
AFTER = [("skp", "0010_action_plan_period_required")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_action_plan_numbers_become_the_periods_of_the_plans_year(personas):
    iku.performance_year(personas.agency, YEAR, evaluation_period="monthly")
    iku.performance_year(personas.agency, YEAR - 1, evaluation_period="quarterly")
    monthly = add_result(start_skp(personas, "staf"))
    quarterly = add_result(
        start_skp(personas, "kasi", year=YEAR - 1, day=datetime.date(YEAR - 1, 1, 10))
    )
    unconfigured = add_result(
        start_skp(personas, "dokter", year=YEAR + 1, day=datetime.date(YEAR + 1, 1, 10))
    )
    old = _migrate(BEFORE).get_model("skp", "ActionPlan")
    for rhk, number, text in [
        (monthly, 3, "Maret"),
        (quarterly, 2, "Triwulan II"),
        (quarterly, 7, "Bulan tujuh"),
        (unconfigured, 1, "Triwulan I"),
    ]:
        old.objects.create(rhk_id=rhk.pk, period_number=number, text=text)
    try:
        _migrate(AFTER)
    finally:
        _migrate(_latest())

    rows = {
        plan.text: (plan.period.performance_year.year, plan.period.kind, plan.period.number)
        for plan in ActionPlan.objects.select_related("period__performance_year")
    }
    assert rows == {
        "Maret": (YEAR, "month", 3),
        "Triwulan II": (YEAR - 1, "quarter", 2),
        "Triwulan I": (YEAR + 1, "quarter", 1),
    }
    opened = PerformanceYear.objects.get(agency=personas.agency, year=YEAR + 1)
    assert opened.evaluation_period == "quarterly"
    assert opened.periods.filter(kind="quarter").count() == 4
    assert opened.periods.filter(kind="year").count() == 1


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()
