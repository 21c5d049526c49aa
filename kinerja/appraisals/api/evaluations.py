"""The evaluations through the API: the list, one evaluation with its explanation, and the
steps of the rater, the rater's superior and the employee (rate, finalise, sign, acknowledge,
sign as the employee). A finalised evaluation changes only through a keberatan: 409."""

import datetime

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from kinerja.api.fields import model_text
from kinerja.api.pagination import LimitOffset
from kinerja.api.schemas import BodyIn, InputSchema, responses, write_responses
from kinerja.api.types import Id
from kinerja.appraisals import selectors, services
from kinerja.appraisals.models import (
    CalibrationChange,
    Evaluation,
    EvaluationOrgPredikat,
    EvaluationPredikat,
    EvaluationRating,
    EvaluationStatus,
)

router = Router()

# --- shapes -----------------------------------------------------------------------------------


class AppraisalFilters(InputSchema):
    year: int | None = Field(None, ge=2000, le=2100, description="Only this year.")
    period: Id | None = Field(None, description="Only this period id.")
    employee: Id | None = Field(None, description="Only this employee id.")
    status: EvaluationStatus | None = Field(None, description="Only this status.")


class AppraisalEvaluationOut(Schema):
    id: int = Field(description="Id of the evaluation.")
    employee: int = Field(alias="employee_id", description="Id of the employee.")
    employee_name: str = Field(alias="employee.full_name", description="Name with titles.")
    year: int = Field(description="The year.")
    period: int = Field(alias="period_id", description="Id of the period (month, quarter, year).")
    period_label: str = Field(alias="period.label", description="The period as written.")
    is_annual: bool = Field(description="The annual evaluation (siklus penuh).")
    plan: int = Field(alias="plan_id", description="Id of the SKP version in force at the end.")
    unit: int = Field(alias="unit_id", description="Id of the employee's unit in the plan.")
    rater: int | None = Field(
        alias="rater_id", description="Id of the rater of record (null: the regional head)."
    )
    rater_label: str = Field(description="The rater of record as named on the plan.")
    rater_superior: int | None = Field(
        alias="rater_superior_id", description="Id of the rater's superior of record."
    )
    org_predikat: EvaluationOrgPredikat | None = Field(
        description="The organisation's achievement for the rater's unit (null: undecided)."
    )
    hasil: EvaluationRating | None = Field(description="Rating of work results (null: not rated).")
    perilaku: EvaluationRating | None = Field(
        description="Rating of work behaviour (null: not rated)."
    )
    predikat: EvaluationPredikat | None = Field(description="The quadrant's predikat.")
    status: EvaluationStatus = Field(description="Where the evaluation stands.")
    set_by_superior: bool = Field(
        description="Set by the rater's superior after the rater's deadline: final."
    )
    signed_on: datetime.date | None = Field(description="Signed and handed over on.")
    acknowledged_on: datetime.date | None = Field(description="Received by the employee on.")
    employee_signed_on: datetime.date | None = Field(description="Signed by the employee on.")

    @staticmethod
    def resolve_org_predikat(obj):
        return obj.org_predikat or None

    @staticmethod
    def resolve_hasil(obj):
        return obj.hasil or None

    @staticmethod
    def resolve_perilaku(obj):
        return obj.perilaku or None

    @staticmethod
    def resolve_predikat(obj):
        return obj.predikat or None


class AppraisalChangeOut(Schema):
    old_predikat: EvaluationPredikat = Field(description="The predikat before the change.")
    new_predikat: EvaluationPredikat = Field(description="The predikat after the change.")
    reason: str = Field(description="Why the rating was changed.")
    after_warning: bool = Field(
        description="The team broke the distribution pattern when it was changed."
    )
    changed_at: datetime.datetime = Field(description="When it was changed.")


class AppraisalEvaluationDetailOut(AppraisalEvaluationOut):
    hasil_justification: str = Field(description="Why this rating of work results.")
    perilaku_justification: str = Field(description="Why this rating of work behaviour.")
    suggested_hasil: str = Field(
        description="Annual: the last period's rating of work results, a suggestion only."
    )
    suggested_perilaku: str = Field(
        description="Annual: the last period's rating of work behaviour, a suggestion only."
    )
    pattern: list[str] = Field(description="The distribution pattern the org predikat sets.")
    distribution_warnings: list[str] = Field(
        description="Bands of the pattern the rater's team broke when it was finalised."
    )
    rater_deadline: datetime.date = Field(description="Last day for the rater to evaluate.")
    superior_deadline: datetime.date = Field(
        description="Last day for the rater's superior, who takes over after the rater's."
    )
    keberatan_allowed: bool = Field(description="The result may still be objected to.")
    calibration_changes: list[AppraisalChangeOut] = Field(
        description="Every change of a given rating, with its reason."
    )


