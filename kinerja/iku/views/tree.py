"""The performance tree (pohon kinerja): an expandable view and a table, coloured by capaian.

A province plans about a thousand indicators, too many for one page. The tree page shows the
top levels (the roots and two levels below them: tujuan → sasaran daerah → the OPDs' sasaran
strategis); a node with more below it loads its children when it is opened (htmx), and the same
URL without htmx is a full page rooted at that goal. The table lists the goals down to the OPD
level, or the whole subtree of a chosen unit. Each request reads one light outline of the
year's goals and then only the goals it shows, so the query count is fixed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django import forms
from django.contrib.auth.decorators import login_required
from django.forms.utils import flatatt
from django.http import Http404
from django.shortcuts import render
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from kinerja.iku import charts, selectors
from kinerja.iku.forms.tree import PerformanceFilterForm
from kinerja.iku.models import GOAL_LEVEL_RANK
from kinerja.iku.views._common import category, legend, period_from_request

# Levels below the roots shown at first: tujuan daerah → sasaran daerah → sasaran strategis.
EAGER_LEVELS = 2


class QuickSelect(forms.Select):
    """A select rendered in Python: Django renders a template per option (about 0.3 ms each),
    and a province's unit filter has hundreds of options."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        chosen = "" if value is None else str(value)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, mark_safe(" selected") if str(key) == chosen else "", label)
                for key, label in self.choices
            ),
        )
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(attrs), options)


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
    child_count: int = 0

    @property
    def has_more(self) -> bool:
        """Children exist but were not loaded: the node fetches them when opened."""
        return self.child_count > 0 and not self.children

    @property
    def open(self) -> bool:
        return bool(self.children)


@dataclass
class Outline:
    """The shape of the year's tree: children of each goal (None: the roots shown)."""

    children: dict = field(default_factory=lambda: defaultdict(list))
    ids: set = field(default_factory=set)

    @classmethod
    def of(cls, rows) -> Outline:
        outline = cls(ids={pk for pk, _parent in rows})
        for pk, parent in rows:
            outline.children[parent if parent in outline.ids else None].append(pk)
        return outline

    def below(self, roots, levels: int) -> set:
        """The roots and their descendants down to `levels` levels below them."""
        chosen, frontier = set(), list(roots)
        for _ in range(levels + 1):
            chosen.update(frontier)
            frontier = [child for pk in frontier for child in self.children.get(pk, ())]
        return chosen

    def count(self, pk) -> int:
        return len(self.children.get(pk, ()))


def _build(goals, goal_results, indicator_results, period, py, outline=None) -> list[Node]:
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
        node.child_count = outline.count(goal.pk) if outline is not None else 0
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


def _filters(request) -> dict:
    """The year, unit and period of the query string (a bad value is a form error)."""
    viewer = request.viewer
    years = [y.year for y in selectors.performance_years(viewer).order_by("year")]
    units = selectors.planning_units(viewer)
    form = PerformanceFilterForm(request.GET or None, years=years, units=units)
    for name in ("year", "unit"):
        form.fields[name].widget = QuickSelect(choices=form.fields[name].choices)
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
    if py is not None:
        periods = selectors.year_periods(py)
        context.update(
            periods=periods,
            selected_period=period_from_request(request, periods),
            legend=legend(py),
            query=request.GET.urlencode(),
        )
    return context


def _nodes(request, context, shown: set, outline: Outline | None) -> list[Node]:
    viewer, py, period = request.viewer, context["performance_year"], context["selected_period"]
    goals = selectors.goals_of_year(viewer, py, unit=context["unit"], ids=shown)
    indicator_ids = [i.pk for g in goals for i in g.indicators.all()]
    return _build(
        goals,
        selectors.goal_results_for(viewer, period, goal_ids=shown),
        selectors.indicator_results_for(viewer, py, indicator_ids=indicator_ids, period=period),
        period,
        py,
        outline,
    )


@login_required
def tree_view(request):
    context = _filters(request)
    py = context["performance_year"]
    if py is not None:
        outline = Outline.of(selectors.goal_outline(request.viewer, py, unit=context["unit"]))
        shown = outline.below(outline.children.get(None, ()), EAGER_LEVELS)
        context["roots"] = _nodes(request, context, shown, outline)
    return render(request, "iku/tree/tree.html", context)


@login_required
def tree_children_view(request, pk: int):
    """The children of a goal: a fragment for the tree (htmx), else the tree page rooted at the
    goal. A goal outside the year's plan (or the chosen unit) is not found."""
    context = _filters(request)
    py = context["performance_year"]
    if py is None:
        raise Http404
    outline = Outline.of(selectors.goal_outline(request.viewer, py, unit=context["unit"]))
    if pk not in outline.ids:
        raise Http404
    shown = outline.below([pk], 1)
    roots = _nodes(request, context, shown, outline)
    if request.htmx:
        context["nodes"] = roots[0].children if roots else []
        return render(request, "iku/tree/children.html", context)
    context.update(roots=roots, root_goal=roots[0].goal if roots else None)
    return render(request, "iku/tree/tree.html", context)


@login_required
def tree_table_view(request):
    """Goals down to the OPD level, or every goal under the chosen unit, as a table."""
    context = _filters(request)
    py = context["performance_year"]
    if py is not None:
        unit = context["unit"]
        outline = Outline.of(selectors.goal_outline(request.viewer, py, unit=unit))
        roots = outline.children.get(None, ())
        shown = outline.ids if unit is not None else outline.below(roots, EAGER_LEVELS)
        context["roots"] = _nodes(request, context, shown, outline)
        context["rows"] = _flatten(context["roots"])
        context["scoped"] = unit is None and len(shown) < len(outline.ids)
    return render(request, "iku/tree/table.html", context)
