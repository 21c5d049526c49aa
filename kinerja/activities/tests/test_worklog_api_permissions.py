"""Who gets what from the daily log API: the permission table of the house.

The same world and personas as the pages (test_worklog_views_permissions). The API answers 401
to an anonymous caller, 404 outside the caller's scope or without an employee record, 403 to one
who sees but may not act, 400 when there is nothing to repeat.

A person's day is read by the employee and by their supervisor (kasi for staf, kabid for the
dokter), as on the team's day page; everyone else, unit and BKPSDM admins too, gets 404. The
catalogue in use is read by everyone who keeps a log (the outsider reads their own agency's);
its keepers (bkpsdm, staf as the unit admin, the outsider in their own agency) add, change and
take out of use.
"""

import pytest

from kinerja.activities.models import Activity, ActivityCatalogueItem
from kinerja.activities.tests.worklog_permission_world import built_world
from kinerja.core.tests.permission_table import Row, api_answers, ask, table_cases

pytestmark = pytest.mark.django_db
API = "/api/v1/activities"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with built_world(django_db_blocker, tmp_path_factory) as data:
        yield data


@pytest.fixture(autouse=True)
def _private_media_root():
    """The photo stays in the module's folder (shared_data), where it was saved."""


OWNER = api_answers(403, staf=200, dokter=404, outsider=404, kabid=403)
SUPERVISOR = api_answers(403, kasi=200, dokter=404, outsider=404, kabid=403)
KEEPERS = api_answers(403, bkpsdm=200, staf=200, outsider=200, pimpinan=403, kabid=403)

PERMISSION_ROWS = [
    Row(f"GET {API}/entries", api_answers(200, pimpinan=404, kabid=200)),
    Row(
        f"POST {API}/entries",
        api_answers(200, pimpinan=404, kabid=200),
        body={"description": "Menyusun laporan bulanan", "minutes": 30},
    ),
    Row(
        f"PUT {API}/entries/{{activity_id}}",
        OWNER,
        args=lambda w: {"activity_id": w.other},
        body={"description": "Rapat koordinasi tim", "minutes": 50},
    ),
    Row(
        f"DELETE {API}/entries/{{activity_id}}",
        OWNER,
        args=lambda w: {"activity_id": w.other},
    ),
    Row(
        f"POST {API}/repeat-yesterday",
        api_answers(400, pimpinan=404, kabid=400),
    ),
    Row(f"GET {API}/team-week", api_answers(403, kasi=200, kabid=200, pimpinan=200)),
    Row(
        f"POST {API}/verify",
        api_answers(403, kasi=200, kabid=400, pimpinan=400),
        body=lambda w: {"ids": [w.other]},
    ),
    Row(
        f"POST {API}/entries/{{activity_id}}/return",
        SUPERVISOR,
        args=lambda w: {"activity_id": w.other},
        body={"comment": "Rincikan"},
    ),
    Row(
        f"GET {API}/employees/{{employee_id}}/days/{{day}}",
        api_answers(404, staf=200, kasi=200, kabid=404),
        args=lambda w: {"employee_id": w.staf_id, "day": "2026-05-04"},
    ),
    Row(
        f"GET {API}/employees/{{employee_id}}/days/{{day}}",
        api_answers(404, dokter=200, kabid=200),
        args=lambda w: {"employee_id": w.personas.employees["dokter"].pk, "day": "2026-05-04"},
        label="of the dokter",
    ),
    Row(f"GET {API}/catalogue", api_answers(200, pimpinan=404, kabid=200)),
    Row(
        f"GET {API}/catalogue",
        api_answers(403, bkpsdm=200, staf=200, outsider=200, pimpinan=404, kabid=403),
        query={"include_inactive": "true"},
        label="with the activities not in use",
    ),
    Row(
        f"POST {API}/catalogue",
        KEEPERS,
        body={"name": "Rapat koordinasi", "standard_minutes": 60},
    ),
    Row(
        f"PUT {API}/catalogue/{{item_id}}",
        api_answers(403, bkpsdm=200, staf=200, outsider=404, kabid=403),
        args=lambda w: {"item_id": w.item},
        body={"name": "Apel pagi", "standard_minutes": 20, "is_active": False},
    ),
]


def _state(world):
    entry = Activity.objects.filter(pk=world.other).values_list("status", "minutes").first()
    catalogue = list(
        ActivityCatalogueItem.objects.order_by("pk").values_list(
            "agency_id", "name", "standard_minutes", "is_active"
        )
    )
    return entry, catalogue


@pytest.mark.parametrize(("row", "persona", "expected"), table_cases(PERMISSION_ROWS))
def test_daily_log_api_answers_each_role(client, world, row, persona, expected):
    before = _state(world)
    assert ask(client, world.personas, row, persona, world) == expected
    if expected in (400, 401, 403, 404):
        assert _state(world) == before


def test_the_supervisor_reads_the_team_week_with_minutes_and_waiting_entries(client, world):
    client.force_login(world.personas.users["kasi"])
    answer = client.get(f"{API}/team-week", {"day": "2026-05-04"}).json()
    [row] = answer["rows"]
    assert row["employee"] == world.staf_id
    assert row["days"][0]["minutes"] == 60 + 45 + 30
    assert row["waiting"] == 2


@pytest.mark.parametrize("day", ["abc", "2026-13-01", "1900-01-01", "2026-05-04" + "x" * 5000])
def test_a_team_week_asked_for_a_day_that_is_not_one_is_422(client, world, day):
    client.force_login(world.personas.users["kasi"])
    response = client.get(f"{API}/team-week", {"day": day})
    assert response.status_code == 422, response.content
    assert response.json()["detail"][0]["loc"] == ["query", "day"]
