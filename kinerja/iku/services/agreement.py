"""Writes of the Perjanjian Kinerja: drafting, signing, and revising into a new version."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.actors import actor_user_id, as_viewer, audit_actor, require
from kinerja.core import audit
from kinerja.core.choices import choose
from kinerja.core.errors import ImmutableRecordError
from kinerja.core.numbers import parse_model_decimal
from kinerja.iku import followers, permissions
from kinerja.iku.models import (
    AgreementLine,
    AgreementParty,
    AgreementStatus,
    AnnualTarget,
    Indicator,
    PerformanceAgreement,
    PerformanceYear,
    RevisionKind,
)
from kinerja.iku.selectors import agreement_indicators, leader_of_unit, unit_head
from kinerja.iku.services.tree import clean_target

AGREEMENT_FIELDS = [
    "unit",
    "year",
    "version",
    "status",
    "previous",
    "revision_kind",
    "revision_reason",
    "first_party_employee",
    "first_party_position",
    "second_party_employee",
    "second_party_position",
    "second_party_label",
    "first_signed_on",
    "first_signed_by",
    "second_signed_on",
    "second_signed_by",
]
LINE_FIELDS = [
    "indicator",
    "goal",
    "target",
    "target_high",
    "budget_amount",
    "budget_line",
    "order",
]
LINE_CHANGES = {"target", "target_high", "budget_amount", "budget_line", "order"}


def _today(actor) -> datetime.date:
    viewer = as_viewer(actor)
    return viewer.today if viewer is not None else timezone.localdate()


def _lock(agreement: PerformanceAgreement) -> PerformanceAgreement:
    return (
        PerformanceAgreement.objects.select_for_update()
        .select_related("unit", "agency")
        .get(pk=agreement.pk)
    )


def _ensure_editable(agreement: PerformanceAgreement) -> None:
    if agreement.is_frozen:
        raise ImmutableRecordError(
            _("%(agreement)s has been signed and cannot be changed; revise it instead.")
            % {"agreement": agreement}
        )


def _parties(unit, day: datetime.date) -> dict:
    head = unit_head(unit, day)
    if head is None:
        raise ValidationError(
            {"first_party_employee": _("%(unit)s has no head today.") % {"unit": unit}}
        )
    leader = leader_of_unit(unit, day)
    parties = {
        "first_party_employee": head.employee,
        "first_party_position": head.position,
        "second_party_employee": leader.employee if leader else None,
        "second_party_position": leader.position if leader else None,
    }
    if leader is not None:
        parties["second_party_label"] = f"{leader.employee.full_name} ({leader.position.name})"
    else:
        agency = unit.agency
        parties["second_party_label"] = agency.head_title + (
            f" ({agency.head_name})" if agency.head_name else ""
        )
    return parties


@transaction.atomic
def agreement_create(*, actor, unit, year: int) -> PerformanceAgreement:
    """Start version 1 of a unit's PK for a year, between today's head and their superior."""
    require(
        actor,
        lambda v: permissions.can_plan_for_unit(v, unit),
        _("You may not draw up the performance agreement of this unit."),
    )
    if not PerformanceYear.objects.filter(agency_id=unit.agency_id, year=year).exists():
        raise ValidationError(
            {"year": _("The performance year %(year)s is not open.") % {"year": year}}
        )
    if PerformanceAgreement.objects.filter(unit=unit, year=year).exists():
        raise ValidationError(
            {
                "year": _("The unit already has an agreement for %(year)s; revise it.")
                % {"year": year}
            }
        )
    agreement = PerformanceAgreement(
        agency_id=unit.agency_id, unit=unit, year=year, version=1, **_parties(unit, _today(actor))
    )
    agreement.full_clean()
    agreement.save()
    audit.record(
        actor=audit_actor(actor),
        action="iku.agreement.created",
        obj=agreement,
        after=audit.snapshot(agreement, AGREEMENT_FIELDS),
    )
    return agreement


def _plan_check(actor, agreement):
    require(
        actor,
        lambda v: permissions.can_plan_for_unit(v, agreement.unit),
        _("You may not change the performance agreement of this unit."),
    )


def _budget(value):
    return parse_model_decimal(value, AgreementLine, "budget_amount", min_value=0)


@transaction.atomic
def agreement_line_add(
    *,
    actor,
    agreement: PerformanceAgreement,
    indicator: Indicator | int,
    target=None,
    target_high=None,
    budget_amount=None,
    budget_line: str = "",
    order: int = 0,
) -> AgreementLine:
    """Add an indicator of the unit (`selectors.agreement_indicators`; an instance or an id);
    the target defaults to the indicator's annual target."""
    agreement = _lock(agreement)
    _plan_check(actor, agreement)
    _ensure_editable(agreement)
    indicator = choose(
        agreement_indicators(agreement).select_related("goal"),
        indicator,
        field="indicator",
        message=_("Choose an active indicator of a goal of this unit for the year."),
    )
    if indicator is None:
        raise ValidationError({"indicator": _("This field is required.")})
    if target is None:
        annual = AnnualTarget.objects.filter(indicator=indicator, year=agreement.year).first()
        if annual is not None:
            target, target_high = annual.value, annual.value_high
    low, high = clean_target(
        indicator, target, target_high, low_field="target", high_field="target_high"
    )
    line = AgreementLine(
        agreement=agreement,
        goal=indicator.goal,
        indicator=indicator,
        target=low,
        target_high=high,
        budget_amount=_budget(budget_amount),
        budget_line=budget_line.strip(),
        order=order,
    )
    try:
        line.full_clean()
    except ValidationError as error:
        if "__all__" in error.message_dict:
            raise ValidationError(
                {"indicator": _("The indicator is already in the agreement.")}
            ) from None
        raise
    line.save()
    audit.record(
        actor=audit_actor(actor),
        action="iku.agreement.line_added",
        obj=line,
        agency=agreement.agency,
        after=audit.snapshot(line, LINE_FIELDS),
    )
    return line


