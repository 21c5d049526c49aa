"""The SKP cascade in the API: what the matrix, template and alignment operations answer, and
how they refuse bad input (400 naming the field in the caller's language, 422 for a malformed
value, never a 500). Who may call them is in test_api_permissions.py.

The plans of kinerja/skp/tests/factories.py chain_of_plans (kadinkes -> kabid -> kasi set, staf
a draft rated by kasi), one template of the staf's post, today in January.
"""

import datetime
import json
import uuid
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.core.tests.permission_table import shared_data
from kinerja.org.tests import factories as org_factories
from kinerja.org.tests.personas import build_personas
from kinerja.skp.models import Rhk, RhkIndicator, RhkSource
from kinerja.skp.services import templates as template_services
from kinerja.skp.tests.factories import YEAR, chain_of_plans
from kinerja.skp.tests.review_data import IN_JANUARY, freeze_today

pytestmark = pytest.mark.django_db

API = "/api/v1/skp"


@dataclass(repr=False)
class World:
    personas: object
    plan_pks: dict
    kasi_indicator_key: uuid.UUID


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch, shared_data(django_db_blocker, tmp_path_factory):
        freeze_today(patch, IN_JANUARY)
        personas = build_personas()
        plans = chain_of_plans(personas)
        template_services.rhk_template_save(
            actor=None,
            position=personas.positions["staf"],
            year=YEAR,
            text="Tersusunnya laporan bulanan",
            indicator_text="Laporan tepat waktu",
        )
        key = RhkIndicator.objects.filter(rhk__skp=plans["kasi"]).values_list("key", flat=True)
        pks = {name: plans[name].pk for name in ("kasi", "staf")}
        yield World(personas, pks, key.first())


def _send(client, world, persona, method, path, body):
    client.force_login(world.personas.users[persona])
    return client.generic(method, f"{API}{path}", json.dumps(body), "application/json")


def _cell(world, **overrides):
    cell = {
        "leader_indicator_key": str(world.kasi_indicator_key),
        "employee": world.personas.employees["staf"].pk,
        "role_text": "Menyusun laporan pembinaan",
    }
    return {**cell, **overrides}


def _save(client, world, *cells, **body):
    payload = {"year": YEAR, "cells": list(cells), **body}
    return _send(client, world, "kasi", "PUT", "/matrix", payload)


# --- the matrix -------------------------------------------------------------------------------


def test_the_leaders_matrix_has_their_indicators_across_and_their_people_down(client, world):
    client.force_login(world.personas.users["kasi"])
    body = client.get(f"{API}/matrix", {"year": YEAR}).json()
    assert body["leader"]["id"] == world.personas.employees["kasi"].pk
    assert body["leader_plan_id"] == world.plan_pks["kasi"]
    assert [c["indicator_key"] for c in body["columns"]] == [str(world.kasi_indicator_key)]
    assert [c["short_name"] for c in body["columns"]] == ["IKI 1.1"]
    staf = next(
        r for r in body["rows"] if r["employee"]["id"] == world.personas.employees["staf"].pk
    )
    assert staf["plan_id"] == world.plan_pks["staf"]
    assert staf["cells"] == [None]
    assert body["can_edit"] is True


def _matrix_queries(client):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"{API}/matrix", {"year": YEAR})
    assert response.status_code == 200
    return len(captured), len(response.json()["rows"])


def test_the_matrix_costs_the_same_queries_however_many_people_it_has(client, world):
    client.force_login(world.personas.users["kasi"])
    _matrix_queries(client)  # warm the session and the content types
    few, few_rows = _matrix_queries(client)
    kasi = world.personas.positions["kasi"]
    for n in range(5):
        post = org_factories.position(
            world.personas.agency, kasi.unit, f"PRIMER-P{n}", f"Pelaksana {n}", "pelaksana", kasi
        )
        org_factories.employee(
            world.personas.agency,
            f"Pegawai Uji {n}",
            position=post,
            start=datetime.date(2021, 1, 1),
            nip=org_factories.make_nip(datetime.date(1990, 1, 1), (2015, 1), "L", n + 100),
        )
    many, many_rows = _matrix_queries(client)
    assert many_rows == few_rows + 5
    assert many == few


