"""Reads of the evaluations, scoped to the viewer (out of scope: 404).

Who reads an evaluation: the employee, the rater and the rater's superior of record, the
leaders above the employee (those who read the plan), the admins of the employee's unit, and
BKPSDM, pimpinan and auditors for the whole agency.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from kinerja.accounts.models import Role
from kinerja.appraisals import permissions, rules
from kinerja.appraisals.models import (
    Evaluation,
    EvaluationOrgPredikat,
    EvaluationRating,
    EvaluationStatus,
    Keberatan,
)
from kinerja.iku.models import Period
from kinerja.iku.selectors.calendar import days_off
from kinerja.org.models import Unit
from kinerja.results.models import Realisation
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
        .select_related("employee", "period__performance_year", "unit", "org_unit", "plan")
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


def get_keberatan(viewer, evaluation_pk: int) -> Keberatan:
    """The keberatan of an evaluation the viewer reads (same scope as the evaluation)."""
    evaluation = get_evaluation(viewer, evaluation_pk)
    found = Keberatan.objects.filter(evaluation=evaluation).first()
    if found is None:
        raise Http404
    found.evaluation = evaluation
    return found


def keberatan_of(evaluation: Evaluation) -> Keberatan | None:
    return Keberatan.objects.filter(evaluation=evaluation).first()


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


# --- the team and its distribution -----------------------------------------------------------


def team_of(evaluation: Evaluation) -> QuerySet[Evaluation]:
    """The evaluations of the same period by the same rater of record: the base of the
    distribution pattern (SE MenPANRB 3/2023)."""
    rater = Q(rater_id=evaluation.rater_id) if evaluation.rater_id else Q(rater__isnull=True)
    return Evaluation.objects.filter(
        rater, agency_id=evaluation.agency_id, period_id=evaluation.period_id
    )


def predikat_counts(evaluations: QuerySet[Evaluation]) -> dict[str, int]:
    rows = (
        evaluations.filter(status__in=RATED_OR_LATER)
        .order_by()
        .values("predikat")
        .annotate(n=Count("pk"))
        .values_list("predikat", "n")
    )
    return {predikat: n for predikat, n in rows if predikat}


def team_warnings(evaluation: Evaluation, counts: dict[str, int] | None = None) -> list[str]:
    """The codes of the bands the team breaks now; empty while the organisation predikat is
    undecided (the distribution check waits for it)."""
    if not evaluation.org_predikat:
        return []
    if counts is None:
        counts = predikat_counts(team_of(evaluation))
    return [band.code for band in rules.distribution_check(evaluation.org_predikat, counts)]


BAND_LABELS = {
    "sangat_baik_at_most_70": "Sangat Baik ≤ 70 %",
    "baik_at_most_70": "Baik ≤ 70 %",
    "some_butuh_perbaikan_or_kurang": "Butuh Perbaikan / Kurang ≥ 1",
    "butuh_perbaikan_at_least_60": "Butuh Perbaikan ≥ 60 %",
    "sangat_baik_at_most_10": "Sangat Baik ≤ 10 %",
    "kurang_at_least_60": "Kurang (Misconduct) ≥ 60 %",
    "butuh_perbaikan_at_least_10": "Butuh Perbaikan ≥ 10 %",
    "sangat_kurang_at_least_60": "Sangat Kurang ≥ 60 %",
    "kurang_or_butuh_perbaikan_at_least_10": "Kurang / Butuh Perbaikan ≥ 10 %",
    "no_sangat_baik": "Sangat Baik = 0",
}


def pattern_of(org_predikat: str) -> list[str]:
    """The bands of the pattern an organisation predikat sets, as short readable lines."""
    if not org_predikat:
        return []
    return [BAND_LABELS[b.code] for b in rules.PATTERNS[rules.OrgPredikat(org_predikat)]]


# --- the calibration desk ---------------------------------------------------------------------


def _acting_filter(viewer, due: rules.Deadlines) -> Q:
    """The evaluations of the period the viewer evaluates today."""
    mine = Q(pk__in=[])
    if rules.rater_may_act(viewer.today, due):
        if viewer.employee_id is not None:
            mine |= Q(rater_id=viewer.employee_id)
        if Role.PIMPINAN in viewer.granted_roles:
            mine |= Q(rater__isnull=True)
    else:
        if viewer.employee_id is not None:
            mine |= Q(rater_superior_id=viewer.employee_id)
        if Role.PIMPINAN in viewer.granted_roles:
            mine |= Q(rater_superior__isnull=True)
    return mine


def desk_periods(viewer) -> list[Period]:
    """The periods in which the viewer is rater (or rater's superior) of record of someone."""
    if not permissions.may_evaluate_anyone(viewer):
        return []
    who = Q(pk__in=[])
    if viewer.employee_id is not None:
        who |= Q(rater_id=viewer.employee_id) | Q(rater_superior_id=viewer.employee_id)
    if Role.PIMPINAN in viewer.granted_roles:
        who |= Q(rater__isnull=True)
    ids = (
        Evaluation.objects.filter(who, agency_id=viewer.agency_id)
        .exclude(employee_id=viewer.employee_id)
        .values("period_id")
    )
    return list(
        Period.objects.filter(pk__in=ids)
        .select_related("performance_year")
        .order_by("-end_date", "kind")
    )


@dataclass
class DeskRow:
    evaluation: Evaluation
    realisations: int = 0
    verified: int = 0


@dataclass
class Desk:
    period: Period
    deadlines: rules.Deadlines
    acting_as: str  # "rater" or "superior"
    rows: list[DeskRow]
    org_predikat: str
    counts: dict[str, int]
    warnings: list[str]
    room: dict[str, int]
    pattern: list[str] = field(default_factory=list)

    @property
    def org_predikat_label(self) -> str:
        return dict(EvaluationOrgPredikat.choices).get(self.org_predikat, "")

    @property
    def rated(self) -> int:
        return sum(self.counts.values())

    @property
    def to_finalise(self) -> list[Evaluation]:
        return [r.evaluation for r in self.rows if r.evaluation.status == EvaluationStatus.RATED]

    @property
    def warning_labels(self) -> list[str]:
        return [BAND_LABELS[c] for c in self.warnings]

    @property
    def room_labels(self) -> list[tuple[str, int]]:
        return [(BAND_LABELS[c], n) for c, n in self.room.items()]

    @property
    def distribution(self) -> list[tuple[str, int]]:
        return [(label, self.counts.get(code, 0)) for code, label in rules.PREDIKAT_LABELS.items()]


def desk(viewer, period: Period) -> Desk:
    """The team the viewer evaluates in the period, with each one's ratings and realisation
    summary, the team's distribution against the pattern and the room left per band: a fixed
    number of queries whatever the size of the team."""
    due = deadlines_of(period)
    acting = "rater" if rules.rater_may_act(viewer.today, due) else "superior"
    evaluations = list(
        Evaluation.objects.filter(
            _acting_filter(viewer, due), agency_id=viewer.agency_id, period_id=period.pk
        )
        .exclude(employee_id=viewer.employee_id)
        .select_related("employee", "unit")
        .order_by("employee__name", "pk")
    )
    summary = {}
    if evaluations and not period.is_annual:
        for employee_id, total, verified in (
            Realisation.objects.filter(
                period_id=period.pk, employee_id__in=[e.employee_id for e in evaluations]
            )
            .order_by()
            .values("employee_id")
            .annotate(total=Count("pk"), verified=Count("pk", filter=Q(status="verified")))
            .values_list("employee_id", "total", "verified")
        ):
            summary[employee_id] = (total, verified)
    rows = [DeskRow(e, *summary.get(e.employee_id, (0, 0))) for e in evaluations]
    counts = Counter(e.predikat for e in evaluations if e.status != EvaluationStatus.OPEN)
    counts = dict(counts)
    org = Counter(e.org_predikat for e in evaluations if e.org_predikat).most_common(1)
    org_predikat = org[0][0] if org else ""
    return Desk(
        period=period,
        deadlines=due,
        acting_as=acting,
        rows=rows,
        org_predikat=org_predikat,
        counts=counts,
        warnings=[b.code for b in rules.distribution_check(org_predikat, counts)]
        if org_predikat
        else [],
        room=rules.room_left(org_predikat, counts) if org_predikat else {},
        pattern=pattern_of(org_predikat),
    )


def unit_overview(viewer, period: Period) -> list[tuple[str, dict[str, int], int]]:
    """For a unit head: the predikat given so far in the period by each rater of the units
    below the viewer's posts (rater label, counts, evaluations), one query."""
    if not viewer.held_position_paths:
        return []
    visible = evaluations_visible_to(viewer).filter(period_id=period.pk)
    found: dict[str, dict] = {}
    totals: Counter = Counter()
    for label, predikat, status in visible.order_by().values_list(
        "rater_label", "predikat", "status"
    ):
        totals[label] += 1
        if status != EvaluationStatus.OPEN:
            found.setdefault(label, Counter())[predikat] += 1
    return [(label, dict(found.get(label, {})), totals[label]) for label in sorted(totals)]


def count_to_evaluate(viewer) -> tuple[int, datetime.date | None]:
    """Evaluations waiting for the viewer's rating, finalisation or signature, over the periods
    in which the viewer still acts, and the nearest deadline (a few queries)."""
    total, nearest = 0, None
    for period in desk_periods(viewer)[:4]:
        due = deadlines_of(period)
        pending = (
            Evaluation.objects.filter(
                _acting_filter(viewer, due),
                agency_id=viewer.agency_id,
                period_id=period.pk,
                status__in=[
                    EvaluationStatus.OPEN,
                    EvaluationStatus.RATED,
                    EvaluationStatus.FINALISED,
                ],
            )
            .exclude(employee_id=viewer.employee_id)
            .count()
        )
        if pending:
            total += pending
            last = due.rater if rules.rater_may_act(viewer.today, due) else due.superior
            nearest = last if nearest is None else min(nearest, last)
    return total, nearest


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


# --- one evaluation ---------------------------------------------------------------------------


def calibration_changes(evaluation: Evaluation) -> list:
    return list(evaluation.calibration_changes.select_related("changed_by").order_by("changed_at"))


def history_of(evaluation: Evaluation) -> list:
    """The audit trail of the evaluation, oldest first, each with its plain-language label."""
    from kinerja.core.audit_labels import action_label
    from kinerja.core.models import AuditEvent

    events = list(
        AuditEvent.objects.filter(
            object_type="appraisals.evaluation", object_id=str(evaluation.pk)
        ).order_by("created_at", "pk")
    )
    for event in events:
        event.label = action_label(event.action)
    return events


@dataclass
class Explanation:
    evaluation: Evaluation
    pattern: list[str]
    warnings: list[str]
    quadrant: list[tuple[str, list[tuple[str, bool]]]]
    changes: list


def explanation(evaluation: Evaluation) -> Explanation:
    """Why this predikat: the organisation's achievement and its pattern, both ratings, the
    quadrant with the cell of this evaluation, and the calibration changes with reasons."""
    labels = dict(EvaluationRating.choices)
    quadrant = []
    for hasil in rules.Rating:
        cells = []
        for perilaku in rules.Rating:
            cell = rules.QUADRANT[hasil, perilaku]
            cells.append(
                (
                    rules.PREDIKAT_LABELS[cell],
                    evaluation.hasil == hasil and evaluation.perilaku == perilaku,
                )
            )
        quadrant.append((labels[hasil.value], cells))
    return Explanation(
        evaluation=evaluation,
        pattern=pattern_of(evaluation.org_predikat),
        warnings=[BAND_LABELS.get(c, c) for c in evaluation.distribution_warnings],
        quadrant=quadrant,
        changes=calibration_changes(evaluation),
    )


# --- documents: the evaluation's PDF and the predikat recap ----------------------------------


@dataclass
class EvaluationDocument:
    """What the evaluation's forms print: the plan it rests on (with `rhk_list`), the
    realisation of each indicator (the period's, or for the year the latest), how many pieces
    of feedback were received per RHK and per BerAKHLAK value, and the keberatan if any."""

    evaluation: Evaluation
    plan: object
    realisations: dict
    feedback_per_rhk: dict
    feedback_per_value: dict
    keberatan: Keberatan | None


def evaluation_document(evaluation: Evaluation) -> EvaluationDocument:
    """An evaluation already read through `get_evaluation`, loaded for its documents (a fixed
    number of queries)."""
    from kinerja.feedback.models import Feedback
    from kinerja.skp.selectors.documents import document_plan

    period = evaluation.period
    found = Realisation.objects.filter(employee_id=evaluation.employee_id).select_related("period")
    if period.is_annual:
        found = found.filter(year=evaluation.year).order_by("period__end_date", "pk")
    else:
        found = found.filter(period_id=period.pk)
    realisations = {r.indicator_key: r for r in found}  # for the year: the latest wins
    feedback = Feedback.objects.filter(employee_id=evaluation.employee_id, year=evaluation.year)
    if not period.is_annual:
        feedback = feedback.filter(given_on__range=(period.start_date, period.end_date))
    per_rhk, per_value = Counter(), Counter()
    for rhk_key, core_value in feedback.order_by().values_list("rhk_key", "core_value"):
        if rhk_key:
            per_rhk[rhk_key] += 1
        if core_value:
            per_value[core_value] += 1
    return EvaluationDocument(
        evaluation=evaluation,
        plan=document_plan(evaluation.plan),
        realisations=realisations,
        feedback_per_rhk=dict(per_rhk),
        feedback_per_value=dict(per_value),
        keberatan=keberatan_of(evaluation),
    )


def recap_scope(viewer) -> Q | None:
    """Whose evaluations a viewer finds in the predikat recap: the whole agency for BKPSDM,
    pimpinan and auditors; the units of a unit admin; those a rater (or the rater's superior)
    of record evaluates. None: the viewer reads no recap."""
    if not viewer.is_authenticated:
        return None
    if viewer.sees_whole_agency:
        return Q(agency_id=viewer.agency_id)
    condition, any_ = Q(pk__in=[]), False
    if viewer.admin_unit_paths:
        for path in viewer.admin_unit_paths:
            condition |= Q(unit__path__startswith=path)
        any_ = True
    if permissions.may_evaluate_anyone(viewer) and viewer.employee_id is not None:
        me = viewer.employee_id
        condition |= (Q(rater_id=me) | Q(rater_superior_id=me)) & ~Q(employee_id=me)
        any_ = True
    return Q(agency_id=viewer.agency_id) & condition if any_ else None


@dataclass
class PredikatRecap:
    period: Period
    unit: Unit | None
    rows: list[Evaluation]
    counts: dict[str, int]
    not_rated: int


def predikat_recap(viewer, period: Period, unit: Unit | None = None) -> PredikatRecap:
    """The evaluations of the period in the viewer's recap scope (and in the unit's subtree
    when a unit is given), each also readable on its page, and the count per predikat: one
    query whatever their number."""
    scope = recap_scope(viewer)
    found = evaluations_visible_to(viewer).filter(period_id=period.pk)
    found = found.filter(scope) if scope is not None else found.none()
    if unit is not None:
        found = found.filter(unit__path__startswith=unit.path)
    rows = list(
        found.select_related("employee", "unit", "plan__position").order_by(
            "unit__path", "employee__name", "pk"
        )
    )
    rated = [e.predikat for e in rows if e.status != EvaluationStatus.OPEN and e.predikat]
    return PredikatRecap(period, unit, rows, dict(Counter(rated)), len(rows) - len(rated))
