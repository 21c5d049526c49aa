"""A person's day and the catalogue of the API read a fixed number of queries whatever the
number of entries or activities."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kinerja.activities import services
from kinerja.activities.models import Activity
from kinerja.activities.tests.worklog_data import MONDAY, staf_rhk_key
from kinerja.results.rules import text_digest
from kinerja.results.tests.data import plans
from kinerja.skp.tests.review_data import freeze_today

pytestmark = pytest.mark.django_db
API = "/api/v1/activities"


@pytest.fixture
def chain(personas, monkeypatch):
    freeze_today(monkeypatch, MONDAY)
    return plans(personas)


def _entries(employee, count: int, rhk_key=None, start: int = 0):
    now = timezone.now()
    rows = []
    for n in range(start, start + count):
        text = f"Kegiatan rutin nomor {n} pegawai {employee.pk}"
        rows.append(
            Activity(
                agency_id=employee.agency_id,
                employee=employee,
                date=MONDAY,
                year=MONDAY.year,
                minutes=20,
                description=text,
                digest=text_digest(text),
                rhk_key=rhk_key if n % 2 else None,
                filed_at=now,
                filing_delay_days=n % 5,
            )
        )
    return Activity.objects.bulk_create(rows)


def _count(client, url) -> tuple[int, dict]:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.json()


@pytest.mark.parametrize("reader", ["kasi", "staf"])
def test_a_persons_day_of_30_entries_reads_as_many_queries_as_of_2(client, personas, chain, reader):
    staf = personas.employees["staf"]
    key = staf_rhk_key(chain)
    url = f"{API}/employees/{staf.pk}/days/{MONDAY.isoformat()}"
    client.force_login(personas.users[reader])
    _entries(staf, 2, key)
    small, answer = _count(client, url)
    assert answer["count"] == 2
    _entries(staf, 28, key, start=2)
    large, answer = _count(client, url)
    assert answer["count"] == 30
    assert answer["minutes"] == 600
    assert "long_day" in answer["flags"]
    assert large == small


def test_the_catalogue_of_40_activities_reads_as_many_queries_as_of_2(client, personas):
    def add(names):
        for name in names:
            services.catalogue_item_save(
                actor=None, agency=personas.agency, name=name, standard_minutes=30
            )

    url = f"{API}/catalogue?limit=500"
    client.force_login(personas.users["dokter"])
    add(["Apel pagi", "Apel sore"])
    small, answer = _count(client, url)
    assert answer["count"] == 2
    add([f"Kegiatan {n}" for n in range(38)])
    large, answer = _count(client, url)
    assert answer["count"] == 40
    assert large == small
