"""Importing, correcting, summarising and the discipline notices, as the services do them."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from kinerja.activities import selectors, services
from kinerja.activities.models import (
    AttendanceDay,
    ImportKind,
    LeaveRecord,
    NoticeStatus,
    SanctionNotice,
)
from kinerja.activities.rules import Sanction
from kinerja.activities.tests.data import (
    attendance_rows,
    csv_bytes,
    present_on,
    run_import,
    working_days,
)
from kinerja.core.errors import PermissionDeniedError
from kinerja.core.models import AuditEvent
from kinerja.iku.models import NonWorkingDay

pytestmark = pytest.mark.django_db

MARCH = working_days()  # 22 working days of March 2026


def test_a_valid_file_records_every_day_with_lateness_and_early_departure(personas):
    staf = personas.employees["staf"]
    rows = [*attendance_rows(staf, MARCH[:2]), (staf.nip, "2026-03-04", "07:45", "15:30")]
    job = run_import(personas, csv_bytes(rows))
    assert job.status == "done", job.errors
    late = AttendanceDay.objects.get(employee=staf, date=datetime.date(2026, 3, 4))
    assert (late.late_minutes, late.early_minutes) == (15, 30)
    assert AttendanceDay.objects.filter(employee=staf).count() == 3
    assert AuditEvent.objects.filter(action="activities.import.attendance").count() == 1


def test_importing_the_same_days_again_replaces_them(personas):
    staf = personas.employees["staf"]
    run_import(personas, csv_bytes(attendance_rows(staf, MARCH[:3])))
    run_import(personas, csv_bytes(attendance_rows(staf, MARCH[:3], time_in="08:00")))
    days = AttendanceDay.objects.filter(employee=staf)
    assert days.count() == 3
    assert {d.late_minutes for d in days} == {30}


def test_a_file_with_bad_rows_changes_nothing_and_reports_every_one(personas):
    staf = personas.employees["staf"]
    rows = [
        *attendance_rows(staf, MARCH[:2]),
        (staf.nip, "31-03-2026", "07:30", "16:00"),  # wrong date format
        (staf.nip, "2026-03-05", "7 pagi", "16:00"),  # not a time
        ("999999999999999999", "2026-03-06", "07:30", "16:00"),  # nobody
        (staf.nip, "2026-03-09", "16:00", "07:30"),  # leaves before arriving
    ]
    job = run_import(personas, csv_bytes(rows))
    assert job.status == "invalid"
    assert [(e["row"], e["column"]) for e in job.errors] == [
        (None, "nip"),
        (4, "tanggal"),
        (5, "jam_masuk"),
        (7, "jam_pulang"),
    ]
    assert not AttendanceDay.objects.exists()


def test_a_missing_column_is_reported_on_the_header(personas):
    job = run_import(personas, csv_bytes([("1", "2026-03-02")], header=("nip", "tanggal")))
    assert job.status == "invalid"
    assert {e["column"] for e in job.errors} == {"jam_masuk", "jam_pulang"}
    assert {e["row"] for e in job.errors} == {1}


def test_a_unit_admin_imports_only_the_people_of_their_units(personas):
    rows = attendance_rows(personas.employees["bkpsdm"], MARCH[:1])
    job = run_import(personas, csv_bytes(rows), as_user="staf")
    assert job.status == "invalid"
    assert not AttendanceDay.objects.exists()


def test_a_single_scan_column_takes_the_first_and_last_scan_of_the_day(personas):
    services.setting_save(
        actor=personas.users["bkpsdm"],
        agency=personas.agency,
        id_column="PIN",
        timestamp_column="Waktu",
        date_format="%d/%m/%Y",
        time_format="%H:%M",
    )
    nip = personas.employees["staf"].nip
    rows = [(nip, "02/03/2026 12:01"), (nip, "02/03/2026 07:41"), (nip, "02/03/2026 16:10")]
    job = run_import(personas, csv_bytes(rows, header=("PIN", "Waktu")))
    assert job.status == "done", job.errors
    day = AttendanceDay.objects.get()
    assert (day.time_in, day.time_out, day.late_minutes) == (
        datetime.time(7, 41),
        datetime.time(16, 10),
        11,
    )


def test_the_grace_and_the_friday_end_come_from_the_setting(personas):
    services.setting_save(
        actor=personas.users["bkpsdm"],
        agency=personas.agency,
        grace_minutes=15,
        friday_end=datetime.time(11, 0),
    )
    staf = personas.employees["staf"]
    friday = datetime.date(2026, 3, 6)
    run_import(personas, csv_bytes([(staf.nip, f"{friday}", "07:44", "11:00")]))
    day = AttendanceDay.objects.get()
    assert (day.late_minutes, day.early_minutes) == (0, 0)


def test_only_bkpsdm_saves_the_setting(personas):
    with pytest.raises(PermissionDeniedError):
        services.setting_save(actor=personas.users["staf"], agency=personas.agency, grace_minutes=5)


def test_leave_is_imported_and_excuses_the_days(personas):
    staf = personas.employees["staf"]
    present_on(staf, MARCH[:10])
    data = csv_bytes(
        [(staf.nip, "tahunan", "2026-03-16", "2026-03-20")],
        header=("nip", "jenis", "mulai", "selesai"),
    )
    job = run_import(personas, data, kind=ImportKind.LEAVE)
    assert job.status == "done", job.errors
    present_on(staf, MARCH[-1:])  # the machine reported up to the 31st
    row = selectors.employee_month_summary(None, staf, 2026, 3)
    assert row.leave == {"tahunan": 5}
    assert row.present == 11
    assert row.absent == 22 - 11 - 5
    job = run_import(personas, data, kind=ImportKind.LEAVE)
    assert LeaveRecord.objects.count() == 1


def test_an_unknown_kind_of_leave_is_a_row_error(personas):
    staf = personas.employees["staf"]
    data = csv_bytes(
        [(staf.nip, "liburan", "2026-03-16", "2026-03-13")],
        header=("nip", "jenis", "mulai", "selesai"),
    )
    job = run_import(personas, data, kind=ImportKind.LEAVE)
    assert [(e["row"], e["column"]) for e in job.errors] == [(2, "jenis"), (2, "selesai")]


def test_the_summary_counts_working_days_without_weekends_and_holidays(personas):
    NonWorkingDay.objects.create(
        agency=personas.agency, date=datetime.date(2026, 3, 19), name="Nyepi"
    )
    staf, kasi = personas.employees["staf"], personas.employees["kasi"]
    days = working_days(off={datetime.date(2026, 3, 19)})
    present_on(staf, days)
    present_on(kasi, days[:15], time_in=datetime.time(7, 40))
    summary = selectors.unit_month_summary(
        selectors_viewer(personas, "bkpsdm"), personas.units["primer"], 2026, 3
    )
    rows = {row.name: row for row in summary.rows}
    assert summary.working_days == 21
    assert rows["Dewi Lestari"].absent == 0
    assert (rows["Agus Santoso"].absent, rows["Agus Santoso"].late_minutes) == (6, 150)


def selectors_viewer(personas, name):
    from kinerja.accounts.viewer import build_viewer

    return build_viewer(personas.users[name], today=datetime.date(2026, 12, 1))


def test_the_summary_runs_a_fixed_number_of_queries(personas, django_assert_max_num_queries):
    viewer = selectors_viewer(personas, "bkpsdm")
    for key in ("staf", "kasi", "kabid", "dokter"):
        present_on(personas.employees[key], MARCH[:20])
    with django_assert_max_num_queries(8):
        selectors.unit_month_summary(viewer, personas.units["dinkes"], 2026, 3)


def test_the_summary_lists_each_person_of_the_unit_once_in_name_order_with_the_earliest_post(
    personas,
):
    from kinerja.org.tests import factories

    viewer = selectors_viewer(personas, "bkpsdm")
    staf = personas.employees["staf"]
    second_post = factories.position(
        personas.agency,
        personas.units["pkm"],
        "DINKES-PKM-99",
        "Pengelola Data",
        "pelaksana",
        personas.positions["kabid"],
    )
    factories.assign(staf, second_post, datetime.date(2026, 3, 2))
    gone = factories.employee(
        personas.agency, "Aaron Pergi", position=second_post, start=datetime.date(2025, 1, 1)
    )
    gone.assignments.update(end_date=datetime.date(2026, 2, 28))
    summary = selectors.unit_month_summary(viewer, personas.units["dinkes"], 2026, 3)
    names = [row.name for row in summary.rows]
    assert names == sorted(names) and len(names) == len(set(names))
    assert "Aaron Pergi" not in names
    row = next(row for row in summary.rows if row.employee_id == staf.pk)
    assert staf.assignments.count() == 2
    assert row.position == staf.assignments.order_by("start_date").first().position.name
    assert row.position != "Pengelola Data"
    page_summary, page = selectors.unit_month_page(viewer, personas.units["dinkes"], 2026, 3, "1")
    assert page.paginator.count == len(names)
    assert [r.employee_id for r in page_summary.rows] == [r.employee_id for r in summary.rows]


def test_a_correction_keeps_the_machine_times_and_says_why(personas):
    staf = personas.employees["staf"]
    run_import(personas, csv_bytes([(staf.nip, "2026-03-02", "09:00", "16:00")]))
    day = services.day_correct(
        actor=personas.users["bkpsdm"],
        employee=staf,
        date=datetime.date(2026, 3, 2),
        time_in=datetime.time(7, 30),
        time_out=datetime.time(16, 0),
        reason="Mesin rusak, hadir rapat pagi",
    )
    assert (day.late_minutes, day.machine_time_in) == (0, datetime.time(9, 0))
    event = AuditEvent.objects.get(action="activities.day.corrected")
    assert event.reason == "Mesin rusak, hadir rapat pagi"
    run_import(personas, csv_bytes([(staf.nip, "2026-03-02", "09:10", "16:00")]))
    day.refresh_from_db()
    assert (day.time_in, day.machine_time_in) == (datetime.time(7, 30), datetime.time(9, 10))


def test_a_unit_admin_does_not_correct_their_own_days(personas):
    with pytest.raises(PermissionDeniedError):
        services.day_correct(
            actor=personas.users["staf"],
            employee=personas.employees["staf"],
            date=datetime.date(2026, 3, 2),
            time_in=datetime.time(7, 30),
            time_out=None,
            reason="x",
        )


def test_a_unit_admin_corrects_the_people_of_their_units(personas):
    day = services.day_correct(
        actor=personas.users["staf"],
        employee=personas.employees["dokter"],
        date=datetime.date(2026, 3, 2),
        time_in=datetime.time(7, 30),
        time_out=None,
        reason="Tugas pagi di posyandu",
    )
    assert day.is_corrected


def test_a_correction_needs_a_reason(personas):
    with pytest.raises(ValidationError) as error:
        services.day_correct(
            actor=personas.users["bkpsdm"],
            employee=personas.employees["staf"],
            date=datetime.date(2026, 3, 2),
            time_in=None,
            time_out=None,
            reason=" ",
        )
    assert "reason" in error.value.message_dict


def test_nobody_corrects_outside_their_units(personas):
    with pytest.raises(PermissionDeniedError):
        services.day_correct(
            actor=personas.users["staf"],
            employee=personas.employees["bkpsdm"],
            date=datetime.date(2026, 3, 2),
            time_in=datetime.time(7, 30),
            time_out=None,
            reason="x",
        )
    with pytest.raises(PermissionDeniedError):
        services.day_correct(
            actor=personas.users["outsider"],
            employee=personas.employees["staf"],
            date=datetime.date(2026, 3, 2),
            time_in=datetime.time(7, 30),
            time_out=None,
            reason="x",
        )


def _absent_days(personas, absent: int, *, spread: bool):
    """Kasi present every working day of March except `absent` of them; the others every day."""
    kasi = personas.employees["kasi"]
    # Present on the first day (which enrols kasi with the machine), then away.
    missing = MARCH[1::2][:absent] if spread else MARCH[1 : 1 + absent]
    present_on(kasi, [d for d in MARCH if d not in missing])
    present_on(personas.employees["staf"], MARCH)


@pytest.mark.parametrize(
    ("absent", "level"),
    [
        (2, None),
        (3, Sanction.TEGURAN_LISAN),
        (4, Sanction.TEGURAN_TERTULIS),
        (11, Sanction.TUKIN_6),
    ],
)
def test_reaching_a_level_proposes_one_notice(personas, absent, level):
    _absent_days(personas, absent, spread=True)
    services.sanctions_recompute(agency_id=personas.agency.pk, year=2026)
    notices = list(SanctionNotice.objects.all())
    assert [n.level for n in notices] == ([level] if level else [])
    services.sanctions_recompute(agency_id=personas.agency.pk, year=2026)
    assert SanctionNotice.objects.count() == len(notices)


def test_ten_working_days_in_a_row_propose_stopping_the_salary(personas):
    _absent_days(personas, 10, spread=False)
    services.sanctions_recompute(agency_id=personas.agency.pk, year=2026)
    notice = SanctionNotice.objects.get()
    assert (notice.level, notice.consecutive_days) == (Sanction.PENGHENTIAN_GAJI, 10)


def test_leave_is_not_an_absence(personas):
    _absent_days(personas, 5, spread=False)
    LeaveRecord.objects.create(
        agency=personas.agency,
        employee=personas.employees["kasi"],
        kind="sakit",
        start_date=MARCH[1],
        end_date=MARCH[5],
    )
    assert services.sanctions_recompute(agency_id=personas.agency.pk, year=2026) == []


def _notice(personas):
    _absent_days(personas, 3, spread=True)
    services.sanctions_recompute(agency_id=personas.agency.pk, year=2026)
    return SanctionNotice.objects.get()


def test_bkpsdm_records_the_decision_once(personas):
    notice = _notice(personas)
    decided = services.notice_decide(
        actor=personas.users["bkpsdm"],
        notice=notice,
        decided_level=Sanction.TEGURAN_LISAN,
        decree_number="800/12/BKPSDM",
        decree_date=datetime.date(2026, 4, 2),
    )
    assert decided.status == NoticeStatus.DECIDED
    assert AuditEvent.objects.filter(action="activities.notice.decided").count() == 1
    with pytest.raises(ValidationError):
        services.notice_decide(
            actor=personas.users["bkpsdm"],
            notice=notice,
            decided_level=Sanction.TEGURAN_TERTULIS,
            decree_number="x",
        )


def test_a_decision_of_no_sanction_says_why(personas):
    notice = _notice(personas)
    with pytest.raises(ValidationError) as error:
        services.notice_decide(actor=personas.users["bkpsdm"], notice=notice, no_sanction=True)
    assert "note" in error.value.message_dict


@pytest.mark.parametrize("who", ["staf", "auditor", "pimpinan", "outsider", "kadinkes"])
def test_only_bkpsdm_and_the_deciding_official_record_a_decision(personas, who):
    notice = _notice(personas)
    with pytest.raises(PermissionDeniedError):
        services.notice_decide(
            actor=personas.users[who],
            notice=notice,
            decided_level="teguran_lisan",
            decree_number="1",
        )


def test_days_before_the_machines_first_recorded_someone_are_not_absences(personas):
    staf, kasi = personas.employees["staf"], personas.employees["kasi"]
    present_on(staf, MARCH)
    present_on(kasi, MARCH[10:15])  # enrolled on the 11th working day, then stays away
    row = selectors.employee_month_summary(None, kasi, 2026, 3)
    assert (row.present, row.absent) == (5, 7)
    services.sanctions_recompute(agency_id=personas.agency.pk, year=2026)
    notice = SanctionNotice.objects.get()
    assert (notice.level, notice.days_absent) == (Sanction.PERNYATAAN_TIDAK_PUAS, 7)


# --- the official who decides ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("absent", "authority", "official"),
    [
        (3, "superior", "kabid"),  # light: the nearest holder above of at least pengawas
        (7, "superior", "kabid"),  # the heaviest light one
        (11, "head", "kadinkes"),  # medium: the JPT heading the perangkat daerah
        (10, "ppk", None),  # ten days in a row stop the salary: the regional head decides
    ],
)
def test_the_notice_names_the_official_who_decides_it(personas, absent, authority, official):
    _absent_days(personas, absent, spread=absent != 10)
    services.sanctions_recompute(agency_id=personas.agency.pk, year=2026)
    notice = SanctionNotice.objects.get()
    assert notice.authority == authority
    expected = personas.employees[official].pk if official else None
    assert notice.deciding_official_id == expected
    event = AuditEvent.objects.get(action="activities.notice.proposed")
    assert event.after["authority"] == authority


def test_the_deciding_official_records_the_decision(personas):
    notice = _notice(personas)
    decided = services.notice_decide(
        actor=personas.users["kabid"],
        notice=notice,
        decided_level=Sanction.TEGURAN_LISAN,
        decree_number="800/3/DINKES",
    )
    assert decided.status == NoticeStatus.DECIDED and decided.decided_by == personas.users["kabid"]


def test_the_pimpinan_records_what_the_regional_head_decides(personas):
    _absent_days(personas, 10, spread=False)
    services.sanctions_recompute(agency_id=personas.agency.pk, year=2026)
    notice = SanctionNotice.objects.get()
    decided = services.notice_decide(
        actor=personas.users["pimpinan"],
        notice=notice,
        decided_level=Sanction.PENGHENTIAN_GAJI,
        decree_number="800/9/BUPATI",
    )
    assert decided.status == NoticeStatus.DECIDED


def test_the_deciding_official_is_asked_on_beranda(personas):
    from kinerja.accounts.viewer import build_viewer
    from kinerja.core.todo import items_for

    _notice(personas)
    kabid = {i.key for i in items_for(build_viewer(personas.users["kabid"]))}
    assert "activities.notices_to_decide" in kabid
    kadinkes = {i.key for i in items_for(build_viewer(personas.users["kadinkes"]))}
    assert "activities.notices_to_decide" not in kadinkes
