"""Writes of the evaluations: opening a period, rating (and calibrating with a reason),
finalising with the distribution warning, signing and handing over, the employee's receipt and
signature (PermenPANRB 6/2022 Ps 23-25, Lampiran p.90-103 and Bab V)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.accounts.actors import actor_user_id, as_viewer, audit_actor, require
from kinerja.appraisals import permissions, rules, selectors
from kinerja.appraisals.models import (
    CalibrationChange,
    Evaluation,
    EvaluationStatus,
)
from kinerja.core import audit
from kinerja.core.errors import ImmutableRecordError, PermissionDeniedError
from kinerja.core.fields import check_lengths
from kinerja.iku.models import Period
from kinerja.iku.selectors import org_predikat_for_appraisal
from kinerja.org.models import Unit
from kinerja.results import rules as plan_rules
from kinerja.results.models import SemesterResult, StudyLeave, StudyLeaveEndReason
from kinerja.results.rules import VERIFIED
from kinerja.skp.models import PlanExemption, RevisionKind, Skp

FIELDS = [
    "hasil",
    "perilaku",
    "predikat",
    "status",
    "set_by_superior",
    "keberatan_decided",
    "org_predikat",
    "signed_on",
    "acknowledged_on",
    "employee_signed_on",
]
_EVALUATE = gettext_lazy(
    "Only the rater of record evaluates, or the rater's superior once the rater's deadline "
    "has passed."
)
_OWN = gettext_lazy("Only the employee acknowledges and signs their own evaluation.")
_OPEN = gettext_lazy("Only BKPSDM opens the evaluations of a period.")
BATCH = 1000


def _today(actor) -> datetime.date:
    viewer = as_viewer(actor)
    return viewer.today if viewer is not None else timezone.localdate()


def _lock(evaluation: Evaluation) -> Evaluation:
    return (
        Evaluation.objects.select_for_update()
        .select_related("period__performance_year", "agency", "org_unit", "employee")
        .get(pk=evaluation.pk)
    )


def _event(actor, action, evaluation, *, before=None, reason=""):
    audit.record(
        actor=audit_actor(actor),
        action=action,
        obj=evaluation,
        agency=evaluation.agency,
        before=before,
        after=audit.snapshot(evaluation, FIELDS),
        reason=reason,
    )


def _acting(actor, evaluation, due) -> str:
    """ "rater" or "superior" for a person; for the system, who the calendar says acts."""
    viewer = as_viewer(actor)
    if viewer is None:
        return "rater" if rules.rater_may_act(_today(actor), due) else "superior"
    acting = permissions.acting_evaluator(viewer, evaluation, due)
    if acting is None:
        raise PermissionDeniedError(str(_EVALUATE))
    return acting


def _org_predikat(unit: Unit, period: Period) -> tuple[str, int | None]:
    found = org_predikat_for_appraisal(unit, period)
    if found is None:
        return "", None
    return rules.org_predikat_of(found.predikat).value, found.year


# --- opening a period -------------------------------------------------------------------------


def _plan_facts(agency_id: int, year: int) -> dict[int, list[dict]]:
    """Every set plan version of the agency's year, by employee (one query)."""
    zone = timezone.get_current_timezone()
    by_employee: dict[int, list[dict]] = {}
    rows = (
        Skp.objects.filter(agency_id=agency_id, year=year, set_at__isnull=False)
        .order_by()
        .values(
            "pk",
            "employee_id",
            "series",
            "version",
            "status",
            "start_date",
            "end_date",
            "set_at",
            "previous_id",
            "revision_kind",
            "unit_id",
            "rater_id",
            "rater_label",
            "rater_superior_id",
            "rater_superior_label",
            "rater_position__unit_id",
        )
    )
    for row in rows.iterator(chunk_size=5000):
        row["set_on"] = timezone.localtime(row["set_at"], zone).date()
        by_employee.setdefault(row["employee_id"], []).append(row)
    return by_employee


