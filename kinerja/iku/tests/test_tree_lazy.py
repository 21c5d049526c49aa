"""The performance tree loads its top levels first and the children of a goal when it is opened;
the table lists the goals down to the OPD level unless a unit is chosen. Queries stay fixed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.iku.models import GoalLevel
from kinerja.iku.tests import factories as f
from kinerja.iku.tests import view_data

ROLES = [
    "anonymous",
    "dokter",
    "staf",
    "kasi",
    "kabid",
    "admin_opd",
    "bkpsdm",
    "pimpinan",
    "auditor",
    "perencana",
    "outsider",
]
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def plan(personas):
    plan = view_data.build_plan(personas)
    view_data.verified(plan.indicator, plan.quarters[0], 20, evidence=True)  # 80 %
    view_data.add_indicators(plan, 2)  # two sasaran kegiatan under the Yankes programme goal
    return plan


def _children_url(goal, **query):
    query.setdefault("year", 2025)
    params = "&".join(f"{k}={v}" for k, v in query.items())
    return reverse("iku:tree_children", args=[goal.pk]) + "?" + params


def _queries(client, url, **extra):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **extra)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_tree_shows_three_levels_and_offers_the_rest_on_demand(client, plan):
    client.force_login(plan.personas.users["dokter"])
    response = client.get(reverse("iku:tree") + "?year=2025")
    content = response.content.decode()
    yankes = response.context["roots"][0].children[0].children[0]
    assert yankes.goal == plan.yankes_goal
    assert yankes.children == [] and yankes.child_count == 2 and yankes.has_more
    assert "Kegiatan 0" not in content
    url = reverse("iku:tree_children", args=[plan.yankes_goal.pk])
    assert f'hx-get="{url}?year=2025"' in content
    assert 'hx-trigger="toggle once"' in content
    assert f'data-testid="goal-more-{plan.yankes_goal.pk}"' in content


def test_opening_a_goal_fetches_its_children_as_a_fragment(client, plan):
    client.force_login(plan.personas.users["dokter"])
    response = client.get(_children_url(plan.yankes_goal), **HTMX)
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert "Kegiatan 0" in content and "Kegiatan 1" in content
    assert "Indikator tambahan 1" in content
    assert "Layanan kesehatan dasar merata" not in content
    assert content.lstrip().startswith("<li")


def test_without_javascript_the_children_link_is_a_full_page_rooted_at_the_goal(client, plan):
    client.force_login(plan.personas.users["dokter"])
    response = client.get(_children_url(plan.yankes_goal))
    content = response.content.decode()
    assert "<html" in content
    assert [n.goal for n in response.context["roots"]] == [plan.yankes_goal]
    assert "Kegiatan 0" in content
    assert 'data-testid="tree-rooted"' in content
    assert 'data-capaian="' in content


def test_the_children_keep_the_period_and_the_colour_by_capaian(client, plan):
    client.force_login(plan.personas.users["auditor"])
    response = client.get(_children_url(plan.dinkes_goal, period=plan.quarters[0].pk), **HTMX)
    content = response.content.decode()
    assert 'data-capaian="80.00"' in content
    assert "badge-warn" in content  # Butuh Perbaikan: 80 to 100


def test_a_goal_outside_the_year_or_the_chosen_unit_is_not_found(client, plan, personas):
    client.force_login(plan.personas.users["auditor"])
    other_unit = personas.units["bappeda"].pk
    assert client.get(_children_url(plan.yankes_goal, unit=other_unit)).status_code == 404
    assert client.get(reverse("iku:tree_children", args=[999999])).status_code == 404
    late = f.goal(personas, "yankes", GoalLevel.SASARAN_KEGIATAN, plan_start_year=2027)
    assert client.get(_children_url(late)).status_code == 404


@pytest.mark.parametrize(
    ("role", "expected"),
    [(role, 200) for role in ROLES if role not in {"anonymous", "outsider"}]
    + [("anonymous", "login"), ("outsider", 404)],
)
def test_the_children_of_a_goal_are_open_to_its_agency_only(client, plan, role, expected):
    if role != "anonymous":
        client.force_login(plan.personas.users[role])
    response = client.get(_children_url(plan.yankes_goal), **HTMX)
    if expected == "login":
        assert response.status_code == 302 and "/akun/masuk/" in response["Location"]
    else:
        assert response.status_code == expected
        if expected == 200:
            assert b"Kegiatan 0" in response.content


def test_the_table_stops_at_the_opd_level_unless_a_unit_is_chosen(client, plan, personas):
    client.force_login(plan.personas.users["bkpsdm"])
    response = client.get(reverse("iku:tree_table") + "?year=2025")
    content = response.content.decode()
    assert [n.goal for n in response.context["rows"]] == [
        plan.regency_goal,
        plan.dinkes_goal,
        plan.yankes_goal,
    ]
    assert response.context["scoped"] and 'data-testid="table-scoped"' in content
    assert "Kegiatan 0" not in content
    assert f"?unit={personas.units['yankes'].pk}" in content
    response = client.get(
        reverse("iku:tree_table"), {"year": 2025, "unit": personas.units["dinkes"].pk}
    )
    goals = [n.goal.statement for n in response.context["rows"]]
    assert goals[:2] == ["Derajat kesehatan meningkat", "Layanan kesehatan dasar merata"]
    assert {"Kegiatan 0", "Kegiatan 1"} <= set(goals)
    assert not response.context["scoped"]


def _grow(plan, count):
    """More programme goals under Dinkes, each with activity goals under it."""
    for n in range(count):
        program = f.goal(
            plan.personas,
            "yankes",
            GoalLevel.SASARAN_PROGRAM,
            parent=plan.dinkes_goal,
            statement=f"Program {n}",
        )
        f.indicator(program, f"Indikator program {n}")
        for m in range(2):
            sub = f.goal(
                plan.personas,
                "primer",
                GoalLevel.SASARAN_KEGIATAN,
                parent=program,
                statement=f"Kegiatan {n}.{m}",
            )
            f.indicator(sub, f"Indikator kegiatan {n}.{m}")
    view_data.recompute(plan)


@pytest.mark.parametrize("page", ["tree", "children", "table", "table_unit"])
def test_the_tree_pages_run_a_fixed_number_of_queries(client, plan, personas, page):
    client.force_login(plan.personas.users["bkpsdm"])
    urls = {
        "tree": (reverse("iku:tree") + "?year=2025", {}),
        "children": (_children_url(plan.dinkes_goal), HTMX),
        "table": (reverse("iku:tree_table") + "?year=2025", {}),
        "table_unit": (
            reverse("iku:tree_table") + f"?year=2025&unit={personas.units['dinkes'].pk}",
            {},
        ),
    }
    url, extra = urls[page]
    few = _queries(client, url, **extra)
    _grow(plan, 6)
    assert _queries(client, url, **extra) == few
    assert few <= 16
