"""Every id a client sends to the operations of execution and evaluation is resolved among the
records the caller may choose: an id of another agency gets exactly the answer of an id that
names nothing (architecture.md: the same error for "missing" and "not yours")."""

import json

import pytest

from kinerja.activities import services as activity_services
from kinerja.api.types import MAX_ID
from kinerja.iku.tests import factories as iku_factories
from kinerja.results.tests.data import IN_MAY, indicator_of, plans, quarter, viewer
from kinerja.skp.tests.factories import YEAR
from kinerja.skp.tests.review_data import freeze_today

pytestmark = pytest.mark.django_db
API = "/api/v1"


@pytest.fixture
def world(personas, monkeypatch):
    freeze_today(monkeypatch, IN_MAY)
    chain = plans(personas)
    foreign_year = iku_factories.performance_year(personas.other_agency, YEAR, "quarterly")
    foreign_item = activity_services.catalogue_item_save(
        actor=viewer(personas, "outsider"),
        agency=personas.other_agency,
        name="Apel pagi",
        standard_minutes=30,
    )
    return {
        "personas": personas,
        "chain": chain,
        "q1": quarter(personas, 1),
        "foreign_period": foreign_year.periods.get(kind="quarter", number=1),
        "foreign_item": foreign_item,
        "outsider": personas.employees["outsider"],
    }


def _post(client, user, path, body):
    client.force_login(user)
    return client.post(f"{API}{path}", json.dumps(body), content_type="application/json")


def _cases(world):
    staf_key = str(indicator_of(world["chain"]["staf"]).key)
    return [
        (
            "/results/realisations",
            lambda pk: {"period": pk, "indicator_key": staf_key, "value": "5"},
        ),
        (
            "/results/semesters",
            lambda pk: {
                "period": pk,
                "semester": 1,
                "ipk": "3.5",
                "sks_taken": 20,
                "sks_passed": 20,
            },
        ),
        (
            "/activities/entries",
            lambda pk: {"date": IN_MAY.isoformat(), "minutes": 30, "catalogue_item": pk},
        ),
        ("/feedback", lambda pk: {"employee": pk, "text": "Bagus sekali."}),
        ("/feedback/requests", lambda pk: {"asked": pk}),
    ]


FOREIGN = {
    "/results/realisations": "foreign_period",
    "/results/semesters": "foreign_period",
    "/activities/entries": "foreign_item",
    "/feedback": "outsider",
    "/feedback/requests": "outsider",
}


def test_an_id_of_another_agency_is_answered_as_one_that_names_nothing(client, world):
    staf = world["personas"].users["staf"]
    differ = []
    for path, body in _cases(world):
        foreign = _post(client, staf, path, body(world[FOREIGN[path]].pk))
        missing = _post(client, staf, path, body(MAX_ID))
        if (foreign.status_code, foreign.content) != (missing.status_code, missing.content):
            differ.append((path, foreign.status_code, foreign.content, missing.content))
        assert foreign.status_code in (400, 404), (path, foreign.content)
    assert differ == []
