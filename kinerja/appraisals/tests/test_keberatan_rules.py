"""Deadlines of the keberatan in working days (Lampiran Bab V p.117; domain.md 1.7)."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from kinerja.appraisals.rules import (
    keberatan_decision_deadline,
    keberatan_filing_deadline,
    keberatan_in_time,
)
from kinerja.core.calendar import is_working_day, working_days_between

D = datetime.date
ONE_DAY = datetime.timedelta(days=1)
GOOD_FRIDAY = D(2026, 4, 3)


def test_the_employee_files_within_14_working_days_of_receipt_skipping_weekends():
    # Received Thursday 2 April 2026: 14 working days end on Wednesday 22 April.
    assert keberatan_filing_deadline(D(2026, 4, 2)) == D(2026, 4, 22)


def test_a_holiday_moves_the_filing_deadline_by_one_working_day():
    assert keberatan_filing_deadline(D(2026, 4, 2), {GOOD_FRIDAY}) == D(2026, 4, 23)


def test_a_document_received_on_a_saturday_counts_from_monday():
    assert keberatan_filing_deadline(D(2026, 4, 4)) == D(2026, 4, 23)


def test_the_filing_deadline_day_is_on_time_and_the_day_after_is_late():
    deadline = keberatan_filing_deadline(D(2026, 4, 2), {GOOD_FRIDAY})
    assert keberatan_in_time(deadline, deadline)
    assert not keberatan_in_time(deadline + ONE_DAY, deadline)


def test_the_superior_decides_within_7_working_days_of_filing():
    # Filed Friday 17 April: 7 working days end on Tuesday 28 April.
    assert keberatan_decision_deadline(D(2026, 4, 17)) == D(2026, 4, 28)
    assert keberatan_decision_deadline(D(2026, 4, 17), {D(2026, 4, 20)}) == D(2026, 4, 29)
    # Filed Thursday 2 April over Good Friday and the weekend.
    assert keberatan_decision_deadline(D(2026, 4, 2), {GOOD_FRIDAY}) == D(2026, 4, 14)


def test_the_decision_deadline_day_is_on_time_and_the_day_after_is_late():
    deadline = keberatan_decision_deadline(D(2026, 4, 17))
    assert keberatan_in_time(deadline, deadline)
    assert not keberatan_in_time(deadline + ONE_DAY, deadline)


@given(st.dates(D(2020, 1, 1), D(2030, 12, 31)))
def test_both_deadlines_are_working_days_at_the_right_distance(day):
    off = {GOOD_FRIDAY}
    filing = keberatan_filing_deadline(day, off)
    decision = keberatan_decision_deadline(day, off)
    assert is_working_day(filing, off) and is_working_day(decision, off)
    assert working_days_between(day + ONE_DAY, filing, off) == 14
    assert working_days_between(day + ONE_DAY, decision, off) == 7