def _version(row) -> plan_rules.PlanVersion:
    return plan_rules.PlanVersion(
        pk=row["pk"],
        series=str(row["series"]),
        version=row["version"],
        status=row["status"],
        start_date=row["start_date"],
        end_date=row["end_date"],
        set_on=row["set_on"],
    )


def _plan_of_record(rows: list[dict], period: Period) -> dict | None:
    """The plan version whose rater evaluates the period (the rater-move window applied)."""
    chosen = plan_rules.plan_in_force(
        [_version(r) for r in rows], period.start_date, period.end_date
    )
    if chosen is None:
        return None
    by_pk = {r["pk"]: r for r in rows}
    at_end = by_pk[chosen.pk]
    before = by_pk.get(at_end["previous_id"])

    def facts(row):
        return rules.PlanRater(
            row["rater_id"], row["start_date"], row["revision_kind"] == RevisionKind.RATER_CHANGE
        )

    picked = rules.rater_of_record(
        facts(at_end), facts(before) if before else None, period.end_date
    )
    if before is not None and picked == facts(before) and picked != facts(at_end):
        # The departing rater evaluates; the content stays the plan in force at the end.
        return {**at_end, **{k: before[k] for k in _RATER_KEYS}}
    return at_end


_RATER_KEYS = (
    "rater_id",
    "rater_label",
    "rater_superior_id",
    "rater_superior_label",
    "rater_position__unit_id",
)


def _exempt_ids(agency_id: int, period: Period) -> set[int]:
    return set(
        PlanExemption.objects.filter(agency_id=agency_id, start_date__lte=period.start_date)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=period.end_date))
        .values_list("employee_id", flat=True)
    )


def _study_suggestions(agency_id: int, period: Period, employee_ids: list[int]) -> dict:
    """Employee -> the rating of work results suggested by the academic results of a study
    leave running at the period's end: the guidance predikat of the last verified IPK reported
    by then, and below expectation for a study cancelled (a drop-out) by then. Two queries."""
    leaves = {
        leave.pk: leave
        for leave in StudyLeave.objects.filter(
            agency_id=agency_id, employee_id__in=employee_ids, start_date__lte=period.end_date
        ).filter(
            Q(end_date__isnull=True)
            | Q(end_date__gte=period.end_date)
            | Q(end_reason=StudyLeaveEndReason.CANCELLED, end_date__gte=period.start_date)
        )
    }
    if not leaves:
        return {}
    latest = {}
    for leave_id, ipk in (
        SemesterResult.objects.filter(
            study_leave_id__in=leaves,
            status=VERIFIED,
            period__end_date__lte=period.end_date,
        )
        .order_by("study_leave_id", "semester")
        .values_list("study_leave_id", "ipk")
    ):
        latest[leave_id] = ipk
    found = {}
    for leave in leaves.values():
        if leave.end_reason == StudyLeaveEndReason.CANCELLED:
            found[leave.employee_id] = rules.Rating.DIBAWAH.value
        elif leave.pk in latest:
            guidance = rules.study_predikat(latest[leave.pk], leave.level, leave.accreditation)
            found[leave.employee_id] = rules.study_hasil(guidance).value
    return found


def evaluations_open_check(*, actor, period: Period) -> Period:
    """Refuse, as `evaluations_open` would, before the opening is queued: only BKPSDM of the
    period's agency, and not before the period's evaluation window starts."""
    period = Period.objects.select_related("performance_year__agency").get(pk=period.pk)
    agency_id = period.performance_year.agency_id
    require(actor, lambda v: permissions.can_open_evaluations(v, agency_id), str(_OPEN))
    if _today(actor) < rules.evaluation_window_start(period.end_date):
        raise ValidationError(
            {"period": _("The evaluation window of this period has not started yet.")}
        )
    return period


