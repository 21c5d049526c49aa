import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.activities import rules, selectors, services
from kinerja.activities.models import Activity, ActivityStatus
from kinerja.activities.tests.worklog_data import LONG_TEXT, MONDAY, D, log, staf_rhk_key
from kinerja.core.errors import ImmutableRecordError, PermissionDeniedError
from kinerja.core.models import AuditEvent
from kinerja.results.tests.data import plans, viewer

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def chain(personas):
    return plans(personas)


def test_an_employee_logs_an_activity_for_an_rhk_of_the_plan_in_force(personas, chain):
    entry = log(
        personas,
        rhk_key=staf_rhk_key(chain),
        start_time=datetime.time(8),
        end_time=datetime.time(9, 30),
        minutes=None,
    )
    assert entry.minutes == 90
    assert entry.date == MONDAY
    assert entry.year == 2026
    assert str(entry.rhk_key) == staf_rhk_key(chain)
    assert entry.status == ActivityStatus.SUBMITTED
    assert entry.filing_delay_days == 0
    event = AuditEvent.objects.get(action="activities.activity.logged")
    assert event.object_id == str(entry.pk)


def test_an_rhk_outside_the_plan_in_force_is_refused(personas, chain):
    other = str(chain["kasi"].rhks.first().key)
    with pytest.raises(ValidationError) as error:
        log(personas, rhk_key=other)
    assert "rhk_key" in error.value.message_dict


def test_a_late_entry_records_its_delay(personas, chain):
    entry = log(personas, date=D(2026, 4, 27))
    assert entry.filing_delay_days == 7


def test_a_future_date_bad_minutes_or_an_empty_text_are_field_errors(personas, chain):
    for values, field in [
        ({"date": D(2026, 5, 5)}, "date"),
        ({"minutes": 0}, "minutes"),
        ({"minutes": "abc"}, "minutes"),
        ({"description": "  "}, "description"),
        ({"start_time": datetime.time(10), "end_time": datetime.time(9)}, "end_time"),
        ({"date": "2026-13-01"}, "date"),
    ]:
        with pytest.raises(ValidationError) as error:
            log(personas, **values)
        assert field in error.value.message_dict


def test_nobody_logs_for_someone_else(personas, chain):
    with pytest.raises(PermissionDeniedError):
        services.activity_log(
            actor=viewer(personas, "kasi"),
            employee=personas.employees["staf"],
            description="x",
            minutes=10,
        )


