"""The indicator page: its manual, targets, realisations, evidence and a chart over the periods."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from kinerja.iku import charts, permissions, selectors, sources
from kinerja.iku.views._common import bands, category


@dataclass
class PeriodRow:
    period: object
    target: object
    realisation: object
    result: object
    category: charts.Category
    can_enter: bool


@login_required
def indicator_detail_view(request, pk: int):
    viewer = request.viewer
    indicator = selectors.get_indicator(viewer, pk)
    py = selectors.performance_year_from_request(viewer, request.GET.get("year"))
    source = selectors.indicator_source(indicator)
    context = {
        "source": source,
        "source_kind": sources.get(source.kind) if source else None,
        "indicator": indicator,
        "goal": indicator.goal,
        "may_see_unit": permissions.can_see_unit_performance(viewer, indicator.goal.owner_unit),
        "performance_year": py,
        "years": [y.year for y in selectors.performance_years(viewer).order_by("year")],
        "annual_targets": [],
        "rows": [],
        "chart": "",
    }
    if py is None:
        return render(request, "iku/indicators/detail.html", context)
    periods = selectors.year_periods(py)
    targets = selectors.indicator_targets(indicator, py)
    realisations = selectors.indicator_realisations(viewer, indicator, py)
    results = selectors.indicator_results_for(viewer, py, indicator_ids=[indicator.pk])
    may_enter = source is None and permissions.can_enter_realisation(viewer, indicator)
    reported = selectors.expected_periods(indicator.reporting_frequency, periods)
    shown = reported + [p for p in periods if p.is_annual and p not in reported]
    rows = []
    for period in shown:
        result = results.get((indicator.pk, period.pk))
        realisation = realisations.get(period.pk)
        rows.append(
            PeriodRow(
                period=period,
                target=targets["periods"].get(period.pk),
                realisation=realisation,
                result=result,
                category=category(result.capaian if result else None, py),
                can_enter=may_enter
                and period in reported
                and period.start_date <= viewer.today
                and indicator.goal.covers_year(py.year)
                and (realisation is None or realisation.is_editable),
            )
        )
    points = [
        charts.PeriodPoint(
            label=row.period.label,
            target=row.result.target if row.result else getattr(row.target, "value", None),
            realisation=row.result.realisation if row.result else None,
            capaian=row.result.capaian if row.result else None,
            partial=row.result.partial_label if row.result else "",
        )
        for row in rows
        if row.period in reported
    ]
    context.update(
        annual_targets=list(targets["annual"].values()),
        rows=rows,
        annual_target=targets["annual"].get(py.year),
        show_evidence=selectors.may_see_indicator_evidence(viewer, indicator),
        chart=charts.target_vs_realisation_svg(
            points, unit_of_measure=indicator.unit_of_measure, bands=bands(py)
        ),
        chart_partial_notes=charts.partial_notes(points),
    )
    return render(request, "iku/indicators/detail.html", context)
