"""Employees not subject to performance planning (Lampiran PermenPANRB 6/2022, p.65-66).

A state official or member/head of a non-structural body, an employee temporarily dismissed
(diberhentikan sementara), on unpaid leave (CLTN) or on pre-retirement leave (MPP) draws up no
SKP while the status lasts. Study leave (tugas belajar) is not an exemption: it has its own SKP.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kinerja.core.fields import LimitedTextField
from kinerja.core.models import DatedRange

__all__ = ["ExemptionReason", "PlanExemption"]


class ExemptionReason(models.TextChoices):
    STATE_OFFICIAL = "state_official", _("Appointed as a state official (pejabat negara)")
    NON_STRUCTURAL = "non_structural", _("Member or head of a non-structural body")
    TEMPORARY_DISMISSAL = (
        "temporary_dismissal",
        _("Temporarily dismissed (diberhentikan sementara)"),
    )
    CLTN = "cltn", _("Unpaid leave (CLTN)")
    MPP = "mpp", _("Pre-retirement leave (MPP)")


class PlanExemption(DatedRange):
    """A period in which an employee is not subject to SKP planning."""

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    employee = models.ForeignKey(
        "org.Employee",
        verbose_name=_("employee"),
        on_delete=models.PROTECT,
        related_name="plan_exemptions",
    )
    reason = models.CharField(_("reason"), max_length=24, choices=ExemptionReason.choices)
    decree_number = models.CharField(_("decree number (SK)"), max_length=100, blank=True)
    note = LimitedTextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta(DatedRange.Meta):
        ordering = ["-start_date", "-id"]
        verbose_name = _("exemption from SKP planning")
        verbose_name_plural = _("exemptions from SKP planning")
        indexes = [
            models.Index(fields=["employee", "start_date"], name="plan_exemption_employee"),
            models.Index(fields=["agency", "start_date"], name="plan_exemption_agency"),
        ]

    def __str__(self):
        return f"{self.employee_id} {self.get_reason_display()} ({self.start_date:%d-%m-%Y})"
