"""Reads the API needs beyond `selectors`: filtered lists and bulk flags, always scoped.

Every function starts from a scope in `kinerja.org.selectors`, so the API sees exactly what the
pages see. An object outside the viewer's scope is missing (404); a filter naming such an object
is an invalid filter (400), which tells the caller nothing about whether it exists.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db.models import (
    Prefetch,
    Q,
    QuerySet,
)
from django.http import Http404
from django.utils.translation import gettext as _

from kinerja.org import selectors
from kinerja.org.models import Assignment, Employee, Position, Unit


def _under_paths(paths: tuple[str, ...], field: str) -> Q:
    condition = Q()
    for path in paths:
        condition |= Q(**{f"{field}__startswith": path})
    return condition


def _search(text: str, *, name_fields: tuple[str, ...], code_field: str) -> Q:
    text = text.strip()
    condition = Q(**{f"{code_field}__istartswith": text})
    for field in name_fields:
        condition |= Q(**{f"{field}__icontains": text})
    return condition


# --- units ------------------------------------------------------------------------------------


def unit_for_filter(viewer, pk: int | None, *, field: str) -> Unit | None:
    """The unit a list filter names; one the viewer cannot see is an invalid filter."""
    if pk is None:
        return None
    unit = selectors.units_visible_to(viewer).filter(pk=pk).first()
    if unit is None:
        raise ValidationError({field: [_("There is no unit with this id.")]}, code="invalid_choice")
    return unit


def unit_list(
    viewer, *, parent: Unit | None = None, kind: str = "", search: str = ""
) -> QuerySet[Unit]:
    """Units in tree order (each parent before its subtree)."""
    qs = selectors.units_visible_to(viewer)
    if parent is not None:
        qs = qs.filter(parent=parent)
    if kind:
        qs = qs.filter(kind=kind)
    if search.strip():
        qs = qs.filter(_search(search, name_fields=("name", "short_name"), code_field="code"))
    return qs.order_by("path")


def unit_children_ids(viewer, unit: Unit) -> list[int]:
    return list(
        selectors.units_visible_to(viewer)
        .filter(parent=unit)
        .order_by("code")
        .values_list("pk", flat=True)
    )


# --- positions --------------------------------------------------------------------------------


def position_list(
    viewer,
    *,
    unit: Unit | None = None,
    include_subunits: bool = False,
    kind: str = "",
    search: str = "",
) -> QuerySet[Position]:
    """Positions in reporting-line order (each post before the posts under it)."""
    qs = selectors.positions_visible_to(viewer).select_related("unit")
    if unit is not None:
        if include_subunits:
            qs = qs.filter(unit__path__startswith=unit.path)
        else:
            qs = qs.filter(unit=unit)
    if kind:
        qs = qs.filter(kind=kind)
    if search.strip():
        qs = qs.filter(_search(search, name_fields=("name",), code_field="code"))
    return qs.order_by("path")


def get_position(viewer, pk: int, *, day: datetime.date | None = None) -> Position:
    """One position with `current_holders`: today's holders the viewer may see.

    The same rule as the holders on the unit page (`selectors.unit_positions`).
    """
    day = day or viewer.today
    visible = selectors.employees_visible_to(viewer, day=day).values("pk")
    position = (
        selectors.positions_visible_to(viewer)
        .select_related("unit", "parent")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.filter(
                    selectors.active_on(day), employee_id__in=visible
                )
                .select_related("employee")
                .order_by("kind", "employee__name"),
                to_attr="current_holders",
            )
        )
        .filter(pk=pk)
        .first()
    )
    if position is None:
        raise Http404
    return position


# --- employees --------------------------------------------------------------------------------


def employee_list(
    viewer, *, search: str = "", unit: Unit | None = None, status: str = ""
) -> QuerySet[Employee]:
    """The same list as the page: `selectors.employee_list` carries the personal-data flag."""
    return selectors.employee_list(viewer, search=search, unit=unit, status=status)


def own_employee(viewer) -> Employee | None:
    """The viewer's own employee record, if the login has one."""
    if viewer.employee_id is None:
        return None
    return selectors.employees_visible_to(viewer).filter(pk=viewer.employee_id).first()
