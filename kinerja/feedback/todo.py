"""What continuous feedback asks of each person next, for Beranda (see kinerja.core.todo).

The leader: scheduled feedback due within a week or overdue (one query, for leaders only).
Everyone with an employee record: feedback requests to answer (one query). Nobody else: none.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kinerja.core.todo import Todo
from kinerja.feedback import rules, selectors


def todo_items(viewer) -> list[Todo]:
    if not viewer.is_authenticated or viewer.employee_id is None:
        return []
    items = []
    due = selectors.leader_reminders(viewer)
    if due and due.get("count"):
        items.append(
            Todo(
                key="feedback.scheduled_due",
                title=ngettext(
                    "%(n)s scheduled feedback to give to your team",
                    "%(n)s scheduled feedback to give to your team",
                    due["count"],
                )
                % {"n": due["count"]},
                url=reverse("feedback:coverage"),
                action=_("Give feedback"),
                count=due["count"],
                deadline=due["first"],
                days_left=rules.days_left(viewer.today, due["first"]),
                order=40,
            )
        )
    asked = selectors.open_requests_count(viewer)
    if asked:
        items.append(
            Todo(
                key="feedback.requests",
                title=ngettext(
                    "%(n)s colleague asked you for feedback",
                    "%(n)s colleagues asked you for feedback",
                    asked,
                )
                % {"n": asked},
                url=reverse("feedback:home"),
                action=_("Answer"),
                count=asked,
                order=45,
            )
        )
    return items
