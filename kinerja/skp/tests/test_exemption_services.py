"""Recording who is not subject to SKP planning, and what that does to plans.

Personas: staf administers Dinas Kesehatan (kadinkes, kabid, kasi, staf, dokter); bkpsdm the
whole agency; outsider is the BKPSDM admin of another agency.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from kinerja.accounts.viewer import build_viewer
from kinerja.core.errors import PermissionDeniedError
from kinerja.core.models import AuditEvent
from kinerja.skp import services
from kinerja.skp.models import PlanExemption, Skp
from kinerja.skp.selectors_exemptions import exemption_of
from kinerja.skp.tests.factories import YEAR, start_skp

pytestmark = pytest.mark.django_db

TODAY = datetime.date(YEAR, 3, 10)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _viewer(personas, key):
    return build_viewer(personas.users[key], today=TODAY)


def _record(personas, key="dokter", actor="bkpsdm", **fields):
    fields.setdefault("reason", "cltn")
    fields.setdefault("start_date", datetime.date(YEAR, 2, 1))
    return services.exemption_record(
        actor=_viewer(personas, actor), employee=personas.employees[key], **fields
    )


def _field_error(excinfo, field):
    return excinfo.value.message_dict[field][0]


def test_bkpsdm_records_an_exemption_with_an_audit_event(personas):
    exemption = _record(personas, decree_number=" 800/12/BKPSDM/2026 ", note="Cuti besar")
    assert exemption.agency == personas.agency
    assert exemption.created_by == personas.users["bkpsdm"]
    assert exemption.decree_number == "800/12/BKPSDM/2026"
    event = AuditEvent.objects.get(action="skp.exemption.recorded")
    assert event.actor == personas.users["bkpsdm"]
    assert event.after["reason"] == "cltn"
    assert event.after["employee_id"] == personas.employees["dokter"].pk


def test_a_unit_admin_records_for_people_of_their_units_only(personas):
    assert _record(personas, "kasi", actor="staf").employee == personas.employees["kasi"]
    with pytest.raises(ValidationError) as excinfo:
        _record(personas, "auditor", actor="staf")
    assert "employee" in excinfo.value.message_dict


@pytest.mark.parametrize("actor", ["dokter", "kabid", "kadinkes", "pimpinan", "auditor"])
def test_other_roles_may_not_record(personas, actor):
    with pytest.raises(PermissionDeniedError):
        _record(personas, actor=actor)
    assert not PlanExemption.objects.exists()


def test_an_admin_of_another_agency_cannot_record_for_our_employee(personas):
    with pytest.raises(ValidationError) as excinfo:
        _record(personas, actor="outsider")
    assert "employee" in excinfo.value.message_dict


def test_the_end_must_not_be_before_the_start(personas):
    with pytest.raises(ValidationError) as excinfo:
        _record(personas, end_date=datetime.date(YEAR, 1, 31))
    assert "before the start" in _field_error(excinfo, "end_date")


def test_the_reason_must_be_one_of_the_choices(personas):
    with pytest.raises(ValidationError) as excinfo:
        _record(personas, reason="tugas_belajar")
    assert "reason" in excinfo.value.message_dict


def test_the_start_date_is_required(personas):
    with pytest.raises(ValidationError) as excinfo:
        _record(personas, start_date=None)
    assert "start_date" in excinfo.value.message_dict


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (datetime.date(YEAR, 6, 1), None),  # inside an open one
        (datetime.date(YEAR - 1, 6, 1), datetime.date(YEAR, 2, 1)),  # ending on its first day
        (datetime.date(YEAR - 1, 6, 1), None),  # open, starting before
    ],
)
def test_exemptions_of_one_employee_must_not_overlap(personas, start, end):
    _record(personas, start_date=datetime.date(YEAR, 2, 1))
    with pytest.raises(ValidationError) as excinfo:
        _record(personas, reason="mpp", start_date=start, end_date=end)
    assert "overlaps" in _field_error(excinfo, "start_date")


def test_an_exemption_may_follow_an_ended_one(personas):
    first = _record(personas, end_date=datetime.date(YEAR, 2, 28))
    second = _record(personas, reason="mpp", start_date=datetime.date(YEAR, 3, 1))
    assert {first.pk, second.pk} == set(PlanExemption.objects.values_list("pk", flat=True))
    assert _record(personas, "kasi", start_date=datetime.date(YEAR, 2, 1)).pk  # another person


def test_ending_an_exemption_is_audited_as_ended(personas):
    exemption = _record(personas)
    services.exemption_end(
        actor=_viewer(personas, "staf"), exemption=exemption, end_date=datetime.date(YEAR, 3, 31)
    )
    exemption.refresh_from_db()
    assert exemption.end_date == datetime.date(YEAR, 3, 31)
    event = AuditEvent.objects.get(action="skp.exemption.ended")
    assert event.before["end_date"] is None
    assert event.after["end_date"] == f"{YEAR}-03-31"


def test_ending_before_the_start_is_refused_on_the_end_date(personas):
    exemption = _record(personas)
    with pytest.raises(ValidationError) as excinfo:
        services.exemption_end(
            actor=_viewer(personas, "bkpsdm"),
            exemption=exemption,
            end_date=datetime.date(YEAR, 1, 1),
        )
    assert "end_date" in excinfo.value.message_dict
    exemption.refresh_from_db()
    assert exemption.end_date is None


def test_an_update_may_not_create_an_overlap(personas):
    _record(personas, end_date=datetime.date(YEAR, 2, 28))
    later = _record(personas, reason="mpp", start_date=datetime.date(YEAR, 4, 1))
    with pytest.raises(ValidationError) as excinfo:
        services.exemption_update(
            actor=_viewer(personas, "bkpsdm"),
            exemption=later,
            start_date=datetime.date(YEAR, 2, 15),
        )
    assert "start_date" in excinfo.value.message_dict


def test_a_correction_is_audited_with_before_and_after(personas):
    exemption = _record(personas)
    services.exemption_update(
        actor=_viewer(personas, "bkpsdm"), exemption=exemption, reason="mpp", decree_number="X/1"
    )
    event = AuditEvent.objects.get(action="skp.exemption.updated")
    assert (event.before["reason"], event.after["reason"]) == ("cltn", "mpp")
    assert event.after["decree_number"] == "X/1"


def test_a_unit_admin_cannot_change_an_exemption_outside_their_units(personas):
    exemption = _record(personas, "auditor")
    with pytest.raises(ValidationError):
        services.exemption_update(actor=_viewer(personas, "staf"), exemption=exemption, note="x")
    with pytest.raises(ValidationError):
        services.exemption_delete(actor=_viewer(personas, "staf"), exemption=exemption)
    assert PlanExemption.objects.filter(pk=exemption.pk, note="").exists()


def test_a_mistaken_record_is_deleted_with_an_audit_event(personas):
    exemption = _record(personas)
    services.exemption_delete(actor=_viewer(personas, "bkpsdm"), exemption=exemption)
    assert not PlanExemption.objects.exists()
    event = AuditEvent.objects.get(action="skp.exemption.deleted")
    assert event.before["reason"] == "cltn"
    assert event.object_id == str(exemption.pk)


# --- effect on plans --------------------------------------------------------------------------


def test_no_skp_is_started_for_an_exempt_employee(personas):
    _record(personas, reason="mpp", start_date=datetime.date(YEAR - 1, 11, 1))
    with pytest.raises(ValidationError) as excinfo:
        start_skp(personas, "dokter")
    message = _field_error(excinfo, "employee")
    assert "not subject to SKP planning" in message
    assert "Pre-retirement leave (MPP)" in message
    assert f"01-11-{YEAR - 1}" in message
    assert not Skp.objects.filter(employee=personas.employees["dokter"]).exists()


def test_the_refusal_names_the_end_of_a_closed_exemption(personas):
    _record(personas, start_date=datetime.date(YEAR, 1, 1), end_date=datetime.date(YEAR, 6, 30))
    with pytest.raises(ValidationError) as excinfo:
        start_skp(personas, "dokter")
    assert f"01-01-{YEAR}" in _field_error(excinfo, "employee")
    assert f"30-06-{YEAR}" in _field_error(excinfo, "employee")


def test_a_plan_starts_once_the_exemption_is_over(personas):
    _record(personas, start_date=datetime.date(YEAR - 1, 1, 1), end_date=datetime.date(YEAR, 1, 5))
    assert start_skp(personas, "dokter").employee == personas.employees["dokter"]


def test_an_exemption_of_another_employee_does_not_stop_their_plan(personas):
    _record(personas, "kasi", start_date=datetime.date(YEAR, 1, 1))
    assert start_skp(personas, "dokter").pk


def test_recording_an_exemption_does_not_change_existing_plans(personas):
    skp = start_skp(personas, "dokter")
    before = (skp.status, skp.start_date, skp.end_date, skp.is_latest)
    _record(personas, start_date=datetime.date(YEAR, 2, 1))
    skp.refresh_from_db()
    assert (skp.status, skp.start_date, skp.end_date, skp.is_latest) == before
    assert exemption_of(personas.employees["dokter"].pk, TODAY) is not None