@transaction.atomic
def evaluations_open(*, actor, period: Period) -> int:
    """Open the evaluations of a period (a month, a quarter or the year) for every employee of
    the agency with a plan in force in it and not exempt for the whole period, with the rater
    of record, the unit and the organisation predikat frozen on each. Employees already opened
    are kept as they are, so running it again adds only the newcomers.

    A fixed number of queries whatever the number of employees, plus two per distinct unit
    whose organisation predikat applies; rows are written in batches. The annual evaluation
    carries the last period's ratings as a suggestion, never as the rating.
    """
    period = evaluations_open_check(actor=actor, period=period)
    py = period.performance_year
    plans = _plan_facts(py.agency_id, py.year)
    exempt = _exempt_ids(py.agency_id, period)
    existing = set(Evaluation.objects.filter(period=period).values_list("employee_id", flat=True))
    suggestions = {}
    if period.is_annual:
        last = (
            Period.objects.filter(performance_year=py)
            .exclude(kind="year")
            .order_by("-end_date")
            .first()
        )
        if last is not None:
            suggestions = {
                e: (h, p)
                for e, h, p in Evaluation.objects.filter(period=last)
                .exclude(status=EvaluationStatus.OPEN)
                .values_list("employee_id", "hasil", "perilaku")
            }
    chosen = []
    for employee_id, rows in plans.items():
        if employee_id in exempt or employee_id in existing:
            continue
        row = _plan_of_record(rows, period)
        if row is not None:
            chosen.append(row)
    study = _study_suggestions(py.agency_id, period, [r["employee_id"] for r in chosen])
    for employee_id, hasil in study.items():
        suggestions[employee_id] = (hasil, suggestions.get(employee_id, ("", ""))[1])
    org_unit_ids = {r["rater_position__unit_id"] or r["unit_id"] for r in chosen}
    units = Unit.objects.in_bulk(org_unit_ids)
    org = {pk: _org_predikat(unit, period) for pk, unit in units.items()}
    user = audit_actor(actor)
    opened = 0
    for start in range(0, len(chosen), BATCH):
        batch = []
        for row in chosen[start : start + BATCH]:
            org_unit_id = row["rater_position__unit_id"] or row["unit_id"]
            org_predikat, org_year = org[org_unit_id]
            hasil, perilaku = suggestions.get(row["employee_id"], ("", ""))
            head = row["rater_id"] is None
            if head and org_predikat and not hasil:
                hasil = rules.head_hasil(org_predikat).value
            batch.append(
                Evaluation(
                    agency_id=py.agency_id,
                    employee_id=row["employee_id"],
                    year=py.year,
                    period=period,
                    is_annual=period.is_annual,
                    plan_id=row["pk"],
                    unit_id=row["unit_id"],
                    rater_id=row["rater_id"],
                    rater_label=row["rater_label"],
                    rater_superior_id=row["rater_superior_id"],
                    rater_superior_label=row["rater_superior_label"],
                    org_unit_id=org_unit_id,
                    org_predikat=org_predikat,
                    org_predikat_year=org_year,
                    is_head_of_organisation=head,
                    suggested_hasil=hasil,
                    suggested_perilaku=perilaku,
                )
            )
        created = Evaluation.objects.bulk_create(batch, batch_size=BATCH)
        audit.record_many(
            [
                audit.build_event(
                    actor=user,
                    action="appraisals.evaluation.opened",
                    obj=evaluation,
                    agency=py.agency,
                    after=audit.snapshot(evaluation, FIELDS),
                )
                for evaluation in created
            ]
        )
        opened += len(created)
    return opened


# --- rating and calibration -------------------------------------------------------------------


def _rating(value, field: str) -> str:
    try:
        return rules.Rating(value).value
    except ValueError:
        raise ValidationError({field: _("Choose above, as or below expectation.")}) from None


