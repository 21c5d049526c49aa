"""The building blocks of the survey results: periods, the figures of one tally, the tallies
read in one aggregate query, the agency's weight and the service users of the minimum sample.

The minimum sample comes from the service users the unit entered (`ServiceUsers`): the
period's own figure, else the sum of the finer periods inside it when every one of them is
entered (a year from its four quarters), else, for all of a unit's services, the sum of the
services' own figures. When none is known the page says so.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db.models import Count, QuerySet, Sum
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from kinerja.surveys import rules
from kinerja.surveys.models import (
    PERIODS_IN_YEAR,
    PeriodKind,
    Response,
    ServiceUsers,
    SurveySettings,
    Weight,
)
from kinerja.surveys.rules import ELEMENTS, Element, IkmResult, Tally

# --- periods --------------------------------------------------------------------------------

MONTHS_IN = {kind: 12 // count for kind, count in PERIODS_IN_YEAR.items()}
FINER = {
    PeriodKind.YEAR: (PeriodKind.QUARTER, PeriodKind.SEMESTER, PeriodKind.MONTH),
    PeriodKind.SEMESTER: (PeriodKind.QUARTER, PeriodKind.MONTH),
    PeriodKind.QUARTER: (PeriodKind.MONTH,),
    PeriodKind.MONTH: (),
}


@dataclass(frozen=True, order=True)
class Period:
    """A month, quarter, semester or year of a calendar year."""

    year: int
    kind: str
    number: int = 1

    def __post_init__(self):
        if self.kind not in PERIODS_IN_YEAR:
            raise ValueError(f"a period is one of {', '.join(PERIODS_IN_YEAR)}")
        if not 1 <= self.number <= PERIODS_IN_YEAR[self.kind]:
            raise ValueError(f"a {self.kind} is numbered 1 to {PERIODS_IN_YEAR[self.kind]}")
        if not 2000 <= self.year <= 2100:
            raise ValueError("the year is 2000 to 2100")

    @property
    def months(self) -> range:
        size = MONTHS_IN[self.kind]
        first = (self.number - 1) * size + 1
        return range(first, first + size)

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, self.months[0], 1)

    @property
    def end(self) -> datetime.date:
        last = self.months[-1]
        if last == 12:
            return datetime.date(self.year, 12, 31)
        return datetime.date(self.year, last + 1, 1) - datetime.timedelta(days=1)

    @property
    def label(self) -> str:
        if self.kind == PeriodKind.MONTH:
            return f"{MONTHS[self.number]} {self.year}"
        if self.kind == PeriodKind.QUARTER:
            return _("Quarter %(n)s %(year)s") % {"n": self.number, "year": self.year}
        if self.kind == PeriodKind.SEMESTER:
            return _("Semester %(n)s %(year)s") % {"n": self.number, "year": self.year}
        return _("Year %(year)s") % {"year": self.year}

    @property
    def short_label(self) -> str:
        if self.kind == PeriodKind.MONTH:
            return f"{str(MONTHS[self.number])[:3]} {self.year % 100:02d}"
        if self.kind == PeriodKind.QUARTER:
            return f"Q{self.number} {self.year}"
        if self.kind == PeriodKind.SEMESTER:
            return f"S{self.number} {self.year}"
        return str(self.year)

    def of_year(self, year: int) -> list[Period]:
        return [Period(year, self.kind, n) for n in range(1, PERIODS_IN_YEAR[self.kind] + 1)]

    def previous(self) -> Period | None:
        """The period of the same kind before this one (None before 2000)."""
        if self.number > 1:
            return Period(self.year, self.kind, self.number - 1)
        if self.year <= 2000:
            return None
        return Period(self.year - 1, self.kind, PERIODS_IN_YEAR[self.kind])

    def contains_month(self, year: int, month: int) -> bool:
        return year == self.year and month in self.months


def parse_period(year, kind, number) -> Period:
    """A period from query parameters; ValueError when they name none."""
    try:
        return Period(int(year), str(kind), int(number or 1))
    except (TypeError, ValueError) as error:
        raise ValueError(str(error)) from error


# --- the figures of one tally ---------------------------------------------------------------


def as_decimal(value: Fraction | None, places: int = 2) -> Decimal | None:
    """A mean for display, rounded half-up."""
    if value is None:
        return None
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ElementRow:
    element: Element
    number: int
    name: str
    answered: int
    nrr: Decimal | None  # 1-4, two decimals
    converted: Decimal | None  # NRR times 25
    is_weakest: bool


@dataclass(frozen=True)
class Figures:
    """What a tally tells: respondents, the NRR of each element, the IKM and its grade with the
    agency's weight, the weakest elements, and the minimum sample of the period's users."""

    tally: Tally
    weight: str
    population: int | None
    nrr: tuple[Fraction | None, ...]
    ikm: IkmResult
    weakest: tuple[Element, ...]
    minimum_sample: int | None

    @property
    def respondents(self) -> int:
        return self.tally.respondents

    @property
    def below_sample(self) -> bool:
        return self.minimum_sample is not None and self.respondents < self.minimum_sample

    @property
    def population_known(self) -> bool:
        return self.population is not None

    @property
    def missing_names(self) -> list[str]:
        return [rules.ELEMENT_NAMES[element] for element in self.ikm.missing]

    def element_rows(self) -> list[ElementRow]:
        weakest = set(self.weakest)
        return [
            ElementRow(
                element=element,
                number=position + 1,
                name=rules.ELEMENT_NAMES[element],
                answered=self.tally.counts[position],
                nrr=as_decimal(value),
                converted=as_decimal(value * rules.CONVERSION if value is not None else None),
                is_weakest=element in weakest,
            )
            for position, (element, value) in enumerate(zip(ELEMENTS, self.nrr, strict=True))
        ]

    def as_dict(self) -> dict:
        """The figures as plain JSON values (a published report's snapshot, the API)."""
        return {
            "respondents": self.respondents,
            "weight": self.weight,
            "population": self.population,
            "minimum_sample": self.minimum_sample,
            "below_sample": self.below_sample,
            "ikm_4": str(self.ikm.index_4) if self.ikm.index_4 is not None else None,
            "ikm_100": str(self.ikm.index_100) if self.ikm.index_100 is not None else None,
            "grade": str(self.ikm.grade) if self.ikm.grade is not None else None,
            "grade_label": self.ikm.label,
            "missing": [str(element) for element in self.ikm.missing],
            "weakest": [str(element) for element in self.weakest],
            "elements": [
                {
                    "element": str(row.element),
                    "name": row.name,
                    "answered": row.answered,
                    "nrr": str(row.nrr) if row.nrr is not None else None,
                    "converted": str(row.converted) if row.converted is not None else None,
                    "weakest": row.is_weakest,
                }
                for row in self.element_rows()
            ],
        }


def figures(tally: Tally, *, weight: str = Weight.EXACT, population: int | None = None):
    return _figures(tally, str(weight), population)


@functools.lru_cache(maxsize=4096)
def _figures(tally: Tally, weight: str, population: int | None) -> Figures:
    # Pure and immutable: the same tally recurs in every trend and every period that holds it.
    means = tally.nrr()
    return Figures(
        tally=tally,
        weight=weight,
        population=population,
        nrr=means,
        ikm=rules.ikm(means, weight=weight),
        weakest=tuple(rules.weakest_elements(means)),
        minimum_sample=rules.sample_size(population) if population is not None else None,
    )


def weight_label(weight: str) -> str:
    return str(dict(Weight.choices).get(weight, weight))


# --- reading tallies ------------------------------------------------------------------------

_AGGREGATES = {
    "respondents": Count("id"),
    **{f"sum_{element}": Sum(str(element)) for element in ELEMENTS},
    **{f"count_{element}": Count(str(element)) for element in ELEMENTS},
}


def _tally_of(row: dict) -> Tally:
    return Tally(
        tuple(row[f"sum_{element}"] or 0 for element in ELEMENTS),
        tuple(row[f"count_{element}"] for element in ELEMENTS),
        row["respondents"],
    )


def tallies(responses: QuerySet[Response], *group_by: str) -> dict[tuple, Tally]:
    """One aggregate query: the tally of each group of `responses` (the group's values as key)."""
    rows = responses.order_by().values(*group_by).annotate(**_AGGREGATES)
    return {tuple(row[name] for name in group_by): _tally_of(row) for row in rows}


def tally(responses: QuerySet[Response]) -> Tally:
    """One aggregate query: the tally of all of `responses`."""
    return _tally_of(responses.order_by().aggregate(**_AGGREGATES))


def pooled(found: Iterable[Tally]) -> Tally:
    return sum(found, Tally())


def agency_weight(agency_id: int) -> str:
    value = (
        SurveySettings.objects.filter(agency_id=agency_id).values_list("weight", flat=True).first()
    )
    return value or Weight.EXACT


# --- service users and the minimum sample ---------------------------------------------------


class Populations:
    """The service users entered for some units in a year, read in one query."""

    def __init__(self, units, year: int):
        self.entries: dict[tuple, int] = {}
        rows = ServiceUsers.objects.filter(unit__in=units, year=year).values_list(
            "unit_id", "service_id", "kind", "number", "users"
        )
        for unit_id, service_id, kind, number, users in rows:
            self.entries[(unit_id, service_id, kind, number)] = users

    def _own(self, unit_id, service_id, period: Period) -> int | None:
        found = self.entries.get((unit_id, service_id, period.kind, period.number))
        if found is not None:
            return found
        for kind in FINER[period.kind]:
            size = MONTHS_IN[kind]
            numbers = range((period.months[0] - 1) // size + 1, (period.months[-1] - 1) // size + 2)
            parts = [self.entries.get((unit_id, service_id, kind, n)) for n in numbers]
            if parts and None not in parts:
                return sum(parts)
        return None

    def of(self, unit_id: int, service_id: int | None, period: Period) -> int | None:
        """The period's users of the unit (service None: all its services), None if unknown."""
        found = self._own(unit_id, service_id, period)
        if found is not None or service_id is not None:
            return found
        service_ids = {key[1] for key in self.entries if key[0] == unit_id and key[1]}
        known = [self._own(unit_id, pk, period) for pk in sorted(service_ids)]
        known = [value for value in known if value is not None]
        return sum(known) if known else None
