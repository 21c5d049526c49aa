"""Numbers as printed in official documents: no trailing zeros, local separators."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format

register = template.Library()

DASH = "\u2013"  # en dash, as printed in official tables


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


@register.filter
def num(value):
    """95.0000 → "95", 1234.5 → "1.234,5" in Indonesian; None → a dash."""
    number = _decimal(value)
    if number is None:
        return DASH
    plain = Decimal(format(number.normalize(), "f"))
    return number_format(plain, use_l10n=True, force_grouping=True)


@register.filter
def pct(value, places=2):
    """A capaian with the year's number of decimals; None → a dash."""
    number = _decimal(value)
    if number is None:
        return DASH
    return number_format(number, decimal_pos=int(places), use_l10n=True, force_grouping=True)


@register.filter
def money(value):
    """Rupiah without decimals when whole: 150000000.00 → "150.000.000"."""
    number = _decimal(value)
    if number is None:
        return DASH
    places = 0 if number == number.to_integral_value() else 2
    return number_format(number, decimal_pos=places, use_l10n=True, force_grouping=True)


@register.simple_tag
def target_range(low, high=None):
    """A target, or a range "60 to 80" joined by an en dash."""
    if _decimal(low) is None:
        return DASH
    if _decimal(high) is None:
        return num(low)
    return f"{num(low)} {DASH} {num(high)}"
