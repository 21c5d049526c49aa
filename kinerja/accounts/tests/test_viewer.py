"""The viewer's posts: read once per request, or taken from a caller that read them already."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.accounts.viewer import build_viewer
from kinerja.org import selectors as org

pytestmark = pytest.mark.django_db


def test_remembered_posts_are_the_posts_held_today_and_cost_no_query(personas):
    user = personas.users["kasi"]
    expected = build_viewer(user).held_positions
    viewer = build_viewer(user)
    running = [a for a in org.assignment_history(user.employee) if a.covers(viewer.today)]
    viewer.remember_positions(a.position for a in running + running)  # duplicates collapse
    with CaptureQueriesContext(connection) as queries:
        held = viewer.held_positions
    assert [p.pk for p in held] == [p.pk for p in expected]
    assert len(queries.captured_queries) == 0


def test_posts_already_read_are_not_replaced_by_remembered_ones(personas):
    viewer = build_viewer(personas.users["kasi"])
    read = viewer.held_positions
    assert read
    viewer.remember_positions([])
    assert viewer.held_positions == read
