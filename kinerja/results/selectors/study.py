"""Reads of the academic results of employees on study leave, scoped to the viewer like the
realisations (the same people read them: the employee, the rater, the leaders above, the unit
admins and the agency-wide roles; out of scope: 404)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from kinerja.iku.models import Period
from kinerja.org.models import Employee
from kinerja.results import permissions, rules
from kinerja.results.models import (
    SemesterEvidence,
    SemesterResult,
    StudyLeave,
)
from kinerja.results.selectors import _scope
from kinerja.skp.models import Skp


def plan_by_id(plan_id: int) -> Skp:
    return Skp.objects.get(pk=plan_id)


def _overlapping(period: Period) -> Q:
    return Q(start_date__lte=period.end_date) & (
        Q(end_date__isnull=True) | Q(end_date__gte=period.start_date)
    )


def leave_runs_in(leave: StudyLeave, period: Period) -> bool:
    """Whether the study leave runs on at least one day of the period."""
    return leave.start_date <= period.end_date and (
        leave.end_date is None or leave.end_date >= period.start_date
    )


def study_leave_in(employee_id: int, period: Period) -> StudyLeave | None:
    """The study leave that runs (on at least one day) in the period."""
    return (
        StudyLeave.objects.filter(_overlapping(period), employee_id=employee_id)
        .order_by("-start_date")
        .first()
    )


def semesters_visible_to(viewer) -> QuerySet[SemesterResult]:
    scope = _scope(viewer, year_field="period__performance_year__year")
    if scope is None:
        return SemesterResult.objects.none()
    return SemesterResult.objects.filter(scope)


def get_semester(viewer, pk: int) -> SemesterResult:
    found = (
        semesters_visible_to(viewer)
        .select_related("employee", "period__performance_year", "study_leave", "rater")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


def get_semester_evidence(viewer, pk: int) -> SemesterEvidence:
    found = (
        SemesterEvidence.objects.filter(pk=pk, result__in=semesters_visible_to(viewer).values("pk"))
        .select_related("result")
        .first()
    )
    if found is None:
        raise Http404
    return found


def with_evidence(results: list[SemesterResult]) -> list[SemesterResult]:
    """Attach `evidence_list` to each result: one query whatever their number."""
    by_pk = {r.pk: r for r in results}
    for r in results:
        r.evidence_list = []
    if by_pk:
        for item in SemesterEvidence.objects.filter(result_id__in=by_pk).order_by("uploaded_at"):
            by_pk[item.result_id].evidence_list.append(item)
    return results


# The evaluation app owns the guidance tables and registers them when it is ready: the
# realisations stand below the evaluation, which reads them, and never import it back.
_guidance: list[Callable[[Decimal, str, str], str]] = []


def register_guidance(provider: Callable[[Decimal, str, str], str]) -> None:
    """`provider(ipk, level, accreditation)` gives the label of the predikat an IPK suggests."""
    _guidance[:] = [provider]


def guidance_predikat(leave: StudyLeave, ipk: Decimal) -> str:
    """The predikat the IPK suggests by the guidance tables (Lampiran p.100), read-only: the
    rater decides the predikat in the evaluation. Empty without the evaluation app."""
    return str(_guidance[0](ipk, leave.level, leave.accreditation)) if _guidance else ""


RISK_LABELS = {
    "low_ipk": _("the IPK is below the Kurang bound of the guidance tables"),
    "credits_failed": _("some credits (SKS) taken were not passed"),
    "extended": _("the study runs beyond the semesters to graduate on time"),
}


@dataclass
class StudyBlock:
    """What the period page shows of an employee on study leave, in place of the RHK
    realisations when the leave covers the whole period."""

    leave: StudyLeave
    covers_period: bool
    results: list[SemesterResult]
    reported_here: list[SemesterResult]
    progress: int
    risks: list[str] = field(default_factory=list)
    predikat: str = ""
    next_semester: int = 1
    can_enter: bool = False

    @property
    def at_risk(self) -> bool:
        return bool(self.risks)

    @property
    def risk_labels(self) -> list:
        return [RISK_LABELS[r] for r in self.risks]


def study_block(viewer, employee: Employee, period: Period, *, has_plan: bool) -> StudyBlock | None:
    """The study leave running in the period with every semester of it (three queries)."""
    leave = study_leave_in(employee.pk, period)
    if leave is None:
        return None
    results = with_evidence(
        list(SemesterResult.objects.filter(study_leave=leave).select_related("period"))
    )
    counted = [r for r in results if r.status != rules.DRAFT]
    latest = max(counted, key=lambda r: r.semester, default=None)
    facts = (
        rules.SemesterFacts(latest.semester, latest.ipk, latest.sks_taken, latest.sks_passed)
        if latest
        else None
    )
    verified = [r for r in results if r.status == rules.VERIFIED]
    last_verified = max(verified, key=lambda r: r.semester, default=None)
    done = max((r.semester for r in results), default=0)
    return StudyBlock(
        leave=leave,
        covers_period=leave.start_date <= period.start_date
        and (leave.end_date is None or leave.end_date >= period.end_date),
        results=results,
        reported_here=[r for r in results if r.period_id == period.pk],
        progress=rules.study_progress(
            last_verified.semester if last_verified else 0, leave.total_semesters
        ),
        risks=rules.study_at_risk(leave.level, leave.total_semesters, facts),
        predikat=guidance_predikat(leave, last_verified.ipk) if last_verified else "",
        next_semester=min(done + 1, rules.MAX_SEMESTERS),
        can_enter=permissions.can_enter_for(viewer, employee)
        and has_plan
        and period.start_date <= viewer.today,
    )


def waiting_semesters(viewer) -> QuerySet[SemesterResult]:
    """Submitted semester results whose rater of record is the viewer (pimpinan: those rated by
    the regional head), never the viewer's own."""
    if not viewer.is_authenticated:
        return SemesterResult.objects.none()
    mine = Q(pk__in=[])
    if viewer.employee_id is not None:
        mine |= Q(rater_id=viewer.employee_id)
    if "pimpinan" in viewer.granted_roles:
        mine |= Q(rater__isnull=True)
    return (
        SemesterResult.objects.filter(mine, agency_id=viewer.agency_id, status=rules.SUBMITTED)
        .exclude(employee_id=viewer.employee_id)
        .order_by("submitted_at", "pk")
    )


