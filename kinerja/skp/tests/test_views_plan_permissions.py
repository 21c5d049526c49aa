"""Who gets what from each SKP plan page and endpoint: the permission table of the house.

The plan under test is the staf's draft (rated by the kasi, whose superior is the kabid), inside
a chain of set plans kadinkes -> kabid -> kasi. Roles: anonymous, dokter (pegawai of another
unit), kasi (atasan and rater), staf (the owner, also admin of the Dinas), kabid (the rater's
superior, a leader above the post), bkpsdm, pimpinan, auditor, outsider (another agency).
"""

import datetime
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import timezone

from kinerja.core.tests.permission_table import (
    ANONYMOUS,
    LOGIN,
    Row,
    ask,
    shared_data,
    table_cases,
)
from kinerja.org.tests.personas import build_personas
from kinerja.skp import services
from kinerja.skp.models import ActionPlan, Rhk, RhkIndicator, Skp
from kinerja.skp.tests.factories import YEAR, action_period, chain_of_plans, start_skp

pytestmark = pytest.mark.django_db

ROLES = [
    ANONYMOUS,
    "dokter",
    "kasi",
    "staf",
    "kabid",
    "bkpsdm",
    "pimpinan",
    "auditor",
    "outsider",
]


@dataclass(repr=False)
class World:
    personas: object
    plan_pks: dict
    rhk_pk: int
    indicator_pk: int

    def plan(self, key) -> Skp:
        return Skp.objects.get(pk=self.plan_pks[key])


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with shared_data(django_db_blocker, tmp_path_factory):
        personas = build_personas()
        plans = chain_of_plans(personas)
        rhk = Rhk.objects.get(skp=plans["staf"])
        action_period(plans["staf"])  # opens the year with its quarters
        yield World(
            personas,
            {key: plans[key].pk for key in ("kadinkes", "kabid", "kasi", "staf")},
            rhk.pk,
            RhkIndicator.objects.get(rhk=rhk).pk,
        )


def _table(**overrides):
    base = {role: 200 for role in ROLES}
    base[ANONYMOUS] = LOGIN
    base["dokter"] = 404
    base["outsider"] = 404
    base.update(overrides)
    return base


def _plan(key):
    return lambda world: [world.plan_pks[key]]


def _staf_and(*names):
    return lambda world: [world.plan_pks["staf"], *(getattr(world, name) for name in names)]


# --- pages --------------------------------------------------------------------------------

PAGE_ROWS = [
    Row("skp:home", _table(dokter=200, outsider=200)),
    Row("skp:list", _table(dokter=200, outsider=200)),
    # The staf's draft is read by its people, the leaders above and the overseers.
    Row("skp:detail", _table(), args=_plan("staf")),
    Row("skp:versions", _table(), args=_plan("staf")),
    # Only the owner and the rater open the editor of a draft; a set plan opens in no editor.
    Row(
        "skp:edit",
        _table(kabid=403, bkpsdm=403, pimpinan=403, auditor=403),
        args=_plan("staf"),
        label="staf's draft",
    ),
    Row(
        "skp:edit",
        _table(kasi=403, staf=403, kabid=403, bkpsdm=403, pimpinan=403, auditor=403),
        args=_plan("kasi"),
        label="kasi's set plan",
    ),
    Row(
        "skp:leader_indicator_options",
        _table(kabid=403, bkpsdm=403, pimpinan=403, auditor=403),
        args=_plan("staf"),
        query=lambda world: {"prefix": f"rhk-{world.rhk_pk}"},
    ),
    # The kasi's set plan: the kasi owns it, the kabid rates it, BKPSDM may revise anyone's.
    Row(
        "skp:revise",
        _table(kasi=200, staf=403, kabid=200, bkpsdm=200, pimpinan=403, auditor=403),
        args=_plan("kasi"),
    ),
    Row("skp:restart", _table(pimpinan=403, auditor=403, kabid=403), args=_plan("staf")),
]


@pytest.mark.parametrize(("row", "persona", "expected"), table_cases(PAGE_ROWS))
def test_permission_table(client, world, row, persona, expected):
    answer = ask(client, world.personas, row, persona, world)
    assert answer == expected


# --- writes on the staf's draft -------------------------------------------------------------

EDIT_TABLE = _table(staf=302, kasi=302, kabid=403, bkpsdm=403, pimpinan=403, auditor=403)


def _edit(name, args, body, changed):
    return name, Row(f"skp:{name}", EDIT_TABLE, method="post", args=args, body=body), changed


def _rhk(world):
    return Rhk.objects.filter(pk=world.rhk_pk).first()


def _indicator(world):
    return RhkIndicator.objects.filter(pk=world.indicator_pk).first()


