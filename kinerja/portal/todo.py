"""What the portal asks of its publishers on Beranda (see kinerja.core.todo): the periods whose
figures are final and not yet published. Only BKPSDM admins and the planning unit's staff are
asked (a few queries for them, none for anyone else)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kinerja.core.todo import Todo
from kinerja.portal import permissions
from kinerja.portal.selectors.staff import ready_to_publish


def todo_items(viewer) -> list[Todo]:
    if not viewer.is_authenticated or not permissions.can_publish(viewer):
        return []
    ready = ready_to_publish(viewer)
    if not ready:
        return []
    if len(ready) == 1:
        title = _("Period %(period)s is ready to publish on the portal") % {
            "period": ready[0].period.label
        }
    else:
        title = ngettext(
            "%(n)s period is ready to publish on the portal",
            "%(n)s periods are ready to publish on the portal",
            len(ready),
        ) % {"n": len(ready)}
    return [
        Todo(
            key="portal.ready_to_publish",
            title=title,
            url=reverse("portal_staff:publish", args=[ready[0].period.pk]),
            action=_("Publish"),
            count=len(ready),
            order=70,
        )
    ]
