"""Who gets what from the follow-up plan's pages, and what the pages show.

Personas as in test_results_permissions_table: staf administers the Dinas Kesehatan above the
puskesmas, kapus heads the puskesmas, bkpsdm is a BKPSDM admin: they write the plan; dokter
(working in the puskesmas), pimpinan and auditor read it; kasi and outsider do not see it.
"""

import datetime

import pytest
from django.urls import reverse

from kinerja.core.tests.permission_table import Row, answers, ask, shared_data, table_cases
from kinerja.surveys.models import FollowupAction, FollowupProgress, FollowupStatus
from kinerja.surveys.services import followup as services
from kinerja.surveys.tests import factories as f
from kinerja.surveys.tests.data import YEAR, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch, shared_data(django_db_blocker, tmp_path_factory):
        world = build_world(patch)
        f.responses(world.pkm, datetime.date(YEAR, 4, 10), [[3, 3, 3, 3, 3, 3, 3, 1, 3]])
        world.action = services.followup_create(
            actor=None,
            unit=world.pkm.pk,
            year=YEAR,
            kind="quarter",
            number=2,
            element="pengaduan",
            action="Membuka kotak pengaduan daring",
            due_date=datetime.date(YEAR, 5, 1),
            owner_text="Tim pengaduan",
        )
        yield world


PERIOD = {"year": YEAR, "kind": "quarter", "number": 2}
WRITERS = {"staf": 200, "bkpsdm": 200, "kapus": 200}
DONE = {"staf": 302, "bkpsdm": 302, "kapus": 302}


def _unit(world):
    return [world.pkm.pk]


def _action(world):
    return [world.action.pk]


PLAN = {
    "element": "pengaduan",
    "action": "Menambah petugas",
    "owner_text": "Tim loket",
    "due_date": f"{YEAR}-06-30",
}
CREATE_PAGE = Row(
    "surveys:followup_create",
    answers(403, kasi=404, outsider=404, **WRITERS),
    args=_unit,
    query=PERIOD,
)
CREATE = Row(
    "surveys:followup_create",
    answers(403, kasi=404, outsider=404, **DONE),
    method="post",
    args=_unit,
    query=PERIOD,
    body=PLAN,
)
DETAIL = Row(
    "surveys:followup_detail", answers(200, kasi=404, outsider=404, kapus=200), args=_action
)
EDIT_PAGE = Row(
    "surveys:followup_edit", answers(403, kasi=404, outsider=404, **WRITERS), args=_action
)
EDIT = Row(
    "surveys:followup_edit",
    answers(403, kasi=404, outsider=404, **DONE),
    method="post",
    args=_action,
    body={**PLAN, "element": "waktu"},
)
PROGRESS = Row(
    "surveys:followup_progress",
    answers(403, kasi=404, outsider=404, **DONE),
    method="post",
    args=_action,
    body={"day": f"{YEAR}-05-10", "note": "Kotak dipasang"},
)
COMPLETE = Row(
    "surveys:followup_complete",
    answers(403, kasi=404, outsider=404, **DONE),
    method="post",
    args=_action,
    body={"done_on": f"{YEAR}-05-10", "note": ""},
)
DROP = Row(
    "surveys:followup_drop",
    answers(403, kasi=404, outsider=404, **DONE),
    method="post",
    args=_action,
    body={"reason": "Anggaran dialihkan"},
)

PERMISSION_ROWS = [CREATE_PAGE, CREATE, DETAIL, EDIT_PAGE, EDIT, PROGRESS, COMPLETE, DROP]

WRITES = {
    CREATE.name: lambda: FollowupAction.objects.count(),
    EDIT.name: lambda: FollowupAction.objects.filter(element="waktu").count(),
    PROGRESS.name: lambda: FollowupProgress.objects.count(),
    COMPLETE.name: lambda: FollowupAction.objects.filter(status=FollowupStatus.DONE).count(),
    DROP.name: lambda: FollowupAction.objects.filter(status=FollowupStatus.DROPPED).count(),
}


@pytest.mark.parametrize(("row", "persona", "expected"), table_cases(PERMISSION_ROWS))
def test_followup_permission_table(client, world, row, persona, expected):
    count = WRITES.get(row.name)
    before = count() if count else None
    assert ask(client, world.personas, row, persona, world) == expected
    if count:
        assert (count() != before) == (expected == 302), "a write happens exactly when allowed"


def test_the_results_page_shows_the_plan_and_offers_it_to_its_writers(client, world):
    url = reverse("surveys:results_unit", args=[world.pkm.pk])
    client.force_login(world.users["staf"])
    html = client.get(url, PERIOD).content.decode()
    assert 'data-testid="followup-plan"' in html and "Tim pengaduan" in html
    assert 'data-testid="followup-add"' in html and "badge-warn" in html  # overdue
    client.force_login(world.users["dokter"])
    html = client.get(url, PERIOD).content.decode()
    assert "Tim pengaduan" in html and 'data-testid="followup-add"' not in html


def test_the_form_suggests_the_weakest_element_and_keeps_bad_input(client, world):
    client.force_login(world.users["kapus"])
    url = reverse("surveys:followup_create", args=[world.pkm.pk])
    html = client.get(url, PERIOD).content.decode()
    assert 'value="pengaduan" selected' in html and "★" in html
    response = client.post(
        f"{url}?year={YEAR}&kind=quarter&number=2",
        {**PLAN, "owner_text": "198301092008041003"},
    )
    assert response.status_code == 400
    assert "198301092008041003" in response.content.decode()


def test_dropping_without_a_reason_is_refused_on_the_page(client, world):
    client.force_login(world.users["staf"])
    response = client.post(reverse("surveys:followup_drop", args=[world.action.pk]), {"reason": ""})
    assert response.status_code == 400
    world.action.refresh_from_db()
    assert world.action.status == FollowupStatus.PLANNED


def test_the_index_lists_overdue_actions_to_their_handlers(client, world):
    client.force_login(world.users["kapus"])
    html = client.get(reverse("surveys:results_index")).content.decode()
    assert 'data-testid="overdue"' in html
    client.force_login(world.users["auditor"])
    html = client.get(reverse("surveys:results_index")).content.decode()
    assert 'data-testid="overdue"' not in html
