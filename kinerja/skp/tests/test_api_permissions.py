"""The SKP API permission table: every operation, for every persona, with the answer it gets.

The plans (kinerja/skp/tests/factories.py chain_of_plans): kadinkes -> kabid -> kasi set, staf
a draft rated by kasi (rater's superior kabid). Today is in January, before the deadline, so
only the rater decides. dokter works beside them and sees none of these plans; staf administers
Dinas Kesehatan and sees them all; bkpsdm, pimpinan and auditor read the whole agency;
outsider belongs to another agency; None is anonymous.
"""

import datetime
from dataclasses import dataclass

import pytest

from kinerja.core.tests.permission_table import (
    ANONYMOUS,
    Row,
    api_answers,
    ask,
    shared_data,
    table_cases,
)
from kinerja.org.tests.personas import build_personas
from kinerja.skp import services
from kinerja.skp.models import Rhk, RhkIndicator, Skp
from kinerja.skp.services import matrix as matrix_services
from kinerja.skp.services import templates as template_services
from kinerja.skp.tests.factories import YEAR, action_period, chain_of_plans
from kinerja.skp.tests.review_data import IN_JANUARY, freeze_today, submit

pytestmark = pytest.mark.django_db

PERSONAS = [
    ANONYMOUS,
    "dokter",
    "staf",
    "kasi",
    "kabid",
    "kadinkes",
    "bkpsdm",
    "pimpinan",
    "auditor",
    "outsider",
]


@dataclass(repr=False)
class World:
    personas: object
    plan_pks: dict
    exemption_pk: int
    template_pk: int
    team_pk: int

    def plan(self, key) -> Skp:
        """A fresh copy: each test is rolled back, a copy kept in memory would not be."""
        return Skp.objects.get(pk=self.plan_pks[key])


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch, shared_data(django_db_blocker, tmp_path_factory):
        freeze_today(patch, IN_JANUARY)
        personas = build_personas()
        plans = chain_of_plans(personas)
        exemption = services.exemption_record(
            actor=None,
            employee=personas.employees["dokter"],
            reason="mpp",
            start_date=datetime.date(YEAR, 1, 2),
            end_date=datetime.date(YEAR, 6, 30),
        )
        pks = {key: plans[key].pk for key in ("kadinkes", "kabid", "kasi", "staf")}
        template = template_services.rhk_template_save(
            actor=None,
            position=personas.positions["staf"],
            year=YEAR,
            text="Tersusunnya laporan bulanan",
            indicator_text="Laporan tepat waktu",
        )
        team = matrix_services.work_team_create(
            actor=None,
            leader=personas.employees["kasi"],
            year=YEAR,
            name="Tim laporan",
            team_leader=personas.employees["staf"],
        )
        action_period(plans["staf"])  # opens the year with its quarters
        yield World(personas, pks, exemption.pk, template.pk, team.pk)


def _answers(ok: set, *, hidden=frozenset({"dokter", "outsider"}), code=200):
    """The answer of each persona: 401 anonymous, 404 outside the scope, `code` when allowed."""
    table = {}
    for persona in PERSONAS:
        if persona == ANONYMOUS:
            table[persona] = 401
        elif persona in hidden:
            table[persona] = 404
        else:
            table[persona] = code if persona in ok else 403
    return table


EDITORS = {"staf", "kasi"}  # the owner and the rater of staf's draft
READERS = {"staf", "kasi", "kabid", "kadinkes", "bkpsdm", "pimpinan", "auditor"}


def _plan(key):
    return lambda world: {"skp_id": world.plan_pks[key]}


def _staf_rhk(world):
    return Rhk.objects.get(skp_id=world.plan_pks["staf"])


def _rhk(world):
    return {"rhk_id": _staf_rhk(world).pk}


def _indicator(world):
    return {"indicator_id": RhkIndicator.objects.get(rhk=_staf_rhk(world)).pk}


