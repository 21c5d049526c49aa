"""What complaints ask of each person next, for Beranda (see kinerja.core.todo).

The handlers (BKPSDM admins, unit admins, unit heads): open cases overdue or due within the
reminder horizon, and for BKPSDM the cases nobody routed yet. A fixed number of queries.
"""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kinerja.complaints import permissions, selectors
from kinerja.core.todo import Todo

SOON_DAYS = 3


def todo_items(viewer) -> list[Todo]:
    if not viewer.is_authenticated or not permissions.handles_any_unit(viewer):
        return []
    counts = selectors.due_counts(viewer, viewer.today + datetime.timedelta(days=SOON_DAYS))
    items = []
    inbox = reverse("complaints:inbox")
    if counts["overdue"]:
        items.append(
            Todo(
                key="complaints.overdue",
                title=ngettext(
                    "%(n)s complaint is past its deadline",
                    "%(n)s complaints are past their deadline",
                    counts["overdue"],
                )
                % {"n": counts["overdue"]},
                url=f"{inbox}?overdue=on",
                action=_("Answer"),
                count=counts["overdue"],
                deadline=counts["first"],
                days_left=(counts["first"] - viewer.today).days,
                order=30,
            )
        )
    if counts["soon"]:
        items.append(
            Todo(
                key="complaints.due_soon",
                title=ngettext(
                    "%(n)s complaint to answer soon",
                    "%(n)s complaints to answer soon",
                    counts["soon"],
                )
                % {"n": counts["soon"]},
                url=inbox,
                action=_("Answer"),
                count=counts["soon"],
                order=31,
            )
        )
    if counts["unrouted"]:
        items.append(
            Todo(
                key="complaints.unrouted",
                title=ngettext(
                    "%(n)s complaint to route to a unit",
                    "%(n)s complaints to route to a unit",
                    counts["unrouted"],
                )
                % {"n": counts["unrouted"]},
                url=f"{inbox}?unrouted=on",
                action=_("Route"),
                count=counts["unrouted"],
                order=32,
            )
        )
    return items
