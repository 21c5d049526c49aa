"""REST API v1 of public consultation forums.

Staff side (`/forums...`, a token or a session): the forums the caller sees, scoped like the
pages (a forum outside the caller's scope is 404); writes call the services, which check the
permission (403), validate (400 with the field named) and refuse to change a published record
other than by a correction (409). Public side (`/public/forums...`, no authentication): the
published forums only, with offices and head counts, never a person. The public side only reads
what is published, as the public pages do, so it has no rate limit.
"""

import datetime
from typing import Annotated

from django.http import Http404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import ConfigDict

from kinerja.api.fields import model_text
from kinerja.api.pagination import LimitOffset
from kinerja.api.schemas import (
    BodyIn,
    InputSchema,
    public_responses,
    responses,
    write_responses,
)
from kinerja.api.types import Day, Id
from kinerja.forums import selectors, services
from kinerja.forums.models import (
    MAX_HEADCOUNT,
    MAX_ROWS,
    Commitment,
    CommitmentProgress,
    Forum,
    ForumKind,
    ForumStatus,
    ForumTopic,
)
from kinerja.org.models import Agency
from kinerja.org.selectors import public_agency

router = Router(tags=["public consultation forums (forum konsultasi publik)"])

Year = Annotated[int, Field(ge=2000, le=2100, description="Only forums held in this year.")]
HeadCount = Annotated[int, Field(ge=0, le=MAX_HEADCOUNT)]


# --- shapes ---------------------------------------------------------------------------------


class ForumParticipantsOut(Schema):
    group: str = Field(description="public, leaders, ngo, academia, media, business or agency.")
    count: int = Field(description="Head count of the group.")


class ForumTopicOut(Schema):
    text: str = Field(description="The topic raised.")
    area: str = Field(description="The area it concerns, if given.")


class ForumProgressOut(Schema):
    noted_on: datetime.date = Field(description="Day of the note.")
    text: str = Field(description="The progress.")


class PublicCommitmentOut(Schema):
    id: int = Field(description="Id of the commitment.")
    text: str = Field(description="What the unit committed to do.")
    owner: str = Field(description="The office that keeps it (never a person).")
    due_date: datetime.date = Field(description="Due date.")
    status: str = Field(description="planned, in_progress, done or dropped.")
    state: str = Field(
        description="Today: on_time, due_soon, overdue, done_on_time, done_late or dropped."
    )
    done_on: datetime.date | None = Field(description="Day it was done.")
    drop_reason: str = Field(description="Why it was dropped, if it was.")
    progress: list[ForumProgressOut] = Field(description="Progress notes, oldest first.")


class CommitmentOut(PublicCommitmentOut):
    forum_id: int = Field(description="The forum where it was made.")
    owner_position_id: int | None = Field(description="The post of the unit, if one was chosen.")


class PublicForumSummaryOut(Schema):
    id: int = Field(description="Id of the forum.")
    unit_name: str = Field(description="Name of the unit that held it.")
    title: str = Field(description="Title of the forum.")
    held_on: datetime.date = Field(description="Day it was held.")
    kind: str = Field(description="fkp, dialogue or other.")
    people: int = Field(description="Participants, all groups.")
    commitment_count: int = Field(description="Commitments made.")
    done_count: int = Field(description="Commitments done.")
    overdue_count: int = Field(description="Open commitments past their due date.")

    @staticmethod
    def resolve_unit_name(obj) -> str:
        return obj.unit.name


class ForumSummaryOut(PublicForumSummaryOut):
    unit_id: int = Field(description="The unit that held it.")
    status: str = Field(description="draft or published.")


class PublicForumOut(Schema):
    id: int = Field(description="Id of the forum.")
    unit_name: str = Field(description="Name of the unit that held it.")
    title: str = Field(description="Title of the forum.")
    held_on: datetime.date = Field(description="Day it was held.")
    place: str = Field(description="Where it was held.")
    kind: str = Field(description="fkp, dialogue or other.")
    summary: str = Field(description="What was said and agreed.")
    version: int = Field(description="1, raised by each correction after publication.")
    participants: list[ForumParticipantsOut] = Field(
        description="Head counts per group (never names)."
    )
    topics: list[ForumTopicOut] = Field(description="The topics raised, in order.")
    commitments: list[PublicCommitmentOut] = Field(description="The commitments, in order.")


