"""Who gets what from correcting and ending a study leave and removing a semester's transcript,
in the pages and the API: the permission table of the house.

Personas as in test_study_permissions (staf, on study leave, is also the admin of Dinas
Kesehatan), plus kabid, a leader two levels up, and admin_bkpsdm, the admin of another unit
of the agency (BKPSDM's own unit), who may not touch a Dinas Kesehatan employee's leave.
Semester 1 is verified, semester 2 submitted with its transcript, semester 3 a draft with one.
"""

import re

import pytest
from django.urls import reverse

from kinerja.accounts import services as accounts
from kinerja.accounts.models import Role
from kinerja.core.models import AuditEvent
from kinerja.core.tests.permission_table import Row, answers, api_answers, ask
from kinerja.org.tests.personas import PASSWORD
from kinerja.results import services
from kinerja.results.models import SemesterEvidence, SemesterResult, StudyLeave
from kinerja.results.tests.study_world import built_study_world, transcript

pytestmark = pytest.mark.django_db
API = "/api/v1/results"
OTHER_UNIT_ADMIN = "admin_bkpsdm"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with built_study_world(django_db_blocker, tmp_path_factory) as data:
        personas = data.personas
        user = accounts.user_create(
            actor=None,
            agency=personas.agency,
            username=OTHER_UNIT_ADMIN,
            password=PASSWORD,
            full_name="Admin BKPSDM",
        )
        accounts.role_grant(
            actor=None, user=user, role=Role.ADMIN_UNIT, unit=personas.units["bkpsdm"]
        )
        personas.users[OTHER_UNIT_ADMIN] = user
        draft_file = services.semester_evidence_add(
            actor=None,
            result=SemesterResult.objects.get(pk=data.draft),
            uploaded_file=transcript("draft.pdf"),
        )
        data.draft_file = draft_file.pk
        data.leave = StudyLeave.objects.get(employee_id=data.staf_id).pk
        yield data


@pytest.fixture(autouse=True)
def _private_media_root():
    """The transcripts stay in the module's folder (shared_data), where they were saved."""


def _leave(world) -> StudyLeave:
    return StudyLeave.objects.get(pk=world.leave)


# BKPSDM and the admins of the employee's unit (staf administers Dinas Kesehatan); the admin of
# another unit and every other role of the agency: 403; another agency: 404.
ADMINS_PAGE = answers(403, staf=200, bkpsdm=200, outsider=404, kabid=403, admin_bkpsdm=403)
ADMINS_POST = answers(403, staf=302, bkpsdm=302, outsider=404, kabid=403, admin_bkpsdm=403)
ADMINS_API = api_answers(403, staf=200, bkpsdm=200, outsider=404, kabid=403, admin_bkpsdm=403)

EDIT_PAGE = Row("results:study_leave_edit", ADMINS_PAGE, args=lambda w: [w.leave])
EDIT = Row(
    "results:study_leave_edit",
    ADMINS_POST,
    method="post",
    args=lambda w: [w.leave],
    body={
        "start_date": "2026-01-01",
        "institution": "Universitas Gadjah Mada",
        "programme": "Magister Kesehatan Masyarakat",
        "level": "s1",
        "accreditation": "B",
        "total_semesters": "8",
        "decree_number": "800/77/BKPSDM/2026",
    },
)
END = Row(
    "results:study_leave_end",
    ADMINS_POST,
    method="post",
    args=lambda w: [w.leave],
    body={"end_date": "2026-06-30", "reason": "graduated"},
)
# The employee's own editable result: others of the agency who see it get 403, those who do not
# see it 404 (as for adding the transcript).
OWNER_WRITES = answers(403, staf=302, dokter=404, outsider=404, kabid=403, admin_bkpsdm=404)
FILE_REMOVE = Row(
    "results:semester_evidence_remove",
    OWNER_WRITES,
    method="post",
    args=lambda w: [w.draft_file],
)

API_PUT = Row(
    f"PUT {API}/study-leaves/{{leave_id}}",
    ADMINS_API,
    args=lambda w: {"leave_id": w.leave},
    body={
        "start_date": "2026-01-01",
        "end_date": None,
        "institution": "Universitas Gadjah Mada",
        "programme": "Magister Kesehatan Masyarakat",
        "level": "s1",
        "accreditation": "B",
        "total_semesters": 8,
        "decree_number": "800/77/BKPSDM/2026",
    },
)
API_PATCH = Row(
    f"PATCH {API}/study-leaves/{{leave_id}}",
    ADMINS_API,
    args=lambda w: {"leave_id": w.leave},
    body={"decree_number": "800/77/BKPSDM/2026"},
)
API_END = Row(
    f"POST {API}/study-leaves/{{leave_id}}/end",
    ADMINS_API,
    args=lambda w: {"leave_id": w.leave},
    body={"end_date": "2026-06-30", "reason": "graduated"},
)
API_FILE_DELETE = Row(
    f"DELETE {API}/semester-files/{{file_id}}",
    api_answers(403, staf=200, dokter=404, outsider=404, kabid=403, admin_bkpsdm=404),
    args=lambda w: {"file_id": w.draft_file},
)

PERMISSION_ROWS = [EDIT_PAGE, EDIT, END, FILE_REMOVE, API_PUT, API_PATCH, API_END, API_FILE_DELETE]


