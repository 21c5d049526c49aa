"""Reads of the matriks peran hasil (format A.1.5) and of the RHK templates per position.

The matrix of a leader has the indicators (IKI) of the leader's SKP of the year across the top,
grouped by RHK, and the people who take roles down the left:

- one-level alignment: the leader's direct subordinates;
- two-level alignment: the team leaders of the leader's work teams, plus the direct
  subordinates in no team; each team leader then has a matrix of their own whose rows are
  their team members (PermenPANRB 6/2022, Lampiran p.46-49).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.org.models import Assignment, AssignmentKind, Employee, Position
from kinerja.org.permissions import can_manage_unit
from kinerja.org.selectors import active_on, positions_held_by
from kinerja.skp import permissions
from kinerja.skp.models import (
    MatrixCell,
    MatrixLevels,
    PlanExemption,
    ResultMatrix,
    Rhk,
    RhkIndicator,
    RhkTemplate,
    Skp,
    SkpStatus,
    WorkTeam,
)
from kinerja.skp.selectors.exemptions import exemptions_on

_KIND_ORDER = {AssignmentKind.DEFINITIVE: 0, AssignmentKind.PLT: 1, AssignmentKind.PLH: 2}


def matrix_day(year: int, today: datetime.date) -> datetime.date:
    """The day whose posts make up the matrix: today in the current year, else its planning day
    (the same day skp_create would start a plan on)."""
    if today.year == year:
        return today
    return datetime.date(year, 1, 1) if today.year > year else datetime.date(year, 1, 2)


# --- permissions --------------------------------------------------------------------------------


def can_edit_matrix(viewer, leader: Employee) -> bool:
    """The leader writes their own matrix; BKPSDM may do it for them."""
    if viewer.agency_id != leader.agency_id:
        return False
    return viewer.employee_id == leader.pk or viewer.is_bkpsdm_admin


def can_view_matrix(viewer, leader: Employee) -> bool:
    if viewer.agency_id != leader.agency_id:
        return False
    return viewer.employee_id == leader.pk or viewer.sees_whole_agency


def can_manage_templates(viewer, position: Position) -> bool:
    """Admins of the position's unit (or an ancestor unit) and BKPSDM."""
    return can_manage_unit(viewer, position.unit)


# --- plans ----------------------------------------------------------------------------------------


def current_plans(employee_ids, year: int, *, lock: bool = False) -> dict[int, Skp]:
    """The plan of each employee for the year: the latest version of the newest open series."""
    ids = list(employee_ids)
    if not ids:
        return {}
    qs = (
        Skp.objects.filter(employee_id__in=ids, year=year, is_latest=True)
        .exclude(status=SkpStatus.CLOSED)
        .order_by("employee_id", "-start_date", "-pk")
    )
    if lock:
        qs = qs.select_for_update()
    plans: dict[int, Skp] = {}
    for plan in qs:
        plans.setdefault(plan.employee_id, plan)
    return plans


def revise_url(skp_pk: int) -> str:
    """The page where a set plan gets a new version (owned by the plan pages)."""
    try:
        return reverse("skp:revise", args=[skp_pk])
    except NoReverseMatch:
        return f"/skp/{skp_pk}/revisi/"


def plan_url(skp_pk: int) -> str:
    try:
        return reverse("skp:detail", args=[skp_pk])
    except NoReverseMatch:
        return f"/skp/{skp_pk}/"


def exemptions_by_employee(employee_ids, day) -> dict[int, PlanExemption]:
    """The exemption from planning running on the day for each of the employees (one query);
    employees who must plan are absent."""
    ids = list(employee_ids)
    if not ids:
        return {}
    found: dict[int, PlanExemption] = {}
    rows = exemptions_on(day).filter(employee_id__in=ids).order_by("employee_id", "-start_date")
    for exemption in rows:
        found.setdefault(exemption.employee_id, exemption)
    return found


# --- columns --------------------------------------------------------------------------------------