EDITS = [
    _edit(
        "rhk_update",
        _staf_and("rhk_pk"),
        lambda w: {f"rhk-{w.rhk_pk}-kind": "utama", f"rhk-{w.rhk_pk}-text": "Diubah"},
        lambda w: _rhk(w).text == "Diubah",
    ),
    _edit(
        "indicator_update",
        _staf_and("indicator_pk"),
        lambda w: {
            f"iki-{w.indicator_pk}-text": "Diubah",
            f"iki-{w.indicator_pk}-target_value": "5",
        },
        lambda w: _indicator(w).text == "Diubah",
    ),
    _edit(
        "action_plans",
        _staf_and("rhk_pk"),
        lambda w: {f"aksi-{w.rhk_pk}-text_1": "Menyusun jadwal"},
        lambda w: ActionPlan.objects.filter(rhk_id=w.rhk_pk, period__number=1).exists(),
    ),
    _edit(
        "behaviour",
        lambda w: [w.plan_pks["staf"], "akuntabel"],
        {"beh-akuntabel-special_expectation": "Teladan"},
        lambda w: w.plan("staf").behaviours.get(value="akuntabel").special_expectation == "Teladan",
    ),
    _edit(
        "edit_annex",
        _plan("staf"),
        {"annex-approach": "kuantitatif", "annex-consequences": "Penghargaan"},
        lambda w: w.plan("staf").consequences == "Penghargaan",
    ),
    _edit(
        "rhk_add",
        _plan("staf"),
        {"new-rhk-kind": "tambahan", "new-rhk-text": "Tugas tambahan"},
        lambda w: Rhk.objects.filter(skp_id=w.plan_pks["staf"], text="Tugas tambahan").exists(),
    ),
    _edit(
        "indicator_add",
        _staf_and("rhk_pk"),
        lambda w: {f"new-iki-{w.rhk_pk}-text": "Baru", f"new-iki-{w.rhk_pk}-target_value": "1"},
        lambda w: RhkIndicator.objects.filter(rhk_id=w.rhk_pk, text="Baru").exists(),
    ),
    _edit(
        "indicator_remove",
        _staf_and("indicator_pk"),
        {},
        lambda w: _indicator(w) is None,
    ),
    _edit("rhk_remove", _staf_and("rhk_pk"), {}, lambda w: _rhk(w) is None),
    _edit(
        "start_dialogue",
        _plan("staf"),
        {"note": "Dialog pertama"},
        lambda w: w.plan("staf").status == "dialogue",
    ),
]
CHANGED = {name: changed for name, _row, changed in EDITS}
EDIT_ROWS = [row for _name, row, _changed in EDITS]


@pytest.mark.parametrize(("row", "persona", "expected"), table_cases(EDIT_ROWS))
def test_only_the_owner_and_the_rater_change_a_draft(client, world, row, persona, expected):
    answer = ask(client, world.personas, row, persona, world)
    assert answer == expected
    assert CHANGED[row.route.split(":")[1]](world) is (expected == 302)


SUBMIT = Row(
    "skp:submit",
    _table(staf=302, kasi=403, kabid=403, bkpsdm=403, pimpinan=403, auditor=403),
    method="post",
    args=_plan("staf"),
)


@pytest.mark.parametrize(("persona", "expected"), SUBMIT.cases())
def test_only_the_owner_submits(client, world, persona, expected):
    services.skp_start_dialogue(actor=None, skp=world.plan("staf"))
    answer = ask(client, world.personas, SUBMIT, persona, world)
    assert answer == expected
    assert (world.plan("staf").status == "submitted") is (expected == 302)


REVISE = Row(
    "skp:revise",
    _table(kasi=302, staf=403, kabid=302, bkpsdm=302, pimpinan=403, auditor=403),
    method="post",
    args=_plan("kasi"),
    body={"revision_kind": "new_assignment", "revision_reason": "Tugas baru dari pimpinan"},
)


@pytest.mark.parametrize(("persona", "expected"), REVISE.cases())
def test_who_may_revise_a_set_skp(client, world, persona, expected):
    answer = ask(client, world.personas, REVISE, persona, world)
    assert answer == expected
    versions = Skp.objects.filter(series=world.plan("kasi").series).count()
    assert versions == (2 if expected == 302 else 1)


RESTART = Row(
    "skp:restart",
    _table(kasi=302, staf=302, kabid=403, bkpsdm=302, pimpinan=403, auditor=403),
    method="post",
    args=_plan("staf"),
    body={
        "revision_kind": "rater_change",
        "revision_reason": "Atasan berganti",
        "effective_date": "2026-07-01",
    },
)


@pytest.mark.parametrize(("persona", "expected"), RESTART.cases())
def test_who_may_close_an_skp_and_start_a_new_one(client, world, persona, expected):
    answer = ask(client, world.personas, RESTART, persona, world)
    assert answer == expected
    assert (world.plan("staf").status == "closed") is (expected == 302)


# Everyone with an employee record starts their own plan of the current year, once: the kasi,
# the kabid and the staf already have one; the pimpinan login has no employee record.
CREATE = Row(
    "skp:create",
    _table(dokter=302, kasi=400, staf=400, kabid=400, bkpsdm=302, pimpinan=403, auditor=302)
    | {"outsider": 302},
    method="post",
    body=lambda year: {"year": year},  # the table's data here is the current year
)


@pytest.mark.parametrize(("persona", "expected"), CREATE.cases())
def test_who_may_start_their_own_skp(client, world, persona, expected):
    year = timezone.localdate().year
    if year != YEAR:  # the kasi, the kabid and the staf must have a plan of the current year
        for key in ("kasi", "kabid", "staf"):
            start_skp(world.personas, key, year=year, day=datetime.date(year, 1, 10))
    before = Skp.objects.count()
    answer = ask(client, world.personas, CREATE, persona, year)
    assert answer == expected
    assert Skp.objects.count() == before + (1 if expected == 302 else 0)


PERMISSION_ROWS = [*PAGE_ROWS, *EDIT_ROWS, SUBMIT, REVISE, RESTART, CREATE]


@pytest.mark.parametrize("name", ["create", "start_dialogue", "submit", "rhk_add", "edit_annex"])
def test_write_endpoints_refuse_get(client, world, name):
    client.force_login(world.personas.users["staf"])
    args = [] if name == "create" else [world.plan_pks["staf"]]
    assert client.get(reverse(f"skp:{name}", args=args)).status_code == 405
