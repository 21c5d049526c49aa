"""The follow-up plan (rencana tindak lanjut) of a unit's survey results (PermenPANRB 14/2017,
Lampiran: the unit acts on its weakest elements and reports the results in the next survey).

An action names the element it addresses, what is done, its owner (a post of the unit, or an
owner described in words such as "Tim pengaduan"; never a person's NIP), the due date and its
status: planned, in progress (after a first progress note), done on a date, or dropped with a
reason. A done or dropped action is final.
"""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.accounts.actors import audit_actor, require
from kinerja.core import audit
from kinerja.core.choices import choose
from kinerja.core.errors import ImmutableRecordError
from kinerja.core.fields import check_lengths
from kinerja.org.models import Unit
from kinerja.surveys import permissions, rules
from kinerja.surveys.models import (
    FollowupAction,
    FollowupProgress,
    FollowupStatus,
)
from kinerja.surveys.selectors.figures import Period
from kinerja.surveys.selectors.followup import owner_positions
from kinerja.surveys.selectors.results import results_units

FIELDS = [
    "unit",
    "year",
    "kind",
    "number",
    "element",
    "action",
    "owner_position",
    "owner_text",
    "due_date",
    "status",
    "done_on",
    "drop_reason",
]
# Eighteen digits, perhaps spaced: a NIP. An owner is a post or a team, never a person's NIP.
NIP_LIKE = re.compile(r"(?:\d[\s.]?){18}")


def _visible_units(viewer):
    if viewer is None:
        return Unit.objects.filter(is_service_unit=True)
    return results_units(viewer)


def _visible_actions(viewer):
    if viewer is None:
        return FollowupAction.objects.all()
    return FollowupAction.objects.filter(unit__in=results_units(viewer))


def _may_manage(unit):
    return lambda viewer: permissions.can_manage_followup(viewer, unit)


def _period(year, kind, number) -> Period:
    try:
        return Period(int(year), str(kind), int(number or 1))
    except (TypeError, ValueError):
        raise ValidationError(
            {"number": [_("Choose a period of the year.")]}, code="invalid"
        ) from None


def _clean(unit, *, element, action, due_date, owner_position, owner_text, period) -> dict:
    """The checked values of an action's plan; every problem on its field at once."""
    errors: dict[str, list[str]] = {}
    if element not in {str(e) for e in rules.ELEMENTS}:
        errors["element"] = [_("Choose one of the nine elements.")]
    action = (action or "").strip()
    if not action:
        errors["action"] = [_("Describe the action.")]
    owner_text = (owner_text or "").strip()
    position = None
    try:
        position = choose(owner_positions(unit), owner_position, field="owner_position")
    except ValidationError as error:
        errors.update(error.message_dict)
    if position is not None and owner_text:
        errors["owner_text"] = [_("Choose a post or describe the owner, not both.")]
    elif position is None and not owner_text and "owner_position" not in errors:
        errors["owner_position"] = [_("Choose the post that owns the action, or describe it.")]
    if owner_text and NIP_LIKE.search(owner_text):
        errors["owner_text"] = [_("Name a post or a team, not a person's NIP.")]
    if not isinstance(due_date, datetime.date):
        errors["due_date"] = [_("Enter the due date.")]
    elif due_date < period.start:
        errors["due_date"] = [_("The due date cannot be before the period it follows up.")]
    if errors:
        raise ValidationError(errors)
    check_lengths(FollowupAction, action=action, owner_text=owner_text)
    return {
        "element": element,
        "action": action,
        "owner_position": position,
        "owner_text": owner_text if position is None else "",
        "due_date": due_date,
    }


def _record(actor, action: str, followup, before=None, reason: str = ""):
    audit.record(
        actor=audit_actor(actor),
        action=action,
        obj=followup,
        agency=followup.agency,
        before=before,
        after=audit.snapshot(followup, FIELDS),
        reason=reason,
    )


def followup_create(
    *,
    actor,
    unit,
    year: int,
    kind: str,
    number: int,
    element: str,
    action: str,
    due_date: datetime.date,
    owner_position=None,
    owner_text: str = "",
) -> FollowupAction:
    """Plan an action on a period's results of a service unit."""
    viewer = require(actor, lambda v: v.is_authenticated)
    unit = choose(_visible_units(viewer), unit, field="unit")
    if unit is None:
        raise ValidationError({"unit": [_("Choose the service unit.")]}, code="required")
    require(actor, _may_manage(unit))
    period = _period(year, kind, number)
    values = _clean(
        unit,
        element=element,
        action=action,
        due_date=due_date,
        owner_position=owner_position,
        owner_text=owner_text,
        period=period,
    )
    with transaction.atomic():
        followup = FollowupAction.objects.create(
            agency_id=unit.agency_id,
            unit=unit,
            year=period.year,
            kind=period.kind,
            number=period.number,
            **values,
        )
        _record(actor, "surveys.followup.created", followup)
    return followup


