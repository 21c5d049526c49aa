"""Reads of the organisation, always scoped to the viewer.

An object outside the viewer's scope is reported as missing (404), never as forbidden.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import covering_q
from kinerja.core.numbers import is_ascii_digits
from kinerja.core.queries import InIds
from kinerja.org import rules
from kinerja.org.models import (
    RATER_KINDS,
    Agency,
    Assignment,
    AssignmentKind,
    Employee,
    Position,
    SupervisionOverride,
    SupervisionRole,
    Unit,
)


def active_on(day: datetime.date, prefix: str = "") -> Q:
    """Assignments (or overrides) running on `day`."""
    return covering_q(day, prefix)


# --- positions held and subordinates -------------------------------------------------------


def positions_held_by(employee_id: int, day: datetime.date) -> list[Position]:
    return list(
        Position.objects.filter(
            Exists(
                Assignment.objects.filter(
                    active_on(day), employee_id=employee_id, position_id=OuterRef("pk")
                )
            )
        )
    )


def _under_paths(paths: tuple[str, ...], field: str) -> Q:
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{field}__startswith": path})
    return condition


def _strictly_under_paths(paths: tuple[str, ...], field: str) -> Q:
    """Below the given tree nodes, not at them: peers in a shared post are not subordinates."""
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{field}__startswith": path}) & ~Q(**{field: path})
    return condition


def has_subordinates(employee_id: int, position_paths: tuple[str, ...], day) -> bool:
    return (
        Assignment.objects.filter(active_on(day))
        .filter(_strictly_under_paths(position_paths, "position__path"))
        .exclude(employee_id=employee_id)
        .exists()
    )


# --- scopes ---------------------------------------------------------------------------------


def units_visible_to(viewer) -> QuerySet[Unit]:
    """The organisation tree is open to every user of the agency."""
    if not viewer.is_authenticated:
        return Unit.objects.none()
    return Unit.objects.filter(agency_id=viewer.agency_id)


def positions_visible_to(viewer) -> QuerySet[Position]:
    if not viewer.is_authenticated:
        return Position.objects.none()
    return Position.objects.filter(agency_id=viewer.agency_id)


def employees_visible_to(viewer, *, day: datetime.date | None = None) -> QuerySet[Employee]:
    """Whole agency for BKPSDM, pimpinan and auditors; else self, subordinates and admin scope."""
    if not viewer.is_authenticated:
        return Employee.objects.none()
    base = Employee.objects.filter(agency_id=viewer.agency_id)
    if viewer.sees_whole_agency:
        return base
    day = day or viewer.today
    # Each part is a set of ids read once (InIds), not a correlated EXISTS: EXISTS ORed
    # together ran per employee of the agency (a paginator's count took over a second at
    # province size).
    condition = Q(pk=viewer.employee_id) if viewer.employee_id else Q(pk__in=[])
    if viewer.employee_id and day == viewer.today:
        # The people above one's own posts, and one's rater and rater's superior where a
        # delegation names somebody else: those Beranda and the profile name.
        condition |= InIds(
            "pk",
            SupervisionOverride.objects.filter(
                active_on(day), employee_id=viewer.employee_id
            ).values("supervisor_id"),
        )
        above = _ancestor_paths(viewer.held_position_paths)
        if above:
            condition |= InIds(
                "pk",
                Assignment.objects.filter(active_on(day), position__path__in=above).values(
                    "employee_id"
                ),
            )
    if viewer.admin_unit_paths:
        condition |= InIds(
            "pk",
            Assignment.objects.filter(active_on(day))
            .filter(_under_paths(viewer.admin_unit_paths, "position__unit__path"))
            .values("employee_id"),
        )
    if viewer.held_position_paths:
        condition |= InIds(
            "pk",
            Assignment.objects.filter(active_on(day))
            .filter(_strictly_under_paths(viewer.held_position_paths, "position__path"))
            .values("employee_id"),
        )
    return base.filter(condition)


def _ancestor_paths(paths) -> list[str]:
    """ "/1/5/9/" -> ["/1/", "/1/5/"]: the posts above each of the given posts."""
    above = set()
    for path in paths:
        parts = path.strip("/").split("/")
        above.update("/" + "/".join(parts[:n]) + "/" for n in range(1, len(parts)))
    return sorted(above)


def delegate_candidates(viewer) -> QuerySet[Employee]:
    """Officials the viewer may give an employee's rating to: the active employees they see.
    The choices of the delegation form and of `services.supervision_override_create`."""
    return employees_visible_to(viewer).filter(is_active=True)


def viewer_agency(viewer) -> Agency:
    """The agency the viewer works for."""
    return Agency.objects.get(pk=viewer.agency_id)


def get_unit(viewer, pk: int) -> Unit:
    unit = units_visible_to(viewer).select_related("parent").filter(pk=pk).first()
    if unit is None:
        raise Http404
    return unit


def get_employee(viewer, pk: int) -> Employee:
    employee = employees_visible_to(viewer).filter(pk=pk).first()
    if employee is None:
        raise Http404
    return employee


# --- lists ----------------------------------------------------------------------------------


_KIND_RANK = Case(
    When(kind=AssignmentKind.DEFINITIVE, then=Value(0)),
    When(kind=AssignmentKind.PLT, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def current_assignments_prefetch(day: datetime.date, to_attr: str = "current_assignments"):
    return Prefetch(
        "assignments",
        queryset=Assignment.objects.filter(active_on(day))
        .select_related("position__unit")
        .annotate(kind_rank=_KIND_RANK)
        .order_by("kind_rank", "start_date"),
        to_attr=to_attr,
    )


# The leading NIP digits a masked NIP still shows (the birth year).
NIP_DIGITS_SHOWN_WHEN_MASKED = rules.mask_nip("0" * 18).index("*")


def employee_list(
    viewer,
    *,
    search: str = "",
    unit: Unit | None = None,
    status: str = "",
    day: datetime.date | None = None,
) -> QuerySet[Employee]:
    """Employees in scope with today's posts and a `personal_data_visible` flag per row.

    A NIP prefix longer than what the mask shows matches only employees whose full NIP the
    viewer may see: otherwise repeated prefix searches would reveal the hidden digits.
    """
    day = day or viewer.today
    search = search.strip()
    from kinerja.org.personal_data import visible_expression

    qs = employees_visible_to(viewer, day=day).annotate(
        personal_data_visible=visible_expression(viewer)
    )
    if search:
        if is_ascii_digits(search):
            qs = qs.filter(nip__startswith=search)
            if len(search) > NIP_DIGITS_SHOWN_WHEN_MASKED:
                qs = qs.filter(personal_data_visible=True)
        else:
            qs = qs.filter(name__icontains=search)
    if unit is not None:
        qs = qs.filter(
            Exists(
                Assignment.objects.filter(
                    active_on(day),
                    employee_id=OuterRef("pk"),
                    position__unit__path__startswith=unit.path,
                )
            )
        )
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("name", "nip").prefetch_related(current_assignments_prefetch(day))


def unit_tree(viewer) -> list[Unit]:
    """All units in tree order, each with its number of people today (one query)."""
    day = viewer.today
    return list(
        units_visible_to(viewer)
        .annotate(
            headcount=Count(
                "positions__assignments",
                filter=active_on(day, "positions__assignments__")
                & Q(positions__assignments__kind=AssignmentKind.DEFINITIVE),
                distinct=True,
            )
        )
        .order_by("path")
    )


def unit_children(viewer, unit: Unit | None) -> QuerySet[Unit]:
    """Direct sub-units: organisational units first, then service units, each by name."""
    qs = units_visible_to(viewer).filter(parent=unit)
    return qs.annotate(child_count=Count("children", distinct=True)).order_by(
        "is_service_unit", "name"
    )


def unit_positions(viewer, unit: Unit, *, day=None) -> list[Position]:
    """The unit's own positions, each with its current holders visible to the viewer."""
    day = day or viewer.today
    visible = employees_visible_to(viewer, day=day).values("pk")
    return list(
        positions_visible_to(viewer)
        .filter(unit=unit)
        .select_related("parent")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.filter(active_on(day), employee_id__in=visible)
                .select_related("employee")
                .order_by("kind", "employee__name"),
                to_attr="current_holders",
            )
        )
        .order_by("path")
    )


