"""What the forums give the rest of Kinerja: the share of a unit's forum commitments done on
time as a figure indicators take (`kinerja.iku.sources`), and the unit's card on the feedback
page of those who serve there."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.feedback.selectors import ServiceCard
from kinerja.forums import selectors
from kinerja.iku.sources import Measured, SourceKind
from kinerja.org.models import Unit

ON_TIME = "forums.commitments_on_time"


def _unit_and_below(unit) -> list[int]:
    return list(Unit.objects.filter(path__startswith=unit.path).values_list("pk", flat=True))


def measure_on_time(unit, _option, start: datetime.date, end: datetime.date) -> Measured:
    """The percentage of the commitments of the unit's published forums (its sub-units'
    included) due from `start` to `end` that were done on time."""
    figure = selectors.commitments_on_time(_unit_and_below(unit), start, end)
    basis = {
        "due": figure.due,
        "done_on_time": figure.done_on_time,
        "done_late": figure.done_late,
        "open_overdue": figure.open_overdue,
        "dropped": figure.dropped,
        "not_yet_due": figure.not_yet_due,
    }
    if figure.percent is None:
        return Measured(None, basis, _("No forum commitment was due in this period."))
    return Measured(figure.percent, basis)


def describe_on_time(basis: dict) -> list[tuple[str, str]]:
    return [
        (_("Commitments due"), str(basis.get("due", 0))),
        (_("Done on time"), str(basis.get("done_on_time", 0))),
        (_("Done late"), str(basis.get("done_late", 0))),
        (_("Overdue, not done"), str(basis.get("open_overdue", 0))),
        (_("Dropped with a reason"), str(basis.get("dropped", 0))),
    ]


def forums_link(viewer, unit, _option, start: datetime.date, end: datetime.date) -> str:
    """The unit's forums of the year on the staff list (every employee of the agency reads it)."""
    if not viewer.is_authenticated or viewer.agency_id != unit.agency_id:
        return ""
    query = {"year": end.year}
    if any(pk == unit.pk for pk, _name in selectors.filter_units(viewer)):
        query["unit"] = unit.pk
    return f"{reverse('forums:list')}?{urlencode(query)}"


ON_TIME_SOURCE = SourceKind(
    key=ON_TIME,
    label=gettext_lazy("Forum commitments done on time"),
    unit_of_measure="%",
    measure=measure_on_time,
    link=forums_link,
    describe=describe_on_time,
)


def service_card(viewer, unit, year: int, today: datetime.date):
    """The unit's forum commitments of the year: how many were due and done on time."""
    figure = selectors.commitments_on_time(
        _unit_and_below(unit), datetime.date(year, 1, 1), datetime.date(year, 12, 31), today=today
    )
    if not (figure.due or figure.not_yet_due or figure.dropped):
        return None
    return ServiceCard(
        "forums/_service_card.html",
        {
            "figure": figure,
            "year": year,
            "link": forums_link(viewer, unit, None, datetime.date(year, 1, 1), today),
        },
    )
