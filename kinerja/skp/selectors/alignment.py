"""The alignment report (matriks penyelarasan) of a unit subtree or of the whole regency: who
may look, counts by unit, the rows of each list, built on the checks of `alignment_checks`.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Min, QuerySet
from django.http import Http404

from kinerja.iku.models import Indicator
from kinerja.org.models import Assignment, Employee, Unit
from kinerja.skp import permissions, rules
from kinerja.skp.models import Rhk, Skp
from kinerja.skp.selectors.alignment_checks import (  # noqa: F401 (the checks of the report)
    BROKEN_LINK,
    NO_LINK,
    OUT_OF_FORCE,
    Scope,
    broken_leader_rhk_ids,
    employees_without_set_plan,
    exempt_employee_count,
    in_force,
    past_deadline,
    pending_plans,
    unsupported_indicators,
    unsupported_leader_rhk,
    unsupported_rhk,
)
from kinerja.skp.selectors.exemptions import planning_resumes_on

SECTIONS = ("rhk", "indicators", "leaders", "employees", "raters")
PREVIEW_SIZE = 20
PAGE_SIZE = 50


# --- who may look ------------------------------------------------------------------------------


def alignment_unit_paths(viewer) -> tuple[str, ...] | None:
    """Unit paths whose alignment the viewer may read; None means the whole agency
    (`permissions.unit_plan_paths`)."""
    return permissions.unit_plan_paths(viewer)


def may_view_unit(viewer, unit: Unit) -> bool:
    """The rule of the unit's recap too: `permissions.can_read_unit_plans`."""
    return permissions.can_read_unit_plans(viewer, unit)


def default_alignment_unit_id(viewer) -> int | None:
    """Whose alignment the viewer reads when they name no unit: None for the whole agency (the
    overseers), else the first of their units (unit admins and leaders); nobody else may look."""
    paths = alignment_unit_paths(viewer)
    if paths is None:
        return None
    if not paths:
        raise PermissionDenied
    return int(paths[0].strip("/").split("/")[-1])


def get_alignment_unit(viewer, pk: int) -> Unit:
    """A unit of the viewer's agency (404 otherwise); whether they may see it is may_view_unit."""
    if not viewer.is_authenticated:
        raise Http404
    unit = Unit.objects.filter(pk=pk, agency_id=viewer.agency_id).first()
    if unit is None:
        raise Http404
    return unit


# --- counts by unit ------------------------------------------------------------------------------


@dataclass
class UnitSummary:
    """The counts of one group of units (an OPD at the regency, a sub-unit on a unit page)."""

    unit_id: int
    name: str
    path: str
    counts: dict = field(default_factory=lambda: dict.fromkeys(SECTIONS, 0))

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def units_in_order(scope: Scope) -> dict[int, tuple[str, str]]:
    """{unit id: (path, name)} of the units the report covers, in the database's path order
    (the first key of every list's order)."""
    units = Unit.objects.filter(agency_id=scope.agency_id)
    if scope.unit is not None:
        units = units.filter(path__startswith=scope.unit.path)
    rows = units.order_by("path").values_list("pk", "path", "name")
    return {pk: (path, name) for pk, path, name in rows}


def _summaries(scope: Scope, known: dict[int, tuple[str, str]], per_section):
    """Roll the per-unit counts up to the root's children (the OPDs for the regency) and the
    unit itself; return (rows, totals)."""
    root_depth = 0 if scope.unit is None else len(scope.unit.path.strip("/").split("/"))
    groups: dict[int, UnitSummary] = {}
    totals = dict.fromkeys(SECTIONS, 0)
    for section, counts in per_section.items():
        for unit_id, n in counts.items():
            if unit_id not in known:
                continue
            parts = known[unit_id][0].strip("/").split("/")
            group_id = int(parts[root_depth]) if len(parts) > root_depth else unit_id
            path, name = known[group_id]
            row = groups.setdefault(group_id, UnitSummary(group_id, name, path))
            row.counts[section] += n
            totals[section] += n
    return sorted(groups.values(), key=lambda r: r.path), totals


# --- rows of the lists ---------------------------------------------------------------------------


@dataclass
class EmployeeRow:
    employee: Employee
    position: object
    unit: Unit
    plan: Skp | None
    deadline: datetime.date
    days_left: int

    @property
    def is_late(self) -> bool:
        return self.days_left < 0

    @property
    def days_late(self) -> int:
        return -self.days_left


@dataclass
class RaterRow:
    rater_id: int | None
    label: str
    superior_label: str
    waiting: int
    oldest: datetime.datetime | None
    escalated: int

    @property
    def is_regional_head(self) -> bool:
        return self.rater_id is None


