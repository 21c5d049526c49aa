"""The pure rules of study leave (domain.md 1.8)."""

from decimal import Decimal

import pytest

from kinerja.results import rules
from kinerja.results.rules import SemesterFacts


def facts(ipk, semester=2, taken=20, passed=20):
    return SemesterFacts(semester, Decimal(ipk), taken, passed)


@pytest.mark.parametrize(
    ("done", "total", "expected"), [(0, 8, 0), (1, 8, 13), (4, 8, 50), (8, 8, 100), (10, 8, 100)]
)
def test_progress_is_the_share_of_the_semesters_to_graduate_on_time(done, total, expected):
    assert rules.study_progress(done, total) == expected


def test_a_study_without_semesters_is_refused():
    with pytest.raises(ValueError):
        rules.study_progress(1, 0)


@pytest.mark.parametrize(
    ("level", "ipk", "at_risk"),
    [
        ("s1", "2.76", False),
        ("s1", "2.75", True),
        ("postgraduate", "3.00", False),
        ("postgraduate", "2.99", True),
    ],
)
def test_an_ipk_below_the_kurang_bound_puts_the_study_at_risk(level, ipk, at_risk):
    assert ("low_ipk" in rules.study_at_risk(level, 8, facts(ipk))) is at_risk


def test_failed_credits_and_an_extended_study_are_risks():
    assert rules.study_at_risk("s1", 8, facts("3.50", taken=20, passed=18)) == ["credits_failed"]
    assert rules.study_at_risk("s1", 8, facts("3.50", semester=9)) == ["extended"]
    assert rules.study_at_risk("s1", 8, None) == []


@pytest.mark.parametrize(
    ("semester", "graduated", "expected"),
    [(8, False, "on_time"), (9, False, "extended"), (7, True, "faster"), (8, True, "on_time")],
)
def test_graduation_timing(semester, graduated, expected):
    assert rules.graduation_timing(semester, 8, graduated) == expected
