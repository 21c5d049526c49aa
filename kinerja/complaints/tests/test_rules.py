"""Complaint deadlines in working days, the life of a case and a unit's figures."""

import datetime
import itertools
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.complaints import rules
from kinerja.complaints.rules import Case, Category, Channel, Status
from kinerja.core.calendar import is_working_day, working_days_between

D = datetime.date
FRIDAY = D(2026, 3, 13)
NYEPI = D(2026, 3, 19)  # a Thursday off


# --- deadlines ------------------------------------------------------------------------------


def test_each_category_has_its_default_working_days():
    assert [rules.deadline_days(c) for c in Category] == [2, 5, 14, 60]


def test_an_agency_may_set_its_own_days_up_to_the_legal_sixty():
    setting = {"ringan": 3, "berkadar_pengawasan": 60}
    assert rules.deadline_days(Category.RINGAN, setting) == 3
    assert rules.deadline_days(Category.NORMATIF, setting) == 5  # not set: the default
    assert rules.deadline_days(Category.BERKADAR_PENGAWASAN, setting) == 60


@pytest.mark.parametrize("days", [0, 61, -1, 2.5, True, "5"])
def test_a_deadline_outside_one_to_sixty_working_days_is_refused(days):
    with pytest.raises(ValueError):
        rules.deadline_days(Category.RINGAN, {"ringan": days})


def test_a_light_complaint_of_a_friday_is_due_on_tuesday():
    assert rules.due_on(FRIDAY, 2) == D(2026, 3, 17)


def test_a_saturday_complaint_counts_from_monday():
    assert rules.due_on(D(2026, 3, 14), 1) == D(2026, 3, 16)


def test_a_holiday_is_not_a_working_day_of_the_deadline():
    # Received Tuesday 17 March; 5 working days skip Nyepi (Thursday 19): due Wednesday 25.
    assert rules.due_on(D(2026, 3, 17), 5, {NYEPI}) == D(2026, 3, 25)
    assert rules.due_on(D(2026, 3, 17), 5) == D(2026, 3, 24)


@given(
    st.dates(min_value=D(2024, 1, 1), max_value=D(2028, 12, 31)),
    st.integers(min_value=1, max_value=60),
    st.sets(st.dates(min_value=D(2024, 1, 1), max_value=D(2029, 6, 30)), max_size=20),
)
def test_the_due_day_is_a_working_day_exactly_that_many_working_days_on(received, days, off):
    due = rules.due_on(received, days, off)
    assert is_working_day(due, off)
    assert working_days_between(received + datetime.timedelta(days=1), due, off) == days


def test_the_last_day_itself_is_on_time_and_the_next_is_overdue():
    due = D(2026, 3, 17)
    assert not rules.is_overdue(due, due, None)
    assert rules.is_overdue(due + datetime.timedelta(days=1), due, None)
    assert not rules.is_overdue(D(2026, 4, 1), due, D(2026, 3, 18))  # answered, late: not open
    assert rules.answered_on_time(due, due)
    assert not rules.answered_on_time(due, due + datetime.timedelta(days=1))
    assert not rules.answered_on_time(due, None)


def test_the_reminder_starts_that_many_working_days_before_the_last_day():
    due = D(2026, 3, 17)  # a Tuesday
    assert not rules.reminder_due(D(2026, 3, 12), due, 2)  # Thursday: three days before
    assert rules.reminder_due(D(2026, 3, 13), due, 2)  # Friday: two working days before
    assert rules.reminder_due(D(2026, 3, 20), due, 2)  # overdue: still reminded


# --- the life of a case -----------------------------------------------------------------------


def test_a_case_is_routed_answered_reopened_and_closed():
    path = [Status.RECEIVED, Status.ROUTED, Status.IN_PROGRESS, Status.ANSWERED, Status.REOPENED]
    path += [Status.IN_PROGRESS, Status.ANSWERED, Status.CLOSED]
    assert all(rules.can_move(a, b) for a, b in itertools.pairwise(path))