@transaction.atomic
def agreement_line_update(*, actor, line: AgreementLine, **changes) -> AgreementLine:
    agreement = _lock(line.agreement)
    line = AgreementLine.objects.select_related("indicator").get(pk=line.pk)
    _plan_check(actor, agreement)
    _ensure_editable(agreement)
    unknown = set(changes) - LINE_CHANGES
    if unknown:
        raise TypeError(f"agreement_line_update() got unexpected fields {sorted(unknown)}")
    before = audit.snapshot(line, LINE_FIELDS)
    for key, value in changes.items():
        setattr(
            line, key, value.strip() if isinstance(value, str) and key == "budget_line" else value
        )
    line.target, line.target_high = clean_target(
        line.indicator, line.target, line.target_high, low_field="target", high_field="target_high"
    )
    line.budget_amount = _budget(line.budget_amount)
    line.full_clean()
    after = audit.snapshot(line, LINE_FIELDS)
    if after == before:
        return line
    line.save()
    audit.record(
        actor=audit_actor(actor),
        action="iku.agreement.line_updated",
        obj=line,
        agency=agreement.agency,
        before=before,
        after=after,
    )
    return line


@transaction.atomic
def agreement_line_remove(*, actor, line: AgreementLine) -> None:
    agreement = _lock(line.agreement)
    _plan_check(actor, agreement)
    _ensure_editable(agreement)
    audit.record(
        actor=audit_actor(actor),
        action="iku.agreement.line_removed",
        obj=line,
        agency=agreement.agency,
        before=audit.snapshot(line, LINE_FIELDS),
    )
    line.delete()


