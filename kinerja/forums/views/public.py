"""The public pages of the forums: no login, no JavaScript, no personal data.

`/forum/` lists the published forums of one agency and `/forum/<id>/` shows one published forum
(a draft is 404). The list serves the agency of the public pages' one rule
(`kinerja.org.selectors.public`); a forum's page serves the forum's agency.
"""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from kinerja.core.numbers import is_ascii_digits
from kinerja.forums import selectors
from kinerja.forums.models import ParticipantGroup
from kinerja.org.selectors import AGENCY_PARAM
from kinerja.org.views import choose_agency, served_agency

BASE_TEMPLATE = "forums/public/base.html"


def _int(raw: str, low: int, high: int) -> int | None:
    return int(raw) if is_ascii_digits(raw) and low <= int(raw) <= high else None


def list_view(request):
    served = served_agency(request)
    if served.agency is None:
        return choose_agency(request, base_template=BASE_TEMPLATE)
    agency = served.agency
    units = selectors.public_units(agency)
    unit = _int(request.GET.get("unit", ""), 1, 2**63 - 1)
    year = _int(request.GET.get("year", ""), 2000, 2100)
    context = {
        "agency": agency,
        "agency_code": served.code,
        "param": AGENCY_PARAM,
        "units": units,
        "years": selectors.public_years(agency),
        "unit": unit,
        "year": year,
        "forums": selectors.public_forums(agency, unit=unit, year=year),
    }
    return render(request, "forums/public/list.html", context)


def detail_view(request, pk: int):
    forum = selectors.public_forum(pk)
    people = {p.group: p.count for p in forum.participants.all()}
    today = timezone.localdate()
    context = {
        "forum": forum,
        "agency": forum.agency,
        "participants": [(g.label, people[g.value]) for g in ParticipantGroup if g.value in people],
        "people_total": sum(people.values()),
        "commitments": [(c, c.state_on(today)) for c in forum.commitments.all()],
        "param": AGENCY_PARAM,
    }
    return render(request, "forums/public/detail.html", context)
