"""The dashboards read at a glance: the yearly column first, sorted bars with values in the
reader's number format, the predikat colours of the legend, the partial mark on every figure."""

import re

import pytest
from django.urls import reverse

from kinerja.iku import charts
from kinerja.iku.tests import view_data


@pytest.fixture
def plan(personas):
    plan = view_data.build_plan(personas)
    view_data.verified(plan.indicator, plan.quarters[0], 20, evidence=True)  # 80 %
    view_data.recompute(plan)
    return plan


def _url(plan, page):
    if page == "regency":
        return reverse("iku:regency") + "?year=2025"
    return reverse("iku:unit", args=[plan.personas.units["yankes"].pk]) + "?year=2025"


def _headers(body: str, testid: str) -> list[str]:
    table = re.search(
        rf'<table class="table table-sticky" data-testid="{testid}">.*?</thead>', body, re.DOTALL
    )
    assert table, testid
    return [
        re.sub(r"<[^>]+>", "", h).strip()
        for h in re.findall(r"<th[^>]*>(.*?)</th>", table.group(0))
    ]


@pytest.mark.parametrize(
    ("page", "tables"),
    [("regency", ["regency-units"]), ("unit", ["unit-indicators", "unit-results"])],
)
def test_the_yearly_column_comes_right_after_the_name(client, plan, page, tables):
    client.force_login(plan.personas.users["bkpsdm"])
    body = client.get(_url(plan, page)).content.decode()
    for testid in tables:
        headers = _headers(body, testid)
        assert headers[1] == plan.annual.label, headers
        assert headers[2:] == [q.label for q in plan.quarters]
    assert body.count('data-testid="annual-column"') == len(tables)


def test_the_regency_row_puts_the_yearly_capaian_first(client, plan):
    client.force_login(plan.personas.users["pimpinan"])
    response = client.get(_url(plan, "regency") + f"&period={plan.quarters[0].pk}")
    row = response.context["rows"][0]
    assert row.cells[0].result.period == plan.annual
    assert row.selected.result.period == plan.quarters[0]


@pytest.mark.parametrize("page", ["regency", "unit"])
def test_the_chart_prints_values_with_a_decimal_comma_and_a_matching_legend(client, plan, page):
    client.force_login(plan.personas.users["bkpsdm"])
    body = client.get(_url(plan, page) + f"&period={plan.quarters[0].pk}").content.decode()
    svg = re.search(r'<svg class="pygal-chart capaian-bars".*?</svg>', body, re.DOTALL).group(0)
    assert re.search(r'<text class="bar-value"[^>]*>80,00 %</text>', svg)
    bar_tone = re.search(r'<g class="bar" data-rank="1" data-tone="(\w+)"', svg).group(1)
    assert bar_tone == "warn"  # 80 % is Butuh perbaikan in the default bands
    assert f"paint-{charts.TONE_COLOURS[bar_tone][1:]}" in svg
    legend = re.search(r'data-testid="predikat-legend">.*?</p>', body, re.DOTALL).group(0)
    legend_tones = re.findall(r'data-tone="(\w+)"><span class="swatch swatch-(\w+)"', legend)
    assert [a for a, b in legend_tones if a == b] == [
        "excellent",
        "ok",
        "warn",
        "poor",
        "critical",
    ]


@pytest.mark.parametrize("page", ["regency", "unit"])
def test_a_bar_of_a_partly_reported_year_carries_the_partial_mark(client, plan, page):
    client.force_login(plan.personas.users["bkpsdm"])
    body = client.get(_url(plan, page) + f"&period={plan.annual.pk}").content.decode()
    svg = re.search(r'<svg class="pygal-chart capaian-bars".*?</svg>', body, re.DOTALL).group(0)
    assert re.search(r'class="bar-partial"[^>]*>⚠ sebagian: 1 dari 4 laporan periode masuk<', svg)


def test_the_indicator_chart_marks_only_partial_periods(client, plan):
    # The chart shows the quarters the indicator reports: the first is complete, so no mark;
    # the marking of a partial point is tested on the chart builder (test_charts).
    client.force_login(plan.personas.users["bkpsdm"])
    url = reverse("iku:indicator", args=[plan.indicator.pk]) + "?year=2025"
    response = client.get(url)
    assert response.context["chart_partial_notes"] == []
    assert 'data-testid="chart-partial"' not in response.content.decode()


@pytest.mark.parametrize("role", ["staf", "dokter"])
def test_the_regency_dashboard_is_refused_to_staff(client, plan, role):
    client.force_login(plan.personas.users[role])
    assert client.get(_url(plan, "regency")).status_code == 403
