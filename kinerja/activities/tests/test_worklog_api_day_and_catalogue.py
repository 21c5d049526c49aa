"""A person's day and the activity catalogue through the API: what they answer, and bad input
answered with a message naming the field (400 from the services, 422 from the schema), never
a 500 and never a write."""

import datetime

import pytest

from kinerja.activities import services
from kinerja.activities.models import ActivityCatalogueItem
from kinerja.activities.tests.worklog_data import MONDAY, log, staf_rhk_key
from kinerja.core.models import AuditEvent
from kinerja.results.tests.data import plans
from kinerja.skp.tests.review_data import freeze_today

pytestmark = pytest.mark.django_db
API = "/api/v1/activities"
SUNDAY = MONDAY - datetime.timedelta(days=1)


@pytest.fixture
def chain(personas, monkeypatch):
    freeze_today(monkeypatch, MONDAY)
    return plans(personas)


@pytest.fixture
def item(personas):
    return services.catalogue_item_save(
        actor=None, agency=personas.agency, name="Apel pagi", standard_minutes=30
    )


def _day_url(personas, key="staf", day="2026-05-04") -> str:
    return f"{API}/employees/{personas.employees[key].pk}/days/{day}"


def _put(client, url, body):
    return client.put(url, body, content_type="application/json")


# --- a person's day -------------------------------------------------------------------------------


def test_the_supervisor_reads_a_long_day_with_its_minutes_checks_and_rhk(client, personas, chain):
    key = staf_rhk_key(chain)
    first = log(personas, minutes=300, rhk_key=key)
    second = log(personas, description="Rapat koordinasi tim", minutes=200)
    client.force_login(personas.users["kasi"])
    response = client.get(_day_url(personas))
    assert response.status_code == 200
    day = response.json()
    assert (day["date"], day["minutes"], day["count"], day["waiting"]) == ("2026-05-04", 500, 2, 2)
    assert day["employee"] == personas.employees["staf"].pk
    assert "long_day" in day["flags"]
    assert len(day["flag_labels"]) == len(day["flags"])
    assert [e["id"] for e in day["entries"]] == [first.pk, second.pk]
    assert day["entries"][0]["rhk_text"] == chain["staf"].rhks.get(key=key).text
    assert day["entries"][1]["rhk_text"] is None
    assert all("long_day" in e["flags"] for e in day["entries"])


def test_the_employee_reads_their_own_sunday_with_its_warning(client, personas, chain):
    log(personas, date=SUNDAY, minutes=60)
    client.force_login(personas.users["staf"])
    day = client.get(_day_url(personas, day=SUNDAY.isoformat())).json()
    assert day["flags"] == ["non_working_day"]
    assert day["entries"][0]["flags"] == ["non_working_day"]


def test_a_day_without_entries_answers_empty_not_404(client, personas, chain):
    client.force_login(personas.users["kasi"])
    day = client.get(_day_url(personas, day="2026-05-01")).json()
    assert (day["minutes"], day["count"], day["flags"], day["entries"]) == (0, 0, [], [])


@pytest.mark.parametrize(
    "day", ["2026-13-01", "2026-02-30", "kemarin", "20260504", "1999-12-31", "2101-01-01"]
)
def test_a_bad_date_of_the_day_is_a_422_naming_the_date(client, personas, chain, day):
    client.force_login(personas.users["kasi"])
    response = client.get(_day_url(personas, day=day))
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["path", "day"]
    assert error["msg"]


def test_a_bad_or_unknown_employee_of_the_day(client, personas, chain):
    client.force_login(personas.users["kasi"])
    bad = client.get(f"{API}/employees/0/days/2026-05-04")
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["path", "employee_id"]
    assert client.get(f"{API}/employees/{2**62}/days/2026-05-04").status_code == 404


# --- the catalogue --------------------------------------------------------------------------------


def test_the_keeper_adds_an_activity_with_its_audit_event(client, personas):
    client.force_login(personas.users["bkpsdm"])
    response = client.post(
        f"{API}/catalogue",
        {"name": "  Rapat koordinasi ", "standard_minutes": 60},
        content_type="application/json",
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["name"], body["standard_minutes"], body["is_active"]) == (
        "Rapat koordinasi",
        60,
        True,
    )
    item = ActivityCatalogueItem.objects.get(pk=body["id"])
    assert item.agency_id == personas.agency.pk
    event = AuditEvent.objects.get(action="activities.catalogue.saved")
    assert event.actor_id == personas.users["bkpsdm"].pk


