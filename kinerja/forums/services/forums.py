"""Writes of forums: record, update, publish, correct."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.accounts.actors import audit_actor, require
from kinerja.core import audit
from kinerja.core.choices import choose
from kinerja.core.errors import ImmutableRecordError
from kinerja.forums import permissions, selectors
from kinerja.forums.models import (
    Forum,
    ForumKind,
    ForumParticipants,
    ForumStatus,
    ForumTopic,
)
from kinerja.forums.services.common import (
    _choose_forum,
    _forum_fields,
    _participants,
    _reason,
    _snapshot,
    _today,
    _topics,
    _write_rows,
)
from kinerja.org.models import Unit

# --- forums ---------------------------------------------------------------------------------


def forum_create(
    *,
    actor,
    unit,
    title: str,
    held_on,
    place: str,
    kind: str = ForumKind.PUBLIC_CONSULTATION,
    summary: str = "",
    participants=None,
    topics: Iterable[Mapping] | None = None,
    commitments: Iterable[Mapping] | None = None,
) -> Forum:
    """Record a forum of a unit as a draft, with its participants, topics and commitments."""
    viewer = require(actor, permissions.can_record_forums)
    units = Unit.objects.all() if viewer is None else selectors.recordable_units(viewer)
    unit = choose(units, unit, field="unit")
    if unit is None:
        raise ValidationError({"unit": [_("Choose the unit.")]}, code="required")
    forum = Forum(agency_id=unit.agency_id, unit=unit)
    _forum_fields(forum, title=title, held_on=held_on, place=place, kind=kind, summary=summary)
    people, rows = _participants(participants), _topics(topics)
    with transaction.atomic():
        forum.save()
        _write_rows(forum, people, rows, list(commitments or ()), published=False)
        audit.record(
            actor=audit_actor(actor),
            action="forums.forum.created",
            obj=forum,
            agency=forum.agency,
            after=_snapshot(forum),
        )
    return forum


def forum_update(
    *,
    actor,
    forum,
    title: str,
    held_on,
    place: str,
    kind: str = ForumKind.PUBLIC_CONSULTATION,
    summary: str = "",
    participants=None,
    topics=None,
    commitments=None,
) -> Forum:
    """Change a draft forum. `commitments` None leaves its commitments as they are."""
    viewer = require(actor, permissions.can_record_forums)
    with transaction.atomic():
        forum = _choose_forum(viewer, forum)
        forum = Forum.objects.select_for_update().select_related("unit", "agency").get(pk=forum.pk)
        if forum.is_published:
            raise ImmutableRecordError(
                _("The forum is published: correct it with the reason for the correction.")
            )
        before = _snapshot(forum)
        _forum_fields(forum, title=title, held_on=held_on, place=place, kind=kind, summary=summary)
        people, rows = _participants(participants), _topics(topics)
        forum.save()
        _write_rows(forum, people, rows, commitments, published=False)
        audit.record(
            actor=audit_actor(actor),
            action="forums.forum.updated",
            obj=forum,
            agency=forum.agency,
            before=before,
            after=_snapshot(forum),
        )
    return forum


def forum_publish(*, actor, forum) -> Forum:
    """Publish a draft forum: from now on the public reads it, and it changes only by a
    recorded correction. It needs its summary, one group of participants and one topic, and
    the forum must have taken place."""
    viewer = require(actor, permissions.can_record_forums)
    with transaction.atomic():
        forum = _choose_forum(viewer, forum)
        forum = Forum.objects.select_for_update().select_related("unit", "agency").get(pk=forum.pk)
        if forum.is_published:
            raise ImmutableRecordError(_("The forum is already published."))
        today = _today(viewer)
        errors = {}
        if forum.held_on > today:
            errors["held_on"] = [_("A forum is published once it has taken place.")]
        if not forum.summary:
            errors["summary"] = [_("Write the summary before publishing.")]
        if not ForumParticipants.objects.filter(forum=forum).exists():
            errors["participants"] = [_("Count the participants of at least one group.")]
        if not ForumTopic.objects.filter(forum=forum).exists():
            errors["topics"] = [_("Record at least one topic raised.")]
        if errors:
            raise ValidationError(errors, code="incomplete")
        forum.status = ForumStatus.PUBLISHED
        forum.published_on = today
        forum.save(update_fields=["status", "published_on", "updated_at"])
        audit.record(
            actor=audit_actor(actor),
            action="forums.forum.published",
            obj=forum,
            agency=forum.agency,
            after={"status": forum.status, "published_on": today.isoformat()},
        )
    return forum


def forum_correct(
    *,
    actor,
    forum,
    reason: str,
    title: str,
    held_on,
    place: str,
    kind: str = ForumKind.PUBLIC_CONSULTATION,
    summary: str = "",
    participants=None,
    topics=None,
    commitments=None,
) -> Forum:
    """Correct a published forum's record: an amendment with its reason, audited with the
    record before and after; the forum's version goes up by one. Commitments may be changed
    or added, never removed (they are dropped with a reason)."""
    viewer = require(actor, permissions.can_record_forums)
    reason = _reason(reason)
    with transaction.atomic():
        forum = _choose_forum(viewer, forum)
        forum = Forum.objects.select_for_update().select_related("unit", "agency").get(pk=forum.pk)
        if not forum.is_published:
            raise ValidationError(
                {
                    "reason": [
                        _("A draft is changed directly; only a published forum is corrected.")
                    ]
                },
                code="draft",
            )
        before = _snapshot(forum)
        _forum_fields(forum, title=title, held_on=held_on, place=place, kind=kind, summary=summary)
        if forum.held_on > _today(viewer):
            raise ValidationError(
                {
                    "held_on": [
                        _("A published forum has taken place: its date cannot be later than today.")
                    ]
                },
                code="future",
            )
        people, rows = _participants(participants), _topics(topics)
        if not people or not rows or not forum.summary:
            raise ValidationError(
                {"__all__": [_("A published forum keeps its summary, participants and topics.")]},
                code="incomplete",
            )
        forum.version += 1
        forum.save()
        _write_rows(forum, people, rows, commitments, published=True)
        audit.record(
            actor=audit_actor(actor),
            action="forums.forum.corrected",
            obj=forum,
            agency=forum.agency,
            before=before,
            after=_snapshot(forum),
            reason=reason,
        )
    return forum
