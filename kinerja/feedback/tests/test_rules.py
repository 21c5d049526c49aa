import datetime

from hypothesis import given
from hypothesis import strategies as st

from kinerja.feedback import rules

DAY = datetime.date(2026, 5, 15)


def _relation(giver, employee, employee_leaders, employee_atasan, giver_leaders, giver_atasan):
    return rules.relation_of(
        giver_id=giver,
        employee_id=employee,
        employee_leader_ids=employee_leaders,
        employee_atasan_id=employee_atasan,
        giver_leader_ids=giver_leaders,
        giver_atasan_id=giver_atasan,
    )


def test_the_atasan_or_rater_is_the_leader():
    assert _relation(1, 2, {1, 9}, 1, {9}, 9) == rules.LEADER
    assert _relation(9, 2, {1, 9}, 1, {5}, 5) == rules.LEADER


def test_one_whom_the_employee_leads_is_a_subordinate():
    assert _relation(3, 2, {1}, 1, {2}, 2) == rules.SUBORDINATE


def test_people_with_the_same_atasan_are_peers():
    assert _relation(3, 2, {1}, 1, {1}, 1) == rules.PEER


def test_anyone_else_is_other():
    assert _relation(3, 2, {1}, 1, {7}, 7) == rules.OTHER
    assert _relation(3, 2, set(), None, set(), None) == rules.OTHER


@given(st.integers(min_value=0, max_value=50), st.integers(min_value=1, max_value=20))
def test_anonymous_feedback_is_shown_from_the_threshold_on(givers, threshold):
    assert rules.anonymous_group_shown(givers, threshold) == (givers >= threshold)


def test_below_the_threshold_nothing_is_shown_and_at_it_everything_is():
    assert not rules.anonymous_group_shown(2, 3)
    assert rules.anonymous_group_shown(3, 3)


def test_the_default_schedule_is_the_end_of_each_period_in_order():
    ends = [datetime.date(2026, 6, 30), datetime.date(2026, 3, 31), datetime.date(2026, 6, 30)]
    assert rules.default_schedule(ends) == [datetime.date(2026, 3, 31), datetime.date(2026, 6, 30)]


def test_coverage_states():
    week = datetime.timedelta(days=7)
    assert rules.coverage_state(pending=[], planned=False, today=DAY) == rules.NONE
    assert rules.coverage_state(pending=[], planned=True, today=DAY) == rules.DONE
    assert rules.coverage_state(pending=[DAY - week], planned=True, today=DAY) == rules.OVERDUE
    assert rules.coverage_state(pending=[DAY + week], planned=True, today=DAY) == rules.DUE
    assert rules.coverage_state(pending=[DAY], planned=True, today=DAY) == rules.DUE
    later = DAY + week + datetime.timedelta(days=1)
    assert rules.coverage_state(pending=[later], planned=True, today=DAY) == rules.OK
