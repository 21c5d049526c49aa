"""Attendance, leave (cuti), the discipline notices that unexcused absence raises, and the daily
activity log (laporan kegiatan harian) with the agency's optional catalogue of activities."""

import datetime

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kinerja.activities import rules
from kinerja.activities.rules import Sanction
from kinerja.core.fields import LimitedTextField
from kinerja.org.models import Agency, Employee, ImportStatus

__all__ = [
    "Activity",
    "ActivityCatalogueItem",
    "ActivityStatus",
    "AttendanceDay",
    "AttendanceImport",
    "AttendanceSetting",
    "CutiKind",
    "ImportKind",
    "ImportStatus",
    "LeaveRecord",
    "NoticeStatus",
    "SanctionLevel",
    "SanctionNotice",
]


class SanctionLevel(models.TextChoices):
    """PP 94/2021 sanctions for unexcused absence (values from `rules.Sanction`)."""

    TEGURAN_LISAN = Sanction.TEGURAN_LISAN, _("Oral reprimand (teguran lisan)")
    TEGURAN_TERTULIS = Sanction.TEGURAN_TERTULIS, _("Written reprimand (teguran tertulis)")
    PERNYATAAN_TIDAK_PUAS = (
        Sanction.PERNYATAAN_TIDAK_PUAS,
        _("Written statement of dissatisfaction (pernyataan tidak puas secara tertulis)"),
    )
    TUKIN_6 = Sanction.TUKIN_6, _("Tunjangan kinerja cut by 25 per cent for 6 months")
    TUKIN_9 = Sanction.TUKIN_9, _("Tunjangan kinerja cut by 25 per cent for 9 months")
    TUKIN_12 = Sanction.TUKIN_12, _("Tunjangan kinerja cut by 25 per cent for 12 months")
    DEMOSI = Sanction.DEMOSI, _("Demotion one level for 12 months")
    PEMBEBASAN = Sanction.PEMBEBASAN, _("Released from the post to a pelaksana post for 12 months")
    PENGHENTIAN_GAJI = Sanction.PENGHENTIAN_GAJI, _("Salary stopped from the following month")
    PEMBERHENTIAN = (
        Sanction.PEMBERHENTIAN,
        _("Honourable dismissal not at own request (pemberhentian)"),
    )


class CutiKind(models.TextChoices):
    """Kinds of leave (cuti, PP 11/2017 Ps 310) and the other valid reasons for not being at
    the office (dinas luar, tugas belajar)."""

    TAHUNAN = "tahunan", _("Cuti tahunan (annual leave)")
    BESAR = "besar", _("Cuti besar (long leave)")
    SAKIT = "sakit", _("Cuti sakit (sick leave)")
    MELAHIRKAN = "melahirkan", _("Cuti melahirkan (maternity leave)")
    ALASAN_PENTING = "alasan_penting", _("Cuti karena alasan penting (compassionate leave)")
    CLTN = "cltn", _("Cuti di luar tanggungan negara (unpaid leave)")
    DINAS_LUAR = "dinas_luar", _("Dinas luar (official duty away)")
    TUGAS_BELAJAR = "tugas_belajar", _("Tugas belajar (study leave)")


