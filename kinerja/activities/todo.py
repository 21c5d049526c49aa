"""What attendance asks of people on Beranda (see kinerja.core.todo): imports that were
rejected, for whoever uploaded them; days with a single scan, for the unit admin to check or
correct; notices awaiting a decision, for BKPSDM; daily activities awaiting verification, for
the supervisor, and returned ones, for the employee."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kinerja.activities import permissions, selectors
from kinerja.core.todo import Todo


def todo_items(viewer) -> list[Todo]:
    if not viewer.is_authenticated:
        return []
    items = []
    if permissions.can_import(viewer, viewer.agency_id):
        rejected = selectors.import_problem_count(viewer)
        if rejected:
            items.append(
                Todo(
                    key="activities.imports_rejected",
                    title=ngettext(
                        "%(n)s attendance import was rejected: correct the file",
                        "%(n)s attendance imports were rejected: correct the files",
                        rejected,
                    )
                    % {"n": rejected},
                    url=reverse("activities:imports"),
                    action=_("See the errors"),
                    count=rejected,
                    order=60,
                )
            )
    if viewer.is_admin_unit:
        incomplete = selectors.incomplete_days(viewer)
        if incomplete:
            items.append(
                Todo(
                    key="activities.incomplete_days",
                    title=ngettext(
                        "%(n)s attendance day has only one scan: check it or correct it",
                        "%(n)s attendance days have only one scan: check or correct them",
                        incomplete,
                    )
                    % {"n": incomplete},
                    url=reverse("activities:attendance"),
                    action=_("Check attendance"),
                    count=incomplete,
                    order=65,
                )
            )
    if viewer.is_bkpsdm_admin and permissions.can_read_notices(viewer):
        waiting = selectors.notices_awaiting(viewer)
        if waiting:
            items.append(
                Todo(
                    key="activities.notices_waiting",
                    title=ngettext(
                        "%(n)s discipline sanction notice awaits a decision",
                        "%(n)s discipline sanction notices await a decision",
                        waiting,
                    )
                    % {"n": waiting},
                    url=reverse("activities:notices"),
                    action=_("Record the decisions"),
                    count=waiting,
                    order=40,
                )
            )
    if viewer.employee_id is not None and not viewer.is_bkpsdm_admin:
        to_decide = selectors.notices_to_decide(viewer)
        if to_decide:
            items.append(
                Todo(
                    key="activities.notices_to_decide",
                    title=ngettext(
                        "%(n)s discipline sanction waits for your decision as the official",
                        "%(n)s discipline sanctions wait for your decision as the official",
                        to_decide,
                    )
                    % {"n": to_decide},
                    url=reverse("activities:notices"),
                    action=_("Decide the sanctions"),
                    count=to_decide,
                    order=40,
                )
            )
    if viewer.employee_id is not None:
        waiting = selectors.waiting_count(viewer)
        if waiting:
            items.append(
                Todo(
                    key="activities.worklog_waiting",
                    title=ngettext(
                        "%(n)s daily activity of your team awaits verification",
                        "%(n)s daily activities of your team await verification",
                        waiting,
                    )
                    % {"n": waiting},
                    url=reverse("activities:team_week"),
                    action=_("Verify the activities"),
                    count=waiting,
                    order=55,
                )
            )
        returned = selectors.returned_count(viewer)
        if returned:
            items.append(
                Todo(
                    key="activities.worklog_returned",
                    title=ngettext(
                        "%(n)s daily activity was returned to you for correction",
                        "%(n)s daily activities were returned to you for correction",
                        returned,
                    )
                    % {"n": returned},
                    url=reverse("activities:worklog"),
                    action=_("Correct them"),
                    count=returned,
                    order=50,
                )
            )
    return items
