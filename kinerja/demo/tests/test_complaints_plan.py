"""The demo's complaints plan, whatever day the demo is loaded on: every case open past its
deadline is one of the few chosen overdue cases, each escalated."""

import datetime
import random
from types import SimpleNamespace

import pytest

from kinerja.complaints.rules import OPEN_STATUSES
from kinerja.demo.generator import complaints
from kinerja.org.models import UnitKind

UNITS = [
    SimpleNamespace(name="Puskesmas Sukamaju", kind=UnitKind.PUSKESMAS),
    SimpleNamespace(name="Kelurahan Sukamaju", kind=UnitKind.KELURAHAN),
]


@pytest.mark.parametrize("offset", range(14))
def test_only_the_chosen_cases_are_overdue_and_each_is_escalated(offset):
    today = datetime.date(2026, 11, 30) + datetime.timedelta(days=offset)
    start = today - datetime.timedelta(days=365 * complaints.YEARS_BACK)
    off = {datetime.date(2026, 12, 25)}
    cases = complaints._plan(random.Random(7), UNITS, start, today, off)
    overdue = [c for c in cases if c["status"] in OPEN_STATUSES and c["due_on"] < today]
    assert len(overdue) == complaints.OVERDUE_NOW
    assert all(c["escalated_on"] and c["escalated_on"] <= today for c in overdue)


def test_a_fresh_case_past_a_short_deadline_takes_the_shortest_one_still_running():
    monday = datetime.date(2026, 12, 7)
    received = monday - datetime.timedelta(days=7)  # the Monday before: 5 working days ago
    Category = complaints.rules.Category
    assert complaints._still_within_its_days(Category.RINGAN, received, monday, ()) == (
        Category.NORMATIF  # due on the day itself: not yet late
    )
    tuesday = monday + datetime.timedelta(days=1)
    assert complaints._still_within_its_days(Category.RINGAN, received, tuesday, ()) == (
        Category.TIDAK_BERKADAR_PENGAWASAN
    )
    assert complaints._still_within_its_days(Category.RINGAN, monday, monday, ()) == (
        Category.RINGAN
    )
