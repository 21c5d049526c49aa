"""Who gets what from the survey API, scoped like the pages, and what it answers.

Personas as in the pages' tables: staf, bkpsdm and kapus write the follow-up plan; dokter,
pimpinan and auditor read the puskesmas' results; kasi and outsider do not see them.
"""

import datetime
import json

import pytest

from kinerja.core.tests.permission_table import Row, api_answers, ask, shared_data, table_cases
from kinerja.surveys.models import FollowupAction, FollowupProgress
from kinerja.surveys.services import followup as followup_services
from kinerja.surveys.services import reports as report_services
from kinerja.surveys.tests import factories as f
from kinerja.surveys.tests.data import YEAR, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch, shared_data(django_db_blocker, tmp_path_factory):
        world = build_world(patch)
        f.responses(world.pkm, datetime.date(YEAR, 2, 10), f.same(3, 2))
        f.responses(world.pkm, datetime.date(YEAR, 4, 10), f.same(4, 2))
        world.action = followup_services.followup_create(
            actor=None,
            unit=world.pkm.pk,
            year=YEAR,
            kind="quarter",
            number=2,
            element="waktu",
            action="Menambah loket",
            due_date=datetime.date(YEAR, 6, 30),
            owner_text="Tim loket",
        )
        report = report_services.report_draft(
            actor=None, unit=world.pkm.pk, year=YEAR, kind="quarter", number=1
        )
        world.report = report_services.report_approve(actor=None, report=report.pk)
        yield world


Q2 = {"year": YEAR, "kind": "quarter", "number": 2}
WRITERS = {"staf": 200, "bkpsdm": 200, "kapus": 200}
NOT_SEEN = {"kasi": 404, "outsider": 404}
PLAN = {"element": "sarana", "action": "Memasang kipas", "due_date": f"{YEAR}-07-31"}


def _unit(world):
    return {"unit_id": world.pkm.pk}


def _action(world):
    return {"followup_id": world.action.pk}


RESULTS = Row(
    "GET /api/v1/surveys/units/{unit_id}/results",
    api_answers(200, **NOT_SEEN),
    args=_unit,
    query=Q2,
)
REGENCY = Row(
    "GET /api/v1/surveys/regency",
    api_answers(200, dokter=403, kasi=403, kapus=403),
    query=Q2,
)
FOLLOWUPS = Row(
    "GET /api/v1/surveys/units/{unit_id}/followups",
    api_answers(200, **NOT_SEEN),
    args=_unit,
    query=Q2,
)
CREATE = Row(
    "POST /api/v1/surveys/units/{unit_id}/followups",
    api_answers(403, **NOT_SEEN, **WRITERS),
    args=_unit,
    body={**PLAN, **Q2, "owner_text": "Tim sarana"},
)
UPDATE = Row(
    "PUT /api/v1/surveys/followups/{followup_id}",
    api_answers(403, **NOT_SEEN, **WRITERS),
    args=_action,
    body={**PLAN, "owner_text": "Tim sarana"},
)
PROGRESS = Row(
    "POST /api/v1/surveys/followups/{followup_id}/progress",
    api_answers(403, **NOT_SEEN, **WRITERS),
    args=_action,
    body={"note": "Loket kedua dibuka"},
)
REPORTS = Row(
    "GET /api/v1/surveys/reports",
    api_answers(403, bkpsdm=200, pimpinan=200, auditor=200, outsider=200, kapus=403),
)
REPORT = Row(
    "GET /api/v1/surveys/reports/{report_id}",
    api_answers(200, **NOT_SEEN, kapus=200),
    args=lambda w: {"report_id": w.report.pk},
)

PERMISSION_ROWS = [RESULTS, REGENCY, FOLLOWUPS, CREATE, UPDATE, PROGRESS, REPORTS, REPORT]

WRITES = {
    CREATE.name: lambda: FollowupAction.objects.count(),
    UPDATE.name: lambda: FollowupAction.objects.filter(element="sarana").count(),
    PROGRESS.name: lambda: FollowupProgress.objects.count(),
}


@pytest.mark.parametrize(("row", "persona", "expected"), table_cases(PERMISSION_ROWS))
def test_survey_api_permission_table(client, world, row, persona, expected):
    count = WRITES.get(row.name)
    before = count() if count else None
    assert ask(client, world.personas, row, persona, world) == expected
    if count:
        assert (count() != before) == (expected == 200), "a write happens exactly when allowed"


def post(client, url, body, method="post"):
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


def test_the_results_and_the_published_report(client, world):
    client.force_login(world.users["auditor"])
    found = client.get(f"/api/v1/surveys/units/{world.pkm.pk}/results", Q2).json()
    assert found["figures"]["ikm_100"] == "100.00" and found["figures"]["grade"] == "A"
    listed = client.get("/api/v1/surveys/reports").json()
    assert listed["count"] == 1 and listed["items"][0]["ikm_100"] == "75.00"
    detail = client.get(f"/api/v1/surveys/reports/{world.report.pk}").json()
    assert detail["snapshot"]["figures"]["respondents"] == 2 and detail["version"] == 1


def test_writes_map_errors_like_the_pages(client, world):
    client.force_login(world.users["staf"])
    url = f"/api/v1/surveys/units/{world.pkm.pk}/followups"
    answer = post(client, url, {**PLAN, **Q2, "owner_text": "198301092008041003"})
    assert answer.status_code == 400 and "owner_text" in answer.json()["detail"]
    answer = post(client, url, {**PLAN, "year": YEAR, "kind": "quarter", "number": 7})
    assert answer.status_code == 400 and "number" in answer.json()["detail"]
    followup_services.followup_drop(actor=None, followup=world.action.pk, reason="Batal")
    answer = post(
        client, f"/api/v1/surveys/followups/{world.action.pk}/progress", {"note": "Lanjut"}
    )
    assert answer.status_code == 409
