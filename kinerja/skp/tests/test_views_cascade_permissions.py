"""Who gets what from the SKP pages around the plans: the matriks peran hasil and its work
teams, the RHK templates of a position, the alignment reports and the exemptions from planning.

The data is built once for the module, on the planning day of the year: the chain of plans
kadinkes -> kabid -> kasi (set) and staf (draft); a work team of the kabid's matrix (the kasi
leads it, the dokter is in it); an RHK template of the staf's post; the dokter on
pre-retirement leave (an exemption recorded by BKPSDM).

Personas: anonymous; dokter (pegawai); kasi (atasan of staf); staf (admin of Dinas Kesehatan);
kabid (leader of the matrix); bkpsdm; pimpinan (no employee record); auditor; outsider (BKPSDM
admin of another agency).
"""

import datetime
from dataclasses import dataclass

import pytest
from django.urls import reverse

from kinerja.core.tests.permission_table import (
    ANONYMOUS,
    LOGIN,
    Row,
    ask,
    refused_links,
    shared_data,
    table_cases,
)
from kinerja.org.tests.personas import build_personas
from kinerja.skp import services
from kinerja.skp.services.matrix import work_team_create
from kinerja.skp.services.templates import rhk_template_save
from kinerja.skp.tests.factories import PLANNING_DAY, YEAR, chain_of_plans
from kinerja.skp.tests.review_data import freeze_today

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
    team: object
    template: object
    exemption: object


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch, shared_data(django_db_blocker, tmp_path_factory):
        freeze_today(patch, PLANNING_DAY)
        personas = build_personas()
        chain_of_plans(personas)
        employees = personas.employees
        team = work_team_create(
            actor=None,
            leader=employees["kabid"],
            year=YEAR,
            name="Tim Primer",
            team_leader=employees["kasi"],
            members=[employees["dokter"]],
        )
        template = rhk_template_save(
            actor=None,
            position=personas.positions["staf"],
            year=YEAR,
            text="Tersusunnya surat",
            indicator_text="Jumlah surat",
        )
        exemption = services.exemption_record(
            actor=None,
            employee=employees["dokter"],
            reason="mpp",
            start_date=datetime.date(YEAR, 1, 2),
        )
        yield World(personas, team, template, exemption)


def _table(default, **overrides):
    base = dict.fromkeys(ROLES, default)
    base[ANONYMOUS] = LOGIN
    base["outsider"] = 404
    base.update(overrides)
    return base


def _allowed(people, answer, **overrides):
    """`answer` for `people`, 403 for the rest of the agency, 404 for the outsider."""
    return _table(403, **dict.fromkeys(people, answer), **overrides)


def _pk(name):
    return lambda world: [getattr(world, name).pk]


def _employee(key):
    return lambda world: world.personas.employees[key].pk


# --- the matrix -----------------------------------------------------------------------------

# The kabid's matrix: the kabid and the whole-agency roles read it, the kabid and BKPSDM change
# it; the admin of Dinas Kesehatan, the dokter and the kasi (whose posts lie under the kabid's)
# see the kabid but not the matrix.
KABID_MATRIX = _allowed(("kabid", "bkpsdm", "pimpinan", "auditor"), 200)
KABID_MATRIX_CHANGE = _allowed(("kabid", "bkpsdm"), 302)


def _team_body(world):
    employees = world.personas.employees
    return {
        "year": YEAR,
        "employee": employees["kabid"].pk,
        "name": "Tim Baru",
        "team_leader": employees["kasi"].pk,
        "members": [employees["staf"].pk],
    }


MATRIX_ROWS = [
    # Everyone with a post opens their own matrix; the pimpinan login has no post.
    Row("skp:matrix", _table(200, pimpinan=403, outsider=200), query={"year": YEAR}, label="own"),
    Row(
        "skp:matrix",
        KABID_MATRIX,
        query=lambda world: {"year": YEAR, "employee": _employee("kabid")(world)},
        label="the kabid's",
    ),
    Row(
        "skp:matrix",
        {**KABID_MATRIX_CHANGE, "kabid": 400, "bkpsdm": 400},  # a grid without its cells
        method="post",
        query=lambda world: {"year": YEAR, "employee": _employee("kabid")(world)},
        body={"year": YEAR, "levels": 1},
        label="the kabid's, no cell",
    ),
    Row("skp:matrix_team_create", KABID_MATRIX_CHANGE, method="post", body=_team_body),
    Row(
        "skp:matrix_team_update",
        KABID_MATRIX_CHANGE,
        method="post",
        args=_pk("team"),
        body=lambda world: {"name": "Tim B", "team_leader": _employee("kasi")(world)},
    ),
    Row("skp:matrix_team_delete", KABID_MATRIX_CHANGE, method="post", args=_pk("team")),
]

