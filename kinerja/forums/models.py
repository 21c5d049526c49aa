"""Public consultation forums (forum konsultasi publik) and the commitments made there.

A forum is recorded by its unit as a draft, then published: the public pages show it from then
on, and its record changes only through a recorded correction (an amendment with its reason,
which raises the forum's version). Participants are counted by group, never named. A
commitment's owner is an office of the unit (one of its posts, or the office's name typed in),
never a person.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.fields import LimitedTextField
from kinerja.forums import rules

TEXT_MAX = 2000
SUMMARY_MAX = 6000
MAX_HEADCOUNT = 100_000
MAX_ROWS = 50  # topics or commitments of one forum


class ForumKind(models.TextChoices):
    PUBLIC_CONSULTATION = "fkp", _("Public consultation forum (forum konsultasi publik)")
    DIALOGUE = "dialogue", _("Dialogue forum")
    OTHER = "other", _("Other forum")


class ForumStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class ParticipantGroup(models.TextChoices):
    PUBLIC = "public", _("General public (masyarakat umum)")
    COMMUNITY_LEADERS = "leaders", _("Community leaders (tokoh masyarakat)")
    NGO = "ngo", _("NGOs and community organisations (LSM/ormas)")
    ACADEMIA = "academia", _("Academics (akademisi)")
    MEDIA = "media", _("Media")
    BUSINESS = "business", _("Business (dunia usaha)")
    OTHER_AGENCY = "agency", _("Other agencies (instansi lain)")


class CommitmentStatus(models.TextChoices):
    PLANNED = rules.PLANNED, _("Planned")
    IN_PROGRESS = rules.IN_PROGRESS, _("In progress")
    DONE = rules.DONE, _("Done")
    DROPPED = rules.DROPPED, _("Dropped")


class Forum(models.Model):
    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=255)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=255)
    kind = models.CharField(
        _("kind"), max_length=12, choices=ForumKind.choices, default=ForumKind.PUBLIC_CONSULTATION
    )
    summary = LimitedTextField(_("summary"), max_length=SUMMARY_MAX, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ForumStatus.choices, default=ForumStatus.DRAFT
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        ordering = ["-held_on", "-pk"]
        indexes = [
            models.Index(fields=["agency", "status", "held_on"]),
            models.Index(fields=["unit", "held_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_on__isnull=False),
                name="forum_published_has_date",
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.held_on:%d-%m-%Y})"

    @property
    def is_published(self) -> bool:
        return self.status == ForumStatus.PUBLISHED


class ForumParticipants(models.Model):
    """How many people of one group took part: counts only, no names."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="participants")
    group = models.CharField(_("group"), max_length=12, choices=ParticipantGroup.choices)
    count = models.PositiveIntegerField(_("head count"))

    class Meta:
        verbose_name = _("participants")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["forum", "group"], name="forum_participants_unique"),
            models.CheckConstraint(
                condition=Q(count__gte=1, count__lte=MAX_HEADCOUNT),
                name="forum_participants_count_range",
            ),
        ]

    def __str__(self):
        return f"{self.group}: {self.count}"


class ForumTopic(models.Model):
    """A topic the participants raised, and the area it concerns if any."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="topics")
    order = models.PositiveSmallIntegerField(default=0)
    text = LimitedTextField(_("topic"), max_length=TEXT_MAX)
    area = models.CharField(_("area"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["forum", "order", "pk"]

    def __str__(self):
        return self.text[:80]


class Commitment(models.Model):
    """What the unit promised at the forum, who (which office) keeps it and by when."""

    forum = models.ForeignKey(Forum, on_delete=models.PROTECT, related_name="commitments")
    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)
    text = LimitedTextField(_("commitment"), max_length=TEXT_MAX)
    owner_position = models.ForeignKey(
        "org.Position",
        verbose_name=_("owner (post)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    owner_text = models.CharField(_("owner (office)"), max_length=200, blank=True)
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=CommitmentStatus.choices,
        default=CommitmentStatus.PLANNED,
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    drop_reason = LimitedTextField(_("reason for dropping"), max_length=TEXT_MAX, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["forum", "order", "pk"]
        indexes = [
            models.Index(fields=["agency", "status", "due_date"]),
            models.Index(fields=["unit", "due_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(owner_position__isnull=False) | ~Q(owner_text=""),
                name="commitment_has_owner",
            ),
            models.CheckConstraint(
                condition=Q(status="done", done_on__isnull=False)
                | (~Q(status="done") & Q(done_on__isnull=True)),
                name="commitment_done_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="dropped") | ~Q(drop_reason=""),
                name="commitment_dropped_has_reason",
            ),
        ]

    def __str__(self):
        return self.text[:80]

    @property
    def owner_label(self) -> str:
        """The office that keeps the commitment (a post's name, or the office typed in)."""
        if self.owner_position_id is not None:
            return self.owner_position.name
        return self.owner_text

    def state_on(self, day) -> str:
        return rules.commitment_state(
            due=self.due_date,
            done_on=self.done_on,
            dropped=self.status == CommitmentStatus.DROPPED,
            today=day,
        )


class CommitmentProgress(models.Model):
    """A dated note of progress on a commitment (public, like the commitment)."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="progress")
    noted_on = models.DateField(_("date"))
    text = LimitedTextField(_("progress"), max_length=TEXT_MAX)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        ordering = ["commitment", "noted_on", "pk"]

    def __str__(self):
        return f"{self.noted_on}: {self.text[:60]}"
