"""The regency dashboard (Bappeda, pimpinan, BKPSDM, auditors) and the unit dashboard."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.core import freshness
from kinerja.iku import charts, permissions, rules, selectors
from kinerja.iku.models import REGENCY_LEVELS
from kinerja.iku.services import results as results_services
from kinerja.iku.views._common import (
    annual_first,
    bands,
    category,
    legend,
    period_from_request,
)
from kinerja.org import permissions as org_permissions


@login_required
def dashboard_view(request):
    """The entry page: the regency dashboard for overseers, else the viewer's own unit."""
    viewer = request.viewer
    if permissions.oversees_performance(viewer):
        return redirect("iku:regency")
    paths = list(viewer.admin_unit_paths) + [u.path for u in org_permissions.held_units(viewer)]
    if paths:
        root_id = int(sorted(paths)[0].strip("/").split("/")[0])
        return redirect("iku:unit", pk=root_id)
    return redirect("iku:tree")


@dataclass
class Cell:
    result: object
    category: charts.Category


@dataclass
class UnitRow:
    unit: object
    cells: list = field(default_factory=list)
    selected: Cell | None = None


def _unit_rows(viewer, py, periods, selected, *, under=None) -> list[UnitRow]:
    """A row per unit with results in the year (units under `under` only, when given)."""
    results = selectors.unit_results(viewer, py, under=under)
    by_key = {(r.unit_id, r.period_id): r for r in results}
    units = {r.unit_id: r.unit for r in results}
    rows = []
    for unit in sorted(units.values(), key=lambda u: u.path):
        row = UnitRow(unit)
        for period in periods:
            result = by_key.get((unit.pk, period.pk))
            cell = Cell(result, category(result.capaian if result else None, py))
            row.cells.append(cell)
            if period == selected:
                row.selected = cell
        rows.append(row)
    return rows


# The realisation counts and gaps read the whole year's realisations (tens of milliseconds at
# province size) and are the same for every overseer: they are kept a minute per year and day,
# and start afresh when a verification requests a recompute or a recompute ends (the home page
# keeps its agency figures the same way).
FIGURES_SECONDS = 60


def _regency_figures(viewer, py, computation) -> dict:
    stamps = "-".join(
        moment.isoformat() if moment else ""
        for moment in (
            getattr(computation, "requested_at", None),
            getattr(computation, "computed_at", None),
        )
    )
    key = f"iku:regency:{viewer.agency_id}:{py.pk}:{viewer.today.isoformat()}:{stamps}"
    return cache.get_or_set(
        key,
        lambda: {
            "counts": selectors.realisation_counts(viewer, py),
            "gaps": selectors.realisation_gap_counts(viewer, py),
        },
        FIGURES_SECONDS,
    )


def _opd_rows(viewer, py, periods, selected) -> list[UnitRow]:
    """A row per OPD: the unit whose results answer for it (`selectors.opd_results`)."""
    rows = []
    for unit, by_period in selectors.opd_results(viewer, py):
        row = UnitRow(unit)
        for period in periods:
            result = by_period.get(period.pk)
            cell = Cell(result, category(result.capaian if result else None, py))
            row.cells.append(cell)
            if period == selected:
                row.selected = cell
        rows.append(row)
    return rows


def _has_result(row) -> bool:
    return row.selected is not None and row.selected.result is not None


def _chart(rows: list[UnitRow], py, title: str) -> str:
    bars = []
    for row in rows:
        result = row.selected.result if row.selected else None
        bars.append(
            charts.CapaianBar(
                row.unit.short_name or row.unit.name,
                result.capaian if result else None,
                result.partial_label if result else "",
            )
        )
    return charts.capaian_bars_svg(bars, bands=bands(py), title=title) if bars else ""


def _year_context(viewer, request, py):
    periods = selectors.year_periods(py)
    selected = period_from_request(request, periods)
    return periods, selected


def _recompute_now(request, viewer):
    """POST of the "recompute now" button: queue the recompute of the chosen year."""
    py = selectors.performance_year_from_request(viewer, request.POST.get("year"))
    if py is None:
        raise Http404
    if not permissions.can_recompute(viewer, py.agency):
        raise PermissionDenied
    results_services.capaian_recompute_request(actor=viewer, performance_year=py)
    messages.success(request, _("The recompute of %(year)s has been queued.") % {"year": py.year})
    return redirect(f"{reverse('iku:regency')}?year={py.year}")