class ForumOut(PublicForumOut):
    unit_id: int = Field(description="The unit that held it.")
    status: str = Field(description="draft or published.")
    published_on: datetime.date | None = Field(description="Day it was published.")
    commitments: list[CommitmentOut] = Field(description="The commitments, in order.")


class ForumTopicIn(BodyIn):
    text: model_text(ForumTopic, "text")
    area: model_text(ForumTopic, "area") = ""


class ForumCommitmentRowIn(BodyIn):
    id: Id | None = Field(None, description="An existing commitment of the forum; none to add.")
    text: model_text(Commitment, "text")
    owner_position: Id | None = Field(None, description="A post of the unit or its sub-units.")
    owner_text: model_text(Commitment, "owner_text") = Field(
        "", description="Or the office described; never a person."
    )
    due_date: Day


class ForumParticipantsIn(BodyIn):
    """Head counts per group, 0 to MAX_HEADCOUNT; a group left out counts 0. No names."""

    model_config = ConfigDict(extra="forbid")

    public: HeadCount = Field(0, description="General public (masyarakat umum).")
    leaders: HeadCount = Field(0, description="Community leaders (tokoh masyarakat).")
    ngo: HeadCount = Field(0, description="NGOs and community organisations (LSM/ormas).")
    academia: HeadCount = Field(0, description="Academics (akademisi).")
    media: HeadCount = Field(0, description="Media.")
    business: HeadCount = Field(0, description="Business (dunia usaha).")
    agency: HeadCount = Field(0, description="Other agencies (instansi lain).")


class ForumFieldsIn(BodyIn):
    title: model_text(Forum, "title")
    held_on: Day
    place: model_text(Forum, "place")
    kind: ForumKind = ForumKind.PUBLIC_CONSULTATION
    summary: model_text(Forum, "summary") = ""
    participants: ForumParticipantsIn = Field(
        default_factory=ForumParticipantsIn,
        description=f"Head count per group (0 to {MAX_HEADCOUNT}); no names.",
    )
    topics: list[ForumTopicIn] = Field(default_factory=list, max_length=MAX_ROWS)


class ForumCreateIn(ForumFieldsIn):
    unit: Id = Field(description="The unit that held the forum.")
    commitments: list[ForumCommitmentRowIn] = Field(default_factory=list, max_length=MAX_ROWS)


class ForumUpdateIn(ForumFieldsIn):
    commitments: list[ForumCommitmentRowIn] | None = Field(
        None, max_length=MAX_ROWS, description="The commitments as they should be; null: as is."
    )


class ForumCorrectIn(ForumUpdateIn):
    reason: str = Field(max_length=services.REASON_MAX, description="Why it is corrected.")


class ForumCommitmentIn(BodyIn):
    text: model_text(Commitment, "text")
    owner_position: Id | None = Field(None, description="A post of the unit or its sub-units.")
    owner_text: model_text(Commitment, "owner_text") = Field(
        "", description="Or the office described; never a person."
    )
    due_date: Day
    reason: str = Field(
        "", max_length=services.REASON_MAX, description="Required once the forum is published."
    )


class ForumProgressIn(BodyIn):
    text: model_text(CommitmentProgress, "text")
    noted_on: Day | None = Field(None, description="Today by default.")


class ForumCompleteIn(BodyIn):
    done_on: Day | None = Field(None, description="Today by default.")
    note: model_text(CommitmentProgress, "text") = ""


class ForumDropIn(BodyIn):
    reason: model_text(Commitment, "drop_reason")


class ForumFilters(InputSchema):
    unit: Id | None = Field(None, description="Only forums of this unit.")
    year: Year | None = None
    status: ForumStatus | None = Field(None, description="Only drafts or only published.")


class PublicForumFilters(InputSchema):
    agency: model_text(Agency, "code") | None = Field(
        None, description="The agency's code; needed when there are several."
    )
    unit: Id | None = Field(None, description="Only forums of this unit.")
    year: Year | None = None