@dataclass
class RhkGroup:
    """An RHK of the leader and its indicators, the columns of the matrix. Its short names
    ("RHK 2", "IKI 2.1") head the columns; the full texts are on hover and in the key."""

    rhk: Rhk
    indicators: list[RhkIndicator]
    number: int = 0

    @property
    def short_name(self) -> str:
        return f"RHK {self.number}"

    @property
    def named_indicators(self) -> list[tuple[str, RhkIndicator]]:
        return [(f"IKI {self.number}.{n}", i) for n, i in enumerate(self.indicators, start=1)]


def leader_columns(leader_skp: Skp | None) -> list[RhkGroup]:
    """The RHK of the leader's plan that have indicators, each with its indicators in order."""
    if leader_skp is None:
        return []
    rhks = (
        Rhk.objects.filter(skp=leader_skp)
        .prefetch_related(
            Prefetch("indicators", queryset=RhkIndicator.objects.order_by("order", "pk"))
        )
        .order_by("kind", "order", "pk")
    )
    groups = [RhkGroup(rhk, list(rhk.indicators.all())) for rhk in rhks if rhk.indicators.all()]
    for number, group in enumerate(groups, start=1):
        group.number = number
    return groups


def column_names(groups: list[RhkGroup]) -> dict:
    """The short name of each column ("IKI 2.1"), by the key of its indicator."""
    return {i.key: name for group in groups for name, i in group.named_indicators}


# --- rows -----------------------------------------------------------------------------------------


def _primary_assignments(employee_ids, day) -> dict[int, Assignment]:
    rows = Assignment.objects.filter(active_on(day), employee_id__in=list(employee_ids))
    chosen: dict[int, Assignment] = {}
    for row in sorted(
        rows.select_related("employee", "position__unit"),
        key=lambda a: (_KIND_ORDER.get(a.kind, 9), a.start_date, a.pk),
    ):
        chosen.setdefault(row.employee_id, row)
    return chosen


def subtree_assignments(leader_id: int, day) -> tuple[list[Position], list[Assignment]]:
    """The posts the leader holds and everyone in posts below them on the day."""
    held = positions_held_by(leader_id, day)
    if not held:
        return [], []
    below = Q(pk__in=[])
    for position in held:
        below |= Q(position__path__startswith=position.path) & ~Q(position__path=position.path)
    rows = list(
        Assignment.objects.filter(active_on(day))
        .filter(below)
        .exclude(employee_id=leader_id)
        .select_related("employee", "position__unit")
        .order_by("position__path", "employee__name", "pk")
    )
    return held, rows


def direct_subordinates(leader_id: int, day) -> list[Assignment]:
    """People whose nearest occupied post above is one the leader holds.

    Like `org.selectors.direct_subordinates`, but a vacant post in between is skipped upwards,
    as the supervision chain does, so that the staff of a vacant section still appear.
    """
    held, rows = subtree_assignments(leader_id, day)
    held_ids = {p.pk for p in held}
    occupied = held_ids | {a.position_id for a in rows}
    result, seen = [], set()
    for assignment in rows:
        if assignment.employee_id in seen:
            continue
        nearest = next((pid for pid in assignment.position.ancestor_ids if pid in occupied), None)
        if nearest in held_ids:
            seen.add(assignment.employee_id)
            result.append(assignment)
    return result


def subtree_employee_ids(leader_id: int, day) -> set[int]:
    return {a.employee_id for a in subtree_assignments(leader_id, day)[1]}


@dataclass
class MatrixRow:
    employee: Employee
    position: Position | None
    team: WorkTeam | None = None  # the team this person leads (two levels)
    plan: Skp | None = None
    cells: list = field(default_factory=list)
    exemption: PlanExemption | None = None  # not subject to planning on the matrix day
    exemption_reason: str = ""  # its reason, only for viewers who may see it (personal data)

    @property
    def is_exempt(self) -> bool:
        return self.exemption is not None


def find_matrix(leader: Employee, year: int, position: Position | None) -> ResultMatrix | None:
    qs = ResultMatrix.objects.filter(leader=leader, year=year)
    if position is not None:
        qs = qs.filter(leader_position=position)
    return qs.order_by("-updated_at", "-pk").first()


