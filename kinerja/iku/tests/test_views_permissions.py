"""Who gets what from each organisation-performance page: the permission table of the house.

The plan (kinerja/iku/tests/view_data.py) is built once for the module: a submitted realisation
of quarter I and a verified one of quarter II, both with evidence, and a draft of quarter IV.
"""

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
from kinerja.iku.models import Realisation, RealisationStatus
from kinerja.iku.services import realisation as realisation_services
from kinerja.iku.tests import view_data
from kinerja.org.tests.personas import build_personas

pytestmark = pytest.mark.django_db

ROLES = [
    ANONYMOUS,
    "dokter",  # pegawai of another unit (Puskesmas)
    "staf",  # staff of the indicator's unit (Seksi Primer under Bidang Yankes); admin of Dinkes
    "kasi",  # head of a sub-unit
    "kabid",  # head of the indicator's unit (Bidang Yankes)
    "admin_opd",  # admin unit of Dinkes, no position
    "bkpsdm",
    "pimpinan",
    "auditor",
    "perencana",  # Bappeda staff
    "outsider",  # BKPSDM admin of another agency
]


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
        realisation_services.evidence_add(
            actor=None, realisation=draft, uploaded_file=view_data.pdf("draf.pdf")
        )
        view_data.recompute(plan)
        yield World(plan.personas, plan, submitted, verified, draft)


@pytest.fixture(autouse=True)
def _private_media_root():
    """The evidence files stay in the module's folder (shared_data), where they were saved."""


def _table(**overrides):
    base = {role: 200 for role in ROLES}
    base[ANONYMOUS] = LOGIN
    base["outsider"] = 404
    base.update(overrides)
    return base


YEAR = {"year": 2025}


def _of(name):
    return lambda world: [getattr(world, name).pk]


def _evidence_of(name):
    return lambda world: [getattr(world, name).evidence.get().pk]


def _yankes(world):
    return [world.personas.units["yankes"].pk]


def _indicator(world):
    return [world.plan.indicator.pk]


# People who enter the indicator's realisations: its unit's staff, heads and admins.
ENTERERS = dict(bkpsdm=403, pimpinan=403, auditor=403, perencana=403)

PERMISSION_ROWS = [
    # The entry page sends overseers to the regency dashboard, everyone else to a unit or tree.
    Row("iku:dashboard", _table(**dict.fromkeys(ROLES[1:], 302))),
    # The charts' stylesheet is public: it holds no data.
    Row("iku:chart_css", {**_table(), ANONYMOUS: 200, "outsider": 200}),
    Row(
        "iku:regency",
        _table(dokter=403, staf=403, kasi=403, kabid=403, admin_opd=403),
        query=YEAR,
    ),
    # The unit dashboard is for the unit, its admins, the heads above it and the overseers.
    Row(
        "iku:unit",
        {**_table(dokter=403), "kadinkes": 200},
        args=_yankes,
        query=YEAR,
    ),
    Row("iku:indicator", _table(), args=_indicator, query=YEAR),
    # The tree is open to the agency; the outsider sees the tree of their own agency.
    Row("iku:tree", _table(outsider=200), query=YEAR),
    Row("iku:tree_table", _table(outsider=200), query=YEAR),
    Row(
        "iku:tree_children",
        _table(),
        args=lambda world: [world.plan.regency_goal.pk],
        query=YEAR,
        label="the regional goal",
    ),
    Row(
        "iku:realisation_entry",
        _table(dokter=403, **ENTERERS),
        args=lambda world: [world.plan.indicator.pk, world.plan.quarters[2].pk],
    ),
    # A realisation in progress is for the unit and the overseers; a verified one is open.
    Row("iku:realisation", _table(dokter=404), args=_of("submitted"), label="submitted"),
    Row("iku:realisation", _table(), args=_of("verified"), label="verified"),
    Row(
        "iku:evidence_download",
        _table(dokter=403),
        args=_evidence_of("verified"),
        label="of the verified realisation",
    ),
    Row(
        "iku:evidence_download",
        _table(dokter=404),
        args=_evidence_of("submitted"),
        label="of the submitted realisation",
    ),
    Row("iku:verification_queue", _table(outsider=200)),  # their own (empty) queue
    Row("iku:reporting", _table(outsider=200)),  # what they report themselves (nothing here)
    # Writes on the draft (302 back to the page) and on the submitted realisation.
    Row(
        "iku:realisation_submit",
        _table(dokter=404, **{k: 302 for k in ("staf", "kasi", "kabid", "admin_opd")}, **ENTERERS),
        method="post",
        args=_of("draft"),
    ),
    Row(
        "iku:evidence_add",
        _table(dokter=404, **{k: 400 for k in ("staf", "kasi", "kabid", "admin_opd")}, **ENTERERS),
        method="post",
        args=_of("draft"),
        label="without a file",
    ),
    Row(
        "iku:evidence_remove",
        _table(dokter=404, **{k: 302 for k in ("staf", "kasi", "kabid", "admin_opd")}, **ENTERERS),
        method="post",
        args=_evidence_of("draft"),
    ),
]