@pytest.mark.parametrize(("persona", "expected"), EDIT_PAGE.cases())
def test_only_bkpsdm_and_the_units_admins_open_the_change_page(client, world, persona, expected):
    assert ask(client, world.personas, EDIT_PAGE, persona, world) == expected


@pytest.mark.parametrize(("row", "done"), [(EDIT, 302), (API_PUT, 200), (API_PATCH, 200)])
@pytest.mark.parametrize("persona", list(ADMINS_POST))
def test_only_bkpsdm_and_the_units_admins_correct_the_decree(client, world, row, done, persona):
    expected = row.answers[persona]
    assert ask(client, world.personas, row, persona, world) == expected
    changed = _leave(world).decree_number == "800/77/BKPSDM/2026"
    assert changed == (expected == done)
    events = AuditEvent.objects.filter(action="results.study_leave.changed").count()
    assert events == (1 if expected == done else 0)


@pytest.mark.parametrize(("row", "done"), [(END, 302), (API_END, 200)])
@pytest.mark.parametrize("persona", list(ADMINS_POST))
def test_only_bkpsdm_and_the_units_admins_end_a_study_leave(client, world, row, done, persona):
    expected = row.answers[persona]
    assert ask(client, world.personas, row, persona, world) == expected
    leave = _leave(world)
    assert leave.is_ended == (expected == done)
    assert (leave.end_reason == "graduated") == (expected == done)
    events = AuditEvent.objects.filter(action="results.study_leave.ended").count()
    assert events == (1 if expected == done else 0)


@pytest.mark.parametrize(("row", "done"), [(FILE_REMOVE, 302), (API_FILE_DELETE, 200)])
@pytest.mark.parametrize("persona", list(OWNER_WRITES))
def test_only_the_employee_removes_a_transcript(client, world, row, done, persona):
    expected = row.answers[persona]
    assert ask(client, world.personas, row, persona, world) == expected
    assert SemesterEvidence.objects.filter(pk=world.draft_file).exists() == (expected != done)


# --- what the pages and the API say when the rules refuse ------------------------------------


def _login(client, world, who):
    client.force_login(world.personas.users[who])


def test_the_submitted_semesters_file_is_refused_by_the_page_and_the_api(client, world):
    _login(client, world, "staf")
    response = client.post(reverse("results:semester_evidence_remove", args=[world.transcript]))
    assert response.status_code == 302
    answer = client.delete(f"{API}/semester-files/{world.transcript}")
    assert answer.status_code == 400
    assert SemesterEvidence.objects.filter(pk=world.transcript).exists()


def test_the_verified_semester_pins_the_start_on_the_field(client, world):
    _login(client, world, "bkpsdm")
    url = reverse("results:study_leave_edit", args=[world.leave])
    response = client.post(url, {**EDIT.body, "start_date": "2026-04-01"})
    assert response.status_code == 400
    assert "start_date" in response.context["form"].errors
    assert response.context["form"]["decree_number"].value() == "800/77/BKPSDM/2026"
    answer = client.patch(
        f"{API}/study-leaves/{world.leave}", {"start_date": "2026-04-01"}, "application/json"
    )
    assert answer.status_code == 400 and "start_date" in str(answer.json())
    assert _leave(world).start_date.isoformat() == "2026-01-01"


def test_an_end_before_the_start_is_a_field_error_of_the_end_form(client, world):
    _login(client, world, "staf")
    url = reverse("results:study_leave_end", args=[world.leave])
    response = client.post(url, {"end_date": "2025-12-31", "reason": "cancelled"})
    assert response.status_code == 400
    assert "end_date" in response.context["end_form"].errors
    assert not _leave(world).is_ended


def test_an_ended_leave_answers_409_and_its_page_offers_no_form(client, world):
    _login(client, world, "bkpsdm")
    assert client.post(reverse("results:study_leave_end", args=[world.leave]), END.body)
    page = client.get(reverse("results:study_leave_edit", args=[world.leave]))
    html = page.content.decode()
    assert 'data-testid="study-leave-ended"' in html and "study-leave-edit-form" not in html
    answer = client.patch(
        f"{API}/study-leaves/{world.leave}", {"institution": "Lain"}, "application/json"
    )
    assert answer.status_code == 409
    again = client.post(f"{API}/study-leaves/{world.leave}/end", END.body, "application/json")
    assert again.status_code == 409
    listing = client.get(reverse("results:study_leaves", args=[world.staf_id])).content.decode()
    assert "study-leave-edit-link" not in listing


def test_the_pages_ask_before_ending_or_removing(client, world):
    _login(client, world, "bkpsdm")
    listing = client.get(reverse("results:study_leaves", args=[world.staf_id])).content.decode()
    assert reverse("results:study_leave_edit", args=[world.leave]) in listing
    page = client.get(reverse("results:study_leave_edit", args=[world.leave])).content.decode()
    end_form = re.search(r'<form[^>]*data-testid="study-leave-end-form"[^>]*>', page)
    assert end_form and "data-confirm=" in end_form.group(0)
    _login(client, world, "staf")
    semester = client.get(reverse("results:semester", args=[world.draft])).content.decode()
    assert 'data-testid="semester-file-remove" data-confirm=' in semester
    submitted = client.get(reverse("results:semester", args=[world.submitted])).content.decode()
    assert "semester-file-remove" not in submitted
