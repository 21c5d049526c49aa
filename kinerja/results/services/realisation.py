"""Writes of the realisations of individual results: entry and evidence by the employee,
verification, return and correction by the rater (the pattern of organisation realisations)."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.accounts.actors import actor_user_id, as_viewer, audit_actor, require
from kinerja.core import audit
from kinerja.core.choices import choose
from kinerja.core.errors import ImmutableRecordError
from kinerja.core.fields import check_lengths
from kinerja.core.numbers import parse_model_decimal
from kinerja.iku import files
from kinerja.iku.models import Period
from kinerja.org.models import Employee
from kinerja.results import permissions, rules, selectors
from kinerja.results.models import (
    Evidence,
    EvidenceKind,
    Realisation,
    RealisationSource,
    RealisationStatus,
    RealisationVersion,
    RealisationVersionKind,
)
from kinerja.skp.models import Skp

FIELDS = ["period", "indicator_key", "value", "text", "status", "version", "is_late"]
EVIDENCE_FIELDS = ["realisation", "kind", "original_name", "url", "sha256"]
_ENTER = gettext_lazy("Only the employee enters their own realisations.")
_VERIFY = gettext_lazy("Only the rater of the plan verifies this realisation.")
_COMPUTED = gettext_lazy(
    "Kinerja computes this realisation from its source; nobody can type over it."
)


def _today(actor):
    viewer = as_viewer(actor)
    return viewer.today if viewer is not None else timezone.localdate()


def _lock(realisation: Realisation) -> Realisation:
    return (
        Realisation.objects.select_for_update()
        .select_related("period__performance_year", "agency")
        .get(pk=realisation.pk)
    )


def _require_not_computed(realisation: Realisation) -> None:
    if realisation.source_kind:
        raise ImmutableRecordError(str(_COMPUTED))


def _require_editable(realisation: Realisation) -> None:
    _require_not_computed(realisation)
    if realisation.status == RealisationStatus.VERIFIED:
        raise ImmutableRecordError(
            _("A verified realisation can only be changed through a correction.")
        )
    if realisation.status == RealisationStatus.SUBMITTED:
        raise ValidationError(
            {"status": _("The realisation is waiting for verification and cannot be edited.")}
        )


def _check_value(value):
    number = parse_model_decimal(value, Realisation, "value")
    if number is not None and number < 0:
        raise ValidationError({"value": _("A realisation cannot be negative.")})
    return number


def _require_content(realisation: Realisation) -> None:
    if realisation.value is None and not realisation.text:
        raise ValidationError({"value": _("Enter the realisation before sending it.")})


def _event(actor, action, realisation, *, before=None, reason=""):
    audit.record(
        actor=audit_actor(actor),
        action=action,
        obj=realisation,
        agency=realisation.agency,
        before=before,
        after=audit.snapshot(realisation, FIELDS),
        reason=reason,
    )


@transaction.atomic
def realisation_enter(
    *, actor, employee: Employee, period: Period | int, indicator_key, value=None, text: str = ""
) -> Realisation:
    """Create or change the draft realisation of one indicator of the plan in force in the
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
    if selectors.exemption_covering(employee.pk, period) is not None:
        raise ValidationError(
            {
                "period": _(
                    "The employee is exempt from planning in this period: nothing is recorded."
                )
            }
        )
    plan_id = selectors.plan_in_force_id(employee.pk, period)
    if plan_id is None:
        raise ValidationError({"period": _("No SKP was set for this period.")})
    indicator = (
        selectors.indicators_of_plans([plan_id]).get(plan_id, {}).get(_as_uuid(indicator_key))
    )
    if indicator is None:
        raise ValidationError({"indicator_key": _("The indicator is not in the plan in force.")})
    if selectors.is_org_linked(indicator):
        raise ValidationError(
            {
                "indicator_key": _(
                    "This result is the organisation's indicator: its verified realisation is "
                    "shown, it is not typed again."
                )
            }
        )
    if RealisationSource.objects.filter(
        employee=employee, year=period.start_date.year, indicator_key=indicator.key
    ).exists():
        raise ImmutableRecordError(str(_COMPUTED))
    plan: Skp = indicator.rhk.skp
    text = (text or "").strip()
    number = _check_value(value)
    realisation = (
        Realisation.objects.select_for_update()
        .filter(employee=employee, indicator_key=indicator.key, period=period)
        .first()
    )
    before = None
    if realisation is None:
        realisation = Realisation(
            agency_id=employee.agency_id,
            employee=employee,
            year=period.start_date.year,
            rhk_key=indicator.rhk.key,
            indicator_key=indicator.key,
            period=period,
            due_date=selectors.due_date(period),
        )
    else:
        _require_editable(realisation)
        before = audit.snapshot(realisation, FIELDS)
    realisation.unit_id = plan.unit_id
    realisation.rater_id = plan.rater_id
    realisation.value = number
    realisation.text = text
    realisation.entered_by_id = actor_user_id(actor)
    realisation.full_clean()
    realisation.save()
    if before != audit.snapshot(realisation, FIELDS):
        _event(actor, "results.realisation.entered", realisation, before=before)
    return realisation


