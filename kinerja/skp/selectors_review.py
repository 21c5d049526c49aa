"""Reads of the rater's pages: the inbox, the review of one plan, the dialogue comments."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from django.http import Http404

from kinerja.accounts.models import Role
from kinerja.skp import permissions, rules, selectors
from kinerja.skp.models import Rhk, Skp, SkpStatus

# Plans the employee still has to send to the rater.
NOT_SUBMITTED = (SkpStatus.DRAFT, SkpStatus.DIALOGUE, SkpStatus.RETURNED)


@dataclass
class WaitingPlan:
    """A submitted plan waiting for the viewer's decision."""

    skp: Skp
    escalated: bool  # the viewer acts as the rater's superior because the rater is late
    deadline: object
    days_left: int

    @property
    def days_late(self) -> int:
        return max(0, -self.days_left)


@dataclass
class PendingPlan:
    """A subordinate whose plan has not reached the rater yet (skp None: not started)."""

    employee: object
    position: object
    skp: Skp | None
    deadline: object = None
    days_left: int | None = None

    @property
    def days_late(self) -> int:
        return max(0, -(self.days_left or 0))


@dataclass
class Inbox:
    year: int
    waiting: list[WaitingPlan] = field(default_factory=list)
    not_submitted: list[PendingPlan] = field(default_factory=list)

    @property
    def escalated_count(self) -> int:
        return sum(1 for row in self.waiting if row.escalated)


def _acts_as_rater(viewer) -> Q:
    """Plans the viewer rates: as the employee recorded as rater, or as the regional head."""
    condition = Q(pk__in=[])
    if viewer.employee_id is not None:
        condition |= Q(rater_id=viewer.employee_id)
    if Role.PIMPINAN in viewer.granted_roles:
        condition |= Q(rater__isnull=True)
    return condition


def rater_inbox(viewer, year: int) -> Inbox:
    """What waits for the rater in `year`, and whose plans have not arrived yet.

    Bounded queries whatever the number of subordinates: the waiting plans, the plans in
    progress rated by the viewer, and the viewer's direct subordinates (with their plans).
    """
    inbox = Inbox(year=year)
    if not viewer.is_authenticated:
        return inbox
    today = viewer.today
    for skp in selectors.rater_inbox(viewer, year):
        escalated = not permissions.is_rater(viewer, skp)
        inbox.waiting.append(
            WaitingPlan(skp, escalated, skp.deadline, rules.days_left(today, skp.deadline))
        )

    in_progress = list(
        Skp.objects.filter(
            _acts_as_rater(viewer),
            agency_id=viewer.agency_id,
            year=year,
            is_latest=True,
            status__in=NOT_SUBMITTED,
        )
        .select_related("employee", "position")
        .order_by("position__path", "employee__name", "start_date")
    )
    rows: dict[int, PendingPlan] = {}
    for skp in in_progress:
        rows[skp.employee_id] = PendingPlan(
            skp.employee, skp.position, skp, skp.deadline, rules.days_left(today, skp.deadline)
        )
    for assignment in _direct_subordinates(viewer):
        employee = assignment.employee
        if employee.pk in rows:
            continue
        rows[employee.pk] = PendingPlan(employee, assignment.position, None)
    if len(rows) > len(in_progress):
        _drop_subordinates_with_plans(rows, year, in_progress, today)
    inbox.not_submitted = sorted(
        rows.values(), key=lambda r: (r.skp is not None, r.position.path, r.employee.name)
    )
    return inbox


def _direct_subordinates(viewer) -> list:
    if viewer.employee_id is None:
        return []
    from kinerja.org.models import Employee
    from kinerja.org.selectors import direct_subordinates

    # direct_subordinates only needs the key of the employee: no need to load the row.
    return direct_subordinates(viewer, Employee(pk=viewer.employee_id))


def _drop_subordinates_with_plans(rows: dict, year: int, in_progress: list[Skp], today) -> None:
    """A subordinate without a plan in progress may have submitted it already, or have it set:
    such a subordinate does not need chasing."""
    known = {skp.employee_id for skp in in_progress}
    candidates = [pk for pk in rows if pk not in known]
    started = Skp.objects.filter(employee_id__in=candidates, year=year, is_latest=True).exclude(
        status=SkpStatus.CLOSED
    )
    pending = {}
    for skp in started.select_related("position").order_by("start_date"):
        pending[skp.employee_id] = skp
    for employee_id, skp in pending.items():
        if skp.status in NOT_SUBMITTED:
            row = rows[employee_id]
            row.skp = skp
            row.deadline = skp.deadline
            row.days_left = rules.days_left(today, skp.deadline)
        else:
            del rows[employee_id]


def review_roles(viewer, skp: Skp) -> dict:
    """Whether the viewer takes part in deciding on this plan, and what they may do now."""
    actions = permissions.allowed_actions(viewer, skp)
    return {
        "is_rater": permissions.is_rater(viewer, skp),
        "is_rater_superior": permissions.is_rater_superior(viewer, skp),
        "can_set": "set" in actions,
        "can_return": "return" in actions,
        "escalated": bool(set(actions) & {"set", "return"})
        and not permissions.is_rater(viewer, skp),
    }


def get_review(viewer, pk: int) -> Skp:
    """The plan with its content, comments grouped by RHK; 404 outside the viewer's scope."""
    skp = selectors.skp_content(selectors.get_skp(viewer, pk))
    by_rhk: dict[int | None, list] = {}
    for comment in skp.comment_list:
        by_rhk.setdefault(comment.rhk_id, []).append(comment)
    for rhk in skp.rhk_list:
        rhk.comment_rows = by_rhk.get(rhk.pk, [])
    skp.general_comments = by_rhk.get(None, [])
    return skp


def rhk_of(skp: Skp, pk) -> Rhk:
    """An RHK of this plan, for a comment on it; another plan's RHK is not found."""
    rhk = Rhk.objects.filter(skp=skp, pk=pk).first() if str(pk).isdigit() else None
    if rhk is None:
        raise Http404
    return rhk


def comments_of(skp: Skp, rhk: Rhk | None = None) -> list:
    """The dialogue on one RHK, or the comments on the plan as a whole, oldest first."""
    from kinerja.skp.models import SkpComment

    return list(SkpComment.objects.filter(skp=skp, rhk=rhk).order_by("created_at", "pk"))
