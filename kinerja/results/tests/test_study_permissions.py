"""Who gets what from the pages and the API of academic results of study leave: the permission
table of the house.

Personas as in test_views_permissions: anonymous; dokter, a pegawai of another unit; kasi, the
rater of staf; staf, the employee on study leave and the admin of Dinas Kesehatan; kabid, a
leader two levels up; bkpsdm; pimpinan; auditor; outsider, the BKPSDM admin of another agency.
Semester 1 is verified, semester 2 submitted with its transcript, semester 3 a draft.
"""

import pytest
from django.urls import reverse

from kinerja.core.tests.permission_table import ANONYMOUS, Row, answer_of, answers, api_answers, ask
from kinerja.results.models import SemesterEvidence, SemesterResult
from kinerja.results.tests.study_world import built_study_world, transcript

pytestmark = pytest.mark.django_db
API = "/api/v1/results"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with built_study_world(django_db_blocker, tmp_path_factory) as data:
        yield data


@pytest.fixture(autouse=True)
def _private_media_root():
    """The transcripts stay in the module's folder (shared_data), where they were saved."""


def _status(pk) -> str:
    return SemesterResult.objects.get(pk=pk).status


READ = answers(200, dokter=404, outsider=404, kabid=200)
PERIOD = Row("results:period", READ, args=lambda w: [w.staf_id, w.q2], label="study")
SEMESTER = Row("results:semester", READ, args=lambda w: [w.submitted])
DOWNLOAD = Row("results:semester_evidence_download", READ, args=lambda w: [w.transcript])

OWNER_WRITES = answers(403, staf=302, dokter=404, outsider=404, kabid=403)
SAVE = Row(
    "results:semester_save",
    OWNER_WRITES,
    method="post",
    args=lambda w: [w.staf_id, w.q2],
    body={"semester": "4", "ipk": "3,10", "sks_taken": "18", "sks_passed": "18"},
)
SUBMIT = Row("results:semester_submit", OWNER_WRITES, method="post", args=lambda w: [w.draft])
FILE_ADD = Row(
    "results:semester_evidence_add",
    OWNER_WRITES,
    method="post",
    args=lambda w: [w.draft],
    body=lambda w: {"file": transcript()},
)
RATER_DECIDES = answers(403, kasi=302, dokter=404, outsider=404, kabid=403)
VERIFY = Row("results:semester_verify", RATER_DECIDES, method="post", args=lambda w: [w.submitted])
RETURN = Row(
    "results:semester_return",
    RATER_DECIDES,
    method="post",
    args=lambda w: [w.submitted],
    body={"comment": "Transkrip belum dilegalisir"},
)
CORRECT = Row(
    "results:semester_correct",
    RATER_DECIDES,
    method="post",
    args=lambda w: [w.verified],
    body={"ipk": "3,55", "sks_taken": "20", "sks_passed": "20", "reason": "Salah ketik"},
)

API_LIST = Row(f"GET {API}/semesters", api_answers(200))
API_DETAIL = Row(
    f"GET {API}/semesters/{{semester_id}}",
    api_answers(200, dokter=404, outsider=404, kabid=200),
    args=lambda w: {"semester_id": w.submitted},
)
API_SAVE = Row(
    f"POST {API}/semesters",
    # only one's own study leave is writable: others are not on study leave
    api_answers(400, staf=200, pimpinan=404, kabid=400),
    body=lambda w: {
        "period": w.q2,
        "semester": 4,
        "ipk": "3.10",
        "sks_taken": 18,
        "sks_passed": 18,
    },
)
API_OWNER = api_answers(403, staf=200, dokter=404, outsider=404, kabid=403)
API_SUBMIT = Row(
    f"POST {API}/semesters/{{semester_id}}/submit",
    API_OWNER,
    args=lambda w: {"semester_id": w.draft},
)
API_FILE = Row(
    f"POST {API}/semesters/{{semester_id}}/files",
    API_OWNER,
    args=lambda w: {"semester_id": w.draft},
    body=lambda w: {"file": transcript()},
)
API_RATER = api_answers(403, kasi=200, dokter=404, outsider=404, kabid=403)
API_VERIFY = Row(
    f"POST {API}/semesters/{{semester_id}}/verify",
    API_RATER,
    args=lambda w: {"semester_id": w.submitted},
)
API_RETURN = Row(
    f"POST {API}/semesters/{{semester_id}}/return",
    API_RATER,
    args=lambda w: {"semester_id": w.submitted},
    body={"comment": "Transkrip belum dilegalisir"},
)
API_CORRECT = Row(
    f"POST {API}/semesters/{{semester_id}}/correct",
    API_RATER,
    args=lambda w: {"semester_id": w.verified},
    body={"ipk": "3.55", "sks_taken": 20, "sks_passed": 20, "reason": "Salah ketik"},
)

