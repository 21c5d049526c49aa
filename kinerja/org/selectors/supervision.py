"""The supervision chain: who is an employee's atasan, pejabat penilai and the rater's superior
on a day, from the position tree, acting posts (Plt./Plh.) and delegations."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.queries import InIds
from kinerja.org.models import (
    RATER_KINDS,
    Assignment,
    AssignmentKind,
    Employee,
    Position,
    SupervisionOverride,
    SupervisionRole,
)
from kinerja.org.selectors.core import active_on


@dataclass(frozen=True)
class Supervisor:
    """One link of the chain: an employee, or the regional head who is not an employee."""

    employee: Employee | None
    position: Position | None
    source: str  # "position", "acting", "override", "regional_head"
    label: str

    @property
    def is_regional_head(self) -> bool:
        return self.source == "regional_head"


@dataclass(frozen=True)
class SupervisionChain:
    atasan: Supervisor | None
    rater: Supervisor | None
    rater_superior: Supervisor | None

    def as_rows(self) -> list[tuple[str, Supervisor | None]]:
        return [
            (_("Direct superior (atasan)"), self.atasan),
            (_("Rater (pejabat penilai)"), self.rater),
            (_("Rater's superior"), self.rater_superior),
        ]


_KIND_ORDER = {AssignmentKind.DEFINITIVE: 0, AssignmentKind.PLT: 1, AssignmentKind.PLH: 2}


def primary_assignment(
    employee: Employee, day: datetime.date, *, running: list[Assignment] | None = None
) -> Assignment | None:
    """The definitive post on `day`, or failing that an acting one. `running`: the employee's
    assignments on `day` when the caller has read them already (with their posts)."""
    if running is None:
        running = list(
            Assignment.objects.filter(active_on(day), employee=employee).select_related(
                "position__unit", "employee__agency"
            )
        )
    if not running:
        return None
    return min(running, key=lambda a: (_KIND_ORDER[a.kind], a.start_date, a.pk))


def _holders_by_position(
    position_ids: list[int], day, exclude_employee_id
) -> dict[int, Assignment]:
    holders: dict[int, Assignment] = {}
    rows = (
        Assignment.objects.filter(active_on(day), position_id__in=position_ids)
        .exclude(employee_id=exclude_employee_id)
        .select_related("employee__agency", "position")
    )
    for row in sorted(rows, key=lambda a: (_KIND_ORDER[a.kind], a.start_date, a.pk)):
        holders.setdefault(row.position_id, row)
    return holders


def _overrides(employee: Employee, roles: tuple[str, ...], day) -> dict[str, Supervisor]:
    """The delegation in force for each of `roles` (the latest to start), in one query."""
    found: dict[str, Supervisor] = {}
    rows = (
        SupervisionOverride.objects.filter(active_on(day), employee=employee, role__in=roles)
        .select_related("supervisor")
        .order_by("-start_date", "-pk")
    )
    for row in rows:
        if row.role not in found:
            found[row.role] = Supervisor(row.supervisor, None, "override", row.supervisor.full_name)
    return found


def _regional_head(employee: Employee) -> Supervisor:
    agency = employee.agency
    label = agency.head_title + (f" ({agency.head_name})" if agency.head_name else "")
    return Supervisor(None, None, "regional_head", label)


def _as_supervisor(assignment: Assignment) -> Supervisor:
    source = "position" if assignment.kind == AssignmentKind.DEFINITIVE else "acting"
    return Supervisor(
        assignment.employee, assignment.position, source, assignment.employee.full_name
    )


def _chain_links(
    employee: Employee,
    day,
    *,
    roles: tuple[str, ...] = (SupervisionRole.RATER,),
    running: list[Assignment] | None = None,
) -> tuple[Supervisor | None, Supervisor | None, dict[str, Supervisor]]:
    """(atasan, rater) from the position tree and overrides, and the employee's delegations
    in force for `roles` (read with the rater's, in the same query)."""
    own = primary_assignment(employee, day, running=running)
    if own is None:
        return None, None, {}
    ancestors = own.position.ancestor_ids
    holders = _holders_by_position(ancestors, day, exclude_employee_id=employee.pk)
    atasan = rater = None
    for position_id in ancestors:
        holder = holders.get(position_id)
        if holder is None:
            continue
        if atasan is None:
            atasan = _as_supervisor(holder)
        if holder.position.kind in RATER_KINDS:
            rater = _as_supervisor(holder)
            break
    overrides = _overrides(employee, roles, day)
    override = overrides.get(SupervisionRole.RATER)
    if override is not None:
        rater = override
    if atasan is None:
        atasan = rater or _regional_head(employee)
    if rater is None:
        rater = _regional_head(employee)
    return atasan, rater, overrides


def supervision_chain(
    employee: Employee, day: datetime.date, *, running: list[Assignment] | None = None
) -> SupervisionChain:
    """Atasan, pejabat penilai and atasan pejabat penilai of `employee` on `day`.

    The rater is the nearest holder above who is at least pengawas (PermenPANRB 6/2022
    Ps 1(9)); vacant posts are skipped upwards; Plt./Plh. holders count as holders; a
    delegation override wins over the tree. Above the top of the tree stands the regional head.

    Two queries in the usual case: the running assignments of the posts above together with
    every post their holders hold (which gives the rater's own chain, since a rater's post lies
    on the same branch), and the delegations of the employee and of those holders.
    """
    own = primary_assignment(employee, day, running=running)
    if own is None:
        return SupervisionChain(None, None, None)
    ancestors = own.position.ancestor_ids
    holder_ids = Assignment.objects.filter(active_on(day), position_id__in=ancestors).values(
        "employee_id"
    )
    nearby = list(
        Assignment.objects.filter(active_on(day))
        .filter(Q(position_id__in=ancestors) | InIds("employee_id", holder_ids))
        .select_related("employee__agency", "position")
    )
    delegations = list(
        SupervisionOverride.objects.filter(active_on(day))
        .filter(
            Q(
                employee=employee,
                role__in=(SupervisionRole.RATER, SupervisionRole.RATER_SUPERIOR),
            )
            | (InIds("employee_id", holder_ids) & Q(role=SupervisionRole.RATER))
        )
        .select_related("supervisor")
        .order_by("-start_date", "-pk")
    )
    atasan, rater, overrides = _links_among(employee, own, nearby, delegations)
    superior = overrides.get(SupervisionRole.RATER_SUPERIOR)
    if superior is None and not rater.is_regional_head and rater.employee is not None:
        superior = _rater_of_nearby(rater.employee, day, nearby, delegations, set(ancestors))
    return SupervisionChain(atasan=atasan, rater=rater, rater_superior=superior)


def _links_among(
    employee: Employee,
    own: Assignment,
    nearby: list[Assignment],
    delegations: list[SupervisionOverride],
) -> tuple[Supervisor, Supervisor, dict[str, Supervisor]]:
    """`_chain_links` on rows read already: the assignments of the posts above `own` and the
    delegations, both including the employee's."""
    ancestors = own.position.ancestor_ids
    holders: dict[int, Assignment] = {}
    for row in sorted(nearby, key=lambda a: (_KIND_ORDER[a.kind], a.start_date, a.pk)):
        if row.position_id in ancestors and row.employee_id != employee.pk:
            holders.setdefault(row.position_id, row)
    atasan = rater = None
    for position_id in ancestors:
        holder = holders.get(position_id)
        if holder is None:
            continue
        if atasan is None:
            atasan = _as_supervisor(holder)
        if holder.position.kind in RATER_KINDS:
            rater = _as_supervisor(holder)
            break
    overrides: dict[str, Supervisor] = {}
    for row in delegations:  # latest first
        if row.employee_id == employee.pk and row.role not in overrides:
            overrides[row.role] = Supervisor(
                row.supervisor, None, "override", row.supervisor.full_name
            )
    if SupervisionRole.RATER in overrides:
        rater = overrides[SupervisionRole.RATER]
    if atasan is None:
        atasan = rater or _regional_head(employee)
    if rater is None:
        rater = _regional_head(employee)
    return atasan, rater, overrides


def _rater_of_nearby(
    person: Employee,
    day: datetime.date,
    nearby: list[Assignment],
    delegations: list[SupervisionOverride],
    branch: set[int],
) -> Supervisor | None:
    """The rater of `person`, a holder of a post above the employee, from the rows read for
    the employee's chain; read afresh when `person` came by delegation or holds their main
    post on another branch of the tree."""
    running = [row for row in nearby if row.employee_id == person.pk]
    own = primary_assignment(person, day, running=running) if running else None
    if own is None or own.position_id not in branch:
        _ignored, rater, _overrides_of_rater = _chain_links(person, day)
        return rater
    _atasan, rater, _overrides = _links_among(person, own, nearby, delegations)
    return rater


# --- unit and employee pages -----------------------------------------------------------------


def supervision_overrides_of(employee: Employee) -> list[SupervisionOverride]:
    return list(employee.supervision_overrides.select_related("supervisor").order_by("-start_date"))


# --- who rates an employee on a day -----------------------------------------------------------


@dataclass(frozen=True)
class RatersOnDay:
    """The employee's own post on a day and who rates them then: what an SKP records."""

    position: Position | None
    rater: Supervisor | None
    rater_superior: Supervisor | None

    @property
    def rater_employee_id(self) -> int | None:
        return self.rater.employee.pk if self.rater and self.rater.employee else None

    @property
    def rater_position_id(self) -> int | None:
        return self.rater.position.pk if self.rater and self.rater.position else None


def raters_on(employee: Employee, day: datetime.date) -> RatersOnDay:
    """The post `employee` holds on `day` (definitive, else acting) and their rater and the
    rater's superior then, after every assignment, Plt./Plh., vacancy and delegation recorded
    in the organisation data (see `supervision_chain`)."""
    running = list(
        Assignment.objects.filter(active_on(day), employee=employee).select_related(
            "position__unit", "employee__agency"
        )
    )
    own = primary_assignment(employee, day, running=running)
    chain = supervision_chain(employee, day, running=running)
    return RatersOnDay(
        position=own.position if own else None,
        rater=chain.rater,
        rater_superior=chain.rater_superior,
    )
