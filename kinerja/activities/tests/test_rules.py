"""The PP 94/2021 table of sanctions for unexcused absence, working hours and absence runs."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.activities import rules
from kinerja.activities.rules import Sanction, absence_sanction
from kinerja.core import calendar

# (days, level) at and around every threshold of the table (domain notes 4.3).
TABLE = [
    (0, Sanction.NONE),
    (1, Sanction.NONE),
    (2, Sanction.NONE),
    (3, Sanction.TEGURAN_LISAN),
    (4, Sanction.TEGURAN_TERTULIS),
    (5, Sanction.TEGURAN_TERTULIS),
    (6, Sanction.TEGURAN_TERTULIS),
    (7, Sanction.PERNYATAAN_TIDAK_PUAS),
    (10, Sanction.PERNYATAAN_TIDAK_PUAS),
    (11, Sanction.TUKIN_6),
    (13, Sanction.TUKIN_6),
    (14, Sanction.TUKIN_9),
    (16, Sanction.TUKIN_9),
    (17, Sanction.TUKIN_12),
    (20, Sanction.TUKIN_12),
    (21, Sanction.DEMOSI),
    (24, Sanction.DEMOSI),
    (25, Sanction.PEMBEBASAN),
    (27, Sanction.PEMBEBASAN),
    (28, Sanction.PEMBERHENTIAN),
    (200, Sanction.PEMBERHENTIAN),
]


@pytest.mark.parametrize(("days", "level"), TABLE)
def test_cumulative_days_give_the_level_of_the_table(days, level):
    assert absence_sanction(days) == level


def test_nine_consecutive_days_do_not_stop_the_salary():
    assert absence_sanction(9, consecutive_days=9) == Sanction.PERNYATAAN_TIDAK_PUAS


def test_ten_consecutive_working_days_stop_the_salary():
    assert absence_sanction(10, consecutive_days=10) == Sanction.PENGHENTIAN_GAJI


def test_stopping_the_salary_outranks_a_release_from_the_post():
    assert absence_sanction(26, consecutive_days=12) == Sanction.PENGHENTIAN_GAJI


def test_dismissal_stays_when_the_days_also_run_in_a_row():
    assert absence_sanction(28, consecutive_days=28) == Sanction.PEMBERHENTIAN


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        absence_sanction(-1)


@given(st.integers(0, 400), st.integers(0, 400))
def test_more_days_never_give_a_lighter_sanction(days, more):
    assert rules.severity(absence_sanction(days + more)) >= rules.severity(absence_sanction(days))


@given(st.integers(0, 60), st.integers(0, 60))
def test_the_consecutive_rule_only_makes_a_sanction_heavier(days, run):
    assert rules.severity(absence_sanction(days, run)) >= rules.severity(absence_sanction(days))


def test_lateness_counts_from_the_start_once_past_the_grace():
    start = datetime.time(7, 30)
    assert rules.late_minutes(datetime.time(7, 30), start, grace=10) == 0
    assert rules.late_minutes(datetime.time(7, 40), start, grace=10) == 0
    assert rules.late_minutes(datetime.time(7, 41), start, grace=10) == 11
    assert rules.late_minutes(datetime.time(7, 31), start) == 1
    assert rules.late_minutes(None, start) == 0


def test_early_departure_counts_minutes_before_the_end():
    end = datetime.time(16, 0)
    assert rules.early_minutes(datetime.time(16, 0), end) == 0
    assert rules.early_minutes(datetime.time(15, 15), end) == 45
    assert rules.early_minutes(datetime.time(17, 0), end) == 0
    assert rules.early_minutes(None, end) == 0


def test_the_first_scan_is_the_arrival_and_the_last_the_departure():
    scans = [datetime.time(12, 0), datetime.time(7, 20), datetime.time(16, 5)]
    assert rules.first_and_last(scans) == (datetime.time(7, 20), datetime.time(16, 5))
    assert rules.first_and_last([datetime.time(7, 20)]) == (datetime.time(7, 20), None)


MONDAY = datetime.date(2026, 3, 2)


def test_a_weekend_between_absences_does_not_break_the_run():
    off = {datetime.date(2026, 3, 19)}  # a holiday on a Thursday
    days = rules.dates_between(MONDAY, MONDAY + datetime.timedelta(days=17))
    working = [d for d in days if calendar.is_working_day(d, off)]
    absence = rules.unexplained_absence(working, present=set(), excused=set())
    assert absence.days == 13  # 14 weekdays less the holiday
    assert absence.longest_run == 13


def test_a_presence_or_a_leave_breaks_the_run():
    working = [MONDAY + datetime.timedelta(days=n) for n in range(5)]
    absence = rules.unexplained_absence(working, present={working[2]}, excused={working[3]})
    assert absence.days == 3
    assert absence.longest_run == 2


def test_working_days_skip_weekends_and_holidays():
    march = (datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))
    assert calendar.working_days_between(*march) == 22
    holidays = {datetime.date(2026, 3, 20), datetime.date(2026, 3, 21)}  # a Friday and a Saturday
    assert calendar.working_days_between(*march, holidays) == 21


@given(st.lists(st.booleans(), max_size=60))
def test_the_absence_count_and_run_match_a_day_by_day_reading(absent_flags):
    days = [MONDAY + datetime.timedelta(days=n) for n in range(len(absent_flags))]
    present = {d for d, absent in zip(days, absent_flags, strict=True) if not absent}
    absence = rules.unexplained_absence(days, present, excused=set())
    assert absence.days == sum(absent_flags)
    longest = run = 0
    for absent in absent_flags:
        run = run + 1 if absent else 0
        longest = max(longest, run)
    assert absence.longest_run == longest


# --- the official who decides (PP 94/2021 Ps 16-23) -----------------------------------------


@pytest.mark.parametrize(
    ("level", "authority"),
    [
        (Sanction.TEGURAN_LISAN, rules.Authority.SUPERIOR),
        (Sanction.TEGURAN_TERTULIS, rules.Authority.SUPERIOR),
        (Sanction.PERNYATAAN_TIDAK_PUAS, rules.Authority.SUPERIOR),
        (Sanction.TUKIN_6, rules.Authority.HEAD),
        (Sanction.TUKIN_9, rules.Authority.HEAD),
        (Sanction.TUKIN_12, rules.Authority.HEAD),
        (Sanction.DEMOSI, rules.Authority.PPK),
        (Sanction.PEMBEBASAN, rules.Authority.PPK),
        (Sanction.PENGHENTIAN_GAJI, rules.Authority.PPK),
        (Sanction.PEMBERHENTIAN, rules.Authority.PPK),
    ],
)
def test_the_weight_of_a_sanction_names_who_decides_it(level, authority):
    assert rules.deciding_authority(level) == authority


@pytest.mark.parametrize("level", [s for s in Sanction.ORDER if s])
def test_the_regional_head_decides_every_sanction_of_a_jpt(level):
    assert rules.deciding_authority(level, employee_is_jpt=True) == rules.Authority.PPK