API_LEAVE = Row(
    f"POST {API}/study-leaves",
    # dokter works in Dinas Kesehatan, administered by staf; outside the agency: 404
    api_answers(403, staf=200, bkpsdm=200, outsider=404),
    body=lambda w: {
        "employee": w.personas.employees["dokter"].pk,
        "start_date": "2026-08-01",
        "institution": "Universitas Airlangga",
        "programme": "Spesialis Penyakit Dalam",
        "level": "postgraduate",
        "accreditation": "A",
        "total_semesters": 8,
    },
)

PAGE_ROWS = [PERIOD, SEMESTER, DOWNLOAD]
# The decree of tugas belajar: BKPSDM and the admins of the employee's unit (staf administers
# Dinas Kesehatan) record it; the employee reads their own.
LEAVES = Row(
    "results:study_leaves",
    answers(403, staf=200, bkpsdm=200, outsider=404),
    args=lambda w: [w.staf_id],
)
LEAVES_OF_DOKTER = Row(
    "results:study_leaves",
    answers(403, dokter=200, staf=200, bkpsdm=200, outsider=404),
    args=lambda w: [w.personas.employees["dokter"].pk],
    label="own",
)
LEAVE_RECORD = Row(
    "results:study_leaves",
    answers(403, staf=302, bkpsdm=302, outsider=404),
    method="post",
    args=lambda w: [w.personas.employees["dokter"].pk],
    body={
        "start_date": "2026-08-01",
        "institution": "Universitas Airlangga",
        "programme": "Spesialis Penyakit Dalam",
        "level": "postgraduate",
        "accreditation": "A",
        "total_semesters": "8",
    },
)

PERMISSION_ROWS = [
    LEAVES,
    LEAVES_OF_DOKTER,
    LEAVE_RECORD,
    *PAGE_ROWS,
    SAVE,
    SUBMIT,
    FILE_ADD,
    VERIFY,
    RETURN,
    CORRECT,
    API_LIST,
    API_DETAIL,
    API_SAVE,
    API_SUBMIT,
    API_FILE,
    API_VERIFY,
    API_RETURN,
    API_CORRECT,
    API_LEAVE,
]


def ask_multipart(client, personas, row, persona, data):
    """`ask` for an API operation that takes a multipart file."""
    client.logout()
    if persona != ANONYMOUS:
        client.force_login(personas.users[persona])
    return answer_of(client.post(row.url(data), row.body(data)))


@pytest.mark.parametrize(
    ("row", "persona", "expected"),
    [(row, p, e) for row in [*PAGE_ROWS, API_LIST, API_DETAIL] for p, e in row.answers.items()],
    ids=lambda x: x.name if isinstance(x, Row) else str(x),
)
def test_pages_and_reads_go_to_the_readers_of_the_employees_results(
    client, world, row, persona, expected
):
    assert ask(client, world.personas, row, persona, world) == expected


@pytest.mark.parametrize(("row", "done"), [(SAVE, 302), (API_SAVE, 200)])
@pytest.mark.parametrize("persona", list(OWNER_WRITES))
def test_only_the_employee_reports_a_semester(client, world, row, done, persona):
    expected = row.answers[persona]
    assert ask(client, world.personas, row, persona, world) == expected
    assert SemesterResult.objects.filter(semester=4).exists() == (expected == done)


@pytest.mark.parametrize(("row", "done"), [(SUBMIT, 302), (API_SUBMIT, 200)])
@pytest.mark.parametrize("persona", list(OWNER_WRITES))
def test_only_the_employee_submits(client, world, row, done, persona):
    expected = row.answers[persona]
    assert ask(client, world.personas, row, persona, world) == expected
    assert _status(world.draft) == ("submitted" if expected == done else "draft")


@pytest.mark.parametrize(("row", "done"), [(FILE_ADD, 302), (API_FILE, 200)])
@pytest.mark.parametrize("persona", list(OWNER_WRITES))
def test_only_the_employee_adds_the_transcript(client, world, row, done, persona):
    expected = row.answers[persona]
    asker = ask if not row.is_api else ask_multipart
    assert asker(client, world.personas, row, persona, world) == expected
    count = SemesterEvidence.objects.filter(result_id=world.draft).count()
    assert count == (1 if expected == done else 0)


@pytest.mark.parametrize(("row", "done"), [(VERIFY, 302), (API_VERIFY, 200)])
@pytest.mark.parametrize("persona", list(RATER_DECIDES))
def test_only_the_rater_verifies(client, world, row, done, persona):
    expected = row.answers[persona]
    assert ask(client, world.personas, row, persona, world) == expected
    assert _status(world.submitted) == ("verified" if expected == done else "submitted")


