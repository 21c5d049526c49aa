"""Attendance of the demo agency: the last two full months as the machines exported them, with
lateness, early departures, some leave and a few employees reaching each PP 94/2021 level.

Rows are built in memory and bulk-inserted; the notices are then proposed by the same bulk
recomputation an import runs (`kinerja.activities.services.sanctions_recompute`).
"""

from __future__ import annotations

import datetime
import random

from kinerja.activities import rules
from kinerja.activities.models import (
    AttendanceDay,
    AttendanceImport,
    CutiKind,
    ImportKind,
    ImportStatus,
    LeaveRecord,
)
from kinerja.activities.services import sanctions_recompute
from kinerja.core import calendar
from kinerja.demo.generator.figures import BATCH
from kinerja.iku.models import NonWorkingDay

START, END, FRIDAY_END = datetime.time(7, 30), datetime.time(16, 0), datetime.time(16, 30)
# Unexcused absences of the employees who reach each level (cumulative days, in runs short of
# 10 days), and one who stays away 10 working days in a row.
LEVEL_DAYS = (3, 4, 7, 11, 14, 17, 21, 25, 28)
MOST_EMPLOYEES = 3000  # enough for every page; a province's full machine export is the bench's


def _months(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first day of the month two months back, and the last day of last month."""
    last = today.replace(day=1) - datetime.timedelta(days=1)
    first = (last.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    return first, last


def _minutes_after(time: datetime.time, minutes: int) -> datetime.time:
    total = time.hour * 60 + time.minute + minutes
    return datetime.time(total // 60, total % 60)


def _spread_absences(working: list[datetime.date], days: int) -> set[datetime.date]:
    """`days` absences in runs of at most four, a working day of presence before and between
    runs (the first presence enrols the employee, see `sanctions_recompute`)."""
    absent, index = set(), 1
    while len(absent) < days and index < len(working):
        run = min(4, days - len(absent))
        absent.update(working[index : index + run])
        index += run + 1
    return absent


def seed_attendance(agency, staffing, anchors, *, seed: int, today: datetime.date) -> dict:
    rng = random.Random(f"{seed}-attendance")
    first, last = _months(today)
    off = set(
        NonWorkingDay.objects.filter(agency=agency, date__gte=first, date__lte=last).values_list(
            "date", flat=True
        )
    )
    working = [d for d in rules.dates_between(first, last) if calendar.is_working_day(d, off)]
    protected = {anchors.posts[key] for key in anchors.posts} | set(anchors.protected)
    # The unit the demo's unit admin administers first, so that its pages show a full month.
    admin_code = anchors.admin_unit_code
    members = sorted(
        (m for m in staffing.members if m.obj is not None),
        key=lambda m: (
            not (m.post.unit.code == admin_code or m.post.unit.code.startswith(f"{admin_code}."))
        ),
    )[:MOST_EMPLOYEES]
    candidates = [m for m in members if m.post not in protected]
    chosen = rng.sample(candidates, min(len(candidates), len(LEVEL_DAYS) + 1))
    absences = {
        id(member): _spread_absences(working, days)
        for member, days in zip(chosen, LEVEL_DAYS, strict=False)
    }
    if len(chosen) > len(LEVEL_DAYS):
        absences[id(chosen[-1])] = set(working[2:12])  # ten working days in a row
    job = AttendanceImport.objects.create(
        agency=agency,
        kind=ImportKind.ATTENDANCE,
        file="",
        original_name=f"mesin-presensi-{first:%Y-%m}-{last:%Y-%m}.csv",
        file_format="csv",
        status=ImportStatus.DONE,
        finished_at=datetime.datetime.combine(last, datetime.time(17), tzinfo=datetime.UTC),
    )
    days, leaves = [], []
    for member in members:
        missing = absences.get(id(member), set())
        on_leave: set[datetime.date] = set()
        if not missing and rng.random() < 0.06:
            start_index = rng.randrange(len(working) - 3)
            length = rng.randint(1, 3)
            kind = rng.choice([CutiKind.TAHUNAN, CutiKind.SAKIT, CutiKind.DINAS_LUAR])
            span = working[start_index : start_index + length]
            on_leave.update(span)
            leaves.append(
                LeaveRecord(
                    agency=agency,
                    employee_id=member.obj.pk,
                    kind=kind,
                    start_date=span[0],
                    end_date=span[-1],
                )
            )
        habitually_late = rng.random() < 0.1
        for day in working:
            if day in missing or day in on_leave:
                continue
            late = rng.random() < (0.5 if habitually_late else 0.08)
            arrival = (
                _minutes_after(START, rng.randint(1, 75))
                if late
                else _minutes_after(datetime.time(6, 50), rng.randint(0, 39))
            )
            end = FRIDAY_END if day.weekday() == 4 else END
            early = rng.random() < 0.04
            departure = (
                _minutes_after(end, -rng.randint(10, 90))
                if early
                else _minutes_after(end, rng.randint(0, 50))
            )
            days.append(
                AttendanceDay(
                    agency=agency,
                    employee_id=member.obj.pk,
                    date=day,
                    time_in=arrival,
                    time_out=departure,
                    machine_time_in=arrival,
                    machine_time_out=departure,
                    late_minutes=rules.late_minutes(arrival, START),
                    early_minutes=rules.early_minutes(departure, end),
                    source_import=job,
                )
            )
    AttendanceDay.objects.bulk_create(days, batch_size=BATCH)
    LeaveRecord.objects.bulk_create(leaves, batch_size=BATCH)
    job.total_rows = job.processed_rows = len(days)
    job.summary = {
        "days": len(days),
        "employees": len(members),
        "kept_corrections": 0,
        "first_date": working[0].isoformat(),
        "last_date": working[-1].isoformat(),
    }
    job.save(update_fields=["total_rows", "processed_rows", "summary"])
    notices = 0
    for year in sorted({first.year, last.year}):
        notices += len(sanctions_recompute(agency_id=agency.pk, year=year, today=today))
    return {"days": len(days), "leave_records": len(leaves), "sanction_notices": notices}
