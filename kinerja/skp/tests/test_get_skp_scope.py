"""`get_skp` answers a plan exactly when the reading scope holds it, for every persona and plan:
its shortcut (own, rated, overseen, whole agency) never widens or narrows the scope."""

import pytest
from django.http import Http404

from kinerja.accounts.viewer import build_viewer
from kinerja.skp import selectors
from kinerja.skp.tests.factories import chain_of_plans, start_skp

pytestmark = pytest.mark.django_db


def test_get_skp_answers_exactly_the_plans_of_the_reading_scope(personas):
    plans = chain_of_plans(personas)
    plans["dokter"] = start_skp(personas, "dokter")
    every_plan = [plan for key, plan in plans.items() if key != "rhk"]
    outcomes = {}
    for key, user in personas.users.items():
        viewer = build_viewer(user)
        for plan in every_plan:
            in_scope = selectors.skps_visible_to(viewer).filter(pk=plan.pk).exists()
            try:
                found = selectors.get_skp(viewer, plan.pk)
            except Http404:
                found = None
            assert (found is not None) == in_scope, (key, plan.employee.full_name)
            assert found is None or found.pk == plan.pk
            outcomes[in_scope] = outcomes.get(in_scope, 0) + 1
    assert outcomes[True] and outcomes[False]  # both answers were put to the test
    # the other agency's administrator reads no plan of this one, whatever its id
    outsider = build_viewer(personas.users["outsider"])
    for plan in every_plan:
        with pytest.raises(Http404):
            selectors.get_skp(outsider, plan.pk)
