"""What the organisation data asks of each person next, for Beranda (kinerja.core.todo)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kinerja.core.todo import Todo
from kinerja.org.imports.selectors import import_jobs_visible_to
from kinerja.org.models import ImportStatus


def todo_items(viewer) -> list[Todo]:
    if not viewer.is_authenticated or not viewer.can_import:
        return []
    running = import_jobs_visible_to(viewer).filter(
        status__in=[ImportStatus.PENDING, ImportStatus.RUNNING]
    )
    count = running.count()
    if not count:
        return []
    return [
        Todo(
            key="org.imports_running",
            title=ngettext("%(n)s import is in progress", "%(n)s imports are in progress", count)
            % {"n": count},
            url=reverse("org:import_list"),
            action=_("Follow the import"),
            count=count,
            order=44,
        )
    ]
