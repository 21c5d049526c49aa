"""Organisation predikat: the proposals waiting for a leader, the decided ones, and the
predikat an appraisal uses (PermenPANRB 6/2022 Ps 34-35, domain.md 2.4)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import OuterRef, Q, Subquery

from kinerja.accounts.models import Role
from kinerja.iku import permissions, rules
from kinerja.iku.models import (
    DecisionStatus,
    OrgPredikatDecision,
    Period,
    PeriodKind,
)
from kinerja.org.models import RATER_KINDS, AssignmentKind, Position

_KIND_ORDER = {AssignmentKind.DEFINITIVE: 0, AssignmentKind.PLT: 1, AssignmentKind.PLH: 2}


def leader_position_ids(unit_ids) -> dict[int, int | None]:
    """`leader_position_id` of many units in one query: unit id → the post above its head's."""
    ids = set(unit_ids)
    leaders: dict[int, int | None] = dict.fromkeys(ids)
    if not ids:
        return leaders
    seen = set()
    for unit_id, parent_id in (
        Position.objects.filter(unit_id__in=ids, is_unit_head=True, is_active=True)
        .order_by("unit_id", "pk")
        .values_list("unit_id", "parent_id")
    ):
        if unit_id not in seen:  # the first head post of the unit, as leader_position_id
            seen.add(unit_id)
            leaders[unit_id] = parent_id
    return leaders


def org_predikat_decisions_to_make(
    viewer, *, search: str = "", year: int | None = None
) -> list[OrgPredikatDecision]:
    """Proposals waiting for the viewer as the next-higher leader, optionally of units whose
    name contains `search` and of one year; oldest period first, the annual one after the
    months or quarters it closes, then by unit in tree order.

    One query whatever the number of proposals (the leaders' posts are read with them).
    """
    if not viewer.is_authenticated:
        return []
    # Only the proposals of units the viewer may lead are read (Beranda asks on every visit;
    # a province has about a thousand proposals), with the leader's post of each unit found
    # in the same query (`leader_position_id`: the post above the unit's first head post).
    leader = (
        Position.objects.filter(unit_id=OuterRef("unit_id"), is_unit_head=True, is_active=True)
        .order_by("pk")
        .values("parent_id")[:1]
    )
    heads = Position.objects.filter(is_unit_head=True, is_active=True)
    # A unit's leader post is the parent of its head post, which is never a pelaksana or
    # functional post: staff are answered without a query.
    held = [p.pk for p in viewer.held_positions if p.is_unit_head or p.kind in RATER_KINDS]
    # Units with a head post under one of the viewer's posts; for the pimpinan also those with
    # a head post at the top, or with none: a cheap first cut, so that the leader's post is
    # looked up for a few proposals only.
    units = Q(unit_id__in=heads.filter(parent_id__in=held).values("unit_id"))
    if Role.PIMPINAN in viewer.granted_roles:
        units |= Q(unit_id__in=heads.filter(parent__isnull=True).values("unit_id"))
        units |= ~Q(unit_id__in=heads.filter(parent__isnull=False).values("unit_id"))
    elif not held:
        return []
    proposals = OrgPredikatDecision.objects.filter(
        units, status=DecisionStatus.PROPOSED, unit__agency_id=viewer.agency_id
    )
    if search.strip():
        proposals = proposals.filter(unit__name__icontains=search.strip())
    if year is not None:
        proposals = proposals.filter(period__performance_year__year=year)
    proposals = proposals.annotate(leader_post=Subquery(leader)).select_related("unit", "period")
    waiting = [
        d
        for d in proposals
        if permissions.can_decide_org_predikat(viewer, d.unit, leader_position_id=d.leader_post)
    ]
    return sorted(
        waiting, key=lambda d: (d.period.end_date, d.period.kind == PeriodKind.YEAR, d.unit.path)
    )