# Only the head of the indicator's unit (or of a unit above it) verifies or returns.
HEADS_ONLY = {
    **{role: 403 for role in ROLES},
    ANONYMOUS: LOGIN,
    "dokter": 404,
    "outsider": 404,
    "kabid": 302,
    "kadinkes": 302,
}
VERIFY = Row("iku:realisation_verify", HEADS_ONLY, method="post", args=_of("submitted"))
RETURN = Row(
    "iku:realisation_return",
    HEADS_ONLY,
    method="post",
    args=_of("submitted"),
    body={"comment": "Lampirkan laporan puskesmas"},
)
PERMISSION_ROWS += [VERIFY, RETURN]


@pytest.mark.parametrize(("row", "persona", "expected"), table_cases(PERMISSION_ROWS[:-2]))
def test_permission_table(client, world, row, persona, expected):
    answer = ask(client, world.personas, row, persona, world)
    assert answer == expected


@pytest.mark.parametrize(("row", "persona", "expected"), table_cases([VERIFY, RETURN]))
def test_only_the_head_verifies_or_returns(client, world, row, persona, expected):
    answer = ask(client, world.personas, row, persona, world)
    assert answer == expected
    status = Realisation.objects.get(pk=world.submitted.pk).status
    done = RealisationStatus.VERIFIED if row is VERIFY else RealisationStatus.RETURNED
    assert (status == done) == (expected == 302)


@pytest.mark.parametrize("persona", ["outsider", "kabid", "dokter"])
def test_the_tree_shows_only_the_viewers_agency(client, world, persona):
    client.force_login(world.personas.users[persona])
    for name in ("iku:tree", "iku:tree_table"):
        response = client.get(reverse(name), YEAR)
        assert (b"Cakupan imunisasi" in response.content) is (persona != "outsider")


def test_the_dokter_sees_a_verified_realisation_without_its_evidence(client, world):
    client.force_login(world.personas.users["dokter"])
    response = client.get(reverse("iku:realisation", args=[world.verified.pk]))
    assert b"bukti.pdf" not in response.content


def test_the_indicator_page_links_only_to_pages_the_reader_may_open(client, world):
    client.force_login(world.personas.users["dokter"])
    response = client.get(reverse("iku:indicator", args=_indicator(world)), YEAR)
    assert response.status_code == 200
    assert refused_links(client, response) == []


def test_a_unit_of_another_agency_is_not_found(client, world):
    client.force_login(world.personas.users["bkpsdm"])
    url = reverse("iku:unit", args=[world.personas.units["other"].pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("role", "destination"),
    [
        ("staf", "unit"),
        ("kabid", "unit"),
        ("admin_opd", "unit"),
        ("dokter", "unit"),
        ("bkpsdm", "regency"),
        ("perencana", "regency"),
    ],
)
def test_the_entry_page_sends_each_role_to_its_dashboard(client, world, role, destination):
    client.force_login(world.personas.users[role])
    response = client.get(reverse("iku:dashboard"), follow=True)
    assert response.status_code == 200
    final = response.redirect_chain[-1][0]
    if destination == "regency":
        assert final.startswith(reverse("iku:regency"))
    else:
        assert final == reverse("iku:unit", args=[world.personas.units["dinkes"].pk])
