"""Batches of SKP documents: one job renders the set plans of a unit subtree into one ZIP."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kinerja.core.fields import LimitedTextField

__all__ = ["PrintJobStatus", "SkpPrintJob"]


class PrintJobStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class SkpPrintJob(models.Model):
    """A batch print (cetak massal) of SKP PDFs and what became of it.

    The ZIP is stored under MEDIA_ROOT, which is never served directly: it is downloaded through
    a view that checks the viewer again.
    """

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    created_by = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    language = models.CharField(max_length=10, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=PrintJobStatus.choices, default=PrintJobStatus.PENDING
    )
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="skp/cetak/%Y/%m/", blank=True)
    message = LimitedTextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("SKP batch print")
        verbose_name_plural = _("SKP batch prints")
        indexes = [models.Index(fields=["agency", "-created_at"])]

    def __str__(self):
        return f"SKP {self.year} {self.unit_id} #{self.pk}"

    @property
    def progress_percent(self) -> int:
        if not self.total:
            return 100 if self.status == PrintJobStatus.DONE else 0
        return min(100, round(100 * self.processed / self.total))

    @property
    def is_finished(self) -> bool:
        return self.status in {PrintJobStatus.DONE, PrintJobStatus.FAILED}