def _open_for_change(actor, followup) -> tuple[object, FollowupAction]:
    viewer = require(actor, lambda v: v.is_authenticated)
    chosen = choose(_visible_actions(viewer), followup, field="followup")
    if chosen is None:
        raise ValidationError({"followup": [_("Choose the action.")]}, code="required")
    require(actor, _may_manage(chosen.unit))
    return viewer, chosen


def _locked(followup: FollowupAction) -> FollowupAction:
    locked = FollowupAction.objects.select_for_update().select_related("unit").get(pk=followup.pk)
    if not locked.is_open:
        raise ImmutableRecordError(_("A done or dropped action can no longer change."))
    return locked


def followup_update(
    *,
    actor,
    followup,
    element: str,
    action: str,
    due_date: datetime.date,
    owner_position=None,
    owner_text: str = "",
) -> FollowupAction:
    """Change an open action's element, text, owner or due date."""
    _viewer, followup = _open_for_change(actor, followup)
    period = Period(followup.year, followup.kind, followup.number)
    values = _clean(
        followup.unit,
        element=element,
        action=action,
        due_date=due_date,
        owner_position=owner_position,
        owner_text=owner_text,
        period=period,
    )
    with transaction.atomic():
        followup = _locked(followup)
        before = audit.snapshot(followup, FIELDS)
        for name, value in values.items():
            setattr(followup, name, value)
        followup.save()
        _record(actor, "surveys.followup.updated", followup, before)
    return followup


def _day(value, viewer, field: str) -> datetime.date:
    today = viewer.today if viewer is not None else datetime.date.today()
    if value is None:
        return today
    if not isinstance(value, datetime.date):
        raise ValidationError({field: [_("Enter a valid date.")]}, code="invalid")
    if value > today:
        raise ValidationError({field: [_("The date cannot be in the future.")]}, code="future")
    return value


def followup_report_progress(
    *, actor, followup, note: str, day: datetime.date | None = None
) -> FollowupProgress:
    """Add a dated progress note; a planned action becomes in progress."""
    viewer, followup = _open_for_change(actor, followup)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": [_("Write what was done.")]}, code="required")
    check_lengths(FollowupProgress, note=note)
    day = _day(day, viewer, "day")
    with transaction.atomic():
        followup = _locked(followup)
        before = audit.snapshot(followup, FIELDS)
        progress = FollowupProgress.objects.create(followup=followup, day=day, note=note)
        if followup.status == FollowupStatus.PLANNED:
            followup.status = FollowupStatus.IN_PROGRESS
            followup.save(update_fields=["status", "updated_at"])
        _record(actor, "surveys.followup.progress_reported", followup, before, reason=note)
    return progress


def followup_complete(
    *, actor, followup, done_on: datetime.date | None = None, note: str = ""
) -> FollowupAction:
    """Mark an open action done on a day (today by default), with a closing note."""
    viewer, followup = _open_for_change(actor, followup)
    done_on = _day(done_on, viewer, "done_on")
    note = (note or "").strip()
    check_lengths(FollowupProgress, note=note)
    with transaction.atomic():
        followup = _locked(followup)
        before = audit.snapshot(followup, FIELDS)
        if note:
            FollowupProgress.objects.create(followup=followup, day=done_on, note=note)
        followup.status = FollowupStatus.DONE
        followup.done_on = done_on
        followup.save(update_fields=["status", "done_on", "updated_at"])
        _record(actor, "surveys.followup.completed", followup, before, reason=note)
    return followup


def followup_drop(*, actor, followup, reason: str) -> FollowupAction:
    """Drop an open action, saying why."""
    _viewer, followup = _open_for_change(actor, followup)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Say why the action is dropped.")]}, code="required")
    check_lengths(FollowupAction, drop_reason=reason)
    with transaction.atomic():
        followup = _locked(followup)
        before = audit.snapshot(followup, FIELDS)
        followup.status = FollowupStatus.DROPPED
        followup.drop_reason = reason
        followup.save(update_fields=["status", "drop_reason", "updated_at"])
        _record(actor, "surveys.followup.dropped", followup, before, reason=reason)
    return followup


__all__ = [
    "followup_complete",
    "followup_create",
    "followup_drop",
    "followup_report_progress",
    "followup_update",
]
