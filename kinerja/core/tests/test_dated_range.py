"""The dated-range model shared by assignments, delegations and exemptions from planning:
`covers(day)` and `covering(day)` agree at every boundary, and the database refuses an end
before the start."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from kinerja.org.models import Assignment, SupervisionOverride
from kinerja.skp.models import PlanExemption

START = datetime.date(2026, 3, 1)
END = datetime.date(2026, 3, 31)
ONE_DAY = datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (START - ONE_DAY, False),
        (START, True),
        (START + ONE_DAY, True),
        (END, True),
        (END + ONE_DAY, False),
    ],
)
def test_a_closed_range_covers_its_start_and_end_day_and_nothing_around(day, expected):
    assert PlanExemption(start_date=START, end_date=END).covers(day) is expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [(START - ONE_DAY, False), (START, True), (datetime.date(2099, 12, 31), True)],
)
def test_an_open_range_covers_every_day_from_its_start(day, expected):
    assert Assignment(start_date=START, end_date=None).covers(day) is expected


def test_a_one_day_range_covers_that_day_only():
    one_day = SupervisionOverride(start_date=START, end_date=START)
    assert one_day.covers(START)
    assert not one_day.covers(START - ONE_DAY)
    assert not one_day.covers(START + ONE_DAY)


@pytest.fixture
def ranges(personas):
    """Three exemptions of the staff member: closed, one day long, and open."""
    agency, staf = personas.agency, personas.employees["staf"]

    def exemption(start, end):
        return PlanExemption.objects.create(
            agency=agency, employee=staf, reason="cltn", start_date=start, end_date=end
        )

    return {
        "closed": exemption(START, END),
        "one_day": exemption(datetime.date(2026, 6, 1), datetime.date(2026, 6, 1)),
        "open": exemption(datetime.date(2026, 9, 1), None),
    }


@pytest.mark.parametrize(
    ("day", "names"),
    [
        (START - ONE_DAY, set()),
        (START, {"closed"}),
        (END, {"closed"}),
        (END + ONE_DAY, set()),
        (datetime.date(2026, 5, 31), set()),
        (datetime.date(2026, 6, 1), {"one_day"}),
        (datetime.date(2026, 6, 2), set()),
        (datetime.date(2026, 8, 31), set()),
        (datetime.date(2026, 9, 1), {"open"}),
        (datetime.date(2030, 1, 1), {"open"}),
    ],
)
def test_covering_finds_the_ranges_that_run_on_the_day_as_covers_says(ranges, day, names):
    found = set(PlanExemption.objects.covering(day).values_list("pk", flat=True))
    assert found == {ranges[name].pk for name in names}
    assert {name for name, row in ranges.items() if row.covers(day)} == names


def test_covering_of_assignments_and_overrides_uses_the_same_boundaries(personas):
    staf, kabid = personas.employees["staf"], personas.employees["kabid"]
    override = SupervisionOverride.objects.create(
        agency=personas.agency,
        employee=staf,
        supervisor=kabid,
        role="rater",
        start_date=START,
        end_date=END,
        reason="Delegasi",
    )
    assert list(SupervisionOverride.objects.covering(END)) == [override]
    assert not SupervisionOverride.objects.covering(END + ONE_DAY).exists()
    current = Assignment.objects.filter(employee=staf).covering(END + ONE_DAY)
    assert current.exists()
    assert not Assignment.objects.filter(employee=staf).covering(datetime.date(2019, 12, 31))


@pytest.mark.parametrize("model", [Assignment, SupervisionOverride, PlanExemption])
def test_each_range_keeps_its_end_after_start_constraint(model):
    names = [c.name for c in model._meta.constraints]
    label = model._meta.app_label
    assert f"{label}_{model._meta.model_name}_end_after_start" in names


def test_the_database_refuses_an_exemption_ending_before_it_starts(personas):
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanExemption.objects.create(
            agency=personas.agency,
            employee=personas.employees["staf"],
            reason="cltn",
            start_date=END,
            end_date=START,
        )
