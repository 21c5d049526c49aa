"""Who gets what from the evaluation pages: the permission table of the house.

Personas: anonymous; dokter, a pegawai of another unit; kasi, the rater of staf (and rated by
kabid); staf, the employee and the admin of Dinas Kesehatan; kabid, the rater's superior of
staf; bkpsdm; pimpinan, who acts for the regional head rating kadinkes; auditor; outsider, the
BKPSDM admin of another agency. Today is 2 April 2026, inside the rater's deadline of Q1.
"""

import datetime

import pytest
from django.urls import reverse

from kinerja.appraisals.models import Evaluation
from kinerja.appraisals.tests.permission_world import built_world
from kinerja.core.tests.permission_table import Row, answers, ask
from kinerja.skp.tests.review_data import freeze_today

pytestmark = pytest.mark.django_db


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

# Readers: the employee, the rater and superior, the leaders above, the unit admin (staf) and
# the agency-wide roles.
READ = answers(200, dokter=404, outsider=404, kabid=200)
MINE = Row("appraisals:mine", answers(200, pimpinan=404))
DESK_INDEX = Row("appraisals:desk_index", answers(200))
DESK = Row("appraisals:desk", answers(200, outsider=404), args=lambda w: [w.q1])
DETAIL = Row("appraisals:detail", READ, args=lambda w: [w.staf])
EXPLANATION = Row("appraisals:explanation", READ, args=lambda w: [w.staf])

RATER_ACTS = answers(403, kasi=302, dokter=404, outsider=404, kabid=403)
RATE = Row("appraisals:rate", RATER_ACTS, method="post", args=lambda w: [w.staf], body=RATING)
FINALISE = Row("appraisals:finalise", RATER_ACTS, method="post", args=lambda w: [w.staf])
FINALISE_MANY = Row(
    "appraisals:finalise_many",
    # the desk holds rated evaluations only for their rater (pimpinan: none rated left)
    answers(403, kasi=302, outsider=404),
    method="post",
    args=lambda w: [w.q1],
)
# kasi's evaluation, finalised: kabid (its rater) signs; kasi, the employee, may not.
SIGN = Row(
    "appraisals:sign",
    answers(403, kabid=302, dokter=404, outsider=404),
    method="post",
    args=lambda w: [w.kasi],
)
# kabid's signed evaluation: only kabid acknowledges; dokter works under kabid's post? no:
# dokter is outside the chain and sees nothing of it.
ACKNOWLEDGE = Row(
    "appraisals:acknowledge",
    answers(403, kabid=302, dokter=404, outsider=404, kasi=404),
    method="post",
    args=lambda w: [w.kabid],
)
EMPLOYEE_SIGN = Row(
    "appraisals:employee_sign",
    answers(403, kadinkes=302, dokter=404, outsider=404, kasi=404, staf=403),
    method="post",
    args=lambda w: [w.kadinkes],
)

PAGE_ROWS = [MINE, DESK_INDEX, DESK, DETAIL, EXPLANATION]
PERMISSION_ROWS = [*PAGE_ROWS, RATE, FINALISE, FINALISE_MANY, SIGN, ACKNOWLEDGE, EMPLOYEE_SIGN]


@pytest.mark.parametrize(
    ("row", "persona", "expected"),
    [(row, p, e) for row in PAGE_ROWS for p, e in row.answers.items()],
    ids=lambda x: x.name if isinstance(x, Row) else str(x),
)
def test_pages_are_read_by_the_employee_the_raters_and_the_readers_of_the_unit(
    client, world, row, persona, expected
):
    assert ask(client, world.personas, row, persona, world) == expected


@pytest.mark.parametrize(("persona", "expected"), RATE.cases())
def test_only_the_rater_of_record_rates(client, world, persona, expected):
    Evaluation.objects.filter(pk=world.staf).update(hasil_justification="lama")
    assert ask(client, world.personas, RATE, persona, world) == expected
    written = Evaluation.objects.get(pk=world.staf).hasil_justification
    assert written == ("Hasil sesuai target" if expected == 302 else "lama")


@pytest.mark.parametrize(("persona", "expected"), FINALISE.cases())
def test_only_the_rater_finalises(client, world, persona, expected):
    assert ask(client, world.personas, FINALISE, persona, world) == expected
    assert _status(world.staf) == ("finalised" if expected == 302 else "rated")


