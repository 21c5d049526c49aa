"""Perjanjian Kinerja (PK): the yearly signed agreement of a unit head, kept in versions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.fields import LimitedTextField
from kinerja.core.numbers import BUDGET_DIGITS, TARGET_DIGITS


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed")


class RevisionKind(models.TextChoices):
    """Grounds for revising a PK (PermenPANRB 53/2014; domain.md §2.1)."""

    CHANGE_OF_OFFICIAL = "change_of_official", _("Change of official")
    RESTRUCTURING = "restructuring", _("Organisational restructuring")
    REFOCUSING = "refocusing", _("Budget refocusing")
    OTHER = "other", _("Other")


class AgreementParty(models.TextChoices):
    FIRST = "first", _("First party (unit head)")
    SECOND = "second", _("Second party (superior)")


class PerformanceAgreement(models.Model):
    """One version of a unit's PK for a year.

    Version 1 is the original; each revision is a new draft version n+1 that records its reason.
    Once a party has signed, the version is frozen; once both have, it is signed and immutable.
    The agreement in force is the highest signed version.
    """

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_version"
    )
    revision_kind = models.CharField(
        _("reason for revision"), max_length=20, choices=RevisionKind.choices, blank=True
    )
    revision_reason = LimitedTextField(_("explanation of the revision"), blank=True)

    first_party_employee = models.ForeignKey(
        "org.Employee",
        verbose_name=_("first party"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    first_party_position = models.ForeignKey(
        "org.Position", on_delete=models.PROTECT, related_name="+"
    )
    second_party_employee = models.ForeignKey(
        "org.Employee",
        verbose_name=_("second party"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    second_party_position = models.ForeignKey(
        "org.Position", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    second_party_label = models.CharField(_("second party"), max_length=300)

    first_signed_on = models.DateField(_("signed by the first party on"), null=True, blank=True)
    first_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    second_signed_on = models.DateField(_("signed by the second party on"), null=True, blank=True)
    second_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit", "-year", "-version"]
        verbose_name = _("performance agreement (PK)")
        verbose_name_plural = _("performance agreements (PK)")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "version"], name="iku_agreement_version_unique"
            ),
            models.UniqueConstraint(
                fields=["unit", "year"],
                condition=Q(status="draft"),
                name="iku_agreement_one_draft",
            ),
            models.CheckConstraint(
                condition=Q(status="draft")
                | (Q(first_signed_on__isnull=False) & Q(second_signed_on__isnull=False)),
                name="iku_agreement_signed_by_both",
            ),
            models.CheckConstraint(
                condition=Q(version=1) | ~Q(revision_kind=""),
                name="iku_agreement_revision_has_reason",
            ),
        ]

    def __str__(self):
        return str(_("PK %(unit)s %(year)s v%(version)s")) % {
            "unit": self.unit,
            "year": self.year,
            "version": self.version,
        }

    @property
    def is_signed(self) -> bool:
        return self.status == AgreementStatus.SIGNED

    @property
    def is_frozen(self) -> bool:
        """Signed by at least one party: what was signed may not change."""
        return (
            self.is_signed or self.first_signed_on is not None or self.second_signed_on is not None
        )


class AgreementLine(models.Model):
    """A goal, indicator, target and budget of one PK version."""

    agreement = models.ForeignKey(
        PerformanceAgreement, on_delete=models.PROTECT, related_name="lines"
    )
    goal = models.ForeignKey("iku.Goal", on_delete=models.PROTECT, related_name="+")
    indicator = models.ForeignKey("iku.Indicator", on_delete=models.PROTECT, related_name="+")
    target = models.DecimalField(_("target"), **TARGET_DIGITS)
    target_high = models.DecimalField(_("upper target"), null=True, blank=True, **TARGET_DIGITS)
    budget_amount = models.DecimalField(_("budget (Rp)"), null=True, blank=True, **BUDGET_DIGITS)
    budget_line = models.CharField(
        _("budget line (programme / activity)"), max_length=300, blank=True
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["agreement", "order", "id"]
        verbose_name = _("agreement line")
        verbose_name_plural = _("agreement lines")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "indicator"], name="iku_agreement_line_unique"
            ),
            models.CheckConstraint(condition=Q(target__gte=0), name="iku_agreement_line_target"),
            models.CheckConstraint(
                condition=Q(target_high__isnull=True) | Q(target_high__gte=models.F("target")),
                name="iku_agreement_line_range",
            ),
            models.CheckConstraint(
                condition=Q(budget_amount__isnull=True) | Q(budget_amount__gte=0),
                name="iku_agreement_line_budget",
            ),
        ]

    def __str__(self):
        return f"{self.agreement} — {self.indicator}"
