"""Writes of the RHK taken over by the leader during the year (PermenPANRB 6/2022 Ps 20).

When feedback, adjusted expectations and coaching brought no progress, the leader takes over
the employee's RHK and writes why the employee could not finish it; the evaluation reads the
note. A takeover is never edited: one recorded by mistake is withdrawn with a reason.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kinerja.accounts.actors import audit_actor, require
from kinerja.core import audit
from kinerja.core.errors import ValidationError
from kinerja.skp import permissions
from kinerja.skp.models import Rhk, RhkTakeover, Skp

TAKEOVER_FIELDS = ["employee", "year", "rhk_key", "rhk_text", "taken_over_on", "note"]


def _day(value: datetime.date) -> str:
    return date_format(value, "d-m-Y")


def _clean_text(value, field: str, message: str, limit: int) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError({field: message}, code="required")
    if len(text) > limit:
        raise ValidationError(
            {field: _("Write at most %(limit)s characters.") % {"limit": limit}},
            code="max_length",
        )
    return text


@transaction.atomic
def rhk_take_over(
    *, actor, rhk: Rhk, note: str, taken_over_on: datetime.date | None = None
) -> RhkTakeover:
    """The rater takes over `rhk` of a set plan in force, noting why the employee could not
    finish it. `taken_over_on` (default today) lies within the plan and not in the future."""
    skp = Skp.objects.select_for_update().select_related("agency").get(pk=rhk.skp_id)
    viewer = require(
        actor,
        lambda v: permissions.can_take_over_rhk(v, skp),
        _("Only the rater may take over an RHK of a set plan in force."),
    )
    today = viewer.today if viewer is not None else timezone.localdate()
    note = _clean_text(
        note,
        "note",
        _("Write why the employee could not finish this RHK: the evaluation reads it."),
        RhkTakeover._meta.get_field("note").max_length,
    )
    day = taken_over_on or today
    if day > today:
        raise ValidationError(
            {"taken_over_on": _("The day of the takeover cannot be in the future.")},
            code="future",
        )
    if not skp.start_date <= day <= skp.end_date:
        raise ValidationError(
            {
                "taken_over_on": _(
                    "Choose a day between %(start)s and %(end)s, while the plan is in force."
                )
                % {"start": _day(skp.start_date), "end": _day(skp.end_date)}
            },
            code="outside_plan",
        )
    if RhkTakeover.objects.filter(
        employee_id=skp.employee_id, year=skp.year, rhk_key=rhk.key, withdrawn_at__isnull=True
    ).exists():
        raise ValidationError(
            {"rhk": _("This RHK has already been taken over.")}, code="already_taken_over"
        )
    takeover = RhkTakeover.objects.create(
        agency_id=skp.agency_id,
        employee_id=skp.employee_id,
        year=skp.year,
        rhk_key=rhk.key,
        skp=skp,
        rhk_text=rhk.text,
        taken_over_on=day,
        taken_by_id=skp.rater_id,
        taken_by_label=skp.rater_label,
        note=note,
        created_by=viewer.user if viewer is not None else None,
    )
    audit.record(
        actor=audit_actor(actor),
        action="skp.rhk.taken_over",
        obj=takeover,
        after=audit.snapshot(takeover, TAKEOVER_FIELDS),
        agency=skp.agency,
        reason=note,
    )
    return takeover


@transaction.atomic
def rhk_takeover_withdraw(*, actor, takeover: RhkTakeover, reason: str) -> RhkTakeover:
    """Withdraw a takeover recorded by mistake; the record and the reason stay in the history."""
    takeover = (
        RhkTakeover.objects.select_for_update(of=("self",))
        .select_related("skp__agency")
        .get(pk=takeover.pk)
    )
    viewer = require(
        actor,
        lambda v: permissions.can_withdraw_takeover(v, takeover.skp),
        _("Only the rater or BKPSDM may withdraw a takeover."),
    )
    if takeover.withdrawn_at is not None:
        raise ValidationError(
            {"reason": _("This takeover has already been withdrawn.")}, code="withdrawn"
        )
    reason = _clean_text(
        reason,
        "reason",
        _("Write why the takeover is withdrawn."),
        RhkTakeover._meta.get_field("withdraw_reason").max_length,
    )
    takeover.withdrawn_at = timezone.now()
    takeover.withdrawn_by = viewer.user if viewer is not None else None
    takeover.withdraw_reason = reason
    takeover.save(update_fields=["withdrawn_at", "withdrawn_by", "withdraw_reason"])
    audit.record(
        actor=audit_actor(actor),
        action="skp.rhk.takeover_withdrawn",
        obj=takeover,
        before={"in_force": True},
        after={"in_force": False},
        agency=takeover.skp.agency,
        reason=reason,
    )
    return takeover