def test_a_saved_role_becomes_an_rhk_of_the_persons_draft(client, world):
    response = _save(client, world, _cell(world))
    assert response.status_code == 200, response.content
    assert [c["plan_id"] for c in response.json()["created"]] == [world.plan_pks["staf"]]
    rhk = Rhk.objects.get(skp_id=world.plan_pks["staf"], source=RhkSource.MATRIX)
    assert rhk.text == "Menyusun laporan pembinaan"
    body = client.get(f"{API}/matrix", {"year": YEAR}).json()
    staf = next(
        r for r in body["rows"] if r["employee"]["id"] == world.personas.employees["staf"].pk
    )
    assert staf["cells"][0]["role_text"] == "Menyusun laporan pembinaan"


def test_a_cell_naming_another_column_or_person_is_refused_on_the_cells_field(client, world):
    response = _save(client, world, _cell(world, leader_indicator_key=str(uuid.uuid4())))
    assert response.status_code == 400
    assert response.json()["detail"] == {
        "cells": ["Ada sel yang menyebutkan indikator yang tidak terdapat dalam SKP pimpinan."]
    }
    response = _save(client, world, _cell(world, employee=world.personas.employees["dokter"].pk))
    assert response.status_code == 400
    assert list(response.json()["detail"]) == ["cells"]
    assert not Rhk.objects.filter(skp_id=world.plan_pks["staf"], source=RhkSource.MATRIX).exists()


def test_a_role_in_a_no_role_cell_is_refused_naming_the_cell(client, world):
    response = _save(client, world, _cell(world, no_role=True))
    assert response.status_code == 400
    (message,) = response.json()["detail"]["cells"]
    assert str(world.personas.employees["staf"]) in message and "IKI 1.1" in message
    assert not Rhk.objects.filter(skp_id=world.plan_pks["staf"], source=RhkSource.MATRIX).exists()
    assert _save(client, world, _cell(world, no_role=True, role_text="")).status_code == 200


@pytest.mark.parametrize(
    "change",
    [
        {"leader_indicator_key": "not-a-key"},
        {"kind": "pokok"},
        {"role_text": "x" * 5001},
        {"no_role": "yes"},
        {"employee": 0},
    ],
)
def test_a_malformed_cell_is_422(client, world, change):
    assert _save(client, world, _cell(world, **change)).status_code == 422


def test_a_malformed_matrix_body_is_422(client, world):
    assert _save(client, world, _cell(world), levels=3).status_code == 422
    assert _send(client, world, "kasi", "PUT", "/matrix", {"year": YEAR}).status_code == 422


def test_a_leader_without_a_plan_is_told_to_start_it(client, world):
    response = _send(client, world, "dokter", "PUT", "/matrix", {"year": YEAR, "cells": []})
    assert response.status_code == 400
    assert "__all__" in response.json()["detail"]


def _team(world, **fields):
    team = {"year": YEAR, "name": "Tim pembinaan", "team_leader": _pk(world, "staf")}
    return {**team, **fields}


def _pk(world, key):
    return world.personas.employees[key].pk


def test_a_work_team_is_formed_renamed_and_dissolved(client, world):
    response = _send(client, world, "kasi", "POST", "/matrix/teams", _team(world))
    assert response.status_code == 200, response.content
    team = response.json()
    assert (team["team_leader_id"], team["member_ids"]) == (_pk(world, "staf"), [])
    path = f"/matrix/teams/{team['id']}"
    renamed = _send(client, world, "kasi", "PUT", path, _team(world, name="Tim laporan"))
    assert renamed.json()["name"] == "Tim laporan"
    matrix = client.get(f"{API}/matrix", {"year": YEAR}).json()
    assert [t["name"] for t in matrix["teams"]] == ["Tim laporan"]
    assert _send(client, world, "kasi", "DELETE", path, {}).status_code == 200
    assert client.get(f"{API}/matrix", {"year": YEAR}).json()["teams"] == []


