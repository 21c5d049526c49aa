"""Deadlines of the evaluation document in working days (Lampiran Bab V; domain.md 1.7), and
the rater of record when the rater moves (Lampiran p.91-92)."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from kinerja.appraisals.rules import (
    PlanRater,
    deadlines,
    employee_sign_deadline,
    head_hasil,
    rater_may_act,
    rater_of_record,
    superior_handover_deadline,
    superior_takes_over,
    working_days_left,
)
from kinerja.core.calendar import is_working_day, working_days_between

D = datetime.date
GOOD_FRIDAY = D(2026, 4, 3)


def test_the_rater_has_14_working_days_after_the_quarter_ends_skipping_weekends():
    due = deadlines(D(2026, 3, 31))
    assert due.rater == D(2026, 4, 20)  # Tue 31 March + 14 working days = Mon 20 April
    assert due.superior == D(2026, 5, 8)
    assert due.report == D(2026, 5, 12)


def test_a_holiday_moves_every_deadline_by_one_working_day():
    due = deadlines(D(2026, 3, 31), {GOOD_FRIDAY})
    assert due.rater == D(2026, 4, 21)
    assert due.report == D(2026, 5, 13)


def test_a_period_ending_on_a_weekend_counts_from_the_next_monday():
    # 31 January 2026 is a Saturday: Monday 2 February is the first working day counted.
    assert deadlines(D(2026, 1, 31)).rater == D(2026, 2, 19)


def test_the_deadline_day_belongs_to_the_rater_and_the_day_after_to_the_superior():
    due = deadlines(D(2026, 3, 31))
    assert rater_may_act(due.rater, due) and not superior_takes_over(due.rater, due)
    after = due.rater + datetime.timedelta(days=1)
    assert not rater_may_act(after, due) and superior_takes_over(after, due)


def test_the_employee_signs_within_14_working_days_or_7_after_the_superior():
    received = D(2026, 4, 17)  # a Friday
    assert employee_sign_deadline(received, False) == D(2026, 5, 7)
    assert employee_sign_deadline(received, True) == D(2026, 4, 28)
    assert employee_sign_deadline(received, True, {D(2026, 4, 20)}) == D(2026, 4, 29)
    assert superior_handover_deadline(received) == D(2026, 4, 28)


def test_working_days_left_is_zero_on_the_deadline_and_negative_after():
    deadline = D(2026, 4, 20)
    assert working_days_left(D(2026, 4, 17), deadline) == 1  # Friday -> Monday
    assert working_days_left(deadline, deadline) == 0
    assert working_days_left(D(2026, 4, 22), deadline) == -2
    assert working_days_left(D(2026, 4, 2), deadline, {GOOD_FRIDAY}) == 11


@given(st.dates(D(2020, 1, 1), D(2030, 12, 31)))
def test_every_deadline_is_a_working_day_at_the_right_distance(end):
    off = {GOOD_FRIDAY}
    due = deadlines(end, off)
    for day in (due.rater, due.superior, due.report):
        assert is_working_day(day, off)
    assert working_days_between(end + datetime.timedelta(days=1), due.rater, off) == 14
    assert working_days_between(end + datetime.timedelta(days=1), due.report, off) == 30


def test_a_rater_moving_inside_the_window_still_evaluates_outside_not():
    departing = PlanRater(rater_id=1, start_date=D(2026, 1, 2), is_rater_change=False)
    end = D(2026, 9, 30)
    late_move = PlanRater(rater_id=2, start_date=D(2026, 9, 25), is_rater_change=True)
    early_move = PlanRater(rater_id=2, start_date=D(2026, 8, 25), is_rater_change=True)
    assert rater_of_record(late_move, departing, end) == departing
    assert rater_of_record(early_move, departing, end) == early_move


def test_a_mutation_of_the_employee_always_goes_to_the_new_rater():
    old = PlanRater(rater_id=1, start_date=D(2026, 1, 2), is_rater_change=False)
    moved = PlanRater(rater_id=2, start_date=D(2026, 9, 25), is_rater_change=False)
    assert rater_of_record(moved, old, D(2026, 9, 30)) == moved


def test_the_head_of_the_organisation_takes_the_units_achievement_as_work_results():
    assert head_hasil("istimewa") == "diatas"
    assert head_hasil("baik") == "sesuai"
    assert {head_hasil(p) for p in ("butuh_perbaikan", "kurang", "sangat_kurang")} == {"dibawah"}
