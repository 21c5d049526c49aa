"""Who gets what from the rater's pages: the permission table of the house.

Personas: anonymous; dokter, a pegawai of another unit; kasi, the atasan who rates staf; staf,
admin of Dinas Kesehatan and the owner of the plan under review; bkpsdm; pimpinan; auditor;
outsider, the BKPSDM admin of another agency. The plan is staf's, submitted, in January
(before the deadline, so only the rater decides). "login" is a redirect to the login page;
302 after a POST is the redirect that follows a successful action.
"""

from dataclasses import dataclass

import pytest
from django.urls import reverse

from kinerja.core.tests.permission_table import Row, answers, ask, shared_data
from kinerja.org.tests.personas import build_personas
from kinerja.skp.models import Skp
from kinerja.skp.tests.factories import chain_of_plans
from kinerja.skp.tests.review_data import IN_JANUARY, freeze_today, submit

pytestmark = pytest.mark.django_db


@dataclass(repr=False)
class World:
    personas: object
    plan_pk: int

    def plan(self) -> Skp:
        return Skp.objects.get(pk=self.plan_pk)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch, shared_data(django_db_blocker, tmp_path_factory):
        freeze_today(patch, IN_JANUARY)
        personas = build_personas()
        yield World(personas, submit(chain_of_plans(personas)["staf"]).pk)


def _plan(world):
    return [world.plan_pk]


INBOX = Row("skp:inbox", answers(200))


@pytest.mark.parametrize(("persona", "expected"), INBOX.cases())
def test_every_user_has_an_inbox_scoped_to_themselves(client, world, persona, expected):
    answer = ask(client, world.personas, INBOX, persona, world)
    assert answer == expected
    if expected == 200:
        response = client.get(reverse("skp:inbox"))
        waiting = [row.skp.pk for row in response.context["inbox"].waiting]
        assert waiting == ([world.plan_pk] if persona == "kasi" else [])


# Only the rater (and the rater's superior, after the deadline) opens the review.
REVIEW = answers(403, dokter=404, kasi=200, outsider=404)
REVIEW_PAGE = Row("skp:review", REVIEW, args=_plan)


@pytest.mark.parametrize(("persona", "expected"), REVIEW_PAGE.cases())
def test_only_the_rater_and_the_raters_superior_open_the_review(client, world, persona, expected):
    answer = ask(client, world.personas, REVIEW_PAGE, persona, world)
    assert answer == expected


DECIDED = {**REVIEW, "kasi": 302}
SET = Row("skp:review", DECIDED, method="post", args=_plan, body={"action": "set"}, label="set")
RETURN = Row(
    "skp:review",
    DECIDED,
    method="post",
    args=_plan,
    body={"action": "return", "comment": "Perbaiki"},
    label="return",
)


@pytest.mark.parametrize(("persona", "expected"), SET.cases())
def test_only_the_rater_sets_the_plan(client, world, persona, expected):
    answer = ask(client, world.personas, SET, persona, world)
    assert answer == expected
    assert world.plan().status == ("set" if persona == "kasi" else "submitted")


@pytest.mark.parametrize(("persona", "expected"), RETURN.cases())
def test_only_the_rater_returns_the_plan(client, world, persona, expected):
    answer = ask(client, world.personas, RETURN, persona, world)
    assert answer == expected
    assert world.plan().status == ("returned" if persona == "kasi" else "submitted")


COMMENT = Row(
    "skp:comment_add",
    # the owner of the plan (staf) and its rater write in the dialogue
    answers(403, dokter=404, kasi=302, staf=302, outsider=404),
    method="post",
    args=_plan,
    body={"text": "Catatan"},
)


@pytest.mark.parametrize(("persona", "expected"), COMMENT.cases())
def test_the_owner_and_the_rater_write_in_the_dialogue(client, world, persona, expected):
    answer = ask(client, world.personas, COMMENT, persona, world)
    assert answer == expected
    assert world.plan().comments.count() == (1 if expected == 302 else 0)


PERMISSION_ROWS = [INBOX, REVIEW_PAGE, SET, RETURN, COMMENT]


def test_the_comment_endpoint_refuses_get(client, world):
    client.force_login(world.personas.users["kasi"])
    assert client.get(reverse("skp:comment_add", args=[world.plan_pk])).status_code == 405
