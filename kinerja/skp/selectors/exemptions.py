"""Reads of the exemptions from SKP planning (see models_exemptions)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Exists, Max, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from kinerja.core.queries import Prepared
from kinerja.org.models import Assignment, AssignmentKind, Employee, Unit
from kinerja.org.selectors import active_on, current_assignments_prefetch
from kinerja.skp import permissions
from kinerja.skp.models import PlanExemption

NIP_LENGTH = 18
CANDIDATES_SHOWN = 20


def exemptions_on(day: datetime.date) -> QuerySet[PlanExemption]:
    """Exemptions running on `day`."""
    return PlanExemption.objects.filter(active_on(day))


def exempt_on(day: datetime.date, employee_field: str = "employee_id") -> Q:
    """A filter for rows whose employee (`employee_field`, an OuterRef path) is exempt on `day`:
    use it negated (`~exempt_on(day)`) to keep the employees who must plan."""
    return Q(Exists(exemptions_on(day).filter(employee_id=OuterRef(employee_field))))


def exempt_employee_ids(employee_ids: Iterable[int], day: datetime.date) -> set[int]:
    """Which of `employee_ids` are not subject to planning on `day` (one query)."""
    ids = list(employee_ids)
    if not ids:
        return set()
    return set(exemptions_on(day).filter(employee_id__in=ids).values_list("employee_id", flat=True))


def _exemption_of(employee_id: int, day: datetime.date):
    return exemptions_on(day).filter(employee_id=employee_id).order_by("-start_date", "-pk")[:1]


# Asked by the employee's own SKP pages on every request: compiled once.
_exemption = Prepared(_exemption_of, employee_id=int, day=datetime.date)


def exemption_of(employee_id: int, day: datetime.date) -> PlanExemption | None:
    """The exemption running on `day` for one employee, if any."""
    found = _exemption(employee_id=employee_id, day=day)
    return found[0] if found else None


def planning_resumes_on(
    employee_ids: Iterable[int], year: int, day: datetime.date
) -> dict[int, datetime.date]:
    """For each employee whose latest exemption ended in `year` before `day`, the day after it
    ended (one query): a first plan of the year starts then rather than on 1 January, so it
    does not cover months in which the employee was not subject to planning."""
    ids = list(employee_ids)
    if not ids:
        return {}
    rows = (
        PlanExemption.objects.filter(
            employee_id__in=ids, end_date__gte=datetime.date(year, 1, 1), end_date__lt=day
        )
        .order_by()
        .values("employee_id")
        .annotate(last_end=Max("end_date"))
        .values_list("employee_id", "last_end")
    )
    return {employee_id: last_end + datetime.timedelta(days=1) for employee_id, last_end in rows}


def first_plan_start(year: int, resumes_on: datetime.date | None) -> datetime.date:
    """The start of an employee's first plan of `year`: 1 January, or the day planning resumed
    after an exemption (`planning_resumes_on`)."""
    return max(datetime.date(year, 1, 1), resumes_on or datetime.date(year, 1, 1))


def _exemption_during(employee_id: int, start: datetime.date, end: datetime.date):
    return (
        PlanExemption.objects.filter(employee_id=employee_id, start_date__lte=end)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
        .order_by("-start_date", "-pk")[:1]
    )


# The plan's page asks it on every request: compiled once.
_during = Prepared(_exemption_during, employee_id=int, start=datetime.date, end=datetime.date)


def exemption_during(employee_id: int, start: datetime.date, end: datetime.date):
    """The latest exemption of an employee that overlaps `start`..`end` (a plan's period)."""
    found = _during(employee_id=employee_id, start=start, end=end)
    return found[0] if found else None


# --- scope ----------------------------------------------------------------------------------
#
# Reading: a unit admin reads the exemptions of the people whose definitive post lies in their
# units' subtrees, today or when the exemption began (someone on CLTN may since have left).
# Changing: see `may_manage_exemption_of`.


def _posts_under(paths) -> Q:
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(position__unit__path__startswith=path)
    return condition


def _definitive_post_under(paths, *days) -> Q:
    """Rows whose employee (`employee_id`) holds a definitive post under `paths` on one of
    `days` (dates or OuterRef expressions)."""
    under = _posts_under(paths)
    on_any_day = Q(pk__in=[])
    for day in days:
        on_any_day |= Q(start_date__lte=day) & (Q(end_date__isnull=True) | Q(end_date__gte=day))
    return Q(
        Exists(
            Assignment.objects.filter(
                under,
                on_any_day,
                kind=AssignmentKind.DEFINITIVE,
                employee_id=OuterRef("employee_id"),
            )
        )
    )


def exemptions_visible_to(viewer) -> QuerySet[PlanExemption]:
    if not permissions.can_read_exemptions(viewer):
        return PlanExemption.objects.none()
    qs = PlanExemption.objects.filter(agency_id=viewer.agency_id)
    if viewer.sees_whole_agency:
        return qs
    return qs.filter(
        _definitive_post_under(viewer.admin_unit_paths, viewer.today, OuterRef("start_date"))
    )


def get_exemption(viewer, pk: int) -> PlanExemption:
    exemption = exemptions_visible_to(viewer).select_related("employee").filter(pk=pk).first()
    if exemption is None:
        raise Http404
    return exemption


def may_manage_exemption_of(viewer, employee: Employee) -> bool:
    """Whether the viewer may record, correct, end or delete exemptions of `employee`: the one
    rule of the pages, the API and the services.

    BKPSDM: anyone of the agency. A unit admin: only people whose definitive post *today* lies
    in their units' subtrees. The exemption's dates play no part, so a correction of the start
    date cannot bring someone into scope; and the exemptions of people who have since moved to
    another unit (even ones that are over) are left to BKPSDM or to the admin of the new unit.
    """
    if viewer.agency_id != employee.agency_id:
        return False
    return recordable_employees(viewer).filter(pk=employee.pk).exists()


def may_change_exemption(viewer, exemption: PlanExemption) -> bool:
    return may_manage_exemption_of(viewer, exemption.employee)


# --- choosing the employee --------------------------------------------------------------------


def recordable_employees(viewer) -> QuerySet[Employee]:
    """The employees whose exemptions the viewer manages (`may_manage_exemption_of`): the
    choices of the pages, the API and `services.exemption_record` alike."""
    if not permissions.can_manage_exemptions(viewer):
        return Employee.objects.none()
    qs = Employee.objects.filter(agency_id=viewer.agency_id)
    if viewer.is_bkpsdm_admin:
        return qs
    under = _posts_under(viewer.admin_unit_paths)
    return qs.filter(
        Exists(
            Assignment.objects.filter(
                under,
                active_on(viewer.today),
                kind=AssignmentKind.DEFINITIVE,
                employee_id=OuterRef("pk"),
            )
        )
    )


def employee_by_nip(viewer, nip: str) -> Employee | None:
    """The employee with exactly this NIP among those the viewer may record for."""
    nip = (nip or "").strip()
    if len(nip) != NIP_LENGTH or not nip.isdigit():
        return None
    return recordable_employees(viewer).filter(nip=nip).first()


def recordable_employee(viewer, pk) -> Employee | None:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return recordable_employees(viewer).filter(pk=pk).first()


def employee_candidates(viewer, search: str, *, limit: int = CANDIDATES_SHOWN) -> list[Employee]:
    """At most `limit` employees the viewer may record for, by part of the name or the full
    NIP (a partial NIP would let repeated searches reveal masked digits)."""
    search = (search or "").strip()
    if len(search) < 3:
        return []
    qs = recordable_employees(viewer)
    qs = qs.filter(nip=search) if search.isdigit() else qs.filter(name__icontains=search)
    return list(
        qs.order_by("name", "nip").prefetch_related(current_assignments_prefetch(viewer.today))[
            :limit
        ]
    )


# --- the list -----------------------------------------------------------------------------------


def exemption_units(viewer) -> list[Unit]:
    """Units to filter by: the OPD for overseers, the administered units and their children
    for a unit admin (a province has thousands of units: a select of all would not help)."""
    if not permissions.can_read_exemptions(viewer):
        return []
    qs = Unit.objects.filter(agency_id=viewer.agency_id)
    if viewer.sees_whole_agency:
        return list(qs.filter(depth=0).order_by("name"))
    condition = Q(pk__in=viewer.admin_unit_ids) | Q(parent_id__in=viewer.admin_unit_ids)
    return list(qs.filter(condition).order_by("path"))


def exemption_list(
    viewer,
    *,
    running_on: datetime.date | None = None,
    reason: str = "",
    unit: Unit | None = None,
    search: str = "",
) -> QuerySet[PlanExemption]:
    """Exemptions in scope, optionally only those running on a day, of one reason, of the
    people whose definitive post is in `unit`'s subtree, or matching a name or full NIP."""
    qs = exemptions_visible_to(viewer)
    if running_on is not None:
        qs = qs.filter(active_on(running_on))
    if reason:
        qs = qs.filter(reason=reason)
    if unit is not None:
        qs = qs.filter(_definitive_post_under((unit.path,), viewer.today, OuterRef("start_date")))
    search = (search or "").strip()
    if search:
        if search.isdigit():
            qs = qs.filter(employee__nip=search)
        else:
            qs = qs.filter(employee__name__icontains=search)
    return (
        qs.select_related("employee")
        .prefetch_related(_employee_posts(viewer.today))
        .order_by("-start_date", "employee__name", "-pk")
    )


def _employee_posts(day: datetime.date) -> Prefetch:
    return Prefetch(
        "employee__assignments",
        queryset=Assignment.objects.filter(active_on(day), kind=AssignmentKind.DEFINITIVE)
        .select_related("position__unit")
        .order_by("start_date"),
        to_attr="definitive_posts",
    )


def unit_of(exemption: PlanExemption) -> Unit | None:
    """The unit of the employee's definitive post today (from `exemption_list`'s prefetch)."""
    posts = getattr(exemption.employee, "definitive_posts", None) or []
    return posts[0].position.unit if posts else None