def test_an_activity_taken_out_of_use_leaves_the_employees_list(client, personas, item):
    client.force_login(personas.users["staf"])
    response = _put(
        client, f"{API}/catalogue/{item.pk}", {"name": "Apel pagi", "standard_minutes": 20}
    )
    assert response.json()["is_active"] is True
    response = _put(
        client,
        f"{API}/catalogue/{item.pk}",
        {"name": "Apel pagi", "standard_minutes": 20, "is_active": False},
    )
    assert response.status_code == 200
    assert response.json()["is_active"] is False
    # Saved again without saying: it stays out of use.
    _put(client, f"{API}/catalogue/{item.pk}", {"name": "Apel pagi", "standard_minutes": 25})
    item.refresh_from_db()
    assert (item.standard_minutes, item.is_active) == (25, False)
    everything = client.get(f"{API}/catalogue", {"include_inactive": "true"}).json()
    assert [i["id"] for i in everything["items"]] == [item.pk]
    client.force_login(personas.users["dokter"])
    assert client.get(f"{API}/catalogue").json() == {"count": 0, "items": []}


def test_the_employee_reads_only_the_activities_in_use_of_their_agency(client, personas, item):
    services.catalogue_item_save(
        actor=None, agency=personas.other_agency, name="Apel sore", standard_minutes=15
    )
    services.catalogue_item_save(
        actor=None, agency=personas.agency, name="Arsip", standard_minutes=10, is_active=False
    )
    client.force_login(personas.users["dokter"])
    answer = client.get(f"{API}/catalogue").json()
    assert answer["count"] == 1
    assert answer["items"] == [
        {"id": item.pk, "name": "Apel pagi", "standard_minutes": 30, "is_active": True}
    ]
    refused = client.get(f"{API}/catalogue", {"include_inactive": "true"})
    assert refused.status_code == 403
    assert refused.json()["detail"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "", "standard_minutes": 30}, "name"),
        ({"name": "   ", "standard_minutes": 30}, "name"),
        ({"name": "APEL PAGI", "standard_minutes": 30}, "name"),
        ({"name": "Rapat\x00", "standard_minutes": 30}, "name"),
    ],
)
def test_a_bad_catalogue_activity_is_a_400_naming_the_field(client, personas, item, body, field):
    client.force_login(personas.users["bkpsdm"])
    response = client.post(f"{API}/catalogue", body, content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()["detail"]) == [field]
    assert ActivityCatalogueItem.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "Rapat", "standard_minutes": 0}, "standard_minutes"),
        ({"name": "Rapat", "standard_minutes": 1441}, "standard_minutes"),
        ({"name": "Rapat", "standard_minutes": "60"}, "standard_minutes"),
        ({"name": "Rapat", "standard_minutes": 10**20}, "standard_minutes"),
        ({"name": "Rapat"}, "standard_minutes"),
        ({"standard_minutes": 30}, "name"),
        ({"name": "x" * 201, "standard_minutes": 30}, "name"),
        ({"name": "Rapat", "standard_minutes": 30, "is_active": "ya"}, "is_active"),
    ],
)
def test_a_malformed_catalogue_activity_is_a_422_naming_the_field(
    client, personas, item, body, field
):
    client.force_login(personas.users["staf"])
    for response in (
        client.post(f"{API}/catalogue", body, content_type="application/json"),
        _put(client, f"{API}/catalogue/{item.pk}", body),
    ):
        assert response.status_code == 422
        assert [e["loc"][-1] for e in response.json()["detail"]] == [field]
    item.refresh_from_db()
    assert (item.name, item.standard_minutes, item.is_active) == ("Apel pagi", 30, True)
    assert ActivityCatalogueItem.objects.count() == 1


def test_a_body_that_is_not_an_object_is_refused_not_a_500(client, personas, item):
    client.force_login(personas.users["staf"])
    response = client.post(f"{API}/catalogue", [], content_type="application/json")
    assert response.status_code in (400, 422)
    assert ActivityCatalogueItem.objects.count() == 1
