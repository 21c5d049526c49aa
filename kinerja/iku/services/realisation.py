"""Writes of realisations: entry by the unit, verification by its head, corrections, evidence."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.accounts.actors import actor_user_id, as_viewer, audit_actor, require
from kinerja.core import audit
from kinerja.core.errors import ImmutableRecordError
from kinerja.core.fields import check_lengths
from kinerja.core.numbers import parse_model_decimal
from kinerja.iku import files, permissions
from kinerja.iku.models import (
    Evidence,
    Indicator,
    IndicatorSource,
    Period,
    Realisation,
    RealisationStatus,
    RealisationVersion,
    RealisationVersionKind,
)
from kinerja.iku.services.results import capaian_recompute_schedule
from kinerja.iku.services.tree import choose_period

REALISATION_FIELDS = [
    "indicator",
    "period",
    "value",
    "note",
    "status",
    "version",
    "return_comment",
]
_ENTER_MESSAGE = gettext_lazy("Only the responsible unit may enter this realisation.")
_VERIFY_MESSAGE = gettext_lazy("Only the head of the responsible unit may verify this realisation.")
_COMPUTED_MESSAGE = gettext_lazy(
    "Kinerja computes this realisation from its source; nobody can type over it."
)


def _lock(realisation: Realisation) -> Realisation:
    return (
        Realisation.objects.select_for_update()
        .select_related("indicator__goal__owner_unit", "indicator__agency", "period")
        .get(pk=realisation.pk)
    )


def _today(actor):
    viewer = as_viewer(actor)
    return viewer.today if viewer is not None else timezone.localdate()


def _check_value(value):
    number = parse_model_decimal(value, Realisation, "value")
    if number is not None and number < 0:
        raise ValidationError({"value": _("A realisation cannot be negative.")})
    return number


def _require_not_computed(realisation: Realisation) -> None:
    if realisation.source_kind:
        raise ImmutableRecordError(str(_COMPUTED_MESSAGE))


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


@transaction.atomic
def realisation_enter(
    *, actor, indicator: Indicator, period: Period | int, value=None, note: str = ""
):
    """Create or edit the draft realisation of an indicator for a period (an instance or an
    id of one of the agency's periods)."""
    indicator = Indicator.objects.select_related("goal__owner_unit", "agency").get(pk=indicator.pk)
    require(actor, lambda v: permissions.can_enter_realisation(v, indicator), str(_ENTER_MESSAGE))
    period = choose_period(indicator, period)
    if IndicatorSource.objects.filter(indicator=indicator).exists():
        raise ImmutableRecordError(str(_COMPUTED_MESSAGE))
    if not indicator.goal.covers_year(period.year):
        raise ValidationError({"period": _("The goal's plan does not cover this period.")})
    if period.start_date > _today(actor):
        raise ValidationError({"period": _("The period has not started yet.")})
    number = _check_value(value)
    realisation = (
        Realisation.objects.select_for_update().filter(indicator=indicator, period=period).first()
    )
    before = None
    if realisation is None:
        realisation = Realisation(indicator=indicator, period=period)
    else:
        _require_editable(realisation)
        before = audit.snapshot(realisation, REALISATION_FIELDS)
    realisation.value = number
    realisation.note = note.strip()
    realisation.entered_by_id = actor_user_id(actor)
    realisation.full_clean()
    realisation.save()
    after = audit.snapshot(realisation, REALISATION_FIELDS)
    if before != after:
        audit.record(
            actor=audit_actor(actor),
            action="iku.realisation.entered",
            obj=realisation,
            agency=indicator.agency,
            before=before,
            after=after,
        )
    return realisation


@transaction.atomic
def realisation_save(
    *,
    actor,
    indicator: Indicator,
    period: Period | int,
    value=None,
    note: str = "",
    evidence=None,
    submit: bool = False,
) -> Realisation:
    """One entry on the realisation page: the draft, its optional evidence file and, when
    asked, the submission for verification, all or nothing."""
    realisation = realisation_enter(
        actor=actor, indicator=indicator, period=period, value=value, note=note
    )
    if evidence:
        evidence_add(actor=actor, realisation=realisation, uploaded_file=evidence)
    if submit:
        realisation = realisation_submit(actor=actor, realisation=realisation)
    return realisation


def _transition(actor, realisation, action, **extra):
    audit.record(
        actor=audit_actor(actor),
        action=action,
        obj=realisation,
        agency=realisation.indicator.agency,
        after=audit.snapshot(realisation, REALISATION_FIELDS),
        **extra,
    )
    return realisation


@transaction.atomic
def realisation_submit(*, actor, realisation: Realisation) -> Realisation:
    realisation = _lock(realisation)
    require(
        actor,
        lambda v: permissions.can_enter_realisation(v, realisation.indicator),
        str(_ENTER_MESSAGE),
    )
    _require_editable(realisation)
    if realisation.value is None and not realisation.note:
        raise ValidationError(
            {"value": _("Enter the realisation, or explain in the note why it is not available.")}
        )
    now = timezone.now()
    realisation.status = RealisationStatus.SUBMITTED
    realisation.submitted_at = now
    realisation.first_submitted_at = realisation.first_submitted_at or now
    realisation.full_clean()
    realisation.save()
    return _transition(actor, realisation, "iku.realisation.submitted")


@transaction.atomic
def realisation_verify(*, actor, realisation: Realisation) -> Realisation:
    realisation = _lock(realisation)
    require(actor, lambda v: permissions.can_verify(v, realisation), str(_VERIFY_MESSAGE))
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
        note=realisation.note,
        recorded_by_id=actor_user_id(actor),
        recorded_at=now,
    )
    # A verified figure changes capaian: the year is recomputed in a task after the commit.
    capaian_recompute_schedule(performance_year_id=realisation.period.performance_year_id)
    return _transition(actor, realisation, "iku.realisation.verified")


