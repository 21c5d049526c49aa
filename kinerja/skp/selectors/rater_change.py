"""A change of rater or a mutation recorded in the organisation data, seen from the SKP in force.

A plan records the post and the rater of the day it started. When the organisation data later
say that the employee holds another post (a mutation), or that someone else rates them (the
rater moved or left, a Plt./Plh. took the post, a delegation began or ended), the plan in force
is flagged: the employee makes a new SKP with the new rater (PermenPANRB 6/2022 Lampiran p.65
items 6-7; domain.md 1.5).

Whether a plan is flagged is computed, never stored: the plan's recorded post and rater are
compared with `raters_on(employee, day)`. Pages first keep the plans whose organisation data
changed after they started (one query), then compare only those.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)

from kinerja.core.queries import IdInPath, InIds
from kinerja.org.models import Assignment, Position, SupervisionOverride, SupervisionRole
from kinerja.org.selectors import RatersOnDay, active_on, raters_on
from kinerja.skp.models import RevisionKind, Skp, SkpStatus

IN_FORCE = Q(is_latest=True) & ~Q(status__in=[SkpStatus.CLOSED, SkpStatus.SUPERSEDED])


@dataclass(frozen=True)
class RaterChange:
    """The plan in force and who rates its employee on `day` instead."""

    skp: Skp
    kind: str  # RevisionKind.MUTATION or RevisionKind.RATER_CHANGE
    now: RatersOnDay
    day: datetime.date

    @property
    def is_mutation(self) -> bool:
        return self.kind == RevisionKind.MUTATION

    @property
    def new_rater_label(self) -> str:
        rater = self.now.rater
        if rater is None:
            return ""
        if rater.position is not None:
            return f"{rater.label} ({rater.position.name})"
        return rater.label


def _key(now: RatersOnDay) -> tuple:
    return (now.position and now.position.pk, now.rater_employee_id, now.rater_position_id)


def compare(skp: Skp, now: RatersOnDay, day: datetime.date) -> RaterChange | None:
    """The change between what `skp` records and `now`, or None. An employee who holds no post
    on the day (left the agency) is not a change of rater."""
    if now.position is None:
        return None
    if now.position.pk != skp.position_id:
        return RaterChange(skp, RevisionKind.MUTATION, now, day)
    if (now.rater_employee_id, now.rater_position_id) != (skp.rater_id, skp.rater_position_id):
        return RaterChange(skp, RevisionKind.RATER_CHANGE, now, day)
    return None


def is_in_force_on(skp: Skp, day: datetime.date) -> bool:
    return (
        skp.is_latest
        and skp.status not in {SkpStatus.CLOSED, SkpStatus.SUPERSEDED}
        and skp.start_date <= day <= skp.end_date
    )


def rater_change_of(skp: Skp, day: datetime.date) -> RaterChange | None:
    """Whether the organisation data on `day` name another post or rater than `skp` records."""
    if not is_in_force_on(skp, day):
        return None
    return compare(skp, raters_on(skp.employee, day), day)


def _org_changed_since_start(day: datetime.date) -> Q:
    """Plans whose organisation data changed after they started: an assignment of the employee
    or of a post above theirs, or a delegation of the employee, began or ended meanwhile.
    Nothing else moves a plan's post or rater, so only these need the full comparison."""

    def changed() -> Q:
        return Q(start_date__gt=OuterRef("start_date"), start_date__lte=day) | Q(
            end_date__gte=OuterRef("start_date"), end_date__lt=day
        )

    # Two EXISTS rather than one with an OR inside, each read from an index: the employee's
    # own assignments, and those of the plan's post and the posts above it (the ids of its
    # path), where comparing paths read every post for every plan.
    own = Assignment.objects.filter(changed(), employee_id=OuterRef("employee_id"))
    path = Position.objects.filter(pk=OuterRef(OuterRef("position_id"))).values("path")[:1]
    above = Assignment.objects.filter(changed(), IdInPath(Subquery(path), "position_id"))
    overrides = SupervisionOverride.objects.filter(changed(), employee_id=OuterRef("employee_id"))
    return Q(Exists(own)) | Q(Exists(above)) | Q(Exists(overrides))


def org_changed_since_start(day: datetime.date) -> dict:
    """An annotation for plans read anyway (`own_plans`): `_org_changed_since_start` as a flag
    on each, so that `flagged_among` compares them without a query of its own."""
    condition = _org_changed_since_start(day)
    return {"org_changed_since_start": ExpressionWrapper(condition, output_field=BooleanField())}


