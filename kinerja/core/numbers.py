"""Numbers typed or posted by users: whole numbers (ids, years, NIP) and decimals (targets,
realisations, budgets).

Every decimal that comes from a person or a file goes through `parse_decimal`, with the bounds
of the model field it is meant for (`DecimalBounds.of`), so that the forms, the API and the
imports accept and refuse the same values with the same messages.

Why at most 15 digits: SQLite stores a decimal column as a binary floating-point number (REAL),
which keeps 15 significant decimal digits, and Django's SQLite backend reads it back with a
15-digit context. A value with more digits comes back changed, and one that rounds up past the
field's digits (9999999999999999 becomes 1E+16) cannot be read at all: every page showing it
fails. With at most 15 digits in all, every accepted value reads back exactly, on SQLite and
PostgreSQL alike.

Values with more decimals than the field keeps are refused, never rounded: the figures are
official (targets, realisations, budgets) and a silent rounding would change what was signed.
Trailing zeros do not count ("12,50000" is 12.5).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.formats import get_format, number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

# Significant digits a double keeps exactly (DBL_DIG): the most a stored decimal may have.
STORABLE_DIGITS = 15
# A typed number longer than this is not read at all (leading zeros included).
MAX_TYPED_LENGTH = 40
# Digits 0-9 only (\d would accept "١٢"), an optional sign, one decimal comma or point.
_TYPED_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)")


def is_ascii_digits(value) -> bool:
    """Only the digits 0-9: str.isdigit() also accepts "²" or "٣", which int() refuses or reads
    as another number."""
    text = str(value if value is not None else "")
    return text.isascii() and text.isdigit()


def parse_int(value) -> int | None:
    """The whole number written in `value` (ASCII digits only), or None."""
    return int(str(value)) if is_ascii_digits(value) else None


# --- decimals ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DecimalBounds:
    """What a decimal field keeps: the column's digits and decimals, and an optional minimum.

    Whatever the column allows, a value has at most STORABLE_DIGITS digits before the point
    and in all (`whole_digits`, `total_digits`).
    """

    max_digits: int
    decimal_places: int
    min_value: Decimal | None = None

    def __post_init__(self):
        if not 0 <= self.decimal_places < self.max_digits:
            raise ValueError(f"bad decimal places {self.decimal_places} for {self.max_digits}")
        if self.min_value is not None:
            object.__setattr__(self, "min_value", Decimal(self.min_value))

    @classmethod
    def of(cls, model, field_name: str, *, min_value=None) -> DecimalBounds:
        """The bounds of a model's DecimalField: the one source of the limits of an input."""
        field = model._meta.get_field(field_name)
        return cls(field.max_digits, field.decimal_places, min_value)

    @property
    def whole_digits(self) -> int:
        """Digits allowed before the decimal point."""
        return min(self.max_digits - self.decimal_places, STORABLE_DIGITS)

    @property
    def total_digits(self) -> int:
        """Digits allowed in all, trailing decimal zeros aside."""
        return min(self.max_digits, STORABLE_DIGITS)

    @property
    def quantum(self) -> Decimal:
        return Decimal(1).scaleb(-self.decimal_places)

    @property
    def largest(self) -> Decimal:
        """The largest value accepted: all nines, with the decimals the digits leave."""
        places = min(self.decimal_places, self.total_digits - self.whole_digits)
        return (
            Decimal("9" * self.whole_digits + "." + "9" * places)
            if places
            else Decimal("9" * self.whole_digits)
        )

    @property
    def smallest(self) -> Decimal:
        """The smallest value accepted: the minimum, or the negative of the largest."""
        return self.min_value if self.min_value is not None else -self.largest


def _digits(number: Decimal) -> tuple[int, int]:
    """(digits before the point, decimals) of a finite number, trailing decimal zeros aside.

    Computed from the exponent, never by writing the number out: "1e999999999" is one digit
    and an exponent, and its fixed-point text would take a gigabyte.
    """
    _sign, digits, exponent = number.as_tuple()
    digits = list(digits)
    while exponent < 0 and digits and digits[-1] == 0:
        digits.pop()
        exponent += 1
    while digits and digits[0] == 0:
        digits.pop(0)
    if not digits:
        return 0, 0
    return max(len(digits) + exponent, 0), max(-exponent, 0)


def _error(message, code: str, label, **params) -> ValidationError:
    return ValidationError(
        message, code=code, params={"field": str(label or _("the number")), **params}
    )


INVALID_MESSAGE = _(
    "Enter a number for %(field)s, written with the digits 0-9 and at most one decimal comma "
    "(for example 1250 or 12,5)."
)
WHOLE_DIGITS_MESSAGE = ngettext_lazy(
    "Enter at most %(max)s digit before the decimal point for %(field)s.",
    "Enter at most %(max)s digits before the decimal point for %(field)s.",
    "max",
)
DECIMAL_PLACES_MESSAGE = ngettext_lazy(
    "Enter at most %(max)s digit after the decimal point for %(field)s.",
    "Enter at most %(max)s digits after the decimal point for %(field)s.",
    "max",
)
WHOLE_NUMBER_MESSAGE = _("Enter a whole number for %(field)s.")
DIGITS_MESSAGE = _("Enter at most %(max)s digits in all for %(field)s.")
NEGATIVE_MESSAGE = _("Enter zero or more for %(field)s.")
MINIMUM_MESSAGE = _("Enter %(min)s or more for %(field)s.")


