"""What the tree, the dashboards and the indicator page show, their charts and query counts."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.iku import charts, rules
from kinerja.iku.tests import view_data

URL_PATTERN = re.compile(rb"(https?:|file:|//[a-z0-9.-]+\.[a-z]{2,})", re.IGNORECASE)


@pytest.fixture
def plan(personas):
    plan = view_data.build_plan(personas)
    view_data.verified(plan.indicator, plan.quarters[0], 20, evidence=True)  # 80 %
    view_data.recompute(plan)
    return plan


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _urls(plan):
    return {
        "tree": reverse("iku:tree") + "?year=2025",
        "tree_table": reverse("iku:tree_table") + "?year=2025",
        "regency": reverse("iku:regency") + "?year=2025",
        # built anew, not the body kept a minute (kinerja.core.freshness)
        "unit": reverse("iku:unit", args=[plan.personas.units["yankes"].pk])
        + "?year=2025&refresh=1",
        "indicator": reverse("iku:indicator", args=[plan.indicator.pk]) + "?year=2025",
    }


@pytest.mark.parametrize("page", ["tree", "tree_table", "regency", "unit", "indicator"])
def test_page_query_count_does_not_grow_with_the_plan(client, plan, page):
    client.force_login(plan.personas.users["bkpsdm"])
    url = _urls(plan)[page]
    view_data.add_indicators(plan, 2)
    few = _queries(client, url)
    view_data.add_indicators(plan, 12)
    for quarter in plan.quarters[1:3]:
        view_data.verified(plan.indicator, quarter, 20, evidence=True)
    view_data.recompute(plan)
    assert _queries(client, url) == few


def test_head_sees_the_unit_dashboard_with_constant_queries(client, plan):
    client.force_login(plan.personas.users["kabid"])
    url = _urls(plan)["unit"]
    view_data.add_indicators(plan, 2)
    few = _queries(client, url)
    view_data.add_indicators(plan, 10)
    assert _queries(client, url) == few


def test_the_unit_dashboard_is_kept_a_minute_and_rebuilt_on_refresh(client, plan):
    client.force_login(plan.personas.users["kabid"])
    kept = reverse("iku:unit", args=[plan.personas.units["yankes"].pk]) + "?year=2025"
    before = client.get(kept).content.decode().count('data-testid="unit-indicators"')
    view_data.add_indicators(plan, 3)  # by nobody signed in
    html = client.get(kept).content.decode()
    assert html.count('data-testid="unit-indicators"') == before
    assert 'data-testid="freshness"' in html and "year=2025&amp;refresh=1" in html
    fresh = client.get(kept + "&refresh=1").content.decode()
    assert fresh.count("<tr>") > html.count("<tr>")


@pytest.mark.parametrize("page", ["regency", "unit", "indicator"])
def test_charts_are_inline_svg_without_any_url(client, plan, page):
    client.force_login(plan.personas.users["pimpinan"])
    body = client.get(_urls(plan)[page]).content
    svgs = re.findall(rb"<svg.*?</svg>", body, re.DOTALL)
    assert svgs, "the page has a chart"
    for svg in svgs:
        assert not URL_PATTERN.search(svg), URL_PATTERN.search(svg)
        assert b"<script" not in svg


def test_chart_helpers_colour_by_capaian_category():
    bands = rules.DEFAULT_ORG_PREDIKAT_BANDS
    svg = charts.capaian_bars_svg(
        [charts.CapaianBar("A", 100), charts.CapaianBar("B", 85), charts.CapaianBar("C", 10)],
        bands=bands,
        title="t",
    )
    stylesheet = charts.stylesheet()
    for tone in ("ok", "warn", "critical"):
        colour = charts.TONE_COLOURS[tone]
        assert f"paint-{colour[1:]}" in svg
        assert f".pygal-chart .paint-{colour[1:]}{{fill:{colour};stroke:{colour}}}" in stylesheet
    assert charts.capaian_category(None, bands).tone == "muted"
    assert not URL_PATTERN.search(svg.encode())


@pytest.mark.parametrize("page", ["regency", "unit", "indicator"])
def test_charts_carry_no_inline_style_and_link_their_stylesheet(client, plan, page):
    client.force_login(plan.personas.users["pimpinan"])
    body = client.get(_urls(plan)[page]).content.decode()
    svgs = re.findall(r"<svg.*?</svg>", body, re.DOTALL)
    assert svgs
    for svg in svgs:
        assert "<style" not in svg and " style=" not in svg
    assert f'<link rel="stylesheet" href="{reverse("iku:chart_css")}">' in body


def test_the_chart_stylesheet_is_pygals_css_scoped_to_the_chart_class(client, db):
    response = client.get(reverse("iku:chart_css"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/css; charset=utf-8"
    css = response.content.decode()
    assert ".pygal-chart .color-0" in css and ".pygal-chart .transparent{opacity:0}" in css
    assert "#chart-" not in css and "&gt;" not in css
    assert not URL_PATTERN.search(response.content)


def test_the_tree_shows_the_cascade_coloured_by_capaian(client, plan):
    client.force_login(plan.personas.users["dokter"])
    response = client.get(_urls(plan)["tree"] + f"&period={plan.quarters[0].pk}")
    roots = response.context["roots"]
    assert [n.goal for n in roots] == [plan.regency_goal]
    yankes = roots[0].children[0].children[0]
    assert yankes.goal == plan.yankes_goal
    assert yankes.indicators[0].result.capaian == 80
    assert yankes.indicators[0].category.tone == "warn"  # Butuh Perbaikan: 80 to 100
    assert b'data-capaian="80.00"' in response.content


def test_the_tree_filters_by_unit(client, plan):
    client.force_login(plan.personas.users["auditor"])
    url = _urls(plan)["tree"] + f"&unit={plan.personas.units['yankes'].pk}"
    response = client.get(url)
    assert [n.goal for n in response.context["roots"]] == [plan.yankes_goal]
    assert b"Masyarakat sehat" not in response.content


def test_a_bad_filter_is_a_form_error_not_a_500(client, plan):
    client.force_login(plan.personas.users["auditor"])
    response = client.get(reverse("iku:tree"), {"year": "abc", "unit": "999999"})
    assert response.status_code == 200
    assert response.context["form"].errors
    other = plan.personas.units["other"].pk
    response = client.get(reverse("iku:tree_table"), {"unit": other})
    assert response.status_code == 200 and "unit" in response.context["form"].errors


def test_an_unknown_year_is_not_found_on_the_dashboards(client, plan):
    client.force_login(plan.personas.users["pimpinan"])
    assert client.get(reverse("iku:regency"), {"year": "1999"}).status_code == 404
    assert client.get(reverse("iku:regency"), {"year": "x"}).status_code == 404


def test_the_regency_dashboard_lists_units_and_regional_goals(client, plan):
    client.force_login(plan.personas.users["perencana"])
    response = client.get(_urls(plan)["regency"] + f"&period={plan.quarters[0].pk}")
    rows = response.context["rows"]
    assert [r.unit for r in rows] == [plan.personas.units["yankes"]]
    assert rows[0].selected.result.capaian == 80
    assert [g for g, _r, _c in response.context["regency_goals"]] == [plan.regency_goal]
    assert response.context["counts"]["verified"] == 1


def test_the_indicator_page_shows_manual_targets_realisations_and_evidence(client, plan):
    client.force_login(plan.personas.users["staf"])
    response = client.get(_urls(plan)["indicator"])
    body = response.content.decode()
    assert "Bayi yang mendapat imunisasi dasar lengkap" in body
    assert "Laporan puskesmas" in body
    assert "bukti.pdf" in body
    rows = response.context["rows"]
    assert [r.period for r in rows] == [*plan.quarters, plan.annual]
    assert rows[0].result.capaian == 80 and not rows[0].can_enter
    assert rows[1].can_enter and not rows[4].can_enter


def test_the_indicator_page_hides_evidence_from_other_units(client, plan):
    client.force_login(plan.personas.users["dokter"])
    response = client.get(_urls(plan)["indicator"])
    assert "bukti.pdf" not in response.content.decode()
    assert not any(r.can_enter for r in response.context["rows"])


@pytest.mark.parametrize("page", ["tree", "tree_table", "regency", "unit", "indicator"])
def test_an_annual_capaian_with_unreported_periods_says_it_is_partial(client, plan, page):
    # One quarter of four is in: the year's capaian is partial wherever it is shown.
    client.force_login(plan.personas.users["bkpsdm"])
    url = _urls(plan)[page] + f"&period={plan.annual.pk}"
    content = client.get(url).content.decode()
    assert 'data-testid="partial"' in content or page == "regency"
    assert "sebagian: 1 dari 4 laporan periode masuk" in content


def test_a_complete_year_is_not_marked_partial(client, plan):
    for quarter in plan.quarters[1:]:
        view_data.verified(plan.indicator, quarter, 25)
    view_data.recompute(plan)
    client.force_login(plan.personas.users["bkpsdm"])
    url = _urls(plan)["unit"] + f"&period={plan.annual.pk}"
    content = client.get(url).content.decode()
    assert 'data-testid="partial"' not in content
    assert "sebagian:" not in content


def test_the_capaian_chart_labels_a_partial_bar():
    svg = charts.capaian_bars_svg(
        [charts.CapaianBar("Dinkes", rules.mean([80]), "partial: 1 of 4 period reports in")],
        bands=rules.DEFAULT_ORG_PREDIKAT_BANDS,
        title="t",
    )
    assert "partial: 1 of 4 period reports in" in svg
