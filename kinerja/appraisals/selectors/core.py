"""Reads of one evaluation and of the employee's own, scoped to the viewer (out of scope:
404), and the deadlines of a period and of a keberatan."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from kinerja.appraisals import rules
from kinerja.appraisals.models import (
    Evaluation,
    EvaluationStatus,
    Keberatan,
)
from kinerja.iku.models import Period
from kinerja.iku.selectors.calendar import days_off
from kinerja.org.models import Unit
from kinerja.skp.selectors import skps_visible_to

RATED_OR_LATER = [s for s in EvaluationStatus.values if s != EvaluationStatus.OPEN]

# --- scope ------------------------------------------------------------------------------------


def _scope(viewer) -> Q | None:
    if not viewer.is_authenticated:
        return None
    if viewer.sees_whole_agency:
        return Q(agency_id=viewer.agency_id)
    condition = Q(pk__in=[])
    if viewer.employee_id is not None:
        me = viewer.employee_id
        condition |= Q(employee_id=me) | Q(rater_id=me) | Q(rater_superior_id=me)
    if viewer.held_position_paths:
        # Leaders read the evaluations of the plans they read: the plan in force, not the
        # person, so an earlier year's rater or leader does not follow someone who moved.
        condition |= Q(plan_id__in=skps_visible_to(viewer).values("pk"))
    if viewer.admin_unit_paths:
        units = Q(pk__in=[])
        for path in viewer.admin_unit_paths:
            units |= Q(path__startswith=path)
        condition |= Q(unit_id__in=Unit.objects.filter(units).values("pk"))
    return Q(agency_id=viewer.agency_id) & condition


def evaluations_visible_to(viewer) -> QuerySet[Evaluation]:
    scope = _scope(viewer)
    if scope is None:
        return Evaluation.objects.none()
    return Evaluation.objects.filter(scope)


def get_evaluation(viewer, pk: int) -> Evaluation:
    found = (
        evaluations_visible_to(viewer)
        .select_related(
            "employee", "period__performance_year", "unit", "org_unit", "plan__position"
        )
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


def get_period(viewer, period_id: int) -> Period:
    found = (
        Period.objects.filter(pk=period_id, performance_year__agency_id=viewer.agency_id)
        .select_related("performance_year")
        .first()
        if viewer.is_authenticated
        else None
    )
    if found is None:
        raise Http404
    return found


# --- deadlines --------------------------------------------------------------------------------


def deadlines_of(period: Period) -> rules.Deadlines:
    """The period's deadlines in its agency's calendar (one query for the days off)."""
    end = period.end_date
    off = days_off(period.performance_year.agency_id, end, end + datetime.timedelta(days=150))
    return rules.deadlines(end, off)


def _days_off_from(agency_id: int, start: datetime.date) -> set[datetime.date]:
    return days_off(agency_id, start, start + datetime.timedelta(days=60))


def keberatan_filing_deadline(evaluation: Evaluation) -> datetime.date | None:
    """The last day to file a keberatan, counted from the employee's receipt (None before it)."""
    if evaluation.acknowledged_on is None:
        return None
    received = evaluation.acknowledged_on
    return rules.keberatan_filing_deadline(received, _days_off_from(evaluation.agency_id, received))


def keberatan_decision_deadline(keberatan: Keberatan) -> datetime.date:
    """The last day for the rater's superior to decide, counted from filing."""
    filed = keberatan.filed_on
    return rules.keberatan_decision_deadline(filed, _days_off_from(keberatan.agency_id, filed))


def keberatan_decision_days_left(keberatan: Keberatan, day: datetime.date) -> int:
    """Working days left on `day` for the decision (0 on the deadline day), negative when late.
    A late decision is still recorded: refusing it would leave the employee with no decision at
    all, so the lateness is shown instead."""
    due = getattr(keberatan, "decision_due", None) or keberatan_decision_deadline(keberatan)
    return rules.working_days_left(
        day, due, days_off(keberatan.agency_id, min(day, due), max(day, due))
    )


def _with_decision_timing(keberatan: Keberatan | None) -> Keberatan | None:
    """Attach `decision_due` and, once decided, `decided_days_late` (for the summary and D.1.3)."""
    if keberatan is not None:
        keberatan.decision_due = keberatan_decision_deadline(keberatan)
        keberatan.decided_days_late = (
            max(0, -keberatan_decision_days_left(keberatan, keberatan.decided_on))
            if keberatan.decided_on
            else 0
        )
    return keberatan


def get_keberatan(viewer, evaluation_pk: int) -> Keberatan:
    """The keberatan of an evaluation the viewer reads (same scope as the evaluation)."""
    evaluation = get_evaluation(viewer, evaluation_pk)
    found = Keberatan.objects.filter(evaluation=evaluation).first()
    if found is None:
        raise Http404
    found.evaluation = evaluation
    return _with_decision_timing(found)


def keberatan_of(evaluation: Evaluation) -> Keberatan | None:
    return _with_decision_timing(Keberatan.objects.filter(evaluation=evaluation).first())


def keberatan_waiting(viewer) -> tuple[list[Keberatan], list[Keberatan]]:
    """The keberatan waiting for the viewer: as rater of record, to explain; as the rater's
    superior of record, to decide (oldest first; one query, none without an employee)."""
    me = viewer.employee_id if viewer.is_authenticated else None
    if me is None:
        return [], []
    waiting = list(
        Keberatan.objects.filter(agency_id=viewer.agency_id)
        .exclude(evaluation__employee_id=me)
        .filter(
            Q(status="filed", evaluation__rater_id=me)
            | Q(status="rater_heard", evaluation__rater_superior_id=me)
        )
        .order_by("filed_at", "pk")
    )
    to_hear = [k for k in waiting if k.status == "filed"]
    to_decide = [k for k in waiting if k.status == "rater_heard"]
    return to_hear, to_decide


# --- the employee's own -----------------------------------------------------------------------


def own_evaluations(viewer) -> list[Evaluation]:
    if not viewer.is_authenticated or viewer.employee_id is None:
        return []
    return list(
        Evaluation.objects.filter(employee_id=viewer.employee_id, agency_id=viewer.agency_id)
        .select_related("period__performance_year")
        .order_by("-period__end_date", "-is_annual")
    )


def own_waiting(viewer) -> tuple[int, int]:
    """(to acknowledge, to sign) of the viewer's own evaluations, one query."""
    if not viewer.is_authenticated or viewer.employee_id is None:
        return 0, 0
    rows = dict(
        Evaluation.objects.filter(
            employee_id=viewer.employee_id,
            status__in=[EvaluationStatus.SIGNED, EvaluationStatus.ACKNOWLEDGED],
        )
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return rows.get(EvaluationStatus.SIGNED, 0), rows.get(EvaluationStatus.ACKNOWLEDGED, 0)
