"""Alignment checks (matriks penyelarasan): where the cascade from the organisation to the
employees is broken, for one unit subtree or for the whole regency.
employees is broken, for one unit subtree or for the whole regency.

Every check looks at the *plans in force* of a year: the latest version (`is_latest`) of each
plan of the year that is neither closed (replaced by a new SKP after a mutation or a change of
rater) nor superseded. A plan whose revision is still a draft is represented by that draft.

The checks (each a queryset, so that counts and pages are aggregate SQL, never a query per
employee):

- `unsupported_rhk`: RHK that support nothing. (a) A main (utama) RHK of a non-JPT plan that
  names no leader RHK, no organisation indicator and no organisation goal (format A.1.6/A.1.7:
  the "RHK pimpinan yang diintervensi" column is empty). JPT plans link to the organisation
  through the PK (iku_indicator / iku_goal), so they are not checked for (a). (b) Any RHK whose
  intervened leader RHK belongs to a plan no longer in force (closed, superseded, or replaced by
  a newer draft version) and none of the leader's plans in force for that year still has an RHK
  with the same key: the link was broken by a revision of the leader's plan.
- `unsupported_indicators`: active organisation indicators (iku.Indicator of an active goal
  owned by a unit of the subtree) with an annual target for the year that no RHK of a plan in
  force intervenes in (Rhk.iku_indicator).
- `unsupported_leader_rhk`: RHK (of any kind) in the plan in force of a *leader*, that is an
  employee recorded as the rater of at least one plan in force of the year, which no RHK of a
  plan in force of somebody else intervenes in. Support is matched by the leader's RHK key and
  the leader, so an RHK that points at an earlier version of the leader's RHK still counts.
- `employees_without_set_plan`: active employees with a definitive assignment running on the
  reference day in a unit of the subtree who have no set SKP for the year (no version with
  status "set": a set plan under revision stays in force until its new version is set) and
  are subject to planning on that day (no PlanExemption covers it; the report counts the
  exempt ones apart, `exempt_employee_count`). Each
  row shows the status of the latest plan in force ("missing" when there is none) and the days
  left to the deadline (rules.deadline / rules.days_left; negative = late). A missing plan's
  deadline counts from the start of the assignment when it began during the year (a new
  post gets settings.SKP_MIDYEAR_DAYS, like a new SKP after a mutation).
- `pending_approvals`: submitted plans in force waiting for their rater (rater None = the
  regional head, for whom a pimpinan user acts), grouped by rater: how many, the oldest
  submission, and how many are past their deadline, where the rater's superior may act
  (Lampiran p.65 item 5; rules.acting_roles).

The subtree of a plan is its `unit`; of an indicator, its goal's owner unit; of an employee,
the unit of the post of the definitive assignment.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet

from kinerja.core.queries import InIds
from kinerja.iku.models import AnnualTarget, Indicator
from kinerja.org.models import Assignment, AssignmentKind, Unit
from kinerja.org.selectors import active_on
from kinerja.skp.models import ResultKind, Rhk, Skp, SkpForm, SkpStatus
from kinerja.skp.selectors.exemptions import exempt_on

OUT_OF_FORCE = (SkpStatus.CLOSED, SkpStatus.SUPERSEDED)
NO_LINK = "no_link"
BROKEN_LINK = "broken_link"


# --- the checks ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """What a report covers: an agency and year, and optionally a unit subtree."""

    agency_id: int
    year: int
    today: datetime.date
    unit: Unit | None = None

    @property
    def day(self) -> datetime.date:
        """The day whose assignments count: today, brought inside the year."""
        first, last = datetime.date(self.year, 1, 1), datetime.date(self.year, 12, 31)
        return min(max(self.today, first), last)

    def under(self, unit_field: str) -> Q:
        if self.unit is None:
            return Q()
        return Q(**{f"{unit_field}__path__startswith": self.unit.path})


def in_force(scope: Scope, prefix: str = "") -> Q:
    """Plans in force of the year: latest versions, neither closed nor superseded."""
    return Q(
        **{
            f"{prefix}agency_id": scope.agency_id,
            f"{prefix}year": scope.year,
            f"{prefix}is_latest": True,
        }
    ) & ~Q(**{f"{prefix}status__in": OUT_OF_FORCE})


def _rhk_in_force(scope: Scope) -> QuerySet[Rhk]:
    return Rhk.objects.filter(in_force(scope, "skp__"))


def broken_leader_rhk_ids(scope: Scope) -> list[int]:
    """RHK of the year's plans out of force (closed, superseded, or replaced by a newer
    version) whose key no plan in force of the same employee still holds.

    Plans out of force are few; reading them first (through the agency/year/is_latest/status
    index) keeps the check on the year's RHK a plain lookup in a short list.
    """
    successor = Rhk.objects.filter(
        key=OuterRef("key"),
        skp__employee_id=OuterRef("skp__employee_id"),
        skp__year=scope.year,
        skp__is_latest=True,
    ).exclude(skp__status__in=OUT_OF_FORCE)
    replaced = Skp.objects.filter(agency_id=scope.agency_id, year=scope.year, is_latest=False)
    closed = Skp.objects.filter(
        agency_id=scope.agency_id, year=scope.year, is_latest=True, status__in=OUT_OF_FORCE
    )
    return list(
        Rhk.objects.filter(
            skp_id__in=replaced.order_by().values("pk").union(closed.order_by().values("pk"))
        )
        .filter(~Exists(successor))
        .values_list("pk", flat=True)
    )


def _no_link() -> Q:
    """A main result of a non-JPT plan that names nothing it intervenes in; the duties of a
    Plt./Plh. post intervene in nothing (Lampiran p.50) and are left out."""
    return Q(
        kind=ResultKind.UTAMA,
        skp__form=SkpForm.NON_JPT,
        intervened_rhk__isnull=True,
        iku_indicator__isnull=True,
        iku_goal__isnull=True,
        acting_position__isnull=True,
    )


def unsupported_rhk(scope: Scope, broken_ids: list[int] | None = None) -> QuerySet[Rhk]:
    """RHK of plans in force that support nothing or whose link a revision broke.

    `broken_ids` is broken_leader_rhk_ids(scope), when the caller has it already."""
    if broken_ids is None:
        broken_ids = broken_leader_rhk_ids(scope)
    # The RHK without a link (a partial index holds them) or with a broken one, as a set of
    # ids read first: PostgreSQL misjudges how many RHK lack all three links (tens of
    # thousands, where there are a few hundred) and hashed every plan of the year to join them.
    candidates = Rhk.objects.filter(
        Q(
            kind=ResultKind.UTAMA,
            intervened_rhk__isnull=True,
            iku_indicator__isnull=True,
            iku_goal__isnull=True,
        )
        | Q(intervened_rhk_id__in=broken_ids)
    )
    return (
        _rhk_in_force(scope)
        .filter(scope.under("skp__unit"))
        .filter(InIds("pk", candidates.order_by().values("pk")))
        .filter(_no_link() | Q(intervened_rhk_id__in=broken_ids))
    )


def unsupported_indicators(scope: Scope) -> QuerySet[Indicator]:
    """Active indicators with a target for the year that no RHK in force intervenes in."""
    targeted = AnnualTarget.objects.filter(indicator_id=OuterRef("pk"), year=scope.year)
    intervened = _rhk_in_force(scope).filter(iku_indicator_id=OuterRef("pk"))
    return Indicator.objects.filter(
        scope.under("goal__owner_unit"),
        Exists(targeted),
        ~Exists(intervened),
        agency_id=scope.agency_id,
        is_active=True,
        goal__is_active=True,
    )


def unsupported_leader_rhk(scope: Scope) -> QuerySet[Rhk]:
    """RHK of leaders' plans in force that no other plan in force intervenes in (by key)."""
    # The raters as a set of ids read once (a few thousand), rather than a semi-join that
    # hashed every plan of the year on both sides.
    leaders = (
        Skp.objects.filter(in_force(scope), rater_id__isnull=False)
        .order_by()
        .values("rater_id")
        .distinct()
    )
    supporters = (
        _rhk_in_force(scope)
        .filter(
            intervened_rhk__key=OuterRef("key"),
            intervened_rhk__skp__employee_id=OuterRef("skp__employee_id"),
            intervened_rhk__skp__year=scope.year,
        )
        .exclude(skp__employee_id=OuterRef("skp__employee_id"))
    )
    return (
        _rhk_in_force(scope)
        .filter(scope.under("skp__unit"), InIds("skp__employee_id", leaders))
        .filter(~Exists(supporters))
    )


