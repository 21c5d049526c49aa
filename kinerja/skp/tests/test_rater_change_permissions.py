"""Who may start the new SKP in one click once the organisation data flag the plan in force.

The staf's draft names the kasi as rater; a delegation makes the kabid the staf's rater from
1 April. The employee, the rater the plan names, the new rater and BKPSDM may take the step;
readers who are none of these are refused (403), people who may not read it get 404.
"""

import datetime
from dataclasses import dataclass

import pytest

from kinerja.core.tests.permission_table import ANONYMOUS, LOGIN, Row, ask, shared_data
from kinerja.org.services import supervision_override_create
from kinerja.org.tests.personas import build_personas
from kinerja.skp.models import Skp
from kinerja.skp.tests.factories import YEAR, chain_of_plans
from kinerja.skp.tests.review_data import freeze_today

pytestmark = pytest.mark.django_db

TODAY = datetime.date(YEAR, 5, 15)


@dataclass(repr=False)
class World:
    personas: object
    plan_pk: int


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch, shared_data(django_db_blocker, tmp_path_factory):
        freeze_today(patch, TODAY)
        personas = build_personas()
        plans = chain_of_plans(personas)
        supervision_override_create(
            actor=None,
            employee=personas.employees["staf"],
            supervisor=personas.employees["kabid"],
            role="rater",
            start_date=datetime.date(YEAR, 4, 1),
            reason="Delegasi penilaian",
        )
        yield World(personas, plans["staf"].pk)


RESTART_FOR_NEW_RATER = Row(
    "skp:restart_for_new_rater",
    {
        ANONYMOUS: LOGIN,
        "dokter": 404,
        "kasi": 302,
        "staf": 302,
        "kabid": 302,
        "kadinkes": 403,
        "bkpsdm": 302,
        "pimpinan": 403,
        "auditor": 403,
        "outsider": 404,
    },
    method="post",
    args=lambda world: [world.plan_pk],
)


API_RESTART_FOR_NEW_RATER = Row(
    "POST /api/v1/skp/plans/{skp_id}/restart-for-new-rater",
    {
        **RESTART_FOR_NEW_RATER.answers,
        ANONYMOUS: 401,
        **dict.fromkeys(("kasi", "staf", "kabid", "bkpsdm"), 200),
    },
    args=lambda world: {"skp_id": world.plan_pk},
)


@pytest.mark.parametrize(("persona", "expected"), RESTART_FOR_NEW_RATER.cases())
def test_who_may_start_the_new_skp_after_a_change_of_rater(client, world, persona, expected):
    answer = ask(client, world.personas, RESTART_FOR_NEW_RATER, persona, world)
    assert answer == expected
    closed = Skp.objects.get(pk=world.plan_pk).status == "closed"
    assert closed is (expected == 302)


@pytest.mark.parametrize(("persona", "expected"), API_RESTART_FOR_NEW_RATER.cases())
def test_the_api_answers_the_one_click_restart_alike(client, world, persona, expected):
    answer = ask(client, world.personas, API_RESTART_FOR_NEW_RATER, persona, world)
    assert answer == expected
    old = Skp.objects.get(pk=world.plan_pk)
    assert (old.status == "closed") is (expected == 200)
    if expected == 200:
        new = Skp.objects.exclude(pk=old.pk).get(
            employee=old.employee, year=old.year, is_latest=True
        )
        assert new.start_date > old.start_date


PERMISSION_ROWS = [RESTART_FOR_NEW_RATER, API_RESTART_FOR_NEW_RATER]
