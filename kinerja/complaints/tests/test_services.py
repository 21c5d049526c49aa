"""The services of complaints: filing, recording, routing, the due dates in working days,
responses, the citizen's reopening and confirmation, reminders and escalations, settings,
and each refusal."""

import datetime
import logging

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja.complaints import services
from kinerja.complaints.models import (
    Complainant,
    Complaint,
    ComplaintAttachment,
    ComplaintEvent,
    EventKind,
)
from kinerja.complaints.tests.data import DESCRIPTION, EMAIL, NAME, PHONE, TODAY, pdf
from kinerja.core.errors import ImmutableRecordError
from kinerja.core.models import AuditEvent

pytestmark = pytest.mark.django_db
D = datetime.date


def _viewer(world, key):
    from kinerja.accounts.viewer import build_viewer

    return build_viewer(world.users[key], today=TODAY)


def test_a_filed_complaint_is_with_its_unit_due_in_working_days_past_the_holiday(world):
    case = world.cases["pkm"]
    assert case.status == "routed" and case.unit == world.units["pkm"]
    # normatif: 5 working days from Monday 16 March, Thursday 19 March (Nyepi) not counted
    assert case.received_on == TODAY and case.due_on == D(2026, 3, 24)
    assert len(case.tracking_code) == 10
    assert Complainant.objects.get(complaint=case).email == EMAIL
    assert ComplaintAttachment.objects.filter(complaint=case).count() == 1
    event = AuditEvent.objects.filter(action="complaints.complaint.filed").first()
    assert DESCRIPTION not in str(event.after) and EMAIL not in str(event.after)


def test_dont_know_leaves_the_case_unrouted(world):
    case = world.cases["unrouted"]
    assert case.unit is None and case.status == "received"


def test_filing_refuses_a_unit_outside_the_form_and_names_the_fields(world):
    with pytest.raises(ValidationError) as error:
        services.complaint_file(
            agency=world.agency, unit=world.units["primer"].pk, category="ringan", description="x"
        )
    assert "unit" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.complaint_file(agency=world.agency, category="", description="x")
    assert "category" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.complaint_file(agency=world.agency, category="ringan", description="  ")
    assert "description" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.complaint_file(
            agency=world.agency, category="ringan", description="x", phone="call me"
        )
    assert "phone" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.complaint_file(
            agency=world.agency, category="ringan", description="x", email="nope"
        )
    assert "email" in error.value.message_dict


