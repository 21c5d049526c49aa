"""Writing the audit trail. Services call `record()` inside their own transaction."""

import datetime
import decimal
import uuid

from django.db import models, transaction

from kinerja.core.models import AuditEvent


def _json_value(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict:
    """A JSON-safe dict of the object's concrete fields (foreign keys as ids)."""
    result = {}
    for field in obj._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        result[field.attname if field.is_relation else field.name] = _json_value(
            getattr(obj, field.attname)
        )
    return result


def _agency_of(obj: models.Model):
    if obj._meta.label_lower == "org.agency":
        return obj
    return getattr(obj, "agency", None)


def actor_label(actor) -> str:
    if actor is None:
        return "sistem"
    return getattr(actor, "audit_label", None) or str(actor)


def record(
    *,
    actor,
    action: str,
    obj: models.Model,
    before: dict | None = None,
    after: dict | None = None,
    agency=None,
    reason: str = "",
) -> AuditEvent:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record() must run inside the service's transaction")
    return AuditEvent.objects.create(
        agency=agency if agency is not None else _agency_of(obj),
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=actor_label(actor)[:200],
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_label=str(obj)[:300],
        before=before,
        after=after,
        reason=reason,
    )


def record_many(events: list[AuditEvent]) -> None:
    """Bulk insert for imports that change thousands of rows in one transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record_many() must run inside the service's transaction")
    AuditEvent.objects.bulk_create(events, batch_size=1000)


def build_event(*, actor, action, obj, before=None, after=None, agency=None, reason=""):
    return AuditEvent(
        agency=agency if agency is not None else _agency_of(obj),
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=actor_label(actor)[:200],
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_label=str(obj)[:300],
        before=before,
        after=after,
        reason=reason,
    )
