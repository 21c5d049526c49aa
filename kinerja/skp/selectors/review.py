"""Reads of the rater's pages: the inbox, the review of one plan, the dialogue comments."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from kinerja.accounts.models import Role
from kinerja.core.numbers import is_ascii_digits
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


# What the inbox rows show of a plan, its employee and post (the plans' long texts stay out).
PLAN_FIELDS = ("pk", "agency_id", "employee_id", "position_id", "year", "status", "start_date")
PERSON_FIELDS = ("employee__name", "employee__front_title", "employee__back_title")
POST_FIELDS = ("position__name", "position__path")


def rater_inbox(viewer, year: int) -> Inbox:
    """What waits for the rater in `year`, and whose plans have not arrived yet.

    Bounded queries whatever the number of subordinates: the waiting plans, the plans in
    progress rated by the viewer, the direct subordinates who still owe a plan (neither one in
    progress with the viewer nor one already submitted or set, and subject to planning today),
    and the plans in progress of those subordinates with another rater.
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

    in_progress = (
        Skp.objects.filter(
            _acts_as_rater(viewer),
            agency_id=viewer.agency_id,
            year=year,
            is_latest=True,
            status__in=NOT_SUBMITTED,
        )
        .select_related("employee", "position")
        .only(*PLAN_FIELDS, *PERSON_FIELDS, *POST_FIELDS)
    )
    rows: dict[int, PendingPlan] = {}
    for skp in in_progress.order_by("start_date", "pk"):
        rows[skp.employee_id] = PendingPlan(
            skp.employee, skp.position, skp, skp.deadline, rules.days_left(today, skp.deadline)
        )
    owing = _subordinates_owing_a_plan(viewer, year)
    elsewhere = _plans_in_progress(year, [a.employee_id for a in owing])
    for assignment in owing:
        if assignment.employee_id in rows:
            continue
        skp = elsewhere.get(assignment.employee_id)
        if skp is None:
            rows[assignment.employee_id] = PendingPlan(
                assignment.employee, assignment.position, None
            )
        else:
            days_left = rules.days_left(today, skp.deadline)
            rows[assignment.employee_id] = PendingPlan(
                assignment.employee, skp.position, skp, skp.deadline, days_left
            )
    inbox.not_submitted = sorted(
        rows.values(),
        key=lambda r: (r.skp is not None, r.position.path, r.employee.name, r.employee.pk),
    )
    return inbox


def _subordinates_owing_a_plan(viewer, year: int) -> list:
    """Assignments of the viewer's direct subordinates today whose plan of the year has not
    reached anybody: no plan in progress with the viewer as rater (those are listed from the
    plans), none submitted or set, and no exemption from planning today."""
    if viewer.employee_id is None:
        return []
    from kinerja.org.models import Assignment
    from kinerja.org.selectors import active_on
    from kinerja.skp.selectors.exemptions import exempt_on

    day = viewer.today
    held = viewer.held_positions  # positions_held_by(viewer.employee_id, day), read once
    if not held:
        return []
    plans = Skp.objects.filter(
        employee_id=OuterRef("employee_id"), year=year, is_latest=True
    ).exclude(status=SkpStatus.CLOSED)
    with_viewer = plans.filter(_acts_as_rater(viewer), status__in=NOT_SUBMITTED)
    arrived = plans.exclude(status__in=NOT_SUBMITTED)
    return list(
        Assignment.objects.filter(
            active_on(day),
            position__parent__in=held,
            # People in posts under the viewer's posts today are in the viewer's scope
            # (org.employees_visible_to) exactly when they are of the viewer's agency.
            employee__agency_id=viewer.agency_id,
        )
        .exclude(employee_id=viewer.employee_id)
        .filter(~Exists(with_viewer), ~Exists(arrived), ~exempt_on(day))
        .select_related("employee", "position")
        .only("pk", "employee_id", "position_id", *PERSON_FIELDS, *POST_FIELDS)
        .order_by("start_date", "pk")
    )


def _plans_in_progress(year: int, employee_ids: list[int]) -> dict[int, Skp]:
    """The latest plan in progress of each employee (rated by somebody else)."""
    if not employee_ids:
        return {}
    plans = (
        Skp.objects.filter(
            employee_id__in=employee_ids, year=year, is_latest=True, status__in=NOT_SUBMITTED
        )
        .select_related("position")
        .only(*PLAN_FIELDS, *POST_FIELDS)
        .order_by("start_date", "pk")
    )
    return {skp.employee_id: skp for skp in plans}


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
    rhk = Rhk.objects.filter(skp=skp, pk=pk).first() if is_ascii_digits(pk) else None
    if rhk is None:
        raise Http404
    return rhk


def comments_of(skp: Skp, rhk: Rhk | None = None) -> list:
    """The dialogue on one RHK, or the comments on the plan as a whole, oldest first."""
    from kinerja.skp.models import SkpComment

    return list(SkpComment.objects.filter(skp=skp, rhk=rhk).order_by("created_at", "pk"))


def return_comments(skp: Skp) -> tuple[list, dict[int, list]]:
    """The rater's comments when returning this version: those on the whole plan and those on
    each RHK (by RHK id), newest first. One query, none when `skp_content` has read the plan's
    comments already."""
    from kinerja.skp.models import CommentKind, SkpComment

    general, by_rhk = [], {}
    loaded = getattr(skp, "comment_list", None)
    if loaded is None:
        comments = SkpComment.objects.filter(skp=skp, kind=CommentKind.RETURN)
    else:
        comments = [comment for comment in loaded if comment.kind == CommentKind.RETURN]
    comments = sorted(comments, key=lambda c: (c.created_at, c.pk), reverse=True)
    for comment in comments:
        if comment.rhk_id is None:
            general.append(comment)
        else:
            by_rhk.setdefault(comment.rhk_id, []).append(comment)
    return general, by_rhk