@transaction.atomic
def agreement_sign(
    *, actor, agreement: PerformanceAgreement, party: str, signed_on: datetime.date | None = None
) -> PerformanceAgreement:
    """Record one party's signature and its date; the second signature makes the PK final."""
    agreement = _lock(agreement)
    if party not in AgreementParty.values:
        raise ValidationError({"party": _("Unknown party.")})
    require(
        actor,
        lambda v: permissions.can_sign_agreement(v, agreement, party),
        _("You may not sign this agreement for this party."),
    )
    if agreement.is_signed:
        raise ImmutableRecordError(_("%(agreement)s is already signed.") % {"agreement": agreement})
    signed_on = signed_on or _today(actor)
    if party == AgreementParty.FIRST and agreement.first_signed_on is not None:
        raise ValidationError({"party": _("The first party has already signed.")})
    if party == AgreementParty.SECOND and agreement.second_signed_on is not None:
        raise ValidationError({"party": _("The second party has already signed.")})
    if not agreement.lines.exists():
        raise ValidationError({"lines": _("An agreement without indicators cannot be signed.")})
    if signed_on > timezone.localdate():
        raise ValidationError({"signed_on": _("A signature cannot be dated in the future.")})
    before = audit.snapshot(agreement, AGREEMENT_FIELDS)
    if party == AgreementParty.FIRST:
        agreement.first_signed_on = signed_on
        agreement.first_signed_by_id = actor_user_id(actor)
    else:
        agreement.second_signed_on = signed_on
        agreement.second_signed_by_id = actor_user_id(actor)
    if agreement.first_signed_on and agreement.second_signed_on:
        agreement.status = AgreementStatus.SIGNED
    agreement.full_clean()
    agreement.save()
    audit.record(
        actor=audit_actor(actor),
        action="iku.agreement.signed",
        obj=agreement,
        before=before,
        after=audit.snapshot(agreement, AGREEMENT_FIELDS) | {"party": party},
    )
    if agreement.status == AgreementStatus.SIGNED:
        followers.agreement_signed(agreement, actor=actor)
    return agreement


@transaction.atomic
def agreement_revise(
    *, actor, agreement: PerformanceAgreement, reason: str, kind: str
) -> PerformanceAgreement:
    """Copy a signed PK into draft version n+1 with the grounds for revising it.

    The parties are those of today, so a change of official puts the new head in the new
    version. The signed version stays as it was, readable in the history.
    """
    agreement = _lock(agreement)
    _plan_check(actor, agreement)
    errors = {}
    if kind not in RevisionKind.values:
        errors["kind"] = _("Choose the reason for the revision.")
    if not reason.strip():
        errors["reason"] = _("Explain why the agreement is revised.")
    if errors:
        raise ValidationError(errors)
    if not agreement.is_signed:
        raise ValidationError(
            {"agreement": _("Only a signed agreement is revised; change the draft instead.")}
        )
    latest = (
        PerformanceAgreement.objects.filter(unit=agreement.unit, year=agreement.year)
        .order_by("-version")
        .first()
    )
    if latest.pk != agreement.pk:
        raise ValidationError(
            {
                "agreement": _("Version %(version)s already exists; revise the latest version.")
                % {"version": latest.version}
            }
        )
    revision = PerformanceAgreement(
        agency_id=agreement.agency_id,
        unit=agreement.unit,
        year=agreement.year,
        version=agreement.version + 1,
        previous=agreement,
        revision_kind=kind,
        revision_reason=reason.strip(),
        **_parties(agreement.unit, _today(actor)),
    )
    revision.full_clean()
    revision.save()
    AgreementLine.objects.bulk_create(
        [
            AgreementLine(
                agreement=revision,
                goal_id=line.goal_id,
                indicator_id=line.indicator_id,
                target=line.target,
                target_high=line.target_high,
                budget_amount=line.budget_amount,
                budget_line=line.budget_line,
                order=line.order,
            )
            for line in agreement.lines.all()
        ]
    )
    audit.record(
        actor=audit_actor(actor),
        action="iku.agreement.revised",
        obj=revision,
        after=audit.snapshot(revision, AGREEMENT_FIELDS),
        reason=reason.strip(),
    )
    return revision