def _as_uuid(value):
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


@transaction.atomic
def realisation_submit(*, actor, realisation: Realisation) -> Realisation:
    """Send a draft or returned realisation to the rater. After the reporting deadline it is
    accepted and recorded as late (the first submission decides)."""
    realisation = _lock(realisation)
    require(actor, lambda v: permissions.is_owner(v, realisation), str(_ENTER))
    _require_editable(realisation)
    _require_content(realisation)
    now = timezone.now()
    if realisation.first_submitted_at is None:
        realisation.first_submitted_at = now
        realisation.is_late = rules.is_late(_today(actor), realisation.due_date)
    realisation.status = RealisationStatus.SUBMITTED
    realisation.submitted_at = now
    realisation.full_clean()
    realisation.save()
    _event(actor, "results.realisation.submitted", realisation)
    return realisation


@transaction.atomic
def realisation_save(
    *,
    actor,
    employee: Employee,
    period,
    indicator_key,
    value=None,
    text: str = "",
    evidence_file=None,
    evidence_url: str = "",
    evidence_text: str = "",
    submit: bool = False,
) -> Realisation:
    """One entry of the period page: the draft, its optional evidence and, when asked, its
    submission, all or nothing."""
    realisation = realisation_enter(
        actor=actor,
        employee=employee,
        period=period,
        indicator_key=indicator_key,
        value=value,
        text=text,
    )
    if evidence_file or (evidence_url or "").strip() or (evidence_text or "").strip():
        evidence_add(
            actor=actor,
            realisation=realisation,
            uploaded_file=evidence_file,
            url=evidence_url,
            text=evidence_text,
        )
    if submit:
        realisation = realisation_submit(actor=actor, realisation=realisation)
    return realisation


def _verify_locked(actor, realisation: Realisation) -> Realisation:
    require(actor, lambda v: permissions.can_verify(v, realisation), str(_VERIFY))
    if realisation.status != RealisationStatus.SUBMITTED:
        raise ValidationError({"status": _("Only a submitted realisation can be verified.")})
    now = timezone.now()
    realisation.status = RealisationStatus.VERIFIED
    realisation.verified_at = now
    realisation.verified_by_id = actor_user_id(actor)
    realisation.version += 1
    realisation.full_clean()
    realisation.save()
    RealisationVersion.objects.create(
        realisation=realisation,
        version=realisation.version,
        kind=RealisationVersionKind.VERIFIED,
        value=realisation.value,
        text=realisation.text,
        recorded_by_id=actor_user_id(actor),
        recorded_at=now,
    )
    _event(actor, "results.realisation.verified", realisation)
    return realisation


@transaction.atomic
def realisation_verify(*, actor, realisation: Realisation) -> Realisation:
    return _verify_locked(actor, _lock(realisation))


@transaction.atomic
def realisation_verify_many(*, actor, realisations) -> list[Realisation]:
    """Verify several submitted realisations at once (ids or instances among those waiting
    for the actor): all or nothing."""
    viewer = as_viewer(actor)
    waiting = Realisation.objects.filter(status=RealisationStatus.SUBMITTED)
    if viewer is not None:
        waiting = selectors.waiting_for(viewer)
    chosen = [choose(waiting, item, field="realisations") for item in realisations]
    if not chosen:
        raise ValidationError({"realisations": _("Choose at least one realisation.")})
    return [_verify_locked(actor, _lock(r)) for r in chosen if r is not None]


@transaction.atomic
def realisation_return(*, actor, realisation: Realisation, comment: str) -> Realisation:
    realisation = _lock(realisation)
    require(actor, lambda v: permissions.can_verify(v, realisation), str(_VERIFY))
    if realisation.status != RealisationStatus.SUBMITTED:
        raise ValidationError({"status": _("Only a submitted realisation can be returned.")})
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Say what has to be corrected.")})
    check_lengths(Realisation, return_comment=comment)
    realisation.status = RealisationStatus.RETURNED
    realisation.return_comment = comment
    realisation.returned_at = timezone.now()
    realisation.returned_by_id = actor_user_id(actor)
    realisation.full_clean()
    realisation.save()
    _event(actor, "results.realisation.returned", realisation, reason=comment)
    return realisation