# Writes on staf's draft, each with a body it accepts.
EDIT_ROWS = [
    Row("PATCH /api/v1/skp/plans/{skp_id}", {}, args=_plan("staf"), body={"consequences": "X"}),
    Row(
        "POST /api/v1/skp/plans/{skp_id}/rhks",
        {},
        args=_plan("staf"),
        body={"text": "Baru", "kind": "tambahan"},
    ),
    Row("PATCH /api/v1/skp/rhks/{rhk_id}", {}, args=_rhk, body={"text": "Diubah"}),
    Row("DELETE /api/v1/skp/rhks/{rhk_id}", {}, args=_rhk),
    Row(
        "POST /api/v1/skp/rhks/{rhk_id}/indicators",
        {},
        args=_rhk,
        body={"text": "Waktu", "aspect": "waktu", "target_value": "12", "unit_of_measure": "bulan"},
    ),
    Row(
        "PATCH /api/v1/skp/indicators/{indicator_id}",
        {},
        args=_indicator,
        body={"target_value": "10"},
    ),
    Row("DELETE /api/v1/skp/indicators/{indicator_id}", {}, args=_indicator),
    Row(
        "PUT /api/v1/skp/rhks/{rhk_id}/action-plans/{period_id}",
        {},
        args=lambda world: {**_rhk(world), "period_id": action_period(world.plan("staf")).pk},
        body={"text": "Menyusun"},
    ),
    Row(
        "PUT /api/v1/skp/plans/{skp_id}/behaviours/{value}",
        {},
        args=lambda world: {"skp_id": world.plan_pks["staf"], "value": "akuntabel"},
        body={"special_expectation": "x"},
    ),
    Row("POST /api/v1/skp/plans/{skp_id}/dialogue", {}, args=_plan("staf"), body={"note": "Mulai"}),
]
EDIT_ROWS = [
    Row(r.route, _answers(EDITORS), args=r.args, body=r.body, label="staf's draft")
    for r in EDIT_ROWS
]
SUBMIT = Row("POST /api/v1/skp/plans/{skp_id}/submit", _answers({"staf"}), args=_plan("staf"))
SET = Row("POST /api/v1/skp/plans/{skp_id}/set", _answers({"kasi"}), args=_plan("staf"))
RETURN = Row(
    "POST /api/v1/skp/plans/{skp_id}/return",
    _answers({"kasi"}),
    args=_plan("staf"),
    body={"comment": "Perbaiki"},
)
COMMENT = Row(
    "POST /api/v1/skp/plans/{skp_id}/comments",
    _answers({"staf", "kasi", "kabid", "kadinkes"}),
    args=_plan("staf"),
    body={"text": "Catatan"},
)
# kasi's set plan: the owner, the rater (kabid) and BKPSDM may open a new version.
REVISE = Row(
    "POST /api/v1/skp/plans/{skp_id}/revise",
    _answers({"kasi", "kabid", "bkpsdm"}),
    args=_plan("kasi"),
    body={"kind": "new_assignment", "reason": "Tugas baru dari kepala bidang"},
    label="kasi's set plan",
)
RESTART = Row(
    "POST /api/v1/skp/plans/{skp_id}/restart",
    _answers({"staf", "kasi", "bkpsdm"}),
    args=_plan("staf"),
    body={
        "kind": "rater_change",
        "reason": "Pejabat penilai berganti",
        "effective_date": "2026-03-01",
    },
)
READ_ROWS = [
    Row("GET /api/v1/skp/plans/{skp_id}", _answers(READERS), args=_plan("staf")),
    Row("GET /api/v1/skp/plans/{skp_id}/versions", _answers(READERS), args=_plan("staf")),
    Row("GET /api/v1/skp/plans", api_answers(200, kabid=200, kadinkes=200)),
]
# Everyone with an employee record starts their own plan; the pimpinan login has none.
CREATE = Row(
    "POST /api/v1/skp/plans",
    api_answers(200, kabid=200, kadinkes=200, pimpinan=400),
    body={"year": 2027},
)
# The diff of kasi's revised plan (the revision is made in the test).
DIFF = Row(
    "GET /api/v1/skp/plans/{skp_id}/diff",
    _answers(READERS),
    args=lambda revision_pk: {"skp_id": revision_pk},
    label="kasi's revision",
)

