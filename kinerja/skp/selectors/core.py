"""Reads of SKP, always scoped to the viewer."""

from __future__ import annotations

import datetime

from django.db.models import (
    Count,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from kinerja.accounts.models import Role
from kinerja.core.queries import InIds
from kinerja.skp import permissions
from kinerja.skp.models import (
    ActionPlan,
    BehaviourExpectation,
    Rhk,
    RhkIndicator,
    Skp,
    SkpComment,
    SkpStatus,
)


def _scope(viewer) -> Q | None:
    """The SKP a viewer may read, as a filter; None when they see none."""
    if not viewer.is_authenticated:
        return None
    if viewer.sees_whole_agency:
        return Q(agency_id=viewer.agency_id)
    condition = Q(pk__in=[])
    if viewer.employee_id is not None:
        condition |= Q(employee_id=viewer.employee_id)
        condition |= Q(rater_id=viewer.employee_id)
        condition |= Q(rater_superior_id=viewer.employee_id)
    # Posts and units as sets of ids read once (InIds), not conditions on joined tables: with
    # a join under the OR, PostgreSQL joins every plan of the agency before it filters.
    from kinerja.org.models import Position, Unit

    for path in viewer.held_position_paths:
        below = Position.objects.filter(path__startswith=path).exclude(path=path)
        condition |= InIds("position_id", below.values("pk"))
    for path in viewer.admin_unit_paths:
        condition |= InIds("unit_id", Unit.objects.filter(path__startswith=path).values("pk"))
    return Q(agency_id=viewer.agency_id) & condition


def skps_visible_to(viewer) -> QuerySet[Skp]:
    scope = _scope(viewer)
    if scope is None:
        return Skp.objects.none()
    return Skp.objects.filter(scope)


def _plainly_visible(viewer, skp: Skp) -> bool:
    """What `_scope` grants without reading the organisation tree: the whole agency, one's own
    plan, a plan one rates or oversees as the rater's superior."""
    if skp.agency_id != viewer.agency_id:
        return False
    if viewer.sees_whole_agency:
        return True
    people = (skp.employee_id, skp.rater_id, skp.rater_superior_id)
    return viewer.employee_id is not None and viewer.employee_id in people


# What the plan's pages print of its relations: the employee, the post and the unit (the
# raters are printed from the labels the plan stores).
PAGE_RELATED = ("employee", "position", "unit")
# What the plan's documents and services read: also the rater and the rater's superior, who
# set it and the agency.
PLAN_RELATED = (
    "employee",
    "position__unit",
    "unit",
    "rater",
    "rater_position",
    "rater_superior",
    "agency",
    "set_by",
)


def get_skp(viewer, pk: int, annotations: dict | None = None, related: tuple = PLAN_RELATED) -> Skp:
    """The plan if the viewer may read it (`_scope`), else 404. The plan is read by its id;
    the scope, whose posts and units below cost most of the query, is asked only when the
    plan is not plainly the viewer's to read (own, rated, whole agency). `annotations` are
    read with the plan (`rater_change.org_changed_since_start` for the plan's page), and
    `related` are the plan's relations read with it."""
    if not viewer.is_authenticated:
        raise Http404
    # Without the model's ordering (one row at most): PostgreSQL spent about 25 ms planning the
    # ten-table join for an ORDER BY ... LIMIT 1, for a query that runs in half a millisecond.
    found = list(
        Skp.objects.select_related(*related)
        .filter(pk=pk, agency_id=viewer.agency_id)
        .annotate(**(annotations or {}))
        .order_by()
    )
    if not found:
        raise Http404
    skp = found[0]
    if _plainly_visible(viewer, skp) or skps_visible_to(viewer).filter(pk=pk).exists():
        return skp
    raise Http404


def _action_plans() -> Prefetch:
    return Prefetch(
        "action_plans",
        queryset=ActionPlan.objects.select_related("period").order_by("period__start_date"),
    )


# What an RHK links to, as the plan's document prints it: the leader's RHK and indicator
# with the leader's name, or the organisation's goal and indicator.
RHK_LINKS = ("intervened_rhk__skp__employee", "intervened_indicator", "iku_goal", "iku_indicator")


def skp_content(skp: Skp, *, action_plans: bool = True, links: tuple = RHK_LINKS) -> Skp:
    """Load the RHK (with indicators, action plans and `links`), behaviours and comments. With
    `action_plans=False` each RHK carries only the number of its action plans
    (`planned_periods`), as the editor's closed cards show it; `load_action_plans` reads the
    plans of the RHK opened."""
    rhks = Rhk.objects.select_related(*links).prefetch_related(
        Prefetch("indicators", queryset=RhkIndicator.objects.order_by("order", "pk")),
    )
    if action_plans:
        rhks = rhks.prefetch_related(_action_plans())
    else:
        planned = (
            ActionPlan.objects.filter(rhk_id=OuterRef("pk"))
            .order_by()
            .values("rhk_id")
            .annotate(n=Count("pk"))
            .values("n")
        )
        rhks = rhks.annotate(planned_periods=Coalesce(Subquery(planned), 0))
    skp.rhk_list = list(rhks.filter(skp=skp).order_by("kind", "order", "pk"))
    skp.behaviour_list = list(BehaviourExpectation.objects.filter(skp=skp).order_by("pk"))
    skp.comment_list = list(SkpComment.objects.filter(skp=skp).select_related("rhk"))
    return skp


def load_action_plans(rhks: list[Rhk]) -> None:
    """The action plans of RHK read by `skp_content(..., action_plans=False)`, in one query."""
    prefetch_related_objects(rhks, _action_plans())


def skp_versions(skp: Skp) -> list[Skp]:
    return list(Skp.objects.filter(series=skp.series).select_related("set_by").order_by("version"))


def current_skp(employee_id: int, year: int, day: datetime.date | None = None) -> Skp | None:
    """The plan in force for an employee on a day of the year (latest version of its series)."""
    qs = Skp.objects.filter(employee_id=employee_id, year=year, is_latest=True).exclude(
        status=SkpStatus.CLOSED
    )
    if day is not None:
        qs = qs.filter(start_date__lte=day, end_date__gte=day)
    return qs.order_by("-start_date", "-pk").first()


def rater_inbox(viewer, year: int | None = None) -> list[Skp]:
    """Plans waiting for this viewer to set or return them: as rater, or as the rater's
    superior once the rater is late. For pimpinan: plans rated by the regional head."""
    if not viewer.is_authenticated:
        return []
    waiting = Q(status=SkpStatus.SUBMITTED, is_latest=True, agency_id=viewer.agency_id)
    mine = Q(pk__in=[])
    if viewer.employee_id is not None:
        mine |= Q(rater_id=viewer.employee_id) | Q(rater_superior_id=viewer.employee_id)
    if Role.PIMPINAN in viewer.granted_roles:
        mine |= Q(rater__isnull=True)
    qs = Skp.objects.filter(waiting & mine)
    if year is not None:
        qs = qs.filter(year=year)
    rows = list(
        qs.select_related("employee", "position", "unit", "rater").order_by("submitted_at", "pk")
    )
    return [skp for skp in rows if permissions.allowed_actions(viewer, skp)]