def test_a_team_of_people_outside_the_leaders_subtree_is_refused_on_its_fields(client, world):
    outside = _team(world, team_leader=_pk(world, "dokter"))
    response = _send(client, world, "kasi", "POST", "/matrix/teams", outside)
    assert response.status_code == 400
    assert response.json()["detail"] == {
        "team_leader": ["Pilih ketua tim dari antara bawahan Anda."]
    }
    nobody = _team(world, members=[999999])
    response = _send(client, world, "kasi", "POST", "/matrix/teams", nobody)
    assert response.status_code == 400
    assert response.json()["detail"] == {"members": ["Pilih anggota dari antara bawahan Anda."]}


@pytest.mark.parametrize("fields", [{"name": ""}, {"members": [0]}, {"team_leader": "staf"}])
def test_a_malformed_team_is_422(client, world, fields):
    body = _team(world, **fields)
    assert _send(client, world, "kasi", "POST", "/matrix/teams", body).status_code == 422


# --- templates --------------------------------------------------------------------------------


def _template_body(world, **fields):
    post = {"position": world.personas.positions["staf"].pk, "year": YEAR}
    return {**post, "text": "Tersusunnya rekap", "indicator_text": "Rekap lengkap", **fields}


def test_templates_are_listed_created_and_applied(client, world):
    response = _send(client, world, "staf", "POST", "/templates", _template_body(world))
    assert response.status_code == 200, response.content
    assert response.json()["kind"] == "utama"
    listed = client.get(
        f"{API}/templates", {"position": world.personas.positions["staf"].pk, "year": YEAR}
    ).json()
    assert listed["count"] == 2
    post = {"position": world.personas.positions["staf"].pk, "year": YEAR}
    applied = _send(client, world, "staf", "POST", "/templates/apply", post).json()
    assert applied["holders"] == 1
    assert applied["rhk_created"] == 2
    assert [c["plan_id"] for c in applied["plans_changed"]] == [world.plan_pks["staf"]]


def test_a_template_link_not_on_offer_is_refused_on_its_field(client, world):
    body = _template_body(world, intervened_rhk_key=str(uuid.uuid4()))
    response = _send(client, world, "staf", "POST", "/templates", body)
    assert response.status_code == 400
    assert response.json()["detail"] == {"intervened_rhk_key": ["Pilih RHK pimpinan."]}
    body = _template_body(world, iku_indicator=999999)
    response = _send(client, world, "staf", "POST", "/templates", body)
    assert response.status_code == 400
    assert list(response.json()["detail"]) == ["iku_indicator"]


@pytest.mark.parametrize(
    "fields",
    [{"text": ""}, {"target_value": "banyak"}, {"aspect": "mutu"}, {"year": 1999}],
)
def test_a_malformed_template_is_422(client, world, fields):
    body = _template_body(world, **fields)
    assert _send(client, world, "staf", "POST", "/templates", body).status_code == 422


def test_applying_a_post_without_templates_says_so(client, world):
    post = {"position": world.personas.positions["dokter"].pk, "year": YEAR}
    response = _send(client, world, "bkpsdm", "POST", "/templates/apply", post)
    assert response.status_code == 400
    assert response.json()["detail"] == {
        "__all__": ["Jabatan ini tidak memiliki templat untuk tahun ini."]
    }


# --- alignment --------------------------------------------------------------------------------


def test_the_alignment_lists_the_employees_without_a_set_plan(client, world):
    client.force_login(world.personas.users["bkpsdm"])
    body = client.get(f"{API}/alignment", {"year": YEAR, "show": "employees"}).json()
    assert body["unit"] is None
    section = body["sections"]["employees"]
    assert section["showing_all"] is True
    staf = world.personas.employees["staf"].pk
    assert staf in [row["employee"]["id"] for row in section["rows"]]
    assert body["totals"]["employees"] == section["total"]


def test_a_unit_admin_reads_the_alignment_of_their_unit_by_default(client, world):
    client.force_login(world.personas.users["staf"])
    body = client.get(f"{API}/alignment", {"year": YEAR}).json()
    assert body["unit"]["id"] == world.personas.units["dinkes"].pk


@pytest.mark.parametrize(
    "params", [{"year": YEAR, "show": "everything"}, {"year": YEAR, "page": 0}, {}]
)
def test_malformed_alignment_filters_are_422(client, world, params):
    client.force_login(world.personas.users["bkpsdm"])
    assert client.get(f"{API}/alignment", params).status_code == 422
