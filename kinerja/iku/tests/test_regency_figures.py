"""The regency dashboard at scale: one row and one bar per OPD, realisation gaps counted by the
database (the same numbers as the detailed list), figures kept a minute, fixed queries."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.accounts.viewer import build_viewer
from kinerja.iku import selectors
from kinerja.iku.models import GoalLevel
from kinerja.iku.tests import factories as f
from kinerja.iku.tests import view_data

TODAY = datetime.date(2026, 2, 10)


@pytest.fixture
def plan(personas):
    plan = view_data.build_plan(personas)
    view_data.verified(plan.indicator, plan.quarters[0], 20, evidence=True)  # 80 %, late
    view_data.submitted(plan.indicator, plan.quarters[1], 24)  # waiting, late
    view_data.add_indicators(plan, 3, with_realisations=False)  # missing
    view_data.recompute(plan)
    return plan


@pytest.mark.parametrize("role", ["bkpsdm", "pimpinan", "kabid", "kasi", "staf", "dokter"])
def test_gap_counts_of_the_whole_year_add_up_the_units_in_scope(plan, role):
    viewer = build_viewer(plan.personas.users[role], today=TODAY)
    counts = selectors.realisation_gap_counts(viewer, plan.year, today=TODAY)
    if role == "bkpsdm":
        assert counts["missing"] and counts["late"] and counts["unverified"]
    under = selectors.realisation_gap_counts(
        viewer, plan.year, today=TODAY, unit=plan.personas.units["dinkes"]
    )
    assert all(under[key] <= counts[key] for key in counts)


def test_gap_counts_are_zero_for_another_agency(plan):
    viewer = build_viewer(plan.personas.users["outsider"], today=TODAY)
    assert selectors.realisation_gap_counts(viewer, plan.year) == {
        "missing": 0,
        "late": 0,
        "unverified": 0,
    }


def test_an_opd_without_a_result_of_its_own_answers_with_its_highest_units(plan, personas):
    viewer = build_viewer(plan.personas.users["pimpinan"])
    assert [unit for unit, _results in selectors.opd_results(viewer, plan.year)] == [
        personas.units["yankes"]
    ]
    own = f.indicator(plan.dinkes_goal, "Indikator Dinkes")
    view_data.tree_services.target_set(actor=None, indicator=own, year=2025, value=100)
    for quarter in plan.quarters:
        view_data.tree_services.target_set(actor=None, indicator=own, period=quarter, value=25)
    view_data.verified(own, plan.quarters[0], 25)
    view_data.recompute(plan)
    rows = selectors.opd_results(viewer, plan.year)
    assert [unit for unit, _results in rows] == [personas.units["dinkes"]]
    assert rows[0][1][plan.quarters[0].pk].capaian == 100


def test_the_dashboard_has_one_row_and_one_bar_per_opd(client, plan, personas):
    client.force_login(plan.personas.users["pimpinan"])
    url = reverse("iku:regency") + f"?year=2025&period={plan.quarters[0].pk}"
    response = client.get(url)
    assert [r.unit for r in response.context["rows"]] == [personas.units["yankes"]]
    assert response.context["chart"].count("<rect") >= 1
    assert b'data-capaian="80.00"' in response.content
    gaps = response.context["gaps"]
    assert gaps["missing"] >= 3 and gaps["unverified"] == 1


def test_the_figures_are_kept_a_minute_and_refreshed_by_a_recompute(client, plan):
    client.force_login(plan.personas.users["bkpsdm"])
    url = reverse("iku:regency") + "?year=2025"
    first = client.get(url).context
    with CaptureQueriesContext(connection) as cached:
        client.get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as fresh:
        client.get(url)
    assert len(cached) < len(fresh)
    assert first["counts"]["verified"] == 1
    view_data.verified(plan.indicator, plan.quarters[2], 25)
    assert client.get(url).context["counts"]["verified"] == 1  # kept
    view_data.recompute(plan)  # what the verification queues
    assert client.get(url).context["counts"]["verified"] == 2


def test_the_dashboard_runs_a_fixed_number_of_queries_as_units_and_goals_grow(
    client, plan, personas
):
    client.force_login(plan.personas.users["bkpsdm"])
    url = reverse("iku:regency") + "?year=2025"
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for key in ("primer", "pkm", "bkpsdm", "inspektorat"):
        goal = f.goal(personas, key, GoalLevel.SASARAN_KEGIATAN, statement=f"Sasaran {key}")
        indicator = f.indicator(goal, f"Indikator {key}")
        view_data.tree_services.target_set(actor=None, indicator=indicator, year=2025, value=100)
        view_data.tree_services.target_set(
            actor=None, indicator=indicator, period=plan.quarters[0], value=25
        )
        view_data.verified(indicator, plan.quarters[0], 20)
    view_data.recompute(plan)
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(many) == len(few)
    units = {r.unit for r in response.context["rows"]}
    assert units == {
        personas.units["yankes"],
        personas.units["pkm"],
        personas.units["bkpsdm"],
        personas.units["inspektorat"],
    }