def test_a_photo_is_checked_and_kept_with_its_digest(personas, chain, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    entry = log(personas, evidence_file=SimpleUploadedFile("foto.png", PNG, "image/png"))
    assert entry.evidence_name == "foto.png"
    assert len(entry.evidence_sha256) == 64
    with pytest.raises(ValidationError) as error:
        log(personas, evidence_file=SimpleUploadedFile("foto.png", b"MZ" + PNG, "image/png"))
    assert "file" in error.value.message_dict


def test_the_catalogue_fills_text_and_minutes(personas, chain):
    item = services.catalogue_item_save(
        actor=viewer(personas, "bkpsdm"),
        agency=personas.agency,
        name="Apel pagi",
        standard_minutes=30,
    )
    entry = log(personas, description="", minutes=None, catalogue_item=item.pk)
    assert (entry.description, entry.minutes) == ("Apel pagi", 30)
    with pytest.raises(PermissionDeniedError):
        services.catalogue_item_save(
            actor=viewer(personas, "dokter"),
            agency=personas.agency,
            name="Rapat",
            standard_minutes=60,
        )


def test_the_owner_edits_and_deletes_until_verified(personas, chain):
    entry = log(personas)
    staf = viewer(personas, "staf")
    entry = services.activity_edit(actor=staf, activity=entry, description="Rapat", minutes=45)
    assert entry.minutes == 45
    services.activity_verify_many(actor=viewer(personas, "kasi"), activities=[entry.pk])
    entry.refresh_from_db()
    with pytest.raises(ImmutableRecordError):
        services.activity_edit(actor=staf, activity=entry, description="x", minutes=5)
    with pytest.raises(ImmutableRecordError):
        services.activity_delete(actor=staf, activity=entry)
    other = log(personas)
    services.activity_delete(actor=staf, activity=other)
    assert not Activity.objects.filter(pk=other.pk).exists()


def test_the_supervisor_returns_one_and_the_corrected_entry_waits_again(personas, chain):
    entry = log(personas)
    with pytest.raises(ValidationError):
        services.activity_return(actor=viewer(personas, "kasi"), activity=entry, comment=" ")
    entry = services.activity_return(
        actor=viewer(personas, "kasi"), activity=entry, comment="Rincikan kegiatannya"
    )
    assert entry.status == ActivityStatus.RETURNED
    assert selectors.returned_count(viewer(personas, "staf")) == 1
    entry = services.activity_edit(
        actor=viewer(personas, "staf"), activity=entry, description="Rincian", minutes=30
    )
    assert entry.status == ActivityStatus.SUBMITTED


def test_only_the_supervisor_verifies_or_returns(personas, chain):
    entry = log(personas)
    for key in ("kabid", "dokter", "staf", "bkpsdm"):
        with pytest.raises((PermissionDeniedError, ValidationError)):
            services.activity_verify_many(actor=viewer(personas, key), activities=[entry.pk])
        with pytest.raises(PermissionDeniedError):
            services.activity_return(actor=viewer(personas, key), activity=entry, comment="x")
    assert Activity.objects.get(pk=entry.pk).status == ActivityStatus.SUBMITTED


def test_bulk_verification_is_all_or_nothing_with_one_event_per_entry(personas, chain):
    entries = [log(personas, minutes=30) for _ in range(3)]
    kasi = viewer(personas, "kasi")
    with pytest.raises(ValidationError):
        services.activity_verify_many(actor=kasi, activities=[entries[0].pk, 999999])
    assert services.activity_verify_many(actor=kasi, activities=[e.pk for e in entries]) == 3
    assert set(Activity.objects.values_list("status", flat=True)) == {ActivityStatus.VERIFIED}
    assert AuditEvent.objects.filter(action="activities.activity.verified").count() == 3
    with pytest.raises(ValidationError):
        services.activity_verify_many(actor=kasi, activities=[entries[0].pk])


def test_repeat_yesterday_copies_fridays_entries_on_monday_once(personas, chain):
    friday = D(2026, 5, 1)
    log(personas, today=friday, description=LONG_TEXT, minutes=120)
    log(personas, today=friday, description="Apel pagi", minutes=30)
    staf = viewer(personas, "staf")
    copies = services.activity_repeat_yesterday(actor=staf, employee=personas.employees["staf"])
    assert [(c.date, c.is_repeat) for c in copies] == [(MONDAY, True)] * 2
    with pytest.raises(ValidationError):
        services.activity_repeat_yesterday(actor=staf, employee=personas.employees["staf"])


def test_a_repeat_is_not_flagged_as_copied_but_retyping_the_same_text_is(personas, chain):
    friday = D(2026, 5, 1)
    log(personas, today=friday)
    services.activity_repeat_yesterday(
        actor=viewer(personas, "staf"), employee=personas.employees["staf"]
    )
    monday = [e for e in selectors.own_week(viewer(personas, "staf"), MONDAY)[0].entries]
    assert rules.FLAG_COPIED_DAYS not in monday[0].flags
    log(personas, date=D(2026, 4, 30), today=MONDAY)
    week = selectors.own_week(viewer(personas, "staf"), D(2026, 4, 30))
    thursday = next(d for d in week if d.date == D(2026, 4, 30)).entries[0]
    assert rules.FLAG_COPIED_DAYS in thursday.flags


def test_the_same_text_by_another_person_and_a_long_day_are_flagged(personas, chain):
    log(personas, minutes=400)
    log(personas, minutes=100, description="Entri kedua yang cukup panjang untuk diperiksa")
    log(personas, key="kasi")
    week = selectors.team_week(viewer(personas, "kasi"), MONDAY)
    [row] = week.rows
    flags = {f for e in row.entries for f in e.flags}
    assert rules.FLAG_COPIED_PEOPLE in flags
    assert rules.FLAG_LONG_DAY in flags
    assert row.cells[0].minutes == 500
    assert row.waiting == 2


def test_a_weekend_entry_is_flagged(personas, chain):
    entry = log(personas, date=D(2026, 5, 3))
    [flagged] = selectors.with_flags(personas.agency.pk, [entry])
    assert rules.FLAG_NON_WORKING_DAY in flagged.flags


def test_a_rater_by_delegation_reads_and_returns_the_entries_they_verify(personas, chain):
    """Dokter works elsewhere; the kabid's rating of the staf is delegated to him: he opens the
    staf's entries (and their files) and returns one, as the team week offers."""
    from kinerja.org.models import SupervisionOverride

    SupervisionOverride.objects.create(
        agency=personas.agency,
        employee=personas.employees["staf"],
        supervisor=personas.employees["dokter"],
        role="rater",
        start_date=D(2026, 1, 1),
        reason="Delegasi penilaian",
    )
    entry = log(personas)
    dokter = viewer(personas, "dokter", MONDAY)
    assert selectors.get_activity(dokter, entry.pk) == entry
    returned = services.activity_return(
        actor=dokter, activity=entry, comment="Uraikan hasil kegiatannya."
    )
    assert returned.status == ActivityStatus.RETURNED


def test_returned_entries_are_listed_while_they_can_still_be_corrected(personas, chain):
    entry = log(personas)
    services.activity_return(actor=viewer(personas, "kasi"), activity=entry, comment="Rincikan")

    def on(day):
        return viewer(personas, "staf", day)

    last_day = entry.date + datetime.timedelta(days=rules.EARLIEST_DAYS_BACK)
    assert [e.pk for e in selectors.returned_of(on(last_day))] == [entry.pk]
    assert selectors.returned_count(on(last_day)) == 1
    assert selectors.returned_of(on(last_day + datetime.timedelta(days=1))) == []
    assert selectors.returned_count(on(last_day + datetime.timedelta(days=1))) == 0


def test_an_entry_is_logged_up_to_a_year_back_and_no_further(personas, chain):
    oldest = rules.correctable_since(MONDAY)
    assert log(personas, date=oldest).date == oldest
    with pytest.raises(ValidationError) as error:
        log(personas, date=oldest - datetime.timedelta(days=1))
    assert "date" in error.value.message_dict
