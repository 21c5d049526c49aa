"""Reads of the realisations of individual results, scoped to the viewer (out of scope: 404).

The plan in force in a period is found from the plan versions' facts by `rules.plan_in_force`
(`plans`, whose reads are re-exported here); realisations are matched to its indicators by
their keys, never by primary keys.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from kinerja.iku.models import Period
from kinerja.iku.models import Realisation as OrgRealisation
from kinerja.org.models import Employee, Unit
from kinerja.results import permissions, rules
from kinerja.results.models import Evidence, Realisation, RealisationSource, RealisationStatus
from kinerja.results.selectors.plans import (  # noqa: F401 (read by other apps from here)
    due_date,
    exemption_covering,
    indicators_of_plans,
    is_org_linked,
    plan_in_force_id,
    plan_versions,
    plan_versions_of,
    plans_in_force,
)
from kinerja.skp.models import PlanExemption, Rhk, RhkIndicator, Skp
from kinerja.skp.selectors import skps_visible_to

# --- scope ------------------------------------------------------------------------------------


def _scope(viewer, year_field: str = "year") -> Q | None:
    """Who reads a record of results: the employee, its rater of record, the admins of its
    unit, the agency-wide roles, and the leaders who read the employee's plan of the record's
    year (`year_field`): the plan, not the person, so an earlier year's leader does not follow
    someone who moved, nor a new leader read the years before."""
    if not viewer.is_authenticated:
        return None
    if viewer.sees_whole_agency:
        return Q(agency_id=viewer.agency_id)
    condition = Q(pk__in=[])
    if viewer.employee_id is not None:
        condition |= Q(employee_id=viewer.employee_id) | Q(rater_id=viewer.employee_id)
    if viewer.held_position_paths:
        plans = skps_visible_to(viewer).filter(
            employee_id=OuterRef("employee_id"), year=OuterRef(year_field)
        )
        condition |= Q(Exists(plans))
    if viewer.admin_unit_paths:
        units = Q(pk__in=[])
        for path in viewer.admin_unit_paths:
            units |= Q(path__startswith=path)
        condition |= Q(unit_id__in=Unit.objects.filter(units).values("pk"))
    return Q(agency_id=viewer.agency_id) & condition


def realisations_visible_to(viewer) -> QuerySet[Realisation]:
    scope = _scope(viewer)
    if scope is None:
        return Realisation.objects.none()
    return Realisation.objects.filter(scope)


def get_realisation(viewer, pk: int) -> Realisation:
    found = (
        realisations_visible_to(viewer)
        .select_related("employee", "period__performance_year", "unit", "rater")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


def get_evidence(viewer, pk: int) -> Evidence:
    found = (
        Evidence.objects.filter(pk=pk, realisation__in=realisations_visible_to(viewer).values("pk"))
        .select_related("realisation")
        .first()
    )
    if found is None:
        raise Http404
    return found


def get_employee(viewer, employee_id: int, year: int) -> Employee:
    """The employee whose results the viewer may read for the year: themselves, or someone
    with a plan of that year the viewer may read (rater, leaders, admins, agency-wide roles)."""
    if not viewer.is_authenticated:
        raise Http404
    employee = Employee.objects.filter(pk=employee_id, agency_id=viewer.agency_id).first()
    if employee is None:
        raise Http404
    if employee.pk == viewer.employee_id:
        return employee
    if not skps_visible_to(viewer).filter(employee_id=employee.pk, year=year).exists():
        raise Http404
    return employee


def may_read_year(viewer, employee: Employee, year: int) -> bool:
    """Whether `get_employee` lets the viewer read the employee's results of `year`."""
    if employee.pk == viewer.employee_id:
        return True
    return skps_visible_to(viewer).filter(employee_id=employee.pk, year=year).exists()


def evaluation_periods(agency_id: int, year: int) -> list[Period]:
    """The months or quarters of the agency's year (never the annual period)."""
    return list(
        Period.objects.filter(performance_year__agency_id=agency_id, performance_year__year=year)
        .exclude(kind="year")
        .select_related("performance_year")
        .order_by("start_date")
    )