# --- the templates --------------------------------------------------------------------------

# BKPSDM and the admins of the post's unit (or a unit above it) keep the templates of a post;
# the outsider keeps those of their own agency.
TEMPLATE_KEEPERS = ("staf", "bkpsdm")


def _staf_post(world):
    return {"position": world.personas.positions["staf"].pk, "year": YEAR}


TEMPLATE_ROWS = [
    Row("skp:templates", _allowed(TEMPLATE_KEEPERS, 200, outsider=200), label="choose a post"),
    Row("skp:templates", _allowed(TEMPLATE_KEEPERS, 200), query=_staf_post, label="staf's post"),
    Row(
        "skp:templates",
        _allowed(TEMPLATE_KEEPERS, 400),
        method="post",
        body=_staf_post,
        label="staf's post, empty",
    ),
    Row(
        "skp:template_update", _allowed(TEMPLATE_KEEPERS, 400), method="post", args=_pk("template")
    ),
    Row(
        "skp:template_delete", _allowed(TEMPLATE_KEEPERS, 302), method="post", args=_pk("template")
    ),
    Row("skp:templates_apply", _allowed(TEMPLATE_KEEPERS, 200), method="post", body=_staf_post),
]

# --- alignment ------------------------------------------------------------------------------


def _unit(key):
    return lambda world: [world.personas.units[key].pk]


ALIGNMENT_ROWS = [
    # The whole agency for its overseers; unit admins and leaders are sent to their unit;
    # a pegawai without subordinates has no alignment page.
    Row(
        "skp:alignment",
        _table(302, dokter=403, bkpsdm=200, pimpinan=200, auditor=200, outsider=200),
    ),
    Row(
        "skp:alignment_unit",
        _allowed(("staf", "bkpsdm", "pimpinan", "auditor"), 200),
        args=_unit("dinkes"),
        label="Dinas Kesehatan",
    ),
    Row(
        "skp:alignment_unit",
        _allowed(("kasi", "staf", "kabid", "bkpsdm", "pimpinan", "auditor"), 200),
        args=_unit("primer"),
        label="Seksi Primer",
    ),
]

# --- exemptions from planning ---------------------------------------------------------------

# Readers: the whole-agency roles and the unit admins; keepers: BKPSDM and the admins of the
# employee's unit. Who may not use the feature at all gets 403 before any record is looked up.
EXEMPTION_READERS = _allowed(("staf", "bkpsdm", "pimpinan", "auditor"), 200, outsider=200)
EXEMPTION_KEEPERS = ("staf", "bkpsdm")

EXEMPTION_ROWS = [
    Row("skp:exemptions", EXEMPTION_READERS),
    Row("skp:exemption_create", _allowed(EXEMPTION_KEEPERS, 200, outsider=200)),
    Row(
        "skp:exemption_create",
        _allowed(EXEMPTION_KEEPERS, 400, outsider=400),
        method="post",
        label="empty",
    ),
]
for _route, _ok in (
    ("skp:exemption_update", 400),
    ("skp:exemption_end", 400),
    ("skp:exemption_delete", 302),
):
    EXEMPTION_ROWS += [
        Row(_route, _allowed(EXEMPTION_KEEPERS, 200), args=_pk("exemption"), label="the dokter's"),
        Row(
            _route,
            _allowed(EXEMPTION_KEEPERS, _ok),
            method="post",
            args=_pk("exemption"),
            label="the dokter's, empty",
        ),
    ]

PERMISSION_ROWS = [*MATRIX_ROWS, *TEMPLATE_ROWS, *ALIGNMENT_ROWS, *EXEMPTION_ROWS]


@pytest.mark.parametrize(("row", "persona", "expected"), table_cases(PERMISSION_ROWS))
def test_permission_table(client, world, row, persona, expected):
    answer = ask(client, world.personas, row, persona, world)
    assert answer == expected


@pytest.mark.parametrize("persona", ["bkpsdm", "pimpinan", "auditor"])
def test_the_alignment_report_links_only_to_pages_the_reader_may_open(client, world, persona):
    client.force_login(world.personas.users[persona])
    response = client.get(reverse("skp:alignment"), {"year": YEAR})
    assert response.status_code == 200
    assert refused_links(client, response) == []
