"""Giving, correcting, asking, declining and scheduling feedback, with their refusals."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja.accounts.viewer import build_viewer
from kinerja.core.models import AuditEvent
from kinerja.feedback import selectors, services
from kinerja.feedback.models import Feedback, FeedbackRequest, FeedbackSettings, ScheduledFeedback
from kinerja.feedback.tests.data import TODAY

pytestmark = pytest.mark.django_db


def _viewer(world, key):
    return build_viewer(world.users[key], today=TODAY)


def _give(world, giver, employee, **extra):
    return services.feedback_give(
        actor=_viewer(world, giver),
        employee=world.e[employee] if isinstance(employee, str) else employee,
        text="Laporan tepat waktu, pertahankan.",
        **extra,
    )


def test_the_relation_is_derived_from_the_organisation_and_stored(world):
    assert _give(world, "kasi", "staf").relation == "leader"
    assert _give(world, "staf", "kasi").relation == "subordinate"
    assert _give(world, "dokter", "staf").relation == "other"
    peer = world.peers[0]
    assert services.feedback_give(
        actor=None, giver=peer, employee=world.e["staf"], text="Bagus", day=TODAY
    ).relation == ("peer")


def test_feedback_attaches_to_the_rhk_key_and_the_current_period(world):
    feedback = _give(world, "kasi", "staf", rhk_key=world.staf_rhk_key, core_value="akuntabel")
    assert feedback.rhk_key == world.staf_rhk_key
    assert feedback.period_id == world.period_pk
    assert feedback.core_value == "akuntabel"


def test_an_rhk_of_another_employee_is_not_choosable(world):
    with pytest.raises(ValidationError) as error:
        _give(world, "kasi", "staf", rhk_key=world.kasi_rhk_key)
    assert "rhk_key" in error.value.message_dict


def test_an_indicator_needs_its_rhk_and_must_belong_to_it(world):
    from kinerja.skp.models import RhkIndicator

    indicator = RhkIndicator.objects.filter(rhk__key=world.staf_rhk_key).first()
    feedback = _give(world, "kasi", "staf", rhk_key=world.staf_rhk_key, indicator_key=indicator.key)
    assert feedback.indicator_key == indicator.key
    with pytest.raises(ValidationError):
        _give(world, "kasi", "staf", indicator_key=indicator.key)


def test_a_leader_cannot_give_anonymous_feedback(world):
    with pytest.raises(ValidationError) as error:
        _give(world, "kasi", "staf", is_anonymous=True)
    assert "is_anonymous" in error.value.message_dict


def test_an_employee_of_another_agency_is_not_choosable(world):
    with pytest.raises(ValidationError) as error:
        _give(world, "outsider", "staf")
    assert "employee" in error.value.message_dict


def test_a_user_without_an_employee_record_cannot_give(world):
    with pytest.raises(PermissionDenied):
        _give(world, "pimpinan", "staf")


def test_nobody_gives_feedback_to_themselves(world):
    with pytest.raises(ValidationError):
        _give(world, "staf", "staf")


def test_every_feedback_is_audited_with_its_giver_even_anonymous(world):
    peer = world.peers[1]
    feedback = services.feedback_give(
        actor=None,
        giver=peer,
        employee=world.e["staf"],
        text="Kerja sama baik",
        is_anonymous=True,
        day=TODAY,
    )
    event = AuditEvent.objects.get(action="feedback.feedback.given", object_id=str(feedback.pk))
    assert event.after["giver_id"] == peer.pk
    assert event.after["is_anonymous"] is True


def test_a_correction_is_a_new_entry_naming_the_one_it_corrects(world):
    first = _give(world, "kasi", "staf")
    second = _give(world, "kasi", "staf", corrects=first.pk)
    assert second.corrects_id == first.pk
    assert Feedback.objects.get(pk=first.pk).text == first.text
    assert AuditEvent.objects.filter(action="feedback.feedback.corrected").count() == 1


def test_one_corrects_only_ones_own_feedback(world):
    first = _give(world, "kasi", "staf")
    with pytest.raises(ValidationError):
        _give(world, "dokter", "staf", corrects=first.pk)


def test_the_leader_plans_once_per_period_by_default_and_giving_marks_the_slot_done(world):
    slots = services.feedback_schedule_set(
        actor=_viewer(world, "kasi"), employee=world.e["staf"], year=TODAY.year
    )
    assert [s.due_date.month for s in slots] == [3, 6, 9, 12]
    feedback = _give(world, "kasi", "staf", kind="scheduled")
    slot = ScheduledFeedback.objects.get(feedback=feedback)
    assert slot.due_date == datetime.date(TODAY.year, 3, 31)
    assert slot.done_on == TODAY
    # a new schedule keeps the slot done and replaces the others
    slots = services.feedback_schedule_set(
        actor=_viewer(world, "kasi"),
        employee=world.e["staf"].pk,
        year=TODAY.year,
        dates=[datetime.date(TODAY.year, 8, 1)],
    )
    assert sorted(s.due_date.month for s in slots) == [3, 8]
    assert AuditEvent.objects.filter(action="feedback.schedule.set").count() == 2


def test_scheduled_feedback_needs_a_planned_slot(world):
    with pytest.raises(ValidationError) as error:
        _give(world, "kasi", "staf", kind="scheduled")
    assert "kind" in error.value.message_dict


def test_only_the_leader_plans_the_schedule(world):
    for key in ("dokter", "kabid", "bkpsdm", "outsider"):
        with pytest.raises(ValidationError):
            services.feedback_schedule_set(
                actor=_viewer(world, key), employee=world.e["staf"], year=TODAY.year
            )
    assert not ScheduledFeedback.objects.exists()


def test_dates_outside_the_year_are_refused(world):
    with pytest.raises(ValidationError) as error:
        services.feedback_schedule_set(
            actor=_viewer(world, "kasi"),
            employee=world.e["staf"],
            year=TODAY.year,
            dates=[datetime.date(TODAY.year + 1, 1, 5)],
        )
    assert "dates" in error.value.message_dict


def test_an_employee_asks_and_the_answer_closes_the_request(world):
    request = services.feedback_request_create(
        actor=_viewer(world, "staf"), asked=world.e["dokter"].pk, core_value="kolaboratif"
    )
    assert selectors.open_requests_count(_viewer(world, "dokter")) == 1
    _give(world, "dokter", "staf", request=request.pk)
    request.refresh_from_db()
    assert request.status == FeedbackRequest.Status.ANSWERED
    assert selectors.open_requests_count(_viewer(world, "dokter")) == 0


def test_only_the_person_asked_declines(world):
    request = services.feedback_request_create(
        actor=_viewer(world, "staf"), asked=world.e["dokter"]
    )
    with pytest.raises(ValidationError):
        services.feedback_request_decline(actor=_viewer(world, "kasi"), request=request.pk)
    services.feedback_request_decline(actor=_viewer(world, "dokter"), request=request.pk)
    request.refresh_from_db()
    assert request.status == FeedbackRequest.Status.DECLINED
    with pytest.raises(ValidationError):
        services.feedback_request_decline(actor=_viewer(world, "dokter"), request=request.pk)


def test_one_cannot_ask_someone_of_another_agency(world):
    with pytest.raises(ValidationError):
        services.feedback_request_create(actor=_viewer(world, "staf"), asked=world.e["outsider"])


# --- anonymity ------------------------------------------------------------------------------


def _anonymous_from_peers(world, count):
    for peer in world.peers[:count]:
        services.feedback_give(
            actor=None,
            giver=peer,
            employee=world.e["staf"],
            text=f"Masukan dari {peer.pk}",
            is_anonymous=True,
            day=TODAY,
        )


def _shown(world, key):
    received = selectors.received_feedback(_viewer(world, key), world.e["staf"], TODAY.year)
    return received, [item for item in received.items if item.feedback.is_anonymous]


def test_anonymous_peer_feedback_below_the_threshold_is_held_back(world):
    _anonymous_from_peers(world, 2)
    for key in ("staf", "kasi", "bkpsdm", "pimpinan"):
        received, anonymous = _shown(world, key)
        assert anonymous == []
        assert received.held_back


def test_anonymous_peer_feedback_at_the_threshold_is_shown_without_names(world):
    _anonymous_from_peers(world, 3)
    for key in ("staf", "kasi", "bkpsdm"):
        received, anonymous = _shown(world, key)
        assert len(anonymous) == 3
        assert {item.giver_name for item in anonymous} == {""}
        assert not received.held_back


def test_the_auditor_always_sees_who_gave_anonymous_feedback(world):
    _anonymous_from_peers(world, 1)
    _received, anonymous = _shown(world, "auditor")
    assert [item.giver_name for item in anonymous] == [world.peers[0].full_name]


def test_the_threshold_is_an_agency_setting(world):
    FeedbackSettings.objects.create(agency=world.personas.agency, anonymity_threshold=2)
    _anonymous_from_peers(world, 2)
    _received, anonymous = _shown(world, "staf")
    assert len(anonymous) == 2


def test_one_person_giving_many_times_counts_once(world):
    for _n in range(3):
        services.feedback_give(
            actor=None,
            giver=world.peers[0],
            employee=world.e["staf"],
            text="Lagi",
            is_anonymous=True,
            day=TODAY,
        )
    _received, anonymous = _shown(world, "staf")
    assert anonymous == []


def test_feedback_for_a_period_is_grouped_by_rhk_and_indicator(world):
    from kinerja.iku.models import Period

    _give(world, "kasi", "staf", rhk_key=world.staf_rhk_key)
    _give(world, "kasi", "staf", core_value="adaptif")
    period = Period.objects.get(pk=world.period_pk)
    grouped = selectors.feedback_for_period(_viewer(world, "staf"), world.e["staf"], period)
    assert set(grouped) == {(world.staf_rhk_key, None), (None, None)}


def test_feedback_is_out_of_scope_for_a_colleague(world):
    from django.http import Http404

    with pytest.raises(Http404):
        selectors.received_feedback(_viewer(world, "dokter"), world.e["staf"], TODAY.year)


def test_only_auditors_read_who_gave_anonymous_feedback_in_the_audit_trail(world):
    from kinerja.audit.selectors import audit_events_visible_to

    anonymous = services.feedback_give(
        actor=None,
        giver=world.peers[0],
        employee=world.e["staf"],
        text="Anonim",
        is_anonymous=True,
        day=TODAY,
    )
    named = _give(world, "kasi", "staf")
    for key, sees_anonymous in (("auditor", True), ("bkpsdm", False)):
        events = audit_events_visible_to(_viewer(world, key))
        ids = set(
            events.filter(object_type="feedback.feedback").values_list("object_id", flat=True)
        )
        assert (str(anonymous.pk) in ids) == sees_anonymous
        assert str(named.pk) in ids
    # only that one event is hidden from BKPSDM
    everything = audit_events_visible_to(_viewer(world, "auditor")).count()
    assert audit_events_visible_to(_viewer(world, "bkpsdm")).count() == everything - 1


def test_bkpsdm_sets_the_threshold_of_its_own_agency_and_it_is_audited(world):
    services.feedback_settings_update(
        actor=_viewer(world, "bkpsdm"),
        agency_id=world.personas.other_agency.pk,
        anonymity_threshold=2,
    )
    assert selectors.anonymity_threshold(world.personas.agency.pk) == 2
    assert selectors.anonymity_threshold(world.personas.other_agency.pk) == 3
    assert AuditEvent.objects.filter(action="feedback.settings.updated").count() == 1


def test_the_threshold_stays_between_one_and_twenty(world):
    for value in (0, 21):
        with pytest.raises(ValidationError):
            services.feedback_settings_update(
                actor=_viewer(world, "bkpsdm"), agency_id=None, anonymity_threshold=value
            )


def test_only_bkpsdm_changes_the_threshold(world):
    for key in ("staf", "kasi", "auditor", "pimpinan"):
        with pytest.raises(PermissionDenied):
            services.feedback_settings_update(
                actor=_viewer(world, key), agency_id=None, anonymity_threshold=2
            )