def _refresh_org_predikat(evaluation: Evaluation) -> None:
    if not evaluation.org_predikat:
        evaluation.org_predikat, evaluation.org_predikat_year = _org_predikat(
            evaluation.org_unit, evaluation.period
        )


@transaction.atomic
def evaluation_rate(
    *,
    actor,
    evaluation: Evaluation,
    hasil: str,
    hasil_justification: str,
    perilaku: str,
    perilaku_justification: str,
    reason: str = "",
) -> Evaluation:
    """Give (or change) the two ratings, each with its written justification; the predikat
    follows the quadrant. A change of a given rating is kept as a calibration change; made
    while the team breaks the distribution pattern, it needs a reason."""
    evaluation = _lock(evaluation)
    due = selectors.deadlines_of(evaluation.period)
    acting = _acting(actor, evaluation, due)
    if not evaluation.is_rateable:
        raise ImmutableRecordError(_("A finalised evaluation changes only through a keberatan."))
    hasil, perilaku = _rating(hasil, "hasil"), _rating(perilaku, "perilaku")
    hasil_justification = (hasil_justification or "").strip()
    perilaku_justification = (perilaku_justification or "").strip()
    reason = (reason or "").strip()
    errors = {}
    if not hasil_justification:
        errors["hasil_justification"] = _("Explain the rating of work results.")
    if not perilaku_justification:
        errors["perilaku_justification"] = _("Explain the rating of work behaviour.")
    if errors:
        raise ValidationError(errors)
    check_lengths(
        Evaluation,
        hasil_justification=hasil_justification,
        perilaku_justification=perilaku_justification,
    )
    before = audit.snapshot(evaluation, FIELDS)
    new_predikat = rules.predikat(hasil, perilaku).value
    action = "appraisals.evaluation.rated"
    if evaluation.status == EvaluationStatus.RATED and (hasil, perilaku) != (
        evaluation.hasil,
        evaluation.perilaku,
    ):
        warnings = selectors.team_warnings(evaluation)
        if warnings and not reason:
            raise ValidationError(
                {
                    "reason": _(
                        "The team does not fit the distribution pattern: give the reason for "
                        "this change."
                    )
                }
            )
        check_lengths(CalibrationChange, reason=reason)
        CalibrationChange.objects.create(
            evaluation=evaluation,
            old_hasil=evaluation.hasil,
            old_perilaku=evaluation.perilaku,
            old_predikat=evaluation.predikat,
            new_hasil=hasil,
            new_perilaku=perilaku,
            new_predikat=new_predikat,
            warnings=warnings,
            after_warning=bool(warnings),
            reason=reason,
            changed_by_id=actor_user_id(actor),
            changed_at=timezone.now(),
        )
        action = "appraisals.evaluation.calibrated"
    _refresh_org_predikat(evaluation)
    evaluation.hasil, evaluation.perilaku = hasil, perilaku
    evaluation.hasil_justification = hasil_justification
    evaluation.perilaku_justification = perilaku_justification
    evaluation.predikat = new_predikat
    evaluation.status = EvaluationStatus.RATED
    evaluation.set_by_superior = acting == "superior"
    evaluation.rated_by_id = actor_user_id(actor)
    evaluation.rated_at = timezone.now()
    evaluation.full_clean()
    evaluation.save()
    _event(actor, action, evaluation, before=before, reason=reason)
    return evaluation


# --- finalising, signing, receipt -------------------------------------------------------------


def _finalise_locked(actor, evaluation: Evaluation) -> Evaluation:
    due = selectors.deadlines_of(evaluation.period)
    acting = _acting(actor, evaluation, due)
    if evaluation.status != EvaluationStatus.RATED:
        raise ValidationError({"status": _("Only a rated evaluation can be finalised.")})
    _refresh_org_predikat(evaluation)
    before = audit.snapshot(evaluation, FIELDS)
    # A warning, never a block (SE MenPANRB 3/2023): the bands broken are kept with the result.
    evaluation.distribution_warnings = selectors.team_warnings(evaluation)
    evaluation.status = EvaluationStatus.FINALISED
    evaluation.finalised_at = timezone.now()
    if acting == "superior":
        evaluation.set_by_superior = True
    evaluation.full_clean()
    evaluation.save()
    _event(actor, "appraisals.evaluation.finalised", evaluation, before=before)
    return evaluation


