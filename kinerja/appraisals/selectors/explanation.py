"""One evaluation read whole: its calibration changes, its audit trail and "why this
predikat"."""

from __future__ import annotations

from dataclasses import dataclass

from kinerja.appraisals import rules
from kinerja.appraisals.models import Evaluation, EvaluationRating
from kinerja.appraisals.selectors.distribution import BAND_LABELS, pattern_of

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
