from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kinerja.iku import rules
from kinerja.iku.rules import (
    capaian,
    consolidate,
    mean,
)
from kinerja.iku.tests.rules_strategies import (
    D,
    amounts,
    exactly,
    formulas,
    half_up,
    places_values,
    polarities,
    positive_realisations,
    realisations,
    targets,
)

# --- capaian: worked examples ---------------------------------------------------------------------


def _stabilised(low, high, realisation, formula, **options):
    return capaian(
        low,
        realisation,
        "stabilise",
        target_shape="range",
        target_high=high,
        lower_is_better_formula=formula,
        **options,
    )


@pytest.mark.parametrize(
    ("target", "realisation", "expected"),
    [
        (100, 80, "80.00"),
        (80, 100, "125.00"),
        (3, 1, "33.33"),
        (3, 2, "66.67"),
        ("100", 87.5, "87.50"),
        (D("61.95"), D("50"), "80.71"),
        (200, 500, "250.00"),
    ],
)
def test_higher_is_better_is_realisation_over_target(target, realisation, expected):
    result = capaian(target, realisation, "higher")
    assert result == D(expected)
    assert str(result) == expected


@pytest.mark.parametrize(
    ("target", "realisation", "two_t_minus_r", "t_over_r"),
    [
        (10, 12, "80.00", "83.33"),
        (10, 8, "120.00", "125.00"),
        (10, 10, "100.00", "100.00"),
        (D("5.5"), D("6.05"), "90.00", "90.91"),
        (4, 1, "175.00", "400.00"),
    ],
)
def test_lower_is_better_formulas(target, realisation, two_t_minus_r, t_over_r):
    assert capaian(target, realisation, "lower") == D(two_t_minus_r)
    assert capaian(target, realisation, "lower", lower_is_better_formula="2t-r") == D(two_t_minus_r)
    assert capaian(target, realisation, "lower", lower_is_better_formula="t/r") == D(t_over_r)


def test_two_t_minus_r_floors_at_zero_when_realisation_exceeds_twice_the_target():
    assert capaian(10, 20, "lower") == D("0.00")
    assert capaian(10, 25, "lower") == D("0.00")
    assert capaian(10, 19, "lower") == D("10.00")


@pytest.mark.parametrize(
    ("realisation", "formula", "expected"),
    [
        (2, "2t-r", "100.00"),
        (D("2.5"), "2t-r", "100.00"),
        (3, "2t-r", "100.00"),
        (4, "2t-r", "66.67"),
        (4, "t/r", "75.00"),
        (9, "2t-r", "0.00"),
        (1, "2t-r", "50.00"),
        (1, "t/r", "50.00"),
        (0, "t/r", "0.00"),
    ],
)
def test_a_stabilised_range_is_full_inside_and_penalised_on_both_sides(
    realisation, formula, expected
):
    result = _stabilised(2, 3, realisation, formula)
    assert result == D(expected)


def test_a_stabilised_range_may_be_a_single_value():
    assert capaian(5, 5, "stabilise", target_shape="range", target_high=5) == D("100.00")
    assert capaian(5, 4, "stabilise", target_shape="range", target_high=5) == D("80.00")
    assert capaian(5, 6, "stabilise", target_shape="range", target_high=5) == D("80.00")


def test_half_up_rounding_is_not_bankers_rounding():
    # 12.345 % and 12.335 %: half-even would give 12.34 for both.
    assert capaian(100, D("12.345"), "higher") == D("12.35")
    assert capaian(100, D("12.335"), "higher") == D("12.34")
    assert capaian(100, D("12.345"), "higher", rounding="truncate") == D("12.34")


def test_truncation_cuts_the_digits():
    assert capaian(3, 2, "higher", rounding="truncate") == D("66.66")
    assert capaian(3, 2, "higher", rounding="truncate", places=0) == D("66")
    assert capaian(3, 2, "higher", places=0) == D("67")
    assert str(capaian(3, 2, "higher", places=4)) == "66.6667"