def get_period(viewer, period_id: int) -> Period:
    found = (
        Period.objects.filter(pk=period_id, performance_year__agency_id=viewer.agency_id)
        .exclude(kind="year")
        .select_related("performance_year")
        .first()
        if viewer.is_authenticated
        else None
    )
    if found is None:
        raise Http404
    return found


# --- duplicates -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reuse:
    employee_name: str
    period_label: str
    same_employee: bool


def reuses(agency_id: int, evidence: list[Evidence]) -> dict[int, list[Reuse]]:
    """evidence pk -> the other uses of the same file or text in the agency, by another
    employee or for another period (one query)."""
    flagged = [e for e in evidence if e.kind in rules.FLAGGED_KINDS]
    if not flagged:
        return {}
    rows = list(
        Evidence.objects.filter(
            sha256__in={e.sha256 for e in flagged},
            kind__in=rules.FLAGGED_KINDS,
            realisation__agency_id=agency_id,
        )
        .select_related("realisation__employee", "realisation__period")
        .order_by("pk")
    )
    uses = [
        (
            row,
            rules.EvidenceUse(
                row.sha256, row.kind, row.realisation.employee_id, row.realisation.period_id
            ),
        )
        for row in rows
    ]
    found: dict[int, list[Reuse]] = {}
    for item in flagged:
        own = rules.EvidenceUse(
            item.sha256, item.kind, item.realisation.employee_id, item.realisation.period_id
        )
        others = {id(use) for use in rules.reused(own, [u for _row, u in uses])}
        for row, use in uses:
            if id(use) in others:
                found.setdefault(item.pk, []).append(
                    Reuse(
                        employee_name=row.realisation.employee.full_name,
                        period_label=row.realisation.period.label,
                        same_employee=row.realisation.employee_id == own.employee_id,
                    )
                )
    return found


def evidence_with_reuses(realisations: list[Realisation]) -> None:
    """Attach `evidence_list` (each with `reuses`) to each realisation: two queries."""
    if not realisations:
        return
    by_pk = {r.pk: r for r in realisations}
    evidence = list(Evidence.objects.filter(realisation_id__in=by_pk).order_by("uploaded_at", "pk"))
    for r in realisations:
        r.evidence_list = []
    for item in evidence:
        item.realisation = by_pk[item.realisation_id]
        by_pk[item.realisation_id].evidence_list.append(item)
    found = reuses(realisations[0].agency_id, evidence)
    for item in evidence:
        item.reuses = found.get(item.pk, [])


# --- the employee's period page -----------------------------------------------------------------


@dataclass
class IndicatorRow:
    indicator: RhkIndicator
    realisation: Realisation | None
    org_linked: bool
    org_realisation: OrgRealisation | None = None
    source: RealisationSource | None = None
    # (template, context) of what other apps show inside the indicator's card
    extras: list[tuple[str, dict]] = field(default_factory=list)

    @property
    def rhk(self) -> Rhk:
        return self.indicator.rhk

    @property
    def quantitative(self) -> bool:
        return self.indicator.target_value is not None


@dataclass
class Section:
    """A part of the period page added by another app (feedback, activities...): `template`
    below the indicators, and `row_template` inside each indicator's card with the context
    `per_indicator[str(indicator key)]` when the indicator has one."""

    template: str
    context: dict = field(default_factory=dict)
    row_template: str = ""
    per_indicator: dict[str, dict] = field(default_factory=dict)


_SECTIONS: list[Callable] = []


def register_period_section(provider: Callable) -> None:
    """Called in an app's AppConfig.ready: `provider(viewer, page) -> Section | None`."""
    if provider not in _SECTIONS:
        _SECTIONS.append(provider)


@dataclass
class PeriodPage:
    employee: Employee
    period: Period
    plan: Skp | None
    rows: list[IndicatorRow]
    outside_plan: list[Realisation]
    exemption: PlanExemption | None
    due_date: datetime.date
    days_left: int
    can_enter: bool
    sections: list[Section] = field(default_factory=list)
    # the study leave running in the period (selectors.study.StudyBlock), if any
    study: object = None
    can_choose_source: bool = False