def semesters_to_verify(viewer) -> list[SemesterResult]:
    return with_evidence(
        list(waiting_semesters(viewer).select_related("employee", "study_leave", "period"))
    )


def versions_of(result: SemesterResult) -> list:
    return list(result.versions.select_related("recorded_by").order_by("version"))


def history_of(result: SemesterResult) -> list:
    from kinerja.core.audit_labels import action_label
    from kinerja.core.models import AuditEvent

    events = list(
        AuditEvent.objects.filter(
            object_type="results.semesterresult", object_id=str(result.pk)
        ).order_by("created_at", "pk")
    )
    for event in events:
        event.label = action_label(event.action)
    return events


def own_returned_semesters(viewer) -> list[int]:
    """The ids of the viewer's own semester results returned for correction."""
    return list(
        SemesterResult.objects.filter(
            employee_id=viewer.employee_id, status=rules.RETURNED, agency_id=viewer.agency_id
        ).values_list("pk", flat=True)
    )


def agency_employee(viewer, pk: int) -> Employee:
    """An employee of the viewer's agency (whose study leave an admin may record), else 404."""
    found = (
        Employee.objects.filter(pk=pk, agency_id=viewer.agency_id).first()
        if viewer.is_authenticated
        else None
    )
    if found is None:
        raise Http404
    return found


def study_leaves_of(employee: Employee) -> list[StudyLeave]:
    return list(StudyLeave.objects.filter(employee=employee).order_by("-start_date", "-pk"))


def get_study_leave(viewer, pk: int) -> StudyLeave:
    """A study leave of the viewer's agency (which its employee's admins may change), else 404."""
    found = (
        StudyLeave.objects.filter(pk=pk, agency_id=viewer.agency_id)
        .select_related("employee", "ended_by")
        .first()
        if viewer.is_authenticated
        else None
    )
    if found is None:
        raise Http404
    return found