def _teams(matrix: ResultMatrix | None) -> list[WorkTeam]:
    if matrix is None or matrix.pk is None:
        return []
    return list(
        WorkTeam.objects.filter(matrix=matrix)
        .select_related("team_leader")
        .prefetch_related(Prefetch("members", queryset=Employee.objects.order_by("name")))
        .order_by("name", "pk")
    )


def teams_led_by(leader_id: int, year: int) -> list[WorkTeam]:
    """Work teams of other leaders' two-level matrices that this employee leads."""
    return list(
        WorkTeam.objects.filter(
            team_leader_id=leader_id, matrix__year=year, matrix__levels=MatrixLevels.TWO
        )
        .exclude(matrix__leader_id=leader_id)
        .select_related("matrix__leader")
        .prefetch_related(Prefetch("members", queryset=Employee.objects.order_by("name")))
        .order_by("name", "pk")
    )


def matrix_people(leader: Employee, levels: int, teams, led_teams, day) -> list[MatrixRow]:
    """The rows of a leader's matrix, without plans or cells."""
    rows: dict[int, MatrixRow] = {}
    subordinates = direct_subordinates(leader.pk, day)
    if levels == MatrixLevels.TWO:
        in_team = {m.pk for team in teams for m in team.members.all()}
        leaders = {team.team_leader_id: team for team in teams}
        wanted = [a for a in subordinates if a.employee_id not in in_team - set(leaders)]
        for assignment in wanted:
            rows[assignment.employee_id] = MatrixRow(
                assignment.employee, assignment.position, leaders.get(assignment.employee_id)
            )
        missing = [pk for pk in leaders if pk not in rows and pk != leader.pk]
        extra_ids = missing
    else:
        for assignment in subordinates:
            rows[assignment.employee_id] = MatrixRow(assignment.employee, assignment.position)
        extra_ids = []
    members = [m for team in led_teams for m in team.members.all()]
    extra_ids += [m.pk for m in members if m.pk not in rows and m.pk != leader.pk]
    if extra_ids:
        found = _primary_assignments(set(extra_ids), day)
        by_id = {m.pk: m for m in members}
        for team in teams:
            by_id.setdefault(team.team_leader_id, team.team_leader)
        for pk in dict.fromkeys(extra_ids):
            assignment = found.get(pk)
            employee = assignment.employee if assignment else by_id[pk]
            team = next((t for t in teams if t.team_leader_id == pk), None)
            rows[pk] = MatrixRow(employee, assignment.position if assignment else None, team)
    return sorted(
        rows.values(),
        key=lambda r: (r.position.path if r.position else "~", r.employee.name, r.employee.pk),
    )


# --- the matrix -----------------------------------------------------------------------------------


@dataclass
class PendingCell:
    cell: MatrixCell
    employee: Employee
    plan: Skp | None
    column_label: str

    @property
    def revise_url(self) -> str:
        return revise_url(self.plan.pk) if self.plan else ""


@dataclass
class LeaderMatrix:
    leader: Employee
    year: int
    day: datetime.date
    leader_plan: Skp | None
    matrix: ResultMatrix | None
    levels: int
    groups: list[RhkGroup]
    rows: list[MatrixRow]
    teams: list[WorkTeam]
    led_teams: list[WorkTeam]
    pending: list[PendingCell]
    can_edit: bool = False

    @property
    def columns(self) -> list[tuple[Rhk, RhkIndicator]]:
        return [(group.rhk, indicator) for group in self.groups for indicator in group.indicators]

    @property
    def column_names(self) -> dict:
        return column_names(self.groups)

    @property
    def row_ids(self) -> set[int]:
        return {row.employee.pk for row in self.rows}


