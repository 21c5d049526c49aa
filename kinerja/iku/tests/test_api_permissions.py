"""The organisation-performance API permission table: every operation, for every persona.

The plan of kinerja/iku/tests/view_data.py, built once for the module, with a submitted
realisation of quarter I and a verified one of quarter II (both with evidence) and a draft of
quarter IV; the predikat of the Bidang Yankes for quarter II waits for the kadinkes (its
next-higher leader); a day off in May. Anonymous callers get 401; another agency's objects
are 404; a write the caller may not make on an object they see is 403.
"""

import datetime
import json
from dataclasses import dataclass

import pytest

from kinerja.core.tests.permission_table import (
    ANONYMOUS,
    Row,
    ask,
    shared_data,
    table_cases,
)
from kinerja.iku.models import OrgPredikatDecision
from kinerja.iku.services import calendar as calendar_services
from kinerja.iku.services import realisation as realisation_services
from kinerja.iku.tests import view_data
from kinerja.org.tests.personas import build_personas

pytestmark = pytest.mark.django_db

ROLES = [
    ANONYMOUS,
    "dokter",  # pegawai of the Puskesmas
    "kasi",  # head of the Seksi Primer, under the indicator's Bidang Yankes
    "staf",  # staff of the Seksi Primer; admin of Dinas Kesehatan
    "kabid",  # head of the Bidang Yankes, which owns the indicator
    "kadinkes",  # head of Dinas Kesehatan
    "admin_opd",  # admin of Dinas Kesehatan, without a position
    "bkpsdm",
    "pimpinan",
    "auditor",
    "perencana",  # staff of Bappeda, the planning unit
    "outsider",  # BKPSDM admin of another agency
]
API = "/api/v1/iku"


@dataclass(repr=False)
class World:
    personas: object
    plan: object
    submitted: object
    verified: object
    draft: object
    decision: object
    day_off: object


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with shared_data(django_db_blocker, tmp_path_factory):
        plan = view_data.build_plan(build_personas())
        submitted = view_data.submitted(plan.indicator, plan.quarters[0], 20, evidence=True)
        verified = view_data.verified(plan.indicator, plan.quarters[1], 24, evidence=True)
        draft = realisation_services.realisation_enter(
            actor=None, indicator=plan.indicator, period=plan.quarters[3], value=30
        )
        view_data.recompute(plan)
        decision = OrgPredikatDecision.objects.get(
            unit=plan.personas.units["yankes"], period=plan.quarters[1]
        )
        day_off = calendar_services.non_working_day_add(
            actor=None,
            agency=plan.personas.agency,
            date=datetime.date(2025, 5, 2),
            name="Hari jadi kabupaten",
        )
        yield World(plan.personas, plan, submitted, verified, draft, decision, day_off)


def _table(default, **overrides):
    base = dict.fromkeys(ROLES, default)
    base[ANONYMOUS] = 401
    base["outsider"] = 404
    base.update(overrides)
    return base


def _allowed(people, answer, **overrides):
    return _table(403, **dict.fromkeys(people, answer), **overrides)


# The indicator's realisations are entered by its unit's staff, heads and admins ...
ENTERERS = ("kasi", "staf", "kabid", "kadinkes", "admin_opd")
# ... and verified or returned by the head of its unit or of a unit above.
HEADS = ("kabid", "kadinkes")
# The performance overseers read the working-day calendar; BKPSDM keeps it.
OVERSEERS = ("bkpsdm", "pimpinan", "auditor", "perencana")


def _indicator(world):
    return {"indicator_id": world.plan.indicator.pk}


def _realisation(name):
    return lambda world: {"realisation_id": getattr(world, name).pk}


