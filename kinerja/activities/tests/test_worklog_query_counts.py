"""The team week, a person's month and bulk verification read and write a fixed number of
queries whatever the size of the team or the number of entries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kinerja.activities import services
from kinerja.activities.models import Activity, ActivityStatus
from kinerja.activities.tests.worklog_data import MONDAY
from kinerja.results.rules import text_digest
from kinerja.results.tests.data import plans, viewer
from kinerja.skp.tests.review_data import extra_subordinates, freeze_today

pytestmark = pytest.mark.django_db


def _entries(employees, days=5, per_day=5):
    """`per_day` entries a day on the `days` working days of the week, for each employee."""
    now = timezone.now()
    rows = []
    for employee in employees:
        for offset in range(days):
            day = MONDAY + datetime.timedelta(days=offset)
            for n in range(per_day):
                text = f"Kegiatan rutin nomor {n} pegawai {employee.pk} tanggal {day}"
                rows.append(
                    Activity(
                        agency_id=employee.agency_id,
                        employee=employee,
                        date=day,
                        year=day.year,
                        minutes=60,
                        description=text,
                        digest=text_digest(text),
                        filed_at=now,
                        filing_delay_days=0,
                    )
                )
    return Activity.objects.bulk_create(rows)


def _count(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.fixture
def team(personas, monkeypatch):
    freeze_today(monkeypatch, MONDAY + datetime.timedelta(days=4))
    plans(personas)
    return personas


def test_the_team_week_of_30_people_reads_as_many_queries_as_of_5(client, team):
    url = reverse("activities:team_week") + "?minggu=2026-05-04"
    client.force_login(team.users["kasi"])
    people = extra_subordinates(team, 4)
    _entries([team.employees["staf"], *people])
    small = _count(client, url)
    more = extra_subordinates(team, 25, start=4)
    _entries(more)
    large = _count(client, url)
    response = client.get(url)
    assert len(response.context["week"].rows) == 30
    assert large == small


def test_the_month_page_reads_a_fixed_number_of_queries(client, team):
    url = reverse("activities:worklog_month") + "?bulan=2026-05"
    client.force_login(team.users["staf"])
    _entries([team.employees["staf"]], days=1)
    small = _count(client, url)
    Activity.objects.all().delete()
    _entries([team.employees["staf"]], days=5, per_day=8)
    assert _count(client, url) == small


def test_the_week_page_reads_the_plan_in_force_and_the_days_off_once(client, team):
    url = reverse("activities:worklog") + "?tanggal=2026-05-06"
    client.force_login(team.users["staf"])
    _entries([team.employees["staf"]], days=5, per_day=2)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert response.context["form"].fields["rhk_key"].choices[1:]  # the plan's RHK are offered
    tables = [q["sql"].split(".", 1)[0].removeprefix("SELECT ") for q in queries]
    assert tables.count('"skp_skp"') == 1
    assert tables.count('"iku_nonworkingday"') == 1


def _verify_queries(team, ids) -> int:
    """The queries of verifying `ids` but the inserts of the audit events, which PostgreSQL
    makes in one statement (1,000 rows a time) and SQLite splits by its limit of variables."""
    with CaptureQueriesContext(connection) as queries:
        assert services.activity_verify_many(actor=viewer(team, "kasi"), activities=ids) == len(ids)
    inserts = [q for q in queries if q["sql"].startswith('INSERT INTO "core_auditevent"')]
    if connection.vendor == "postgresql":
        assert len(inserts) == 1
    return len(queries) - len(inserts)


def test_bulk_verification_runs_the_same_queries_for_5_or_150_entries(team):
    people = extra_subordinates(team, 5)
    entries = _entries(people, days=5, per_day=7)
    assert len(entries) == 175
    small = _verify_queries(team, [e.pk for e in entries[:5]])
    large = _verify_queries(team, [e.pk for e in entries[5:155]])
    assert large == small
    assert Activity.objects.filter(status=ActivityStatus.VERIFIED).count() == 155


def test_logging_an_activity_writes_without_asking_the_database_what_the_service_checked(team):
    """The entry and its audit event, with the reads of the plan in force and the catalogue:
    no query per table constraint and none to find the agency or the employee again."""
    staf = team.employees["staf"]
    with CaptureQueriesContext(connection) as queries:
        services.activity_log(
            actor=viewer(team, "staf", MONDAY),
            employee=staf,
            date=MONDAY,
            minutes=90,
            description="Memverifikasi berkas usulan kenaikan pangkat dari unit kerja",
        )
    checks = [q for q in queries if "_check" in q["sql"] or q["sql"].startswith("SELECT 1 AS")]
    assert checks == []
    assert len(queries) <= 8
