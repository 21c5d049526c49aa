import pytest
from django.urls import reverse

from kinerja.activities.models import Activity, ActivityStatus
from kinerja.activities.tests.worklog_data import LONG_TEXT, MONDAY, log, staf_rhk_key
from kinerja.results.tests.data import plans
from kinerja.skp.tests.review_data import freeze_today

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(personas, monkeypatch):
    freeze_today(monkeypatch, MONDAY)
    return plans(personas)


def test_the_employee_logs_from_the_week_page_with_the_plans_rhk(client, personas, chain):
    client.force_login(personas.users["staf"])
    page = client.get(reverse("activities:worklog"))
    assert page.status_code == 200
    assert staf_rhk_key(chain) in page.content.decode()
    response = client.post(
        reverse("activities:worklog"),
        {
            "date": "2026-05-04",
            "description": LONG_TEXT,
            "minutes": "90",
            "rhk_key": staf_rhk_key(chain),
        },
    )
    assert response.status_code == 302
    entry = Activity.objects.get()
    assert (entry.minutes, str(entry.rhk_key)) == (90, staf_rhk_key(chain))


@pytest.mark.parametrize(
    "body",
    [
        {"date": "2026-05-04", "description": "x" * 2001, "minutes": "10"},
        {"date": "kemarin", "description": "Rapat", "minutes": "10"},
        {"date": "2026-05-04", "description": "Rapat", "minutes": "99999999999999999999"},
        {"date": "2026-05-04", "description": "Rapat", "minutes": "", "start_time": "25:00"},
        {"date": "2026-05-09", "description": "Rapat", "minutes": "10"},
        {"date": "2026-05-04", "description": "Rapat", "minutes": "10", "rhk_key": "nope"},
    ],
)
def test_bad_input_is_a_field_message_never_a_500(client, personas, chain, body):
    client.force_login(personas.users["staf"])
    response = client.post(reverse("activities:worklog"), body)
    assert response.status_code == 400
    assert response.context["form"].errors
    assert not Activity.objects.exists()


def test_the_supervisor_sees_the_team_week_and_verifies_in_bulk(client, personas, chain):
    entries = [log(personas), log(personas, description="Apel pagi", minutes=30)]
    client.force_login(personas.users["kasi"])
    page = client.get(reverse("activities:team_week"))
    assert page.status_code == 200
    [row] = page.context["waiting"]
    assert row.waiting == 2
    day = client.get(reverse("activities:team_day", args=[entries[0].employee_id, "2026-05-04"]))
    assert day.status_code == 200
    response = client.post(reverse("activities:team_verify"), {"activity_group": row.waiting_ids})
    assert response.status_code == 302
    assert set(Activity.objects.values_list("status", flat=True)) == {ActivityStatus.VERIFIED}


def test_returned_entries_and_waiting_ones_are_on_beranda(client, personas, chain):
    entry = log(personas)
    client.force_login(personas.users["kasi"])
    assert reverse("activities:team_week") in client.get(reverse("home")).content.decode()
    client.post(reverse("activities:worklog_return", args=[entry.pk]), {"comment": "Rinci"})
    client.force_login(personas.users["staf"])
    home = client.get(reverse("home")).content.decode()
    assert reverse("activities:worklog") in home


def test_the_month_page_and_the_delete_confirmation(client, personas, chain):
    entry = log(personas)
    client.force_login(personas.users["staf"])
    assert client.get(reverse("activities:worklog_month")).status_code == 200
    assert client.get(reverse("activities:worklog_delete", args=[entry.pk])).status_code == 200
    assert Activity.objects.exists()
    client.post(reverse("activities:worklog_delete", args=[entry.pk]))
    assert not Activity.objects.exists()
