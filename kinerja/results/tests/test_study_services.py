"""The workflow of academic results of study leave: entry by the employee, verification,
return with a comment and correction with a reason as a new version, each audited."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.accounts.actors import PermissionDeniedError
from kinerja.core.errors import ImmutableRecordError
from kinerja.core.models import AuditEvent
from kinerja.results import services
from kinerja.results.models import SemesterResult
from kinerja.results.tests.data import IN_MAY, plans, quarter, viewer
from kinerja.results.tests.study_world import study_leave, transcript
from kinerja.skp.tests.review_data import freeze_today

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(personas, monkeypatch):
    plans(personas)
    freeze_today(monkeypatch, IN_MAY)
    study_leave(personas)
    return personas, quarter(personas, 2)


def _save(personas, period, **values):
    data = {"semester": 1, "ipk": "3,25", "sks_taken": "20", "sks_passed": "18"}
    data.update(values)
    return services.semester_save(
        actor=viewer(personas, "staf"), employee=personas.employees["staf"], period=period, **data
    )


def _errors(call):
    with pytest.raises(ValidationError) as raised:
        call()
    return raised.value.message_dict


def test_the_employee_reports_a_semester_with_a_decimal_comma(world):
    personas, q2 = world
    result = _save(personas, q2)
    assert str(result.ipk) == "3.25" and result.sks_passed == 18
    assert result.rater_id == personas.employees["kasi"].pk
    assert AuditEvent.objects.filter(action="results.semester.entered").count() == 1


@pytest.mark.parametrize(
    ("ipk", "field"),
    [("4.01", "ipk"), ("-1", "ipk"), ("NaN", "ipk"), ("inf", "ipk"), ("3.251", "ipk"), ("", "ipk")],
)
def test_an_ipk_outside_0_to_4_or_not_a_plain_number_is_a_field_error(world, ipk, field):
    personas, q2 = world
    assert field in _errors(lambda: _save(personas, q2, ipk=ipk))
    assert not SemesterResult.objects.exists()


def test_more_credits_passed_than_taken_is_refused(world):
    personas, q2 = world
    assert "sks_passed" in _errors(lambda: _save(personas, q2, sks_taken="10", sks_passed="12"))
    assert "sks_taken" in _errors(lambda: _save(personas, q2, sks_taken="x"))


def test_an_employee_not_on_study_leave_reports_no_semester(world):
    personas, q2 = world
    errors = _errors(
        lambda: services.semester_save(
            actor=viewer(personas, "dokter"),
            employee=personas.employees["dokter"],
            period=q2,
            semester=1,
            ipk="3",
            sks_taken=1,
            sks_passed=1,
        )
    )
    assert "period" in errors


def test_nobody_else_reports_for_the_employee(world):
    personas, q2 = world
    with pytest.raises(PermissionDeniedError):
        services.semester_save(
            actor=viewer(personas, "kasi"),
            employee=personas.employees["staf"],
            period=q2,
            semester=1,
            ipk="3",
            sks_taken=1,
            sks_passed=1,
        )


def test_submit_return_correct_and_verify_as_the_realisations_do(world):
    personas, q2 = world
    kasi = viewer(personas, "kasi")
    result = _save(personas, q2, evidence_file=transcript(), submit=True)
    assert result.status == "submitted" and result.evidence.count() == 1
    with pytest.raises(PermissionDeniedError):
        services.semester_verify(actor=viewer(personas, "staf"), result=result)
    assert "comment" in _errors(
        lambda: services.semester_return(actor=kasi, result=result, comment=" ")
    )
    services.semester_return(actor=kasi, result=result, comment="Transkrip belum dilegalisir")
    result = _save(personas, q2, ipk="3.30", submit=True)
    result = services.semester_verify(actor=kasi, result=result)
    assert result.version == 1
    with pytest.raises(ImmutableRecordError):
        _save(personas, q2, ipk="3.90")
    assert "reason" in _errors(
        lambda: services.semester_correct(
            actor=kasi, result=result, reason="", ipk="3.31", sks_taken=20, sks_passed=18
        )
    )
    result = services.semester_correct(
        actor=kasi,
        result=result,
        reason="Salah baca transkrip",
        ipk="3.31",
        sks_taken=20,
        sks_passed=18,
    )
    assert result.version == 2
    assert [v.kind for v in result.versions.order_by("version")] == ["verified", "corrected"]
    actions = list(
        AuditEvent.objects.filter(object_type="results.semesterresult").values_list(
            "action", flat=True
        )
    )
    assert actions.count("results.semester.returned") == 1
    assert actions[0] == "results.semester.corrected"  # newest first


def test_a_wrong_transcript_file_is_a_field_error_and_nothing_is_kept(world):
    personas, q2 = world
    html = SimpleUploadedFile("transkrip.pdf", b"<html>not a pdf</html>", "application/pdf")
    assert "file" in _errors(lambda: _save(personas, q2, evidence_file=html))
    assert not SemesterResult.objects.exists()


def test_a_study_leave_is_recorded_by_the_admins_only(world):
    personas, _q2 = world
    with pytest.raises(PermissionDeniedError):
        services.study_leave_record(
            actor=viewer(personas, "kasi"),
            employee=personas.employees["dokter"],
            start_date=IN_MAY,
            institution="Universitas Airlangga",
            programme="Kedokteran",
            level="postgraduate",
            accreditation="A",
            total_semesters=4,
        )
    leave = services.study_leave_record(
        actor=viewer(personas, "bkpsdm"),
        employee=personas.employees["dokter"],
        start_date=IN_MAY,
        institution="Universitas Airlangga",
        programme="Kedokteran",
        level="postgraduate",
        accreditation="A",
        total_semesters=4,
    )
    assert leave.pk
    assert "start_date" in _errors(
        lambda: services.study_leave_record(
            actor=None,
            employee=personas.employees["dokter"],
            start_date=IN_MAY,
            institution="Lain",
            programme="Lain",
            level="s1",
            accreditation="A",
            total_semesters=8,
        )
    )


def _count(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(("who", "page"), [("staf", "period"), ("kasi", "to_verify")])
def test_the_study_pages_read_a_fixed_number_of_queries(client, world, who, page):
    personas, q2 = world
    url = (
        reverse("results:period", args=[personas.employees["staf"].pk, q2.pk])
        if page == "period"
        else reverse("results:to_verify")
    )
    client.force_login(personas.users[who])

    def grow(numbers):
        for n in numbers:
            _save(personas, q2, semester=n, evidence_file=transcript(f"t{n}.pdf"), submit=True)

    grow([1])
    small = _count(client, url)
    grow([2, 3, 4, 5])
    assert _count(client, url) == small


def test_beranda_asks_the_rater_to_verify_and_the_employee_to_correct(world):
    from kinerja.results import todo

    personas, q2 = world
    result = _save(personas, q2, submit=True)
    kasi, staf = viewer(personas, "kasi"), viewer(personas, "staf")
    [waiting] = [i for i in todo.todo_items(kasi) if i.key == "results.semesters_to_verify"]
    assert waiting.count == 1
    services.semester_return(actor=kasi, result=result, comment="Transkrip belum ada")
    [returned] = [i for i in todo.todo_items(staf) if i.key == "results.semester_returned"]
    assert returned.url == reverse("results:semester", args=[result.pk])
    assert not [i for i in todo.todo_items(kasi) if i.key == "results.semesters_to_verify"]
