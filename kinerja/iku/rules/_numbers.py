"""Number handling shared by the rules: parsing, choices, rounding, a private decimal context."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import (
    ROUND_DOWN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
)
from enum import StrEnum

ZERO = Decimal(0)
HUNDRED = Decimal(100)

_CONTEXT = Context(prec=50, traps=[InvalidOperation, DivisionByZero, Overflow])


class Rounding(StrEnum):
    """Rounding of printed percentages: half-up by default, truncation in some LKjIPs."""

    HALF_UP = "half_up"
    TRUNCATE = "truncate"


_ROUNDING_MODES = {Rounding.HALF_UP: ROUND_HALF_UP, Rounding.TRUNCATE: ROUND_DOWN}


def _number(value, name: str) -> Decimal | None:
    """Decimal from Decimal, int, float or a numeric string; None stays None."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"{name} must be a number, got {value!r}")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(str(value))
    elif isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            raise ValueError(f"{name} is not a number: {value!r}") from None
    else:
        raise ValueError(f"{name} must be a number, got {type(value).__name__}")
    if not number.is_finite():
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return number


def _non_negative(value: Decimal | None, name: str) -> Decimal | None:
    if value is not None and value < 0:
        raise ValueError(f"{name} cannot be negative for a percentage of target, got {value}")
    return value


def _known_numbers(values: Iterable) -> list[Decimal]:
    return [number for v in values if (number := _number(v, "value")) is not None]


def _choice(enum: type[StrEnum], value, name: str):
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(repr(member.value) for member in enum)
        raise ValueError(f"unknown {name} {value!r}; expected one of {allowed}") from None


def _rounding_mode(rounding) -> str:
    return _ROUNDING_MODES[_choice(Rounding, rounding, "rounding")]


def _round(value: Decimal, places: int, mode: str) -> Decimal:
    try:
        return value.quantize(Decimal(1).scaleb(-places), rounding=mode, context=_CONTEXT)
    except InvalidOperation:
        raise ValueError(f"{value} is too large to round to {places} decimals") from None


def _check_places(places) -> None:
    if isinstance(places, bool) or not isinstance(places, int) or not 0 <= places <= 10:
        raise ValueError(f"places must be an int from 0 to 10, got {places!r}")
