"""What the survey's follow-up plan asks of each person next, for Beranda (see kinerja.core.todo).

The admins and heads of service units: the follow-up actions of their units past their due date
and still open (one query, for people who administer or head a unit only). The head of a
service unit: the drafts of its SKM report waiting for approval (one query).
"""

from __future__ import annotations

from django.db.models import Count, Min
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kinerja.core.todo import Todo
from kinerja.surveys.selectors.followup import overdue_actions
from kinerja.surveys.selectors.reports import awaiting_approval


def todo_items(viewer) -> list[Todo]:
    if not viewer.is_authenticated:
        return []
    if not viewer.admin_unit_paths and not any(p.is_unit_head for p in viewer.held_positions):
        return []
    items = []
    waiting = awaiting_approval(viewer).aggregate(n=Count("id"), first=Min("pk"))
    if waiting["n"]:
        items.append(
            Todo(
                key="surveys.report_to_approve",
                title=ngettext(
                    "%(n)s SKM report waits for your approval",
                    "%(n)s SKM reports wait for your approval",
                    waiting["n"],
                )
                % {"n": waiting["n"]},
                url=reverse("surveys:report_approve", args=[waiting["first"]]),
                action=_("Approve the SKM report"),
                count=waiting["n"],
                order=55,
            )
        )
    found = overdue_actions(viewer).aggregate(n=Count("id"), first=Min("due_date"))
    count = found["n"]
    if not count:
        return items
    return [
        *items,
        Todo(
            key="surveys.followup_overdue",
            title=ngettext(
                "%(n)s survey follow-up action is overdue",
                "%(n)s survey follow-up actions are overdue",
                count,
            )
            % {"n": count},
            url=reverse("surveys:results_index") + "#overdue",
            action=_("Report the follow-up"),
            count=count,
            deadline=found["first"],
            days_left=(found["first"] - viewer.today).days,
            order=60,
        ),
    ]
