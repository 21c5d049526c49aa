"""Realisations of indicators per period, their versions and their evidence files."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.fields import LimitedTextField
from kinerja.iku.models.tree import TARGET_DIGITS


class RealisationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for correction")
    VERIFIED = "verified", _("Verified")


EDITABLE_STATUSES = frozenset({RealisationStatus.DRAFT, RealisationStatus.RETURNED})


class Realisation(models.Model):
    """What an indicator achieved in a period: entered by the unit, verified by its head.

    `value` is None with a `note` when the figure is not available. A verified realisation only
    changes through a correction, which adds a RealisationVersion.
    """

    indicator = models.ForeignKey(
        "iku.Indicator", on_delete=models.PROTECT, related_name="realisations"
    )
    period = models.ForeignKey("iku.Period", on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(_("realisation"), null=True, blank=True, **TARGET_DIGITS)
    note = LimitedTextField(_("note"), blank=True)
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
    # Set when Kinerja computed the figure from a source (`kinerja.iku.sources`): the source's
    # key, the counts behind the figure and when it was computed. Nobody types over it.
    source_kind = models.CharField(_("computed from"), max_length=40, blank=True)
    source_basis = models.JSONField(_("data behind the figure"), default=dict, blank=True)
    computed_at = models.DateTimeField(_("computed"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["indicator", "period"]
        verbose_name = _("realisation")
        verbose_name_plural = _("realisations")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="iku_realisation_unique"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(value__isnull=False) | ~Q(note=""),
                name="iku_realisation_value_or_note",
            ),
            models.CheckConstraint(
                condition=~Q(status="verified")
                | (Q(verified_at__isnull=False) & Q(version__gte=1)),
                name="iku_realisation_verified_has_version",
            ),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(return_comment=""),
                name="iku_realisation_returned_has_comment",
            ),
        ]
        indexes = [models.Index(fields=["period", "status"], name="iku_realisation_period")]

    def __str__(self):
        return f"{self.indicator} — {self.period}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES and not self.source_kind

    @property
    def is_computed(self) -> bool:
        return bool(self.source_kind)


class RealisationVersionKind(models.TextChoices):
    VERIFIED = "verified", _("Verified")
    CORRECTED = "corrected", _("Corrected")
    COMPUTED = "computed", _("Computed by Kinerja")


class RealisationVersion(models.Model):
    """An immutable record of a verified value: the first verification and every correction."""

    realisation = models.ForeignKey(Realisation, on_delete=models.PROTECT, related_name="versions")
    version = models.PositiveSmallIntegerField(_("version"))
    kind = models.CharField(_("kind"), max_length=10, choices=RealisationVersionKind.choices)
    value = models.DecimalField(_("realisation"), null=True, blank=True, **TARGET_DIGITS)
    note = LimitedTextField(_("note"), blank=True)
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
                fields=["realisation", "version"], name="iku_realisation_version_unique"
            ),
            models.CheckConstraint(
                condition=Q(kind="verified") | ~Q(reason=""),
                name="iku_realisation_correction_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.realisation} v{self.version}"


class IndicatorSource(models.Model):
    """The figure an indicator takes as its realisation, computed by Kinerja: a registered
    source kind (`kinerja.iku.sources`) measured at a unit, optionally narrowed to one of the
    unit's options (a service)."""

    indicator = models.OneToOneField(
        "iku.Indicator", on_delete=models.CASCADE, related_name="source"
    )
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

    def __str__(self):
        return f"{self.kind}: {self.unit_id}"


class Evidence(models.Model):
    """A file proving a realisation (bukti dukung), stored with its SHA-256."""

    realisation = models.ForeignKey(Realisation, on_delete=models.PROTECT, related_name="evidence")
    file = models.FileField(_("file"), upload_to="evidence/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["realisation", "uploaded_at", "id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self):
        return self.original_name
