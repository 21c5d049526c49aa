"""Who may follow a plan up during the year: take over an employee's RHK (Ps 20) and withdraw
a takeover, on the pages and in the API, and add the main result of a Plt./Plh. post to the
plan (Lampiran p.50). The staf's plan is set, rated by the kasi (whose superior is the kabid),
and a new version is being drafted; staf holds a Plt. post since March and administers the
Dinas; dokter works beside them and sees none of these plans. Today is in June, while the plan
is in force.
"""

import datetime
from dataclasses import dataclass

import pytest

from kinerja.core.tests.permission_table import (
    ANONYMOUS,
    LOGIN,
    Row,
    ask,
    shared_data,
    table_cases,
)
from kinerja.org.models import AssignmentKind
from kinerja.org.services import assignment_start
from kinerja.org.tests import factories as f
from kinerja.org.tests.personas import build_personas
from kinerja.skp import services
from kinerja.skp.models import Rhk
from kinerja.skp.tests.factories import YEAR, add_result, chain_of_plans, set_plan
from kinerja.skp.tests.review_data import freeze_today

pytestmark = pytest.mark.django_db

IN_JUNE = datetime.date(YEAR, 6, 15)
PERSONAS = [
    ANONYMOUS,
    "dokter",
    "staf",
    "kasi",
    "kabid",
    "bkpsdm",
    "pimpinan",
    "auditor",
    "outsider",
]


@dataclass(repr=False)
class World:
    personas: object
    skp_pk: int
    rhk_pk: int
    other_rhk_pk: int
    takeover_pk: int
    draft_pk: int
    acting_pk: int


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with shared_data(django_db_blocker, tmp_path_factory):
        personas = build_personas()
        plans = chain_of_plans(personas)
        staf = set_plan(plans["staf"])
        # A second RHK, taken over already, for the withdrawal rows.
        revised = services.skp_revise(actor=None, skp=staf, kind="expectation", reason="Tambah")
        add_result(revised, "Tugas tambahan", leader_rhk=plans["rhk"])
        staf = set_plan(revised)
        first, second = Rhk.objects.filter(skp=staf).order_by("pk")
        takeover = services.rhk_take_over(actor=None, rhk=second, note="Tidak selesai")
        draft = services.skp_revise(actor=None, skp=staf, kind="new_assignment", reason="Plt.")
        post = f.position(
            personas.agency,
            personas.units["primer"],
            "DINKES-09",
            "Kepala Seksi Kesehatan Keluarga",
            "pengawas",
            personas.positions["kabid"],
            head=True,
        )
        acting = assignment_start(
            actor=None,
            employee=personas.employees["staf"],
            position=post,
            start_date=datetime.date(YEAR, 3, 1),
            kind=AssignmentKind.PLT,
        )
        yield World(personas, staf.pk, first.pk, second.pk, takeover.pk, draft.pk, acting.pk)


@pytest.fixture(autouse=True)
def _in_june(monkeypatch):
    freeze_today(monkeypatch, IN_JUNE)


def _answers(default, **overrides):
    table = dict.fromkeys(PERSONAS, default)
    table.update({"dokter": 404, "outsider": 404}, **overrides)
    return table


def _page(default, **overrides):
    return _answers(default, **{ANONYMOUS: LOGIN, **overrides})


def _api(default, **overrides):
    return _answers(default, **{ANONYMOUS: 401, **overrides})


def _take_over_args(world):
    return [world.skp_pk, world.rhk_pk]


def _withdraw_args(world):
    return [world.takeover_pk]


NOTE = {"taken_over_on": IN_JUNE.isoformat(), "note": "Belum ada kemajuan"}

PERMISSION_ROWS = [
    # Only the rater takes over; the plan's other readers are refused, strangers do not find it.
    Row("skp:rhk_take_over", _page(403, kasi=200), args=_take_over_args),
    Row("skp:rhk_take_over", _page(403, kasi=302), method="post", args=_take_over_args, body=NOTE),
    # The rater or BKPSDM withdraws a takeover made by mistake.
    Row("skp:takeover_withdraw", _page(403, kasi=200, bkpsdm=200), args=_withdraw_args),
    Row(
        "skp:takeover_withdraw",
        _page(403, kasi=302, bkpsdm=302),
        method="post",
        args=_withdraw_args,
        body={"reason": "Keliru"},
    ),
    # The owner or the rater of the draft adds the duties of an acting post.
    Row(
        "skp:acting_result_add",
        _page(403, staf=302, kasi=302),
        method="post",
        args=lambda world: [world.draft_pk, world.acting_pk],
    ),
    Row(
        "GET /api/v1/skp/plans/{skp_id}/takeovers",
        _api(200),
        args=lambda world: {"skp_id": world.skp_pk},
    ),
    Row(
        "POST /api/v1/skp/rhks/{rhk_id}/takeover",
        _api(403, kasi=200),
        args=lambda world: {"rhk_id": world.rhk_pk},
        body={"note": "Belum ada kemajuan"},
    ),
    Row(
        "POST /api/v1/skp/takeovers/{takeover_id}/withdraw",
        _api(403, kasi=200, bkpsdm=200),
        args=lambda world: {"takeover_id": world.takeover_pk},
        body={"reason": "Keliru"},
    ),
]


@pytest.mark.parametrize(("row", "persona", "expected"), table_cases(PERMISSION_ROWS))
def test_permission_table(client, world, row, persona, expected):
    assert ask(client, world.personas, row, persona, world) == expected
