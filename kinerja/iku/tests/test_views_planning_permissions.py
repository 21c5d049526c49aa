"""Who gets what from the planning pages of organisation performance: the PK (perjanjian
kinerja), the editing of the performance tree, the working-day calendar and the organisation
predikat decisions.

The data (built once for the module) is the plan of kinerja/iku/tests/view_data.py with:
the signed PK 2025 of the Bidang Yankes (kabid with kadinkes); a draft PK of the Seksi Primer
(kasi with kabid) with one line; a day off; the predikat of the Bidang Yankes for quarter I,
waiting for the kadinkes (its next-higher leader).
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
from kinerja.iku.models import GoalLevel, OrgPredikatDecision
from kinerja.iku.services import agreement as agreement_services
from kinerja.iku.services import calendar as calendar_services
from kinerja.iku.services import tree as tree_services
from kinerja.iku.tests import factories as f
from kinerja.iku.tests import view_data
from kinerja.org.tests.personas import build_personas

pytestmark = pytest.mark.django_db

ROLES = [
    ANONYMOUS,
    "dokter",  # pegawai of the Puskesmas
    "kasi",  # head of the Seksi Primer, under the Bidang Yankes
    "staf",  # staff of the Seksi Primer; admin of Dinas Kesehatan
    "kabid",  # head of the Bidang Yankes
    "kadinkes",  # head of Dinas Kesehatan
    "admin_opd",  # admin of Dinas Kesehatan, without a position
    "bkpsdm",
    "pimpinan",
    "auditor",
    "perencana",  # staff of Bappeda, the planning unit
    "outsider",  # BKPSDM admin of another agency
]
SIGNED_ON = "2025-02-10"


@dataclass(repr=False)
class World:
    personas: object
    plan: object
    signed_pk: object
    draft_pk: object
    draft_line: object
    day_off: object
    decision: object


def _signed_yankes_agreement(plan):
    agreement = agreement_services.agreement_create(
        actor=None, unit=plan.personas.units["yankes"], year=2025
    )
    agreement_services.agreement_line_add(actor=None, agreement=agreement, indicator=plan.indicator)
    for party in ("first", "second"):
        agreement = agreement_services.agreement_sign(
            actor=None, agreement=agreement, party=party, signed_on=datetime.date(2025, 2, 10)
        )
    return agreement


def _draft_primer_agreement(plan):
    goal = f.goal(
        plan.personas,
        "primer",
        GoalLevel.SASARAN_KEGIATAN,
        parent=plan.yankes_goal,
        statement="Puskesmas terbina",
    )
    indicator = f.indicator(goal, "Puskesmas dibina")
    tree_services.target_set(actor=None, indicator=indicator, year=2025, value=12)
    agreement = agreement_services.agreement_create(
        actor=None, unit=plan.personas.units["primer"], year=2025
    )
    line = agreement_services.agreement_line_add(
        actor=None, agreement=agreement, indicator=indicator
    )
    return agreement, line


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with shared_data(django_db_blocker, tmp_path_factory):
        plan = view_data.build_plan(build_personas())
        signed = _signed_yankes_agreement(plan)
        draft, line = _draft_primer_agreement(plan)
        day_off = calendar_services.non_working_day_add(
            actor=None,
            agency=plan.personas.agency,
            date=datetime.date(2025, 5, 2),
            name="Hari jadi kabupaten",
        )
        view_data.verified(plan.indicator, plan.quarters[0], 20)
        view_data.recompute(plan)
        decision = OrgPredikatDecision.objects.get(
            unit=plan.personas.units["yankes"], period=plan.quarters[0]
        )
        yield World(plan.personas, plan, signed, draft, line, day_off, decision)


def _table(default, **overrides):
    base = dict.fromkeys(ROLES, default)
    base[ANONYMOUS] = LOGIN
    base["outsider"] = 404
    base.update(overrides)
    return base


def _allowed(people, answer, **overrides):
    """`answer` for `people`, 403 for the rest of the agency, 404 for the outsider."""
    return _table(403, **dict.fromkeys(people, answer), **overrides)


# Who plans a unit: BKPSDM, the planning staff, the unit's admins and its heads (or above).
PLAN_YANKES = ("bkpsdm", "perencana", "staf", "admin_opd", "kabid", "kadinkes")
PLAN_PRIMER = (*PLAN_YANKES, "kasi")
# Whoever plans some unit may open the forms; the outsider plans units of their own agency.
PLAN_ANY = PLAN_PRIMER
# Who may read a unit's PK document (reports.permissions.can_download_agreement): the unit's
# people and admins, the heads above it, its two parties and the performance overseers.
READ_YANKES_PK = _allowed(
    ("kasi", "staf", "kabid", "kadinkes", "admin_opd", "bkpsdm", "pimpinan", "auditor"),
    200,
    perencana=200,
)
READ_PRIMER_PK = READ_YANKES_PK
OVERSEERS = ("bkpsdm", "pimpinan", "auditor", "perencana")


def _pk(name):
    return lambda world: [getattr(world, name).pk]


def _draft_line(world):
    return [world.draft_pk.pk, world.draft_line.pk]


def _goal(name):
    return lambda world: [getattr(world.plan, name).pk]


def _indicator(world):
    return [world.plan.indicator.pk]


YEAR = {"year": 2025}

AGREEMENT_ROWS = [
    # The year 2025 is not one of the outsider's agency: not found.
    Row("iku:agreements", _table(200), query=YEAR),
    Row("iku:agreement_create", _allowed(PLAN_ANY, 200, outsider=200), query=YEAR),
    Row(
        "iku:agreement_create",
        _allowed(PLAN_ANY, 400, outsider=400),
        method="post",
        label="empty",
    ),
    # The PK page answers as the PK document (reports:pk_pdf): one permission.
    Row(
        "iku:agreement",
        READ_YANKES_PK,
        args=_pk("signed_pk"),
        label="signed PK of the Bidang Yankes",
    ),
    Row(
        "iku:agreement",
        READ_PRIMER_PK,
        args=_pk("draft_pk"),
        label="draft PK of the Seksi Primer",
    ),
    Row(
        "iku:agreement_line_add",
        _allowed(PLAN_PRIMER, 400),
        method="post",
        args=_pk("draft_pk"),
        label="empty",
    ),
    Row(
        "iku:agreement_line_update",
        _allowed(PLAN_PRIMER, 400),
        method="post",
        args=_draft_line,
        label="empty",
    ),
    Row(
        "iku:agreement_line_remove",
        _allowed(PLAN_PRIMER, 302),
        method="post",
        args=_draft_line,
    ),
    # The first party (the kasi) signs; BKPSDM and the unit's admins record a paper signature.
    Row(
        "iku:agreement_sign",
        _allowed(("kasi", "bkpsdm", "staf", "admin_opd"), 302),
        method="post",
        args=_pk("draft_pk"),
        body={"party": "first", "signed_on": SIGNED_ON},
        label="first party of the draft",
    ),
    Row(
        "iku:agreement_revise",
        _allowed(PLAN_YANKES, 400),
        method="post",
        args=_pk("signed_pk"),
        label="empty",
    ),
]

TREE_ROWS = [
    Row("iku:goal_create", _allowed(PLAN_ANY, 200, outsider=200)),
    Row("iku:goal_create", _allowed(PLAN_ANY, 400, outsider=400), method="post", label="empty"),
    Row("iku:goal_update", _allowed(PLAN_YANKES, 200), args=_goal("yankes_goal"), label="Yankes"),
    Row(
        "iku:goal_update",
        _allowed(PLAN_YANKES, 400),
        method="post",
        args=_goal("yankes_goal"),
        label="Yankes, empty",
    ),
    # A regional goal is planned by BKPSDM and the planning staff only.
    Row(
        "iku:goal_update",
        _allowed(("bkpsdm", "perencana"), 200),
        args=_goal("regency_goal"),
        label="regional goal",
    ),
    Row("iku:indicator_create", _allowed(PLAN_YANKES, 200), args=_goal("yankes_goal")),
    Row("iku:indicator_update", _allowed(PLAN_YANKES, 200), args=_indicator),
    Row("iku:indicator_targets", _allowed(PLAN_YANKES, 200), args=_indicator, query=YEAR),
    Row("iku:indicator_source", _allowed(PLAN_YANKES, 200), args=_indicator),
    Row(
        "iku:indicator_source",
        _allowed(PLAN_YANKES, 400),
        method="post",
        args=_indicator,
        label="empty",
    ),
    # Without a source, stopping changes nothing and says so like a stop.
    Row("iku:indicator_source_remove", _allowed(PLAN_YANKES, 302), method="post", args=_indicator),
]

CALENDAR_ROWS = [
    # The performance overseers read the calendar; BKPSDM keeps it. The outsider is the BKPSDM
    # admin of their own agency.
    Row("iku:calendar", _allowed(OVERSEERS, 200, outsider=200), query=YEAR),
    Row(
        "iku:calendar",
        _allowed((), 403, bkpsdm=400, outsider=400),
        method="post",
        query=YEAR,
        label="empty",
    ),
    Row(
        "iku:calendar_day_remove",
        _allowed((), 403, bkpsdm=302),
        method="post",
        args=_pk("day_off"),
    ),
]

PREDIKAT_ROWS = [
    # Everyone has the page of the decisions waiting for them (mostly none).
    Row("iku:predikat_decisions", _table(200, outsider=200)),
    # Only the next-higher leader decides; for anyone else the decision is not theirs to find.
    Row(
        "iku:predikat_decisions",
        _table(404, kadinkes=302),
        method="post",
        body=lambda world: {
            "decision": world.decision.pk,
            f"d{world.decision.pk}-predikat": world.decision.proposed,
        },
        label="confirm the proposal",
    ),
]

PERMISSION_ROWS = [*AGREEMENT_ROWS, *TREE_ROWS, *CALENDAR_ROWS, *PREDIKAT_ROWS]


@pytest.mark.parametrize(("row", "persona", "expected"), table_cases(PERMISSION_ROWS))
def test_permission_table(client, world, row, persona, expected):
    answer = ask(client, world.personas, row, persona, world)
    assert answer == expected
