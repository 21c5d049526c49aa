"""What the forum services share: choosing records, reading dates and text, the rows of a
forum and the audit snapshots."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.core import audit
from kinerja.core.choices import choose, not_choosable
from kinerja.core.errors import PermissionDeniedError
from kinerja.forums import permissions, selectors
from kinerja.forums.models import (
    MAX_HEADCOUNT,
    MAX_ROWS,
    TEXT_MAX,
    Commitment,
    CommitmentStatus,
    Forum,
    ForumKind,
    ForumParticipants,
    ForumTopic,
    ParticipantGroup,
)

REASON_MAX = 1000
OPEN = (CommitmentStatus.PLANNED, CommitmentStatus.IN_PROGRESS)
EARLIEST = datetime.date(2000, 1, 1)


# --- choosing -------------------------------------------------------------------------------


def _today(viewer) -> datetime.date:
    return viewer.today if viewer is not None else timezone.localdate()


def _choose_forum(viewer, forum) -> Forum:
    qs = Forum.objects.all() if viewer is None else selectors.forums_visible_to(viewer)
    found = choose(qs.select_related("unit"), forum, field="forum")
    if found is None:
        raise ValidationError({"forum": [_("Choose the forum.")]}, code="required")
    if viewer is not None and not permissions.can_manage_forum(viewer, found):
        raise PermissionDeniedError(_("You may not change this forum."))
    return found


def _choose_commitment(viewer, commitment) -> Commitment:
    qs = Commitment.objects.all() if viewer is None else selectors.commitments_visible_to(viewer)
    found = choose(
        qs.select_related("forum", "forum__unit", "owner_position"), commitment, field="commitment"
    )
    if found is None:
        raise ValidationError({"commitment": [_("Choose the commitment.")]}, code="required")
    if viewer is not None and not permissions.can_manage_forum(viewer, found.forum):
        raise PermissionDeniedError(_("You may not change this forum."))
    return found


def _day(value, field: str) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError({field: [_("Enter a valid date.")]}, code="invalid") from None


def _text(value, field: str, *, required: bool, max_length: int, message: str = "") -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationError({field: [message or _("This field is required.")]}, code="required")
    if len(text) > max_length:
        raise ValidationError(
            {
                field: [
                    _("Ensure this value has at most %(max)s characters (it has %(n)s).")
                    % {"max": max_length, "n": len(text)}
                ]
            },
            code="max_length",
        )
    return text


def _reason(value) -> str:
    return _text(
        value,
        "reason",
        required=True,
        max_length=REASON_MAX,
        message=_("Say why the published record is corrected."),
    )


# --- the rows of a forum --------------------------------------------------------------------


def _participants(rows) -> dict[str, int]:
    """{group: head count} from a mapping or a list of {"group", "count"}; zeros left out."""
    if rows is None:
        return {}
    pairs = (
        rows.items()
        if isinstance(rows, Mapping)
        else [(row.get("group"), row.get("count")) for row in rows]
    )
    result: dict[str, int] = {}
    for group, count in pairs:
        if group not in ParticipantGroup.values or group in result:
            raise not_choosable("participants")
        if count in (None, "", 0):
            continue
        if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= MAX_HEADCOUNT:
            raise ValidationError(
                {
                    "participants": [
                        _("The head count of “%(group)s” must be a whole number from 0 to %(max)s.")
                        % {"group": ParticipantGroup(group).label, "max": MAX_HEADCOUNT}
                    ]
                },
                code="invalid",
            )
        result[group] = count
    return result


def _topics(rows) -> list[tuple[str, str]]:
    result = []
    for n, row in enumerate(rows or (), start=1):
        text, area = (row.get("text") or "").strip(), (row.get("area") or "").strip()
        if not text and not area:
            continue
        if not text:
            raise ValidationError(
                {"topics": [_("Topic %(n)s: write the topic.") % {"n": n}]}, code="required"
            )
        if len(text) > TEXT_MAX or len(area) > 200:
            raise ValidationError(
                {"topics": [_("Topic %(n)s is too long.") % {"n": n}]}, code="max_length"
            )
        result.append((text, area))
    if len(result) > MAX_ROWS:
        raise ValidationError(
            {"topics": [_("At most %(max)s topics.") % {"max": MAX_ROWS}]}, code="too_many"
        )
    return result


def _commitment_values(unit, held_on, *, text, owner_position, owner_text, due_date) -> dict:
    """The checked values of a commitment, errors keyed by its fields."""
    text = _text(
        text, "text", required=True, max_length=TEXT_MAX, message=_("Write the commitment.")
    )
    owner_text = _text(owner_text, "owner_text", required=False, max_length=200)
    position = choose(selectors.owner_positions(unit), owner_position, field="owner_position")
    if position is None and not owner_text:
        raise ValidationError(
            {
                "owner_position": [
                    _("Choose the post that keeps the commitment, or type the office.")
                ]
            },
            code="required",
        )
    if position is not None:
        owner_text = ""
    due = _day(due_date, "due_date")
    if due is None:
        raise ValidationError({"due_date": [_("Enter the due date.")]}, code="required")
    if due < held_on:
        raise ValidationError(
            {"due_date": [_("The due date cannot be before the forum.")]}, code="before_forum"
        )
    return {"text": text, "owner_position": position, "owner_text": owner_text, "due_date": due}


def _commitment_rows(forum_unit, held_on, rows, existing: dict[int, Commitment]) -> list[dict]:
    result = []
    for n, row in enumerate(rows or (), start=1):
        pk = row.get("id")
        if pk not in (None, ""):
            found = existing.get(int(pk)) if str(pk).isdigit() else None
            if found is None:
                raise not_choosable("commitments")
            pk = found.pk
        else:
            pk = None
        try:
            values = _commitment_values(
                forum_unit,
                held_on,
                text=row.get("text"),
                owner_position=row.get("owner_position"),
                owner_text=row.get("owner_text"),
                due_date=row.get("due_date"),
            )
        except ValidationError as error:
            messages = [m for ms in error.message_dict.values() for m in ms]
            raise ValidationError(
                {
                    "commitments": [
                        _("Commitment %(n)s: %(error)s") % {"n": n, "error": " ".join(messages)}
                    ]
                },
                code="invalid",
            ) from None
        result.append({"id": pk, **values})
    if len(result) > MAX_ROWS:
        raise ValidationError(
            {"commitments": [_("At most %(max)s commitments.") % {"max": MAX_ROWS}]},
            code="too_many",
        )
    return result


def _commitment_snapshot(c: Commitment) -> dict:
    return {
        "id": c.pk,
        "text": c.text,
        "owner_position": c.owner_position_id,
        "owner_text": c.owner_text,
        "due_date": c.due_date.isoformat(),
        "status": c.status,
        "done_on": c.done_on.isoformat() if c.done_on else None,
        "drop_reason": c.drop_reason,
    }


def _snapshot(forum: Forum) -> dict:
    data = audit.snapshot(
        forum, ["unit", "title", "held_on", "place", "kind", "summary", "status", "version"]
    )
    data["participants"] = dict(
        ForumParticipants.objects.filter(forum=forum).values_list("group", "count")
    )
    data["topics"] = [
        [t.text, t.area] for t in ForumTopic.objects.filter(forum=forum).order_by("order", "pk")
    ]
    data["commitments"] = [
        _commitment_snapshot(c) for c in Commitment.objects.filter(forum=forum).order_by("order")
    ]
    return data


def _forum_fields(forum: Forum, *, title, held_on, place, kind, summary) -> None:
    forum.title = (title or "").strip()
    forum.held_on = _day(held_on, "held_on")
    forum.place = (place or "").strip()
    forum.kind = kind or ForumKind.PUBLIC_CONSULTATION
    forum.summary = (summary or "").strip()
    if forum.kind not in ForumKind.values:
        raise not_choosable("kind")
    if forum.held_on is None:
        raise ValidationError({"held_on": [_("Enter the date of the forum.")]}, code="required")
    if forum.held_on < EARLIEST:
        raise ValidationError({"held_on": [_("Enter a date from 2000 on.")]}, code="too_early")
    forum.full_clean(exclude=["agency", "unit"])


def _write_rows(forum: Forum, participants, topics, commitments, *, published: bool) -> None:
    """Replace the participant and topic rows; when `commitments` is given, bring the forum's
    commitments to those rows (a published forum's commitments are never removed)."""
    ForumParticipants.objects.filter(forum=forum).delete()
    ForumParticipants.objects.bulk_create(
        [ForumParticipants(forum=forum, group=g, count=c) for g, c in participants.items()]
    )
    ForumTopic.objects.filter(forum=forum).delete()
    ForumTopic.objects.bulk_create(
        [ForumTopic(forum=forum, order=n, text=t, area=a) for n, (t, a) in enumerate(topics)]
    )
    if commitments is None:
        return
    existing = {c.pk: c for c in Commitment.objects.filter(forum=forum)}
    rows = _commitment_rows(forum.unit, forum.held_on, commitments, existing)
    kept = {row["id"] for row in rows if row["id"]}
    removed = [pk for pk in existing if pk not in kept]
    if removed and published:
        raise ValidationError(
            {
                "commitments": [
                    _("A commitment of a published forum is not removed: drop it with its reason.")
                ]
            },
            code="published",
        )
    Commitment.objects.filter(pk__in=removed).delete()
    for order, row in enumerate(rows):
        commitment = existing.get(row["id"]) or Commitment(
            forum=forum, agency_id=forum.agency_id, unit_id=forum.unit_id
        )
        commitment.order = order
        commitment.text = row["text"]
        commitment.owner_position = row["owner_position"]
        commitment.owner_text = row["owner_text"]
        commitment.due_date = row["due_date"]
        commitment.save()
