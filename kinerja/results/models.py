"""Realisation of individual results (PermenPANRB 6/2022 Ps 16; Lampiran p.68, Format B.1.2).

A realisation is what one RHK indicator of an employee's SKP achieved in one evaluation period
of the year (a month or a quarter, the `iku.Period` rows), with its evidence (bukti dukung).

Every SKP version copies its RHK and indicators, so a realisation is keyed on the stable
identity of the plan's content (employee, year, `Rhk.key`, `RhkIndicator.key`, period), never
on the primary keys of one version: it survives a revision of the plan and is shown against the
version in force in its period.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.fields import LimitedTextField
from kinerja.core.models import DatedRange
from kinerja.core.numbers import TARGET_DIGITS
from kinerja.iku.sources import source_label
from kinerja.results import rules


class RealisationStatus(models.TextChoices):
    DRAFT = rules.DRAFT, _("Draft")
    SUBMITTED = rules.SUBMITTED, _("Submitted")
    RETURNED = rules.RETURNED, _("Returned for correction")
    VERIFIED = rules.VERIFIED, _("Verified")


class Realisation(models.Model):
    """The realisation of one RHK indicator of an employee in one evaluation period.

    Quantitative indicators take `value`, qualitative ones `text` (which quantitative ones may
    use as a note). A verified realisation changes only through a correction, which adds a
    RealisationVersion with its reason.
    """

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    employee = models.ForeignKey(
        "org.Employee", verbose_name=_("employee"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    rhk_key = models.UUIDField()
    indicator_key = models.UUIDField()
    period = models.ForeignKey(
        "iku.Period", verbose_name=_("period"), on_delete=models.PROTECT, related_name="+"
    )
    # Where the plan in force placed the employee when the realisation was last written: the
    # scope of the unit admins and of the rater's list (the keys above stay the identity).
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    rater = models.ForeignKey(
        "org.Employee", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    value = models.DecimalField(_("realisation"), null=True, blank=True, **TARGET_DIGITS)
    text = LimitedTextField(_("realisation (description)"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RealisationStatus.choices,
        default=RealisationStatus.DRAFT,
    )
    version = models.PositiveSmallIntegerField(_("version"), default=0)
    due_date = models.DateField(_("reporting deadline"))
    is_late = models.BooleanField(_("late"), default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    first_submitted_at = models.DateTimeField(_("first submitted"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    returned_at = models.DateTimeField(_("returned"), null=True, blank=True)
    return_comment = LimitedTextField(_("reason for returning"), blank=True)
    # Set when Kinerja computed the figure from a source (`kinerja.iku.sources`), chosen for
    # the indicator in `RealisationSource`: nobody types over it.
    source_kind = models.CharField(_("computed from"), max_length=40, blank=True)
    source_basis = models.JSONField(_("data behind the figure"), default=dict, blank=True)
    computed_at = models.DateTimeField(_("computed"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["employee_id", "period_id", "pk"]
        verbose_name = _("realisation of an individual result")
        verbose_name_plural = _("realisations of individual results")
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "indicator_key", "period"], name="results_realisation_unique"
            ),
            models.CheckConstraint(
                condition=Q(status=rules.DRAFT) | Q(value__isnull=False) | ~Q(text=""),
                name="results_realisation_value_or_text",
            ),
            models.CheckConstraint(
                condition=~Q(status=rules.VERIFIED)
                | (Q(verified_at__isnull=False) & Q(version__gte=1)),
                name="results_realisation_verified_has_version",
            ),
            models.CheckConstraint(
                condition=~Q(status=rules.RETURNED) | ~Q(return_comment=""),
                name="results_realisation_returned_has_comment",
            ),
        ]
        indexes = [
            models.Index(fields=["employee", "year", "period"], name="results_real_employee"),
            models.Index(fields=["rater", "status"], name="results_real_rater"),
            models.Index(fields=["agency", "status"], name="results_real_agency"),
        ]

    def __str__(self):
        return f"{self.employee_id} {self.period_id} {self.indicator_key}"

    @property
    def is_editable(self) -> bool:
        return self.status in rules.EDITABLE_STATUSES and not self.source_kind

    @property
    def is_computed(self) -> bool:
        return bool(self.source_kind)


class RealisationVersionKind(models.TextChoices):
    VERIFIED = "verified", _("Verified")
    CORRECTED = "corrected", _("Corrected")
    COMPUTED = "computed", _("Computed by Kinerja")


class RealisationSource(models.Model):
    """The figure Kinerja computes as the realisation of one RHK indicator of an employee's
    year (a registered source kind of `kinerja.iku.sources` measured at a unit, optionally one
    of its services), chosen by the rater."""

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    employee = models.ForeignKey("org.Employee", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    indicator_key = models.UUIDField()
    kind = models.CharField(_("source"), max_length=40)
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    option_id = models.PositiveIntegerField(null=True, blank=True)
    option_name = models.CharField(max_length=200, blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    set_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("realisation source")
        verbose_name_plural = _("realisation sources")
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "year", "indicator_key"], name="results_source_unique"
            )
        ]

    def __str__(self):
        return f"{self.employee_id} {self.year} {self.kind}"

    @property
    def label(self) -> str:
        return source_label(self.kind, self.option_name, self.unit.name)


class RealisationVersion(models.Model):
    """An immutable record of a verified realisation: the first verification, each correction."""

    realisation = models.ForeignKey(Realisation, on_delete=models.PROTECT, related_name="versions")
    version = models.PositiveSmallIntegerField(_("version"))
    kind = models.CharField(_("kind"), max_length=10, choices=RealisationVersionKind.choices)
    value = models.DecimalField(_("realisation"), null=True, blank=True, **TARGET_DIGITS)
    text = LimitedTextField(_("realisation (description)"), blank=True)
    reason = LimitedTextField(_("reason"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"))

    class Meta:
        ordering = ["realisation", "version"]
        verbose_name = _("realisation version")
        verbose_name_plural = _("realisation versions")
        constraints = [
            models.UniqueConstraint(
                fields=["realisation", "version"], name="results_version_unique"
            ),
            models.CheckConstraint(
                condition=Q(kind="verified") | ~Q(reason=""),
                name="results_correction_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.realisation_id} v{self.version}"


class EvidenceKind(models.TextChoices):
    FILE = rules.EVIDENCE_FILE, _("File")
    LINK = rules.EVIDENCE_LINK, _("Link")
    TEXT = rules.EVIDENCE_TEXT, _("Text")


class Evidence(models.Model):
    """A piece of bukti dukung: a file, a link or a text, with the SHA-256 of its content
    (of the normalised text for a text, of the address for a link) to find the same evidence
    used twice."""

    realisation = models.ForeignKey(Realisation, on_delete=models.PROTECT, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=5, choices=EvidenceKind.choices)
    file = models.FileField(_("file"), upload_to="results/%Y/%m/", blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    url = models.URLField(_("link"), max_length=1000, blank=True)
    text = LimitedTextField(_("text"), blank=True)
    sha256 = models.CharField(max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["realisation", "uploaded_at", "id"]
        verbose_name = _("evidence (bukti dukung)")
        verbose_name_plural = _("evidence (bukti dukung)")

    def __str__(self):
        return self.original_name or self.url or self.text[:80]


# --- study leave (tugas belajar): academic results -------------------------------------------


class StudyLevel(models.TextChoices):
    S1 = rules.STUDY_S1, _("S-1 (bachelor)")
    POSTGRADUATE = rules.STUDY_POSTGRADUATE, _("Profesi, S-2 or S-3")


class Accreditation(models.TextChoices):
    A = "A", _("Accreditation A (unggul)")
    B = "B", _("Accreditation B (baik sekali)")
    C = "C", _("Accreditation C (baik)")
    ABROAD = "abroad", _("Abroad")


class StudyLeaveEndReason(models.TextChoices):
    GRADUATED = "graduated", _("Graduated early")
    CANCELLED = "cancelled", _("Cancelled")
    OTHER = "other", _("Other reason")


class StudyLeave(DatedRange):
    """An employee on study leave (tugas belajar, Lampiran PermenPANRB 6/2022 p.62-64): their
    SKP covers academic results, so each semester they record the IPK and the credits instead
    of the realisation of work results (domain.md 1.8)."""

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    employee = models.ForeignKey(
        "org.Employee",
        verbose_name=_("employee"),
        on_delete=models.PROTECT,
        related_name="study_leaves",
    )
    institution = models.CharField(_("university or institution"), max_length=200)
    programme = models.CharField(_("study programme"), max_length=200)
    level = models.CharField(_("level of study"), max_length=12, choices=StudyLevel.choices)
    accreditation = models.CharField(
        _("accreditation of the university"), max_length=6, choices=Accreditation.choices
    )
    total_semesters = models.PositiveSmallIntegerField(
        _("semesters to graduate on time"),
        validators=[MinValueValidator(1), MaxValueValidator(rules.MAX_SEMESTERS)],
    )
    decree_number = models.CharField(_("decree number (SK)"), max_length=100, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Ended early (graduated, cancelled): the end date moved to the last day of the study, and
    # the leave is final from then on.
    end_reason = models.CharField(
        _("reason for ending"), max_length=10, choices=StudyLeaveEndReason.choices, blank=True
    )
    end_note = LimitedTextField(_("explanation of the end"), blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)

    class Meta(DatedRange.Meta):
        ordering = ["-start_date", "-id"]
        verbose_name = _("study leave (tugas belajar)")
        verbose_name_plural = _("study leaves (tugas belajar)")
        constraints = [
            *DatedRange.Meta.constraints,
            models.CheckConstraint(
                condition=Q(total_semesters__gte=1) & Q(total_semesters__lte=rules.MAX_SEMESTERS),
                name="results_study_leave_semesters",
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True)
                | (Q(end_date__isnull=False) & ~Q(end_reason="")),
                name="results_study_leave_ended_has_end",
            ),
        ]
        indexes = [models.Index(fields=["employee", "start_date"], name="results_study_employee")]

    def __str__(self):
        return f"{self.institution} ({self.get_level_display()})"

    @property
    def is_ended(self) -> bool:
        return self.ended_at is not None


class SemesterResult(models.Model):
    """The academic result of one semester of a study leave, reported in an evaluation period:
    the IPK, the credits (SKS) taken and passed, the institution's feedback and the transcript
    as evidence. Submitted by the employee, verified or returned by the rater, corrected with a
    reason as a new version (the workflow of realisations)."""

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    employee = models.ForeignKey(
        "org.Employee", verbose_name=_("employee"), on_delete=models.PROTECT, related_name="+"
    )
    study_leave = models.ForeignKey(
        StudyLeave,
        verbose_name=_("study leave"),
        on_delete=models.PROTECT,
        related_name="semesters",
    )
    semester = models.PositiveSmallIntegerField(_("semester"))
    period = models.ForeignKey(
        "iku.Period", verbose_name=_("period"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    rater = models.ForeignKey(
        "org.Employee", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ipk = models.DecimalField(_("IPK (grade point average)"), max_digits=3, decimal_places=2)
    sks_taken = models.PositiveSmallIntegerField(_("credits (SKS) taken"))
    sks_passed = models.PositiveSmallIntegerField(_("credits (SKS) passed"))
    institution_feedback = LimitedTextField(_("feedback of the institution"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RealisationStatus.choices,
        default=RealisationStatus.DRAFT,
    )
    version = models.PositiveSmallIntegerField(_("version"), default=0)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    returned_at = models.DateTimeField(_("returned"), null=True, blank=True)
    return_comment = LimitedTextField(_("reason for returning"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["study_leave", "semester"]
        verbose_name = _("academic result of a semester")
        verbose_name_plural = _("academic results of semesters")
        constraints = [
            models.UniqueConstraint(
                fields=["study_leave", "semester"], name="results_semester_unique"
            ),
            models.CheckConstraint(
                condition=Q(ipk__gte=0) & Q(ipk__lte=rules.IPK_MAX), name="results_semester_ipk"
            ),
            models.CheckConstraint(
                condition=Q(sks_passed__lte=models.F("sks_taken")),
                name="results_semester_passed_le_taken",
            ),
            models.CheckConstraint(
                condition=Q(semester__gte=1), name="results_semester_number_positive"
            ),
            models.CheckConstraint(
                condition=~Q(status=rules.VERIFIED)
                | (Q(verified_at__isnull=False) & Q(version__gte=1)),
                name="results_semester_verified_has_version",
            ),
            models.CheckConstraint(
                condition=~Q(status=rules.RETURNED) | ~Q(return_comment=""),
                name="results_semester_returned_has_comment",
            ),
        ]
        indexes = [
            models.Index(fields=["employee", "period"], name="results_sem_employee"),
            models.Index(fields=["rater", "status"], name="results_sem_rater"),
        ]

    def __str__(self):
        return f"{self.employee_id} semester {self.semester}"

    @property
    def is_editable(self) -> bool:
        return self.status in rules.EDITABLE_STATUSES


class SemesterResultVersion(models.Model):
    """An immutable record of a verified semester result: the first verification, each
    correction with its reason."""

    result = models.ForeignKey(SemesterResult, on_delete=models.PROTECT, related_name="versions")
    version = models.PositiveSmallIntegerField(_("version"))
    kind = models.CharField(_("kind"), max_length=10, choices=RealisationVersionKind.choices)
    ipk = models.DecimalField(_("IPK (grade point average)"), max_digits=3, decimal_places=2)
    sks_taken = models.PositiveSmallIntegerField(_("credits (SKS) taken"))
    sks_passed = models.PositiveSmallIntegerField(_("credits (SKS) passed"))
    reason = LimitedTextField(_("reason"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"))

    class Meta:
        ordering = ["result", "version"]
        verbose_name = _("semester result version")
        verbose_name_plural = _("semester result versions")
        constraints = [
            models.UniqueConstraint(
                fields=["result", "version"], name="results_semester_version_unique"
            ),
            models.CheckConstraint(
                condition=Q(kind="verified") | ~Q(reason=""),
                name="results_semester_correction_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.result_id} v{self.version}"


class SemesterEvidence(models.Model):
    """The institution's transcript or feedback letter of a semester: a checked file with the
    SHA-256 of its content."""

    result = models.ForeignKey(SemesterResult, on_delete=models.PROTECT, related_name="evidence")
    file = models.FileField(_("file"), upload_to="results/study/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    sha256 = models.CharField(max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["result", "uploaded_at", "id"]
        verbose_name = _("transcript or feedback of the institution")
        verbose_name_plural = _("transcripts and feedback of the institution")

    def __str__(self):
        return self.original_name
