"""Correcting and ending the decree of a study leave, and removing a semester's transcript:
who may, the boundaries of the dates (both ends of a leave are days of it), the semesters
already reported that pin the dates, and the audit trail."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.utils import translation

from kinerja.accounts import services as accounts
from kinerja.accounts.actors import PermissionDeniedError
from kinerja.accounts.models import Role
from kinerja.core.audit_labels import action_label
from kinerja.core.errors import ImmutableRecordError
from kinerja.core.models import AuditEvent
from kinerja.org.tests.personas import PASSWORD
from kinerja.results import services
from kinerja.results.models import SemesterEvidence, StudyLeave
from kinerja.results.tests.data import IN_MAY, D, plans, quarter, viewer
from kinerja.results.tests.study_world import semester, study_leave, transcript
from kinerja.skp.tests.factories import YEAR
from kinerja.skp.tests.review_data import freeze_today

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(personas, monkeypatch):
    plans(personas)
    freeze_today(monkeypatch, IN_MAY)
    return personas, study_leave(personas)


def _errors(call):
    with pytest.raises(ValidationError) as raised:
        call()
    return raised.value.message_dict


def _update(personas, leave, who="bkpsdm", **changes):
    return services.study_leave_update(actor=viewer(personas, who), leave=leave, **changes)


def _end(personas, leave, who="bkpsdm", **values):
    data = {"end_date": D(YEAR, 6, 30), "reason": "graduated"}
    data.update(values)
    return services.study_leave_end(actor=viewer(personas, who), leave=leave, **data)


def _record_for_dokter(personas, start, end=None):
    return services.study_leave_record(
        actor=viewer(personas, "bkpsdm"),
        employee=personas.employees["dokter"],
        start_date=start,
        end_date=end,
        institution="Universitas Airlangga",
        programme="Spesialis Penyakit Dalam",
        level="postgraduate",
        accreditation="A",
        total_semesters=8,
    )


def _other_unit_admin(personas):
    """An admin of the BKPSDM unit: not of Dinas Kesehatan, where the staf works."""
    user = accounts.user_create(
        actor=None,
        agency=personas.agency,
        username="admin_bkpsdm",
        password=PASSWORD,
        full_name="Admin Bkpsdm",
    )
    accounts.role_grant(actor=None, user=user, role=Role.ADMIN_UNIT, unit=personas.units["bkpsdm"])
    personas.users["admin_bkpsdm"] = user


# --- correcting the decree ------------------------------------------------------------------


def test_bkpsdm_corrects_the_decree_and_the_trail_keeps_before_and_after(world):
    personas, leave = world
    _update(
        personas,
        leave,
        institution=" Universitas Indonesia ",
        decree_number="800/123/BKPSDM/2026",
        total_semesters="10",
        end_date=D(YEAR + 3, 12, 31),
    )
    leave.refresh_from_db()
    assert leave.institution == "Universitas Indonesia" and leave.total_semesters == 10
    event = AuditEvent.objects.get(action="results.study_leave.changed")
    assert event.before["institution"] == "Universitas Gadjah Mada"
    assert event.after["decree_number"] == "800/123/BKPSDM/2026"
    assert event.after["end_date"] == f"{YEAR + 3}-12-31"
    assert event.actor == personas.users["bkpsdm"]


def test_the_unit_admin_corrects_only_the_fields_given(world):
    personas, leave = world
    _update(personas, leave, who="staf", programme="Magister Administrasi Publik")
    leave.refresh_from_db()
    assert leave.programme == "Magister Administrasi Publik"
    assert leave.institution == "Universitas Gadjah Mada" and leave.start_date == D(YEAR, 1, 1)


def test_a_correction_that_changes_nothing_records_no_event(world):
    personas, leave = world
    _update(personas, leave, institution="Universitas Gadjah Mada")
    assert not AuditEvent.objects.filter(action="results.study_leave.changed").exists()


@pytest.mark.parametrize("who", ["kasi", "dokter", "kabid", "auditor", "pimpinan", "outsider"])
def test_nobody_but_bkpsdm_and_the_units_admins_changes_or_ends_a_study_leave(world, who):
    personas, leave = world
    with pytest.raises(PermissionDeniedError):
        _update(personas, leave, who=who, institution="Lain")
    with pytest.raises(PermissionDeniedError):
        _end(personas, leave, who=who)
    leave.refresh_from_db()
    assert leave.institution == "Universitas Gadjah Mada" and not leave.is_ended


def test_the_admin_of_another_unit_changes_no_study_leave(world):
    personas, leave = world
    _other_unit_admin(personas)
    with pytest.raises(PermissionDeniedError):
        _update(personas, leave, who="admin_bkpsdm", institution="Lain")
    with pytest.raises(PermissionDeniedError):
        _end(personas, leave, who="admin_bkpsdm")


def test_a_wrong_field_is_a_field_error(world):
    personas, leave = world
    assert "institution" in _errors(lambda: _update(personas, leave, institution="  "))
    assert "level" in _errors(lambda: _update(personas, leave, level="s9"))
    assert "total_semesters" in _errors(lambda: _update(personas, leave, total_semesters="x"))
    with pytest.raises(TypeError):
        _update(personas, leave, employee=personas.employees["dokter"])


# --- the dates ------------------------------------------------------------------------------


def test_an_end_before_the_start_is_refused_on_the_end_date(world):
    personas, leave = world
    day_before = D(YEAR, 1, 1) - datetime.timedelta(days=1)
    assert "end_date" in _errors(lambda: _update(personas, leave, end_date=day_before))
    assert "end_date" in _errors(
        lambda: _record_for_dokter(personas, D(YEAR, 8, 1), D(YEAR, 7, 31))
    )
    assert not StudyLeave.objects.filter(employee=personas.employees["dokter"]).exists()


def test_an_end_on_the_start_day_is_a_study_leave_of_one_day(world):
    """Pinned: both ends are days of the leave, so the end may equal the start."""
    personas, _leave = world
    one_day = _record_for_dokter(personas, D(YEAR, 8, 1), D(YEAR, 8, 1))
    _update(personas, one_day, start_date=D(YEAR, 9, 1), end_date=D(YEAR, 9, 1))
    one_day.refresh_from_db()
    assert one_day.start_date == one_day.end_date == D(YEAR, 9, 1)
    later = _record_for_dokter(personas, D(YEAR, 10, 1))
    ended = _end(personas, later, end_date=D(YEAR, 10, 1))
    assert ended.end_date == D(YEAR, 10, 1) and ended.is_ended


def test_a_leave_may_start_the_day_after_another_ends_but_not_on_its_last_day(world):
    personas, _leave = world
    first = _record_for_dokter(personas, D(YEAR, 1, 1), D(YEAR, 6, 30))
    second = _record_for_dokter(personas, D(YEAR, 7, 1))  # the day after: allowed
    # The exact boundary day belongs to both: refused, on the field that moved into the other.
    assert "start_date" in _errors(lambda: _update(personas, second, start_date=D(YEAR, 6, 30)))
    assert "end_date" in _errors(lambda: _update(personas, first, end_date=D(YEAR, 7, 1)))
    assert "start_date" in _errors(lambda: _record_for_dokter(personas, D(YEAR, 6, 30)))
    # An open end reaches every later leave.
    assert "end_date" in _errors(lambda: _update(personas, first, end_date=None))
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.start_date == D(YEAR, 7, 1) and first.end_date == D(YEAR, 6, 30)


def test_a_leave_does_not_collide_with_itself_when_its_dates_move(world):
    personas, leave = world
    _update(personas, leave, start_date=D(YEAR, 1, 2), end_date=D(YEAR + 4, 1, 1))
    leave.refresh_from_db()
    assert leave.start_date == D(YEAR, 1, 2)


# --- semesters already reported pin the dates ------------------------------------------------


def test_the_start_cannot_pass_a_submitted_or_verified_semester(world):
    personas, leave = world
    q1 = quarter(personas, 1)
    services.semester_verify(actor=None, result=semester(personas, q1, 1, submit=True))
    with translation.override("en"):
        errors = _errors(lambda: _update(personas, leave, start_date=D(YEAR, 4, 1)))
    assert list(errors) == ["start_date"]
    assert "The start date cannot be later than 31 March 2026" in errors["start_date"][0]
    assert "semester 1" in errors["start_date"][0]
    # The last day of the quarter keeps the semester inside the leave: allowed.
    _update(personas, leave, start_date=D(YEAR, 3, 31))
    leave.refresh_from_db()
    assert leave.start_date == D(YEAR, 3, 31)


def test_the_end_cannot_come_before_a_submitted_semester(world):
    personas, leave = world
    q2 = quarter(personas, 2)
    semester(personas, q2, 2, submit=True)
    with translation.override("en"):
        errors = _errors(lambda: _update(personas, leave, end_date=D(YEAR, 3, 31)))
        end_errors = _errors(lambda: _end(personas, leave, end_date=D(YEAR, 3, 31)))
    assert "The end date cannot be earlier than 1 April 2026" in errors["end_date"][0]
    assert list(end_errors) == ["end_date"]
    leave.refresh_from_db()
    assert leave.end_date is None and not leave.is_ended
    _end(personas, leave, end_date=D(YEAR, 4, 1))  # the first day of the quarter: allowed


def test_a_draft_outside_the_new_dates_does_not_block_but_can_no_longer_be_submitted(world):
    personas, leave = world
    draft = semester(personas, quarter(personas, 2), 2)
    _end(personas, leave, end_date=D(YEAR, 3, 31))
    with pytest.raises(ValidationError) as raised:
        services.semester_submit(actor=viewer(personas, "staf"), result=draft)
    assert "period" in raised.value.message_dict
    draft.refresh_from_db()
    assert draft.status == "draft"


# --- ending early ----------------------------------------------------------------------------


def test_ending_early_records_the_day_the_reason_and_an_event(world):
    personas, leave = world
    _end(personas, leave, reason="other", note="Pindah ke program beasiswa LPDP")
    leave.refresh_from_db()
    assert leave.end_date == D(YEAR, 6, 30) and leave.end_reason == "other"
    assert leave.ended_by == personas.users["bkpsdm"] and leave.ended_at is not None
    event = AuditEvent.objects.get(action="results.study_leave.ended")
    assert event.before["end_date"] is None and event.after["end_date"] == f"{YEAR}-06-30"
    assert event.after["end_reason"] == "other"
    assert event.reason == "Pindah ke program beasiswa LPDP"


def test_ending_needs_a_day_a_reason_and_an_explanation_for_another_reason(world):
    personas, leave = world
    assert "end_date" in _errors(lambda: _end(personas, leave, end_date=None))
    assert "reason" in _errors(lambda: _end(personas, leave, reason=""))
    assert "reason" in _errors(lambda: _end(personas, leave, reason="bored"))
    assert "note" in _errors(lambda: _end(personas, leave, reason="other", note="  "))
    day_before = D(YEAR, 1, 1) - datetime.timedelta(days=1)
    assert "end_date" in _errors(lambda: _end(personas, leave, end_date=day_before))
    leave.refresh_from_db()
    assert (
        not leave.is_ended
        and not AuditEvent.objects.filter(action="results.study_leave.ended").exists()
    )


def test_ending_early_cannot_move_the_end_later_than_planned(world):
    personas, leave = world
    _update(personas, leave, end_date=D(YEAR + 3, 12, 31))
    errors = _errors(lambda: _end(personas, leave, end_date=D(YEAR + 4, 1, 1)))
    assert list(errors) == ["end_date"]
    ended = _end(personas, leave, end_date=D(YEAR + 3, 12, 31), reason="cancelled")
    assert ended.is_ended  # the planned last day itself: allowed


def test_an_ended_study_leave_is_final(world):
    personas, leave = world
    _end(personas, leave)
    with pytest.raises(ImmutableRecordError):
        _update(personas, leave, institution="Universitas Indonesia")
    with pytest.raises(ImmutableRecordError):
        _end(personas, leave, end_date=D(YEAR, 5, 31))
    leave.refresh_from_db()
    assert leave.institution == "Universitas Gadjah Mada" and leave.end_date == D(YEAR, 6, 30)
    assert AuditEvent.objects.filter(action="results.study_leave.ended").count() == 1


def test_the_semesters_before_an_early_end_are_still_reported(world):
    personas, leave = world
    _end(personas, leave, end_date=D(YEAR, 4, 15))
    result = semester(personas, quarter(personas, 2), 2, submit=True)
    assert result.study_leave_id == leave.pk and result.status == "submitted"


# --- removing a transcript -------------------------------------------------------------------


def _draft_with_transcript(personas):
    draft = semester(personas, quarter(personas, 2), 2, evidence_file=transcript())
    return draft, SemesterEvidence.objects.get(result=draft)


def test_the_employee_removes_a_file_of_a_draft_and_the_stored_file_goes_after_commit(
    world, django_capture_on_commit_callbacks
):
    personas, _leave = world
    draft, evidence = _draft_with_transcript(personas)
    name = evidence.file.name
    assert default_storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        services.semester_evidence_remove(actor=viewer(personas, "staf"), evidence=evidence)
    assert not SemesterEvidence.objects.filter(result=draft).exists()
    assert not default_storage.exists(name)
    event = AuditEvent.objects.get(action="results.semester_evidence.removed")
    assert event.before["original_name"] == "transkrip.pdf" and event.after is None
    assert event.actor == personas.users["staf"]


def test_a_returned_result_is_editable_so_its_file_can_be_removed(world):
    personas, _leave = world
    draft, evidence = _draft_with_transcript(personas)
    services.semester_submit(actor=viewer(personas, "staf"), result=draft)
    services.semester_return(actor=viewer(personas, "kasi"), result=draft, comment="Buram")
    services.semester_evidence_remove(actor=viewer(personas, "staf"), evidence=evidence)
    assert not SemesterEvidence.objects.filter(result=draft).exists()


def test_a_submitted_or_verified_result_keeps_its_files(world):
    personas, _leave = world
    draft, evidence = _draft_with_transcript(personas)
    staf = viewer(personas, "staf")
    services.semester_submit(actor=staf, result=draft)
    assert "status" in _errors(
        lambda: services.semester_evidence_remove(actor=staf, evidence=evidence)
    )
    services.semester_verify(actor=viewer(personas, "kasi"), result=draft)
    with pytest.raises(ImmutableRecordError):
        services.semester_evidence_remove(actor=staf, evidence=evidence)
    assert SemesterEvidence.objects.filter(pk=evidence.pk).exists()
    assert not AuditEvent.objects.filter(action="results.semester_evidence.removed").exists()


@pytest.mark.parametrize("who", ["kasi", "bkpsdm", "dokter"])
def test_only_the_employee_removes_their_file(world, who):
    personas, _leave = world
    _draft, evidence = _draft_with_transcript(personas)
    with pytest.raises(PermissionDeniedError):
        services.semester_evidence_remove(actor=viewer(personas, who), evidence=evidence)
    assert SemesterEvidence.objects.filter(pk=evidence.pk).exists()


# --- the trail speaks plainly ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "label"),
    [
        ("results.study_leave.changed", "Decree of a study leave (tugas belajar) corrected"),
        ("results.study_leave.ended", "Study leave (tugas belajar) ended early"),
        (
            "results.semester_evidence.removed",
            "Transcript or feedback of the institution removed",
        ),
    ],
)
def test_each_new_event_has_a_plain_label(action, label):
    with translation.override("en"):
        assert action_label(action) == label
    with translation.override("id"):
        assert action_label(action) not in (action, label)
