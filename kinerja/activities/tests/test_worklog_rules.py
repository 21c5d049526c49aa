import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.activities import rules

D = datetime.date


def facts(**overrides):
    values = {
        "date": D(2026, 5, 4),
        "day_total_minutes": 300,
        "day_minutes": 450,
        "is_working_day": True,
        "on_leave": False,
        "absent": False,
        "delay_days": 0,
        "late_threshold_days": 3,
    }
    values.update(overrides)
    return rules.EntryFacts(**values)


def test_an_ordinary_entry_has_no_flag():
    assert rules.entry_flags(facts()) == ()


def test_a_day_longer_than_the_working_day_is_flagged_and_a_full_one_is_not():
    assert rules.entry_flags(facts(day_total_minutes=451)) == (rules.FLAG_LONG_DAY,)
    assert rules.entry_flags(facts(day_total_minutes=450)) == ()


def test_a_weekend_or_holiday_entry_is_flagged_but_not_as_absence():
    flags = rules.entry_flags(facts(is_working_day=False, absent=True))
    assert flags == (rules.FLAG_NON_WORKING_DAY,)


def test_leave_wins_over_absence():
    assert rules.entry_flags(facts(on_leave=True, absent=True)) == (rules.FLAG_ON_LEAVE,)
    assert rules.entry_flags(facts(absent=True)) == (rules.FLAG_ABSENT,)


def test_copying_is_flagged_only_for_checked_texts():
    copied = facts(same_text_on_other_days=True, same_text_by_other_people=True)
    assert rules.entry_flags(copied) == ()
    checked = facts(copy_checked=True, same_text_on_other_days=True, same_text_by_other_people=True)
    assert rules.entry_flags(checked) == (rules.FLAG_COPIED_DAYS, rules.FLAG_COPIED_PEOPLE)


def test_filing_on_the_threshold_day_is_on_time_and_the_day_after_is_late():
    assert rules.entry_flags(facts(delay_days=3)) == ()
    assert rules.entry_flags(facts(delay_days=4)) == (rules.FLAG_LATE_FILING,)


def test_short_routine_labels_are_not_checked_for_copying():
    assert not rules.is_copy_candidate("apel pagi")
    assert rules.is_copy_candidate("menyusun laporan pelayanan puskesmas bulan april")


def test_minutes_between_refuses_an_end_before_the_start():
    assert rules.minutes_between(datetime.time(8), datetime.time(9, 30)) == 90
    with pytest.raises(ValueError):
        rules.minutes_between(datetime.time(9), datetime.time(9))


def test_the_working_day_of_the_agency_hours():
    assert rules.working_day_minutes(datetime.time(7, 30), datetime.time(16)) == 510


@given(
    day=st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 12, 31)),
    later=st.integers(min_value=-5, max_value=400),
)
def test_the_filing_delay_is_the_days_after_and_never_negative(day, later):
    filed = day + datetime.timedelta(days=later)
    assert rules.filing_delay(day, filed) == max(0, later)


@given(
    total=st.integers(min_value=0, max_value=1440),
    allowed=st.integers(min_value=1, max_value=1440),
    working=st.booleans(),
    leave=st.booleans(),
    absent=st.booleans(),
    delay=st.integers(min_value=0, max_value=60),
    threshold=st.integers(min_value=0, max_value=30),
    checked=st.booleans(),
    other_days=st.booleans(),
    other_people=st.booleans(),
)
def test_each_flag_is_raised_exactly_when_its_condition_holds(
    total, allowed, working, leave, absent, delay, threshold, checked, other_days, other_people
):
    flags = rules.entry_flags(
        facts(
            day_total_minutes=total,
            day_minutes=allowed,
            is_working_day=working,
            on_leave=leave,
            absent=absent,
            delay_days=delay,
            late_threshold_days=threshold,
            copy_checked=checked,
            same_text_on_other_days=other_days,
            same_text_by_other_people=other_people,
        )
    )
    assert (rules.FLAG_LONG_DAY in flags) == (total > allowed)
    assert (rules.FLAG_NON_WORKING_DAY in flags) == (not working)
    assert (rules.FLAG_ON_LEAVE in flags) == leave
    assert (rules.FLAG_ABSENT in flags) == (absent and working and not leave)
    assert (rules.FLAG_COPIED_DAYS in flags) == (checked and other_days)
    assert (rules.FLAG_COPIED_PEOPLE in flags) == (checked and other_people)
    assert (rules.FLAG_LATE_FILING in flags) == (delay > threshold)
    assert list(flags) == [f for f in rules.FLAGS if f in flags]
