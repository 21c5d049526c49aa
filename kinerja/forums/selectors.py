"""Reads of public consultation forums, scoped to the viewer; the public reads; the figure of
commitments done on time.

Staff: an object outside the viewer's scope is missing (404). The public side reads published
forums only, and never a person: commitments name offices.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, IntegerField, Min, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from kinerja.forums import permissions, rules
from kinerja.forums.models import (
    Commitment,
    CommitmentProgress,
    CommitmentStatus,
    Forum,
    ForumParticipants,
    ForumStatus,
)
from kinerja.org.models import Position, Unit

PUBLISHED = ForumStatus.PUBLISHED
OPEN = (CommitmentStatus.PLANNED, CommitmentStatus.IN_PROGRESS)
LIST_LIMIT = 200


def _under(paths, field: str = "unit__path") -> Q:
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(**{f"{field}__startswith": path})
    return q


def _managed(viewer, field: str = "unit__path") -> Q:
    """The rows of the units the viewer manages (every unit for BKPSDM admins)."""
    if permissions.manages_whole_agency(viewer):
        return Q()
    return _under(permissions.managed_unit_paths(viewer), field)


# --- staff: forums --------------------------------------------------------------------------


def forums_visible_to(viewer):
    """The agency's published forums, and the drafts of the units the viewer manages (every
    draft for whole-agency roles)."""
    if not viewer.is_authenticated:
        return Forum.objects.none()
    qs = Forum.objects.filter(agency_id=viewer.agency_id)
    if viewer.sees_whole_agency:
        return qs
    return qs.filter(Q(status=PUBLISHED) | _managed(viewer))


def commitments_visible_to(viewer):
    if not viewer.is_authenticated:
        return Commitment.objects.none()
    return Commitment.objects.filter(forum__in=forums_visible_to(viewer))


def managed_forums(viewer):
    """The forums the viewer may change (a service chooses among them)."""
    if not viewer.is_authenticated:
        return Forum.objects.none()
    return Forum.objects.filter(agency_id=viewer.agency_id).filter(_managed(viewer))


def get_forum(viewer, pk) -> Forum:
    forum = forums_visible_to(viewer).select_related("unit").filter(pk=pk).first()
    if forum is None:
        raise Http404
    return forum


def _commitments_prefetch():
    return Prefetch(
        "commitments",
        queryset=Commitment.objects.select_related("owner_position").prefetch_related(
            Prefetch("progress", queryset=CommitmentProgress.objects.order_by("noted_on", "pk"))
        ),
    )


def forum_page(viewer, pk) -> Forum:
    """A forum with its participants, topics, commitments and their progress (four queries
    after the forum's, whatever their number)."""
    forum = get_forum(viewer, pk)
    return (
        Forum.objects.filter(pk=forum.pk)
        .select_related("unit")
        .prefetch_related("participants", "topics", _commitments_prefetch())
        .get()
    )


def get_commitment(viewer, pk) -> Commitment:
    commitment = (
        commitments_visible_to(viewer)
        .select_related("forum", "forum__unit", "owner_position")
        .prefetch_related(
            Prefetch("progress", queryset=CommitmentProgress.objects.order_by("noted_on", "pk"))
        )
        .filter(pk=pk)
        .first()
    )
    if commitment is None:
        raise Http404
    return commitment


def _annotated(qs, today: datetime.date):
    soon = today + datetime.timedelta(days=rules.DUE_SOON_DAYS)
    people = (
        ForumParticipants.objects.filter(forum=OuterRef("pk"))
        .order_by()
        .values("forum")
        .annotate(total=Sum("count"))
        .values("total")
    )

    def commitments(condition: Q):
        return Coalesce(
            Subquery(
                Commitment.objects.filter(condition, forum=OuterRef("pk"))
                .order_by()
                .values("forum")
                .annotate(n=Count("pk"))
                .values("n"),
                output_field=IntegerField(),
            ),
            0,
        )

    return qs.annotate(
        people=Coalesce(Subquery(people, output_field=IntegerField()), 0),
        commitment_count=commitments(Q()),
        done_count=commitments(Q(status=CommitmentStatus.DONE)),
        overdue_count=commitments(Q(status__in=OPEN, due_date__lt=today)),
        soon_count=commitments(Q(status__in=OPEN, due_date__gte=today, due_date__lte=soon)),
    )


@dataclass
class ForumFilters:
    unit: int | None = None
    year: int | None = None
    status: str = ""


def forum_list(viewer, filters: ForumFilters, *, limit: int | None = LIST_LIMIT):
    """The forums the viewer sees, newest first, each with its head count and the counts of its
    commitments (one query)."""
    qs = forums_visible_to(viewer).select_related("unit")
    if filters.unit:
        qs = qs.filter(unit_id=filters.unit)
    if filters.year:
        qs = qs.filter(held_on__year=filters.year)
    if filters.status in ForumStatus.values:
        qs = qs.filter(status=filters.status)
    qs = _annotated(qs, viewer.today).order_by("-held_on", "-pk")
    return qs[:limit] if limit else qs


def filter_units(viewer) -> list[tuple[int, str]]:
    """The units that have a forum the viewer sees, for the list's filter."""
    ids = forums_visible_to(viewer).order_by().values("unit_id").distinct()
    return list(Unit.objects.filter(pk__in=ids).order_by("path").values_list("pk", "name"))


def recordable_units(viewer):
    """Units the viewer may record forums for (active ones), service units first."""
    if not viewer.is_authenticated:
        return Unit.objects.none()
    qs = Unit.objects.filter(agency_id=viewer.agency_id, is_active=True)
    return qs.filter(_managed(viewer, "path")).order_by("-is_service_unit", "path")


def owner_positions(unit):
    """The posts of the unit and its sub-units, among which a commitment's owner is chosen."""
    return Position.objects.filter(
        agency_id=unit.agency_id, unit__path__startswith=unit.path, is_active=True
    ).order_by("path")


# --- commitments needing attention -----------------------------------------------------------


def _attention_q(today: datetime.date) -> Q:
    soon = today + datetime.timedelta(days=rules.DUE_SOON_DAYS)
    return Q(forum__status=PUBLISHED, status__in=OPEN, due_date__lte=soon)


def attention(viewer, *, whole_agency: bool = False, limit: int = LIST_LIMIT):
    """Open commitments of published forums that are overdue or due soon: those of the units
    the viewer manages, or (whole_agency, for the overview) of every unit of the agency."""
    if not viewer.is_authenticated:
        return []
    qs = Commitment.objects.filter(agency_id=viewer.agency_id).filter(_attention_q(viewer.today))
    if not (whole_agency and viewer.sees_whole_agency):
        qs = qs.filter(_managed(viewer))
    qs = qs.select_related("forum", "unit", "owner_position").order_by("due_date", "pk")
    return list(qs[:limit])


def attention_counts(viewer) -> dict:
    """For Beranda: how many commitments the viewer manages are overdue, due soon, and the
    earliest due day (one query)."""
    if not permissions.can_record_forums(viewer):
        return {}
    today = viewer.today
    qs = (
        Commitment.objects.filter(agency_id=viewer.agency_id)
        .filter(_attention_q(today))
        .filter(_managed(viewer))
    )
    return qs.aggregate(
        overdue=Count("pk", filter=Q(due_date__lt=today)),
        soon=Count("pk", filter=Q(due_date__gte=today)),
        first=Min("due_date"),
    )


# --- the figure: commitments done on time ---------------------------------------------------


def _tally_expressions(last: datetime.date) -> dict:
    kept = ~Q(status=CommitmentStatus.DROPPED)
    counted = kept & Q(due_date__lte=last)
    done = Q(status=CommitmentStatus.DONE)
    return {
        "due": Count("pk", filter=counted),
        "done_on_time": Count("pk", filter=counted & done & Q(done_on__lte=F("due_date"))),
        "done_late": Count("pk", filter=counted & done & Q(done_on__gt=F("due_date"))),
        "dropped": Count("pk", filter=Q(status=CommitmentStatus.DROPPED)),
        "not_yet_due": Count("pk", filter=kept & Q(due_date__gt=last)),
    }


def _share(row: dict) -> rules.OnTimeShare:
    return rules.OnTimeShare(
        due=row["due"],
        done_on_time=row["done_on_time"],
        done_late=row["done_late"],
        open_overdue=row["due"] - row["done_on_time"] - row["done_late"],
        dropped=row["dropped"],
        not_yet_due=row["not_yet_due"],
    )


def commitments_on_time(
    unit_ids, start: datetime.date, end: datetime.date, *, today: datetime.date | None = None
) -> rules.OnTimeShare:
    """The share of the commitments of published forums of `unit_ids`, due from `start` to
    `end`, that were done on time, with the counts behind it (rules.OnTimeShare): one query.

    A system source for the indicator "forum commitments done on time": the caller names the
    units (a unit alone, or with its sub-units) and the period; `today` (default: today) is the
    day of counting, before which a due day must be over to count."""
    today = today or timezone.localdate()
    last = rules.counting_end(end, today)
    row = Commitment.objects.filter(
        unit_id__in=list(unit_ids),
        forum__status=PUBLISHED,
        due_date__gte=start,
        due_date__lte=end,
    ).aggregate(**_tally_expressions(last))
    return _share(row)


@dataclass
class UnitRow:
    unit: Unit
    forums: int
    drafts: int
    figure: rules.OnTimeShare
    attention: int


def agency_overview(viewer, year: int) -> list[UnitRow]:
    """Per unit with forums in the year: the forums, the drafts, the figure of the commitments
    due in the year, and how many open ones are overdue or due soon today (three queries)."""
    if not permissions.can_view_overview(viewer):
        return []
    today = viewer.today
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    forums = {
        row["unit_id"]: row
        for row in Forum.objects.filter(agency_id=viewer.agency_id, held_on__year=year)
        .order_by()
        .values("unit_id")
        .annotate(
            total=Count("pk", filter=Q(status=PUBLISHED)),
            drafts=Count("pk", filter=Q(status=ForumStatus.DRAFT)),
        )
    }
    tallies = {
        row["unit_id"]: row
        for row in Commitment.objects.filter(agency_id=viewer.agency_id, forum__status=PUBLISHED)
        .filter(Q(due_date__gte=start, due_date__lte=end) | _attention_q(today))
        .order_by()
        .values("unit_id")
        .annotate(
            **{
                name: Count(
                    "pk",
                    filter=Q(due_date__gte=start, due_date__lte=end) & expression.filter,
                )
                for name, expression in _tally_expressions(rules.counting_end(end, today)).items()
            },
            attention=Count("pk", filter=_attention_q(today)),
        )
    }
    units = Unit.objects.filter(pk__in=set(forums) | set(tallies)).order_by("path")
    empty = dict.fromkeys(("due", "done_on_time", "done_late", "dropped", "not_yet_due"), 0)
    rows = []
    for unit in units:
        forum_row = forums.get(unit.pk, {"total": 0, "drafts": 0})
        tally = tallies.get(unit.pk, {**empty, "attention": 0})
        rows.append(
            UnitRow(
                unit, forum_row["total"], forum_row["drafts"], _share(tally), tally["attention"]
            )
        )
    return rows


# --- the public side ------------------------------------------------------------------------


def public_forums(agency, *, unit: int | None = None, year: int | None = None, limit=LIST_LIMIT):
    qs = Forum.objects.filter(agency=agency, status=PUBLISHED).select_related("unit")
    if unit:
        qs = qs.filter(unit_id=unit)
    if year:
        qs = qs.filter(held_on__year=year)
    qs = _annotated(qs, timezone.localdate()).order_by("-held_on", "-pk")
    return qs[:limit] if limit else qs


def public_units(agency) -> list[tuple[int, str]]:
    ids = Forum.objects.filter(agency=agency, status=PUBLISHED).order_by().values("unit_id")
    return list(Unit.objects.filter(pk__in=ids).order_by("path").values_list("pk", "name"))


def public_years(agency) -> list[int]:
    dates = Forum.objects.filter(agency=agency, status=PUBLISHED).dates("held_on", "year")
    return sorted({d.year for d in dates}, reverse=True)


def public_forum(pk) -> Forum:
    """A published forum with its rows; 404 for a draft or nothing."""
    forum = (
        Forum.objects.filter(pk=pk, status=PUBLISHED)
        .select_related("unit", "agency")
        .prefetch_related("participants", "topics", _commitments_prefetch())
        .first()
    )
    if forum is None:
        raise Http404
    return forum