@transaction.atomic
def realisation_correct(
    *, actor, realisation: Realisation, reason: str, value=None, text: str | None = None
) -> Realisation:
    """Change a verified realisation: the new content becomes a new recorded version."""
    realisation = _lock(realisation)
    require(actor, lambda v: permissions.can_verify(v, realisation), str(_VERIFY))
    _require_not_computed(realisation)
    if realisation.status != RealisationStatus.VERIFIED:
        raise ValidationError({"status": _("Only a verified realisation is corrected.")})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Explain why the verified realisation is corrected.")})
    check_lengths(RealisationVersion, reason=reason)
    before = audit.snapshot(realisation, FIELDS)
    realisation.value = _check_value(value)
    if text is not None:
        realisation.text = text.strip()
    _require_content(realisation)
    realisation.version += 1
    realisation.full_clean()
    realisation.save()
    RealisationVersion.objects.create(
        realisation=realisation,
        version=realisation.version,
        kind=RealisationVersionKind.CORRECTED,
        value=realisation.value,
        text=realisation.text,
        reason=reason,
        recorded_by_id=actor_user_id(actor),
        recorded_at=timezone.now(),
    )
    _event(actor, "results.realisation.corrected", realisation, before=before, reason=reason)
    return realisation


# --- evidence ---------------------------------------------------------------------------------


@transaction.atomic
def evidence_add(
    *, actor, realisation: Realisation, uploaded_file=None, url: str = "", text: str = ""
) -> Evidence:
    """Attach one piece of evidence (a checked file, a link or a text) to an editable
    realisation. Its SHA-256 is kept to flag the same evidence used elsewhere (a warning)."""
    realisation = _lock(realisation)
    require(actor, lambda v: permissions.is_owner(v, realisation), str(_ENTER))
    _require_editable(realisation)
    url, text = (url or "").strip(), (text or "").strip()
    given = [bool(uploaded_file), bool(url), bool(text)]
    if sum(given) != 1:
        raise ValidationError({"file": _("Give one file, one link or one text.")})
    evidence = Evidence(realisation=realisation, uploaded_by_id=actor_user_id(actor))
    if uploaded_file:
        checked = files.check_evidence_file(uploaded_file)
        evidence.kind = EvidenceKind.FILE
        evidence.original_name = checked.original_name
        evidence.content_type = checked.content_type
        evidence.size = checked.size
        evidence.sha256 = checked.sha256
        evidence.file.save(checked.original_name, uploaded_file, save=False)
    elif url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise ValidationError(
                {"url": _("Enter a web address starting with https://.")}
            ) from None
        check_lengths(Evidence, url=url)
        evidence.kind = EvidenceKind.LINK
        evidence.url = url
        evidence.sha256 = rules.link_digest(url)
    else:
        check_lengths(Evidence, text=text)
        evidence.kind = EvidenceKind.TEXT
        evidence.text = text
        evidence.sha256 = rules.text_digest(text)
    evidence.full_clean(exclude=["file"])
    evidence.save()
    audit.record(
        actor=audit_actor(actor),
        action="results.evidence.added",
        obj=evidence,
        agency=realisation.agency,
        after=audit.snapshot(evidence, EVIDENCE_FIELDS),
    )
    return evidence


@transaction.atomic
def evidence_remove(*, actor, evidence: Evidence) -> None:
    evidence = Evidence.objects.select_related("realisation").get(pk=evidence.pk)
    realisation = _lock(evidence.realisation)
    require(actor, lambda v: permissions.is_owner(v, realisation), str(_ENTER))
    _require_editable(realisation)
    audit.record(
        actor=audit_actor(actor),
        action="results.evidence.removed",
        obj=evidence,
        agency=realisation.agency,
        before=audit.snapshot(evidence, EVIDENCE_FIELDS),
    )
    stored = evidence.file if evidence.file else None
    evidence.delete()
    if stored:
        transaction.on_commit(lambda: stored.delete(save=False))


__all__ = [
    "evidence_add",
    "evidence_remove",
    "realisation_correct",
    "realisation_enter",
    "realisation_return",
    "realisation_save",
    "realisation_submit",
    "realisation_verify",
    "realisation_verify_many",
]
