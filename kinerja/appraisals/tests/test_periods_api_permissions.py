"""Who gets what from the API of the evaluation periods and settings: the permission table.

The same world and personas as the pages (see test_periods_permissions): today is 2 April 2026,
Q1 was opened on its last day and Q2's window starts on 31 May. The API answers 401 to an
anonymous caller, 403 to one of the agency whom the page refuses, 404 for a period of another
agency, and 202 when an opening is queued.
"""

import json
from types import SimpleNamespace

import pytest
from django.utils import translation

from kinerja.appraisals import tasks
from kinerja.appraisals.models import AppraisalSettings
from kinerja.appraisals.tests.permission_world import built_world
from kinerja.core.models import AuditEvent
from kinerja.core.tests.permission_table import Row, api_answers, ask
from kinerja.iku.models import Period

pytestmark = pytest.mark.django_db
API = "/api/v1/appraisals"
WINDOW = "The evaluation window of this period has not started yet."


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with built_world(django_db_blocker, tmp_path_factory) as data:
        yield data


@pytest.fixture
def queued(monkeypatch):
    """The openings queued, as (period id, user id, language), instead of running them."""
    calls = []
    queue = SimpleNamespace(enqueue=lambda *args: calls.append(args))
    monkeypatch.setattr(tasks, "open_period_evaluations", queue)
    return calls


def _q2(world) -> int:
    q1 = Period.objects.get(pk=world.q1)
    return Period.objects.get(performance_year=q1.performance_year, kind="quarter", number=2).pk


# kabid and kadinkes lead in the agency but hold no agency-wide role: the page refuses them too.
# outsider is BKPSDM of another agency: its own agency's list, never this agency's periods.
READERS = {"bkpsdm": 200, "pimpinan": 200, "auditor": 200, "kabid": 403, "kadinkes": 403}
PERIODS = Row(f"GET {API}/periods", api_answers(403, **READERS, outsider=200))
PERIOD = Row(
    f"GET {API}/periods/{{period_id}}",
    api_answers(403, **READERS, outsider=404),
    args=lambda w: {"period_id": w.q1},
)
OPEN = Row(
    f"POST {API}/periods/{{period_id}}/open",
    api_answers(403, bkpsdm=202, outsider=404, kabid=403, kadinkes=403),
    args=lambda w: {"period_id": w.q1},
)
OPEN_TOO_EARLY = Row(
    f"POST {API}/periods/{{period_id}}/open",
    api_answers(403, bkpsdm=400, outsider=404, kabid=403, kadinkes=403),
    args=lambda w: {"period_id": _q2(w)},
    label="before its window",
)
KEEPER = {"bkpsdm": 200, "outsider": 200, "kabid": 403, "kadinkes": 403}  # each its own agency
SETTINGS = Row(f"GET {API}/settings", api_answers(403, **KEEPER))
SETTINGS_PUT = Row(
    f"PUT {API}/settings", api_answers(403, **KEEPER), body={"distribution_base": "unit"}
)
SETTINGS_PATCH = Row(
    f"PATCH {API}/settings", api_answers(403, **KEEPER), body={"distribution_base": "unit"}
)
PERMISSION_ROWS = [PERIODS, PERIOD, OPEN, OPEN_TOO_EARLY, SETTINGS, SETTINGS_PUT, SETTINGS_PATCH]


# --- the periods -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "persona", "expected"),
    [(row, p, e) for row in (PERIODS, PERIOD, SETTINGS) for p, e in row.answers.items()],
    ids=lambda x: x.name if isinstance(x, Row) else str(x),
)
def test_reads_answer_each_role_as_the_pages_do(client, world, row, persona, expected):
    assert ask(client, world.personas, row, persona, world) == expected


def test_the_list_holds_the_agencys_periods_with_their_progress(client, world):
    client.force_login(world.personas.users["pimpinan"])
    body = client.get(f"{API}/periods").json()
    q1 = next(item for item in body["items"] if item["id"] == world.q1)
    assert body["count"] == len(body["items"]) == 5  # Q1-Q4 and the year, newest first
    assert body["items"][0]["is_annual"] and body["items"][-1]["id"] == world.q1
    assert q1["opened"] == 4 and q1["keberatan_open"] == 0
    assert q1["counts"] == {
        "open": 0,
        "rated": 1,
        "finalised": 1,
        "signed": 1,
        "acknowledged": 1,
        "completed": 0,
    }
    assert q1["rater_deadline"] == str(world.due.rater) and q1["may_open"] is False
    client.force_login(world.personas.users["outsider"])
    assert client.get(f"{API}/periods").json() == {"count": 0, "items": []}


def test_bkpsdm_may_open_a_period_once_its_window_has_started(client, world):
    client.force_login(world.personas.users["bkpsdm"])
    items = {item["id"]: item for item in client.get(f"{API}/periods").json()["items"]}
    assert items[world.q1]["may_open"] is True
    assert items[_q2(world)]["may_open"] is False
    assert items[_q2(world)]["window_start"] == "2026-05-31"


# --- opening a period --------------------------------------------------------------------------