class AttendanceSetting(models.Model):
    """How an agency's machines export attendance, saved once, and its working hours."""

    agency = models.OneToOneField(
        Agency, on_delete=models.CASCADE, related_name="attendance_setting"
    )
    id_column = models.CharField(_("column of the NIP"), max_length=60, default="nip")
    date_column = models.CharField(_("column of the date"), max_length=60, default="tanggal")
    time_in_column = models.CharField(
        _("column of the arrival time"), max_length=60, blank=True, default="jam_masuk"
    )
    time_out_column = models.CharField(
        _("column of the departure time"), max_length=60, blank=True, default="jam_pulang"
    )
    timestamp_column = models.CharField(
        _("column of a single scan time"),
        max_length=60,
        blank=True,
        help_text=_(
            "For machines that export one row per scan: the first scan of a day is the "
            "arrival, the last the departure. Leave empty when arrival and departure have "
            "their own columns."
        ),
    )
    date_format = models.CharField(_("date format"), max_length=20, default="%Y-%m-%d")
    time_format = models.CharField(_("time format"), max_length=20, default="%H:%M")
    work_start = models.TimeField(_("start of the working day"), default=datetime.time(7, 30))
    work_end = models.TimeField(_("end of the working day"), default=datetime.time(16, 0))
    friday_end = models.TimeField(
        _("end of the working day on Friday"), default=datetime.time(16, 30)
    )
    grace_minutes = models.PositiveSmallIntegerField(
        _("grace for lateness (minutes)"),
        default=0,
        help_text=_("An arrival within this many minutes after the start is not late."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance setting")
        verbose_name_plural = _("attendance settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(work_start__lt=F("work_end")) & Q(work_start__lt=F("friday_end")),
                name="attendance_setting_start_before_end",
            ),
        ]

    def __str__(self):
        return str(_("Attendance setting of %(agency)s") % {"agency": self.agency_id})

    def end_on(self, day: datetime.date) -> datetime.time:
        return self.friday_end if day.weekday() == 4 else self.work_end


class ImportKind(models.TextChoices):
    ATTENDANCE = "attendance", _("Attendance")
    LEAVE = "leave", _("Leave (cuti)")


class AttendanceImport(models.Model):
    """An uploaded attendance or leave file and what became of it."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=12, choices=ImportKind.choices)
    created_by = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    file = models.FileField(upload_to="attendance/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    file_format = models.CharField(max_length=10)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("attendance import")
        verbose_name_plural = _("attendance imports")

    def __str__(self):
        return self.original_name

    @property
    def progress_percent(self) -> int:
        if not self.total_rows:
            return 100 if self.is_finished else 0
        return min(100, round(100 * self.processed_rows / self.total_rows))

    @property
    def is_finished(self) -> bool:
        return self.status in {ImportStatus.DONE, ImportStatus.INVALID, ImportStatus.FAILED}


class AttendanceDay(models.Model):
    """One employee's arrival and departure on one date. Importing the same day again replaces
    it; a correction keeps the machine's times in `machine_time_*` and says who and why."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("date"))
    time_in = models.TimeField(_("arrival"), null=True, blank=True)
    time_out = models.TimeField(_("departure"), null=True, blank=True)
    late_minutes = models.PositiveIntegerField(_("late (minutes)"), default=0)
    early_minutes = models.PositiveIntegerField(_("left early (minutes)"), default=0)
    source_import = models.ForeignKey(
        AttendanceImport, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_corrected = models.BooleanField(_("corrected"), default=False)
    machine_time_in = models.TimeField(null=True, blank=True)
    machine_time_out = models.TimeField(null=True, blank=True)
    correction_reason = models.CharField(_("reason for the correction"), max_length=500, blank=True)
    corrected_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    corrected_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["date", "employee_id"]
        verbose_name = _("attendance day")
        verbose_name_plural = _("attendance days")
        constraints = [
            models.UniqueConstraint(fields=["employee", "date"], name="attendance_day_unique"),
        ]
        indexes = [
            models.Index(fields=["agency", "date"], name="attendance_agency_date"),
            # Beranda asks every unit admin for the days with one scan not corrected yet: the
            # few such rows, where probing each person's days read a month of scans apiece.
            models.Index(
                fields=["employee", "date"],
                condition=Q(is_corrected=False)
                & (Q(time_in__isnull=True) | Q(time_out__isnull=True)),
                name="attendance_one_scan",
            ),
        ]

    def __str__(self):
        return f"{self.employee_id} {self.date:%d-%m-%Y}"

    @property
    def is_present(self) -> bool:
        return self.time_in is not None or self.time_out is not None


class LeaveRecord(models.Model):
    """A leave or another valid reason for absence, over whole days."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=CutiKind.choices)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"))
    source_import = models.ForeignKey(
        AttendanceImport, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "employee_id"]
        verbose_name = _("leave record")
        verbose_name_plural = _("leave records")
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "kind", "start_date"], name="leave_record_unique"
            ),
            models.CheckConstraint(
                condition=Q(start_date__lte=F("end_date")), name="leave_record_dates_in_order"
            ),
        ]
        indexes = [models.Index(fields=["agency", "start_date"], name="leave_agency_start")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.start_date:%d-%m-%Y} - {self.end_date:%d-%m-%Y}"


class NoticeStatus(models.TextChoices):
    PROPOSED = "proposed", _("Awaiting decision")
    DECIDED = "decided", _("Decided")


class DecidingAuthority(models.TextChoices):
    SUPERIOR = rules.Authority.SUPERIOR, _("The direct superior")
    HEAD = rules.Authority.HEAD, _("The head of the perangkat daerah")
    PPK = rules.Authority.PPK, _("The regional head (Pejabat Pembina Kepegawaian)")


class SanctionNotice(models.Model):
    """A level of PP 94/2021 reached by an employee in a year: Kinerja proposes it to BKPSDM
    and the deciding official; the decision (level, decree) is theirs and recorded here."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    level = models.CharField(_("proposed sanction"), max_length=30, choices=SanctionLevel.choices)
    days_absent = models.PositiveSmallIntegerField(_("days absent without a valid reason"))
    consecutive_days = models.PositiveSmallIntegerField(_("longest run of days in a row"))
    status = models.CharField(
        _("status"), max_length=10, choices=NoticeStatus.choices, default=NoticeStatus.PROPOSED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Who decides (rules.deciding_authority), named when the notice is proposed: the official
    # in the employee's line; none for the regional head, who is not an employee.
    authority = models.CharField(
        _("deciding official"),
        max_length=10,
        choices=DecidingAuthority.choices,
        default=DecidingAuthority.PPK,
    )
    deciding_official = models.ForeignKey(
        Employee,
        verbose_name=_("deciding official"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_level = models.CharField(
        _("decided sanction"), max_length=30, choices=SanctionLevel.choices, blank=True
    )
    no_sanction = models.BooleanField(_("no sanction"), default=False)
    decree_number = models.CharField(_("decree number"), max_length=100, blank=True)
    decree_date = models.DateField(_("decree date"), null=True, blank=True)
    decision_note = LimitedTextField(_("note"), blank=True, max_length=2000)
    decided_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["status", "-created_at", "-id"]
        verbose_name = _("sanction notice")
        verbose_name_plural = _("sanction notices")
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "year", "level"], name="sanction_notice_unique"
            ),
        ]
        indexes = [models.Index(fields=["agency", "status"], name="sanction_notice_status")]

    def __str__(self):
        return f"{self.get_level_display()} ({self.year})"

    @property
    def deciding_official_label(self) -> str:
        if self.deciding_official is not None:
            return f"{self.deciding_official.full_name} ({self.get_authority_display()})"
        return str(self.get_authority_display())


# --- daily activity log ---------------------------------------------------------------------------


class ActivityStatus(models.TextChoices):
    SUBMITTED = rules.SUBMITTED, _("Awaiting verification")
    VERIFIED = rules.VERIFIED, _("Verified")
    RETURNED = rules.RETURNED, _("Returned for correction")


class ActivityCatalogueItem(models.Model):
    """An activity of the agency's catalogue with its standard minutes (many regencies pay the
    allowance on them); an entry may pick one, which fills its text and minutes."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("activity"), max_length=200)
    standard_minutes = models.PositiveSmallIntegerField(_("standard minutes"))
    is_active = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("catalogue activity")
        verbose_name_plural = _("activity catalogue")
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="activity_catalogue_unique"),
            models.CheckConstraint(
                condition=Q(standard_minutes__gte=1) & Q(standard_minutes__lte=1440),
                name="activity_catalogue_minutes_in_a_day",
            ),
        ]

    def __str__(self):
        return self.name


class Activity(models.Model):
    """One entry of an employee's daily log: what was done on a date, for how long, for which
    RHK of the plan in force.

    The RHK is kept as its stable key and the plan's year (every plan version copies its rows).
    On PostgreSQL the table is partitioned by month of `date` with the primary key (id, date)
    (migration 0002 and the `activity_partitions` command): no other table may point at an
    activity with a foreign key, and no unique constraint can leave out the date.
    """

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("from"), null=True, blank=True)
    end_time = models.TimeField(_("to"), null=True, blank=True)
    minutes = models.PositiveSmallIntegerField(_("minutes"))
    description = LimitedTextField(_("what was done"), max_length=2000)
    year = models.PositiveSmallIntegerField(_("year"))
    rhk_key = models.UUIDField(_("RHK"), null=True, blank=True)
    # The rencana aksi of the RHK in this evaluation period (an action plan is one RHK's step in
    # one period, so the period and the RHK key name it across plan versions).
    action_period = models.ForeignKey(
        "iku.Period",
        verbose_name=_("rencana aksi of the period"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    catalogue_item = models.ForeignKey(
        ActivityCatalogueItem,
        verbose_name=_("catalogue activity"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    evidence = models.FileField(_("photo or file"), upload_to="activities/%Y/%m/", blank=True)
    evidence_name = models.CharField(_("file name"), max_length=255, blank=True)
    evidence_type = models.CharField(max_length=100, blank=True)
    evidence_sha256 = models.CharField(max_length=64, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ActivityStatus.choices,
        default=ActivityStatus.SUBMITTED,
    )
    digest = models.CharField(max_length=64)
    is_repeat = models.BooleanField(_("repeated from an earlier day"), default=False)
    filed_at = models.DateTimeField(_("filed"))
    filing_delay_days = models.PositiveSmallIntegerField(_("days between the day and filing"))
    verified_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    returned_at = models.DateTimeField(_("returned"), null=True, blank=True)
    return_comment = LimitedTextField(_("reason for returning"), blank=True, max_length=1000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["date", "start_time", "pk"]
        verbose_name = _("daily activity")
        verbose_name_plural = _("daily activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gte=1) & Q(minutes__lte=1440),
                name="activity_minutes_in_a_day",
            ),
            models.CheckConstraint(
                condition=Q(start_time__isnull=True)
                | Q(end_time__isnull=True)
                | Q(start_time__lt=F("end_time")),
                name="activity_start_before_end",
            ),
            models.CheckConstraint(
                condition=~Q(status=rules.VERIFIED) | Q(verified_at__isnull=False),
                name="activity_verified_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status=rules.RETURNED) | ~Q(return_comment=""),
                name="activity_returned_has_comment",
            ),
        ]
        indexes = [
            models.Index(fields=["employee", "date"], name="activity_employee_date"),
            models.Index(fields=["agency", "status", "date"], name="activity_agency_status"),
            models.Index(fields=["agency", "digest"], name="activity_agency_digest"),
            # Beranda counts each person's returned entries and a supervisor's team's waiting
            # ones: a small index of the entries not verified yet, in every month's partition.
            models.Index(
                fields=["employee", "date"],
                condition=Q(status__in=[rules.SUBMITTED, rules.RETURNED]),
                name="activity_employee_open",
            ),
        ]

    def __str__(self):
        return f"{self.employee_id} {self.date:%d-%m-%Y} {self.description[:60]}"

    @property
    def is_editable(self) -> bool:
        return self.status in rules.EDITABLE_STATUSES


# What each check of `rules.entry_flags` says, to the employee and to the supervisor.
FLAG_LABELS = {
    rules.FLAG_LONG_DAY: _("More minutes on this day than the working day has"),
    rules.FLAG_NON_WORKING_DAY: _("Logged on a day that is not a working day"),
    rules.FLAG_ON_LEAVE: _("Logged on a day of leave"),
    rules.FLAG_ABSENT: _("Logged on a day without attendance"),
    rules.FLAG_COPIED_DAYS: _("The same text was typed on another day"),
    rules.FLAG_COPIED_PEOPLE: _("The same text was written by someone else"),
    rules.FLAG_LATE_FILING: _("Filed long after the day"),
}
