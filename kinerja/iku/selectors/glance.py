"""The agency's organisation performance at a glance, for the regional head's Beranda."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from kinerja.iku import charts, rules
from kinerja.iku.models import PeriodKind
from kinerja.iku.selectors.core import year_periods
from kinerja.iku.selectors.pages import default_performance_year, opd_results

# The OPDs named as needing attention: the lowest capaian of the year.
LOWEST_SHOWN = 3


@dataclass
class OpdFigure:
    unit: object
    result: object
    category: charts.Category


@dataclass
class AgencyGlance:
    year: int
    opd_count: int
    average: Decimal | None
    average_category: charts.Category
    partial: bool
    by_predikat: list[tuple[charts.Category, int]] = field(default_factory=list)
    lowest: list[OpdFigure] = field(default_factory=list)

    @property
    def reported_count(self) -> int:
        return sum(n for _category, n in self.by_predikat)


def agency_glance(viewer) -> AgencyGlance | None:
    """The year's annual capaian of every OPD: their average, how many fall in each organisation
    predikat band (best first) and the lowest few; None before the agency has a performance year.
    Four queries whatever the agency's size (the year, its periods, then `opd_results`)."""
    py = default_performance_year(viewer)
    if py is None:
        return None
    bands = py.bands
    annual_period = next(p for p in year_periods(py) if p.kind == PeriodKind.YEAR)
    figures = []
    opds = opd_results(viewer, py)
    for unit, by_period in opds:
        annual = by_period.get(annual_period.pk)
        if annual is not None and annual.capaian is not None:
            figures.append(OpdFigure(unit, annual, charts.capaian_category(annual.capaian, bands)))
    average = rules.mean(
        [f.result.capaian for f in figures], places=py.capaian_places, rounding=py.capaian_rounding
    )
    counts = Counter(f.category.code for f in figures)
    order = [code for code in charts.PREDIKAT_TONES if counts[code]]
    by_predikat = [(charts.predikat_category(code), counts[code]) for code in order]
    lowest = sorted(figures, key=lambda f: (f.result.capaian, f.unit.name))[:LOWEST_SHOWN]
    return AgencyGlance(
        year=py.year,
        opd_count=len(opds),
        average=average,
        average_category=charts.capaian_category(average, bands),
        partial=any(f.result.is_partial for f in figures),
        by_predikat=by_predikat,
        lowest=lowest,
    )