def test_a_renamed_file_is_refused_on_the_attachments_field(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("foto.pdf", b"<html>not a pdf</html>")
    with pytest.raises(ValidationError) as error:
        services.complaint_file(
            agency=world.agency, category="ringan", description="x", attachments=[fake]
        )
    assert "attachments" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.complaint_file(
            agency=world.agency, category="ringan", description="x", attachments=[pdf()] * 4
        )


def test_filing_logs_neither_contact_nor_description(world, caplog):
    with caplog.at_level(logging.DEBUG):
        services.complaint_file(
            agency=world.agency,
            unit=world.units["pkm"].pk,
            category="ringan",
            description=DESCRIPTION,
            name=NAME,
            email=EMAIL,
            phone=PHONE,
        )
    text = caplog.text
    assert "filed" in text
    for secret in (NAME, EMAIL, PHONE, DESCRIPTION):
        assert secret not in text


def test_bkpsdm_routes_an_unrouted_case_and_the_unit_admin_may_not(world):
    case = world.cases["unrouted"]
    with pytest.raises(PermissionDenied):
        services.complaint_route(
            actor=_viewer(world, "staf"), complaint=case, unit=world.units["pkm"].pk
        )
    routed = services.complaint_route(
        actor=_viewer(world, "bkpsdm"), complaint=case, unit=world.units["pkm"].pk
    )
    assert routed.status == "routed" and routed.unit == world.units["pkm"]
    assert AuditEvent.objects.filter(action="complaints.complaint.routed").exists()


def test_the_unit_admin_reroutes_and_someone_else_cannot_touch_the_case(world):
    case = world.cases["pkm"]
    for key in ("dokter", "kasi", "auditor", "outsider"):
        with pytest.raises(PermissionDenied):
            services.complaint_note(actor=_viewer(world, key), complaint=case, text="x")
    rerouted = services.complaint_route(
        actor=_viewer(world, "staf"), complaint=case, unit=world.units["yankes"].pk
    )
    assert rerouted.unit == world.units["yankes"]
    with pytest.raises(ValidationError):
        services.complaint_route(
            actor=_viewer(world, "staf"), complaint=case, unit=world.units["other"].pk
        )


def test_changing_the_category_recomputes_the_due_date_and_is_audited(world):
    case = services.complaint_change_category(
        actor=_viewer(world, "kadinkes"), complaint=world.cases["pkm"], category="ringan"
    )
    assert case.due_on == D(2026, 3, 18)
    case = services.complaint_change_category(
        actor=_viewer(world, "kadinkes"), complaint=case, category="tidak_berkadar_pengawasan"
    )
    assert case.due_on == D(2026, 4, 6)  # 14 working days, Nyepi not counted
    event = (
        AuditEvent.objects.filter(action="complaints.complaint.category_changed")
        .order_by("pk")
        .last()
    )
    assert event.before["category"] == "ringan" and event.after["due_on"] == "2026-04-06"


def test_a_note_is_internal_and_the_response_is_public(world):
    case = world.cases["pkm"]
    services.complaint_note(actor=_viewer(world, "staf"), complaint=case, text="Cek CCTV loket.")
    case.refresh_from_db()
    assert case.status == "in_progress"
    case = services.complaint_respond(
        actor=_viewer(world, "staf"), complaint=case, text="Loket kedua sudah dibuka."
    )
    assert case.status == "answered" and case.answered_on == TODAY
    with pytest.raises(ImmutableRecordError):
        services.complaint_respond(actor=_viewer(world, "staf"), complaint=case, text="lagi")


def test_the_citizen_reopens_within_the_window_with_a_new_due_date(world):
    case = world.cases["answered"]
    with pytest.raises(ValidationError) as error:
        services.complaint_reopen(complaint=case, reason="  ")
    assert "reason" in error.value.message_dict
    reopened = services.complaint_reopen(
        complaint=case, reason="Obat masih kosong.", today=D(2026, 3, 20)
    )
    assert reopened.status == "reopened" and reopened.answered_on is None
    assert reopened.due_on == D(2026, 3, 24)  # ringan: 2 working days from Friday
    assert reopened.first_answered_on == TODAY


def test_reopening_after_the_window_is_refused(world):
    with pytest.raises(ImmutableRecordError):
        services.complaint_reopen(
            complaint=world.cases["answered"], reason="x", today=TODAY + datetime.timedelta(15)
        )


def test_the_citizen_confirms_and_the_case_closes_for_good(world):
    case = services.complaint_confirm(complaint=world.cases["answered"])
    assert case.status == "closed"
    with pytest.raises(ImmutableRecordError):
        services.complaint_reopen(complaint=case, reason="x")
    with pytest.raises(ImmutableRecordError):
        services.complaint_close(actor=_viewer(world, "staf"), complaint=case)


def test_staff_record_a_complaint_from_another_channel(world):
    viewer = _viewer(world, "staf")
    with pytest.raises(ValidationError) as error:
        services.complaint_record(
            actor=viewer,
            unit=world.units["pkm"].pk,
            category="ringan",
            channel="media_sosial",
            source_reference="",
            description="Keluhan di Instagram",
            received_on=D(2026, 3, 13),
        )
    assert "source_reference" in error.value.message_dict
    case = services.complaint_record(
        actor=viewer,
        unit=world.units["pkm"].pk,
        category="ringan",
        channel="media_sosial",
        source_reference="https://instagram.com/p/abc",
        description="Keluhan di Instagram",
        received_on=D(2026, 3, 13),
    )
    assert case.channel == "media_sosial" and case.due_on == D(2026, 3, 17)
    with pytest.raises(ValidationError) as error:
        services.complaint_record(
            actor=viewer,
            unit=world.units["bkpsdm"].pk,
            category="ringan",
            channel="surat",
            source_reference="1/2026",
            description="x",
            received_on=TODAY,
        )
    assert "unit" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.complaint_record(
            actor=_viewer(world, "dokter"),
            unit=world.units["pkm"].pk,
            category="ringan",
            channel="langsung",
            description="x",
            received_on=TODAY,
        )


def test_reminders_and_escalations_once_a_day(world):
    # the normatif case is due 24 March: reminded on the 23rd, escalated on the 25th
    assert services.complaints_remind(today=D(2026, 3, 20))["reminded"] == 0
    assert services.complaints_remind(today=D(2026, 3, 23))["reminded"] >= 1
    assert services.complaints_remind(today=D(2026, 3, 23)) == {"reminded": 0, "escalated": 0}
    first = services.complaints_remind(today=D(2026, 3, 25))
    assert first["escalated"] >= 2  # the normatif and the unrouted light case
    assert services.complaints_remind(today=D(2026, 3, 25))["escalated"] == 0
    case = Complaint.objects.get(pk=world.cases["pkm"].pk)
    assert case.escalated_on == D(2026, 3, 25)
    assert ComplaintEvent.objects.filter(complaint=case, kind=EventKind.ESCALATED).count() == 1
    assert AuditEvent.objects.filter(action="complaints.complaint.escalated").exists()


def test_the_deadline_settings_are_bkpsdm_s_and_capped_at_sixty(world):
    with pytest.raises(PermissionDenied):
        services.complaint_settings_update(
            actor=_viewer(world, "staf"), agency_id=world.agency.pk, days={"ringan": 3}
        )
    with pytest.raises(ValidationError) as error:
        services.complaint_settings_update(
            actor=_viewer(world, "bkpsdm"), agency_id=world.agency.pk, days={"ringan": 61}
        )
    assert "days_ringan" in error.value.message_dict
    services.complaint_settings_update(
        actor=_viewer(world, "bkpsdm"), agency_id=world.agency.pk, days={"ringan": 3}
    )
    case = services.complaint_file(agency=world.agency, category="ringan", description="x")
    assert case.due_on == D(2026, 3, 20)  # 3 working days, Nyepi not counted
