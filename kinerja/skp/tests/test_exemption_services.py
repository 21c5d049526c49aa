"""Recording who is not subject to SKP planning, and what that does to plans.

Personas: staf administers Dinas Kesehatan (kadinkes, kabid, kasi, staf, dokter); bkpsdm the
whole agency; outsider is the BKPSDM admin of another agency.
"""

import datetime

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation

from kinerja.accounts.viewer import build_viewer
from kinerja.core.errors import PermissionDeniedError
from kinerja.core.models import AuditEvent
from kinerja.org.services import assignment_start
from kinerja.org.tests import factories as f
from kinerja.skp import rules, services
from kinerja.skp.models import PlanExemption, Skp, SkpStatus
from kinerja.skp.selectors.exemptions import exemption_of, first_plan_start, planning_resumes_on
from kinerja.skp.tests.factories import YEAR, start_skp

pytestmark = pytest.mark.django_db

TODAY = datetime.date(YEAR, 3, 10)
ENDED = datetime.date(YEAR, 4, 30)


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


def test_a_correction_starts_from_the_stored_record_not_the_callers_copy(personas):
    exemption = _record(personas, note="Cuti di luar tanggungan negara")
    stale = PlanExemption.objects.get(pk=exemption.pk)
    PlanExemption.objects.filter(pk=exemption.pk).update(decree_number="SK-BARU")
    stale.note = "changed in memory only"
    services.exemption_update(actor=_viewer(personas, "bkpsdm"), exemption=stale, reason="mpp")
    exemption.refresh_from_db()
    assert (exemption.reason, exemption.decree_number) == ("mpp", "SK-BARU")
    assert exemption.note == "Cuti di luar tanggungan negara"
    event = AuditEvent.objects.get(action="skp.exemption.updated")
    assert event.before["decree_number"] == event.after["decree_number"] == "SK-BARU"
    assert event.before["note"] == "Cuti di luar tanggungan negara"


def _move_to_inspektorat(personas, key="dokter", day=datetime.date(YEAR, 3, 1)):
    """The employee leaves Dinas Kesehatan (staf's units) for the Inspektorat on `day`."""
    position = f.position(
        personas.agency,
        personas.units["inspektorat"],
        "INSP-09",
        "Auditor Ahli Pertama",
        "fungsional",
        personas.positions["inspektur"],
        jenjang="ahli_pertama",
    )
    assignment_start(
        actor=None, employee=personas.employees[key], position=position, start_date=day
    )


def test_a_unit_admin_may_not_record_for_someone_who_has_left_their_units(personas):
    _move_to_inspektorat(personas)
    with pytest.raises(ValidationError) as excinfo:
        # On 1 February the dokter still worked in Dinas Kesehatan: that is not enough.
        _record(personas, actor="staf", start_date=datetime.date(YEAR, 2, 1))
    assert "employee" in excinfo.value.message_dict
    assert not PlanExemption.objects.exists()
    assert _record(personas, actor="bkpsdm", start_date=datetime.date(YEAR, 2, 1)).pk


def test_a_unit_admin_may_not_change_exemptions_of_someone_who_has_left(personas):
    exemption = _record(personas, start_date=datetime.date(YEAR, 2, 1))
    _move_to_inspektorat(personas)
    staf = _viewer(personas, "staf")
    for call in (
        lambda: services.exemption_update(actor=staf, exemption=exemption, note="x"),
        lambda: services.exemption_end(
            actor=staf, exemption=exemption, end_date=datetime.date(YEAR, 2, 20)
        ),
        lambda: services.exemption_update(
            actor=staf, exemption=exemption, start_date=datetime.date(YEAR, 1, 15)
        ),
        lambda: services.exemption_delete(actor=staf, exemption=exemption),
    ):
        with pytest.raises(ValidationError) as excinfo:
            call()
        assert "employee" in excinfo.value.message_dict
    exemption.refresh_from_db()
    assert (exemption.note, exemption.end_date) == ("", None)
    assert exemption.start_date == datetime.date(YEAR, 2, 1)
    assert (
        not AuditEvent.objects.filter(action__startswith="skp.exemption.")
        .exclude(action="skp.exemption.recorded")
        .exists()
    )


def test_a_unit_admin_manages_the_exemptions_of_someone_who_joined_their_units(personas):
    exemption = _record(personas, "auditor", start_date=datetime.date(YEAR - 1, 2, 1))
    assignment_start(
        actor=None,
        employee=personas.employees["auditor"],
        position=personas.positions["staf"],
        start_date=datetime.date(YEAR, 3, 1),
    )
    services.exemption_end(
        actor=_viewer(personas, "staf"), exemption=exemption, end_date=datetime.date(YEAR, 2, 28)
    )
    exemption.refresh_from_db()
    assert exemption.end_date == datetime.date(YEAR, 2, 28)


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
    skp = start_skp(personas, "dokter")  # on 10 January
    assert skp.employee == personas.employees["dokter"]
    assert skp.start_date == datetime.date(YEAR, 1, 6)
    assert skp.deadline == datetime.date(YEAR, 1, 31)  # still January: the end of January


def test_a_plan_after_an_exemption_ending_mid_year_gets_the_deadline_of_a_new_post(personas):
    _record(personas, start_date=datetime.date(YEAR, 1, 1), end_date=datetime.date(YEAR, 2, 28))
    _record(personas, reason="mpp", start_date=datetime.date(YEAR, 3, 1), end_date=ENDED)
    skp = start_skp(personas, "dokter", day=datetime.date(YEAR, 5, 20))
    assert skp.start_date == datetime.date(YEAR, 5, 1)  # the day after the latest one ended
    midyear = datetime.timedelta(days=settings.SKP_MIDYEAR_DAYS)
    assert skp.deadline == datetime.date(YEAR, 5, 1) + midyear
    assert skp.deadline == rules.deadline(
        YEAR, datetime.date(YEAR, 5, 1), midyear_days=settings.SKP_MIDYEAR_DAYS
    )