def period_page(viewer, employee: Employee, period: Period) -> PeriodPage:
    """Each RHK indicator of the plan in force in the period, with its target, realisation and
    evidence; the organisation's verified realisation for a JPT result linked to an IKU."""
    plan_id = plan_in_force_id(employee.pk, period)
    plan = (
        Skp.objects.select_related("rater", "unit", "position").filter(pk=plan_id).first()
        if plan_id
        else None
    )
    indicators = indicators_of_plans([plan_id]).get(plan_id, {}) if plan_id else {}
    realisations = list(
        Realisation.objects.filter(employee_id=employee.pk, period_id=period.pk).select_related(
            "period"
        )
    )
    evidence_with_reuses(realisations)
    by_key = {r.indicator_key: r for r in realisations}
    linked = [i.rhk.iku_indicator_id for i in indicators.values() if is_org_linked(i)]
    org = (
        {
            r.indicator_id: r
            for r in OrgRealisation.objects.filter(
                indicator_id__in=linked, period_id=period.pk, status="verified"
            )
        }
        if linked
        else {}
    )
    chosen = {
        s.indicator_key: s
        for s in RealisationSource.objects.filter(
            employee_id=employee.pk, year=period.start_date.year
        ).select_related("unit")
    }
    rows = [
        IndicatorRow(
            indicator=indicator,
            realisation=by_key.get(key),
            org_linked=is_org_linked(indicator),
            org_realisation=org.get(indicator.rhk.iku_indicator_id),
            source=chosen.get(key),
        )
        for key, indicator in indicators.items()
    ]
    due = due_date(period)
    exemption = exemption_covering(employee.pk, period)
    page = PeriodPage(
        employee=employee,
        period=period,
        plan=plan,
        rows=rows,
        outside_plan=[r for r in realisations if r.indicator_key not in indicators],
        exemption=exemption,
        due_date=due,
        days_left=rules.days_left(viewer.today, due),
        can_enter=(
            permissions.can_enter_for(viewer, employee)
            and plan is not None
            and exemption is None
            and period.start_date <= viewer.today
        ),
        can_choose_source=plan is not None and permissions.can_choose_source(viewer, plan),
    )
    from kinerja.results.selectors.study import study_block

    page.study = study_block(viewer, employee, period, has_plan=plan is not None)
    page.sections = [s for s in (p(viewer, page) for p in _SECTIONS) if s is not None]
    for row in page.rows:
        key = str(row.indicator.key)
        row.extras = [
            (s.row_template, s.per_indicator[key])
            for s in page.sections
            if s.row_template and key in s.per_indicator
        ]
    return page


@dataclass
class PeriodSummary:
    period: Period
    due_date: datetime.date
    counts: dict


def year_overview(viewer, employee: Employee, year: int) -> list[PeriodSummary]:
    """The year's evaluation periods with the employee's realisations counted by status."""
    periods = evaluation_periods(employee.agency_id, year)
    counts: dict[int, dict] = {}
    for period_id, status in Realisation.objects.filter(
        employee_id=employee.pk, year=year
    ).values_list("period_id", "status"):
        label = str(RealisationStatus(status).label)
        counts.setdefault(period_id, {}).setdefault(label, 0)
        counts[period_id][label] += 1
    return [PeriodSummary(p, due_date(p), counts.get(p.pk, {})) for p in periods]


# --- showing realisations against the plan in force ---------------------------------------------


def with_plan_content(realisations: list[Realisation]) -> list[Realisation]:
    """Attach `indicator` (the RhkIndicator of the plan in force in the realisation's period,
    or None) to each realisation: two queries whatever their number."""
    chosen = plans_in_force((r.employee_id, r.period) for r in realisations)
    content = indicators_of_plans(set(chosen.values()))
    for r in realisations:
        plan_id = chosen.get((r.employee_id, r.period_id))
        r.indicator = content.get(plan_id, {}).get(r.indicator_key) if plan_id else None
    return realisations


