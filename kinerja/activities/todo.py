"""What attendance asks of people on Beranda (see kinerja.core.todo): imports that were
rejected, for the unit admin who uploaded them; notices awaiting a decision, for BKPSDM."""

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
