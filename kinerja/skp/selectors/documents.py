"""Reads behind the SKP documents: whole plans for PDFs, a unit's recap, batch print jobs.

Every function loads its rows in a fixed number of queries, whatever the number of plans: RHK
and indicators are read by joining on the plans' conditions (not by long lists of ids), so a
recap of a large unit or a chunk of a batch stays a handful of queries.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from kinerja.org.models import Agency, Assignment, AssignmentKind, Unit
from kinerja.org.selectors import active_on
from kinerja.skp import rules
from kinerja.skp.models import (
    BehaviourExpectation,
    PrintJobStatus,
    Rhk,
    RhkIndicator,
    Skp,
    SkpPrintJob,
    SkpStatus,
)

DOCUMENT_RELATED = (
    "agency",
    "employee",
    "position",
    "unit",
    "rater",
    "rater_position__unit",
    "rater_superior",
    "previous",
)
# Among the posts held on a day, the definitive one names the holder, else an acting one.
_POST_ORDER = {AssignmentKind.DEFINITIVE: 0, AssignmentKind.PLT: 1, AssignmentKind.PLH: 2}


def _attach_content(skps: list[Skp], condition: Q, *, behaviours: bool = True) -> list[Skp]:
    """Give each plan `rhk_list` (with `indicator_list`) and `behaviour_list`.

    `condition` selects the same plans as `skps`, written on Skp fields; it is used with the
    `skp__` prefix so that the RHK, indicator and behaviour queries join instead of listing ids.
    """
    by_id = {skp.pk: skp for skp in skps}
    for skp in skps:
        skp.rhk_list = []
        skp.behaviour_list = []
    if not skps:
        return skps
    rhk_condition = _prefixed(condition, "skp__")
    rhks = list(
        Rhk.objects.filter(rhk_condition)
        .select_related("intervened_rhk", "intervened_indicator", "iku_goal", "iku_indicator")
        .order_by("skp_id", "kind", "order", "pk")
    )
    indicators = defaultdict(list)
    for indicator in RhkIndicator.objects.filter(_prefixed(condition, "rhk__skp__")).order_by(
        "rhk_id", "order", "pk"
    ):
        indicators[indicator.rhk_id].append(indicator)
    for rhk in rhks:
        rhk.indicator_list = indicators.get(rhk.pk, [])
        if rhk.skp_id in by_id:
            by_id[rhk.skp_id].rhk_list.append(rhk)
    for skp in skps:  # main results first, as the forms print them
        skp.rhk_list.sort(key=lambda rhk: rhk.kind != rules.UTAMA)
    if not behaviours:
        return skps
    for behaviour in BehaviourExpectation.objects.filter(rhk_condition).order_by("skp_id", "pk"):
        if behaviour.skp_id in by_id:
            by_id[behaviour.skp_id].behaviour_list.append(behaviour)
    return skps


def _attach_superior_posts(skps: list[Skp]) -> list[Skp]:
    """Give each plan `superior_position`: for a plan the rater's superior set (the rater was
    late), the post that superior held the day it was set; None otherwise. One query at most."""
    wanted = []
    for skp in skps:
        skp.superior_position = None
        if skp.set_by_role == "rater_superior" and skp.rater_superior_id is not None:
            wanted.append(skp)
    if not wanted:
        return skps
    held = defaultdict(list)
    for assignment in Assignment.objects.filter(
        employee_id__in={skp.rater_superior_id for skp in wanted}
    ).select_related("position__unit"):
        held[assignment.employee_id].append(assignment)
    for skp in wanted:
        day = timezone.localdate(skp.set_at) if skp.set_at else skp.start_date
        running = [a for a in held[skp.rater_superior_id] if a.covers(day)]
        if running:
            first = min(running, key=lambda a: (_POST_ORDER.get(a.kind, 9), a.start_date, a.pk))
            skp.superior_position = first.position
    return skps


def _prefixed(condition: Q, prefix: str) -> Q:
    """The same filter on a related model: Q(year=1) -> Q(skp__year=1)."""
    result = Q()
    result.connector, result.negated = condition.connector, condition.negated
    for child in condition.children:
        if isinstance(child, Q):
            result.children.append(_prefixed(child, prefix))
        else:
            name, value = child
            result.children.append((f"{prefix}{name}", value))
    return result


def document_plans(ids: list[int]) -> list[Skp]:
    """Plans with everything their PDF prints, in the order of `ids`."""
    condition = Q(pk__in=list(ids))
    skps = {skp.pk: skp for skp in Skp.objects.filter(condition).select_related(*DOCUMENT_RELATED)}
    ordered = [skps[pk] for pk in ids if pk in skps]
    return _attach_superior_posts(_attach_content(ordered, condition))


def document_plan(skp: Skp) -> Skp:
    """One plan (already checked with `selectors.get_skp`) loaded for its PDF."""
    return document_plans([skp.pk])[0]


# --- unit recap -------------------------------------------------------------------------------


def subtree_plans_condition(unit: Unit, year: int) -> Q:
    """The latest version of every plan of the year in the unit and the units below it."""
    return Q(agency_id=unit.agency_id, year=year, is_latest=True, unit__path__startswith=unit.path)


def reference_day(year: int, today: datetime.date) -> datetime.date:
    """The day whose staff the recap lists: today in the current year, else the year's end
    (a past year) or start (a future year)."""
    if year == today.year:
        return today
    return datetime.date(year, 12, 31) if year < today.year else datetime.date(year, 1, 1)


@dataclass
class RecapRow:
    employee: object
    position: object
    unit: object
    skp: Skp | None = None
    utama: int = 0
    tambahan: int = 0
    late: bool = False


@dataclass
class UnitRecap:
    unit: Unit
    year: int
    day: datetime.date
    agency_name: str = ""
    rows: list[RecapRow] = field(default_factory=list)

    @property
    def plans(self) -> list[Skp]:
        return [row.skp for row in self.rows if row.skp is not None]


def is_late(skp: Skp, today: datetime.date) -> bool:
    """Set after the deadline, or still not set when the deadline has passed."""
    if skp.set_at is not None:
        return timezone.localdate(skp.set_at) > skp.deadline
    if skp.status in rules.EDITABLE_STATUSES or skp.status == SkpStatus.SUBMITTED:
        return today > skp.deadline
    return False


def unit_recap(unit: Unit, year: int, today: datetime.date) -> UnitRecap:
    """Every plan of the year in the unit's subtree, and the people posted there without one.

    The caller has checked the viewer (`permissions.can_read_unit_plans`). Five queries.
    """
    day = reference_day(year, today)
    condition = subtree_plans_condition(unit, year)
    skps = list(
        Skp.objects.filter(condition)
        .select_related("employee", "position", "unit", "rater")
        .order_by("unit__path", "position__path", "employee__name", "start_date", "pk")
    )
    _attach_content(skps, condition, behaviours=False)
    agency_name = Agency.objects.filter(pk=unit.agency_id).values_list("name", flat=True).first()
    recap = UnitRecap(unit=unit, year=year, day=day, agency_name=agency_name or "")
    for skp in skps:
        kinds = [rhk.kind for rhk in skp.rhk_list]
        recap.rows.append(
            RecapRow(
                employee=skp.employee,
                position=skp.position,
                unit=skp.unit,
                skp=skp,
                utama=kinds.count(rules.UTAMA),
                tambahan=kinds.count(rules.TAMBAHAN),
                late=is_late(skp, today),
            )
        )
    with_plan = {skp.employee_id for skp in skps}
    assignments = (
        Assignment.objects.filter(
            active_on(day),
            position__agency_id=unit.agency_id,
            position__unit__path__startswith=unit.path,
        )
        .exclude(employee_id__in=Skp.objects.filter(condition).values("employee_id"))
        .select_related("employee", "position__unit")
        .order_by("position__unit__path", "position__path", "employee__name", "pk")
    )
    seen = set(with_plan)
    for assignment in sorted(assignments, key=lambda a: a.kind != AssignmentKind.DEFINITIVE):
        if assignment.employee_id in seen:
            continue
        seen.add(assignment.employee_id)
        recap.rows.append(
            RecapRow(
                employee=assignment.employee,
                position=assignment.position,
                unit=assignment.position.unit,
            )
        )
    recap.rows.sort(
        key=lambda row: (row.unit.path, row.position.path, row.employee.name, row.employee.pk)
    )
    return recap


# --- batch print ------------------------------------------------------------------------------


def set_plan_ids(unit: Unit, year: int) -> list[int]:
    """The plans a batch prints: set, latest version, in the subtree; in unit and post order."""
    return list(
        Skp.objects.filter(subtree_plans_condition(unit, year), status=SkpStatus.SET)
        .order_by("unit__path", "position__path", "employee__name", "pk")
        .values_list("pk", flat=True)
    )


def count_set_plans(unit: Unit, year: int) -> int:
    return Skp.objects.filter(subtree_plans_condition(unit, year), status=SkpStatus.SET).count()


def print_jobs_visible_to(viewer) -> QuerySet[SkpPrintJob]:
    """BKPSDM admins see the agency's batches; a unit admin those of units they administer."""
    if not viewer.is_authenticated:
        return SkpPrintJob.objects.none()
    qs = SkpPrintJob.objects.filter(agency_id=viewer.agency_id)
    if not viewer.is_bkpsdm_admin:
        condition = Q(pk__in=[])
        for path in viewer.admin_unit_paths:
            condition |= Q(unit__path__startswith=path)
        qs = qs.filter(condition)
    return qs.select_related("unit", "created_by")