def assignment_history(employee: Employee) -> list[Assignment]:
    return list(
        employee.assignments.select_related("position__unit", "position__parent").order_by(
            "-start_date", "-id"
        )
    )


# --- supervision chain ----------------------------------------------------------------------


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
        .filter(Q(position_id__in=ancestors) | Q(employee_id__in=holder_ids))
        .select_related("employee__agency", "position")
    )
    delegations = list(
        SupervisionOverride.objects.filter(active_on(day))
        .filter(
            Q(
                employee=employee,
                role__in=(SupervisionRole.RATER, SupervisionRole.RATER_SUPERIOR),
            )
            | Q(employee_id__in=holder_ids, role=SupervisionRole.RATER)
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


def unit_ancestors(viewer, unit: Unit) -> list[Unit]:
    ids = unit.ancestor_ids
    by_id = {u.pk: u for u in units_visible_to(viewer).filter(pk__in=ids)}
    return [by_id[i] for i in ids if i in by_id]


def unit_headcount(viewer, unit: Unit) -> int:
    """People in the unit and all its sub-units today (definitive posts)."""
    return (
        Assignment.objects.filter(
            active_on(viewer.today),
            kind=AssignmentKind.DEFINITIVE,
            position__agency_id=viewer.agency_id,
            position__unit__path__startswith=unit.path,
        )
        .values("employee_id")
        .distinct()
        .count()
    )


def direct_subordinates(viewer, employee: Employee) -> list[Assignment]:
    """People in posts directly under the posts `employee` holds today, as far as visible."""
    day = viewer.today
    if not viewer.is_authenticated:
        return []
    if employee.pk == viewer.employee_id:
        held = viewer.held_positions  # read once per request
        # The people in posts under the viewer's own posts today are in the viewer's scope
        # (employees_visible_to) exactly when they are of the viewer's agency: no scope query.
        visible = Q(employee__agency_id=viewer.agency_id)
    else:
        held = positions_held_by(employee.pk, day)
        visible = Q(employee_id__in=employees_visible_to(viewer, day=day).values("pk"))
    if not held:
        return []
    return list(
        Assignment.objects.filter(active_on(day), visible, position__parent__in=held)
        .exclude(employee=employee)
        .select_related("employee", "position__unit")
        .order_by("position__path", "employee__name")
    )


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
