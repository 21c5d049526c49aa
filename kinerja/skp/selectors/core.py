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
from kinerja.core.queries import InIds, Prepared, attach_prefetched
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
from kinerja.skp.selectors.rater_change import org_changed_since_start


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


def get_skp(
    viewer, pk: int, *, flag_org_change: bool = False, related: tuple = PLAN_RELATED
) -> Skp:
    """The plan if the viewer may read it (`_scope`), else 404. The plan is read by its id;
    the scope, whose posts and units below cost most of the query, is asked only when the
    plan is not plainly the viewer's to read (own, rated, whole agency). `flag_org_change`
    reads `rater_change.org_changed_since_start` with the plan (for the plan's page), and
    `related` are the plan's relations read with it."""
    if not viewer.is_authenticated:
        raise Http404
    values = {"pk": pk, "agency_id": viewer.agency_id}
    if flag_org_change:
        values["day"] = viewer.today
    found = _plan_read(flag_org_change, tuple(related))(**values)
    if not found:
        raise Http404
    skp = found[0]
    if _plainly_visible(viewer, skp) or skps_visible_to(viewer).filter(pk=pk).exists():
        return skp
    raise Http404


# Every page of a plan reads it first: each shape of that read is compiled once.
_plan_reads: dict[tuple, Prepared] = {}


def _plan_read(flag_org_change: bool, related: tuple) -> Prepared:
    key = (flag_org_change, related)
    found = _plan_reads.get(key)
    if found is None:

        def build(pk, agency_id, day=None):
            plans = Skp.objects.select_related(*related).filter(pk=pk, agency_id=agency_id)
            if flag_org_change:
                plans = plans.annotate(**org_changed_since_start(day))
            # Without the model's ordering (one row at most): PostgreSQL spent about 25 ms
            # planning the ten-table join for an ORDER BY ... LIMIT 1, for a query that runs
            # in half a millisecond.
            return plans.order_by()

        kinds = {"pk": int, "agency_id": int}
        if flag_org_change:
            kinds["day"] = datetime.date
        found = _plan_reads[key] = Prepared(build, **kinds)
    return found


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
    plans of the RHK opened. The indicators and action plans are read by plan, not by the
    list of its RHK, so that every query here is prepared."""
    rhks = _rhk_read(action_plans, tuple(links))(skp_id=skp.pk)
    attach_prefetched(rhks, "indicators", _indicators(skp_id=skp.pk), back="rhk")
    if action_plans:
        attach_prefetched(rhks, "action_plans", _plan_action_plans(skp_id=skp.pk), back="rhk")
    skp.rhk_list = rhks
    skp.behaviour_list = _behaviours(skp_id=skp.pk)
    skp.comment_list = _comments(skp_id=skp.pk)
    return skp


# Every page of a plan reads its content: each shape of these reads is compiled once.
_rhk_reads: dict[tuple, Prepared] = {}


def _rhk_read(action_plans: bool, links: tuple) -> Prepared:
    key = (action_plans, links)
    found = _rhk_reads.get(key)
    if found is None:

        def build(skp_id):
            rhks = Rhk.objects.select_related(*links)
            if not action_plans:
                planned = (
                    ActionPlan.objects.filter(rhk_id=OuterRef("pk"))
                    .order_by()
                    .values("rhk_id")
                    .annotate(n=Count("pk"))
                    .values("n")
                )
                rhks = rhks.annotate(planned_periods=Coalesce(Subquery(planned), 0))
            return rhks.filter(skp_id=skp_id).order_by("kind", "order", "pk")

        found = _rhk_reads[key] = Prepared(build, skp_id=int)
    return found


_indicators = Prepared(
    lambda skp_id: RhkIndicator.objects.filter(rhk__skp_id=skp_id).order_by("order", "pk"),
    skp_id=int,
)
_plan_action_plans = Prepared(
    lambda skp_id: (
        ActionPlan.objects.filter(rhk__skp_id=skp_id)
        .select_related("period")
        .order_by("period__start_date")
    ),
    skp_id=int,
)


_behaviours = Prepared(
    lambda skp_id: BehaviourExpectation.objects.filter(skp_id=skp_id).order_by("pk"),
    skp_id=int,
)
_comments = Prepared(
    lambda skp_id: SkpComment.objects.filter(skp_id=skp_id).select_related("rhk"), skp_id=int
)


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