def _page_slice(section: str, shown: str | None, page: int) -> tuple[int, int]:
    if shown == section:
        start = (page - 1) * PAGE_SIZE
        return start, start + PAGE_SIZE
    return 0, PREVIEW_SIZE


@dataclass
class _Listing:
    """One pass over a check: the counts, and where the rows of the page lie.

    Every list is ordered by the path of its unit first, so the page is a run of whole
    units: the rows of `page_units`, in the list's order, from `offset`, `limit` of them.
    Reading the page this way sorts only the rows of those units, never the whole list."""

    counts: dict[int, int]
    total: int
    unit_field: str
    page_units: list[int]
    offset: int
    limit: int

    def page(self, qs: QuerySet, order: tuple[str, ...]) -> list:
        if not self.page_units:
            return []
        qs = qs.filter(**{f"{self.unit_field}__in": self.page_units}).order_by(*order)
        return list(qs[self.offset : self.offset + self.limit])


def _listing(qs, unit_field: str, units_in_order, bounds) -> _Listing:
    """Counts per unit, grouped by the database, and the units of one page.

    An employee holds one definitive post on a day (org.services ends the running one when a
    new one starts), so the rows of the missing-plan list are people and count as such."""
    rows = qs.order_by().values(unit_field).annotate(n=Count("pk")).values_list(unit_field, "n")
    per_unit = Counter(dict(rows))
    counts, total = dict(per_unit), per_unit.total()
    start, stop = bounds
    stop = min(stop, per_unit.total())
    ordered = [pk for pk in units_in_order if pk in per_unit]
    ordered += sorted(set(per_unit) - set(units_in_order))  # none within one agency
    page_units, offset, first = [], 0, 0
    for unit_id in ordered:
        if first >= stop:
            break
        if first + per_unit[unit_id] > start:
            if not page_units:
                offset = start - first
            page_units.append(unit_id)
        first += per_unit[unit_id]
    return _Listing(counts, total, unit_field, page_units, offset, max(0, stop - start))


RHK_ORDER = ("skp__unit__path", "skp__employee__name", "skp_id", "kind", "order", "pk")


def _rhk_rows(listing: _Listing, qs: QuerySet[Rhk]) -> list[Rhk]:
    rows = listing.page(
        qs.select_related("skp__employee", "skp__unit", "intervened_rhk__skp__employee"),
        RHK_ORDER,
    )
    for rhk in rows:
        rhk.alignment_problem = NO_LINK if rhk.intervened_rhk_id is None else BROKEN_LINK
    return rows


def _leader_rows(listing: _Listing, qs: QuerySet[Rhk]) -> list[Rhk]:
    return listing.page(qs.select_related("skp__employee", "skp__unit"), RHK_ORDER)


INDICATOR_ORDER = ("goal__owner_unit__path", "goal__order", "goal_id", "order", "pk")


def _indicator_rows(listing: _Listing, qs: QuerySet[Indicator]) -> list[Indicator]:
    return listing.page(qs.select_related("goal__owner_unit"), INDICATOR_ORDER)


EMPLOYEE_ORDER = ("position__unit__path", "employee__name", "employee_id", "pk")


def _employee_rows(scope, listing: _Listing, qs: QuerySet[Assignment]) -> list[EmployeeRow]:
    assignments = listing.page(qs.select_related("employee", "position__unit"), EMPLOYEE_ORDER)
    plans: dict[int, Skp] = {}
    employee_ids = [a.employee_id for a in assignments]
    for plan in (
        Skp.objects.filter(in_force(scope), employee_id__in=employee_ids)
        .only("pk", "employee_id", "status", "year", "start_date", "version")
        .order_by("employee_id", "-start_date", "-pk")
    ):
        plans.setdefault(plan.employee_id, plan)
    # Planning resumes the day after an exemption that ended during the year.
    resumed = planning_resumes_on(employee_ids, scope.year, scope.day)
    rows = []
    for assignment in assignments:
        plan = plans.get(assignment.employee_id)
        if plan is not None:
            due = plan.deadline
        else:
            starts = [resumed.get(assignment.employee_id)]
            if assignment.start_date.year == scope.year:
                starts.append(assignment.start_date)
            start = max((day for day in starts if day is not None), default=None)
            due = rules.deadline(scope.year, start, midyear_days=settings.SKP_MIDYEAR_DAYS)
        rows.append(
            EmployeeRow(
                employee=assignment.employee,
                position=assignment.position,
                unit=assignment.position.unit,
                plan=plan,
                deadline=due,
                days_left=rules.days_left(scope.today, due),
            )
        )
    return rows