def get_print_job(viewer, pk: int) -> SkpPrintJob:
    job = print_jobs_visible_to(viewer).filter(pk=pk).first()
    if job is None:
        raise Http404
    return job


def recent_print_jobs(viewer, unit: Unit, limit: int = 10) -> list[SkpPrintJob]:
    return list(print_jobs_visible_to(viewer).filter(unit=unit)[:limit])


# A batch older than this that never finished (a worker that died) no longer blocks a new one.
STALE_AFTER = datetime.timedelta(hours=2)


def active_print_job(unit: Unit, year: int) -> SkpPrintJob | None:
    """A recent batch of the same unit and year still waiting or running, which a second
    request (a double click) joins instead of starting another."""
    return (
        SkpPrintJob.objects.filter(
            unit=unit,
            year=year,
            status__in=[PrintJobStatus.PENDING, PrintJobStatus.RUNNING],
            created_at__gte=timezone.now() - STALE_AFTER,
        )
        .order_by("-pk")
        .first()
    )


def printable_units(viewer) -> QuerySet[Unit]:
    """Units whose plans the viewer may print in a batch: all for BKPSDM, else the subtrees
    the viewer administers."""
    if not viewer.is_authenticated:
        return Unit.objects.none()
    qs = Unit.objects.filter(agency_id=viewer.agency_id, is_active=True)
    if not viewer.is_bkpsdm_admin:
        condition = Q(pk__in=[])
        for path in viewer.admin_unit_paths:
            condition |= Q(path__startswith=path)
        qs = qs.filter(condition)
    return qs.order_by("path")
