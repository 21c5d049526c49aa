"""Who gets what from the feedback pages and API: the permission table of the house.

Personas (kinerja/org/tests/personas.py): anonymous; dokter, a pegawai of another unit who
may give staf feedback but not read staf's; kasi, staf's leader (rater); staf, the employee,
also admin of Dinas Kesehatan; bkpsdm; pimpinan, a login without an employee record; auditor;
outsider, the BKPSDM admin of another agency. The request is staf's, asked of dokter.
"""

import pytest

from kinerja.core.tests.permission_table import (
    Row,
    answers,
    api_answers,
    ask,
    shared_data,
    table_cases,
)
from kinerja.feedback import services
from kinerja.feedback.models import (
    Feedback,
    FeedbackRequest,
    FeedbackSettings,
    ScheduledFeedback,
)
from kinerja.feedback.tests.data import TODAY, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch, shared_data(django_db_blocker, tmp_path_factory):
        world = build_world(patch)
        world.request_pk = services.feedback_request_create(
            actor=None, employee=world.e["staf"], asked=world.e["dokter"]
        ).pk
        yield world


def _staf(world):
    return [world.e["staf"].pk]


def _request(world):
    return [world.request_pk]


GIVE_BODY = {"text": "Laporan rapi dan tepat waktu.", "kind": "incidental", "channel": "direct"}

HOME = Row("feedback:home", answers(200))
COVERAGE = Row("feedback:coverage", answers(200, dokter=403))
EMPLOYEE = Row("feedback:employee", answers(200, dokter=404, outsider=404), args=_staf)
GIVE_PAGE = Row("feedback:give", answers(200, staf=404, pimpinan=403, outsider=404), args=_staf)
GIVE = Row(
    "feedback:give",
    answers(302, staf=404, pimpinan=403, outsider=404),
    method="post",
    args=_staf,
    body=GIVE_BODY,
)
REQUEST_PAGE = Row("feedback:request", answers(200, pimpinan=403))
REQUEST = Row(
    "feedback:request",
    answers(302, pimpinan=403, outsider=400),
    method="post",
    body=lambda w: {"asked": w.e["kabid"].pk, "core_value": "adaptif"},
)
DECLINE = Row("feedback:request_decline", answers(404, dokter=302), method="post", args=_request)
SCHEDULE_PAGE = Row(
    "feedback:schedule", answers(403, kasi=200, dokter=404, outsider=404), args=_staf
)
SCHEDULE = Row(
    "feedback:schedule",
    answers(403, kasi=302, dokter=404, outsider=404),
    method="post",
    args=_staf,
    body={"dates": ""},
)

SETTINGS_PAGE = Row("feedback:settings", answers(403, bkpsdm=200, outsider=200))
SETTINGS = Row(
    "feedback:settings",
    answers(403, bkpsdm=302, outsider=302),
    method="post",
    body={"anonymity_threshold": "4"},
)

API_RECEIVED = Row(
    "GET /api/v1/feedback/received",
    api_answers(200, dokter=404, outsider=404),
    query=lambda w: {"employee": w.e["staf"].pk},
)
API_GIVE = Row(
    "POST /api/v1/feedback",
    api_answers(200, staf=400, pimpinan=403, outsider=400),
    body=lambda w: {"employee": w.e["staf"].pk, "text": "Bagus"},
)
API_REQUEST = Row(
    "POST /api/v1/feedback/requests",
    api_answers(200, pimpinan=403, outsider=400),
    body=lambda w: {"asked": w.e["kabid"].pk},
)
API_DECLINE = Row(
    "POST /api/v1/feedback/requests/{request_id}/decline",
    api_answers(404, dokter=200),
    args=lambda w: {"request_id": w.request_pk},
)
API_SCHEDULE = Row(
    "PUT /api/v1/feedback/schedules/{employee_id}",
    api_answers(403, kasi=200, dokter=404, outsider=404),
    args=lambda w: {"employee_id": w.e["staf"].pk},
    body={"year": TODAY.year, "dates": []},
)
API_COVERAGE = Row("GET /api/v1/feedback/coverage", api_answers(200, dokter=403))

PERMISSION_ROWS = [
    HOME,
    COVERAGE,
    EMPLOYEE,
    GIVE_PAGE,
    GIVE,
    REQUEST_PAGE,
    REQUEST,
    DECLINE,
    SCHEDULE_PAGE,
    SCHEDULE,
    SETTINGS_PAGE,
    SETTINGS,
    API_RECEIVED,
    API_GIVE,
    API_REQUEST,
    API_DECLINE,
    API_SCHEDULE,
    API_COVERAGE,
]

WRITES = {
    GIVE.name: lambda: Feedback.objects.count(),
    API_GIVE.name: lambda: Feedback.objects.count(),
    REQUEST.name: lambda: FeedbackRequest.objects.count(),
    API_REQUEST.name: lambda: FeedbackRequest.objects.count(),
    DECLINE.name: lambda: FeedbackRequest.objects.filter(status="declined").count(),
    API_DECLINE.name: lambda: FeedbackRequest.objects.filter(status="declined").count(),
    SCHEDULE.name: lambda: ScheduledFeedback.objects.count(),
    SETTINGS.name: lambda: FeedbackSettings.objects.count(),
    API_SCHEDULE.name: lambda: ScheduledFeedback.objects.count(),
}


@pytest.mark.parametrize(("row", "persona", "expected"), table_cases(PERMISSION_ROWS))
def test_feedback_permission_table(client, world, row, persona, expected):
    count = WRITES.get(row.name)
    before = count() if count else None
    assert ask(client, world.personas, row, persona, world) == expected
    if count:
        changed = count() != before
        assert changed == (expected in (200, 302)), "a write happens exactly when allowed"