def _changes(candidates, day: datetime.date) -> list[RaterChange]:
    """The candidates whose organisation data on `day` name another post or rater."""
    changes = (compare(skp, raters_on(skp.employee, day), day) for skp in candidates)
    return [change for change in changes if change is not None]


def flagged_among(plans: list[Skp], day: datetime.date) -> list[RaterChange]:
    """`flagged` for plans read with the `org_changed_since_start` annotation."""
    return _changes(
        (skp for skp in plans if is_in_force_on(skp, day) and skp.org_changed_since_start), day
    )


def flagged(plans: QuerySet, day: datetime.date) -> list[RaterChange]:
    """The changes among `plans` in force on `day`."""
    candidates = (
        plans.filter(IN_FORCE, start_date__lte=day, end_date__gte=day)
        .filter(_org_changed_since_start(day))
        .select_related("employee__agency", "position", "unit")
        .order_by("employee__name", "pk")
    )
    return _changes(candidates, day)


def own_rater_changes(viewer, plans: list[Skp] | None = None) -> dict[int, RaterChange]:
    """The viewer's own plans in force that the organisation data flag, by plan id; from
    `plans` when the page has read them with `org_changed_since_start` (`own_plans`)."""
    if viewer.employee_id is None:
        return {}
    if plans is not None:
        changes = flagged_among(plans, viewer.today)
    else:
        changes = flagged(Skp.objects.filter(employee_id=viewer.employee_id), viewer.today)
    return {change.skp.pk: change for change in changes}


def plan_rater_change(skp: Skp, day: datetime.date) -> RaterChange | None:
    """`rater_change_of` for a plan page: no query while nothing changed when the plan was read
    with `org_changed_since_start`, else one."""
    if hasattr(skp, "org_changed_since_start"):
        changes = flagged_among([skp], day)
    else:
        changes = flagged(Skp.objects.filter(pk=skp.pk), day)
    return changes[0] if changes else None


def plans_now_rated_by(viewer) -> list[RaterChange]:
    """Plans in force of people the viewer rates today although their plan names someone
    else: the viewer is the new rater and the new plan is to be made with them."""
    if not viewer.is_authenticated or viewer.employee_id is None:
        return []
    day = viewer.today
    below = Q(pk__in=[])
    for position in viewer.held_positions:  # positions_held_by(viewer.employee_id, day)
        below |= Q(position__path__startswith=position.path) & ~Q(position_id=position.pk)
    # Sets of ids read once (InIds), not correlated EXISTS run for every plan of the agency.
    people = Assignment.objects.filter(below, active_on(day)).values("employee_id")
    delegated = SupervisionOverride.objects.filter(
        active_on(day),
        supervisor_id=viewer.employee_id,
        role=SupervisionRole.RATER,
    ).values("employee_id")
    plans = (
        Skp.objects.filter(agency_id=viewer.agency_id)
        .filter(InIds("employee_id", people) | InIds("employee_id", delegated))
        .exclude(rater_id=viewer.employee_id)
    )
    return [c for c in flagged(plans, day) if c.now.rater_employee_id == viewer.employee_id]


def change_began(change: RaterChange) -> datetime.date:
    """The first day on which the organisation data name the new post and rater, searched by
    halving between the plan's start and the day of the change (changes are assumed not to
    come and go in between); at least the day after the plan started."""
    skp, target = change.skp, _key(change.now)
    low, high = skp.start_date, change.day
    while (high - low).days > 1:
        middle = low + datetime.timedelta(days=(high - low).days // 2)
        if _key(raters_on(skp.employee, middle)) == target:
            high = middle
        else:
            low = middle
    return max(high, skp.start_date + datetime.timedelta(days=1))


def get_flagged_plan(viewer, pk: int) -> Skp:
    """A plan the viewer may read, or one whose employee the viewer now rates (the plan of a
    person who moved in names their old post, outside the viewer's scope); else 404."""
    from django.http import Http404

    from kinerja.skp.selectors.core import get_skp

    try:
        return get_skp(viewer, pk)
    except Http404:
        if viewer.employee_id is None:
            raise
    skp = (
        Skp.objects.filter(agency_id=viewer.agency_id, pk=pk)
        .select_related("employee__agency", "position", "unit")
        .first()
    )
    change = rater_change_of(skp, viewer.today) if skp is not None else None
    if change is None or change.now.rater_employee_id != viewer.employee_id:
        raise Http404
    return skp
