"""Range targets as a shape of target (domain.md §2.3): the indicator keeps its direction.

Inside [T_low, T_high] the capaian is 100 %; above the range the direction's own formula runs
against T_high, below it against T_low. "stabilise" (a penalty on both sides) is a separate,
explicit polarity.
"""

from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kinerja.iku.rules import capaian
from kinerja.iku.tests.rules_strategies import amounts, formulas, targets

D = Decimal


def _range(low, high, realisation, polarity, formula="2t-r", **options):
    return capaian(
        low,
        realisation,
        polarity,
        target_shape="range",
        target_high=high,
        lower_is_better_formula=formula,
        **options,
    )


# --- the examples of domain.md §2.3 and every bound, pinned ---------------------------------------


@pytest.mark.parametrize(
    ("realisation", "expected"),
    [
        ("0", "0.00"),
        ("36", "90.00"),  # below: 36 / 40
        ("39.99", "99.98"),
        ("40", "100.00"),  # the lower bound is inside
        ("40.01", "100.00"),
        ("45", "100.00"),
        ("49.99", "100.00"),
        ("50", "100.00"),  # the upper bound is inside
        ("50.01", "100.02"),  # above: 50.01 / 50, better than the range
        ("55", "110.00"),
    ],
)
def test_higher_is_better_range_40_to_50(realisation, expected):
    assert _range(40, 50, realisation, "higher") == D(expected)


@pytest.mark.parametrize(
    ("realisation", "formula", "expected"),
    [
        ("3.5", "2t-r", "112.50"),  # below: (2x4 - 3.5) / 4, better than the range
        ("3.99", "2t-r", "100.25"),
        ("4", "2t-r", "100.00"),
        ("4.5", "2t-r", "100.00"),
        ("5", "2t-r", "100.00"),
        ("5.01", "2t-r", "99.80"),
        ("6", "2t-r", "80.00"),  # above: (2x5 - 6) / 5
        ("10", "2t-r", "0.00"),
        ("11", "2t-r", "0.00"),  # floored at 0
        ("3.5", "t/r", "114.29"),  # 4 / 3.5
        ("4", "t/r", "100.00"),
        ("5", "t/r", "100.00"),
        ("6", "t/r", "83.33"),  # 5 / 6
    ],
)
def test_lower_is_better_range_4_to_5_days(realisation, formula, expected):
    assert _range(4, 5, realisation, "lower", formula) == D(expected)


@pytest.mark.parametrize(
    ("realisation", "expected"),
    [("36", "90.00"), ("40", "100.00"), ("50", "100.00"), ("55", "90.00"), ("60", "80.00")],
)
def test_stabilise_penalises_both_sides_of_the_range(realisation, expected):
    assert _range(40, 50, realisation, "stabilise") == D(expected)


def test_a_realisation_of_zero_below_a_lower_is_better_range_with_t_over_r_is_the_cap():
    assert _range(4, 5, 0, "lower", "t/r") is None
    assert _range(4, 5, 0, "lower", "t/r", cap=120) == D("120.00")


def test_a_range_starting_at_zero_is_full_at_zero():
    assert _range(0, 5, 0, "higher") == D("100.00")
    assert _range(0, 5, 0, "lower") == D("100.00")
    assert _range(0, 0, 1, "lower") == D("0.00")
    assert _range(0, 0, 1, "higher") is None  # R / 0 cannot be computed


def test_a_single_target_is_unchanged_by_the_shape_argument():
    assert capaian(40, 45, "higher") == capaian(40, 45, "higher", target_shape="single")
    assert capaian(40, 45, "higher") == D("112.50")
    assert capaian(4, 6, "lower") == D("50.00")
    assert capaian(4, 3, "stabilise") == D("75.00")
    assert capaian(4, 5, "stabilise") == D("75.00")
    assert capaian(4, 4, "stabilise") == D("100.00")


def test_the_shape_and_the_upper_end_must_agree():
    with pytest.raises(ValueError, match="target_high"):
        capaian(4, 5, "higher", target_high=6)
    with pytest.raises(ValueError, match="target shape"):
        capaian(4, 5, "higher", target_shape="band")
    with pytest.raises(ValueError, match="below the range"):
        _range(5, 4, 5, "higher")
    assert _range(4, None, 5, "higher") is None  # the upper end is missing: no capaian


# --- every range, every realisation ---------------------------------------------------------------


@st.composite
def ranges(draw):
    low = draw(targets)
    return low, low + draw(amounts("0", "1000"))


directions = st.sampled_from(["higher", "lower"])


@given(ranges(), st.data(), directions, formulas)
def test_inside_the_range_is_always_full(bounds, data, polarity, formula):
    low, high = bounds
    realisation = data.draw(amounts(low, high))
    assert _range(low, high, realisation, polarity, formula) == D("100.00")


@given(ranges(), amounts("0.01", "1000"), directions, formulas)
def test_outside_the_range_is_the_direction_formula_on_the_nearer_bound(
    bounds, distance, polarity, formula
):
    low, high = bounds
    above = high + distance
    assert _range(low, high, above, polarity, formula) == capaian(
        high, above, polarity, lower_is_better_formula=formula
    )
    below = low - distance
    assume(below >= 0)
    assert _range(low, high, below, polarity, formula) == capaian(
        low, below, polarity, lower_is_better_formula=formula
    )


@given(ranges(), amounts("0.01", "1000"))
def test_higher_is_better_is_over_full_above_and_under_full_below(bounds, distance):
    low, high = bounds
    assert _range(low, high, high + distance, "higher", rounding="truncate") >= 100
    assume(low - distance >= 0)
    assert _range(low, high, low - distance, "higher", rounding="truncate") < 100


@given(ranges(), amounts("0.01", "1000"), formulas)
def test_lower_is_better_is_under_full_above_and_over_full_below(bounds, distance, formula):
    low, high = bounds
    assert _range(low, high, high + distance, "lower", formula, rounding="truncate") < 100
    below = low - distance
    assume(below > 0)
    assert _range(low, high, below, "lower", formula) >= 100


@given(ranges(), amounts("0", "2000"), amounts("0", "2000"), formulas)
def test_capaian_follows_the_direction_across_the_whole_line(bounds, r1, r2, formula):
    low, high = bounds
    small, large = sorted([r1, r2])
    up_small = _range(low, high, small, "higher", formula)
    up_large = _range(low, high, large, "higher", formula)
    assert up_small <= up_large
    down_small = _range(low, high, small, "lower", formula)
    down_large = _range(low, high, large, "lower", formula)
    if down_small is not None and down_large is not None:
        assert down_small >= down_large


@given(ranges(), amounts("0.01", "1000"), formulas)
def test_stabilise_is_never_above_full(bounds, distance, formula):
    low, high = bounds
    for realisation in (high + distance, max(low - distance, D(0))):
        result = _range(low, high, realisation, "stabilise", formula)
        assert result is None or result <= 100
