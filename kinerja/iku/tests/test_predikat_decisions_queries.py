"""The predikat decisions page reads a fixed number of queries whatever the proposals."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.iku import selectors
from kinerja.iku.models import GoalLevel, OrgPredikatDecision
from kinerja.iku.services import tree as tree_services
from kinerja.iku.tests import factories as f
from kinerja.iku.tests import view_data

OTHER_UNITS = ["dinkes", "primer", "pkm", "bkpsdm", "inspektorat"]


@pytest.fixture
def plan(personas):
    plan = view_data.build_plan(personas)
    view_data.verified(plan.indicator, plan.quarters[0], 20)
    view_data.recompute(plan)
    return plan


def _add_proposals(plan, unit_keys):
    """A goal with a verified Q1 figure for each unit: a proposal per unit and period."""
    for key in unit_keys:
        goal = f.goal(plan.personas, key, GoalLevel.SASARAN_PROGRAM, statement=f"Sasaran {key}")
        indicator = f.indicator(goal, f"Indikator {key}")
        tree_services.target_set(actor=None, indicator=indicator, period=plan.quarters[0], value=25)
        view_data.verified(indicator, plan.quarters[0], 20)
    view_data.recompute(plan)


def _count(callable_):
    with CaptureQueriesContext(connection) as queries:
        callable_()
    return len(queries)


def test_finding_the_decisions_to_make_does_not_query_per_proposal(
    plan, django_assert_max_num_queries
):
    viewer = f.viewer(plan.personas, "kadinkes")
    few = _count(lambda: selectors.org_predikat_decisions_to_make(viewer))
    before = OrgPredikatDecision.objects.count()
    _add_proposals(plan, OTHER_UNITS)
    assert OrgPredikatDecision.objects.count() >= before + len(OTHER_UNITS)
    viewer = f.viewer(plan.personas, "kadinkes")
    with django_assert_max_num_queries(few):
        pending = selectors.org_predikat_decisions_to_make(viewer)
    # Kadinkes leads the heads of Bidang Yankes and of the Puskesmas, not the other units.
    assert {d.unit.code for d in pending} >= {"DINKES.YANKES"}
    assert "BKPSDM" not in {d.unit.code for d in pending}


def test_the_predikat_page_query_count_stays_flat_with_more_proposals(
    client, plan, django_assert_max_num_queries
):
    client.force_login(plan.personas.users["pimpinan"])
    url = reverse("iku:predikat_decisions")
    few = _count(lambda: client.get(url))
    _add_proposals(plan, OTHER_UNITS)
    with django_assert_max_num_queries(few):
        response = client.get(url)
    assert response.status_code == 200


def test_the_leaders_of_many_units_match_the_one_unit_lookup(plan):
    personas = plan.personas
    units = [personas.units[k] for k in ["yankes", "primer", "dinkes", "pkm", "bkpsdm"]]
    leaders = selectors.leader_position_ids(u.pk for u in units)
    assert leaders == {u.pk: selectors.leader_position_id(u) for u in units}
    assert selectors.leader_position_ids([]) == {}
