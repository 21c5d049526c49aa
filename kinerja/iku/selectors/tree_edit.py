"""Reads of the pages that edit the performance tree: goals, indicators and their targets.

The tree is open to every user of the agency (see `pages`), so an object of the agency is found
for any of its users and only the permission predicates decide who may change it; an object of
another agency is a 404.
"""

from __future__ import annotations

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.http import Http404

from kinerja.iku import permissions
from kinerja.iku.models import (
    GOAL_LEVEL_RANK,
    Goal,
    PerformanceYear,
)


def get_goal(viewer, pk: int) -> Goal:
    if not viewer.is_authenticated:
        raise Http404
    goal = (
        Goal.objects.filter(agency_id=viewer.agency_id, pk=pk)
        .select_related("owner_unit", "owner_position", "parent")
        .first()
    )
    if goal is None:
        raise Http404
    return goal


def goal_extra_parent_ids(goal: Goal) -> list[int]:
    return list(goal.extra_parents.values_list("pk", flat=True))


def linkable_goals(agency_id: int, *, keep_ids=()) -> QuerySet[Goal]:
    """Goals a goal may cascade from: the agency's active goals, and those in `keep_ids` (the
    links already stored). The choices of the page and of the services alike."""
    keep = [pk for pk in keep_ids if pk]
    return Goal.objects.filter(Q(is_active=True) | Q(pk__in=keep), agency_id=agency_id)


def goals_to_link(viewer, *, keep_ids=()) -> list[Goal]:
    """`linkable_goals` of the viewer's agency, top levels first, for parent choices."""
    if not viewer.is_authenticated:
        return []
    rank = Case(
        *[When(level=level, then=Value(r)) for level, r in GOAL_LEVEL_RANK.items()],
        output_field=IntegerField(),
    )
    return list(
        linkable_goals(viewer.agency_id, keep_ids=keep_ids)
        .select_related("owner_unit")
        .annotate(level_rank=rank)
        .order_by("level_rank", "owner_unit__path", "order", "pk")
    )


def plannable_units(viewer) -> list:
    """Active units of the agency whose goals and indicators the viewer may plan."""
    from kinerja.org.models import Unit

    if not viewer.is_authenticated:
        return []
    units = Unit.objects.filter(agency_id=viewer.agency_id, is_active=True).order_by("path")
    return [u for u in units if permissions.can_plan_for_unit(viewer, u)]


def owner_positions(unit, *, keep_id=None) -> QuerySet:
    """Positions that may own a goal of `unit`: its active positions (a goal's owner position
    sits in its owner unit), and the one stored (`keep_id`). For the page and the services."""
    from kinerja.org.models import Position

    return Position.objects.filter(Q(is_active=True) | Q(pk=keep_id), unit=unit)


def unit_positions(viewer, unit, *, keep_id=None) -> list:
    """`owner_positions` of a unit of the viewer's agency, in tree order."""
    if not viewer.is_authenticated or unit is None or unit.agency_id != viewer.agency_id:
        return []
    return list(owner_positions(unit, keep_id=keep_id).order_by("path"))


def responsible_positions(unit, *, keep_id=None) -> QuerySet:
    """Positions that may answer for an indicator of a goal of `unit`: the active positions of
    the unit and its sub-units, and the one stored (`keep_id`) if of the same agency. For the
    page and the services."""
    from kinerja.org.models import Position

    return Position.objects.filter(
        Q(is_active=True, unit__path__startswith=unit.path) | Q(pk=keep_id),
        agency_id=unit.agency_id,
    )


def positions_under_unit(viewer, unit, *, keep_id=None) -> list:
    """`responsible_positions` of a unit of the viewer's agency, with their unit."""
    if not viewer.is_authenticated or unit.agency_id != viewer.agency_id:
        return []
    return list(
        responsible_positions(unit, keep_id=keep_id)
        .select_related("unit")
        .order_by("unit__path", "path")
    )


def plan_performance_years(viewer, goal: Goal) -> list[PerformanceYear]:
    """The agency's performance years inside the goal's plan, in order."""
    if not viewer.is_authenticated:
        return []
    return list(
        PerformanceYear.objects.filter(
            agency_id=viewer.agency_id,
            year__gte=goal.plan_start_year,
            year__lte=goal.plan_end_year,
        )
        .prefetch_related("periods")
        .order_by("year")
    )
