"""What the forums ask of each person next, for Beranda (see kinerja.core.todo).

Those who administer a unit's forums (its admins, its head, BKPSDM admins): the commitments of
published forums that are overdue or due soon (one query). Nobody else: none.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kinerja.core.todo import Todo
from kinerja.forums import rules, selectors


def todo_items(viewer) -> list[Todo]:
    counts = selectors.attention_counts(viewer)
    if not counts or not (counts["overdue"] or counts["soon"]):
        return []
    total = counts["overdue"] + counts["soon"]
    details = []
    if counts["overdue"]:
        details.append(
            ngettext("%(n)s overdue", "%(n)s overdue", counts["overdue"]) % {"n": counts["overdue"]}
        )
    if counts["soon"]:
        details.append(
            ngettext("%(n)s due soon", "%(n)s due soon", counts["soon"]) % {"n": counts["soon"]}
        )
    return [
        Todo(
            key="forums.commitments",
            title=ngettext(
                "%(n)s forum commitment to follow up",
                "%(n)s forum commitments to follow up",
                total,
            )
            % {"n": total},
            url=reverse("forums:list"),
            action=_("Follow up"),
            count=total,
            deadline=counts["first"],
            days_left=rules.days_left(viewer.today, counts["first"]),
            details=tuple(details),
            order=55,
        )
    ]