def staff_assignments(scope: Scope) -> QuerySet[Assignment]:
    """Definitive assignments running on the reference day, of active employees of the
    subtree: the people who answer for a plan unless an exemption covers the day."""
    return Assignment.objects.filter(
        active_on(scope.day),
        scope.under("position__unit"),
        kind=AssignmentKind.DEFINITIVE,
        position__agency_id=scope.agency_id,
        employee__is_active=True,
    )


def employees_without_set_plan(scope: Scope) -> QuerySet[Assignment]:
    """Staff assignments whose employee is subject to planning on the reference day and has
    no set SKP for the year."""
    set_plan = Skp.objects.filter(
        employee_id=OuterRef("employee_id"), year=scope.year, status=SkpStatus.SET
    )
    return staff_assignments(scope).filter(~Exists(set_plan), ~exempt_on(scope.day))


def exempt_employee_count(scope: Scope) -> int:
    """How many employees of the subtree are not subject to planning on the reference day."""
    return (
        staff_assignments(scope)
        .filter(exempt_on(scope.day))
        .order_by()
        .values("employee_id")
        .distinct()
        .count()
    )


def pending_plans(scope: Scope) -> QuerySet[Skp]:
    return Skp.objects.filter(in_force(scope), scope.under("unit"), status=SkpStatus.SUBMITTED)


def past_deadline(today: datetime.date, year: int) -> Q:
    """rules.deadline as a filter: start in January -> 31 January; later -> start + N days."""
    end_of_january = datetime.date(year, 1, 31)
    late = Q(pk__in=[])
    if today > end_of_january:
        late |= Q(start_date__lte=end_of_january)
    late_start = today - datetime.timedelta(days=settings.SKP_MIDYEAR_DAYS)
    late |= Q(start_date__gt=end_of_january, start_date__lt=late_start)
    return late