@pytest.mark.parametrize(
    ("current", "new"),
    [
        (Status.CLOSED, Status.REOPENED),
        (Status.RECEIVED, Status.CLOSED),
        (Status.ROUTED, Status.REOPENED),
        (Status.ANSWERED, Status.IN_PROGRESS),
        (Status.IN_PROGRESS, Status.CLOSED),
    ],
)
def test_a_case_does_not_skip_its_answer_or_leave_closed(current, new):
    assert not rules.can_move(current, new)


def test_every_status_has_its_moves_and_only_closed_has_none():
    assert set(rules.MOVES) == set(Status)
    assert [s for s in Status if not rules.MOVES[s]] == [Status.CLOSED]
    assert {s for s in Status if Status.ANSWERED in rules.MOVES[s]} == rules.OPEN_STATUSES


# --- figures --------------------------------------------------------------------------------


def test_a_units_figures():
    today = D(2026, 3, 31)
    cases = [
        Case(Channel.PORTAL, D(2026, 3, 2), D(2026, 3, 4), D(2026, 3, 4)),  # 2 days, on time
        Case(Channel.LAPOR, D(2026, 3, 2), D(2026, 3, 9), D(2026, 3, 10)),  # 6 days, late
        Case(Channel.LAPOR, D(2026, 3, 9), D(2026, 3, 11), D(2026, 3, 10)),  # 1 day, on time
        Case(Channel.SURAT, D(2026, 3, 16), D(2026, 3, 18)),  # open, overdue
        Case(Channel.PORTAL, D(2026, 3, 30), D(2026, 4, 1)),  # open, not due yet
    ]
    result = rules.figures(cases, today)
    assert (result.received, result.answered, result.answered_on_time, result.overdue) == (
        5,
        3,
        2,
        1,
    )
    assert result.median_working_days == 2
    assert result.by_channel == {Channel.PORTAL: 2, Channel.LAPOR: 2, Channel.SURAT: 1}
    assert result.on_time_share == Fraction(2, 4)


def test_before_any_case_comes_due_there_is_no_share_not_zero():
    result = rules.figures([Case(Channel.PORTAL, D(2026, 3, 30), D(2026, 4, 1))], D(2026, 3, 31))
    assert result.on_time_share is None
    assert result.median_working_days is None
    assert rules.figures([], D(2026, 3, 31)).received == 0


def test_the_time_to_answer_counts_working_days_only():
    # Received Friday, answered Tuesday after a Monday holiday: one working day.
    case = Case(Channel.LANGSUNG, FRIDAY, D(2026, 3, 17), D(2026, 3, 17))
    assert rules.figures([case], D(2026, 3, 31), {D(2026, 3, 16)}).median_working_days == 1


# --- reopening, the tracking code, figures by category --------------------------------------


def test_an_answered_case_may_be_reopened_within_fourteen_days():
    answered = D(2026, 3, 2)
    assert rules.may_reopen(D(2026, 3, 16), answered)
    assert not rules.may_reopen(D(2026, 3, 17), answered)
    assert not rules.may_reopen(D(2026, 3, 3), None)


def test_tracking_codes_are_long_random_and_typed_in_any_spelling():
    codes = {rules.new_tracking_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(rules.is_well_formed_code(code) for code in codes)
    code = next(iter(codes))
    typed = f" {code[:5].lower()}-{code[5:]} "
    assert rules.normalise_code(typed) == code
    assert not rules.is_well_formed_code("0O1IL5S2ZB")
    assert not rules.is_well_formed_code(code[:-1])


def test_figures_count_by_category():
    cases = [
        Case(Channel.PORTAL, D(2026, 3, 2), D(2026, 3, 4), category=Category.RINGAN),
        Case(Channel.LAPOR, D(2026, 3, 2), D(2026, 3, 9), category=Category.NORMATIF),
        Case(Channel.LAPOR, D(2026, 3, 3), D(2026, 3, 5), category=Category.RINGAN),
    ]
    result = rules.figures(cases, D(2026, 3, 3))
    assert result.by_category == {Category.RINGAN: 2, Category.NORMATIF: 1}