def matrix_for(viewer, leader: Employee, year: int, *, levels: int | None = None) -> LeaderMatrix:
    """The leader's matrix with its existing cells; `viewer=None` reads as the system.

    `levels` previews the other alignment without saving it.
    """
    from kinerja.core.errors import PermissionDeniedError

    if viewer is not None and not can_view_matrix(viewer, leader):
        raise PermissionDeniedError
    today = viewer.today if viewer is not None else timezone.localdate()
    day = matrix_day(year, today)
    leader_plan = current_plans([leader.pk], year).get(leader.pk)
    position = leader_plan.position if leader_plan else None
    matrix = find_matrix(leader, year, position)
    levels = int(levels or (matrix.levels if matrix else MatrixLevels.ONE))
    groups = leader_columns(leader_plan)
    teams = _teams(matrix)
    led_teams = teams_led_by(leader.pk, year)
    rows = matrix_people(leader, levels, teams, led_teams, day)
    plans = current_plans([row.employee.pk for row in rows], year)
    exemptions = exemptions_by_employee([row.employee.pk for row in rows], day)
    cells = {}
    if matrix is not None:
        cells = {(c.leader_indicator_key, c.employee_id): c for c in matrix.cells.all()}
    columns = [(group.rhk, indicator) for group in groups for indicator in group.indicators]
    labels = {indicator.key: indicator.text for _rhk, indicator in columns}
    for row in rows:
        row.plan = plans.get(row.employee.pk)
        row.exemption = exemptions.get(row.employee.pk)
        if row.exemption is not None and (
            viewer is None or permissions.can_see_exemption_reason(viewer, row.employee.pk)
        ):
            row.exemption_reason = row.exemption.get_reason_display()
        row.cells = [cells.get((indicator.key, row.employee.pk)) for _rhk, indicator in columns]
    by_employee = {row.employee.pk: row for row in rows}
    pending = [
        PendingCell(
            cell,
            by_employee[cell.employee_id].employee,
            by_employee[cell.employee_id].plan,
            labels.get(cell.leader_indicator_key, ""),
        )
        for cell in cells.values()
        if cell.pending_revision and cell.employee_id in by_employee
    ]
    return LeaderMatrix(
        leader=leader,
        year=year,
        day=day,
        leader_plan=leader_plan,
        matrix=matrix,
        levels=levels,
        groups=groups,
        rows=rows,
        teams=teams,
        led_teams=led_teams,
        pending=pending,
        can_edit=viewer is None or can_edit_matrix(viewer, leader),
    )


def get_leader(viewer, pk: int | None) -> Employee:
    """The leader whose matrix the viewer opens: themself by default, else an employee in the
    viewer's scope (404 outside it)."""
    from django.core.exceptions import PermissionDenied

    from kinerja.org.selectors import employees_visible_to

    if pk is None:
        if viewer.employee_id is None:
            raise PermissionDenied
        pk = viewer.employee_id
    leader = employees_visible_to(viewer).filter(pk=pk).first()
    if leader is None:
        raise Http404
    return leader


def team_candidates(leader: Employee, day) -> list[Assignment]:
    """Everyone below the leader's posts, who may lead or join a work team."""
    rows, seen = [], set()
    for assignment in subtree_assignments(leader.pk, day)[1]:
        if assignment.employee_id not in seen:
            seen.add(assignment.employee_id)
            rows.append(assignment)
    return rows


def get_team(viewer, pk: int) -> WorkTeam:
    team = (
        WorkTeam.objects.filter(pk=pk, matrix__agency_id=viewer.agency_id)
        .select_related("matrix__leader", "team_leader")
        .first()
    )
    if team is None:
        raise Http404
    get_leader(viewer, team.matrix.leader_id)
    return team


# --- templates ------------------------------------------------------------------------------------


def get_position(viewer, pk) -> Position:
    position = (
        Position.objects.filter(pk=pk, agency_id=viewer.agency_id)
        .select_related("unit", "parent")
        .first()
        if viewer.is_authenticated
        else None
    )
    if position is None:
        raise Http404
    return position


def positions_for_templates(viewer, search: str = "", limit: int = 50) -> list[Position]:
    """Positions whose templates the viewer manages, filtered by name or code."""
    qs = Position.objects.filter(agency_id=viewer.agency_id, is_active=True)
    if not viewer.is_bkpsdm_admin:
        scope = Q(pk__in=[])
        for path in viewer.admin_unit_paths:
            scope |= Q(unit__path__startswith=path)
        qs = qs.filter(scope)
    search = search.strip()
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(code__icontains=search))
    return list(qs.select_related("unit").order_by("unit__path", "path")[:limit])


def position_templates(position: Position, year: int) -> list[RhkTemplate]:
    return list(
        RhkTemplate.objects.filter(position=position, year=year)
        .select_related("iku_indicator")
        .order_by("kind", "pk")
    )