PERMISSION_ROWS = [
    # Lists are scoped to the caller's agency: the outsider gets their own (empty) lists.
    Row(f"GET {API}/years", _table(200, outsider=200)),
    Row(f"GET {API}/goals", _table(200, outsider=200)),
    Row(
        f"GET {API}/goals/{{goal_id}}",
        _table(200),
        args=lambda world: {"goal_id": world.plan.yankes_goal.pk},
    ),
    Row(f"GET {API}/indicators", _table(200, outsider=200)),
    Row(f"GET {API}/indicators/{{indicator_id}}", _table(200), args=_indicator),
    Row(f"GET {API}/indicators/{{indicator_id}}/realisations", _table(200), args=_indicator),
    # The year 2025 is not one of the outsider's agency: a bad filter value.
    Row(f"GET {API}/results/units", _table(200, outsider=400), query={"year": 2025}),
    Row(
        f"POST {API}/indicators/{{indicator_id}}/realisations",
        _allowed(ENTERERS, 200),
        args=_indicator,
        body=lambda world: {"period": world.plan.quarters[2].pk, "value": "21"},
        label="quarter III",
    ),
    # A draft is seen only by the unit and the overseers: hidden from the dokter.
    Row(
        f"POST {API}/realisations/{{realisation_id}}/submit",
        _allowed(ENTERERS, 200, dokter=404),
        args=_realisation("draft"),
        label="the draft",
    ),
    Row(
        f"POST {API}/realisations/{{realisation_id}}/verify",
        _allowed(HEADS, 200, dokter=404),
        args=_realisation("submitted"),
    ),
    Row(
        f"POST {API}/realisations/{{realisation_id}}/return",
        _allowed(HEADS, 200, dokter=404),
        args=_realisation("submitted"),
        body={"comment": "Lampirkan laporan puskesmas"},
    ),
    # Everyone has the list of the decisions waiting for them (mostly none), as on the page.
    Row(f"GET {API}/predikat-decisions", _table(200, outsider=200)),
    Row(f"GET {API}/predikat-decisions", _table(200, outsider=200), query={"decided": "true"}),
    # Only the next-higher leader decides; for anyone else the decision is not theirs to find.
    Row(
        f"POST {API}/predikat-decisions/{{decision_id}}/decide",
        _table(404, kadinkes=200),
        args=lambda world: {"decision_id": world.decision.pk},
        body=lambda world: {"predikat": world.decision.proposed},
        label="confirm the proposal",
    ),
    # A proposal not waiting for the caller is a bad choice, as in the page's form.
    Row(
        f"POST {API}/predikat-decisions/confirm",
        _table(400, kadinkes=200, outsider=400),
        body=lambda world: {"decisions": [world.decision.pk]},
    ),
    # The outsider is the BKPSDM admin of their own agency: their calendar.
    Row(f"GET {API}/calendar", _allowed(OVERSEERS, 200, outsider=200), query={"year": 2025}),
    Row(
        f"POST {API}/calendar/days",
        _allowed(("bkpsdm",), 200, outsider=200),
        body={"date": "2025-06-02", "name": "Cuti bersama"},
    ),
    Row(
        f"DELETE {API}/calendar/days/{{day_id}}",
        _allowed(("bkpsdm",), 200),
        args=lambda world: {"day_id": world.day_off.pk},
    ),
]


@pytest.mark.parametrize(("row", "persona", "expected"), table_cases(PERMISSION_ROWS))
def test_permission_table(client, world, row, persona, expected):
    answer = ask(client, world.personas, row, persona, world)
    assert answer == expected


def test_the_realisation_list_shows_evidence_only_to_who_may_open_it(client, world):
    client.force_login(world.personas.users["dokter"])
    response = client.get(f"{API}/indicators/{world.plan.indicator.pk}/realisations")
    assert response.status_code == 200
    items = {item["id"]: item for item in response.json()["items"]}
    assert world.verified.pk in items  # a verified figure is open to the agency ...
    assert items[world.verified.pk]["evidence"] == []  # ... its evidence files are not


