"""Writes of commitments: add, change, follow up, complete, drop."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.accounts.actors import audit_actor, require
from kinerja.core import audit
from kinerja.core.errors import ImmutableRecordError
from kinerja.forums import permissions
from kinerja.forums.models import (
    TEXT_MAX,
    Commitment,
    CommitmentProgress,
    CommitmentStatus,
    Forum,
)
from kinerja.forums.services.common import (
    MAX_ROWS,
    OPEN,
    _choose_commitment,
    _choose_forum,
    _commitment_snapshot,
    _commitment_values,
    _day,
    _reason,
    _text,
    _today,
)

# --- commitments ----------------------------------------------------------------------------


def _amend(forum: Forum, reason) -> str:
    """A change to a published forum's commitments is a correction: its reason is required and
    the forum's version goes up."""
    if not forum.is_published:
        return (reason or "").strip()
    reason = _reason(reason)
    Forum.objects.filter(pk=forum.pk).update(version=forum.version + 1)
    forum.version += 1
    return reason


def commitment_create(
    *, actor, forum, text: str, due_date, owner_position=None, owner_text: str = "", reason=""
) -> Commitment:
    """Add a commitment to a forum (with a reason once the forum is published)."""
    viewer = require(actor, permissions.can_record_forums)
    with transaction.atomic():
        forum = _choose_forum(viewer, forum)
        forum = Forum.objects.select_for_update().select_related("unit", "agency").get(pk=forum.pk)
        values = _commitment_values(
            forum.unit,
            forum.held_on,
            text=text,
            owner_position=owner_position,
            owner_text=owner_text,
            due_date=due_date,
        )
        if Commitment.objects.filter(forum=forum).count() >= MAX_ROWS:
            raise ValidationError(
                {"text": [_("At most %(max)s commitments.") % {"max": MAX_ROWS}]}, code="too_many"
            )
        reason = _amend(forum, reason)
        order = Commitment.objects.filter(forum=forum).count()
        commitment = Commitment.objects.create(
            forum=forum, agency_id=forum.agency_id, unit_id=forum.unit_id, order=order, **values
        )
        audit.record(
            actor=audit_actor(actor),
            action="forums.commitment.created",
            obj=commitment,
            agency=forum.agency,
            after=_commitment_snapshot(commitment),
            reason=reason,
        )
    return commitment


def commitment_update(
    *, actor, commitment, text: str, due_date, owner_position=None, owner_text: str = "", reason=""
) -> Commitment:
    """Change what a commitment says, its owner or its due date (with a reason once the forum
    is published)."""
    viewer = require(actor, permissions.can_record_forums)
    with transaction.atomic():
        commitment = _choose_commitment(viewer, commitment)
        commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
        forum = Forum.objects.select_related("unit", "agency").get(pk=commitment.forum_id)
        values = _commitment_values(
            forum.unit,
            forum.held_on,
            text=text,
            owner_position=owner_position,
            owner_text=owner_text,
            due_date=due_date,
        )
        before = _commitment_snapshot(commitment)
        reason = _amend(forum, reason)
        for name, value in values.items():
            setattr(commitment, name, value)
        commitment.save()
        audit.record(
            actor=audit_actor(actor),
            action="forums.commitment.updated",
            obj=commitment,
            agency=forum.agency,
            before=before,
            after=_commitment_snapshot(commitment),
            reason=reason,
        )
    return commitment


def _locked_commitment(viewer, commitment) -> Commitment:
    """The commitment the viewer may follow up, locked, with its forum and agency."""
    chosen = _choose_commitment(viewer, commitment)
    return (
        Commitment.objects.select_for_update()
        .select_related("forum", "forum__agency")
        .get(pk=chosen.pk)
    )


def _open_published(commitment: Commitment, field: str) -> None:
    if not commitment.forum.is_published:
        raise ValidationError(
            {field: [_("Publish the forum before following up its commitments.")]},
            code="draft",
        )
    if commitment.status not in OPEN:
        raise ImmutableRecordError(_("The commitment is already done or dropped."))


def _follow_up_day(value, commitment: Commitment, today, field: str) -> datetime.date:
    day = _day(value, field) or today
    if day > today:
        raise ValidationError({field: [_("The date cannot be later than today.")]}, code="future")
    if day < commitment.forum.held_on:
        raise ValidationError(
            {field: [_("The date cannot be before the forum.")]}, code="before_forum"
        )
    return day


def commitment_report_progress(
    *, actor, commitment, text: str, noted_on=None
) -> CommitmentProgress:
    """Note the progress of an open commitment of a published forum, dated; a planned
    commitment is then in progress."""
    viewer = require(actor, permissions.can_record_forums)
    with transaction.atomic():
        commitment = _locked_commitment(viewer, commitment)
        _open_published(commitment, "text")
        text = _text(
            text, "text", required=True, max_length=TEXT_MAX, message=_("Write the progress.")
        )
        day = _follow_up_day(noted_on, commitment, _today(viewer), "noted_on")
        note = CommitmentProgress.objects.create(commitment=commitment, noted_on=day, text=text)
        before = commitment.status
        if commitment.status == CommitmentStatus.PLANNED:
            commitment.status = CommitmentStatus.IN_PROGRESS
            commitment.save(update_fields=["status"])
        audit.record(
            actor=audit_actor(actor),
            action="forums.commitment.progress",
            obj=commitment,
            agency=commitment.forum.agency,
            before={"status": before},
            after={"status": commitment.status, "noted_on": day.isoformat(), "text": text},
        )
    return note


def commitment_complete(*, actor, commitment, done_on=None, note: str = "") -> Commitment:
    """Mark an open commitment done on a day (today by default), with an optional last note."""
    viewer = require(actor, permissions.can_record_forums)
    with transaction.atomic():
        commitment = _locked_commitment(viewer, commitment)
        _open_published(commitment, "done_on")
        day = _follow_up_day(done_on, commitment, _today(viewer), "done_on")
        note = _text(note, "note", required=False, max_length=TEXT_MAX)
        before = commitment.status
        commitment.status = CommitmentStatus.DONE
        commitment.done_on = day
        commitment.save(update_fields=["status", "done_on"])
        if note:
            CommitmentProgress.objects.create(commitment=commitment, noted_on=day, text=note)
        audit.record(
            actor=audit_actor(actor),
            action="forums.commitment.completed",
            obj=commitment,
            agency=commitment.forum.agency,
            before={"status": before},
            after={"status": commitment.status, "done_on": day.isoformat(), "note": note},
        )
    return commitment


def commitment_drop(*, actor, commitment, reason: str) -> Commitment:
    """Drop an open commitment, with the reason the public will read."""
    viewer = require(actor, permissions.can_record_forums)
    with transaction.atomic():
        commitment = _locked_commitment(viewer, commitment)
        _open_published(commitment, "reason")
        reason = _text(
            reason,
            "reason",
            required=True,
            max_length=TEXT_MAX,
            message=_("Say why the commitment is dropped."),
        )
        before = commitment.status
        commitment.status = CommitmentStatus.DROPPED
        commitment.drop_reason = reason
        commitment.save(update_fields=["status", "drop_reason"])
        audit.record(
            actor=audit_actor(actor),
            action="forums.commitment.dropped",
            obj=commitment,
            agency=commitment.forum.agency,
            before={"status": before},
            after={"status": commitment.status},
            reason=reason,
        )
    return commitment
