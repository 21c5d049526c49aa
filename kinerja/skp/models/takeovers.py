"""RHK taken over by the leader during the year (PermenPANRB 6/2022 Ps 20; domain.md 1.4).

When feedback and coaching brought no progress, the leader may take over an employee's RHK and
records a note that the employee could not finish it; the evaluation reads that note. The record
is keyed on the plan's content (employee, year, `Rhk.key`), not on a plan version's rows, so it
holds through every later version of the plan. It is never edited: a takeover recorded by
mistake is withdrawn with a reason, and both stay in the history.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.fields import LimitedTextField

__all__ = ["RhkTakeover"]


class RhkTakeover(models.Model):
    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    employee = models.ForeignKey(
        "org.Employee",
        verbose_name=_("employee"),
        on_delete=models.PROTECT,
        related_name="rhk_takeovers",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    rhk_key = models.UUIDField()
    skp = models.ForeignKey(
        "skp.Skp",
        verbose_name=_("SKP"),
        on_delete=models.PROTECT,
        related_name="takeovers",
        help_text=_("The version of the plan in force when the RHK was taken over."),
    )
    rhk_text = LimitedTextField(_("planned result (RHK)"))
    taken_over_on = models.DateField(_("taken over on"))
    taken_by = models.ForeignKey(
        "org.Employee",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("taken over by"),
    )
    taken_by_label = models.CharField(_("taken over by"), max_length=300)
    note = LimitedTextField(_("why the employee could not finish it"))
    created_by = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdraw_reason = LimitedTextField(_("reason for withdrawing"), blank=True)

    class Meta:
        ordering = ["-taken_over_on", "-id"]
        verbose_name = _("RHK taken over")
        verbose_name_plural = _("RHK taken over")
        indexes = [models.Index(fields=["employee", "year"], name="rhk_takeover_employee")]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "year", "rhk_key"],
                condition=Q(withdrawn_at__isnull=True),
                name="rhk_takeover_one_in_force",
            ),
        ]

    def __str__(self):
        return f"{self.employee_id} {self.year} {self.rhk_key}"

    @property
    def is_in_force(self) -> bool:
        return self.withdrawn_at is None