def _pending_approvals(scope) -> tuple[dict[int, int], list[RaterRow]]:
    """Plans waiting for approval counted by unit, and the rows of their raters, from one
    query grouped by (rater, unit): every figure of a rater is a sum, minimum or maximum of
    its groups."""
    groups = (
        pending_plans(scope)
        .order_by()
        .values("rater_id", "unit_id")
        .annotate(
            waiting=Count("pk"),
            oldest=Min("submitted_at"),
            escalated=Count("pk", filter=past_deadline(scope.today, scope.year)),
            label=Max("rater_label"),
            superior_label=Max("rater_superior_label"),
        )
    )
    by_unit: dict[int, int] = {}
    raters: dict[int | None, RaterRow] = {}
    for g in groups:
        by_unit[g["unit_id"]] = by_unit.get(g["unit_id"], 0) + g["waiting"]
        row = raters.get(g["rater_id"])
        if row is None:
            raters[g["rater_id"]] = RaterRow(
                g["rater_id"],
                g["label"],
                g["superior_label"],
                g["waiting"],
                g["oldest"],
                g["escalated"],
            )
            continue
        row.label = max(row.label, g["label"])
        row.superior_label = max(row.superior_label, g["superior_label"])
        row.waiting += g["waiting"]
        row.escalated += g["escalated"]
        if row.oldest is None or (g["oldest"] is not None and g["oldest"] < row.oldest):
            row.oldest = g["oldest"]
    far_future = datetime.datetime.max.replace(tzinfo=datetime.UTC)
    rows = sorted(raters.values(), key=lambda r: (r.oldest or far_future, r.label))
    return by_unit, rows


# --- the report ----------------------------------------------------------------------------------


@dataclass
class Section:
    key: str
    total: int
    rows: list
    page: int = 1
    showing_all: bool = False

    @property
    def more(self) -> bool:
        return not self.showing_all and self.total > len(self.rows)

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))

    @property
    def has_next(self) -> bool:
        return self.showing_all and self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.showing_all and self.page > 1


@dataclass
class AlignmentReport:
    scope: Scope
    groups: list[UnitSummary]
    totals: dict
    sections: dict[str, Section]
    pending_plans: int
    exempt_employees: int = 0


def alignment_report(
    viewer,
    *,
    year: int,
    unit: Unit | None = None,
    show: str | None = None,
    page: int = 1,
) -> AlignmentReport:
    """The five lists and the per-group counts of a unit subtree (or the agency).

    The caller has checked may_view_unit / the whole-agency role. Every list is previewed
    (PREVIEW_SIZE rows) except `show`, which is paged by PAGE_SIZE. The number of queries does
    not depend on the size of the agency.
    """
    scope = Scope(agency_id=viewer.agency_id, year=year, today=viewer.today, unit=unit)
    show = show if show in SECTIONS else None
    page = max(1, page)
    units = units_in_order(scope)
    checks = {
        "rhk": unsupported_rhk(scope),
        "indicators": unsupported_indicators(scope),
        "leaders": unsupported_leader_rhk(scope),
        "employees": employees_without_set_plan(scope),
    }
    unit_fields = {
        "rhk": "skp__unit_id",
        "indicators": "goal__owner_unit_id",
        "leaders": "skp__unit_id",
        "employees": "position__unit_id",
    }
    listings = {
        key: _listing(
            qs,
            unit_fields[key],
            units,
            _page_slice(key, show, page),
        )
        for key, qs in checks.items()
    }
    per_unit = {key: listing.counts for key, listing in listings.items()}
    per_unit["raters"], raters = _pending_approvals(scope)
    groups, totals = _summaries(scope, units, per_unit)
    start, end = _page_slice("raters", show, page)
    rows = {
        "rhk": _rhk_rows(listings["rhk"], checks["rhk"]),
        "indicators": _indicator_rows(listings["indicators"], checks["indicators"]),
        "leaders": _leader_rows(listings["leaders"], checks["leaders"]),
        "employees": _employee_rows(scope, listings["employees"], checks["employees"]),
    }
    sections = {
        key: Section(key, listings[key].total, rows[key])
        for key in ("rhk", "indicators", "leaders", "employees")
    }
    sections["raters"] = Section("raters", len(raters), raters[start:end])
    sections = {key: sections[key] for key in SECTIONS}
    for key, section in sections.items():
        section.showing_all = key == show
        section.page = page if key == show else 1
    return AlignmentReport(
        scope,
        groups,
        totals,
        sections,
        pending_plans=totals["raters"],
        exempt_employees=exempt_employee_count(scope),
    )


def parse_year(value, today: datetime.date) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        return today.year
    return year if 2000 <= year <= 2100 else today.year


__all__ = [
    "AlignmentReport",
    "alignment_report",
    "alignment_unit_paths",
    "default_alignment_unit_id",
    "employees_without_set_plan",
    "exempt_employee_count",
    "get_alignment_unit",
    "may_view_unit",
    "parse_year",
    "pending_plans",
    "unsupported_indicators",
    "unsupported_leader_rhk",
    "unsupported_rhk",
]
