"""What complaint handling gives the rest of Kinerja: the share of a unit's complaints answered
within their deadline as a figure indicators take (`kinerja.iku.sources`), and the unit's card
on the feedback page of those who serve there."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.complaints import permissions, selectors
from kinerja.feedback.selectors import ServiceCard
from kinerja.iku.sources import Measured, SourceKind

ON_TIME = "complaints.answered_on_time"


def _percent(share) -> Decimal | None:
    if share is None:
        return None
    value = Decimal(share.numerator * 100) / Decimal(share.denominator)
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def measure_on_time(unit, _option, start: datetime.date, end: datetime.date) -> Measured:
    """The percentage of the complaints received from `start` to `end` at the unit (and the
    units below it) that had to be settled by now and were answered within their deadline."""
    figures = selectors.unit_figures(unit, start, end, timezone.localdate())
    basis = {
        "received": figures.received,
        "answered": figures.answered,
        "answered_on_time": figures.answered_on_time,
        "overdue": figures.overdue,
    }
    value = _percent(figures.on_time_share)
    if value is None:
        return Measured(None, basis, _("No complaint had to be settled in this period."))
    return Measured(value, basis)


def describe_on_time(basis: dict) -> list[tuple[str, str]]:
    return [
        (_("Complaints received"), str(basis.get("received", 0))),
        (_("Answered"), str(basis.get("answered", 0))),
        (_("Answered on time"), str(basis.get("answered_on_time", 0))),
        (_("Overdue, not answered"), str(basis.get("overdue", 0))),
    ]


def statistics_link(viewer, unit, _option, start: datetime.date, end: datetime.date) -> str:
    """The complaint statistics of the year, for a viewer who may read them; else ""."""
    if not permissions.can_view_statistics(viewer):
        return ""
    return f"{reverse('complaints:statistics')}?{urlencode({'year': end.year})}"


ON_TIME_SOURCE = SourceKind(
    key=ON_TIME,
    label=gettext_lazy("Complaints answered on time"),
    unit_of_measure="%",
    measure=measure_on_time,
    link=statistics_link,
    describe=describe_on_time,
)


def service_card(viewer, unit, year: int, today: datetime.date):
    """The unit's complaints of the year: received, answered on time, overdue."""
    figures = selectors.unit_figures(
        unit, datetime.date(year, 1, 1), min(today, datetime.date(year, 12, 31)), today
    )
    if not figures.received:
        return None
    return ServiceCard(
        "complaints/_service_card.html",
        {
            "figures": figures,
            "percent": _percent(figures.on_time_share),
            "year": year,
            "link": statistics_link(viewer, unit, None, today, today),
        },
    )
