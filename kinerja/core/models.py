import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinerja.core.errors import ImmutableRecordError
from kinerja.core.fields import LimitedTextField


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableRecordError(_("The audit trail cannot be changed."))

    def delete(self):
        raise ImmutableRecordError(_("The audit trail cannot be deleted."))


class AuditEvent(models.Model):
    """One recorded change: who did what to which object, with the state before and after.

    Written by services in the same transaction as the change; never edited or deleted.
    """

    # Every write of the system adds an event: the agency, the actor and the action are indexed
    # only in the composite indexes below, which also answer a look-up by either alone.
    agency = models.ForeignKey(
        "org.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    actor_label = models.CharField(_("actor"), max_length=200)
    action = models.CharField(_("action"), max_length=100)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64)
    object_label = models.CharField(_("object"), max_length=300)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    reason = LimitedTextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [
            models.Index(fields=["agency", "-created_at"], name="audit_agency_time"),
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
            # The auditor's Beranda reads the week's events of a few sensitive actions.
            models.Index(fields=["action", "-created_at"], name="audit_action_time"),
            # Beranda asks for the viewer's latest change to know whether its cache is stale.
            models.Index(fields=["actor", "-id"], name="audit_actor_latest"),
            # The audit trail filters by the start of an action ("skp.", "skp.skp."): a prefix
            # index where the database needs one (PostgreSQL; others ignore the class).
            models.Index(
                fields=["action"], name="audit_action_prefix", opclasses=["varchar_pattern_ops"]
            ),
        ]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ImmutableRecordError(_("The audit trail cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRecordError(_("The audit trail cannot be deleted."))

    @property
    def changes(self) -> list[tuple[str, object, object]]:
        """Field-by-field differences between before and after, for display."""
        before = self.before or {}
        after = self.after or {}
        keys = sorted(set(before) | set(after))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]


# --- dated ranges ---------------------------------------------------------------------------------


def covering_q(day: datetime.date, prefix: str = "") -> Q:
    """Rows of a dated range (see `DatedRange`) that run on `day`, both ends included;
    `prefix` reaches the range through a relation ("assignment__")."""
    return Q(**{f"{prefix}start_date__lte": day}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": day})
    )


class DatedRangeQuerySet(models.QuerySet):
    def covering(self, day: datetime.date):
        """The ranges that run on `day`: started on or before it, not ended before it."""
        return self.filter(covering_q(day))


class DatedRange(models.Model):
    """Something that holds from a start day to an end day, both included; an empty end means
    it still holds. Assignments, delegations and exemptions from planning are such ranges.

    A subclass that declares its own Meta extends `DatedRange.Meta` and lists
    `*DatedRange.Meta.constraints` before its own, so the end-after-start check stays.
    """

    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)

    objects = DatedRangeQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="%(app_label)s_%(class)s_end_after_start",
            ),
        ]

    def covers(self, day: datetime.date) -> bool:
        """Whether the range runs on `day` (the start and the end day included)."""
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)