# Exemptions (the dokter is on pre-retirement leave): readers are the whole-agency roles and
# the unit admins; BKPSDM and the admin of the dokter's unit change them. Refusals are 403
# before any record is looked up; the outsider may use the feature, in their own agency.
EXEMPTION_READERS = api_answers(
    403, staf=200, bkpsdm=200, pimpinan=200, auditor=200, outsider=200, kabid=403, kadinkes=403
)
EXEMPTION_CHANGERS = api_answers(403, staf=200, bkpsdm=200, outsider=404, kabid=403, kadinkes=403)


def _exemption(world):
    return {"exemption_id": world.exemption_pk}


EXEMPTION_ROWS = [
    Row("GET /api/v1/skp/exemptions", EXEMPTION_READERS),
    Row(
        "POST /api/v1/skp/exemptions",
        {**EXEMPTION_CHANGERS, "outsider": 400},  # our employee is not of their agency
        body=lambda world: {
            "employee": world.personas.employees["kasi"].pk,
            "reason": "cltn",
            "start_date": f"{YEAR}-03-01",
        },
        label="for the kasi",
    ),
    Row(
        "PATCH /api/v1/skp/exemptions/{exemption_id}",
        EXEMPTION_CHANGERS,
        args=_exemption,
        body={"note": "SK diterima"},
        label="the dokter's",
    ),
    Row(
        "DELETE /api/v1/skp/exemptions/{exemption_id}",
        EXEMPTION_CHANGERS,
        args=_exemption,
        label="the dokter's",
    ),
]


# The matriks peran hasil: everyone with an employee record reads their own (the pimpinan
# login has none); the whole-agency roles read the kasi's; the kasi and BKPSDM save it. The
# dokter does not see the kasi at all.
def _kasi(world):
    return world.personas.employees["kasi"].pk


def _kasi_cell(world):
    indicator = RhkIndicator.objects.filter(rhk__skp_id=world.plan_pks["kasi"]).first()
    return {
        "employee": _kasi(world),
        "year": YEAR,
        "cells": [
            {
                "leader_indicator_key": str(indicator.key),
                "employee": world.personas.employees["staf"].pk,
                "role_text": "Menyusun laporan pembinaan",
            }
        ],
    }


MATRIX_ROWS = [
    Row(
        "GET /api/v1/skp/matrix",
        api_answers(200, kabid=200, kadinkes=200, pimpinan=403),
        query={"year": YEAR},
        label="own",
    ),
    Row(
        "GET /api/v1/skp/matrix",
        _answers({"kasi", "bkpsdm", "pimpinan", "auditor"}),
        query=lambda world: {"year": YEAR, "employee": _kasi(world)},
        label="the kasi's",
    ),
    Row("PUT /api/v1/skp/matrix", _answers({"kasi", "bkpsdm"}), body=_kasi_cell),
    Row(
        "POST /api/v1/skp/matrix/teams",
        _answers({"kasi", "bkpsdm"}),
        body=lambda world: {
            "employee": _kasi(world),
            "year": YEAR,
            "name": "Tim pembinaan",
            "team_leader": world.personas.employees["staf"].pk,
        },
    ),
    Row(
        "PUT /api/v1/skp/matrix/teams/{team_id}",
        _answers({"kasi", "bkpsdm"}),
        args=lambda world: {"team_id": world.team_pk},
        body=lambda world: {
            "name": "Tim pembinaan puskesmas",
            "team_leader": world.personas.employees["staf"].pk,
        },
    ),
    Row(
        "DELETE /api/v1/skp/matrix/teams/{team_id}",
        _answers({"kasi", "bkpsdm"}),
        args=lambda world: {"team_id": world.team_pk},
    ),
]

# RHK templates of the staf's post: the admin of Dinas Kesehatan and BKPSDM manage them; the
# outsider finds no such post.
TEMPLATE_MANAGERS = _answers({"staf", "bkpsdm"}, hidden=frozenset({"outsider"}))


def _staf_post(world):
    return {"position": world.personas.positions["staf"].pk, "year": YEAR}


