"""Whom a leader leads: the team that the feedback schedule, the team page and the evaluation
share."""

from __future__ import annotations

from kinerja.org.models import Assignment, SupervisionOverride, SupervisionRole
from kinerja.org.selectors import active_on
from kinerja.skp.models import Skp, SkpStatus

ENDED = (SkpStatus.CLOSED, SkpStatus.SUPERSEDED)


def team_ids(viewer, year: int | None = None) -> set[int]:
    """The people the viewer leads: those whose plan in force names the viewer as rater, those
    in posts directly under the viewer's posts today, and those whose rating is delegated to
    the viewer. One query, kept on the viewer for the request."""
    if not viewer.is_authenticated or viewer.employee_id is None:
        return set()
    cache = viewer.__dict__.setdefault("_team_ids", {})
    year = year or viewer.today.year
    if year in cache:
        return cache[year]
    me = viewer.employee_id
    rated = (
        Skp.objects.filter(rater_id=me, year=year, is_latest=True, agency_id=viewer.agency_id)
        .exclude(status__in=ENDED)
        .values_list("employee_id", flat=True)
        .order_by()
    )
    parts = [rated]
    held = [p.pk for p in viewer.held_positions]
    if held:
        parts.append(
            Assignment.objects.filter(active_on(viewer.today), position__parent_id__in=held)
            .values_list("employee_id", flat=True)
            .order_by()
        )
    parts.append(
        SupervisionOverride.objects.filter(
            active_on(viewer.today), supervisor_id=me, role=SupervisionRole.RATER
        )
        .values_list("employee_id", flat=True)
        .order_by()
    )
    found = set(parts[0].union(*parts[1:])) - {me}
    cache[year] = found
    return found
