"""What the audit trail puts before an auditor, for Beranda (kinerja.core.todo)."""

from __future__ import annotations

import datetime

from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kinerja.audit.selectors import audit_events_visible_to
from kinerja.core.audit_labels import action_label
from kinerja.core.todo import Todo

RECENT_DAYS = 7
SHOWN = 5

# Changes an auditor wants to see first: rights, final figures and decisions changed after
# the fact, records deleted.
SENSITIVE_ACTIONS = (
    "accounts.role.granted",
    "accounts.role.revoked",
    "iku.org_predikat.changed",
    "iku.realisation.corrected",
    "iku.agreement.revised",
    "iku.lkjip_bands.changed",
    "iku.evidence.removed",
    "org.supervision_override.created",
    "skp.exemption.deleted",
    "skp.plan.revised",
)


def todo_items(viewer) -> list[Todo]:
    if not viewer.is_authenticated or "auditor" not in viewer.granted_roles:
        return []
    since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    events = audit_events_visible_to(viewer).filter(
        action__in=SENSITIVE_ACTIONS, created_at__gte=since
    )
    # Ordered by an expression no index serves: with the bare column and LIMIT, PostgreSQL
    # walked the whole week's events backwards by time hoping to meet five sensitive ones
    # soon (430 ms at province size) instead of reading the few by their action (0.3 ms).
    newest_first = Coalesce("created_at", "created_at").desc()
    latest = list(events.order_by(newest_first, "-id")[:SHOWN])
    if not latest:
        return []
    count = events.count() if len(latest) == SHOWN else len(latest)
    return [
        Todo(
            key="audit.sensitive_changes",
            title=ngettext(
                "%(n)s sensitive change in the last %(days)s days",
                "%(n)s sensitive changes in the last %(days)s days",
                count,
            )
            % {"n": count, "days": RECENT_DAYS},
            url=reverse("audit:list"),
            action=_("Open the audit trail"),
            count=count,
            rows=tuple(
                (
                    f"{action_label(e.action)}: {e.object_label}",
                    e.actor_label,
                    reverse("audit:detail", args=[e.pk]),
                )
                for e in latest
            ),
            order=60,
        )
    ]