def test_floats_are_read_through_their_decimal_text():
    assert consolidate([0.1], "last") == D("0.1")
    assert consolidate([0.1, 0.2], "sum") == D("0.3")
    assert capaian(0.3, 0.1, "higher", places=10) == D("33.3333333333")


def test_the_callers_decimal_context_does_not_change_results():
    import decimal

    with decimal.localcontext() as ctx:
        ctx.prec = 3
        ctx.rounding = decimal.ROUND_FLOOR
        assert capaian(3, 2, "higher") == D("66.67")
        assert mean([1, 2, 2]) == D("1.67")


# --- capaian: degenerate cases --------------------------------------------------------------------


@pytest.mark.parametrize("formula", ["2t-r", "t/r"])
def test_zero_target_lower_is_better_is_full_only_when_realisation_is_zero(formula):
    assert capaian(0, 0, "lower", lower_is_better_formula=formula) == D("100.00")
    assert capaian(0, D("0.01"), "lower", lower_is_better_formula=formula) == D("0.00")
    assert capaian(0, 7, "lower", lower_is_better_formula=formula) == D("0.00")


def test_zero_target_higher_is_better_is_not_computable():
    assert capaian(0, 0, "higher") is None
    assert capaian(0, 5, "higher") is None


def test_zero_realisation_higher_is_better_is_zero_percent():
    assert capaian(10, 0, "higher") == D("0.00")


def test_zero_realisation_two_t_minus_r_is_two_hundred_percent():
    assert capaian(10, 0, "lower") == D("200.00")


def test_t_over_r_with_zero_realisation_is_the_cap_or_nothing():
    assert capaian(10, 0, "lower", lower_is_better_formula="t/r") is None
    assert capaian(10, 0, "lower", lower_is_better_formula="t/r", cap=120) == D("120.00")
    assert capaian(10, 0, "lower", lower_is_better_formula="t/r", cap=100, places=0) == D("100")
    # A negative realisation is even better than zero: same answer, not a negative percentage.
    assert capaian(10, -1, "lower", lower_is_better_formula="t/r", cap=110) == D("110.00")
    assert capaian(10, -1, "lower", lower_is_better_formula="t/r") is None


def test_negative_realisation_of_higher_is_better_floors_at_zero():
    assert capaian(5, D("-2.1"), "higher") == D("0.00")


def test_missing_data_gives_no_capaian():
    assert capaian(None, 5, "higher") is None
    assert capaian(5, None, "higher") is None
    assert capaian(None, None, "lower") is None
    assert capaian(2, 5, "stabilise", target_shape="range", target_high=None) is None
    assert capaian(None, 5, "stabilise", target_shape="range", target_high=3) is None
    assert capaian(2, None, "stabilise", target_shape="range", target_high=3) is None


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"polarity": "up"}, "polarity"),
        ({"lower_is_better_formula": "2t+r"}, "lower_is_better_formula"),
        ({"rounding": "bankers"}, "rounding"),
        ({"target": -1}, "target"),
        ({"target": "abc"}, "not a number"),
        ({"target": "12,5"}, "not a number"),
        ({"target": float("nan")}, "finite"),
        ({"realisation": float("inf")}, "finite"),
        ({"realisation": "NaN"}, "finite"),
        ({"realisation": True}, "number"),
        ({"realisation": [1]}, "number"),
        ({"target_high": 3}, "target_high"),
        ({"cap": 0}, "cap"),
        ({"cap": -120}, "cap"),
        ({"cap": D("110.005")}, "decimals"),
        ({"places": -1}, "places"),
        ({"places": True}, "places"),
        ({"places": "2"}, "places"),
    ],
)
def test_capaian_rejects_bad_input_with_a_clear_message(kwargs, message):
    arguments = {"target": 10, "realisation": 8, "polarity": "higher"} | kwargs
    target = arguments.pop("target")
    realisation = arguments.pop("realisation")
    polarity = arguments.pop("polarity")
    with pytest.raises(ValueError, match=message):
        capaian(target, realisation, polarity, **arguments)


