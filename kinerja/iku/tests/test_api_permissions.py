"""The organisation-performance API permission table: every operation, for every persona.

The plan of kinerja/iku/tests/view_data.py, built once for the module, with a submitted
realisation of quarter I and a verified one of quarter II (both with evidence) and a draft of
quarter IV. Anonymous callers get 401; another agency's objects are 404; a write the caller
may not make on an object they see is 403.
"""

from dataclasses import dataclass

import pytest

from kinerja.core.tests.permission_table import (
    ANONYMOUS,
    Row,
    ask,
    shared_data,
    table_cases,
)
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
        yield World(plan.personas, plan, submitted, verified, draft)


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
