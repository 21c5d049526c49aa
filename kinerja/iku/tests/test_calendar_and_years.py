import datetime

import pytest
from django.core.exceptions import ValidationError

from kinerja.core import calendar
from kinerja.core.errors import PermissionDeniedError
from kinerja.core.models import AuditEvent
from kinerja.iku import rules, selectors
from kinerja.iku.models import NonWorkingDay, PerformanceYear, Period
from kinerja.iku.services import calendar as services
from kinerja.iku.tests import factories as f

D = datetime.date


# --- pure working-day arithmetic ------------------------------------------------------------------


def test_a_week_has_five_working_days():
    assert calendar.working_days_between(D(2025, 3, 3), D(2025, 3, 9)) == 5


def test_working_days_skip_holidays_but_not_weekend_holidays_twice():
    holidays = {D(2025, 3, 31), D(2025, 4, 1), D(2025, 3, 29)}  # Mon, Tue, and a Saturday
    assert (
        calendar.working_days_between(D(2025, 3, 1), D(2025, 4, 30), holidays) == 43 - 2
    )  # 21 + 22 weekdays


def test_working_days_of_an_empty_range_are_zero():
    assert calendar.working_days_between(D(2025, 3, 10), D(2025, 3, 9)) == 0


def test_working_days_match_counting_day_by_day():
    start = D(2024, 12, 20)
    days_off = {D(2024, 12, 25), D(2024, 12, 26), D(2025, 1, 1)}
    for length in range(0, 40):
        end = start + datetime.timedelta(days=length)
        expected = sum(
            1
            for i in range(length + 1)
            if calendar.is_working_day(start + datetime.timedelta(days=i), days_off)
        )
        assert calendar.working_days_between(start, end, days_off) == expected


def test_add_working_days_skips_weekends_and_days_off():
    # Friday 28 March 2025 + 1 working day, with Monday 31 March and Tuesday 1 April off.
    days_off = {D(2025, 3, 31), D(2025, 4, 1)}
    assert calendar.add_working_days(D(2025, 3, 28), 1, days_off) == D(2025, 4, 2)
    assert calendar.add_working_days(D(2025, 4, 2), -1, days_off) == D(2025, 3, 28)


def test_add_zero_working_days_moves_to_the_next_working_day():
    assert calendar.add_working_days(D(2025, 3, 8), 0) == D(2025, 3, 10)
    assert calendar.add_working_days(D(2025, 3, 10), 0) == D(2025, 3, 10)


# --- the agency calendar --------------------------------------------------------------------------


def test_working_days_of_a_period_use_national_holidays_and_agency_days_off(personas):
    py = f.performance_year(personas.agency, 2025, "monthly")
    bkpsdm = f.viewer(personas, "bkpsdm")
    added = services.national_holidays_load(
        actor=bkpsdm,
        agency=personas.agency,
        holidays=[(D(2025, 3, 31), "Idul Fitri"), (D(2025, 4, 1), "Idul Fitri")],
    )
    assert added == 2
    services.non_working_day_add(
        actor=bkpsdm, agency=personas.agency, date=D(2025, 3, 20), name="Hari jadi kabupaten"
    )
    march = py.periods.get(kind="month", number=3)
    assert selectors.working_days(march) == 21 - 2  # 21 weekdays, two off
    assert selectors.add_working_days(personas.agency, D(2025, 3, 28), 1) == D(2025, 4, 2)
    assert AuditEvent.objects.filter(action="iku.non_working_day.loaded").count() == 1


def test_loading_holidays_twice_adds_nothing_new(personas):
    bkpsdm = f.viewer(personas, "bkpsdm")
    days = [(D(2025, 5, 1), "Hari Buruh")]
    services.national_holidays_load(actor=bkpsdm, agency=personas.agency, holidays=days)
    assert services.national_holidays_load(actor=bkpsdm, agency=personas.agency, holidays=days) == 0


def test_a_day_off_cannot_be_added_twice(personas):
    bkpsdm = f.viewer(personas, "bkpsdm")
    services.non_working_day_add(actor=bkpsdm, agency=personas.agency, date=D(2025, 5, 2), name="A")
    with pytest.raises(ValidationError) as error:
        services.non_working_day_add(
            actor=bkpsdm, agency=personas.agency, date=D(2025, 5, 2), name="B"
        )
    assert "date" in error.value.message_dict


@pytest.mark.parametrize("key", ["staf", "kadinkes", "pimpinan", "outsider"])
def test_only_bkpsdm_of_the_agency_edits_the_calendar(personas, key):
    with pytest.raises(PermissionDeniedError):
        services.non_working_day_add(
            actor=f.viewer(personas, key), agency=personas.agency, date=D(2025, 5, 2), name="X"
        )
    assert not NonWorkingDay.objects.exists()


