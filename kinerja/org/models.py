from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import DatedRange
from kinerja.org import rules


class AgencyKind(models.TextChoices):
    KABUPATEN = "kabupaten", _("Regency (kabupaten)")
    KOTA = "kota", _("City (kota)")
    PROVINSI = "provinsi", _("Province (provinsi)")


class Agency(models.Model):
    """A regional government (pemda). Everything else belongs to exactly one agency."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=AgencyKind.choices)
    region_name = models.CharField(_("region"), max_length=200)
    head_title = models.CharField(_("title of the regional head"), max_length=200)
    head_name = models.CharField(_("name of the regional head"), max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self):
        return self.name


class UnitKind(models.TextChoices):
    SEKRETARIAT_DAERAH = "setda", _("Regional secretariat")
    SEKRETARIAT_DPRD = "setwan", _("DPRD secretariat")
    DINAS = "dinas", _("Office (dinas)")
    BADAN = "badan", _("Agency (badan)")
    INSPEKTORAT = "inspektorat", _("Inspectorate")
    KECAMATAN = "kecamatan", _("District (kecamatan)")
    KELURAHAN = "kelurahan", _("Urban village (kelurahan)")
    SEKRETARIAT = "sekretariat", _("Secretariat")
    BAGIAN = "bagian", _("Section (bagian)")
    BIDANG = "bidang", _("Division (bidang)")
    SUB_BIDANG = "subbidang", _("Sub-division (sub-bidang)")
    SEKSI = "seksi", _("Section (seksi)")
    SUB_BAGIAN = "subbagian", _("Sub-section (sub-bagian)")
    UPT = "upt", _("Technical service unit (UPT)")
    PUSKESMAS = "puskesmas", _("Community health centre (Puskesmas)")
    RUMAH_SAKIT = "rsud", _("Regional hospital (RSUD)")
    SEKOLAH = "sekolah", _("School")
    LOKET = "loket", _("Service counter")


SERVICE_UNIT_KINDS = {
    UnitKind.UPT,
    UnitKind.PUSKESMAS,
    UnitKind.RUMAH_SAKIT,
    UnitKind.SEKOLAH,
    UnitKind.LOKET,
    UnitKind.KELURAHAN,
}


class Unit(models.Model):
    """A node of the agency's organisation tree: an OPD, a bidang, a seksi, a service unit.

    `path` is a materialised path of ids ("/3/17/42/") so that a whole subtree is one indexed
    prefix query; services keep it in step with `parent`.
    """

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="units")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    is_service_unit = models.BooleanField(_("public service unit"), default=False)
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["path"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="unit_code_unique_in_agency"),
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="unit_not_own_parent"),
        ]
        indexes = [models.Index(fields=["agency", "path"], name="unit_agency_path")]

    def __str__(self):
        return self.name

    @property
    def ancestor_ids(self) -> list[int]:
        """Ids from the root down to the parent."""
        return [int(part) for part in self.path.strip("/").split("/")[:-1] if part]


class PositionKind(models.TextChoices):
    JPT_UTAMA = "jpt_utama", _("JPT utama")
    JPT_MADYA = "jpt_madya", _("JPT madya")
    JPT_PRATAMA = "jpt_pratama", _("JPT pratama")
    ADMINISTRATOR = "administrator", _("Administrator")
    PENGAWAS = "pengawas", _("Supervisor (pengawas)")
    PELAKSANA = "pelaksana", _("Executive (pelaksana)")
    FUNGSIONAL = "fungsional", _("Functional (fungsional)")


JPT_KINDS = {PositionKind.JPT_UTAMA, PositionKind.JPT_MADYA, PositionKind.JPT_PRATAMA}
# The lowest post that may be a rater is pengawas (PermenPANRB 6/2022 Ps 1(9)).
RATER_KINDS = JPT_KINDS | {PositionKind.ADMINISTRATOR, PositionKind.PENGAWAS}


class Jenjang(models.TextChoices):
    PEMULA = "pemula", _("Pemula")
    TERAMPIL = "terampil", _("Terampil")
    MAHIR = "mahir", _("Mahir")
    PENYELIA = "penyelia", _("Penyelia")
    AHLI_PERTAMA = "ahli_pertama", _("Ahli Pertama")
    AHLI_MUDA = "ahli_muda", _("Ahli Muda")
    AHLI_MADYA = "ahli_madya", _("Ahli Madya")
    AHLI_UTAMA = "ahli_utama", _("Ahli Utama")


class Position(models.Model):
    """A post (jabatan) in a unit. The supervision chain follows `parent`.

    Structural posts have one holder; a functional or pelaksana post may have several.
    """

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="positions")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="positions")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("type"), max_length=20, choices=PositionKind.choices)
    jenjang = models.CharField(
        _("level (jenjang)"), max_length=20, choices=Jenjang.choices, blank=True
    )
    is_unit_head = models.BooleanField(_("head of the unit"), default=False)
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["path"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "code"], name="position_code_unique_in_agency"
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")), name="position_not_own_parent"
            ),
            models.CheckConstraint(
                condition=(Q(kind=PositionKind.FUNGSIONAL) & ~Q(jenjang=""))
                | (~Q(kind=PositionKind.FUNGSIONAL) & Q(jenjang="")),
                name="position_jenjang_only_for_fungsional",
            ),
        ]
        indexes = [models.Index(fields=["agency", "path"], name="position_agency_path")]

    def __str__(self):
        return self.name

    @property
    def ancestor_ids(self) -> list[int]:
        """Ids from the parent up to the root, nearest first."""
        parts = [int(part) for part in self.path.strip("/").split("/") if part]
        return list(reversed(parts[:-1]))

    @property
    def is_jpt(self) -> bool:
        return self.kind in JPT_KINDS

    @property
    def may_rate(self) -> bool:
        return self.kind in RATER_KINDS


class EmployeeStatus(models.TextChoices):
    PNS = "pns", _("PNS")
    PPPK = "pppk", _("PPPK")


PNS_GRADES = [
    ("I/a", "Juru Muda (I/a)"),
    ("I/b", "Juru Muda Tingkat I (I/b)"),
    ("I/c", "Juru (I/c)"),
    ("I/d", "Juru Tingkat I (I/d)"),
    ("II/a", "Pengatur Muda (II/a)"),
    ("II/b", "Pengatur Muda Tingkat I (II/b)"),
    ("II/c", "Pengatur (II/c)"),
    ("II/d", "Pengatur Tingkat I (II/d)"),
    ("III/a", "Penata Muda (III/a)"),
    ("III/b", "Penata Muda Tingkat I (III/b)"),
    ("III/c", "Penata (III/c)"),
    ("III/d", "Penata Tingkat I (III/d)"),
    ("IV/a", "Pembina (IV/a)"),
    ("IV/b", "Pembina Tingkat I (IV/b)"),
    ("IV/c", "Pembina Utama Muda (IV/c)"),
    ("IV/d", "Pembina Utama Madya (IV/d)"),
    ("IV/e", "Pembina Utama (IV/e)"),
]
PPPK_GRADES = [
    (roman, f"Golongan {roman}")
    for roman in (
        [
            "I",
            "II",
            "III",
            "IV",
            "V",
            "VI",
            "VII",
            "VIII",
            "IX",
            "X",
            "XI",
            "XII",
            "XIII",
            "XIV",
            "XV",
            "XVI",
            "XVII",
        ]
    )
]
GRADE_CHOICES = PNS_GRADES + PPPK_GRADES
PNS_GRADE_CODES = {code for code, _label in PNS_GRADES}
PPPK_GRADE_CODES = {code for code, _label in PPPK_GRADES}


class Sex(models.TextChoices):
    MALE = "L", _("Male")
    FEMALE = "P", _("Female")


class Employee(models.Model):
    """A civil servant (PNS or PPPK). Birth date and sex are read from the NIP."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="employees")
    nip = models.CharField(_("NIP"), max_length=18)
    name = models.CharField(_("name"), max_length=200)
    front_title = models.CharField(_("title before the name"), max_length=50, blank=True)
    back_title = models.CharField(_("title after the name"), max_length=80, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=EmployeeStatus.choices)
    grade = models.CharField(_("rank / grade"), max_length=10, choices=GRADE_CHOICES)
    birth_date = models.DateField(_("birth date"), editable=False)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, editable=False)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "nip"]
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        constraints = [
            models.UniqueConstraint(fields=["agency", "nip"], name="employee_nip_unique_in_agency"),
        ]
        indexes = [models.Index(fields=["agency", "name", "nip"], name="employee_agency_name_nip")]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return rules.display_name(self.name, self.front_title, self.back_title)

    @property
    def masked_nip(self) -> str:
        return rules.mask_nip(self.nip)