def test_range_bounds_are_checked():
    with pytest.raises(ValueError, match="below the range"):
        capaian(5, 4, "stabilise", target_shape="range", target_high=3)
    with pytest.raises(ValueError, match="target_high"):
        capaian(5, 4, "stabilise", target_shape="range", target_high=-3)


def test_configuration_errors_are_raised_even_without_data():
    with pytest.raises(ValueError, match="polarity"):
        capaian(None, None, "sideways")
    with pytest.raises(ValueError, match="rounding"):
        capaian(None, None, "higher", rounding="up")
    with pytest.raises(ValueError, match="target"):
        capaian(-5, None, "higher")


def test_enum_members_and_their_values_are_interchangeable():
    assert capaian(
        10,
        12,
        rules.Polarity.LOWER,
        lower_is_better_formula=rules.LowerIsBetterFormula.T_OVER_R,
        rounding=rules.Rounding.TRUNCATE,
    ) == capaian(10, 12, "lower", lower_is_better_formula="t/r", rounding="truncate")


def test_absurdly_large_numbers_raise_value_error_not_a_decimal_signal():
    with pytest.raises(ValueError, match="too large"):
        capaian(1, "1e60", "higher")


# --- capaian: properties --------------------------------------------------------------------------


@given(targets, realisations, places_values)
def test_higher_is_better_matches_the_formula(target, realisation, places):
    expected = half_up(exactly(realisation) / exactly(target) * 100, places)
    result = capaian(target, realisation, "higher", places=places)
    assert result == expected
    assert result.as_tuple().exponent == -places


@given(targets, realisations)
def test_two_t_minus_r_matches_both_printed_forms(target, realisation):
    t, r = exactly(target), exactly(realisation)
    variant_a = max((2 * t - r) / t * 100, Fraction(0))
    variant_b = max((1 + (1 - r / t)) * 100, Fraction(0))
    assert variant_a == variant_b
    assert capaian(target, realisation, "lower") == half_up(variant_a)


@given(targets, positive_realisations)
def test_t_over_r_matches_the_formula(target, realisation):
    expected = half_up(exactly(target) / exactly(realisation) * 100)
    assert capaian(target, realisation, "lower", lower_is_better_formula="t/r") == expected


@given(targets, realisations, realisations)
def test_higher_is_better_never_falls_when_realisation_rises(target, r1, r2):
    low, high = sorted([r1, r2])
    assert capaian(target, low, "higher") <= capaian(target, high, "higher")


@given(targets, positive_realisations, positive_realisations, formulas)
def test_lower_is_better_never_rises_when_realisation_rises(target, r1, r2, formula):
    low, high = sorted([r1, r2])
    first = capaian(target, low, "lower", lower_is_better_formula=formula)
    second = capaian(target, high, "lower", lower_is_better_formula=formula)
    assert first >= second


@given(targets, realisations, polarities, formulas, st.sampled_from(["half_up", "truncate"]))
def test_capaian_is_never_negative(target, realisation, polarity, formula, rounding):
    high = target + 1 if polarity == "stabilise" else None
    result = capaian(
        target,
        realisation,
        polarity,
        target_shape=_shape(high),
        target_high=high,
        lower_is_better_formula=formula,
        rounding=rounding,
    )
    assert result is None or result >= 0


def _shape(high) -> str:
    return "single" if high is None else "range"


@st.composite
def ranges(draw):
    low = draw(targets)
    high = low + draw(amounts("0", "1000"))
    return low, high


@given(ranges(), st.data(), formulas)
def test_range_is_full_for_every_realisation_inside_the_bounds(bounds, data, formula):
    low, high = bounds
    realisation = data.draw(amounts(low, high))
    result = _stabilised(low, high, realisation, formula)
    assert result == D("100.00")


