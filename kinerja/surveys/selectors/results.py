"""The results of the public satisfaction survey, read from the database and scoped to the viewer.

Every figure starts from a `rules.Tally`: the sums and counts of the nine element columns and
the number of rows, which the database adds up in ONE aggregate query grouped by unit (or unit
and service, or month) and filtered by the period's days. Periods pool by adding tallies, so a
year's index comes from the year's pooled answers, never from averaging its quarters. The
number of queries of a page does not grow with its units or its periods (`figures` holds the
building blocks).
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractMonth, ExtractYear
from django.http import Http404
from django.utils.translation import gettext as _

from kinerja.org import permissions as org_permissions
from kinerja.org.models import Unit
from kinerja.surveys import permissions, rules
from kinerja.surveys.models import (
    AgeBand,
    Education,
    Occupation,
    Response,
    Service,
    Sex,
    Weight,
)
from kinerja.surveys.rules import ELEMENTS, Element, IkmResult, Tally
from kinerja.surveys.selectors.figures import (
    ElementRow,
    Figures,
    Period,
    Populations,
    agency_weight,
    as_decimal,
    figures,
    parse_period,
    pooled,
    tallies,
    weight_label,
)

__all__ = [
    "ElementRow",
    "Figures",
    "Period",
    "Populations",
    "agency_weight",
    "as_decimal",
    "figures",
    "parse_period",
    "pooled",
    "tallies",
    "weight_label",
]

# --- scopes ---------------------------------------------------------------------------------


def _ancestor_or_self_paths(path: str) -> list[str]:
    parts = path.strip("/").split("/")
    return ["/" + "/".join(parts[:n]) + "/" for n in range(1, len(parts) + 1)]


def _under(paths: Iterable[str]) -> Q:
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition


def results_units(viewer) -> QuerySet[Unit]:
    """The service units whose results the viewer sees (see `permissions.sees_unit_results`)."""
    if not viewer.is_authenticated:
        return Unit.objects.none()
    base = Unit.objects.filter(agency_id=viewer.agency_id, is_service_unit=True)
    if viewer.sees_whole_agency:
        return base
    headed = [unit.path for unit in org_permissions.headed_units(viewer)]
    condition = _under([*viewer.admin_unit_paths, *headed])
    worked = {
        p for unit in org_permissions.held_units(viewer) for p in _ancestor_or_self_paths(unit.path)
    }
    if worked:
        condition |= Q(path__in=sorted(worked))
    return base.filter(condition)


def regency_units(viewer) -> QuerySet[Unit]:
    """The service units of the regency table: the whole agency for BKPSDM admins, pimpinan and
    auditors; a unit admin's own units."""
    if not permissions.can_view_regency(viewer):
        return Unit.objects.none()
    base = Unit.objects.filter(agency_id=viewer.agency_id, is_service_unit=True)
    if viewer.sees_whole_agency:
        return base
    return base.filter(_under(viewer.admin_unit_paths))


def get_results_unit(viewer, pk) -> Unit:
    unit = results_units(viewer).filter(pk=pk).first() if str(pk).isdigit() else None
    if unit is None:
        raise Http404
    return unit


def unit_services(unit: Unit) -> list[Service]:
    return list(Service.objects.filter(unit=unit).order_by("name"))


def get_unit_service(unit: Unit, pk) -> Service:
    service = Service.objects.filter(unit=unit, pk=pk).first() if str(pk).isdigit() else None
    if service is None:
        raise Http404
    return service


# --- a unit's results -----------------------------------------------------------------------


@dataclass
class ServiceRow:
    service: Service | None  # None: answers given at a counter serving every service
    figures: Figures


@dataclass
class UnitResults:
    unit: Unit
    period: Period
    service: Service | None
    weight: str
    figures: Figures
    services: list[ServiceRow] = field(default_factory=list)

    @property
    def weight_label(self) -> str:
        return weight_label(self.weight)


def _responses(unit_ids, period: Period) -> QuerySet[Response]:
    return Response.objects.filter(unit__in=unit_ids, day__gte=period.start, day__lte=period.end)


def unit_results(viewer, unit: Unit, period: Period, service: Service | None = None):
    """The unit's figures for the period (or one service's), with a row per service. Four
    queries whatever the unit's size: the tallies per service, the services, the users, the
    weight."""
    if not permissions.sees_unit_results(viewer, unit):
        raise Http404
    found = tallies(_responses([unit.pk], period), "service_id")
    services = unit_services(unit)
    populations = Populations([unit.pk], period.year)
    weight = agency_weight(unit.agency_id)
    rows = [
        ServiceRow(
            item,
            figures(
                found.get((item.pk,), Tally()),
                weight=weight,
                population=populations.of(unit.pk, item.pk, period),
            ),
        )
        for item in services
        if item.is_active or (item.pk,) in found
    ]
    if (None,) in found:
        rows.append(ServiceRow(None, figures(found[(None,)], weight=weight)))
    if service is None:
        tally = pooled(found.values())
        population = populations.of(unit.pk, None, period)
    else:
        tally = found.get((service.pk,), Tally())
        population = populations.of(unit.pk, service.pk, period)
    return UnitResults(
        unit=unit,
        period=period,
        service=service,
        weight=weight,
        figures=figures(tally, weight=weight, population=population),
        services=rows,
    )


# --- the trend ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrendPoint:
    period: Period
    respondents: int
    ikm: IkmResult


