"""The small demo regency has a machine's attendance, lateness and each sanction level."""

import datetime

import pytest
from django.db import transaction
from django.test import override_settings

from kinerja.activities.models import AttendanceDay, LeaveRecord, SanctionNotice
from kinerja.activities.rules import Sanction
from kinerja.demo import generator

TODAY = datetime.date(2026, 5, 15)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(PASSWORD_HASHERS=hashers),
    ):
        yield generator.seed(size="small", seed=2026, today=TODAY)
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_the_demo_has_two_months_of_attendance_with_lateness_and_leave(demo):
    days = AttendanceDay.objects.filter(agency=demo.agency)
    assert {d.month for d in days.dates("date", "month")} == {3, 4}
    assert days.filter(late_minutes__gt=0).exists()
    assert days.filter(early_minutes__gt=0).exists()
    assert LeaveRecord.objects.filter(agency=demo.agency).exists()


@pytest.mark.django_db
def test_a_few_employees_reach_each_sanction_level(demo):
    levels = set(SanctionNotice.objects.filter(agency=demo.agency).values_list("level", flat=True))
    assert levels >= {
        Sanction.TEGURAN_LISAN,
        Sanction.TEGURAN_TERTULIS,
        Sanction.PERNYATAAN_TIDAK_PUAS,
        Sanction.TUKIN_6,
        Sanction.TUKIN_9,
        Sanction.TUKIN_12,
        Sanction.DEMOSI,
        Sanction.PEMBEBASAN,
        Sanction.PEMBERHENTIAN,
        Sanction.PENGHENTIAN_GAJI,
    }


# --- the daily activity log ---------------------------------------------------------------------


@pytest.mark.django_db
def test_every_employee_logged_activities_in_the_last_weeks_about_five_a_day(demo):
    from django.db.models import Count

    from kinerja.activities.models import Activity
    from kinerja.org.models import Assignment
    from kinerja.org.selectors import active_on

    recent = Activity.objects.filter(
        agency=demo.agency, date__gte=TODAY - datetime.timedelta(weeks=3)
    )
    people = set(
        Assignment.objects.filter(active_on(TODAY), position__agency=demo.agency).values_list(
            "employee_id", flat=True
        )
    )
    assert set(recent.values_list("employee_id", flat=True)) == people
    per_day = recent.values("employee_id", "date").annotate(n=Count("pk"))
    average = sum(row["n"] for row in per_day) / len(per_day)
    assert 3 <= average <= 7


@pytest.mark.django_db
def test_the_demo_log_has_repeats_copies_long_days_late_filings_and_each_status(demo):
    from django.db.models import Count, Sum

    from kinerja.activities.models import Activity

    entries = Activity.objects.filter(agency=demo.agency)
    assert entries.filter(is_repeat=True).exists()
    shared = entries.values("digest").annotate(people=Count("employee_id", distinct=True))
    assert shared.filter(people__gt=1).exists()  # the same text typed by several people
    days = entries.values("employee_id", "date").annotate(total=Sum("minutes"))
    assert days.filter(total__gt=8 * 60).exists()
    assert entries.filter(filing_delay_days__gte=4).exists()
    assert set(entries.values_list("status", flat=True)) == {"submitted", "verified", "returned"}
    assert entries.filter(status="returned").exclude(return_comment="").exists()
