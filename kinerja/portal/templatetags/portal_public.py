"""Filters of the public portal's pages: published figures in the reader's number format, the
label of a published period, and the name of a survey element."""

import datetime

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kinerja.core.numbers import format_number
from kinerja.portal.selectors.public import decimal
from kinerja.surveys.rules import ELEMENT_NAMES

register = template.Library()


@register.filter
def figure(value, places=2):
    """A published decimal ("87.50") as the reader writes it; an en dash when there is none."""
    return format_number(decimal(value), int(places))


@register.filter
def period_label(period: dict) -> str:
    """ "Quarter I 2026" of a snapshot's period (`kind`, `number`, `year`)."""
    kind, number, year = period.get("kind"), period.get("number", 1), period.get("year")
    if kind == "year":
        return _("Year %(year)s") % {"year": year}
    if kind == "quarter":
        roman = ["I", "II", "III", "IV"][number - 1]
        return _("Quarter %(roman)s %(year)s") % {"roman": roman, "year": year}
    return date_format(datetime.date(year, number, 1), "F Y")


@register.filter
def element_name(key: str) -> str:
    return ELEMENT_NAMES.get(key, key)


@register.filter
def percent_of(part, whole) -> str:
    """`part` as a share of `whole` in per cent, an en dash when either is missing or zero."""
    if part is None or not whole:
        return format_number(None)
    return format_number(round(100 * part / whole, 1), 1) + " %"
