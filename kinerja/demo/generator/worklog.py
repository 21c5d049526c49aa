"""Daily activity logs of the demo agency: about five entries a working day with realistic gaps,
some repeats of the day before, a few people who type the same long text every day or copy a
colleague's, some over-long days and late filings; older weeks mostly verified, a few returned.

To keep the seed fast, every employee has the last weeks (`RECENT_WEEKS`) and the demo logins
and the people directly under them the whole year up to today (their month and team pages are
the ones a visitor opens). Rows are built as plain tuples and inserted with `executemany` (the ORM's
bulk_create spends most of its time preparing 25 fields of each of ~30,000 rows); the bench
fills a full year for a province with SQL instead.
"""

from __future__ import annotations

import datetime
import random

from django.db import connection
from django.utils import timezone

from kinerja.activities import rules
from kinerja.activities.models import Activity, ActivityStatus
from kinerja.core import calendar
from kinerja.demo.generator.figures import BATCH
from kinerja.iku.models import NonWorkingDay
from kinerja.org.models import Assignment
from kinerja.org.selectors.core import active_on
from kinerja.results.rules import text_digest
from kinerja.skp.models import Rhk

RECENT_WEEKS = 3
DAY_MINUTES = 450  # an ordinary day fits the working day; 2 in 100 are made longer
VERIFIED_AFTER_DAYS = 10
FLUSH_ROWS = 50_000
ROUTINE = (
    ("Apel pagi dan pembagian tugas", 30),
    ("Memeriksa dan membalas surat masuk", 60),
    ("Rapat koordinasi internal bidang", 90),
    ("Menginput data ke aplikasi layanan", 120),
    ("Menyusun draf laporan kegiatan bulanan", 120),
    ("Melayani konsultasi masyarakat di loket", 90),
    ("Mengarsipkan dokumen keluar dan masuk", 60),
    ("Verifikasi berkas permohonan layanan", 90),
    ("Menyiapkan bahan paparan pimpinan", 120),
    ("Monitoring capaian kegiatan ke lapangan", 150),
    ("Menyusun notulen rapat koordinasi", 45),
    ("Rekapitulasi data kehadiran dan kinerja", 60),
)
COPIED_TEXT = "Melaksanakan tugas kedinasan sesuai arahan pimpinan dan menyusun laporan hasilnya"
RETURN_COMMENTS = (
    "Uraikan hasil kegiatannya, bukan hanya judulnya.",
    "Waktu kegiatan tumpang tindih, mohon diperbaiki.",
    "Kegiatan ini tidak terkait RHK yang dipilih.",
)


def _full_year_people(agency, logins, today) -> set[int]:
    """The employees of the demo logins and the people in posts directly under theirs."""
    employees = {login.user.employee_id for login in logins if login.user.employee_id}
    posts = Assignment.objects.filter(active_on(today), employee_id__in=employees).values(
        "position"
    )
    below = Assignment.objects.filter(active_on(today), position__parent__in=posts).values_list(
        "employee_id", flat=True
    )
    return employees | set(below)