@given(ranges(), formulas)
def test_range_is_continuous_at_its_bounds(bounds, formula):
    low, high = bounds
    for realisation in (low, high):
        assert _stabilised(low, high, realisation, formula) == D("100.00")


@given(ranges(), amounts("0.01", "1000"), formulas)
def test_range_is_below_full_outside_the_bounds(bounds, distance, formula):
    low, high = bounds
    outside = [high + distance] + ([low - distance] if low - distance >= 0 else [])
    for realisation in outside:
        result = _stabilised(low, high, realisation, formula, rounding="truncate")
        assert result < 100


@given(ranges(), amounts("0.01", "1000"), formulas)
def test_range_outside_uses_the_polarity_formula_on_the_nearest_bound(bounds, distance, formula):
    low, high = bounds
    above = high + distance
    assert _stabilised(low, high, above, formula) == capaian(
        high, above, "lower", lower_is_better_formula=formula
    )
    below = low - distance
    assume(below >= 0)
    assert _stabilised(low, high, below, formula) == (capaian(low, below, "higher"))


@given(targets, realisations, polarities, formulas, st.integers(min_value=50, max_value=200))
def test_the_cap_is_never_exceeded_and_never_changes_values_below_it(
    target, realisation, polarity, formula, cap
):
    high = target * 2 if polarity == "stabilise" else None
    common = {
        "target_shape": _shape(high),
        "target_high": high,
        "lower_is_better_formula": formula,
    }
    uncapped = capaian(target, realisation, polarity, **common)
    capped = capaian(target, realisation, polarity, cap=cap, **common)
    if uncapped is None:
        # Only T/R with R = 0 is unbounded: the cap is then the best score.
        pole = polarity == "lower" and formula == "t/r" and realisation == 0
        assert capped == (cap if pole else None)
    elif uncapped <= cap:
        assert capped == uncapped
    else:
        assert capped == cap


@given(targets, realisations, polarities, formulas, places_values)
def test_truncation_is_at_most_half_up_and_less_than_one_unit_below(
    target, realisation, polarity, formula, places
):
    common = {
        "target_shape": "range" if polarity == "stabilise" else "single",
        "target_high": target + 5 if polarity == "stabilise" else None,
        "lower_is_better_formula": formula,
        "places": places,
    }
    rounded = capaian(target, realisation, polarity, rounding="half_up", **common)
    truncated = capaian(target, realisation, polarity, rounding="truncate", **common)
    if rounded is None:
        assert truncated is None
        return
    unit = D(1).scaleb(-places)
    fine = capaian(target, realisation, polarity, rounding="truncate", **common | {"places": 10})
    assert truncated <= rounded
    assert rounded - truncated in (0, unit)
    assert truncated <= fine < truncated + unit
    assert abs(rounded - fine) <= unit / 2 + D("1e-10")


@given(realisations, formulas)
def test_zero_target_of_lower_is_better_is_all_or_nothing(realisation, formula):
    result = capaian(0, realisation, "lower", lower_is_better_formula=formula)
    assert result == (D(100) if realisation == 0 else D(0))


@given(realisations)
def test_zero_target_of_higher_is_better_is_never_computed(realisation):
    assert capaian(0, realisation, "higher") is None


@given(
    st.one_of(st.none(), targets),
    st.one_of(st.none(), realisations),
    polarities,
    formulas,
)
def test_missing_data_always_gives_none(target, realisation, polarity, formula):
    assume(target is None or realisation is None)
    high = (target or 0) + 1 if polarity == "stabilise" else None
    assert (
        capaian(
            target,
            realisation,
            polarity,
            target_shape=_shape(high),
            target_high=high,
            lower_is_better_formula=formula,
        )
        is None
    )


@given(targets, realisations)
def test_numeric_strings_ints_and_decimals_agree(target, realisation):
    assert capaian(str(target), str(realisation), "higher") == capaian(
        target, realisation, "higher"
    )