# --- answers --------------------------------------------------------------------------------


def _progress(c: Commitment) -> list[dict]:
    return [{"noted_on": p.noted_on, "text": p.text} for p in c.progress.all()]


def _commitment(c: Commitment, today, *, public: bool = False) -> dict:
    data = {
        "id": c.pk,
        "text": c.text,
        "owner": c.owner_label,
        "due_date": c.due_date,
        "status": c.status,
        "state": c.state_on(today),
        "done_on": c.done_on,
        "drop_reason": c.drop_reason,
        "progress": _progress(c),
    }
    if not public:
        data |= {"forum_id": c.forum_id, "owner_position_id": c.owner_position_id}
    return data


def _forum(forum: Forum, today, *, public: bool = False) -> dict:
    data = {
        "id": forum.pk,
        "unit_name": forum.unit.name,
        "title": forum.title,
        "held_on": forum.held_on,
        "place": forum.place,
        "kind": forum.kind,
        "summary": forum.summary,
        "version": forum.version,
        "participants": [{"group": p.group, "count": p.count} for p in forum.participants.all()],
        "topics": [{"text": t.text, "area": t.area} for t in forum.topics.all()],
        "commitments": [_commitment(c, today, public=public) for c in forum.commitments.all()],
    }
    if not public:
        data |= {
            "unit_id": forum.unit_id,
            "status": forum.status,
            "published_on": forum.published_on,
        }
    return data


def _values(payload: ForumFieldsIn) -> dict:
    return {
        "title": payload.title,
        "held_on": payload.held_on,
        "place": payload.place,
        "kind": payload.kind,
        "summary": payload.summary,
        "participants": payload.participants.dict(),
        "topics": [t.dict() for t in payload.topics],
    }


def _rows(rows) -> list[dict] | None:
    return None if rows is None else [r.dict() for r in rows]


def _page(request, pk: int) -> dict:
    return _forum(selectors.forum_page(request.viewer, pk), request.viewer.today)


# --- staff ----------------------------------------------------------------------------------


@router.get(
    "/forums",
    response=responses(list[ForumSummaryOut]),
    operation_id="forums_list",
    summary="Forums the caller sees, newest first",
)
@paginate(LimitOffset)
def forum_list(request, filters: Query[ForumFilters]):
    return selectors.forum_list(
        request.viewer,
        selectors.ForumFilters(unit=filters.unit, year=filters.year, status=filters.status or ""),
        limit=None,
    )


@router.get(
    "/forums/{forum_id}",
    response=responses(ForumOut, 404),
    operation_id="forums_detail",
    summary="A forum with its participants, topics and commitments",
)
def forum_detail(request, forum_id: Id):
    return _page(request, forum_id)


@router.post(
    "/forums",
    response=write_responses(ForumOut),
    operation_id="forums_create",
    summary="Record a forum (a draft)",
)
def forum_create(request, payload: ForumCreateIn):
    forum = services.forum_create(
        actor=request.viewer,
        unit=payload.unit,
        commitments=_rows(payload.commitments),
        **_values(payload),
    )
    return _page(request, forum.pk)


@router.put(
    "/forums/{forum_id}",
    response=write_responses(ForumOut),
    operation_id="forums_update",
    summary="Change a draft forum",
)
def forum_update(request, forum_id: Id, payload: ForumUpdateIn):
    forum = selectors.get_forum(request.viewer, forum_id)
    services.forum_update(
        actor=request.viewer,
        forum=forum,
        commitments=_rows(payload.commitments),
        **_values(payload),
    )
    return _page(request, forum_id)


@router.post(
    "/forums/{forum_id}/publish",
    response=write_responses(ForumOut),
    operation_id="forums_publish",
    summary="Publish a draft forum (the public reads it from then on)",
)
def forum_publish(request, forum_id: Id):
    forum = selectors.get_forum(request.viewer, forum_id)
    services.forum_publish(actor=request.viewer, forum=forum)
    return _page(request, forum_id)