@transaction.atomic
def realisation_return(*, actor, realisation: Realisation, comment: str) -> Realisation:
    realisation = _lock(realisation)
    require(actor, lambda v: permissions.can_verify(v, realisation), str(_VERIFY_MESSAGE))
    if realisation.status != RealisationStatus.SUBMITTED:
        raise ValidationError({"status": _("Only a submitted realisation can be returned.")})
    if not comment.strip():
        raise ValidationError({"comment": _("Say what has to be corrected.")})
    realisation.status = RealisationStatus.RETURNED
    realisation.return_comment = comment.strip()
    realisation.returned_at = timezone.now()
    realisation.returned_by_id = actor_user_id(actor)
    realisation.full_clean()
    realisation.save()
    return _transition(actor, realisation, "iku.realisation.returned", reason=comment.strip())


@transaction.atomic
def realisation_correct(
    *, actor, realisation: Realisation, value, reason: str, note: str | None = None
) -> Realisation:
    """Change a verified realisation: the new value becomes a new recorded version."""
    realisation = _lock(realisation)
    require(actor, lambda v: permissions.can_verify(v, realisation), str(_VERIFY_MESSAGE))
    _require_not_computed(realisation)
    if realisation.status != RealisationStatus.VERIFIED:
        raise ValidationError({"status": _("Only a verified realisation is corrected.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Explain why the verified figure is corrected.")})
    check_lengths(RealisationVersion, reason=reason.strip())
    before = audit.snapshot(realisation, REALISATION_FIELDS)
    realisation.value = _check_value(value)
    if note is not None:
        realisation.note = note.strip()
    if realisation.value is None and not realisation.note:
        raise ValidationError(
            {"value": _("Enter the realisation, or explain in the note why it is not available.")}
        )
    realisation.version += 1
    realisation.full_clean()
    realisation.save()
    RealisationVersion.objects.create(
        realisation=realisation,
        version=realisation.version,
        kind=RealisationVersionKind.CORRECTED,
        value=realisation.value,
        note=realisation.note,
        reason=reason.strip(),
        recorded_by_id=actor_user_id(actor),
        recorded_at=timezone.now(),
    )
    audit.record(
        actor=audit_actor(actor),
        action="iku.realisation.corrected",
        obj=realisation,
        agency=realisation.indicator.agency,
        before=before,
        after=audit.snapshot(realisation, REALISATION_FIELDS),
        reason=reason.strip(),
    )
    capaian_recompute_schedule(performance_year_id=realisation.period.performance_year_id)
    return realisation


# --- evidence -------------------------------------------------------------------------------------


@transaction.atomic
def evidence_add(*, actor, realisation: Realisation, uploaded_file) -> Evidence:
    """Attach a checked file to a draft or returned realisation."""
    realisation = _lock(realisation)
    require(
        actor,
        lambda v: permissions.can_enter_realisation(v, realisation.indicator),
        str(_ENTER_MESSAGE),
    )
    _require_editable(realisation)
    checked = files.check_evidence_file(uploaded_file)
    evidence = Evidence(
        realisation=realisation,
        original_name=checked.original_name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by_id=actor_user_id(actor),
    )
    evidence.file.save(checked.original_name, uploaded_file, save=False)
    evidence.save()
    audit.record(
        actor=audit_actor(actor),
        action="iku.evidence.added",
        obj=evidence,
        agency=realisation.indicator.agency,
        after=audit.snapshot(
            evidence, ["realisation", "original_name", "content_type", "size", "sha256"]
        ),
    )
    return evidence


@transaction.atomic
def evidence_remove(*, actor, evidence: Evidence) -> None:
    evidence = Evidence.objects.select_related("realisation").get(pk=evidence.pk)
    realisation = _lock(evidence.realisation)
    require(
        actor,
        lambda v: permissions.can_enter_realisation(v, realisation.indicator),
        str(_ENTER_MESSAGE),
    )
    _require_editable(realisation)
    audit.record(
        actor=audit_actor(actor),
        action="iku.evidence.removed",
        obj=evidence,
        agency=realisation.indicator.agency,
        before=audit.snapshot(evidence, ["realisation", "original_name", "sha256"]),
    )
    stored = evidence.file
    evidence.delete()
    transaction.on_commit(lambda: stored.delete(save=False))
