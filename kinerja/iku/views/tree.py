"""The performance tree (pohon kinerja): an expandable view and a table, coloured by capaian."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from kinerja.iku import charts, selectors
from kinerja.iku.forms import PerformanceFilterForm
from kinerja.iku.models import GOAL_LEVEL_RANK
from kinerja.iku.views._common import category, legend, period_from_request


@dataclass
class IndicatorLine:
    indicator: object
    result: object
    category: charts.Category


@dataclass
class Node:
    goal: object
    result: object
    category: charts.Category
    depth: int = 0
    indicators: list = field(default_factory=list)
    children: list = field(default_factory=list)
    also_supports: list = field(default_factory=list)


def _build(goals, goal_results, indicator_results, period, py) -> list[Node]:
    """Nodes of the goals in a forest: a goal hangs under its parent when the parent is shown;
    further parents of a cross-cutting goal are listed on it."""
    nodes = {}
    for goal in goals:
        result = goal_results.get(goal.pk)
        node = Node(goal, result, category(getattr(result, "capaian", None), py))
        for indicator in goal.indicators.all():
            ind_result = indicator_results.get((indicator.pk, period.pk))
            node.indicators.append(
                IndicatorLine(
                    indicator, ind_result, category(getattr(ind_result, "capaian", None), py)
                )
            )
        node.also_supports = list(goal.extra_parents.all())
        nodes[goal.pk] = node
    roots = []
    for goal in goals:
        node = nodes[goal.pk]
        parent = nodes.get(goal.parent_id)
        (parent.children if parent else roots).append(node)

    def sort_key(node):
        return (GOAL_LEVEL_RANK.get(node.goal.level, 99), node.goal.order, node.goal.pk)

    def settle(siblings, depth):
        siblings.sort(key=sort_key)
        for node in siblings:
            node.depth = depth
            settle(node.children, depth + 1)

    settle(roots, 0)
    return roots


def _flatten(nodes) -> list[Node]:
    rows = []
    for node in nodes:
        rows.append(node)
        rows.extend(_flatten(node.children))
    return rows


def _tree_context(request):
    viewer = request.viewer
    years = [y.year for y in selectors.performance_years(viewer).order_by("year")]
    units = selectors.agency_units(viewer)
    form = PerformanceFilterForm(request.GET or None, years=years, units=units)
    year_raw, unit = request.GET.get("year"), None
    if form.is_bound and form.is_valid():
        year_raw = form.cleaned_data.get("year") or None
        unit_pk = form.cleaned_data.get("unit")
        if unit_pk:
            unit = next((u for u in units if u.pk == unit_pk), None)
    elif form.is_bound:
        year_raw = None
    try:
        py = selectors.performance_year_from_request(viewer, year_raw)
    except Http404:
        py = selectors.default_performance_year(viewer)
    context = {"form": form, "performance_year": py, "unit": unit, "roots": [], "rows": []}
    if py is None:
        return context
    periods = selectors.year_periods(py)
    period = period_from_request(request, periods)
    goals = selectors.goals_of_year(viewer, py, unit=unit)
    indicator_ids = [i.pk for g in goals for i in g.indicators.all()]
    roots = _build(
        goals,
        selectors.goal_results_for(viewer, period),
        selectors.indicator_results_for(viewer, py, indicator_ids=indicator_ids),
        period,
        py,
    )
    context.update(
        periods=periods,
        selected_period=period,
        roots=roots,
        rows=_flatten(roots),
        legend=legend(py),
        query=request.GET.urlencode(),
    )
    return context


@login_required
def tree_view(request):
    return render(request, "iku/tree.html", _tree_context(request))


@login_required
def tree_table_view(request):
    return render(request, "iku/tree_table.html", _tree_context(request))
