"""Writes of the academic results of employees on study leave (tugas belajar, Lampiran
PermenPANRB 6/2022 p.62-64; domain.md 1.8; the decree itself is `study_leave`): each semester's
IPK and credits entered by the employee with the institution's transcript or
feedback, verified or returned by the rater and corrected with a reason as a new version (the
workflow of realisations)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.accounts.actors import actor_user_id, as_viewer, audit_actor, require
from kinerja.core import audit
from kinerja.core.choices import choose
from kinerja.core.errors import ImmutableRecordError
from kinerja.core.fields import check_lengths
from kinerja.core.numbers import parse_int, parse_model_decimal
from kinerja.iku import files
from kinerja.iku.models import Period
from kinerja.org.models import Employee
from kinerja.results import permissions, rules, selectors
from kinerja.results.models import (
    RealisationStatus,
    RealisationVersionKind,
    SemesterEvidence,
    SemesterResult,
    SemesterResultVersion,
)
from kinerja.results.selectors import study as study_selectors

FIELDS = ["period", "semester", "ipk", "sks_taken", "sks_passed", "status", "version"]
EVIDENCE_FIELDS = ["result", "original_name", "sha256"]
_ENTER = gettext_lazy("Only the employee enters their own academic results.")
_VERIFY = gettext_lazy("Only the rater of the plan verifies this academic result.")


def _today(actor) -> datetime.date:
    viewer = as_viewer(actor)
    return viewer.today if viewer is not None else timezone.localdate()


def _event(actor, action, result, *, before=None, reason=""):
    audit.record(
        actor=audit_actor(actor),
        action=action,
        obj=result,
        agency=result.agency,
        before=before,
        after=audit.snapshot(result, FIELDS),
        reason=reason,
    )


def _lock(result: SemesterResult) -> SemesterResult:
    return (
        SemesterResult.objects.select_for_update()
        .select_related("agency", "study_leave", "period")
        .get(pk=result.pk)
    )


def _whole(value, field: str, label) -> int:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValidationError({field: _("Enter %(label)s.") % {"label": label}}, code="required")
    number = value if isinstance(value, int) and not isinstance(value, bool) else parse_int(value)
    if number is None or not 0 <= number <= 999:
        raise ValidationError({field: _("Enter a whole number from 0 to 999.")}, code="invalid")
    return number


def _ipk(value):
    number = parse_model_decimal(value, SemesterResult, "ipk", min_value=0)
    if number is None:
        raise ValidationError({"ipk": _("Enter the IPK of the semester.")}, code="required")
    if number > rules.IPK_MAX:
        raise ValidationError({"ipk": _("An IPK lies between 0.00 and 4.00.")}, code="max_value")
    return number


def _figures(ipk, sks_taken, sks_passed):
    ipk = _ipk(ipk)
    taken = _whole(sks_taken, "sks_taken", _("the credits (SKS) taken"))
    passed = _whole(sks_passed, "sks_passed", _("the credits (SKS) passed"))
    if passed > taken:
        raise ValidationError(
            {"sks_passed": _("The credits passed cannot exceed the credits taken.")},
            code="invalid",
        )
    return ipk, taken, passed


def _require_editable(result: SemesterResult) -> None:
    if result.status == RealisationStatus.VERIFIED:
        raise ImmutableRecordError(
            _("A verified academic result can only be changed through a correction.")
        )
    if result.status == RealisationStatus.SUBMITTED:
        raise ValidationError(
            {"status": _("The academic result is waiting for verification and cannot be edited.")}
        )


@transaction.atomic
def semester_enter(
    *,
    actor,
    employee: Employee,
    period,
    semester,
    ipk,
    sks_taken,
    sks_passed,
    institution_feedback: str = "",
) -> SemesterResult:
    """Create or change the draft result of one semester of the study leave that runs in the
    period (an instance or an id of one of the agency's evaluation periods)."""
    require(actor, lambda v: permissions.can_enter_for(v, employee), str(_ENTER))
    period = choose(
        Period.objects.filter(performance_year__agency_id=employee.agency_id)
        .exclude(kind="year")
        .select_related("performance_year"),
        period,
        field="period",
    )
    if period is None:
        raise ValidationError({"period": _("Choose the period.")})
    if period.start_date > _today(actor):
        raise ValidationError({"period": _("The period has not started yet.")})
    leave = study_selectors.study_leave_in(employee.pk, period)
    if leave is None:
        raise ValidationError({"period": _("The employee is not on study leave in this period.")})
    number = _whole(semester, "semester", _("the semester"))
    if not 1 <= number <= rules.MAX_SEMESTERS:
        raise ValidationError(
            {
                "semester": _("A semester is numbered from 1 to %(max)s.")
                % {"max": rules.MAX_SEMESTERS}
            }
        )
    ipk, taken, passed = _figures(ipk, sks_taken, sks_passed)
    institution_feedback = (institution_feedback or "").strip()
    check_lengths(SemesterResult, institution_feedback=institution_feedback)
    plan_id = selectors.plan_in_force_id(employee.pk, period)
    if plan_id is None:
        raise ValidationError({"period": _("No SKP was set for this period.")})
    plan = study_selectors.plan_by_id(plan_id)
    result = (
        SemesterResult.objects.select_for_update()
        .filter(study_leave=leave, semester=number)
        .first()
    )
    before = None
    if result is None:
        result = SemesterResult(
            agency_id=employee.agency_id,
            employee=employee,
            study_leave=leave,
            semester=number,
        )
    else:
        _require_editable(result)
        before = audit.snapshot(result, FIELDS)
    result.period = period
    result.unit_id = plan.unit_id
    result.rater_id = plan.rater_id
    result.ipk, result.sks_taken, result.sks_passed = ipk, taken, passed
    result.institution_feedback = institution_feedback
    result.entered_by_id = actor_user_id(actor)
    result.full_clean()
    result.save()
    if before != audit.snapshot(result, FIELDS):
        _event(actor, "results.semester.entered", result, before=before)
    return result


@transaction.atomic
def semester_submit(*, actor, result: SemesterResult) -> SemesterResult:
    result = _lock(result)
    require(actor, lambda v: permissions.is_owner(v, result), str(_ENTER))
    _require_editable(result)
    if not study_selectors.leave_runs_in(result.study_leave, result.period):
        # The decree was corrected or ended after the draft was written.
        raise ValidationError(
            {"period": _("The study leave no longer runs in the period of this academic result.")}
        )
    result.status = RealisationStatus.SUBMITTED
    result.submitted_at = timezone.now()
    result.full_clean()
    result.save()
    _event(actor, "results.semester.submitted", result)
    return result


@transaction.atomic
def semester_save(
    *,
    actor,
    employee: Employee,
    period,
    semester,
    ipk,
    sks_taken,
    sks_passed,
    institution_feedback: str = "",
    evidence_file=None,
    submit: bool = False,
) -> SemesterResult:
    """One entry of the period page: the draft, its optional transcript and, when asked, its
    submission, all or nothing."""
    result = semester_enter(
        actor=actor,
        employee=employee,
        period=period,
        semester=semester,
        ipk=ipk,
        sks_taken=sks_taken,
        sks_passed=sks_passed,
        institution_feedback=institution_feedback,
    )
    if evidence_file:
        semester_evidence_add(actor=actor, result=result, uploaded_file=evidence_file)
    if submit:
        result = semester_submit(actor=actor, result=result)
    return result


@transaction.atomic
def semester_verify(*, actor, result: SemesterResult) -> SemesterResult:
    result = _lock(result)
    require(actor, lambda v: permissions.can_verify(v, result), str(_VERIFY))
    if result.status != RealisationStatus.SUBMITTED:
        raise ValidationError({"status": _("Only a submitted academic result can be verified.")})
    now = timezone.now()
    result.status = RealisationStatus.VERIFIED
    result.verified_at = now
    result.verified_by_id = actor_user_id(actor)
    result.version += 1
    result.full_clean()
    result.save()
    SemesterResultVersion.objects.create(
        result=result,
        version=result.version,
        kind=RealisationVersionKind.VERIFIED,
        ipk=result.ipk,
        sks_taken=result.sks_taken,
        sks_passed=result.sks_passed,
        recorded_by_id=actor_user_id(actor),
        recorded_at=now,
    )
    _event(actor, "results.semester.verified", result)
    return result


@transaction.atomic
def semester_return(*, actor, result: SemesterResult, comment: str) -> SemesterResult:
    result = _lock(result)
    require(actor, lambda v: permissions.can_verify(v, result), str(_VERIFY))
    if result.status != RealisationStatus.SUBMITTED:
        raise ValidationError({"status": _("Only a submitted academic result can be returned.")})
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Say what has to be corrected.")})
    check_lengths(SemesterResult, return_comment=comment)
    result.status = RealisationStatus.RETURNED
    result.return_comment = comment
    result.returned_at = timezone.now()
    result.returned_by_id = actor_user_id(actor)
    result.full_clean()
    result.save()
    _event(actor, "results.semester.returned", result, reason=comment)
    return result


@transaction.atomic
def semester_correct(
    *, actor, result: SemesterResult, reason: str, ipk, sks_taken, sks_passed
) -> SemesterResult:
    """Change a verified academic result: the new figures become a new recorded version."""
    result = _lock(result)
    require(actor, lambda v: permissions.can_verify(v, result), str(_VERIFY))
    if result.status != RealisationStatus.VERIFIED:
        raise ValidationError({"status": _("Only a verified academic result is corrected.")})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Explain why the verified academic result is corrected.")}
        )
    check_lengths(SemesterResultVersion, reason=reason)
    before = audit.snapshot(result, FIELDS)
    result.ipk, result.sks_taken, result.sks_passed = _figures(ipk, sks_taken, sks_passed)
    result.version += 1
    result.full_clean()
    result.save()
    SemesterResultVersion.objects.create(
        result=result,
        version=result.version,
        kind=RealisationVersionKind.CORRECTED,
        ipk=result.ipk,
        sks_taken=result.sks_taken,
        sks_passed=result.sks_passed,
        reason=reason,
        recorded_by_id=actor_user_id(actor),
        recorded_at=timezone.now(),
    )
    _event(actor, "results.semester.corrected", result, before=before, reason=reason)
    return result


