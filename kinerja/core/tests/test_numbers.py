from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from kinerja.core.numbers import (
    STORABLE_DIGITS,
    DecimalBounds,
    fit_decimal,
    format_number,
    is_ascii_digits,
    parse_decimal,
    parse_int,
)


@given(st.integers(min_value=0, max_value=10**30))
def test_ascii_numbers_are_read(number):
    assert is_ascii_digits(str(number))
    assert parse_int(str(number)) == number


@given(st.text())
def test_anything_else_is_refused_without_an_error(text):
    result = parse_int(text)
    assert result is None or (text.isascii() and text.isdigit() and result == int(text))


def test_lookalike_digits_are_refused():
    for text in ["²", "٣", "1²", "١٢", "", " 1", "-1", "1.0", None]:
        assert parse_int(text) is None


# --- decimals ---------------------------------------------------------------------------------

TARGET = DecimalBounds(19, 4)
BUDGET = DecimalBounds(17, 2, min_value=0)


def _code(value, bounds=TARGET) -> str:
    with pytest.raises(ValidationError) as caught:
        parse_decimal(value, bounds, label="target")
    return caught.value.code


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", "12"),
        ("12,5", "12.5"),
        ("12.5", "12.5"),
        (" -0,25 ", "-0.25"),
        ("+3", "3"),
        (",5", "0.5"),
        ("7,", "7"),
        ("12,50000", "12.5"),
        ("-0", "0"),
        ("000000000000000000000001", "1"),
        ("999999999999999", "999999999999999"),
        ("99999999999.9999", "99999999999.9999"),
    ],
)
def test_a_decimal_comma_or_point_is_read_exactly(text, expected):
    number = parse_decimal(text, TARGET, label="target")
    assert number == Decimal(expected)
    assert number.as_tuple().exponent == -4
    assert not number.is_signed() or number < 0


@pytest.mark.parametrize(
    "text",
    [
        "NaN",
        "nan",
        "sNaN",
        "inf",
        "Infinity",
        "-Infinity",
        "1e5",
        "1E400",
        "١٢",
        "1²",
        "٣",
        "1.000,5",
        "1.000.000",
        "12 000",
        "0x10",
        "--1",
        "1-",
        ".",
        ",",
        "12,5%",
        "1" * 41,
    ],
)
def test_anything_but_plain_digits_is_refused_as_invalid(text):
    assert _code(text) == "invalid"


@pytest.mark.parametrize(
    "value",
    [
        float("nan"),
        float("inf"),
        float("-inf"),
        Decimal("NaN"),
        Decimal("sNaN"),
        Decimal("Infinity"),
        True,
        [1],
        object(),
    ],
)
def test_values_that_are_not_finite_numbers_are_refused_as_invalid(value):
    assert _code(value) == "invalid"


def test_the_bounds_are_the_fields_digits_and_fifteen_in_all():
    assert _code("9999999999999999") == "max_whole_digits"
    assert _code(9999999999999999) == "max_whole_digits"
    assert _code(Decimal("1E+400")) == "max_whole_digits"
    assert _code("0,00001") == "max_decimal_places"
    assert _code(Decimal("1E-999999999")) == "max_decimal_places"
    assert _code("123456789012,1234") == "max_digits"
    assert _code("100000000000000,1") == "max_digits"
    assert _code("-1", BUDGET) == "min_value"
    assert _code("1,005", BUDGET) == "max_decimal_places"
    assert parse_decimal("-999999999999999", TARGET) == Decimal("-999999999999999")
    assert parse_decimal(Decimal("1E+14"), TARGET) == Decimal("100000000000000")
    assert parse_decimal(0.1, TARGET) == Decimal("0.1")
    assert parse_decimal("", TARGET) is None and parse_decimal(None, TARGET) is None
    assert TARGET.largest == Decimal("999999999999999")
    assert DecimalBounds(16, 4).largest == Decimal("999999999999.999")
    assert DecimalBounds(6, 2).largest == Decimal("9999.99")
    assert BUDGET.smallest == 0 and TARGET.smallest == -TARGET.largest


def test_a_refusal_names_the_field_in_the_active_language():
    with pytest.raises(ValidationError) as caught:
        parse_decimal("9999999999999999", TARGET, label="Target 2026")
    with translation.override("en"):
        assert caught.value.messages == [
            "Enter at most 15 digits before the decimal point for Target 2026."
        ]
    with translation.override("id"):
        assert caught.value.messages == [
            "Isikan paling banyak 15 angka sebelum koma desimal untuk Target 2026."
        ]
    with pytest.raises(ValidationError) as caught:
        parse_decimal("NaN", TARGET, label="Target 2026")
    with translation.override("en"):
        assert caught.value.messages[0].startswith("Enter a number for Target 2026,")


def test_a_computed_value_is_rounded_to_fit_or_dropped():
    assert fit_decimal(Decimal("123456789012.33333"), TARGET) == Decimal("123456789012.333")
    assert fit_decimal(Decimal("2.00005"), TARGET) == Decimal("2.0001")
    assert fit_decimal(Decimal("1999999999999998"), TARGET) is None
    assert fit_decimal(None, TARGET) is None


@given(st.decimals(allow_nan=False, allow_infinity=False, places=6, max_value=10**17))
def test_an_accepted_value_is_within_the_bounds_and_unchanged(number):
    try:
        parsed = parse_decimal(str(number).replace(".", ","), TARGET)
    except ValidationError:
        return
    assert parsed == number
    assert TARGET.smallest <= parsed <= TARGET.largest
    assert len(parsed.normalize().as_tuple().digits) <= STORABLE_DIGITS


def test_format_number_follows_the_active_language():
    with translation.override("id"):
        assert format_number(Decimal("1234.5"), 2) == "1.234,50"
        assert format_number(Decimal("95.0000")) == "95"
        assert format_number(Decimal("0.3781")) == "0,3781"
    with translation.override("en"):
        assert format_number(Decimal("1234.5"), 2) == "1,234.50"
    assert format_number(None) == "\u2013"


@given(
    st.one_of(
        st.decimals(min_value=-(10**9), max_value=10**9, places=4, allow_nan=False),
        # floatformat gives numbers of over 200 digits back as they came: not a capaian.
        st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False).filter(
            lambda x: x == 0 or abs(x) > 1e-150
        ),
        st.integers(min_value=-(10**9), max_value=10**9),
    ),
    st.sampled_from(["id", "en"]),
)
def test_two_decimals_writes_what_floatformat_writes(value, language):
    from django.template.defaultfilters import floatformat
    from django.utils import translation

    from kinerja.core.numbers import two_decimals

    with translation.override(language):
        assert two_decimals(value) == floatformat(value, 2)
        assert two_decimals(value, localize=False) == floatformat(value, "2u")
