"""Writes of the keberatan (objection) to an evaluation: the employee files it with reasons
within 14 working days of receipt, the rater's superior hears the rater (the explanation is
recorded) and confirms or changes the result within 7 working days, with new recommendations
when changed; that decision is final (PermenPANRB 6/2022 Lampiran p.117, format D.1.3)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.accounts.actors import actor_user_id, audit_actor, require
from kinerja.appraisals import permissions, rules, selectors
from kinerja.appraisals.models import (
    Evaluation,
    Keberatan,
    KeberatanDecision,
    KeberatanStatus,
)
from kinerja.appraisals.services.evaluation import _lock, _rating, _today
from kinerja.core import audit
from kinerja.core.fields import check_lengths

KEBERATAN_FIELDS = [
    "status",
    "decision",
    "old_hasil",
    "old_perilaku",
    "old_predikat",
    "new_hasil",
    "new_perilaku",
    "new_predikat",
    "explained_on",
    "decided_on",
]
_FILE = gettext_lazy("Only the employee files a keberatan on their own evaluation.")
_HEAR = gettext_lazy(
    "Only the rater of record, or the rater's superior, records the rater's explanation."
)
_DECIDE = gettext_lazy("Only the rater's superior of record decides a keberatan.")


def _keberatan_event(actor, action, keberatan, *, before=None):
    audit.record(
        actor=audit_actor(actor),
        action=action,
        obj=keberatan,
        agency=keberatan.agency,
        before=before,
        after=audit.snapshot(keberatan, KEBERATAN_FIELDS),
    )


def _lock_keberatan(keberatan: Keberatan) -> Keberatan:
    locked = Keberatan.objects.select_for_update().get(pk=keberatan.pk)
    locked.evaluation = _lock(locked.evaluation)
    return locked


@transaction.atomic
def keberatan_file(*, actor, evaluation: Evaluation, reasons: str) -> Keberatan:
    """The employee objects to the received result, with reasons, by the filing deadline."""
    evaluation = _lock(evaluation)
    require(actor, lambda v: permissions.is_employee(v, evaluation), str(_FILE))
    if not evaluation.keberatan_allowed:
        raise ValidationError(
            {"evaluation": _("This result is final: no keberatan can be filed against it.")}
        )
    if Keberatan.objects.filter(evaluation=evaluation).exists():
        raise ValidationError(
            {"evaluation": _("A keberatan has already been filed on this evaluation.")}
        )
    deadline = selectors.keberatan_filing_deadline(evaluation)
    if deadline is None:
        raise ValidationError(
            {"evaluation": _("Acknowledge the receipt of the evaluation before objecting to it.")}
        )
    today = _today(actor)
    if not rules.keberatan_in_time(today, deadline):
        raise ValidationError(
            {
                "filed_on": _("The deadline for a keberatan was %(date)s.")
                % {"date": date_format(deadline)}
            }
        )
    reasons = (reasons or "").strip()
    if not reasons:
        raise ValidationError({"reasons": _("Give the reasons for the keberatan.")})
    check_lengths(Keberatan, reasons=reasons)
    keberatan = Keberatan(
        evaluation=evaluation,
        agency_id=evaluation.agency_id,
        reasons=reasons,
        filed_by_id=actor_user_id(actor),
        filed_on=today,
        filed_at=timezone.now(),
        old_hasil=evaluation.hasil,
        old_perilaku=evaluation.perilaku,
        old_predikat=evaluation.predikat,
    )
    keberatan.agency = evaluation.agency
    keberatan.full_clean()
    keberatan.save()
    _keberatan_event(actor, "appraisals.keberatan.filed", keberatan)
    return keberatan


@transaction.atomic
def keberatan_hear_rater(*, actor, keberatan: Keberatan, explanation: str) -> Keberatan:
    """Record the rater's explanation of the result objected to."""
    keberatan = _lock_keberatan(keberatan)
    evaluation = keberatan.evaluation
    require(
        actor,
        lambda v: (
            not permissions.is_employee(v, evaluation)
            and (
                permissions.is_rater(v, evaluation) or permissions.is_rater_superior(v, evaluation)
            )
        ),
        str(_HEAR),
    )
    if keberatan.status != KeberatanStatus.FILED:
        raise ValidationError({"status": _("The rater's explanation is already recorded.")})
    explanation = (explanation or "").strip()
    if not explanation:
        raise ValidationError({"rater_explanation": _("Write the rater's explanation.")})
    check_lengths(Keberatan, rater_explanation=explanation)
    before = audit.snapshot(keberatan, KEBERATAN_FIELDS)
    keberatan.rater_explanation = explanation
    keberatan.explained_by_id = actor_user_id(actor)
    keberatan.explained_on = _today(actor)
    keberatan.status = KeberatanStatus.RATER_HEARD
    keberatan.full_clean()
    keberatan.save()
    _keberatan_event(actor, "appraisals.keberatan.rater_heard", keberatan, before=before)
    return keberatan


@transaction.atomic
def keberatan_decide(
    *,
    actor,
    keberatan: Keberatan,
    decision: str,
    hasil: str | None = None,
    perilaku: str | None = None,
    recommendations: str = "",
) -> Keberatan:
    """The rater's superior confirms or changes the result. A change sets both ratings (the
    predikat follows the quadrant) with new recommendations and updates the evaluation; the
    previous result stays on the keberatan. Either way the result is final from then on."""
    keberatan = _lock_keberatan(keberatan)
    evaluation = keberatan.evaluation
    require(
        actor,
        lambda v: (
            not permissions.is_employee(v, evaluation)
            and permissions.is_rater_superior(v, evaluation)
        ),
        str(_DECIDE),
    )
    if keberatan.status == KeberatanStatus.DECIDED:
        raise ValidationError({"status": _("This keberatan has already been decided.")})
    if keberatan.status != KeberatanStatus.RATER_HEARD:
        raise ValidationError(
            {"status": _("Record the rater's explanation before deciding the keberatan.")}
        )
    if decision not in KeberatanDecision.values:
        raise ValidationError({"decision": _("Choose to confirm or to change the result.")})
    recommendations = (recommendations or "").strip()
    before = audit.snapshot(keberatan, KEBERATAN_FIELDS)
    if decision == KeberatanDecision.CHANGE:
        errors = {}
        for field, value in (("hasil", hasil), ("perilaku", perilaku)):
            try:
                _rating(value, field)
            except ValidationError as error:
                errors.update(error.message_dict)
        if not recommendations:
            errors["recommendations"] = _("Write the new recommendations for a changed result.")
        if errors:
            raise ValidationError(errors)
        check_lengths(Keberatan, recommendations=recommendations)
        keberatan.new_hasil = _rating(hasil, "hasil")
        keberatan.new_perilaku = _rating(perilaku, "perilaku")
        keberatan.new_predikat = rules.predikat(keberatan.new_hasil, keberatan.new_perilaku).value
        keberatan.recommendations = recommendations
        evaluation.hasil = keberatan.new_hasil
        evaluation.perilaku = keberatan.new_perilaku
        evaluation.predikat = keberatan.new_predikat
    keberatan.decision = decision
    keberatan.decided_by_id = actor_user_id(actor)
    keberatan.decided_on = _today(actor)
    keberatan.decided_at = timezone.now()
    keberatan.status = KeberatanStatus.DECIDED
    keberatan.full_clean()
    keberatan.save()
    evaluation.keberatan_decided = True
    evaluation.full_clean()
    evaluation.save()
    # One event: the keberatan holds the result before and after the decision.
    _keberatan_event(actor, "appraisals.keberatan.decided", keberatan, before=before)
    return keberatan
