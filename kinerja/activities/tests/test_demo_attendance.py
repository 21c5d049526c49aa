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
