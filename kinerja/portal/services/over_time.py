"""What a publication withholds because the same people are counted in the other publications
of its year: a service's quarters add up to its year, so a group withheld in one quarter must
not come out of the year minus the other quarters (`rules.plan_over_time`).

Each service unit's satisfaction survey is one table (its services and the answers no service
row shows, by the year's months or quarters) and the agency's complaints another (its service
units and the rest). The figures already published stay as they were; this publication decides
its own column (a period's parts and whole, or the year's totals); the periods still to come
are planned with it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kinerja.iku.models import Period, PeriodKind
from kinerja.portal import rules
from kinerja.portal.rules import TOTAL
from kinerja.portal.selectors.public import published_parts
from kinerja.surveys.selectors import figures as survey_figures

OTHER = "other"  # the part of a whole that no published row shows (it still protects, and is)

Column = survey_figures.Period | rules.Margin


@dataclass(frozen=True)
class Family:
    """One year's publications of one kind of figure: the periods it is published in (its
    columns; TOTAL is the year), the column being decided, and the states already public."""

    year: int
    columns: tuple[survey_figures.Period, ...]
    deciding: Column | None  # None: a year this publication does not belong to
    # (what, unit id or None) -> {(part or TOTAL, column): withheld}: `what` is "satisfaction"
    # (per unit; part: a service of it) or "complaints" (None; part: a unit, TOTAL the agency).
    published: Mapping[tuple, Mapping[tuple, bool]]

    def period(self, column: Column) -> survey_figures.Period:
        """The period a column stands for (TOTAL: the year)."""
        if column is TOTAL:
            return survey_figures.Period(self.year, PeriodKind.YEAR, 1)
        return column


def column_of(kind: str, number: int, year: int) -> Column:
    if kind == PeriodKind.YEAR:
        return TOTAL
    return survey_figures.Period(year, kind, number)


def family(period, agency, year: int | None = None) -> Family:
    """The family of `period`'s year (or of another `year`, whose column being decided is
    none of its own: the earlier year a trend reaches back to)."""
    year = period.year if year is None else year
    kinds = set(
        Period.objects.filter(performance_year__agency=agency, performance_year__year=year)
        .exclude(kind=PeriodKind.YEAR)
        .values_list("kind", flat=True)
    )
    if period.kind != PeriodKind.YEAR and year == period.year:
        kind = period.kind
    else:
        kind = kinds.pop() if len(kinds) == 1 else PeriodKind.QUARTER
    columns = tuple(survey_figures.Period(year, kind, 1).of_year(year))
    deciding = column_of(period.kind, period.number, period.year) if year == period.year else None
    published: dict[tuple, dict[tuple, bool]] = defaultdict(dict)
    for kind_of, number, year_of, satisfaction, complaints in published_parts(
        agency, year, exclude_period=period
    ):
        column = column_of(kind_of, number, year_of)
        if column is not TOTAL and column not in columns:
            continue  # a period of another kind than the year's
        for row in satisfaction or ():
            part = TOTAL if row["service_id"] is None else row["service_id"]
            published["satisfaction", row["unit_id"]][part, column] = bool(row["suppressed"])
        for row in complaints or ():
            unit = TOTAL if row["unit_id"] is None else row["unit_id"]
            published["complaints", None][unit, column] = bool(row["suppressed"])
    return Family(year, columns, deciding, dict(published))


def _plan(cells, minimum, fixed, own_column) -> frozenset[tuple]:
    """Every figure of the table withheld, this publication's column decided (`own_column`:
    a period, TOTAL for the year's totals, None when it has none in this table)."""
    parts = list(dict.fromkeys(part for part, _ in cells))
    deciding = (
        [] if own_column is None else [(part, own_column) for part in parts] + [(TOTAL, own_column)]
    )
    deciding = [key for key in deciding if key not in fixed]
    return rules.plan_over_time(cells, minimum, published=fixed, deciding=deciding)


def satisfaction_withheld(
    found: Family,
    units: Iterable,
    services: Mapping[int, list],
    respondents: Mapping[tuple, int],
    minimum: int,
) -> frozenset[tuple]:
    """(unit id, service id or None for the whole unit, period) of every satisfaction figure of
    the year withheld: as published, as this publication decides, or as planned.
    `respondents` counts the answers by (unit id, service id or None, column) for each of the
    year's columns (None: at a counter serving every service)."""
    withheld: set[tuple] = set()
    for unit in units:
        parts = [OTHER, *(service.pk for service in services[unit.pk])]
        cells = {
            (part, column): respondents.get((unit.pk, None if part == OTHER else part, column), 0)
            for part in parts
            for column in found.columns
        }
        fixed = {
            (part, column): state
            for (part, column), state in found.published.get(("satisfaction", unit.pk), {}).items()
            if part in parts or part is TOTAL
        }
        _rest_unknown(cells, found.columns, fixed)
        plan = _plan(cells, minimum, fixed, found.deciding)
        for part, column in plan:
            if part != OTHER:
                withheld.add((unit.pk, None if part is TOTAL else part, found.period(column)))
    return frozenset(withheld)


def _rest_unknown(cells, columns, fixed) -> None:
    """The part no published row shows is never published: unknown to every reader, unless it
    is empty (a zero protects nothing: `rules.suppress`)."""
    for column in columns:
        fixed[(OTHER, column)] = cells[OTHER, column] > 0
    fixed[(OTHER, TOTAL)] = sum(cells[OTHER, column] for column in columns) > 0


def complaints_withheld(
    found: Family, unit_ids: list[int], received: Mapping[tuple, int], minimum: int
) -> frozenset[tuple]:
    """(unit id or None for the agency, period) of every complaints figure of the year
    withheld. `received` counts the complaints by (unit id or OTHER, column)."""
    parts = [*unit_ids, OTHER]
    cells = {
        (part, column): received.get((part, column), 0)
        for part in parts
        for column in found.columns
    }
    known = set(parts)
    fixed = {
        (part, column): state
        for (part, column), state in found.published.get(("complaints", None), {}).items()
        if part in known or part is TOTAL
    }
    _rest_unknown(cells, found.columns, fixed)
    plan = _plan(cells, minimum, fixed, found.deciding)
    return frozenset(
        (None if part is TOTAL else part, found.period(column))
        for part, column in plan
        if part != OTHER
    )


def by_column(found: Family, counts: Mapping[tuple, int]) -> dict[tuple, int]:
    """Monthly counts keyed (..., year, month) added up by the family's columns."""
    totals: dict[tuple, int] = defaultdict(int)
    for (*key, year, month), count in counts.items():
        if year != found.year:
            continue
        for column in found.columns:
            if column.contains_month(year, month):
                totals[(*key, column)] += count
    return dict(totals)
