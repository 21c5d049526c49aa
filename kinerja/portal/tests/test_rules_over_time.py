"""The same people counted in several publications (a year and its quarters): what each one
withholds so that no small group comes out of adding and subtracting all of them, whatever
order they are published in."""

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.portal import rules
from kinerja.portal.rules import TOTAL
from kinerja.portal.tests import test_rules as table_checks

QUARTERS = ("q1", "q2", "q3", "q4")


def grid(parts: str, *lines):
    return {
        (part, quarter): count
        for part, line in zip(parts, lines, strict=True)
        for quarter, count in zip(QUARTERS[: len(line)], line, strict=True)
    }


def column(cells, period):
    """The figures a publication shows: a period's parts and whole, or the year's totals."""
    parts = list(dict.fromkeys(part for part, _ in cells))
    return [(part, period) for part in parts] + [(TOTAL, period)]


def publish_in_order(cells, order, minimum=5):
    """Each publication in turn, with the earlier ones' figures fixed; every figure's state."""
    published: dict[tuple, bool] = {}
    for period in order:
        deciding = column(cells, period)
        withheld = rules.suppress_over_time(cells, minimum, published=published, deciding=deciding)
        published.update({key: key in withheld for key in deciding})
    return published


def recovered(cells, published):
    """The withheld figures that adding and subtracting every published figure gives away."""
    hidden = {key for key, withheld in published.items() if withheld}
    translate = {TOTAL: table_checks.TOTAL}
    inner = {(r, c) for r, c in hidden if TOTAL not in (r, c)}
    found = table_checks._recovered(
        cells,
        inner,
        {r for r, c in hidden if c is TOTAL and r is not TOTAL},
        {c for r, c in hidden if r is TOTAL and c is not TOTAL},
        (TOTAL, TOTAL) in hidden,
    )
    return {tuple(translate.get(x, x) for x in key) for key in found} | set()


def small_figures(cells, minimum=5):
    _rows, _columns, figures = table_checks._margins(cells)
    back = {table_checks.TOTAL: TOTAL}
    return {
        tuple(back.get(x, x) for x in key)
        for key, count in figures.items()
        if rules.is_small(count, minimum)
    }


def as_rules_keys(keys):
    back = {table_checks.TOTAL: TOTAL}
    return {tuple(back.get(x, x) for x in key) for key in keys}


# --- examples --------------------------------------------------------------------------------


def test_a_quarter_with_a_small_service_withholds_a_partner_in_its_own_column():
    cells = grid("abc", (10, 2, 12, 9), (11, 14, 10, 13), (20, 18, 16, 22))
    withheld = rules.suppress_over_time(cells, 5, deciding=column(cells, "q2"))
    assert ("a", "q2") in withheld
    assert len(withheld) >= 2  # never alone in its column: its whole is shown


def test_quarters_then_their_year_leave_no_small_group_to_subtraction():
    cells = grid("abc", (10, 2, 12, 9), (11, 14, 10, 13), (20, 18, 16, 22))
    quarters_then_year = publish_in_order(cells, [*QUARTERS, TOTAL])
    assert quarters_then_year[("a", "q2")]
    row_a = [quarters_then_year[("a", period)] for period in [*QUARTERS, TOTAL]]
    assert sum(row_a) >= 2, "else q2 = the year of a minus its other quarters"
    assert not as_rules_keys(recovered(cells, quarters_then_year)) & small_figures(cells)


def test_each_period_suppressed_on_its_own_would_give_the_small_group_away():
    cells = grid("ab", (10, 2), (11, 14))
    alone = {}
    for period in ["q1", "q2", TOTAL]:  # each column with only its own parts and whole
        parts = {key: count for key, count in _column_counts(cells, period).items()}
        hidden = rules.suppress(
            {k: v for k, v in parts.items() if k[0] is not TOTAL}, parts[(TOTAL, period)]
        )
        alone.update({key: key in hidden for key in parts})
    assert ("a", "q2") in as_rules_keys(recovered(cells, alone))
    assert not as_rules_keys(recovered(cells, publish_in_order(cells, ["q1", "q2", TOTAL])))


