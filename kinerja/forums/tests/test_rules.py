import datetime
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.forums import rules

DUE = datetime.date(2026, 6, 30)
DAY = datetime.timedelta(days=1)


def state(today, done_on=None, dropped=False):
    return rules.commitment_state(due=DUE, done_on=done_on, dropped=dropped, today=today)


def test_an_open_commitment_is_due_soon_on_its_due_day_and_overdue_the_day_after():
    assert state(DUE) == rules.DUE_SOON
    assert state(DUE + DAY) == rules.OVERDUE


def test_due_soon_starts_fourteen_days_before_the_due_day():
    assert state(DUE - datetime.timedelta(days=rules.DUE_SOON_DAYS)) == rules.DUE_SOON
    assert state(DUE - datetime.timedelta(days=rules.DUE_SOON_DAYS + 1)) == rules.ON_TIME


def test_done_on_the_due_day_is_on_time_and_the_day_after_is_late():
    assert state(DUE + 10 * DAY, done_on=DUE) == rules.DONE_ON_TIME
    assert state(DUE + 10 * DAY, done_on=DUE + DAY) == rules.DONE_LATE
    assert state(DUE - 20 * DAY, done_on=DUE - 25 * DAY) == rules.DONE_ON_TIME


def test_a_dropped_commitment_is_dropped_whatever_its_dates():
    assert state(DUE + 30 * DAY, dropped=True) == rules.WITHDRAWN


def test_days_left():
    assert rules.days_left(DUE, DUE) == 0
    assert rules.days_left(DUE + DAY, DUE) == -1


def test_no_commitment_due_gives_no_figure_not_zero_nor_hundred():
    assert rules.on_time_share(0, 0) is None
    empty = rules.tally([], start=DUE, end=DUE, today=DUE + DAY)
    assert empty.share is None and empty.percent is None


def test_the_share_is_exact():
    assert rules.on_time_share(1, 3) == Fraction(1, 3)
    figure = rules.OnTimeShare(3, 1, 1, 1, 0, 0)
    assert figure.percent == Decimal("33.33")
    assert rules.OnTimeShare(3, 2, 1, 0, 0, 0).percent == Decimal("66.67")
    assert rules.OnTimeShare(8, 1, 7, 0, 0, 0).percent == Decimal("12.50")


def test_impossible_counts_are_refused():
    with pytest.raises(ValueError):
        rules.on_time_share(3, 2)
    with pytest.raises(ValueError):
        rules.on_time_share(-1, 2)


START, END = datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)


def test_a_commitment_counts_from_the_day_after_its_due_day():
    rows = [(DUE, None, False)]
    on_the_day = rules.tally(rows, start=START, end=END, today=DUE)
    assert (on_the_day.due, on_the_day.not_yet_due, on_the_day.share) == (0, 1, None)
    after = rules.tally(rows, start=START, end=END, today=DUE + DAY)
    assert (after.due, after.open_overdue, after.share) == (1, 1, Fraction(0))


def test_the_period_bounds_are_inclusive_and_dropped_ones_are_set_apart():
    rows = [
        (START, START, False),  # on time, first day
        (END, END + DAY, False),  # late, last day
        (START - DAY, START - DAY, False),  # before the period
        (END + DAY, None, False),  # after the period
        (datetime.date(2026, 5, 1), None, True),  # dropped
    ]
    figure = rules.tally(rows, start=START, end=END, today=datetime.date(2027, 3, 1))
    assert (figure.due, figure.done_on_time, figure.done_late, figure.dropped) == (2, 1, 1, 1)
    assert figure.share == Fraction(1, 2)


def test_done_early_but_not_yet_due_waits_for_its_due_day():
    rows = [(DUE, DUE - 5 * DAY, False)]
    assert rules.tally(rows, start=START, end=END, today=DUE - DAY).due == 0
    assert rules.tally(rows, start=START, end=END, today=DUE + DAY).done_on_time == 1


days = st.dates(min_value=datetime.date(2025, 1, 1), max_value=datetime.date(2027, 12, 31))
commitment = st.tuples(days, st.one_of(st.none(), days), st.booleans())


@given(st.lists(commitment, max_size=30), days, days, days)
def test_the_counts_add_up_and_the_share_stays_within_zero_and_one(rows, a, b, today):
    start, end = min(a, b), max(a, b)
    figure = rules.tally(rows, start=start, end=end, today=today)
    in_period = sum(1 for due, _done, _dropped in rows if start <= due <= end)
    assert figure.due + figure.dropped + figure.not_yet_due == in_period
    assert figure.done_on_time + figure.done_late + figure.open_overdue == figure.due
    if figure.due == 0:
        assert figure.share is None
    else:
        assert 0 <= figure.share <= 1
        assert figure.share == Fraction(figure.done_on_time, figure.due)


@given(days, st.one_of(st.none(), days), days)
def test_a_state_is_always_one_of_the_known_ones(due, done_on, today):
    found = rules.commitment_state(due=due, done_on=done_on, dropped=False, today=today)
    if done_on is not None:
        assert found in (rules.DONE_ON_TIME, rules.DONE_LATE)
    elif today > due:
        assert found == rules.OVERDUE
    else:
        assert found in (rules.DUE_SOON, rules.ON_TIME)
