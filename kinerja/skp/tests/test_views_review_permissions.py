"""Who gets what from the rater's pages: the permission table of the house.

Roles (personas): anon; pegawai = dokter (another unit); atasan = kasi (rates staf); admin_unit =
staf (admin of Dinas Kesehatan, and the owner of the plan under review); bkpsdm; pimpinan;
auditor; outsider = BKPSDM admin of another agency. The plan is staf's, submitted, in January
(before the deadline, so only the rater decides). "login" is a redirect to the login page;
302 after a POST is the redirect that follows a successful action.
"""

import pytest
from django.urls import reverse

from kinerja.skp.tests.factories import chain_of_plans
from kinerja.skp.tests.review_data import IN_JANUARY, freeze_today, submit

pytestmark = pytest.mark.django_db

ROLES = ["anon", "pegawai", "atasan", "admin_unit", "bkpsdm", "pimpinan", "auditor", "outsider"]
USER_OF_ROLE = {
    "pegawai": "dokter",
    "atasan": "kasi",
    "admin_unit": "staf",
    "bkpsdm": "bkpsdm",
    "pimpinan": "pimpinan",
    "auditor": "auditor",
    "outsider": "outsider",
}


@pytest.fixture
def plan(personas, monkeypatch):
    freeze_today(monkeypatch, IN_JANUARY)
    return submit(chain_of_plans(personas)["staf"])


def _table(**answers):
    return [(role, answers[role]) for role in ROLES]


def _request(client, personas, role, method, url, data=None):
    if role != "anon":
        client.force_login(personas.users[USER_OF_ROLE[role]])
    if method == "get":
        return client.get(url)
    return client.post(url, data or {})


def _expect(response, expected):
    if expected == "login":
        assert response.status_code == 302
        assert "/akun/masuk/" in response["Location"]
    else:
        assert response.status_code == expected


@pytest.mark.parametrize(
    ("role", "expected"), _table(**{**dict.fromkeys(ROLES, 200), "anon": "login"})
)
def test_every_user_has_an_inbox_scoped_to_themselves(client, personas, plan, role, expected):
    response = _request(client, personas, role, "get", reverse("skp:inbox"))
    _expect(response, expected)
    if expected == 200:
        waiting = [row.skp.pk for row in response.context["inbox"].waiting]
        assert waiting == ([plan.pk] if role == "atasan" else [])


REVIEW = _table(
    anon="login",
    pegawai=404,
    atasan=200,
    admin_unit=403,
    bkpsdm=403,
    pimpinan=403,
    auditor=403,
    outsider=404,
)


@pytest.mark.parametrize(("role", "expected"), REVIEW)
def test_only_the_rater_and_the_raters_superior_open_the_review(
    client, personas, plan, role, expected
):
    _expect(
        _request(client, personas, role, "get", reverse("skp:review", args=[plan.pk])), expected
    )


@pytest.mark.parametrize(("role", "expected"), [(r, 302 if e == 200 else e) for r, e in REVIEW])
def test_only_the_rater_sets_the_plan(client, personas, plan, role, expected):
    url = reverse("skp:review", args=[plan.pk])
    _expect(_request(client, personas, role, "post", url, {"action": "set"}), expected)
    plan.refresh_from_db()
    assert plan.status == ("set" if role == "atasan" else "submitted")


@pytest.mark.parametrize(("role", "expected"), [(r, 302 if e == 200 else e) for r, e in REVIEW])
def test_only_the_rater_returns_the_plan(client, personas, plan, role, expected):
    url = reverse("skp:review", args=[plan.pk])
    data = {"action": "return", "comment": "Perbaiki"}
    _expect(_request(client, personas, role, "post", url, data), expected)
    plan.refresh_from_db()
    assert plan.status == ("returned" if role == "atasan" else "submitted")


@pytest.mark.parametrize(
    ("role", "expected"),
    _table(
        anon="login",
        pegawai=404,
        atasan=302,
        admin_unit=302,  # the owner of the plan
        bkpsdm=403,
        pimpinan=403,
        auditor=403,
        outsider=404,
    ),
)
def test_the_owner_and_the_rater_write_in_the_dialogue(client, personas, plan, role, expected):
    url = reverse("skp:comment_add", args=[plan.pk])
    _expect(_request(client, personas, role, "post", url, {"text": "Catatan"}), expected)
    assert plan.comments.count() == (1 if expected == 302 else 0)


def test_the_comment_endpoint_refuses_get(client, personas, plan):
    client.force_login(personas.users["kasi"])
    assert client.get(reverse("skp:comment_add", args=[plan.pk])).status_code == 405