def test_removing_a_day_off_is_audited(personas):
    bkpsdm = f.viewer(personas, "bkpsdm")
    day = services.non_working_day_add(
        actor=bkpsdm, agency=personas.agency, date=D(2025, 5, 2), name="A"
    )
    services.non_working_day_remove(actor=bkpsdm, day=day)
    assert not NonWorkingDay.objects.exists()
    assert AuditEvent.objects.filter(action="iku.non_working_day.removed").exists()


# --- performance years and periods ----------------------------------------------------------------


def test_a_quarterly_year_has_four_quarters_and_the_year(personas):
    py = f.performance_year(personas.agency, 2024, "quarterly")
    periods = selectors.year_periods(py)
    assert [(p.kind, p.number, p.start_date, p.end_date) for p in periods] == [
        ("quarter", 1, D(2024, 1, 1), D(2024, 3, 31)),
        ("quarter", 2, D(2024, 4, 1), D(2024, 6, 30)),
        ("quarter", 3, D(2024, 7, 1), D(2024, 9, 30)),
        ("quarter", 4, D(2024, 10, 1), D(2024, 12, 31)),
        ("year", 1, D(2024, 1, 1), D(2024, 12, 31)),
    ]
    assert str(periods[1]).endswith("II 2024")


def test_a_monthly_year_has_twelve_months_and_the_year(personas):
    py = f.performance_year(personas.agency, 2024, "monthly")
    periods = selectors.year_periods(py)
    assert len(periods) == 13
    assert periods[1].start_date == D(2024, 2, 1) and periods[1].end_date == D(2024, 2, 29)
    assert periods[-1].kind == "year"


def test_creating_a_year_is_audited_with_default_settings(personas):
    py = services.performance_year_create(
        actor=f.viewer(personas, "bkpsdm"),
        agency=personas.agency,
        year=2025,
        evaluation_period="quarterly",
    )
    assert py.bands == rules.DEFAULT_ORG_PREDIKAT_BANDS
    assert py.realisation_due_working_days == 10
    assert py.result_deadline == D(2026, 1, 31)
    event = AuditEvent.objects.get(action="iku.year.created")
    assert event.after["evaluation_period"] == "quarterly"


def test_a_year_is_opened_once_per_agency(personas):
    f.performance_year(personas.agency, 2025)
    with pytest.raises(ValidationError):
        f.performance_year(personas.agency, 2025)
    f.performance_year(personas.other_agency, 2025)
    assert PerformanceYear.objects.count() == 2


def test_a_bad_band_table_is_refused_naming_the_field(personas):
    bands = [
        {"label": "BAIK", "lower": "0"},
        {"label": "SANGAT_KURANG", "lower": "50"},
    ]
    with pytest.raises(ValidationError) as error:
        f.performance_year(personas.agency, 2025, org_predikat_bands=bands)
    assert "org_predikat_bands" in error.value.message_dict


def test_a_cap_finer_than_the_decimals_is_refused(personas):
    with pytest.raises(ValidationError) as error:
        f.performance_year(personas.agency, 2025, capaian_cap="110.5", capaian_places=0)
    assert "capaian_cap" in error.value.message_dict


def test_year_settings_change_with_an_audit_event(personas):
    py = f.performance_year(personas.agency, 2025)
    services.performance_year_update(
        actor=f.viewer(personas, "bkpsdm"),
        performance_year=py,
        capaian_cap=120,
        org_predikat_bands=rules.DEFAULT_ORG_PREDIKAT_BANDS,
    )
    py.refresh_from_db()
    assert py.capaian_cap == 120
    assert AuditEvent.objects.filter(action="iku.year.updated").count() == 1


@pytest.mark.parametrize("key", ["staf", "kadinkes", "outsider"])
def test_only_bkpsdm_or_planning_staff_open_a_year(personas, key):
    with pytest.raises(PermissionDeniedError):
        services.performance_year_create(
            actor=f.viewer(personas, key),
            agency=personas.agency,
            year=2025,
            evaluation_period="monthly",
        )
    assert not Period.objects.exists()


def test_staff_of_the_designated_planning_unit_may_open_a_year(personas):
    services.planning_unit_set(
        actor=f.viewer(personas, "bkpsdm"),
        agency=personas.agency,
        unit=personas.units["dinkes"],  # stands in for Bappeda in this small regency
    )
    py = services.performance_year_create(
        actor=f.viewer(personas, "staf"),
        agency=personas.agency,
        year=2025,
        evaluation_period="monthly",
    )
    assert py.periods.count() == 13
