"""The demo's public consultation forums at the small size."""

import datetime

import pytest
from django.urls import reverse

from kinerja.accounts.models import User
from kinerja.accounts.viewer import build_viewer
from kinerja.demo.tests.seeded import TODAY
from kinerja.forums import selectors
from kinerja.forums.models import Commitment, CommitmentStatus, Forum, ForumStatus
from kinerja.skp.tests.review_data import freeze_today


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    freeze_today(monkeypatch, TODAY)


def _user(demo, key):
    return User.objects.get(username=next(d.username for d in demo.logins if d.key == key))


def test_the_demo_has_two_years_of_forums_with_commitments_in_every_state(demo, db):
    forums = Forum.objects.filter(agency=demo.agency)
    assert {f.held_on.year for f in forums} == {2025, 2026}
    assert forums.filter(status=ForumStatus.DRAFT).count() == 1
    assert forums.values("unit").distinct().count() >= 4
    commitments = Commitment.objects.filter(agency=demo.agency, forum__status="published")
    done = commitments.filter(status=CommitmentStatus.DONE)
    assert done.count() > commitments.count() / 2
    late = [c for c in done if c.done_on > c.due_date]
    assert late
    overdue = commitments.filter(status__in=("planned", "in_progress"), due_date__lt=TODAY)
    assert overdue.exists()
    assert all(c.done_on <= TODAY for c in done)
    assert all(c.owner_label for c in commitments.select_related("owner_position"))


def test_the_demo_gives_a_figure_and_an_overview(demo, db, client):
    units = Forum.objects.filter(agency=demo.agency).values_list("unit_id", flat=True)
    figure = selectors.commitments_on_time(
        set(units), datetime.date(2025, 1, 1), datetime.date(2025, 12, 31), today=TODAY
    )
    assert figure.due > 0 and 0 < figure.share < 1
    rows = selectors.agency_overview(build_viewer(_user(demo, "pimpinan"), today=TODAY), 2025)
    assert rows and any(row.figure.share is not None for row in rows)
    client.force_login(_user(demo, "pimpinan"))
    assert client.get(reverse("forums:overview")).status_code == 200
    client.logout()
    assert client.get(reverse("forums_public:list")).status_code == 200
