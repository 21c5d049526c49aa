"""Hypothesis strategies and independent reference arithmetic shared by the rules tests."""

from decimal import Decimal
from fractions import Fraction

from hypothesis import strategies as st

D = Decimal


def amounts(min_value="0", max_value="1000000", places=2):
    return st.decimals(
        min_value=D(min_value),
        max_value=D(max_value),
        places=places,
        allow_nan=False,
        allow_infinity=False,
    )


targets = amounts("0.01")
realisations = amounts()
positive_realisations = amounts("0.01")
formulas = st.sampled_from(["2t-r", "t/r"])
polarities = st.sampled_from(["higher", "lower", "stabilise"])
places_values = st.integers(min_value=0, max_value=4)


def half_up(value: Fraction, places: int = 2) -> Decimal:
    """Independent reference: round a non-negative fraction half-up, with integers only."""
    scaled = value * 10**places
    whole, rest = divmod(scaled.numerator, scaled.denominator)
    if 2 * rest >= scaled.denominator:
        whole += 1
    return D(whole).scaleb(-places)


def exactly(number) -> Fraction:
    return Fraction(D(number))
