"""Helpers of the attendance tests: files in a machine's format and days written in bulk."""

from __future__ import annotations

import datetime

from kinerja.activities import rules
from kinerja.activities.models import AttendanceDay, ImportKind
from kinerja.activities.services import import_create, import_run
from kinerja.core import calendar

MARCH = (datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))


def working_days(start=MARCH[0], end=MARCH[1], off=()) -> list[datetime.date]:
    return [d for d in rules.dates_between(start, end) if calendar.is_working_day(d, off)]


def csv_bytes(rows, header=("nip", "tanggal", "jam_masuk", "jam_pulang")) -> bytes:
    lines = [";".join(header), *(";".join(str(c) for c in row) for row in rows)]
    return ("\n".join(lines) + "\n").encode()


def attendance_rows(employee, days, time_in="07:25", time_out="16:05"):
    return [(employee.nip, f"{day:%Y-%m-%d}", time_in, time_out) for day in days]


def run_import(personas, data: bytes, *, as_user="bkpsdm", kind=ImportKind.ATTENDANCE):
    user = personas.users[as_user]
    job = import_create(
        actor=user,
        agency=personas.agency,
        kind=kind,
        data=data,
        filename=f"{kind}.csv",
        file_format="csv",
    )
    import_run(job.pk, user_id=user.pk)
    job.refresh_from_db()
    return job


def present_on(employee, days, time_in=datetime.time(7, 20), time_out=datetime.time(16, 5)):
    AttendanceDay.objects.bulk_create(
        AttendanceDay(
            agency_id=employee.agency_id,
            employee=employee,
            date=day,
            time_in=time_in,
            time_out=time_out,
            late_minutes=rules.late_minutes(time_in, datetime.time(7, 30)),
        )
        for day in days
    )
