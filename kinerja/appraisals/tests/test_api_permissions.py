"""Who gets what from the evaluation API: the permission table of the house.

The same world and personas as the pages (see test_views_permissions). The API answers 401 to
an anonymous caller, 404 outside the caller's scope, 403 to one who sees but may not act, and
409 when a finalised evaluation would change.
"""

import pytest

from kinerja.appraisals.models import Evaluation
from kinerja.appraisals.tests.permission_world import built_world
from kinerja.core.tests.permission_table import Row, api_answers, ask

pytestmark = pytest.mark.django_db
API = "/api/v1/appraisals"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with built_world(django_db_blocker, tmp_path_factory) as data:
        yield data


def _status(pk) -> str:
    return Evaluation.objects.get(pk=pk).status


RATING = {
    "hasil": "sesuai",
    "hasil_justification": "Hasil sesuai target",
    "perilaku": "sesuai",
    "perilaku_justification": "Konsisten",
}

LIST = Row(f"GET {API}/evaluations", api_answers(200))
DETAIL = Row(
    f"GET {API}/evaluations/{{evaluation_id}}",
    api_answers(200, dokter=404, outsider=404, kabid=200),
    args=lambda w: {"evaluation_id": w.staf},
)
RATER = api_answers(403, kasi=200, dokter=404, outsider=404, kabid=403)
RATE = Row(
    f"POST {API}/evaluations/{{evaluation_id}}/rate",
    RATER,
    args=lambda w: {"evaluation_id": w.staf},
    body=RATING,
)
RATE_FINAL = Row(
    f"POST {API}/evaluations/{{evaluation_id}}/rate",
    # kasi's finalised evaluation: even its rater (kabid) gets 409, keberatan is the only way
    api_answers(403, kabid=409, dokter=404, outsider=404, kasi=403),
    args=lambda w: {"evaluation_id": w.kasi},
    body=RATING,
    label="finalised",
)
FINALISE = Row(
    f"POST {API}/evaluations/{{evaluation_id}}/finalise",
    RATER,
    args=lambda w: {"evaluation_id": w.staf},
)
SIGN = Row(
    f"POST {API}/evaluations/{{evaluation_id}}/sign",
    api_answers(403, kabid=200, dokter=404, outsider=404),
    args=lambda w: {"evaluation_id": w.kasi},
)
ACKNOWLEDGE = Row(
    f"POST {API}/evaluations/{{evaluation_id}}/acknowledge",
    api_answers(403, kabid=200, dokter=404, outsider=404, kasi=404),
    args=lambda w: {"evaluation_id": w.kabid},
)
EMPLOYEE_SIGN = Row(
    f"POST {API}/evaluations/{{evaluation_id}}/employee-sign",
    api_answers(403, kadinkes=200, dokter=404, outsider=404, kasi=404),
    args=lambda w: {"evaluation_id": w.kadinkes},
)
PERMISSION_ROWS = [LIST, DETAIL, RATE, RATE_FINAL, FINALISE, SIGN, ACKNOWLEDGE, EMPLOYEE_SIGN]


@pytest.mark.parametrize(
    ("row", "persona", "expected"),
    [(row, p, e) for row in (LIST, DETAIL) for p, e in row.answers.items()],
    ids=lambda x: x.name if isinstance(x, Row) else str(x),
)
def test_reads_are_scoped_like_the_pages(client, world, row, persona, expected):
    assert ask(client, world.personas, row, persona, world) == expected


@pytest.mark.parametrize(("persona", "expected"), RATE.cases())
def test_only_the_rater_rates(client, world, persona, expected):
    assert ask(client, world.personas, RATE, persona, world) == expected


@pytest.mark.parametrize(("persona", "expected"), RATE_FINAL.cases())
def test_a_finalised_evaluation_does_not_change(client, world, persona, expected):
    assert ask(client, world.personas, RATE_FINAL, persona, world) == expected
    assert _status(world.kasi) == "finalised"


@pytest.mark.parametrize(("persona", "expected"), FINALISE.cases())
def test_only_the_rater_finalises(client, world, persona, expected):
    assert ask(client, world.personas, FINALISE, persona, world) == expected
    assert _status(world.staf) == ("finalised" if expected == 200 else "rated")


@pytest.mark.parametrize(("persona", "expected"), SIGN.cases())
def test_only_the_evaluator_signs(client, world, persona, expected):
    assert ask(client, world.personas, SIGN, persona, world) == expected
    assert _status(world.kasi) == ("signed" if expected == 200 else "finalised")


@pytest.mark.parametrize(("persona", "expected"), ACKNOWLEDGE.cases())
def test_only_the_employee_acknowledges(client, world, persona, expected):
    assert ask(client, world.personas, ACKNOWLEDGE, persona, world) == expected


@pytest.mark.parametrize(("persona", "expected"), EMPLOYEE_SIGN.cases())
def test_only_the_employee_signs(client, world, persona, expected):
    assert ask(client, world.personas, EMPLOYEE_SIGN, persona, world) == expected


def test_the_list_holds_only_what_the_caller_may_see(client, world):
    client.force_login(world.personas.users["dokter"])
    assert client.get(f"{API}/evaluations").json()["items"] == []
    client.force_login(world.personas.users["staf"])  # own + admin of Dinas Kesehatan
    names = {row["employee"] for row in client.get(f"{API}/evaluations").json()["items"]}
    assert world.personas.employees["staf"].pk in names


def test_the_detail_explains_the_predikat(client, world):
    client.force_login(world.personas.users["staf"])
    body = client.get(f"{API}/evaluations/{world.staf}").json()
    assert (body["org_predikat"], body["predikat"]) == ("baik", "baik")
    assert body["pattern"] and body["rater_deadline"] == str(world.due.rater)
