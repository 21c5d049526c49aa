"""Migration 0005: the former "range" polarity becomes a range target that stabilises."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from kinerja.iku.models import Indicator
from kinerja.iku.tests import factories as f

BEFORE = ("iku", "0004_text_max_length")
AFTER = ("iku", "0005_target_shape_and_period_coverage")


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


def _migrate_to_latest():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_range_indicators_keep_their_capaian_as_stabilised_ranges(personas):
    goal = f.goal(personas, "dinkes")
    ranged = f.indicator(goal, "BOR", "stabilise", "average", target_shape="range")
    plain = f.indicator(goal, "Kunjungan", "higher", "sum")
    try:
        old_apps = _migrate(BEFORE)
        OldIndicator = old_apps.get_model("iku", "Indicator")
        assert OldIndicator.objects.get(pk=ranged.pk).polarity == "range"
        assert OldIndicator.objects.get(pk=plain.pk).polarity == "higher"
    finally:
        _migrate(AFTER)
        # going back to 0004 unapplied every app that depends on iku: without this, the next
        # tests of the same process find their tables gone
        _migrate_to_latest()
    ranged.refresh_from_db()
    plain.refresh_from_db()
    assert (ranged.polarity, ranged.target_shape) == ("stabilise", "range")
    assert (plain.polarity, plain.target_shape) == ("higher", "single")
    assert Indicator.objects.filter(polarity="range").count() == 0