@pytest.mark.parametrize(("persona", "expected"), OPEN.cases())
def test_only_bkpsdm_of_the_agency_opens_a_period(client, world, queued, persona, expected):
    assert ask(client, world.personas, OPEN, persona, world) == expected
    if expected == 202:
        assert queued == [(world.q1, world.personas.users[persona].pk, "id")]
    else:
        assert queued == []


@pytest.mark.parametrize(("persona", "expected"), OPEN_TOO_EARLY.cases())
def test_a_period_before_its_window_is_refused(client, world, queued, persona, expected):
    assert ask(client, world.personas, OPEN_TOO_EARLY, persona, world) == expected
    assert queued == []


def test_the_opening_answers_where_to_follow_it(client, world, queued):
    client.force_login(world.personas.users["bkpsdm"])
    response = client.post(f"{API}/periods/{world.q1}/open")
    assert response.status_code == 202
    body = response.json()
    assert response["Location"] == body["progress_url"] == f"{API}/periods/{world.q1}"
    assert body["period"]["id"] == world.q1 and body["period"]["opened"] == 4
    with translation.override("id"):
        assert body["detail"].startswith("Penilaian Triwulan I 2026 sedang dibuka")
    followed = client.get(body["progress_url"])
    assert followed.status_code == 200 and followed.json() == body["period"]


def test_the_queued_opening_runs_the_same_task_as_the_page(client, world):
    """With the immediate backend of the tests the task runs at once: the employees who came
    since are added, those opened stay as they were."""
    client.force_login(world.personas.users["bkpsdm"])
    before = client.get(f"{API}/periods/{world.q1}").json()
    assert client.post(f"{API}/periods/{world.q1}/open").status_code == 202
    assert client.get(f"{API}/periods/{world.q1}").json() == before


def test_the_refusal_names_the_period_in_the_callers_language(client, world, queued):
    client.force_login(world.personas.users["bkpsdm"])
    response = client.post(f"{API}/periods/{_q2(world)}/open")
    assert response.status_code == 400
    with translation.override("id"):
        expected = translation.gettext(WINDOW)
    assert expected != WINDOW
    assert response.json() == {"detail": {"period": [expected]}}
    client.cookies["django_language"] = "en"
    english = client.post(f"{API}/periods/{_q2(world)}/open").json()
    assert english == {
        "detail": {"period": ["The evaluation window of this period has not started yet."]}
    }


def test_a_refused_reader_is_told_why_in_the_callers_language(client, world):
    client.force_login(world.personas.users["kasi"])
    detail = client.get(f"{API}/periods").json()["detail"]
    assert detail == "Hanya BKPSDM, pimpinan, dan auditor yang dapat membaca periode penilaian."


# --- the settings ------------------------------------------------------------------------------


@pytest.mark.parametrize("row", [SETTINGS_PUT, SETTINGS_PATCH], ids=lambda row: row.name)
@pytest.mark.parametrize("persona", list(SETTINGS_PUT.answers), ids=lambda persona: str(persona))
def test_only_bkpsdm_changes_the_settings_of_its_own_agency(client, world, row, persona):
    AppraisalSettings.objects.all().delete()
    assert ask(client, world.personas, row, persona, world) == row.answers[persona]
    changed = set(AppraisalSettings.objects.values_list("agency_id", "distribution_base"))
    if persona == "bkpsdm":
        assert changed == {(world.personas.agency.pk, "unit")}
    elif persona == "outsider":
        assert changed == {(world.personas.other_agency.pk, "unit")}
    else:
        assert changed == set()


def test_a_change_of_the_settings_is_audited_and_answered(client, world):
    client.force_login(world.personas.users["bkpsdm"])
    assert client.get(f"{API}/settings").json() == {"distribution_base": "rater"}
    response = client.put(
        f"{API}/settings", json.dumps({"distribution_base": "unit"}), "application/json"
    )
    assert response.status_code == 200 and response.json() == {"distribution_base": "unit"}
    event = AuditEvent.objects.get(action="appraisals.settings.updated")
    assert (event.before, event.after) == (
        {"distribution_base": "rater"},
        {"distribution_base": "unit"},
    )
    assert event.actor == world.personas.users["bkpsdm"]
    unchanged = client.patch(f"{API}/settings", "{}", "application/json")
    assert unchanged.status_code == 200 and unchanged.json() == {"distribution_base": "unit"}
    assert AuditEvent.objects.filter(action="appraisals.settings.updated").count() == 1


@pytest.mark.parametrize("method", ["put", "patch"])
def test_a_wrong_choice_names_the_field(client, world, method):
    client.force_login(world.personas.users["bkpsdm"])
    call = getattr(client, method)
    response = call(f"{API}/settings", json.dumps({"distribution_base": "opd"}), "application/json")
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"][-1] == "distribution_base" and error["type"] == "enum"
    assert not AppraisalSettings.objects.filter(agency=world.personas.agency).exists()


def test_an_empty_change_still_needs_bkpsdm(client, world):
    client.force_login(world.personas.users["pimpinan"])
    response = client.patch(f"{API}/settings", "{}", "application/json")
    assert response.status_code == 403
    assert response.json()["detail"] == "Hanya BKPSDM yang mengelola pengaturan penilaian instansi."