def waiting_for(viewer) -> QuerySet[Realisation]:
    """Submitted realisations whose rater of record is the viewer (pimpinan: those rated by
    the regional head), never the viewer's own."""
    if not viewer.is_authenticated:
        return Realisation.objects.none()
    mine = Q(pk__in=[])
    if viewer.employee_id is not None:
        mine |= Q(rater_id=viewer.employee_id)
    if "pimpinan" in viewer.granted_roles:
        mine |= Q(rater__isnull=True)
    return (
        Realisation.objects.filter(mine, agency_id=viewer.agency_id, status=rules.SUBMITTED)
        .exclude(employee_id=viewer.employee_id)
        .order_by("submitted_at", "pk")
    )


def realisations_to_verify(viewer) -> list[Realisation]:
    """Submitted realisations waiting for the viewer as the rater, oldest first, with their
    RHK indicator and evidence (and its reuses) loaded: a fixed number of queries."""
    rows = list(waiting_for(viewer).select_related("employee", "period__performance_year"))
    with_plan_content(rows)
    evidence_with_reuses(rows)
    return rows


def count_to_verify(viewer) -> int:
    return waiting_for(viewer).count()


def versions_of(realisation: Realisation) -> list:
    return list(realisation.versions.select_related("recorded_by").order_by("version"))


def history_of(realisation: Realisation) -> list:
    """The audit trail of the realisation, oldest first, each with its plain-language label."""
    from kinerja.core.audit_labels import action_label
    from kinerja.core.models import AuditEvent

    events = list(
        AuditEvent.objects.filter(
            object_type="results.realisation", object_id=str(realisation.pk)
        ).order_by("created_at", "pk")
    )
    for event in events:
        event.label = action_label(event.action)
    return events


STATUS_LABELS = dict(RealisationStatus.choices)


# --- Beranda ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class OwnReporting:
    period: Period | None
    due_date: datetime.date | None
    handed_in: int
    returned: int


def own_reporting(viewer) -> OwnReporting | None:
    """The last evaluation period that ended, whether the employee handed anything in for it,
    and how many of their realisations are returned: one query (two with the due date)."""
    if viewer.employee_id is None or not viewer.is_authenticated:
        return None
    today, me = viewer.today, viewer.employee_id
    mine = Realisation.objects.filter(employee_id=me).order_by()
    rows = list(
        Period.objects.filter(
            performance_year__agency_id=viewer.agency_id,
            performance_year__year=today.year,
            start_date__lte=today,
        )
        .exclude(kind="year")
        .select_related("performance_year")
        .annotate(
            handed_in=Subquery(
                mine.filter(period_id=OuterRef("pk"), status__in=[rules.SUBMITTED, rules.VERIFIED])
                .values("employee_id")
                .annotate(n=Count("pk"))
                .values("n")[:1]
            ),
            returned=Subquery(
                mine.filter(year=today.year, status=rules.RETURNED)
                .values("employee_id")
                .annotate(n=Count("pk"))
                .values("n")[:1]
            ),
            has_plan=Exists(
                Skp.objects.filter(employee_id=me, year=today.year, set_at__isnull=False)
            ),
            exempt=Exists(
                PlanExemption.objects.filter(
                    employee_id=me, start_date__lte=OuterRef("start_date")
                ).filter(Q(end_date__isnull=True) | Q(end_date__gte=OuterRef("end_date")))
            ),
        )
        .order_by("-end_date")[:2]
    )
    if not rows:
        return OwnReporting(None, None, 0, 0)
    returned = rows[0].returned or 0
    ended = next((p for p in rows if p.end_date < today), None)
    if ended is None or not ended.has_plan or ended.exempt:
        return OwnReporting(None, None, 0, returned)
    return OwnReporting(ended, due_date(ended), ended.handed_in or 0, returned)


def own_employee(viewer) -> Employee:
    """The caller's own employee record (404 for a login without one)."""
    if not viewer.is_authenticated or viewer.employee_id is None:
        raise Http404
    employee = Employee.objects.filter(pk=viewer.employee_id, agency_id=viewer.agency_id).first()
    if employee is None:
        raise Http404
    return employee


from kinerja.results.selectors.sources import realisation_source  # noqa: E402, F401
