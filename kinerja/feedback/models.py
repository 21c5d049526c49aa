"""Continuous feedback (umpan balik berkelanjutan, PermenPANRB 6/2022 Ps 17-19).

Feedback is attached to the plan by its stable identity, never by plan primary keys (a new SKP
version copies its rows): the employee, the year and the `Rhk.key` (with `RhkIndicator.key` and
the evaluation period for a realisation), or a BerAKHLAK value. A feedback record never changes;
a correction is a new record that names the one it corrects.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.fields import LimitedTextField
from kinerja.feedback import rules
from kinerja.skp.berakhlak import CoreValue

TEXT_MAX = 4000
MAX_THRESHOLD = 20


class Relation(models.TextChoices):
    LEADER = rules.LEADER, _("Leader")
    PEER = rules.PEER, _("Peer")
    SUBORDINATE = rules.SUBORDINATE, _("Subordinate")
    OTHER = rules.OTHER, _("Other")


class FeedbackKind(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled (berkala)")
    INCIDENTAL = "incidental", _("Incidental (insidentil)")


class Channel(models.TextChoices):
    DIRECT = "direct", _("Direct (face to face)")
    INDIRECT = "indirect", _("Indirect (through media)")


class FeedbackSettings(models.Model):
    """An agency's settings of continuous feedback."""

    agency = models.OneToOneField("org.Agency", on_delete=models.CASCADE, related_name="+")
    anonymity_threshold = models.PositiveSmallIntegerField(
        _("anonymity threshold"),
        default=rules.DEFAULT_ANONYMITY_THRESHOLD,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_THRESHOLD)],
        help_text=_("Anonymous feedback is shown once at least this many people gave it."),
    )

    class Meta:
        verbose_name = _("feedback settings")
        verbose_name_plural = _("feedback settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(anonymity_threshold__gte=1), name="feedback_threshold_positive"
            )
        ]

    def __str__(self):
        return f"{self.agency_id}: {self.anonymity_threshold}"


class FeedbackRequest(models.Model):
    """An employee asks someone of the agency for feedback (two-way feedback, Ps 18(4))."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for an answer")
        ANSWERED = "answered", _("Answered")
        DECLINED = "declined", _("Declined")

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    employee = models.ForeignKey(
        "org.Employee", verbose_name=_("employee"), on_delete=models.PROTECT, related_name="+"
    )
    asked = models.ForeignKey(
        "org.Employee", verbose_name=_("asked"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    rhk_key = models.UUIDField(null=True, blank=True)
    core_value = models.CharField(
        _("BerAKHLAK value"), max_length=30, choices=CoreValue.choices, blank=True
    )
    message = LimitedTextField(_("message"), max_length=TEXT_MAX, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("feedback request")
        verbose_name_plural = _("feedback requests")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["asked", "status"]),
            models.Index(fields=["employee", "year"]),
        ]

    def __str__(self):
        return f"{self.employee_id} -> {self.asked_id} {self.year}"


class Feedback(models.Model):
    """One piece of feedback given to an employee. Immutable once written."""

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    employee = models.ForeignKey(
        "org.Employee", verbose_name=_("employee"), on_delete=models.PROTECT, related_name="+"
    )
    giver = models.ForeignKey(
        "org.Employee", verbose_name=_("given by"), on_delete=models.PROTECT, related_name="+"
    )
    relation = models.CharField(_("relation"), max_length=12, choices=Relation.choices)
    kind = models.CharField(_("kind"), max_length=12, choices=FeedbackKind.choices)
    channel = models.CharField(
        _("how"), max_length=10, choices=Channel.choices, default=Channel.DIRECT
    )
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.ForeignKey(
        "iku.Period",
        verbose_name=_("period"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    rhk_key = models.UUIDField(null=True, blank=True)
    indicator_key = models.UUIDField(null=True, blank=True)
    core_value = models.CharField(
        _("BerAKHLAK value"), max_length=30, choices=CoreValue.choices, blank=True
    )
    text = LimitedTextField(_("feedback"), max_length=TEXT_MAX)
    is_anonymous = models.BooleanField(_("anonymous to the employee"), default=False)
    corrects = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections"
    )
    request = models.ForeignKey(
        FeedbackRequest, null=True, blank=True, on_delete=models.PROTECT, related_name="answers"
    )
    given_on = models.DateField(_("given on"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-given_on", "-pk"]
        indexes = [
            models.Index(fields=["employee", "year"]),
            models.Index(fields=["giver", "year"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_anonymous=False) | Q(relation__in=sorted(rules.MAY_BE_ANONYMOUS)),
                name="feedback_anonymous_only_peer_or_subordinate",
            ),
            models.CheckConstraint(
                condition=Q(indicator_key__isnull=True) | Q(rhk_key__isnull=False),
                name="feedback_indicator_within_rhk",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.year} {self.employee_id}"


class ScheduledFeedback(models.Model):
    """One slot of the leader's feedback schedule for an employee's year (berkala, Ps 18(2))."""

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    employee = models.ForeignKey(
        "org.Employee", verbose_name=_("employee"), on_delete=models.PROTECT, related_name="+"
    )
    leader = models.ForeignKey(
        "org.Employee", verbose_name=_("leader"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    due_date = models.DateField(_("due date"))
    feedback = models.OneToOneField(
        Feedback, null=True, blank=True, on_delete=models.PROTECT, related_name="slot"
    )
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("scheduled feedback")
        verbose_name_plural = _("scheduled feedback")
        ordering = ["due_date", "pk"]
        indexes = [
            models.Index(fields=["leader", "year", "due_date"]),
            models.Index(fields=["employee", "year"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "leader", "due_date"], name="feedback_slot_unique"
            )
        ]

    def __str__(self):
        return f"{self.employee_id} {self.due_date}"

    @property
    def is_done(self) -> bool:
        return self.done_on is not None