def get_template(viewer, pk: int) -> RhkTemplate:
    template = (
        RhkTemplate.objects.filter(pk=pk, agency_id=viewer.agency_id)
        .select_related("position__unit")
        .first()
        if viewer.is_authenticated
        else None
    )
    if template is None:
        raise Http404
    return template


def position_holders(position: Position, day) -> list[Assignment]:
    """Definitive holders of the position on the day."""
    return list(
        Assignment.objects.filter(active_on(day), position=position, kind=AssignmentKind.DEFINITIVE)
        .select_related("employee")
        .order_by("employee__name", "pk")
    )


def template_leader_rhks(position: Position, year: int) -> QuerySet[Rhk]:
    """RHK of the current plans of the holders of the post above, that a template of the post
    may intervene in (by key): the choices of the page and of `rhk_template_save` alike."""
    if position.parent_id is None:
        return Rhk.objects.none()
    holders = Assignment.objects.filter(position_id=position.parent_id).values("employee_id")
    return Rhk.objects.filter(
        skp__employee_id__in=holders,
        skp__year=year,
        skp__is_latest=True,
        skp__agency_id=position.agency_id,
    ).exclude(skp__status=SkpStatus.CLOSED)


def leader_rhk_choices(position: Position, year: int) -> list[Rhk]:
    """`template_leader_rhks` in the order the page offers them, with their owners."""
    return list(
        template_leader_rhks(position, year)
        .select_related("skp__employee")
        .order_by("skp__employee__name", "kind", "order", "pk")
    )


def template_iku_indicators(position: Position, year: int, keep_ids=()) -> QuerySet:
    """Organisation indicators a template of the post may intervene in: active indicators of
    the agency's active goals of the year owned by the post's unit, a unit below it or a unit
    above it; `keep_ids` keeps a stored choice of the agency that no longer qualifies. The
    choices of the page and of `rhk_template_save` alike."""
    from kinerja.iku.models import Indicator

    keep = [pk for pk in keep_ids if pk]
    condition = _template_iku_scope(position, year) | Q(pk__in=keep, agency_id=position.agency_id)
    return Indicator.objects.filter(condition)


def template_iku_indicator_choices(position: Position, year: int, keep_ids=()) -> list:
    """`template_iku_indicators` in the order the page offers them."""
    return list(
        template_iku_indicators(position, year, keep_ids)
        .select_related("goal__owner_unit")
        .order_by("goal__owner_unit__path", "goal__order", "order", "pk")
    )


def _template_iku_scope(position: Position, year: int) -> Q:
    unit = position.unit
    owned = Q(goal__owner_unit__path__startswith=unit.path) | Q(
        goal__owner_unit_id__in=unit.ancestor_ids
    )
    return owned & Q(
        agency_id=position.agency_id,
        is_active=True,
        goal__agency_id=position.agency_id,
        goal__is_active=True,
        goal__plan_start_year__lte=year,
        goal__plan_end_year__gte=year,
    )


def shown_reason(viewer, change) -> str:
    """Why a person of a matrix save was left out (not subject to planning), for viewers who
    may see it (personal data); else empty. The page's summary and the API answer alike."""
    if change.reason and permissions.can_see_exemption_reason(viewer, change.employee_id):
        return change.reason
    return ""


def team_people(leader: Employee, team_leader_id: int, member_ids) -> tuple[Employee, list]:
    """The team leader and members a work team names by id, among the employees of the
    leader's agency (one query); `work_team_create` and `work_team_update` check that they are
    the leader's subordinates. An id naming nobody is refused on its field."""
    wanted = {team_leader_id, *member_ids}
    found = Employee.objects.filter(pk__in=wanted, agency_id=leader.agency_id).in_bulk()
    errors = {}
    if team_leader_id not in found:
        errors["team_leader"] = _("Choose the team leader among your subordinates.")
    if any(pk not in found for pk in member_ids):
        errors["members"] = _("Choose the members among your subordinates.")
    if errors:
        raise ValidationError(errors, code="invalid_team")
    return found[team_leader_id], [found[pk] for pk in dict.fromkeys(member_ids)]
