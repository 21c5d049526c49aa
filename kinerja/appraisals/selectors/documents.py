"""Reads of the evaluation's documents: what its PDF forms print and the predikat recap of a
period in Excel, scoped to the viewer."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from kinerja.appraisals import permissions
from kinerja.appraisals.models import (
    HANDED_OVER,
    Evaluation,
    EvaluationPrintJob,
    EvaluationStatus,
    Keberatan,
)
from kinerja.appraisals.selectors.core import evaluations_visible_to, keberatan_of
from kinerja.iku.models import Period
from kinerja.org.models import Unit
from kinerja.org.rules import display_name
from kinerja.results.models import Realisation
from kinerja.skp.models import PrintJobStatus


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


# What the recap prints, read as plain values: a province's recap has some 50,000 rows, for which
# model instances (three related ones each) took seconds.
RECAP_FIELDS = (
    "employee__name",
    "employee__front_title",
    "employee__back_title",
    "plan__position__name",
    "unit__name",
    "rater_label",
    "status",
    "hasil",
    "perilaku",
    "predikat",
    "set_by_superior",
    "signed_on",
    "acknowledged_on",
    "employee_signed_on",
)


class RecapRow(NamedTuple):
    """One evaluation as the recap prints it."""

    name: str
    position: str
    unit: str
    rater: str
    status: str
    hasil: str
    perilaku: str
    predikat: str
    set_by_superior: bool
    signed_on: datetime.date | None
    acknowledged_on: datetime.date | None
    employee_signed_on: datetime.date | None


@dataclass
class PredikatRecap:
    period: Period
    unit: Unit | None
    rows: list[RecapRow]
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
    rows = [
        RecapRow(display_name(name, front, back), *rest)
        for name, front, back, *rest in found.order_by(
            "unit__path", "employee__name", "pk"
        ).values_list(*RECAP_FIELDS)
    ]
    rated = [r.predikat for r in rows if r.status != EvaluationStatus.OPEN and r.predikat]
    return PredikatRecap(period, unit, rows, dict(Counter(rated)), len(rows) - len(rated))


# --- batch print (cetak massal) of the evaluation PDFs -----------------------------------------

# What a batch prints: the evaluations whose result is final for the rater (finalised or later).
PRINTABLE = (EvaluationStatus.FINALISED, *HANDED_OVER)


def printable_evaluation_ids(viewer, period: Period, unit: Unit | None = None) -> list[int]:
    """The evaluations of the period a batch prints for the viewer: in the viewer's recap
    scope (and the unit's subtree when a unit is given), finalised or later; in the recap's
    order (unit, then name)."""
    scope = recap_scope(viewer)
    if scope is None:
        return []
    found = evaluations_visible_to(viewer).filter(
        scope, period_id=period.pk, status__in=[s.value for s in PRINTABLE]
    )
    if unit is not None:
        found = found.filter(unit__path__startswith=unit.path)
    return list(found.order_by("unit__path", "employee__name", "pk").values_list("pk", flat=True))


def print_evaluations(ids: list[int]) -> list[Evaluation]:
    """The evaluations of `ids` loaded for their PDF, in the order of `ids` (one query)."""
    found = Evaluation.objects.filter(pk__in=ids).select_related(
        "employee",
        "period__performance_year",
        "unit",
        "org_unit",
        "plan__position",
        "rater",
        "rater_superior",
    )
    by_pk = {e.pk: e for e in found}
    return [by_pk[pk] for pk in ids if pk in by_pk]


def print_jobs_visible_to(viewer) -> QuerySet[EvaluationPrintJob]:
    """A batch is seen by the user who asked for it, and by the BKPSDM admins of its agency."""
    if not viewer.is_authenticated:
        return EvaluationPrintJob.objects.none()
    found = EvaluationPrintJob.objects.filter(agency_id=viewer.agency_id)
    if not viewer.is_bkpsdm_admin:
        found = found.filter(created_by_id=viewer.user.pk)
    return found.select_related("period", "unit", "created_by")


def get_print_job(viewer, period: Period, pk: int) -> EvaluationPrintJob:
    job = print_jobs_visible_to(viewer).filter(pk=pk, period_id=period.pk).first()
    if job is None:
        raise Http404
    return job


# A batch older than this that never finished (a worker that died) no longer blocks a new one.
STALE_AFTER = datetime.timedelta(hours=2)


def active_print_job(user, period: Period, unit: Unit | None = None) -> EvaluationPrintJob | None:
    """A recent batch of the same user, period and unit still waiting or running, which a
    second request (a double click) joins instead of starting another."""
    return (
        EvaluationPrintJob.objects.filter(
            created_by_id=user.pk,
            period_id=period.pk,
            unit_id=unit.pk if unit is not None else None,
            status__in=[PrintJobStatus.PENDING, PrintJobStatus.RUNNING],
            created_at__gte=timezone.now() - STALE_AFTER,
        )
        .order_by("-pk")
        .first()
    )