def test_the_unit_sees_the_evidence_in_the_realisation_list(client, world):
    client.force_login(world.personas.users["staf"])
    response = client.get(f"{API}/indicators/{world.plan.indicator.pk}/realisations")
    items = {item["id"]: item for item in response.json()["items"]}
    assert [e["original_name"] for e in items[world.verified.pk]["evidence"]] == ["bukti.pdf"]


def _post(client, world, persona, path, body):
    client.force_login(world.personas.users[persona])
    return client.post(f"{API}{path}", json.dumps(body), content_type="application/json")


def test_another_predikat_without_a_reason_is_refused_on_the_reason_field(client, world):
    path = f"/predikat-decisions/{world.decision.pk}/decide"
    other = "ISTIMEWA" if world.decision.proposed != "ISTIMEWA" else "BAIK"
    response = _post(client, world, "kadinkes", path, {"predikat": other})
    assert response.status_code == 400
    assert response.json()["detail"]["reason"] == [
        "Sebutkan alasan jika predikat yang ditetapkan berbeda dari predikat usulan."
    ]
    early = {"predikat": world.decision.proposed, "issued_on": "2024-12-31"}
    response = _post(client, world, "kadinkes", path, early)
    assert response.status_code == 400
    assert list(response.json()["detail"]) == ["issued_on"]
    for bad in ({"predikat": "LUAR_BIASA"}, {"predikat": "BAIK", "issued_on": "2025-02-30"}, []):
        assert _post(client, world, "kadinkes", path, bad).status_code == 422


def test_a_decided_predikat_is_final(client, world):
    path = f"/predikat-decisions/{world.decision.pk}/decide"
    body = {"predikat": world.decision.proposed}
    assert _post(client, world, "kadinkes", path, body).status_code == 200
    response = _post(client, world, "kadinkes", path, body)
    assert response.status_code == 409
    listed = client.get(f"{API}/predikat-decisions", {"decided": "true"}).json()
    assert [item["id"] for item in listed["items"]] == [world.decision.pk]
    assert listed["items"][0]["status"] == "confirmed"


def test_confirming_proposals_names_the_field_when_one_is_not_waiting(client, world):
    response = _post(client, world, "kadinkes", "/predikat-decisions/confirm", {"decisions": []})
    assert response.status_code == 422
    body = {"decisions": [world.decision.pk, 999999]}
    response = _post(client, world, "kadinkes", "/predikat-decisions/confirm", body)
    assert response.status_code == 400
    assert list(response.json()["detail"]) == ["decisions"]
    world.decision.refresh_from_db()
    assert not world.decision.is_decided


def test_the_calendar_lists_the_days_off_and_the_working_days_per_period(client, world):
    client.force_login(world.personas.users["bkpsdm"])
    body = client.get(f"{API}/calendar", {"year": 2025}).json()
    assert [d["date"] for d in body["days"]] == ["2025-05-02"]
    assert body["can_edit"] is True
    quarter_two = next(p for p in body["periods"] if p["period"]["id"] == world.plan.quarters[1].pk)
    assert quarter_two["working_days"] == 64  # 65 weekdays from April to June, less 2 May
    assert client.get(f"{API}/calendar").status_code == 422


def test_a_day_already_off_and_bad_days_are_refused_with_the_field_named(client, world):
    taken = {"date": "2025-05-02", "name": "Lagi"}
    response = _post(client, world, "bkpsdm", "/calendar/days", taken)
    assert response.status_code == 400
    assert response.json()["detail"]["date"] == ["02-05-2025 sudah tercatat sebagai hari libur."]
    for bad in (
        {"date": "2025-02-30", "name": "X"},
        {"date": "2025-06-02", "name": ""},
        {"date": "2025-06-02", "name": "X", "kind": "weekend"},
        {"date": "2025-06-02", "name": "X" * 201},
    ):
        assert _post(client, world, "bkpsdm", "/calendar/days", bad).status_code == 422, bad
