"""Reads of the RHK taken over by the leader (see models.takeovers)."""

from __future__ import annotations

import uuid

from django.http import Http404

from kinerja.core.queries import Prepared
from kinerja.skp.models import RhkTakeover, Skp
from kinerja.skp.selectors.core import skps_visible_to


def takeovers_of_plan(skp: Skp) -> list[RhkTakeover]:
    """Every takeover of the plan's content (all versions of the year), withdrawn ones too,
    newest first: the plan page shows the history."""
    return _of_plan(employee_id=skp.employee_id, year=skp.year)


# The plan's page asks it on every request: compiled once.
_of_plan = Prepared(
    lambda employee_id, year: RhkTakeover.objects.filter(
        employee_id=employee_id, year=year
    ).select_related("taken_by", "withdrawn_by"),
    employee_id=int,
    year=int,
)


def takeovers_in_force(employee_id: int, year: int) -> dict[uuid.UUID, RhkTakeover]:
    """The RHK of an employee's year the leader has taken over, by `Rhk.key`: what the
    evaluation reads (the note that the employee could not finish them)."""
    rows = RhkTakeover.objects.filter(employee_id=employee_id, year=year, withdrawn_at__isnull=True)
    return {row.rhk_key: row for row in rows.select_related("taken_by")}


def get_takeover(viewer, pk: int) -> RhkTakeover:
    """A takeover whose plan the viewer may read; 404 otherwise."""
    found = list(
        RhkTakeover.objects.filter(pk=pk, skp__in=skps_visible_to(viewer).values("pk"))
        .select_related("skp__employee", "skp__agency", "skp__rater", "employee")
        .order_by()
    )
    if not found:
        raise Http404
    return found[0]