@transaction.atomic
def evaluation_finalise(*, actor, evaluation: Evaluation) -> Evaluation:
    """Fix the rated evaluation: after this it changes only through a keberatan. The team's
    distribution warnings are recorded with it, never a reason to refuse."""
    return _finalise_locked(actor, _lock(evaluation))


@transaction.atomic
def evaluations_finalise(*, actor, evaluations) -> list[Evaluation]:
    """Finalise several rated evaluations of the desk at once: all or nothing."""
    chosen = list(evaluations)
    if not chosen:
        raise ValidationError({"evaluations": _("Choose at least one evaluation.")})
    return [_finalise_locked(actor, _lock(e)) for e in chosen]


@transaction.atomic
def evaluation_sign(*, actor, evaluation: Evaluation) -> Evaluation:
    """The evaluator signs the finalised document and hands it to the employee (the date is
    the one of the handover). When the rater did not sign by the deadline, the rater's
    superior signs, and the result is final."""
    evaluation = _lock(evaluation)
    due = selectors.deadlines_of(evaluation.period)
    acting = _acting(actor, evaluation, due)
    if evaluation.status != EvaluationStatus.FINALISED:
        raise ValidationError({"status": _("Only a finalised evaluation can be signed.")})
    before = audit.snapshot(evaluation, FIELDS)
    if acting == "superior":
        evaluation.set_by_superior = True
    evaluation.status = EvaluationStatus.SIGNED
    evaluation.signed_on = _today(actor)
    evaluation.signed_by_id = actor_user_id(actor)
    evaluation.full_clean()
    evaluation.save()
    _event(actor, "appraisals.evaluation.signed", evaluation, before=before)
    return evaluation


@transaction.atomic
def evaluation_acknowledge(*, actor, evaluation: Evaluation) -> Evaluation:
    """The employee records the receipt of the signed document (the date counts for the
    keberatan and for the employee's signature)."""
    evaluation = _lock(evaluation)
    require(actor, lambda v: permissions.is_employee(v, evaluation), str(_OWN))
    if evaluation.status != EvaluationStatus.SIGNED:
        raise ValidationError({"status": _("Only a signed evaluation can be acknowledged.")})
    before = audit.snapshot(evaluation, FIELDS)
    evaluation.status = EvaluationStatus.ACKNOWLEDGED
    evaluation.acknowledged_on = _today(actor)
    evaluation.full_clean()
    evaluation.save()
    _event(actor, "appraisals.evaluation.acknowledged", evaluation, before=before)
    return evaluation


@transaction.atomic
def evaluation_sign_as_employee(*, actor, evaluation: Evaluation) -> Evaluation:
    evaluation = _lock(evaluation)
    require(actor, lambda v: permissions.is_employee(v, evaluation), str(_OWN))
    if evaluation.status != EvaluationStatus.ACKNOWLEDGED:
        raise ValidationError(
            {"status": _("Acknowledge the receipt of the evaluation before signing it.")}
        )
    before = audit.snapshot(evaluation, FIELDS)
    evaluation.status = EvaluationStatus.COMPLETED
    evaluation.employee_signed_on = _today(actor)
    evaluation.full_clean()
    evaluation.save()
    _event(actor, "appraisals.evaluation.employee_signed", evaluation, before=before)
    return evaluation


__all__ = [
    "evaluation_acknowledge",
    "evaluation_finalise",
    "evaluation_rate",
    "evaluation_sign",
    "evaluation_sign_as_employee",
    "evaluations_finalise",
    "evaluations_open",
]