def test_an_exemption_over_before_the_year_leaves_the_plan_starting_on_1_january(personas):
    _record(
        personas, start_date=datetime.date(YEAR - 1, 3, 1), end_date=datetime.date(YEAR - 1, 12, 31)
    )
    _record(
        personas, "kasi", start_date=datetime.date(YEAR, 1, 1), end_date=datetime.date(YEAR, 1, 3)
    )
    assert start_skp(personas, "dokter").start_date == datetime.date(YEAR, 1, 1)


def test_a_later_plan_of_the_year_still_starts_on_its_day(personas):
    first = start_skp(personas, "dokter")
    Skp.objects.filter(pk=first.pk).update(
        status=SkpStatus.CLOSED, end_date=datetime.date(YEAR, 2, 28)
    )
    _record(personas, start_date=datetime.date(YEAR, 3, 1), end_date=datetime.date(YEAR, 3, 31))
    later = start_skp(personas, "dokter", day=datetime.date(YEAR, 6, 1))
    assert later.start_date == datetime.date(YEAR, 6, 1)


def test_planning_resumes_on_reads_the_latest_end_of_many_employees_at_once(
    personas, django_assert_num_queries
):
    dokter, kasi, kabid = (personas.employees[k] for k in ("dokter", "kasi", "kabid"))
    _record(personas, start_date=datetime.date(YEAR, 1, 1), end_date=datetime.date(YEAR, 2, 28))
    _record(personas, reason="mpp", start_date=datetime.date(YEAR, 3, 1), end_date=ENDED)
    _record(
        personas, "kasi", start_date=datetime.date(YEAR, 2, 1), end_date=datetime.date(YEAR, 6, 30)
    )
    _record(
        personas,
        "kabid",
        start_date=datetime.date(YEAR - 1, 2, 1),
        end_date=datetime.date(YEAR - 1, 6, 30),
    )
    with django_assert_num_queries(1):
        resumes = planning_resumes_on(
            [dokter.pk, kasi.pk, kabid.pk], YEAR, datetime.date(YEAR, 6, 1)
        )
    # kasi's exemption runs on the day (it ends later): that one refuses the plan instead.
    assert resumes == {dokter.pk: datetime.date(YEAR, 5, 1)}
    assert first_plan_start(YEAR, resumes.get(kabid.pk)) == datetime.date(YEAR, 1, 1)


def test_an_exemption_of_another_employee_does_not_stop_their_plan(personas):
    _record(personas, "kasi", start_date=datetime.date(YEAR, 1, 1))
    assert start_skp(personas, "dokter").pk


def test_an_exemption_beginning_during_the_year_closes_the_plan_in_force_the_day_before(
    personas,
):
    skp = start_skp(personas, "dokter")
    exemption = _record(personas, start_date=datetime.date(YEAR, 3, 1))
    skp.refresh_from_db()
    assert skp.status == SkpStatus.CLOSED
    assert skp.start_date == datetime.date(YEAR, 1, 1)
    assert skp.end_date == datetime.date(YEAR, 2, 28)
    assert skp.is_latest
    event = AuditEvent.objects.get(action="skp.plan.closed", object_id=str(skp.pk))
    assert event.actor == personas.users["bkpsdm"]
    assert event.before == {"status": "draft", "end_date": f"{YEAR}-12-31"}
    assert event.after == {"status": "closed", "end_date": f"{YEAR}-02-28"}
    assert "01-03-" in event.reason and "Unpaid leave (CLTN)" in event.reason
    assert exemption_of(personas.employees["dokter"].pk, TODAY) == exemption


def test_a_set_plan_in_force_is_closed_too(personas):
    skp = start_skp(personas, "kasi")
    Skp.objects.filter(pk=skp.pk).update(status=SkpStatus.SET)
    _record(personas, "kasi", reason="mpp", start_date=datetime.date(YEAR, 7, 1))
    skp.refresh_from_db()
    assert (skp.status, skp.end_date) == (SkpStatus.CLOSED, datetime.date(YEAR, 6, 30))


def test_an_exemption_from_the_plans_first_day_closes_it_on_that_day(personas):
    skp = start_skp(personas, "dokter")
    _record(personas, start_date=skp.start_date)
    skp.refresh_from_db()
    assert (skp.status, skp.end_date) == (SkpStatus.CLOSED, skp.start_date)


def test_plans_over_before_the_exemption_begins_are_left_alone(personas):
    skp = start_skp(personas, "dokter")
    _record(personas, start_date=datetime.date(YEAR + 1, 1, 1))
    skp.refresh_from_db()
    assert (skp.status, skp.end_date) == (SkpStatus.DRAFT, datetime.date(YEAR, 12, 31))
    assert not AuditEvent.objects.filter(action="skp.plan.closed").exists()


def test_an_exemption_of_another_employee_leaves_the_plan_in_force(personas):
    skp = start_skp(personas, "dokter")
    _record(personas, "kasi", start_date=datetime.date(YEAR, 3, 1))
    skp.refresh_from_db()
    assert (skp.status, skp.end_date) == (SkpStatus.DRAFT, datetime.date(YEAR, 12, 31))
