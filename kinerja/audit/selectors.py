from django.apps import apps
from django.core.cache import cache
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


# The filter's choices are the distinct actions and kinds of record of the agency's whole
# trail, a scan of every event (hundreds of thousands at province size): read at most every
# few minutes per agency and reader kind. A new kind of event joins the choices that late.
CHOICES_SECONDS = 300


def _distinct(viewer, field: str) -> list[str]:
    key = f"audit-choices:{field}:{viewer.agency_id}:{Role.AUDITOR in viewer.granted_roles}"
    return cache.get_or_set(
        key,
        lambda: list(
            audit_events_visible_to(viewer).order_by(field).values_list(field, flat=True).distinct()
        ),
        CHOICES_SECONDS,
    )


def audit_action_choices(viewer) -> list[str]:
    return _distinct(viewer, "action")


def audit_object_type_choices(viewer) -> list[tuple[str, str]]:
    """The kinds of record in the viewer's trail, each with its name (the model's)."""
    kinds = _distinct(viewer, "object_type")
    choices = []
    for kind in kinds:
        try:
            name = str(apps.get_model(kind)._meta.verbose_name)
        except (LookupError, ValueError):
            name = kind
        choices.append((kind, name[:1].upper() + name[1:]))
    return choices
