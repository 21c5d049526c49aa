from django.apps import apps
from django.db.models import QuerySet

from kinerja.accounts.models import Role
from kinerja.core.models import AuditEvent


def audit_events_visible_to(viewer) -> QuerySet[AuditEvent]:
    """Auditors and BKPSDM admins read the whole agency's trail; nobody else reads it. Who gave
    anonymous feedback is for auditors only."""
    if not viewer.is_authenticated or not viewer.can_view_audit:
        return AuditEvent.objects.none()
    events = AuditEvent.objects.filter(agency_id=viewer.agency_id)
    if Role.AUDITOR not in viewer.granted_roles:
        events = events.exclude(action__startswith="feedback.feedback.", after__is_anonymous=True)
    return events


def audit_event_list(
    viewer, *, action="", actor="", object_type="", object_id="", date_from=None, date_to=None
) -> QuerySet[AuditEvent]:
    qs = audit_events_visible_to(viewer)
    if action:
        qs = qs.filter(action__startswith=action)
    if actor:
        qs = qs.filter(actor_label__icontains=actor)
    if object_type:
        qs = qs.filter(object_type=object_type)
    if object_id:
        qs = qs.filter(object_id=object_id)
    if date_from:
        qs = qs.filter(created_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(created_at__date__lte=date_to)
    return qs.order_by("-created_at", "-id")


def audit_action_choices(viewer) -> list[str]:
    return list(
        audit_events_visible_to(viewer)
        .order_by("action")
        .values_list("action", flat=True)
        .distinct()
    )


def audit_object_type_choices(viewer) -> list[tuple[str, str]]:
    """The kinds of record in the viewer's trail, each with its name (the model's)."""
    kinds = (
        audit_events_visible_to(viewer)
        .order_by("object_type")
        .values_list("object_type", flat=True)
        .distinct()
    )
    choices = []
    for kind in kinds:
        try:
            name = str(apps.get_model(kind)._meta.verbose_name)
        except (LookupError, ValueError):
            name = kind
        choices.append((kind, name[:1].upper() + name[1:]))
    return choices
