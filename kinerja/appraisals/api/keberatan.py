"""The keberatan on an evaluation through the API: the employee files it, the rater is heard,
the rater's superior decides (final). Scoped like the keberatan pages (out of scope: 404)."""

import datetime

from ninja import Field, Router, Schema

from kinerja.api.fields import model_text
from kinerja.api.schemas import BodyIn, responses, write_responses
from kinerja.api.types import Id
from kinerja.appraisals import selectors, services
from kinerja.appraisals.models import (
    EvaluationPredikat,
    EvaluationRating,
    Keberatan,
    KeberatanDecision,
    KeberatanStatus,
)

router = Router()


class AppraisalKeberatanOut(Schema):
    id: int = Field(description="Id of the keberatan.")
    evaluation: int = Field(alias="evaluation_id", description="Id of the evaluation objected to.")
    status: KeberatanStatus = Field(description="Filed, rater heard or decided.")
    reasons: str = Field(description="The employee's reasons.")
    filed_on: datetime.date = Field(description="The day it was filed.")
    decision_deadline: datetime.date = Field(
        description="Last day for the rater's superior to decide (7 working days after filing)."
    )
    rater_explanation: str = Field(description="The rater's explanation (empty: not heard yet).")
    explained_on: datetime.date | None = Field(description="The day the explanation was recorded.")
    decision: KeberatanDecision | None = Field(description="Confirm or change (null: undecided).")
    old_predikat: EvaluationPredikat = Field(description="The predikat objected to.")
    new_hasil: EvaluationRating | None = Field(description="Changed rating of work results.")
    new_perilaku: EvaluationRating | None = Field(description="Changed rating of work behaviour.")
    new_predikat: EvaluationPredikat | None = Field(description="The predikat after a change.")
    recommendations: str = Field(description="New recommendations when the result changed.")
    decided_on: datetime.date | None = Field(description="The day of the decision (final).")

    @staticmethod
    def resolve_decision(obj):
        return obj.decision or None

    @staticmethod
    def resolve_new_hasil(obj):
        return obj.new_hasil or None

    @staticmethod
    def resolve_new_perilaku(obj):
        return obj.new_perilaku or None

    @staticmethod
    def resolve_new_predikat(obj):
        return obj.new_predikat or None

    @staticmethod
    def resolve_decision_deadline(obj):
        return selectors.keberatan_decision_deadline(obj)


class AppraisalKeberatanFileIn(BodyIn):
    reasons: model_text(Keberatan, "reasons") = Field(
        min_length=1, description="Why the employee objects to the result (required)."
    )


class AppraisalKeberatanHearIn(BodyIn):
    explanation: model_text(Keberatan, "rater_explanation") = Field(
        min_length=1, description="The rater's explanation of the result objected to."
    )


class AppraisalKeberatanDecideIn(BodyIn):
    decision: KeberatanDecision = Field(description="Confirm or change the result.")
    hasil: EvaluationRating | None = Field(None, description="New rating of work results.")
    perilaku: EvaluationRating | None = Field(None, description="New rating of work behaviour.")
    recommendations: model_text(Keberatan, "recommendations") = Field(
        "", description="New recommendations (required when the result changes)."
    )


def _keberatan(request, pk) -> Keberatan:
    return selectors.get_keberatan(request.viewer, pk)


@router.get(
    "/appraisals/evaluations/{evaluation_id}/keberatan",
    response=responses(AppraisalKeberatanOut, 404),
    operation_id="appraisals_keberatan_detail",
    summary="The keberatan on an evaluation, with the rater's explanation and the decision",
)
def keberatan_detail(request, evaluation_id: Id):
    return _keberatan(request, evaluation_id)


@router.post(
    "/appraisals/evaluations/{evaluation_id}/keberatan",
    response=write_responses(AppraisalKeberatanOut),
    operation_id="appraisals_keberatan_file",
    summary="File a keberatan on one's received evaluation (the employee, within 14 working days)",
)
def keberatan_file(request, evaluation_id: Id, payload: AppraisalKeberatanFileIn):
    services.keberatan_file(
        actor=request.viewer,
        evaluation=selectors.get_evaluation(request.viewer, evaluation_id),
        reasons=payload.reasons,
    )
    return _keberatan(request, evaluation_id)


@router.post(
    "/appraisals/evaluations/{evaluation_id}/keberatan/hear-rater",
    response=write_responses(AppraisalKeberatanOut),
    operation_id="appraisals_keberatan_hear_rater",
    summary="Record the rater's explanation (the rater of record or the rater's superior)",
)
def keberatan_hear_rater(request, evaluation_id: Id, payload: AppraisalKeberatanHearIn):
    services.keberatan_hear_rater(
        actor=request.viewer,
        keberatan=_keberatan(request, evaluation_id),
        explanation=payload.explanation,
    )
    return _keberatan(request, evaluation_id)


@router.post(
    "/appraisals/evaluations/{evaluation_id}/keberatan/decide",
    response=write_responses(AppraisalKeberatanOut),
    operation_id="appraisals_keberatan_decide",
    summary="Confirm or change the result objected to (the rater's superior; final)",
)
def keberatan_decide(request, evaluation_id: Id, payload: AppraisalKeberatanDecideIn):
    services.keberatan_decide(
        actor=request.viewer,
        keberatan=_keberatan(request, evaluation_id),
        decision=payload.decision,
        hasil=payload.hasil,
        perilaku=payload.perilaku,
        recommendations=payload.recommendations,
    )
    return _keberatan(request, evaluation_id)
