"""Who gets what from the keberatan pages: the permission table of the house.

Personas as in test_views_permissions: kasi is the rater of staf, kabid the rater's superior,
staf the employee (and the admin of Dinas Kesehatan); dokter a pegawai outside the chain;
outsider the BKPSDM admin of another agency.
"""

import pytest
from django.urls import reverse

from kinerja.appraisals.models import Keberatan
from kinerja.appraisals.tests.keberatan_world import built_world
from kinerja.core.tests.permission_table import Row, answers, ask

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with built_world(django_db_blocker, tmp_path_factory) as data:
        yield data


def _keberatan(world) -> Keberatan:
    return Keberatan.objects.get(pk=world.keberatan)


# The same readers as the evaluation's.
PAGE = Row(
    "appraisals:keberatan",
    answers(200, dokter=404, outsider=404, kabid=200),
    args=lambda w: [w.staf],
)
FILE = Row(
    "appraisals:keberatan_file",
    answers(403, kasi=302, dokter=404, outsider=404),
    method="post",
    args=lambda w: [w.kasi],
    body={"reasons": "Bukti capaian belum dipertimbangkan."},
)
HEAR = Row(
    "appraisals:keberatan_hear",
    answers(403, kasi=302, kabid=302, dokter=404, outsider=404),
    method="post",
    args=lambda w: [w.staf],
    body={"explanation": "Dua indikator belum tercapai."},
)
DECIDE = Row(
    "appraisals:keberatan_decide",
    answers(403, kabid=302, dokter=404, outsider=404),
    method="post",
    args=lambda w: [w.staf],
    body={"decision": "confirm"},
)
PAGE_ROWS = [PAGE]
PERMISSION_ROWS = [PAGE, FILE, HEAR, DECIDE]


@pytest.mark.parametrize(("persona", "expected"), PAGE.cases())
def test_the_keberatan_is_read_by_the_readers_of_the_evaluation(client, world, persona, expected):
    assert ask(client, world.personas, PAGE, persona, world) == expected


@pytest.mark.parametrize(("persona", "expected"), FILE.cases())
def test_only_the_employee_files_a_keberatan(client, world, persona, expected):
    assert ask(client, world.personas, FILE, persona, world) == expected
    assert Keberatan.objects.filter(evaluation_id=world.kasi).exists() == (expected == 302)


@pytest.mark.parametrize(("persona", "expected"), HEAR.cases())
def test_only_the_rater_or_the_superior_records_the_explanation(client, world, persona, expected):
    assert ask(client, world.personas, HEAR, persona, world) == expected
    assert _keberatan(world).status == ("rater_heard" if expected == 302 else "filed")


@pytest.mark.parametrize(("persona", "expected"), DECIDE.cases())
def test_only_the_rater_s_superior_decides(client, world, persona, expected):
    Keberatan.objects.filter(pk=world.keberatan).update(
        status="rater_heard", rater_explanation="Dua indikator belum tercapai."
    )
    assert ask(client, world.personas, DECIDE, persona, world) == expected
    assert _keberatan(world).status == ("decided" if expected == 302 else "rater_heard")


def test_the_employee_sees_the_file_form_with_the_deadline_and_no_link_once_filed(client, world):
    client.force_login(world.personas.users["kasi"])
    body = client.get(reverse("appraisals:detail", args=[world.kasi])).content.decode()
    assert 'data-testid="keberatan-form"' in body
    assert "data-confirm" in body
    client.force_login(world.personas.users["staf"])
    body = client.get(reverse("appraisals:detail", args=[world.staf])).content.decode()
    assert 'data-testid="keberatan-form"' not in body
    assert reverse("appraisals:keberatan", args=[world.staf]) in body


def test_the_rater_and_the_superior_see_their_forms_and_the_explanation_page_the_keberatan(
    client, world
):
    url = reverse("appraisals:keberatan", args=[world.staf])
    client.force_login(world.personas.users["kasi"])
    assert b'data-testid="hear-form"' in client.get(url).content
    client.force_login(world.personas.users["kabid"])
    assert b'data-testid="decide-form"' not in client.get(url).content
    Keberatan.objects.filter(pk=world.keberatan).update(
        status="rater_heard", rater_explanation="Dua indikator belum tercapai."
    )
    assert b'data-testid="decide-form"' in client.get(url).content
    body = client.get(reverse("appraisals:explanation", args=[world.staf])).content.decode()
    assert "Dua indikator belum tercapai." in body


def test_a_change_without_recommendations_shows_the_error_on_the_field(client, world):
    Keberatan.objects.filter(pk=world.keberatan).update(
        status="rater_heard", rater_explanation="Dua indikator belum tercapai."
    )
    client.force_login(world.personas.users["kabid"])
    response = client.post(
        reverse("appraisals:keberatan_decide", args=[world.staf]),
        {"decision": "change", "hasil": "diatas", "perilaku": "diatas"},
    )
    assert response.status_code == 400
    assert response.context["decide_form"].errors["recommendations"]