@dataclass(frozen=True)
class AppraisalOrgPredikat:
    """The organisation predikat that the appraisal of a unit's employees uses."""

    predikat: str
    decision: OrgPredikatDecision
    year: int
    is_previous_year: bool

    @property
    def unit(self):
        return self.decision.unit

    @property
    def period(self) -> Period:
        return self.decision.period


def org_predikat_for_appraisal(unit, period: Period) -> AppraisalOrgPredikat | None:
    """The organisation predikat used when appraising the employees of `unit` for `period`.

    PermenPANRB 6/2022 Ps 24-25 and p.92-94 (domain.md §1.5 step 1): the confirmed (or changed)
    predikat of the unit for that period. A unit without results of its own (a seksi with no
    goals) takes the nearest unit above that has them. A proposal not yet decided gives None:
    the appraisal waits. For the annual period, a result issued after the deadline (31 January
    of the next year unless the year says otherwise) or not issued is replaced by the previous
    year's (rules.annual_org_result_for).
    """
    chain = [unit.pk, *reversed(unit.ancestor_ids)]
    py = period.performance_year
    period_ids = [period.pk]
    previous_annual = None
    if period.is_annual:
        previous_annual = Period.objects.filter(
            performance_year__agency_id=py.agency_id,
            performance_year__year=py.year - 1,
            kind=PeriodKind.YEAR,
        ).first()
        if previous_annual is not None:
            period_ids.append(previous_annual.pk)
    decisions = list(
        OrgPredikatDecision.objects.filter(
            unit_id__in=chain, period_id__in=period_ids
        ).select_related("unit", "period__performance_year")
    )
    by_unit = defaultdict(dict)
    for decision in decisions:
        by_unit[decision.unit_id][decision.period_id] = decision
    for unit_id in chain:
        rows = by_unit.get(unit_id)
        if not rows:
            continue
        current = rows.get(period.pk)
        if not period.is_annual:
            if current is None or not current.is_decided:
                return None
            return AppraisalOrgPredikat(current.predikat, current, py.year, False)
        previous = rows.get(previous_annual.pk) if previous_annual else None
        results = {}
        if current is not None and current.is_decided:
            results[py.year] = current.predikat
        if previous is not None and previous.is_decided:
            results[py.year - 1] = previous.predikat
        chosen = rules.annual_org_result_for(
            py.year,
            results,
            issued_on=current.decided_on if py.year in results else None,
            deadline=py.result_deadline,
        )
        if chosen is None:
            return None
        source = current if chosen.year == py.year else previous
        return AppraisalOrgPredikat(chosen.result, source, chosen.year, chosen.year != py.year)
    return None


# How many decided predikat the decisions page and the API list: the latest ones.
DECIDED_SHOWN = 100


def org_predikat_decisions_decided(
    viewer, limit: int = DECIDED_SHOWN, *, search: str = "", year: int | None = None
) -> list[OrgPredikatDecision]:
    """The latest decided predikat of the units the viewer decides for (read-only rows),
    optionally of units whose name contains `search` and of one year.

    Scoped like `selectors.org_predikat_decisions_to_make`: same agency, and the viewer is the
    unit's next-higher leader today, so a new leader sees what the predecessor decided.
    """
    if not viewer.is_authenticated:
        return []
    decided = OrgPredikatDecision.objects.filter(unit__agency_id=viewer.agency_id)
    if search.strip():
        decided = decided.filter(unit__name__icontains=search.strip())
    if year is not None:
        decided = decided.filter(period__performance_year__year=year)
    rows = list(
        decided.exclude(status=DecisionStatus.PROPOSED)
        .select_related("unit", "period", "decided_by")
        .order_by("-decided_at", "-pk")[: limit * 4]
    )
    leader_of = leader_position_ids(d.unit_id for d in rows)
    shown = []
    for decision in rows:
        if permissions.can_decide_org_predikat(
            viewer, decision.unit, leader_position_id=leader_of[decision.unit_id]
        ):
            shown.append(decision)
            if len(shown) == limit:
                break
    return shown