@login_required
def regency_dashboard_view(request):
    """GET: the dashboard. POST: BKPSDM queues a recompute of the year's results."""
    viewer = request.viewer
    if not permissions.oversees_performance(viewer):
        raise PermissionDenied
    if request.method == "POST":
        return _recompute_now(request, viewer)
    py = selectors.performance_year_from_request(viewer, request.GET.get("year"))
    context = {
        "performance_year": py,
        "years": [y.year for y in selectors.performance_years(viewer).order_by("year")],
    }
    if py is None:
        return render(request, "iku/dashboards/regency.html", context)
    periods, selected = _year_context(viewer, request, py)
    # One row and one bar per OPD, and the regional goals only: a province's hundreds of bidang
    # and seksi are on the unit dashboards.
    table_periods = annual_first(periods)
    rows = _opd_rows(viewer, py, table_periods, selected)
    capaian_values = [r.selected.result.capaian for r in rows if r.selected and r.selected.result]
    average = rules.mean(capaian_values, places=py.capaian_places, rounding=py.capaian_rounding)
    goals = selectors.goals_of_year(viewer, py, levels=REGENCY_LEVELS)
    computation = selectors.results_computation(viewer, py)
    figures = _regency_figures(viewer, py, computation)
    goal_results = (
        selectors.goal_results_for(viewer, selected, goal_ids=[g.pk for g in goals])
        if selected
        else {}
    )
    context.update(
        periods=periods,
        table_periods=table_periods,
        selected_period=selected,
        rows=rows,
        average=average,
        average_category=category(average, py),
        average_partial=any(r.selected.result.is_partial for r in rows if _has_result(r)),
        regency_goals=[
            (
                g,
                goal_results.get(g.pk),
                category(getattr(goal_results.get(g.pk), "capaian", None), py),
            )
            for g in goals
        ],
        counts=figures["counts"],
        gaps=figures["gaps"],
        no_capaian=_("No capaian yet"),
        can_recompute=permissions.can_recompute(viewer, py.agency),
        computation=computation,
        chart=_chart(rows, py, _("Capaian per unit, %(period)s") % {"period": selected.label}),
        legend=legend(py),
    )
    return render(request, "iku/dashboards/regency.html", context)


@dataclass
class IndicatorRow:
    indicator: object
    cells: list = field(default_factory=list)


@dataclass
class IndicatorCell:
    period: object
    result: object
    realisation: object
    category: charts.Category
    expected: bool


def _unit_body_context(request, viewer, unit, py) -> dict:
    """The unit dashboard's figures: kept a minute per person (kinerja.core.freshness), since
    a large unit prints a capaian for each of its indicators and periods."""
    context = {"unit": unit, "performance_year": py}
    periods, selected = _year_context(viewer, request, py)
    goals = selectors.goals_of_year(viewer, py, unit=unit)
    table_periods = annual_first(periods)
    rows = _unit_rows(viewer, py, table_periods, selected, under=unit)
    indicator_ids = [i.pk for g in goals for i in g.indicators.all()]
    results = selectors.indicator_results_for(viewer, py, indicator_ids=indicator_ids)
    realisations = selectors.realisations_of_year(viewer, py, unit=unit)
    goal_results = selectors.goal_results_for(viewer, selected) if selected else {}
    goal_rows = []
    for goal in goals:
        indicator_rows = []
        for indicator in goal.indicators.all():
            expected = set(selectors.expected_periods(indicator.reporting_frequency, periods))
            row = IndicatorRow(indicator)
            for period in table_periods:
                result = results.get((indicator.pk, period.pk))
                row.cells.append(
                    IndicatorCell(
                        period,
                        result,
                        realisations.get((indicator.pk, period.pk)),
                        category(result.capaian if result else None, py),
                        period in expected or period.is_annual,
                    )
                )
            indicator_rows.append(row)
        goal_result = goal_results.get(goal.pk)
        goal_rows.append(
            (goal, goal_result, category(getattr(goal_result, "capaian", None), py), indicator_rows)
        )
    own = next((r for r in rows if r.unit.pk == unit.pk), None)
    context.update(
        periods=periods,
        table_periods=table_periods,
        selected_period=selected,
        rows=rows,
        own=own,
        goal_rows=goal_rows,
        counts=selectors.realisation_counts(viewer, py, unit=unit),
        gaps=selectors.realisation_gap_counts(viewer, py, unit=unit),
        computation=selectors.results_computation(viewer, py),
        chart=_chart(rows, py, _("Capaian per unit, %(period)s") % {"period": selected.label}),
        legend=legend(py),
        to_verify=len(
            [
                r
                for r in selectors.realisations_to_verify(viewer)
                if r.indicator.goal.owner_unit.path.startswith(unit.path)
            ]
        ),
    )
    return context


@login_required
def unit_dashboard_view(request, pk: int):
    viewer = request.viewer
    unit = selectors.get_agency_unit(viewer, pk)
    if not permissions.can_see_unit_performance(viewer, unit):
        raise PermissionDenied
    py = selectors.performance_year_from_request(viewer, request.GET.get("year"))
    context = {
        "unit": unit,
        "performance_year": py,
        "years": [y.year for y in selectors.performance_years(viewer).order_by("year")],
    }
    if py is None:
        return render(request, "iku/dashboards/unit.html", context)
    context["body"] = freshness.kept_html(
        request,
        "iku-unit",
        "iku/dashboards/_unit_body.html",
        lambda: _unit_body_context(request, viewer, unit, py),
    )
    return render(request, "iku/dashboards/unit.html", context)
