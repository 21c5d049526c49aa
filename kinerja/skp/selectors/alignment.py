"""Alignment checks (matriks penyelarasan): where the cascade from the organisation to the
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
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Exists, Max, Min, OuterRef, Q, QuerySet
from django.http import Http404

from kinerja.iku.models import AnnualTarget, Indicator
from kinerja.org.models import Assignment, AssignmentKind, Employee, Unit
from kinerja.org.selectors import active_on
from kinerja.skp import permissions, rules
from kinerja.skp.models import ResultKind, Rhk, Skp, SkpForm, SkpStatus
from kinerja.skp.selectors.exemptions import exempt_on, planning_resumes_on

OUT_OF_FORCE = (SkpStatus.CLOSED, SkpStatus.SUPERSEDED)
SECTIONS = ("rhk", "indicators", "leaders", "employees", "raters")
PREVIEW_SIZE = 20
PAGE_SIZE = 50

NO_LINK = "no_link"
BROKEN_LINK = "broken_link"


# --- who may look ------------------------------------------------------------------------------


def alignment_unit_paths(viewer) -> tuple[str, ...] | None:
    """Unit paths whose alignment the viewer may read; None means the whole agency
    (`permissions.unit_plan_paths`)."""
    return permissions.unit_plan_paths(viewer)


def may_view_unit(viewer, unit: Unit) -> bool:
    """The rule of the unit's recap too: `permissions.can_read_unit_plans`."""
    return permissions.can_read_unit_plans(viewer, unit)


def get_alignment_unit(viewer, pk: int) -> Unit:
    """A unit of the viewer's agency (404 otherwise); whether they may see it is may_view_unit."""
    if not viewer.is_authenticated:
        raise Http404
    unit = Unit.objects.filter(pk=pk, agency_id=viewer.agency_id).first()
    if unit is None:
        raise Http404
    return unit


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
    return Q(
        kind=ResultKind.UTAMA,
        skp__form=SkpForm.NON_JPT,
        intervened_rhk__isnull=True,
        iku_indicator__isnull=True,
        iku_goal__isnull=True,
    )


def unsupported_rhk(scope: Scope, broken_ids: list[int] | None = None) -> QuerySet[Rhk]:
    """RHK of plans in force that support nothing or whose link a revision broke.

    `broken_ids` is broken_leader_rhk_ids(scope), when the caller has it already."""
    if broken_ids is None:
        broken_ids = broken_leader_rhk_ids(scope)
    return (
        _rhk_in_force(scope)
        .filter(scope.under("skp__unit"))
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
    leaders = Skp.objects.filter(in_force(scope), rater_id__isnull=False).values("rater_id")
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
        .filter(scope.under("skp__unit"), skp__employee_id__in=leaders)
        .filter(~Exists(supporters))
    )


def _staff_assignments(scope: Scope) -> QuerySet[Assignment]:
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
    return _staff_assignments(scope).filter(~Exists(set_plan), ~exempt_on(scope.day))


def exempt_employee_count(scope: Scope) -> int:
    """How many employees of the subtree are not subject to planning on the reference day."""
    return (
        _staff_assignments(scope)
        .filter(exempt_on(scope.day))
        .order_by()
        .values("employee_id")
        .distinct()
        .count()
    )


def pending_plans(scope: Scope) -> QuerySet[Skp]:
    return Skp.objects.filter(in_force(scope), scope.under("unit"), status=SkpStatus.SUBMITTED)


def _past_deadline(today: datetime.date, year: int) -> Q:
    """rules.deadline as a filter: start in January -> 31 January; later -> start + N days."""
    end_of_january = datetime.date(year, 1, 31)
    late = Q(pk__in=[])
    if today > end_of_january:
        late |= Q(start_date__lte=end_of_january)
    late_start = today - datetime.timedelta(days=settings.SKP_MIDYEAR_DAYS)
    late |= Q(start_date__gt=end_of_january, start_date__lt=late_start)
    return late


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


def _units_in_order(scope: Scope) -> dict[int, tuple[str, str]]:
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
            escalated=Count("pk", filter=_past_deadline(scope.today, scope.year)),
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
    units = _units_in_order(scope)
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