@pytest.mark.parametrize(("row", "done"), [(RETURN, 302), (API_RETURN, 200)])
@pytest.mark.parametrize("persona", list(RATER_DECIDES))
def test_only_the_rater_returns(client, world, row, done, persona):
    expected = row.answers[persona]
    assert ask(client, world.personas, row, persona, world) == expected
    assert _status(world.submitted) == ("returned" if expected == done else "submitted")


@pytest.mark.parametrize(("row", "done"), [(CORRECT, 302), (API_CORRECT, 200)])
@pytest.mark.parametrize("persona", list(RATER_DECIDES))
def test_only_the_rater_corrects(client, world, row, done, persona):
    expected = row.answers[persona]
    assert ask(client, world.personas, row, persona, world) == expected
    version = SemesterResult.objects.get(pk=world.verified).version
    assert version == (2 if expected == done else 1)


def test_the_period_page_shows_the_semesters_in_place_of_the_rhk(client, world):
    client.force_login(world.personas.users["staf"])
    response = client.get(reverse("results:period", args=[world.staf_id, world.q2]))
    html = response.content.decode()
    assert 'data-testid="study-leave"' in html and 'data-testid="semester-form"' in html
    assert 'data-testid="entry-form"' not in html
    assert html.count('data-testid="semester-row"') == 3
    assert "Butuh Perbaikan" not in html  # the guidance of semester 1 (3.52, uni B) is Baik
    assert response.context["page"].study.predikat == "Baik"


def test_the_rater_sees_the_semester_to_verify(client, world):
    client.force_login(world.personas.users["kasi"])
    response = client.get(reverse("results:to_verify"))
    assert [s.pk for s in response.context["semesters"]] == [world.submitted]
    client.force_login(world.personas.users["kabid"])
    assert list(client.get(reverse("results:to_verify")).context["semesters"]) == []


def test_a_bad_ipk_on_the_page_is_a_field_error_not_a_500(client, world):
    client.force_login(world.personas.users["staf"])
    response = client.post(
        reverse("results:semester_save", args=[world.staf_id, world.q2]),
        {"semester": "4", "ipk": "4,5", "sks_taken": "18", "sks_passed": "20"},
    )
    assert response.status_code == 400
    form = response.context["page"].study.form
    assert form.errors["ipk"]


def test_the_api_list_is_scoped(client, world):
    for persona, sees in [("staf", True), ("kasi", True), ("dokter", False), ("auditor", True)]:
        client.force_login(world.personas.users[persona])
        ids = {row["id"] for row in client.get(f"{API}/semesters").json()["items"]}
        assert (world.submitted in ids) is sees


@pytest.mark.parametrize(("persona", "expected"), API_LEAVE.cases())
def test_only_the_admins_of_the_employee_record_a_study_leave(client, world, persona, expected):
    from kinerja.results.models import StudyLeave

    assert ask(client, world.personas, API_LEAVE, persona, world) == expected
    dokter = world.personas.employees["dokter"]
    assert StudyLeave.objects.filter(employee=dokter).exists() == (expected == 200)


@pytest.mark.parametrize(
    ("row", "persona", "expected"),
    [(row, p, e) for row in (LEAVES, LEAVES_OF_DOKTER) for p, e in row.answers.items()],
    ids=lambda x: x.name if isinstance(x, Row) else str(x),
)
def test_study_leaves_are_read_by_the_employee_and_the_admins(
    client, world, row, persona, expected
):
    assert ask(client, world.personas, row, persona, world) == expected


@pytest.mark.parametrize("persona", list(LEAVE_RECORD.answers))
def test_only_bkpsdm_and_the_unit_admin_record_a_study_leave(client, world, persona):
    from kinerja.results.models import StudyLeave

    dokter = world.personas.employees["dokter"]
    expected = LEAVE_RECORD.answers[persona]
    assert ask(client, world.personas, LEAVE_RECORD, persona, world) == expected
    assert StudyLeave.objects.filter(employee=dokter).exists() == (expected == 302)


def test_a_study_leave_overlapping_another_is_refused_on_the_field(client, world):
    client.force_login(world.personas.users["bkpsdm"])
    url = reverse("results:study_leaves", args=[world.staf_id])
    response = client.post(url, {**LEAVE_RECORD.body, "start_date": "2026-01-01"})
    assert response.status_code == 400
    assert "start_date" in response.context["form"].errors
    assert response.context["form"]["institution"].value() == "Universitas Airlangga"


def test_the_year_page_links_the_study_leaves_for_the_admin_and_the_employee(client, world):
    for who, shown in (("bkpsdm", True), ("kasi", False)):
        client.force_login(world.personas.users[who])
        page = client.get(reverse("results:periods", args=[world.staf_id, 2026]))
        assert (b'data-testid="study-leaves-link"' in page.content) == shown, who