def _read(value, label) -> Decimal:
    """The Decimal written in `value`, or ValidationError (code "invalid")."""
    invalid = _error(INVALID_MESSAGE, "invalid", label)
    if isinstance(value, bool):
        raise invalid
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        # repr() is the shortest text that reads back as the same float: 0.1, not 0.1000…0555.
        number = Decimal(repr(value)) if value == value and abs(value) != float("inf") else None
    elif isinstance(value, str):
        text = value.strip()
        if len(text) > MAX_TYPED_LENGTH or not _TYPED_NUMBER.fullmatch(text):
            raise invalid
        number = Decimal(text.replace(",", "."))
    else:
        raise invalid
    if number is None or not number.is_finite():
        raise invalid
    return number


def parse_decimal(value, bounds: DecimalBounds, *, label=None) -> Decimal | None:
    """The number written in `value` within `bounds`, quantized to the field's decimals.

    `value` is text as typed (a decimal comma or point, digits 0-9 only, no digit grouping, no
    exponent), or a Decimal, int or float from a parsed JSON body or a spreadsheet cell. None
    and "" are None. Anything else, a value that is not finite, or one beyond the bounds raises
    ValidationError with a code and a message naming `label`.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number = _read(value, label)
    whole, places = _digits(number)
    if whole > bounds.whole_digits:
        raise _error(WHOLE_DIGITS_MESSAGE, "max_whole_digits", label, max=bounds.whole_digits)
    if places > bounds.decimal_places:
        if bounds.decimal_places == 0:
            raise _error(WHOLE_NUMBER_MESSAGE, "max_decimal_places", label)
        raise _error(DECIMAL_PLACES_MESSAGE, "max_decimal_places", label, max=bounds.decimal_places)
    if whole + places > bounds.total_digits:
        raise _error(DIGITS_MESSAGE, "max_digits", label, max=bounds.total_digits)
    number = number.quantize(bounds.quantum) + 0  # + 0 turns -0 into 0
    if bounds.min_value is not None and number < bounds.min_value:
        if bounds.min_value == 0:
            raise _error(NEGATIVE_MESSAGE, "min_value", label)
        raise _error(MINIMUM_MESSAGE, "min_value", label, min=bounds.min_value)
    return number


def parse_model_decimal(value, model, name: str, *, key: str | None = None, min_value=None):
    """`parse_decimal` for a service: bounds and label from `model.name`, errors keyed by
    `key` (the field name the caller knows, `name` by default)."""
    bounds = DecimalBounds.of(model, name, min_value=min_value)
    try:
        return parse_decimal(value, bounds, label=model._meta.get_field(name).verbose_name)
    except ValidationError as error:
        raise ValidationError({key or name: error}) from None


def fit_decimal(value: Decimal | None, bounds: DecimalBounds) -> Decimal | None:
    """A computed value (a sum, a mean) made storable: rounded half-up to the decimals the
    digits leave, or None when its whole part alone has too many digits."""
    if value is None or not value.is_finite():
        return None
    whole, _places = _digits(value)
    if whole > bounds.whole_digits:
        return None
    places = min(bounds.decimal_places, bounds.total_digits - whole)
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP).quantize(
        bounds.quantum
    )


def validate_storable_digits(value) -> None:
    """Model validator: at most STORABLE_DIGITS digits in all, trailing decimal zeros aside.

    Django's DecimalValidator counts the zeros of a quantized value (12.0000 is 6 digits), so
    a field of 19 digits with 4 decimals needs this check for the digits a database keeps.
    """
    if not isinstance(value, Decimal) or not value.is_finite():
        return
    whole, places = _digits(value)
    if whole + places > STORABLE_DIGITS:
        raise ValidationError(
            ngettext_lazy(
                "Ensure that there are no more than %(max)s digit in total.",
                "Ensure that there are no more than %(max)s digits in total.",
                "max",
            ),
            code="max_digits",
            params={"max": STORABLE_DIGITS, "value": value},
        )


# Model DecimalField options of targets and realisations (IKU and SKP alike, since an SKP copies
# the targets of its Perjanjian Kinerja): up to 15 digits before the decimal point and 4 after
# it, 15 in all (a rupiah figure in trillions, or an index such as a Gini ratio of 0.3781).
TARGET_DIGITS = {"max_digits": 19, "decimal_places": 4, "validators": [validate_storable_digits]}
# A budget in rupiah with sen: up to 15 digits before the decimal point, 15 in all.
BUDGET_DIGITS = {"max_digits": 17, "decimal_places": 2, "validators": [validate_storable_digits]}


# --- display ----------------------------------------------------------------------------------


def format_number(value, places: int | None = None) -> str:
    """A number as the reader writes it in the active language: "1.234,5" in Indonesian,
    "1,234.5" in English; with exactly `places` decimals when given, else without trailing
    zeros (95.0000 is "95"). None is an en dash."""
    if value is None:
        return "\u2013"
    number = Decimal(str(value))
    if places is None:
        number = Decimal(format(number.normalize(), "f"))
    return number_format(number, decimal_pos=places, use_l10n=True, force_grouping=True)


_HUNDREDTH = Decimal("0.01")


def two_decimals(value, *, localize: bool = True) -> str:
    """What the template filter ``floatformat:2`` (``"2u"`` unlocalized) writes, a few times
    faster: the performance pages print a capaian per indicator and period, over a thousand of
    them on a large unit's dashboard. Rounds half up; a negative zero loses its sign."""
    number = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    rounded = number.quantize(_HUNDREDTH, ROUND_HALF_UP)
    if not rounded:
        rounded = abs(rounded)
    text = format(rounded, "f")
    return text.replace(".", get_format("DECIMAL_SEPARATOR")) if localize else text
