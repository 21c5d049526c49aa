"""Public complaints (pengaduan, domain.md 4.1): the case, its history, its files, the
complainant's private contact, an agency's deadlines and the public form's counters.

The due date of a case is stored: the category's working days (the agency's own or the
default) counted from the day it was received, the day of receipt not counted
(`rules.due_on`). Changing the category counts again from the day of receipt; a case the
citizen reopens has the category's days again from the day of reopening.

The complainant's name and contact live in their own table (`Complainant`), read only by the
staff who handle the case; they are never logged nor shown on a public page.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.complaints import rules
from kinerja.core.fields import LimitedTextField

DESCRIPTION_MAX = 4000
TEXT_MAX = 4000


class Category(models.TextChoices):
    RINGAN = rules.Category.RINGAN, _("Light")
    NORMATIF = rules.Category.NORMATIF, _("About the rules")
    TIDAK_BERKADAR_PENGAWASAN = (
        rules.Category.TIDAK_BERKADAR_PENGAWASAN,
        _("Needs looking into (no supervision)"),
    )
    BERKADAR_PENGAWASAN = rules.Category.BERKADAR_PENGAWASAN, _("Needs supervision or inquiry")


class Channel(models.TextChoices):
    PORTAL = rules.Channel.PORTAL, _("Public form")
    LAPOR = rules.Channel.LAPOR, _("SP4N-LAPOR!")
    MEDIA_SOSIAL = rules.Channel.MEDIA_SOSIAL, _("Social media")
    SMS_WHATSAPP = rules.Channel.SMS_WHATSAPP, _("SMS/WhatsApp")
    SURAT = rules.Channel.SURAT, _("Letter")
    LANGSUNG = rules.Channel.LANGSUNG, _("In person")


class Status(models.TextChoices):
    RECEIVED = rules.Status.RECEIVED, _("Received, not yet routed")
    ROUTED = rules.Status.ROUTED, _("With the unit")
    IN_PROGRESS = rules.Status.IN_PROGRESS, _("Being handled")
    ANSWERED = rules.Status.ANSWERED, _("Answered")
    REOPENED = rules.Status.REOPENED, _("Reopened by the complainant")
    CLOSED = rules.Status.CLOSED, _("Closed")


OPEN_STATUSES = sorted(str(s) for s in rules.OPEN_STATUSES)


def _days_field(category: rules.Category, label):
    return models.PositiveSmallIntegerField(
        label,
        default=rules.DEFAULT_DEADLINE_DAYS[category],
        validators=[MinValueValidator(1), MaxValueValidator(rules.LEGAL_MAXIMUM_DAYS)],
        help_text=_("Working days, 1 to 60 (the legal maximum)."),
    )


class ComplaintSettings(models.Model):
    """An agency's deadlines per category, in working days (each at most the legal 60)."""

    agency = models.OneToOneField("org.Agency", on_delete=models.CASCADE, related_name="+")
    days_ringan = _days_field(rules.Category.RINGAN, _("Light complaints"))
    days_normatif = _days_field(rules.Category.NORMATIF, _("Complaints about the rules"))
    days_tidak_berkadar_pengawasan = _days_field(
        rules.Category.TIDAK_BERKADAR_PENGAWASAN, _("Complaints needing no supervision")
    )
    days_berkadar_pengawasan = _days_field(
        rules.Category.BERKADAR_PENGAWASAN, _("Complaints needing supervision or inquiry")
    )

    class Meta:
        verbose_name = _("complaint settings")
        verbose_name_plural = _("complaint settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"days_{c}__gte": 1, f"days_{c}__lte": rules.LEGAL_MAXIMUM_DAYS}),
                name=f"complaints_days_{c}_in_range"[:60],
            )
            for c in ("ringan", "normatif", "tidak_berkadar_pengawasan", "berkadar_pengawasan")
        ]

    def __str__(self):
        return str(self.agency_id)

    def as_setting(self) -> dict[str, int]:
        return {str(c): getattr(self, f"days_{c}") for c in rules.Category}


class Complaint(models.Model):
    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty until the complaint is routed to the unit that answers it."),
    )
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    source_reference = models.CharField(
        _("source reference"),
        max_length=500,
        blank=True,
        help_text=_("The SP4N-LAPOR! number, the post's link or the letter's number."),
    )
    description = LimitedTextField(_("complaint"), max_length=DESCRIPTION_MAX)
    received_at = models.DateTimeField(_("received at"))
    received_on = models.DateField(_("received on"))
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    first_answered_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    escalated_on = models.DateField(_("escalated on"), null=True, blank=True)
    tracking_code = models.CharField(_("tracking code"), max_length=rules.CODE_LENGTH, unique=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-received_at", "-pk"]
        indexes = [
            models.Index(fields=["agency", "status", "due_on"]),
            models.Index(fields=["unit", "status"]),
            models.Index(fields=["agency", "received_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=rules.Status.RECEIVED) | Q(unit__isnull=False),
                name="complaints_routed_has_unit",
            )
        ]

    def __str__(self):
        return f"{self.tracking_code}"

    @property
    def is_open(self) -> bool:
        return self.status in rules.OPEN_STATUSES


class Complainant(models.Model):
    """Who complained, if they said: read only by the staff who handle the case."""

    complaint = models.OneToOneField(Complaint, on_delete=models.CASCADE, related_name="contact")
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("complainant")
        verbose_name_plural = _("complainants")

    def __str__(self):
        return f"complainant of {self.complaint_id}"  # never the person

    def __repr__(self):
        return f"<Complainant of complaint {self.complaint_id}>"


class EventKind(models.TextChoices):
    FILED = "filed", _("Complaint received")
    ROUTED = "routed", _("Routed to a unit")
    CATEGORY = "category", _("Category changed")
    NOTE = "note", _("Internal note")
    RESPONSE = "response", _("Response published")
    REOPENED = "reopened", _("Reopened by the complainant")
    CLOSED = "closed", _("Closed")
    ESCALATED = "escalated", _("Escalated: overdue")
    REMINDER = "reminder", _("Reminder: due soon")


PUBLIC_EVENTS = (
    EventKind.FILED,
    EventKind.ROUTED,
    EventKind.RESPONSE,
    EventKind.REOPENED,
    EventKind.CLOSED,
)


class ComplaintEvent(models.Model):
    """One step of a case. Public events (filed, routed, response, reopened, closed) show on
    the tracking page with the office's name, never a person's."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=12, choices=EventKind.choices)
    text = LimitedTextField(_("text"), max_length=TEXT_MAX, blank=True)
    unit = models.ForeignKey(
        "org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    day = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("complaint event")
        verbose_name_plural = _("complaint events")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["complaint", "kind", "day"],
                condition=Q(kind__in=["reminder", "escalated"]),
                name="complaints_one_reminder_or_escalation_a_day",
            )
        ]

    def __str__(self):
        return f"{self.complaint_id} {self.kind} {self.day}"

    @property
    def is_public(self) -> bool:
        return self.kind in PUBLIC_EVENTS


class ComplaintAttachment(models.Model):
    """A file sent with the complaint, checked like evidence, stored privately and served only
    to the staff who handle the case."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="complaints/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("complaint attachment")
        verbose_name_plural = _("complaint attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class PublicCounter(models.Model):
    """How often one address or one browser used the public pages in a window (rate limits).
    The key is an HMAC under the secret key: no address is stored."""

    scope = models.CharField(max_length=20)
    key = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "key", "window_start"], name="complaints_counter_unique"
            )
        ]

    def __str__(self):
        return f"{self.scope} {self.key[:8]}"
