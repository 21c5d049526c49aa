"""The calibration desk of a rater (or of the rater's superior after the rater's deadline)."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q

from kinerja.accounts.models import Role
from kinerja.appraisals import permissions, rules
from kinerja.appraisals.models import (
    Evaluation,
    EvaluationOrgPredikat,
    EvaluationStatus,
)
from kinerja.appraisals.selectors.core import deadlines_of
from kinerja.appraisals.selectors.distribution import (
    BAND_LABELS,
    distribution_base,
    pattern_of,
    predikat_counts,
    same_unit_kerja,
)
from kinerja.iku.models import Period
from kinerja.results.models import Realisation

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
        # the regional head rates the heads, and stands above the raters who are heads
        who |= Q(rater__isnull=True) | Q(rater_superior__isnull=True)
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
    base: str = rules.DistributionBase.RATER.value

    @property
    def counts_the_unit(self) -> bool:
        return self.base == rules.DistributionBase.UNIT

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
    org = Counter((e.org_predikat, e.org_unit_id) for e in evaluations if e.org_predikat)
    org_predikat, org_unit_id = org.most_common(1)[0][0] if org else ("", None)
    base = distribution_base(viewer.agency_id)
    if base == rules.DistributionBase.UNIT and org_unit_id is not None:
        # the pattern counts the whole unit, other raters' evaluations included
        counts = predikat_counts(
            Evaluation.objects.filter(
                same_unit_kerja(org_unit_id, org_predikat),
                agency_id=viewer.agency_id,
                period_id=period.pk,
            )
        )
    return Desk(
        base=base,
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
    """For a unit head: the predikat (labels) given so far in the period by each rater of the units
    below the viewer's posts (rater label, counts, evaluations), one query grouped in the
    database. The plans of posts below the viewer's are in the viewer's scope by definition;
    they are read by joining the posts, because the scope's set of post ids, some 33,000 under
    a province's largest OPD, was compared one by one with every plan (3 s)."""
    if not viewer.held_position_paths:
        return []
    below = Q(pk__in=[])
    for path in viewer.held_position_paths:
        below |= Q(plan__position__path__startswith=path) & ~Q(plan__position__path=path)
    found: dict[str, Counter] = {}
    totals: Counter = Counter()
    for label, predikat, status, number in (
        Evaluation.objects.filter(below, agency_id=viewer.agency_id, period_id=period.pk)
        .order_by()
        .values("rater_label", "predikat", "status")
        .annotate(number=Count("pk"))
        .values_list("rater_label", "predikat", "status", "number")
    ):
        totals[label] += number
        if status != EvaluationStatus.OPEN and predikat:
            found.setdefault(label, Counter())[rules.PREDIKAT_LABELS[rules.Predikat(predikat)]] += (
                number
            )
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
