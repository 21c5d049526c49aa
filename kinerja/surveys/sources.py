"""What the survey gives the rest of Kinerja: the IKM of a service unit (or of one of its
services) as a figure an indicator can take (`kinerja.iku.sources`), and the unit's card on the
feedback page of the people who serve there (Berorientasi Pelayanan)."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.feedback.selectors import ServiceCard
from kinerja.iku.sources import Measured, SourceKind
from kinerja.surveys import rules
from kinerja.surveys.models import Response, Service
from kinerja.surveys.selectors.figures import agency_weight, figures, tally, weight_label
from kinerja.surveys.selectors.results import results_units

IKM = "surveys.ikm"
SPAN_KINDS = {1: "month", 3: "quarter", 6: "semester", 12: "year"}


def _figures(unit, service_id, start: datetime.date, end: datetime.date):
    responses = Response.objects.filter(unit=unit, day__gte=start, day__lte=end)
    if service_id:
        responses = responses.filter(service_id=service_id)
    return figures(tally(responses), weight=agency_weight(unit.agency_id))


def measure_ikm(unit, service_id, start: datetime.date, end: datetime.date) -> Measured:
    """The converted IKM (25-100) of the answers given from `start` to `end`, pooled."""
    found = _figures(unit, service_id, start, end)
    basis = {
        "respondents": found.respondents,
        "weight": found.weight,
        "ikm_4": str(found.ikm.index_4) if found.ikm.index_4 is not None else None,
        "grade": str(found.ikm.grade) if found.ikm.grade is not None else None,
        "missing": [str(element) for element in found.ikm.missing],
    }
    if not found.respondents:
        return Measured(None, basis, _("Nobody answered the survey in this period."))
    if not found.ikm.is_valid:
        names = ", ".join(found.missing_names)
        return Measured(None, basis, _("No IKM: nobody answered %(names)s.") % {"names": names})
    return Measured(found.ikm.index_100, basis)


def describe_ikm(basis: dict) -> list[tuple[str, str]]:
    rows = [(_("Respondents"), str(basis.get("respondents", 0)))]
    if basis.get("weight"):
        rows.append((_("Element weight"), weight_label(basis["weight"])))
    if basis.get("grade"):
        grade = rules.Grade(basis["grade"])
        rows.append((_("Grade"), f"{grade} · {rules.GRADE_LABELS[grade]}"))
    return rows


def ikm_link(viewer, unit, service_id, start: datetime.date, end: datetime.date) -> str:
    """The unit's results page for the span (its period, when the span is one), for a viewer
    who may open it; else ""."""
    if not results_units(viewer).filter(pk=unit.pk).exists():
        return ""
    months = (end.year * 12 + end.month) - (start.year * 12 + start.month) + 1
    kind = SPAN_KINDS.get(months)
    query = {"year": end.year}
    if kind is not None:
        query.update(kind=kind, number=(end.month - 1) // months + 1)
    if service_id:
        query["service"] = service_id
    return f"{reverse('surveys:results_unit', args=[unit.pk])}?{urlencode(query)}"


def services_of(unit) -> list[tuple[int, str]]:
    return list(
        Service.objects.filter(unit=unit, is_active=True).order_by("name").values_list("pk", "name")
    )


IKM_SOURCE = SourceKind(
    key=IKM,
    label=gettext_lazy("IKM (public satisfaction index)"),
    unit_of_measure=gettext_lazy("index (25-100)"),
    measure=measure_ikm,
    options=services_of,
    option_label=gettext_lazy("Service"),
    link=ikm_link,
    describe=describe_ikm,
)


def service_card(viewer, unit, year: int, today: datetime.date):
    """The unit's IKM of the year so far, for the feedback page of those who serve there; the
    link to the unit's results only for a viewer who may open them."""
    end = min(today, datetime.date(year, 12, 31))
    found = _figures(unit, None, datetime.date(year, 1, 1), end)
    if not found.respondents:
        return None
    return ServiceCard(
        "surveys/_service_card.html",
        {
            "fig": found,
            "weakest": [rules.ELEMENT_NAMES[element] for element in found.weakest],
            "year": year,
            "link": ikm_link(
                viewer, unit, None, datetime.date(year, 1, 1), datetime.date(year, 12, 31)
            ),
        },
    )