def _column_counts(cells, period):
    parts = list(dict.fromkeys(part for part, _ in cells))
    periods = list(dict.fromkeys(p for _, p in cells))
    if period is TOTAL:
        counts = {(part, TOTAL): sum(cells[part, p] for p in periods) for part in parts}
    else:
        counts = {(part, period): cells[part, period] for part in parts}
    counts[(TOTAL, period)] = sum(counts.values())
    return counts


def test_a_year_published_before_its_last_quarter_already_protects_that_quarters_small_group():
    cells = grid("ab", (10, 12, 9, 3), (11, 14, 10, 13))
    year_first = publish_in_order(cells, ["q1", "q2", "q3", TOTAL, "q4"])
    year = [year_first[key] for key in column(cells, TOTAL)]
    assert any(year), "the year knew that a's fourth quarter would be withheld"
    assert year_first[("a", "q4")]
    assert not as_rules_keys(recovered(cells, year_first)) & small_figures(cells)


def test_without_small_groups_nothing_is_withheld_in_any_publication():
    cells = grid("ab", (10, 12, 9, 30), (11, 14, 10, 13))
    assert not any(publish_in_order(cells, [*QUARTERS, TOTAL]).values())


def test_a_figure_already_published_keeps_its_state_and_is_not_decided_again():
    cells = grid("ab", (10, 2), (11, 14))
    published = {("a", "q1"): True, ("b", "q1"): False, (TOTAL, "q1"): False}
    with pytest.raises(ValueError, match="already published"):
        rules.suppress_over_time(cells, published=published, deciding=[("a", "q1")])
    withheld = rules.suppress_over_time(cells, published=published, deciding=column(cells, TOTAL))
    assert ("b", "q1") not in withheld and ("a", TOTAL) in withheld


@pytest.mark.parametrize(
    "cells, deciding",
    [
        ({("a", TOTAL): 3}, ()),
        ({("a", "q1"): -1}, ()),
        ({("a", "q1"): 3}, [("b", "q1")]),
        ({"a": 3}, ()),
    ],
)
def test_keys_outside_the_table_and_counts_that_are_not_people_are_refused(cells, deciding):
    with pytest.raises(ValueError):
        rules.suppress_over_time(cells, deciding=deciding)


# --- whatever the figures and the order ------------------------------------------------------

TABLES = st.integers(min_value=1, max_value=3).flatmap(
    lambda width: st.lists(
        st.lists(st.one_of(st.integers(0, 6), st.integers(0, 30)), min_size=width, max_size=width),
        min_size=1,
        max_size=3,
    )
)


@given(TABLES, st.integers(min_value=1, max_value=8), st.randoms(use_true_random=False))
def test_in_any_order_no_small_group_can_be_recovered_once_everything_is_published(
    lines, minimum, random
):
    cells = grid("abc"[: len(lines)], *lines)
    order = [*QUARTERS[: len(lines[0])], TOTAL]
    random.shuffle(order)
    states = {}
    published: dict[tuple, bool] = {}
    for period in order:
        deciding = column(cells, period)
        withheld = rules.suppress_over_time(cells, minimum, published=published, deciding=deciding)
        assert withheld <= set(deciding)
        published.update({key: key in withheld for key in deciding})
        for key, state in states.items():
            assert published[key] == state, "a published figure never changes"
        states = dict(published)
    small = small_figures(cells, minimum)
    assert {key for key, withheld in published.items() if withheld} >= small
    assert not as_rules_keys(recovered(cells, published)) & small
    for key, withheld in published.items():
        if withheld and key not in small:
            assert any(published[other] for other in small), "withheld only to protect"


def test_every_order_of_a_year_and_two_quarters_ends_without_a_recoverable_small_group():
    cells = grid("abc", (2, 9), (3, 8), (7, 1))
    for order in itertools.permutations(["q1", "q2", TOTAL]):
        published = publish_in_order(cells, order)
        assert not as_rules_keys(recovered(cells, published)) & small_figures(cells), order