@pytest.mark.parametrize(("persona", "expected"), FINALISE_MANY.cases())
def test_only_the_rater_finalises_the_team_from_the_desk(client, world, persona, expected):
    assert ask(client, world.personas, FINALISE_MANY, persona, world) == expected
    assert _status(world.staf) == ("finalised" if persona == "kasi" else "rated")


@pytest.mark.parametrize(("persona", "expected"), SIGN.cases())
def test_only_the_rater_signs(client, world, persona, expected):
    assert ask(client, world.personas, SIGN, persona, world) == expected
    assert _status(world.kasi) == ("signed" if expected == 302 else "finalised")


@pytest.mark.parametrize(("persona", "expected"), ACKNOWLEDGE.cases())
def test_only_the_employee_acknowledges(client, world, persona, expected):
    assert ask(client, world.personas, ACKNOWLEDGE, persona, world) == expected
    assert _status(world.kabid) == ("acknowledged" if expected == 302 else "signed")


@pytest.mark.parametrize(("persona", "expected"), EMPLOYEE_SIGN.cases())
def test_only_the_employee_signs_their_own(client, world, persona, expected):
    assert ask(client, world.personas, EMPLOYEE_SIGN, persona, world) == expected
    assert _status(world.kadinkes) == ("completed" if expected == 302 else "acknowledged")


@pytest.mark.parametrize(
    ("day", "persona", "expected"),
    [
        ("deadline", "kasi", 302),
        ("deadline", "kabid", 403),
        ("after", "kasi", 403),
        ("after", "kabid", 302),
    ],
)
def test_on_the_deadline_day_the_rater_rates_and_the_day_after_the_superior(
    client, world, monkeypatch, day, persona, expected
):
    today = world.due.rater + datetime.timedelta(days=1 if day == "after" else 0)
    freeze_today(monkeypatch, today)
    assert ask(client, world.personas, RATE, persona, world) == expected
    evaluation = Evaluation.objects.get(pk=world.staf)
    assert evaluation.set_by_superior == (expected == 302 and persona == "kabid")


def test_the_rater_sees_the_team_on_the_desk_with_the_distribution(client, world):
    client.force_login(world.personas.users["kasi"])
    response = client.get(reverse("appraisals:desk", args=[world.q1]))
    rows = response.context["desk"].rows
    assert [r.evaluation.pk for r in rows] == [world.staf]
    assert response.context["desk"].warnings  # 1 of 1 Baik in a Baik unit
    assert b'data-testid="warnings"' in response.content


def test_the_explanation_shows_the_org_predikat_the_ratings_and_the_quadrant_cell(client, world):
    client.force_login(world.personas.users["staf"])
    response = client.get(reverse("appraisals:explanation", args=[world.staf]))
    body = response.content.decode()
    assert 'data-testid="quadrant-cell"' in body
    assert "Hasil sesuai target" not in body  # the ratings as the rater wrote them
    assert "Sebagian besar hasil sesuai target" in body


def test_the_explanation_s_title_names_the_page_and_the_employee_and_nothing_else(client, world):
    client.force_login(world.personas.users["staf"])
    response = client.get(reverse("appraisals:explanation", args=[world.staf]))
    body = response.content.decode()
    title = body[body.index("<title>") + len("<title>") : body.index("</title>")]
    employee = Evaluation.objects.select_related("employee").get(pk=world.staf).employee
    assert "<" not in title and title.endswith(f" · {employee.full_name} · Kinerja"), title
    assert body.count('data-testid="explanation-keberatan"') == 1


def test_the_head_of_the_unit_sees_each_rater_below_on_the_desk_and_not_their_own_rater(
    client, world
):
    client.force_login(world.personas.users["kadinkes"])
    response = client.get(reverse("appraisals:desk", args=[world.q1]))
    overview = {label: (counts, total) for label, counts, total in response.context["overview"]}
    people = world.personas.employees
    raters = {
        key: next(label for label in overview if people[key].full_name in label)
        for key in ("kasi", "kabid", "kadinkes")
    }
    assert len(overview) == 3
    assert overview[raters["kasi"]] == ({"Baik": 1}, 1)  # staf, rated Baik, by the predikat's label
    own = Evaluation.objects.get(employee=people["kadinkes"], period_id=world.q1)
    assert own.rater_label not in overview  # the head's own evaluation is not of the units below
    assert b'data-testid="unit-overview"' in response.content
    client.force_login(world.personas.users["kasi"])  # the seksi: its own rating of staf only
    response = client.get(reverse("appraisals:desk", args=[world.q1]))
    assert [label for label, _c, _t in response.context["overview"]] == [raters["kasi"]]