class AssignmentKind(models.TextChoices):
    DEFINITIVE = "definitive", _("Definitive")
    PLT = "plt", _("Acting (Plt.)")
    PLH = "plh", _("Daily acting (Plh.)")


class AssignmentReason(models.TextChoices):
    APPOINTMENT = "appointment", _("Appointment")
    TRANSFER = "transfer", _("Transfer (mutasi)")
    PROMOTION = "promotion", _("Promotion")
    ACTING = "acting", _("Acting assignment")
    RESTRUCTURING = "restructuring", _("Restructuring")
    IMPORT = "import", _("Initial data import")


class Assignment(DatedRange):
    """An employee holding a position over a date range: the history of every move.

    One definitive assignment at a time per employee; Plt./Plh. assignments run beside it.
    """

    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="assignments")
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="assignments")
    kind = models.CharField(
        _("kind"), max_length=12, choices=AssignmentKind.choices, default=AssignmentKind.DEFINITIVE
    )
    reason = models.CharField(_("reason"), max_length=20, choices=AssignmentReason.choices)
    decree_number = models.CharField(_("decree number (SK)"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(DatedRange.Meta):
        ordering = ["-start_date", "-id"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        indexes = [
            models.Index(fields=["position", "start_date"], name="assignment_position_start"),
            models.Index(fields=["employee", "start_date"], name="assignment_employee_start"),
            models.Index(fields=["kind", "end_date"], name="assignment_kind_end"),
        ]

    def __str__(self):
        return f"{self.employee} — {self.position} ({self.start_date:%d-%m-%Y})"


class SupervisionRole(models.TextChoices):
    RATER = "rater", _("Rater (pejabat penilai kinerja)")
    RATER_SUPERIOR = "rater_superior", _("Rater's superior (atasan pejabat penilai)")


class SupervisionOverride(DatedRange):
    """A delegated rater for one employee over a date range, overriding the position tree."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    employee = models.ForeignKey(
        Employee, on_delete=models.PROTECT, related_name="supervision_overrides"
    )
    supervisor = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=20, choices=SupervisionRole.choices)
    reason = models.CharField(_("reason"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(DatedRange.Meta):
        ordering = ["-start_date"]
        verbose_name = _("supervision override")
        verbose_name_plural = _("supervision overrides")
        constraints = [
            *DatedRange.Meta.constraints,
            models.CheckConstraint(
                condition=~Q(employee=models.F("supervisor")), name="override_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.employee} → {self.supervisor} ({self.get_role_display()})"


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Running")
    INVALID = "invalid", _("Rejected: the file has errors")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed")


class ImportJob(models.Model):
    """An uploaded organisation file and what became of it."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="import_jobs")
    created_by = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    file = models.FileField(upload_to="imports/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(max_length=64)
    file_format = models.CharField(max_length=10)
    sheet_kind = models.CharField(max_length=20, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self):
        return self.original_name

    @property
    def progress_percent(self) -> int:
        if not self.total_rows:
            return 100 if self.status in {ImportStatus.DONE, ImportStatus.INVALID} else 0
        return min(100, round(100 * self.processed_rows / self.total_rows))

    @property
    def is_finished(self) -> bool:
        return self.status in {ImportStatus.DONE, ImportStatus.INVALID, ImportStatus.FAILED}
