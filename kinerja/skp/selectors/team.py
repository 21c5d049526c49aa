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
    the viewer; for the pimpinan, who acts for the regional head, those whose plan names the
    regional head as rater. One query, kept on the viewer for the request."""
    acts_for_head = viewer.is_authenticated and viewer.acts_for_regional_head
    if not viewer.is_authenticated or (viewer.employee_id is None and not acts_for_head):
        return set()
    cache = viewer.__dict__.setdefault("_team_ids", {})
    year = year or viewer.today.year
    if year in cache:
        return cache[year]
    me = viewer.employee_id
    in_force = Skp.objects.filter(year=year, is_latest=True, agency_id=viewer.agency_id).exclude(
        status__in=ENDED
    )
    parts = []
    if me is not None:
        parts.append(in_force.filter(rater_id=me).values_list("employee_id", flat=True).order_by())
    if acts_for_head:
        parts.append(rated_by_regional_head(viewer, year))
    held = [p.pk for p in viewer.held_positions]
    if held:
        parts.append(
            Assignment.objects.filter(active_on(viewer.today), position__parent_id__in=held)
            .values_list("employee_id", flat=True)
            .order_by()
        )
    if me is not None:
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


def rated_by_regional_head(viewer, year: int):
    """Employee ids (a query) whose plan of `year` in force names the regional head as rater:
    the people the pimpinan leads."""
    return (
        Skp.objects.filter(
            year=year, is_latest=True, agency_id=viewer.agency_id, rater__isnull=True
        )
        .exclude(status__in=ENDED)
        .values_list("employee_id", flat=True)
        .order_by()
    )
