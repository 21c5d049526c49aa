"""What attendance asks of people on Beranda (see kinerja.core.todo): imports that were
rejected, for whoever uploaded them; days with a single scan, for the unit admin to check or
correct; notices awaiting a decision, for BKPSDM."""

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
    return items