def seed_worklog(agency, logins, *, seed: int, today: datetime.date) -> dict:
    rng = random.Random(f"{seed}-worklog")
    year_start = datetime.date(today.year, 1, 1)
    off = set(
        NonWorkingDay.objects.filter(
            agency=agency, date__gte=year_start, date__lte=today
        ).values_list("date", flat=True)
    )
    working = [d for d in rules.dates_between(year_start, today) if calendar.is_working_day(d, off)]
    recent_start = today - datetime.timedelta(weeks=RECENT_WEEKS)
    full_year = _full_year_people(agency, logins, today)
    rhks: dict[int, list] = {}
    for employee_id, key in Rhk.objects.filter(
        skp__agency=agency, skp__year=today.year, skp__is_latest=True
    ).values_list("skp__employee_id", "key"):
        rhks.setdefault(employee_id, []).append(key)
    employee_ids = list(
        Assignment.objects.filter(active_on(today), position__agency=agency)
        .values_list("employee_id", flat=True)
        .distinct()
        .order_by("employee_id")
    )
    digests = {}
    zone = timezone.get_current_timezone()
    ops = connection.ops
    key_field = Activity._meta.get_field("rhk_key")
    db_keys = {
        key: key_field.get_db_prep_value(key, connection) for keys in rhks.values() for key in keys
    }
    rows = []
    copiers = set(rng.sample(employee_ids, max(1, len(employee_ids) // 40)))
    counts = {"entries": 0, "verified": 0, "returned": 0, "repeats": 0}
    for employee_id in employee_ids:
        days = working if employee_id in full_year else [d for d in working if d >= recent_start]
        keys = rhks.get(employee_id, [])
        previous: list[tuple[str, int]] = []
        for day in days:
            if rng.random() < 0.08:  # a day without entries: forgotten, training, duty away
                previous = []
                continue
            if previous and rng.random() < 0.1:
                chosen, repeat = previous, True
            else:
                chosen = rng.sample(ROUTINE, rng.randint(3, 7))
                if employee_id in copiers:
                    chosen = [(COPIED_TEXT, 120), *chosen[:3]]
                while sum(m for _text, m in chosen) > DAY_MINUTES:
                    chosen = chosen[:-1]
                if rng.random() < 0.02:
                    chosen = [*chosen, ("Lembur menyelesaikan laporan akhir tahun", 300)]
                repeat = False
            age = (today - day).days
            delay = rng.randint(4, 12) if rng.random() < 0.05 else rng.choice((0, 0, 0, 1))
            filed_on = min(today, day + datetime.timedelta(days=delay))
            filed_at = datetime.datetime.combine(filed_on, datetime.time(16, 15), tzinfo=zone)
            minute = 7 * 60 + 30
            for text, minutes in chosen:
                status = ActivityStatus.SUBMITTED
                verified_at = None
                comment = ""
                if age > VERIFIED_AFTER_DAYS:
                    roll = rng.random()
                    if roll < 0.02:
                        status, comment = ActivityStatus.RETURNED, rng.choice(RETURN_COMMENTS)
                    elif roll < 0.9:
                        status, verified_at = ActivityStatus.VERIFIED, filed_at
                start = datetime.time(min(23, minute // 60), minute % 60)
                minute += minutes
                end = datetime.time(minute // 60, minute % 60) if minute < 24 * 60 else None
                if text not in digests:
                    digests[text] = text_digest(text)
                key = rng.choice(keys) if keys else None
                rows.append(
                    (
                        agency.pk,
                        employee_id,
                        ops.adapt_datefield_value(day),
                        day.year,
                        ops.adapt_timefield_value(start) if end else None,
                        ops.adapt_timefield_value(end) if end else None,
                        minutes,
                        text,
                        digests[text],
                        db_keys.get(key),
                        str(status),
                        ops.adapt_datetimefield_value(verified_at) if verified_at else None,
                        comment,
                        ops.adapt_datetimefield_value(filed_at) if comment else None,
                        repeat,
                        ops.adapt_datetimefield_value(filed_at),
                        rules.filing_delay(day, filed_on),
                        ops.adapt_datetimefield_value(filed_at),
                        "",
                        "",
                        "",
                        "",
                    )
                )
                counts["verified"] += status == ActivityStatus.VERIFIED
                counts["returned"] += status == ActivityStatus.RETURNED
                counts["repeats"] += repeat
            previous = chosen
        if len(rows) >= FLUSH_ROWS:  # a province's weeks would not fit in memory at once
            counts["entries"] += len(rows)
            _insert(rows)
            rows.clear()
    counts["entries"] += len(rows)
    _insert(rows)
    counts["people_full_year"] = len(full_year)
    return counts


COLUMNS = (
    "agency_id",
    "employee_id",
    "date",
    "year",
    "start_time",
    "end_time",
    "minutes",
    "description",
    "digest",
    "rhk_key",
    "status",
    "verified_at",
    "return_comment",
    "returned_at",
    "is_repeat",
    "filed_at",
    "filing_delay_days",
    "updated_at",
    "evidence",
    "evidence_name",
    "evidence_type",
    "evidence_sha256",
)


def _insert(rows: list[tuple]) -> None:
    table = connection.ops.quote_name(Activity._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in COLUMNS)
    marks = ", ".join(["%s"] * len(COLUMNS))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])