@transaction.atomic
def semester_evidence_add(*, actor, result: SemesterResult, uploaded_file) -> SemesterEvidence:
    """Attach the institution's transcript or feedback (a checked file: type by content, size
    limit, SHA-256) to an editable semester result."""
    result = _lock(result)
    require(actor, lambda v: permissions.is_owner(v, result), str(_ENTER))
    _require_editable(result)
    if not uploaded_file:
        raise ValidationError({"file": _("Choose the file of the transcript or feedback.")})
    checked = files.check_evidence_file(uploaded_file)
    evidence = SemesterEvidence(
        result=result,
        original_name=checked.original_name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by_id=actor_user_id(actor),
    )
    evidence.file.save(checked.original_name, uploaded_file, save=False)
    evidence.full_clean(exclude=["file"])
    evidence.save()
    audit.record(
        actor=audit_actor(actor),
        action="results.semester_evidence.added",
        obj=evidence,
        agency=result.agency,
        after=audit.snapshot(evidence, EVIDENCE_FIELDS),
    )
    return evidence


@transaction.atomic
def semester_evidence_remove(*, actor, evidence: SemesterEvidence) -> None:
    """Remove a transcript or feedback file from one's own semester result while it can still
    be edited (draft or returned); a submitted or verified result keeps its files. The stored
    file goes once the removal is committed."""
    evidence = SemesterEvidence.objects.select_related("result").get(pk=evidence.pk)
    result = _lock(evidence.result)
    require(actor, lambda v: permissions.is_owner(v, result), str(_ENTER))
    _require_editable(result)
    audit.record(
        actor=audit_actor(actor),
        action="results.semester_evidence.removed",
        obj=evidence,
        agency=result.agency,
        before=audit.snapshot(evidence, EVIDENCE_FIELDS),
    )
    stored = evidence.file if evidence.file else None
    evidence.delete()
    if stored:
        transaction.on_commit(lambda: stored.delete(save=False))
