"""The demo's continuous feedback at the small size."""

import pytest

from kinerja.accounts.models import User
from kinerja.accounts.viewer import build_viewer
from kinerja.demo.tests.seeded import TODAY
from kinerja.feedback import selectors
from kinerja.feedback.models import Feedback, ScheduledFeedback
from kinerja.skp.tests.review_data import freeze_today


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    freeze_today(monkeypatch, TODAY)


def _viewer(demo, key):
    user = User.objects.get(username=next(d.username for d in demo.logins if d.key == key))
    return build_viewer(user, today=TODAY)


def test_the_demo_has_scheduled_and_incidental_feedback(demo, db):
    counts = demo.counts["feedback"]
    assert counts["scheduled_done"] > 0 and counts["incidental"] > 0
    assert Feedback.objects.filter(agency=demo.agency, kind="scheduled").count() == (
        ScheduledFeedback.objects.filter(agency=demo.agency, feedback__isnull=False).count()
    )


def test_some_leaders_are_behind_schedule(demo, db):
    assert demo.counts["feedback"]["leaders_behind"] > 0
    team = selectors.team_coverage(_viewer(demo, "atasan"), TODAY.year)
    assert {row.state for row in team} & {"none", "overdue"}
    units = selectors.unit_coverage(_viewer(demo, "bkpsdm"), TODAY.year)
    assert any(row.behind for row in units)


def test_the_demo_logins_have_requests_to_answer(demo, db):
    assert selectors.open_requests_count(_viewer(demo, "atasan")) == 1
    assert selectors.open_requests_count(_viewer(demo, "pegawai")) == 1


def test_anonymous_peer_feedback_is_shown_only_where_enough_people_gave_it(demo, db):
    anonymous = Feedback.objects.filter(agency=demo.agency, is_anonymous=True)
    by_employee = {}
    for row in anonymous:
        by_employee.setdefault(row.employee_id, set()).add(row.giver_id)
    assert sorted(len(givers) for givers in by_employee.values()) == [2, 3]


def test_the_seed_is_deterministic(demo, db):
    texts = list(
        Feedback.objects.filter(agency=demo.agency).order_by("pk").values_list("text", flat=True)
    )
    assert (
        len(texts)
        == demo.counts["feedback"]["scheduled_done"] + (demo.counts["feedback"]["incidental"])
    )
