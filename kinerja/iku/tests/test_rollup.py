"""The pure roll-up indicator → goal → unit (domain.md §2.3 "Aggregation") and its coverage."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.iku.rules import Figure, RolledUp, is_partial, mean, roll_up

D = Decimal


def test_a_goal_is_the_mean_of_its_indicators_and_a_unit_the_mean_of_its_goals():
    goals, units = roll_up(
        {
            "g1": [Figure(D("96")), Figure(D("100")), Figure(D("125")), Figure(D("87.5"))],
            "g2": [Figure(D("80"))],
        },
        {"g1": "u", "g2": "u"},
    )
    assert goals["g1"] == RolledUp(D("102.13"), 4)
    assert goals["g2"] == RolledUp(D("80.00"), 1)
    # The unit averages the rounded goal capaian: mean(102.13, 80.00) = 91.065 → 91.07.
    assert units["u"] == RolledUp(D("91.07"), 2)


def test_members_without_a_capaian_are_left_out_of_the_mean_and_of_the_count():
    goals, units = roll_up(
        {"g1": [Figure(None), Figure(D("50"))], "g2": [Figure(None)]}, {"g1": "u", "g2": "u"}
    )
    assert goals["g1"] == RolledUp(D("50.00"), 1)
    assert goals["g2"] == RolledUp(None, 0)
    assert units["u"] == RolledUp(D("50.00"), 1)


def test_truncation_is_applied_at_every_level():
    goals, units = roll_up(
        {"g": [Figure(D("1")), Figure(D("2")), Figure(D("2"))]},
        {"g": "u"},
        rounding="truncate",
    )
    assert goals["g"].capaian == D("1.66")
    assert units["u"].capaian == D("1.66")


def test_units_are_kept_apart():
    _goals, units = roll_up({"a": [Figure(D("10"))], "b": [Figure(D("30"))]}, {"a": 1, "b": 2})
    assert units == {1: RolledUp(D("10.00"), 1), 2: RolledUp(D("30.00"), 1)}


def test_a_missing_period_report_makes_the_goal_and_the_unit_partial():
    goals, units = roll_up(
        {
            "g1": [Figure(D("100"), 4, 4), Figure(D("90"), 2, 4)],
            "g2": [Figure(None, 0, 1)],  # an annual indicator with nothing in yet
            "g3": [Figure(D("80"), 12, 12)],
        },
        {"g1": "u", "g2": "u", "g3": "v"},
    )
    assert (goals["g1"].reported, goals["g1"].expected, goals["g1"].is_partial) == (6, 8, True)
    assert goals["g2"].is_partial and goals["g2"].capaian is None
    assert not goals["g3"].is_partial
    assert (units["u"].reported, units["u"].expected) == (6, 9)
    assert units["u"].is_partial
    assert not units["v"].is_partial


def test_figures_of_one_period_have_no_coverage():
    goals, units = roll_up({"g": [Figure(D("100"))]}, {"g": "u"})
    assert (goals["g"].reported, goals["g"].expected, goals["g"].is_partial) == (None, None, False)
    assert units["u"].is_partial is False


@pytest.mark.parametrize(
    ("reported", "expected", "partial"),
    [
        (None, None, False),
        (None, 4, False),
        (0, 4, True),
        (3, 4, True),
        (4, 4, False),
        (0, 0, False),
    ],
)
def test_is_partial_at_its_bounds(reported, expected, partial):
    assert is_partial(reported, expected) is partial


@pytest.mark.parametrize(("reported", "expected"), [(5, 4), (-1, 4), (1, -1)])
def test_impossible_coverage_is_refused(reported, expected):
    with pytest.raises(ValueError, match="periods reported"):
        is_partial(reported, expected)


capaian_values = st.one_of(
    st.none(),
    st.decimals(min_value=0, max_value=500, places=2, allow_nan=False, allow_infinity=False),
)


@st.composite
def figures(draw):
    expected = draw(st.integers(min_value=1, max_value=12))
    reported = draw(st.integers(min_value=0, max_value=expected))
    return Figure(draw(capaian_values), reported, expected)


@given(
    st.dictionaries(
        st.integers(min_value=0, max_value=20),
        st.lists(figures(), min_size=1, max_size=6),
        min_size=1,
        max_size=8,
    ),
    st.integers(min_value=1, max_value=3),
)
def test_every_level_is_the_mean_of_the_level_below_and_partial_when_any_member_is(
    by_goal, unit_count
):
    unit_of = {goal: goal % unit_count for goal in by_goal}
    goals, units = roll_up(by_goal, unit_of)
    for goal, members in by_goal.items():
        assert goals[goal].capaian == mean(f.capaian for f in members)
        assert goals[goal].count == sum(1 for f in members if f.capaian is not None)
        assert goals[goal].is_partial == any(f.is_partial for f in members)
        assert goals[goal].expected == sum(f.expected for f in members)
    for unit, row in units.items():
        members = [goals[g] for g in by_goal if unit_of[g] == unit]
        assert row.capaian == mean(g.capaian for g in members)
        assert row.is_partial == any(g.is_partial for g in members)
        assert row.reported <= row.expected
    assert set(units) == set(unit_of.values())
