"""Reads of the organisation, always scoped to the viewer.

An object outside the viewer's scope is reported as missing (404), never as forbidden.
"""

from __future__ import annotations

import datetime

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

from kinerja.core.models import covering_q
from kinerja.core.numbers import is_ascii_digits
from kinerja.core.queries import InIds, Prepared, StrictlyUnderPath
from kinerja.org import rules
from kinerja.org.models import (
    Agency,
    Assignment,
    AssignmentKind,
    Employee,
    Position,
    SupervisionOverride,
    Unit,
)


def active_on(day: datetime.date, prefix: str = "") -> Q:
    """Assignments (or overrides) running on `day`."""
    return covering_q(day, prefix)


# --- positions held and subordinates -------------------------------------------------------


def positions_held_query(employee_id: int, day: datetime.date):
    """The queryset of `positions_held_by` (prepared below)."""
    below = (
        Assignment.objects.filter(active_on(day))
        .filter(StrictlyUnderPath(OuterRef("path"), "position__path"))
        .exclude(employee_id=employee_id)
    )
    return (
        Position.objects.filter(
            Exists(
                Assignment.objects.filter(
                    active_on(day), employee_id=employee_id, position_id=OuterRef("pk")
                )
            )
        )
        .select_related("unit")
        .annotate(leads_someone=Exists(below))
    )


# Every signed-in page asks it (the viewer's roles): compiled once, not on every request.
_held = Prepared(positions_held_query, employee_id=int, day=datetime.date)


def positions_held_by(employee_id: int, day: datetime.date) -> list[Position]:
    """The posts the employee holds on `day`, each with its unit and `leads_someone`: whether
    someone else holds a post below it that day (`has_subordinates` for that post), read in the
    same query."""
    return _held(employee_id=employee_id, day=day)


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