def unit_trend(viewer, unit: Unit, period: Period, service: Service | None = None):
    """The periods of the kind of `period` in its year and the year before, each from its own
    pooled answers (one query grouped by month, then added up per period)."""
    if not permissions.sees_unit_results(viewer, unit):
        raise Http404
    years = (period.year - 1, period.year)
    responses = Response.objects.filter(
        unit=unit,
        day__gte=datetime.date(years[0], 1, 1),
        day__lte=datetime.date(years[1], 12, 31),
    )
    if service is not None:
        responses = responses.filter(service=service)
    monthly = tallies(responses.annotate(y=ExtractYear("day"), m=ExtractMonth("day")), "y", "m")
    weight = agency_weight(unit.agency_id)
    points = []
    for year in years:
        for each in period.of_year(year):
            tally = pooled(t for (y, m), t in monthly.items() if each.contains_month(y, m))
            points.append(
                TrendPoint(each, tally.respondents, rules.ikm(tally.nrr(), weight=weight))
            )
    return points


# --- the respondent profile -----------------------------------------------------------------


@dataclass(frozen=True)
class ProfileRow:
    label: str
    count: int
    percent: Decimal


@dataclass(frozen=True)
class ProfileTable:
    key: str
    title: str
    rows: list[ProfileRow]


PROFILE_FIELDS = (
    ("age_band", AgeBand),
    ("sex", Sex),
    ("education", Education),
    ("occupation", Occupation),
)


def _profile_titles() -> dict[str, str]:
    return {
        "age_band": _("Age"),
        "sex": _("Sex"),
        "education": _("Education"),
        "occupation": _("Occupation"),
    }


def profile_of(counts: dict[tuple, int]) -> list[ProfileTable]:
    """Counts by age band, sex, education and occupation from the counts of each combination."""
    titles = _profile_titles()
    total = sum(counts.values())
    tables = []
    for position, (name, choices) in enumerate(PROFILE_FIELDS):
        by_value: Counter = Counter()
        for combination, count in counts.items():
            by_value[combination[position] or ""] += count
        rows = []
        for value, label in [*choices.choices, ("", _("Not stated"))]:
            count = by_value.get(value, 0)
            if value == "" and not count:
                continue
            percent = Decimal(0)
            if total:
                percent = (Decimal(100 * count) / total).quantize(
                    Decimal("0.1"), rounding=ROUND_HALF_UP
                )
            rows.append(ProfileRow(str(label), count, percent))
        tables.append(ProfileTable(name, titles[name], rows))
    return tables


def respondent_profile(viewer, unit: Unit, period: Period, service: Service | None = None):
    """The respondents' profile: one query counting each combination of the four answers."""
    if not permissions.sees_unit_results(viewer, unit):
        raise Http404
    responses = _responses([unit.pk], period)
    if service is not None:
        responses = responses.filter(service=service)
    names = [name for name, _choices in PROFILE_FIELDS]
    rows = responses.order_by().values(*names).annotate(n=Count("id"))
    return profile_of({tuple(row[name] for name in names): row["n"] for row in rows})


# --- suggestions ----------------------------------------------------------------------------


def suggestions(viewer, unit: Unit, period: Period, service: Service | None = None):
    """The period's suggestions, newest first: the day, the service and the text only."""
    if not permissions.sees_unit_results(viewer, unit):
        raise Http404
    responses = _responses([unit.pk], period).exclude(suggestion="")
    if service is not None:
        responses = responses.filter(service=service)
    return responses.order_by("-day", "-pk").values("pk", "day", "suggestion", "service__name")


# --- the regency ----------------------------------------------------------------------------


@dataclass
class RegencyRow:
    unit: Unit
    figures: Figures


@dataclass(frozen=True)
class ElementAcross:
    element: Element
    number: int
    name: str
    units: int  # units where it is among the three weakest
    nrr: Decimal | None  # over every answer of the regency


@dataclass
class Regency:
    period: Period
    weight: str
    rows: list[RegencyRow]
    elements: list[ElementAcross]
    figures: Figures  # the regency's pooled answers

    @property
    def weight_label(self) -> str:
        return weight_label(self.weight)


SORTS = ("name", "ikm", "respondents")


def _sort_key(sort: str):
    if sort == "ikm":
        return lambda row: (
            row.figures.ikm.index_100 is None,
            -(row.figures.ikm.index_100 or 0),
            row.unit.name,
        )
    if sort == "respondents":
        return lambda row: (-row.figures.respondents, row.unit.name)
    return lambda row: row.unit.path


def regency_table(viewer, period: Period, sort: str = "name") -> Regency:
    """Every service unit the viewer oversees side by side for a period, and the weakest
    elements across them. Four queries whatever the number of units."""
    units = regency_units(viewer)
    weight = agency_weight(viewer.agency_id) if viewer.is_authenticated else Weight.EXACT
    found = tallies(
        Response.objects.filter(
            agency_id=viewer.agency_id,
            unit__in=units,
            day__gte=period.start,
            day__lte=period.end,
        ),
        "unit_id",
    )
    populations = Populations(units, period.year)
    rows = [
        RegencyRow(
            unit,
            figures(
                found.get((unit.pk,), Tally()),
                weight=weight,
                population=populations.of(unit.pk, None, period),
            ),
        )
        for unit in units.order_by("path")
    ]
    rows.sort(key=_sort_key(sort if sort in SORTS else "name"))
    total = figures(pooled(found.values()), weight=weight)
    among = Counter(element for row in rows for element in row.figures.weakest)
    elements = [
        ElementAcross(
            element,
            position + 1,
            rules.ELEMENT_NAMES[element],
            among.get(element, 0),
            as_decimal(total.nrr[position]),
        )
        for position, element in enumerate(ELEMENTS)
    ]
    elements.sort(key=lambda item: (-item.units, item.nrr or Decimal(5), item.number))
    return Regency(period, weight, rows, elements, total)