def _template(world):
    return {"template_id": world.template_pk}


TEMPLATE_ROWS = [
    Row("GET /api/v1/skp/templates", TEMPLATE_MANAGERS, query=_staf_post),
    Row(
        "POST /api/v1/skp/templates",
        TEMPLATE_MANAGERS,
        body=lambda world: {**_staf_post(world), "text": "Baru", "indicator_text": "Tepat"},
    ),
    Row(
        "PATCH /api/v1/skp/templates/{template_id}",
        TEMPLATE_MANAGERS,
        args=_template,
        body={"target_text": "12 laporan"},
    ),
    Row("DELETE /api/v1/skp/templates/{template_id}", TEMPLATE_MANAGERS, args=_template),
    Row("POST /api/v1/skp/templates/apply", TEMPLATE_MANAGERS, body=_staf_post),
]

# Alignment: the overseers read the agency (the outsider theirs), unit admins and leaders
# their units (by default the first); a pegawai without subordinates nothing.
ALIGNMENT_ROWS = [
    Row(
        "GET /api/v1/skp/alignment",
        api_answers(200, dokter=403, kabid=200, kadinkes=200),
        query={"year": YEAR},
        label="default scope",
    ),
    Row(
        "GET /api/v1/skp/alignment",
        _answers(
            {"staf", "kadinkes", "bkpsdm", "pimpinan", "auditor"},
            hidden=frozenset({"outsider"}),
        ),
        query=lambda world: {"year": YEAR, "unit": world.personas.units["dinkes"].pk},
        label="Dinas Kesehatan",
    ),
]
CASCADE_ROWS = [*MATRIX_ROWS, *TEMPLATE_ROWS, *ALIGNMENT_ROWS]

PERMISSION_ROWS = [
    *CASCADE_ROWS,
    *EDIT_ROWS,
    SUBMIT,
    SET,
    RETURN,
    COMMENT,
    REVISE,
    RESTART,
    *READ_ROWS,
    CREATE,
    DIFF,
    *EXEMPTION_ROWS,
]


@pytest.mark.parametrize(
    ("row", "persona", "expected"),
    table_cases([*EDIT_ROWS, COMMENT, REVISE, RESTART, *READ_ROWS, *EXEMPTION_ROWS, *CASCADE_ROWS]),
)
def test_permission_table(client, world, row, persona, expected):
    answer = ask(client, world.personas, row, persona, world)
    assert answer == expected


@pytest.mark.parametrize(("persona", "expected"), SUBMIT.cases())
def test_only_the_owner_submits(client, world, persona, expected):
    services.skp_start_dialogue(actor=None, skp=world.plan("staf"))
    answer = ask(client, world.personas, SUBMIT, persona, world)
    assert answer == expected


@pytest.mark.parametrize(("persona", "expected"), SET.cases())
def test_only_the_rater_sets_before_the_deadline(client, world, persona, expected):
    submit(world.plan("staf"))
    answer = ask(client, world.personas, SET, persona, world)
    assert answer == expected


@pytest.mark.parametrize(("persona", "expected"), RETURN.cases())
def test_only_the_rater_returns_before_the_deadline(client, world, persona, expected):
    submit(world.plan("staf"))
    answer = ask(client, world.personas, RETURN, persona, world)
    assert answer == expected


@pytest.mark.parametrize(("persona", "expected"), DIFF.cases())
def test_who_compares_two_versions_of_a_plan(client, world, persona, expected):
    revision = services.skp_revise(
        actor=None, skp=world.plan("kasi"), kind="new_assignment", reason="Tugas baru"
    )
    answer = ask(client, world.personas, DIFF, persona, revision.pk)
    assert answer == expected


@pytest.mark.parametrize(("persona", "expected"), CREATE.cases())
def test_everyone_with_an_employee_record_starts_their_own_plan(client, world, persona, expected):
    answer = ask(client, world.personas, CREATE, persona, world)
    assert answer == expected
    if expected == 200:
        mine = Skp.objects.filter(year=2027, employee=world.personas.employees[persona])
        assert mine.exists()
