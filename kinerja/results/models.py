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
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.fields import LimitedTextField
from kinerja.core.numbers import TARGET_DIGITS
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
        return self.status in rules.EDITABLE_STATUSES


class RealisationVersionKind(models.TextChoices):
    VERIFIED = "verified", _("Verified")
    CORRECTED = "corrected", _("Corrected")


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