@router.post(
    "/forums/{forum_id}/corrections",
    response=write_responses(ForumOut),
    operation_id="forums_correct",
    summary="Correct a published forum, with the reason",
)
def forum_correct(request, forum_id: Id, payload: ForumCorrectIn):
    forum = selectors.get_forum(request.viewer, forum_id)
    services.forum_correct(
        actor=request.viewer,
        forum=forum,
        reason=payload.reason,
        commitments=_rows(payload.commitments),
        **_values(payload),
    )
    return _page(request, forum_id)


def _commitment_answer(request, pk: int) -> dict:
    return _commitment(selectors.get_commitment(request.viewer, pk), request.viewer.today)


@router.post(
    "/forums/{forum_id}/commitments",
    response=write_responses(CommitmentOut),
    operation_id="forums_commitment_create",
    summary="Add a commitment to a forum (with a reason once published)",
)
def commitment_create(request, forum_id: Id, payload: ForumCommitmentIn):
    forum = selectors.get_forum(request.viewer, forum_id)
    commitment = services.commitment_create(actor=request.viewer, forum=forum, **payload.dict())
    return _commitment_answer(request, commitment.pk)


@router.put(
    "/forums/commitments/{commitment_id}",
    response=write_responses(CommitmentOut),
    operation_id="forums_commitment_update",
    summary="Change a commitment (with a reason once the forum is published)",
)
def commitment_update(request, commitment_id: Id, payload: ForumCommitmentIn):
    commitment = selectors.get_commitment(request.viewer, commitment_id)
    services.commitment_update(actor=request.viewer, commitment=commitment, **payload.dict())
    return _commitment_answer(request, commitment_id)


@router.post(
    "/forums/commitments/{commitment_id}/progress",
    response=write_responses(CommitmentOut),
    operation_id="forums_commitment_progress",
    summary="Note the progress of a commitment",
)
def commitment_progress(request, commitment_id: Id, payload: ForumProgressIn):
    commitment = selectors.get_commitment(request.viewer, commitment_id)
    services.commitment_report_progress(
        actor=request.viewer, commitment=commitment, text=payload.text, noted_on=payload.noted_on
    )
    return _commitment_answer(request, commitment_id)


@router.post(
    "/forums/commitments/{commitment_id}/complete",
    response=write_responses(CommitmentOut),
    operation_id="forums_commitment_complete",
    summary="Mark a commitment done",
)
def commitment_complete(request, commitment_id: Id, payload: ForumCompleteIn):
    commitment = selectors.get_commitment(request.viewer, commitment_id)
    services.commitment_complete(
        actor=request.viewer, commitment=commitment, done_on=payload.done_on, note=payload.note
    )
    return _commitment_answer(request, commitment_id)


@router.post(
    "/forums/commitments/{commitment_id}/drop",
    response=write_responses(CommitmentOut),
    operation_id="forums_commitment_drop",
    summary="Drop a commitment, with the reason the public reads",
)
def commitment_drop(request, commitment_id: Id, payload: ForumDropIn):
    commitment = selectors.get_commitment(request.viewer, commitment_id)
    services.commitment_drop(actor=request.viewer, commitment=commitment, reason=payload.reason)
    return _commitment_answer(request, commitment_id)


# --- public ---------------------------------------------------------------------------------


@router.get(
    "/public/forums",
    response=public_responses(list[PublicForumSummaryOut], 400),
    operation_id="forums_public_list",
    summary="Published forums of an agency, newest first (no authentication)",
    auth=None,
)
@paginate(LimitOffset)
def public_list(request, filters: Query[PublicForumFilters]):
    agency = public_agency(filters.agency or "")
    if agency is None:
        raise Http404
    return selectors.public_forums(agency, unit=filters.unit, year=filters.year, limit=None)


@router.get(
    "/public/forums/{forum_id}",
    response=public_responses(PublicForumOut),
    operation_id="forums_public_detail",
    summary="A published forum (no authentication)",
    auth=None,
)
def public_detail(request, forum_id: Id):
    return _forum(selectors.public_forum(forum_id), timezone.localdate(), public=True)