class AppraisalRateIn(BodyIn):
    hasil: EvaluationRating = Field(description="Rating of work results.")
    hasil_justification: model_text(Evaluation, "hasil_justification") = Field(
        min_length=1, description="Why this rating of work results (required)."
    )
    perilaku: EvaluationRating = Field(description="Rating of work behaviour.")
    perilaku_justification: model_text(Evaluation, "perilaku_justification") = Field(
        min_length=1, description="Why this rating of work behaviour (required)."
    )
    reason: model_text(CalibrationChange, "reason") = Field(
        "", description="Why a given rating changes (required while the team breaks the pattern)."
    )


# --- operations -------------------------------------------------------------------------------


class _Detail:
    def __init__(self, evaluation, **extra):
        self._evaluation = evaluation
        self.__dict__.update(extra)

    def __getattr__(self, name):
        return getattr(self._evaluation, name)


def _detail(request, pk: int) -> _Detail:
    evaluation = selectors.get_evaluation(request.viewer, pk)
    due = selectors.deadlines_of(evaluation.period)
    return _Detail(
        evaluation,
        pattern=selectors.pattern_of(evaluation.org_predikat),
        rater_deadline=due.rater,
        superior_deadline=due.superior,
        keberatan_allowed=evaluation.keberatan_allowed,
        calibration_changes=selectors.calibration_changes(evaluation),
    )


@router.get(
    "/appraisals/evaluations",
    response=responses(list[AppraisalEvaluationOut], 400),
    operation_id="appraisals_evaluations_list",
    summary="List the evaluations the caller may see",
)
@paginate(LimitOffset)
def evaluation_list(request, filters: Query[AppraisalFilters]):
    """Own evaluations, those the caller rates or supervises, those of the units they
    administer or lead; the whole agency for BKPSDM, pimpinan and auditors."""
    qs = selectors.evaluations_visible_to(request.viewer).select_related("employee", "period")
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.period:
        qs = qs.filter(period_id=filters.period)
    if filters.employee:
        qs = qs.filter(employee_id=filters.employee)
    if filters.status:
        qs = qs.filter(status=filters.status)
    return qs.order_by("period__start_date", "employee_id", "pk")


@router.get(
    "/appraisals/evaluations/{evaluation_id}",
    response=responses(AppraisalEvaluationDetailOut, 404),
    operation_id="appraisals_evaluations_detail",
    summary="One evaluation with its explanation (why this predikat)",
)
def evaluation_detail(request, evaluation_id: Id):
    return _detail(request, evaluation_id)


def _evaluation(request, pk) -> Evaluation:
    return selectors.get_evaluation(request.viewer, pk)


@router.post(
    "/appraisals/evaluations/{evaluation_id}/rate",
    response=write_responses(AppraisalEvaluationDetailOut),
    operation_id="appraisals_evaluations_rate",
    summary="Give or change both ratings with their justifications (the rater of record)",
)
def evaluation_rate(request, evaluation_id: Id, payload: AppraisalRateIn):
    services.evaluation_rate(
        actor=request.viewer,
        evaluation=_evaluation(request, evaluation_id),
        hasil=payload.hasil,
        hasil_justification=payload.hasil_justification,
        perilaku=payload.perilaku,
        perilaku_justification=payload.perilaku_justification,
        reason=payload.reason,
    )
    return _detail(request, evaluation_id)


@router.post(
    "/appraisals/evaluations/{evaluation_id}/finalise",
    response=write_responses(AppraisalEvaluationDetailOut),
    operation_id="appraisals_evaluations_finalise",
    summary="Finalise a rated evaluation; distribution warnings are recorded, never a block",
)
def evaluation_finalise(request, evaluation_id: Id):
    services.evaluation_finalise(
        actor=request.viewer, evaluation=_evaluation(request, evaluation_id)
    )
    return _detail(request, evaluation_id)


@router.post(
    "/appraisals/evaluations/{evaluation_id}/sign",
    response=write_responses(AppraisalEvaluationDetailOut),
    operation_id="appraisals_evaluations_sign",
    summary="Sign a finalised evaluation and hand it to the employee (the evaluator)",
)
def evaluation_sign(request, evaluation_id: Id):
    services.evaluation_sign(actor=request.viewer, evaluation=_evaluation(request, evaluation_id))
    return _detail(request, evaluation_id)


@router.post(
    "/appraisals/evaluations/{evaluation_id}/acknowledge",
    response=write_responses(AppraisalEvaluationDetailOut),
    operation_id="appraisals_evaluations_acknowledge",
    summary="Acknowledge receipt of one's signed evaluation (the employee)",
)
def evaluation_acknowledge(request, evaluation_id: Id):
    services.evaluation_acknowledge(
        actor=request.viewer, evaluation=_evaluation(request, evaluation_id)
    )
    return _detail(request, evaluation_id)


@router.post(
    "/appraisals/evaluations/{evaluation_id}/employee-sign",
    response=write_responses(AppraisalEvaluationDetailOut),
    operation_id="appraisals_evaluations_employee_sign",
    summary="Sign one's acknowledged evaluation (the employee)",
)
def evaluation_employee_sign(request, evaluation_id: Id):
    services.evaluation_sign_as_employee(
        actor=request.viewer, evaluation=_evaluation(request, evaluation_id)
    )
    return _detail(request, evaluation_id)
