"""Who gets what from the keberatan API: the permission table of the house.

The same world and personas as the keberatan pages (see test_keberatan_permissions). The API
answers 401 to an anonymous caller, 404 outside the caller's scope, 403 to one who sees but may
not act.
"""

import pytest

from kinerja.appraisals.models import Evaluation, Keberatan
from kinerja.appraisals.tests.keberatan_world import built_world
from kinerja.core.tests.permission_table import Row, api_answers, ask

pytestmark = pytest.mark.django_db
API = "/api/v1/appraisals/evaluations/{evaluation_id}/keberatan"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with built_world(django_db_blocker, tmp_path_factory) as data:
        yield data


def _status(world) -> str:
    return Keberatan.objects.get(pk=world.keberatan).status


def _heard(world):
    Keberatan.objects.filter(pk=world.keberatan).update(
        status="rater_heard", rater_explanation="Dua indikator belum tercapai."
    )


READ = Row(
    f"GET {API}",
    api_answers(200, dokter=404, outsider=404, kabid=200),
    args=lambda w: {"evaluation_id": w.staf},
)
FILE = Row(
    f"POST {API}",
    api_answers(403, kasi=200, dokter=404, outsider=404),
    args=lambda w: {"evaluation_id": w.kasi},
    body={"reasons": "Bukti capaian belum dipertimbangkan."},
)
HEAR = Row(
    f"POST {API}/hear-rater",
    api_answers(403, kasi=200, kabid=200, dokter=404, outsider=404),
    args=lambda w: {"evaluation_id": w.staf},
    body={"explanation": "Dua indikator belum tercapai."},
)
DECIDE = Row(
    f"POST {API}/decide",
    api_answers(403, kabid=200, dokter=404, outsider=404),
    args=lambda w: {"evaluation_id": w.staf},
    body={
        "decision": "change",
        "hasil": "diatas",
        "perilaku": "diatas",
        "recommendations": "Pertahankan capaian.",
    },
)
PERMISSION_ROWS = [READ, FILE, HEAR, DECIDE]


@pytest.mark.parametrize(("persona", "expected"), READ.cases())
def test_the_keberatan_is_read_like_the_evaluation(client, world, persona, expected):
    assert ask(client, world.personas, READ, persona, world) == expected


@pytest.mark.parametrize(("persona", "expected"), FILE.cases())
def test_only_the_employee_files(client, world, persona, expected):
    assert ask(client, world.personas, FILE, persona, world) == expected
    assert Keberatan.objects.filter(evaluation_id=world.kasi).exists() == (expected == 200)


@pytest.mark.parametrize(("persona", "expected"), HEAR.cases())
def test_only_the_rater_or_the_superior_records_the_explanation(client, world, persona, expected):
    assert ask(client, world.personas, HEAR, persona, world) == expected
    assert _status(world) == ("rater_heard" if expected == 200 else "filed")


@pytest.mark.parametrize(("persona", "expected"), DECIDE.cases())
def test_only_the_rater_s_superior_decides_and_a_change_updates_the_evaluation(
    client, world, persona, expected
):
    _heard(world)
    assert ask(client, world.personas, DECIDE, persona, world) == expected
    predikat = Evaluation.objects.get(pk=world.staf).predikat
    assert predikat == ("sangat_baik" if expected == 200 else "baik")


def test_a_change_without_recommendations_is_refused_on_the_field(client, world):
    _heard(world)
    client.force_login(world.personas.users["kabid"])
    response = client.post(
        API.format(evaluation_id=world.staf) + "/decide",
        {"decision": "change", "hasil": "diatas", "perilaku": "diatas"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "recommendations" in response.content.decode()
