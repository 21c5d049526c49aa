"""Staff pages of public consultation forums: the list, a forum, the form (record, change a
draft, correct a published forum), publishing, a commitment's follow-up, and the agency
overview."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.core.errors import SERVICE_ERRORS
from kinerja.core.forms import copy_errors
from kinerja.core.numbers import is_ascii_digits
from kinerja.forums import permissions, rules, selectors, services
from kinerja.forums.forms import (
    CommitmentFormSet,
    CompleteForm,
    DropForm,
    ForumForm,
    ListFilters,
    ProgressForm,
    TopicFormSet,
    commitment_rows,
    topic_rows,
)
from kinerja.forums.models import CommitmentStatus, ForumStatus, ParticipantGroup

ROW_ERRORS = ("participants", "topics", "commitments")


def _year(request) -> int:
    raw = request.GET.get("year", "")
    if is_ascii_digits(raw) and 2000 <= int(raw) <= 2100:
        return int(raw)
    return request.viewer.today.year


def _years(viewer) -> list[int]:
    this = viewer.today.year
    return list(range(this, this - 5, -1))


@login_required
def list_view(request):
    """The forums the viewer sees (filters: year, status, unit), and for those who follow
    commitments up, the commitments overdue or due soon."""
    viewer = request.viewer
    units = selectors.filter_units(viewer)
    filters = ListFilters(
        request.GET or None, years=_years(viewer), units=units, statuses=ForumStatus.choices
    )
    chosen = filters.cleaned_data if filters.is_valid() else {}
    found = selectors.forum_list(
        viewer,
        selectors.ForumFilters(
            unit=chosen.get("unit"), year=chosen.get("year"), status=chosen.get("status") or ""
        ),
    )
    context = {
        "filters": filters,
        "forums": found,
        "can_record": permissions.can_record_forums(viewer),
        "can_view_overview": permissions.can_view_overview(viewer),
        "attention": selectors.attention(viewer) if permissions.can_record_forums(viewer) else [],
        "today": viewer.today,
    }
    return render(request, "forums/staff/list.html", context)


def _states(commitments, today):
    return [(c, c.state_on(today)) for c in commitments]


@login_required
def detail_view(request, pk: int):
    viewer = request.viewer
    forum = selectors.forum_page(viewer, pk)
    people = {p.group: p.count for p in forum.participants.all()}
    context = {
        "forum": forum,
        "participants": [(g.label, people[g.value]) for g in ParticipantGroup if g.value in people],
        "people_total": sum(people.values()),
        "commitments": _states(forum.commitments.all(), viewer.today),
        "can_manage": permissions.can_manage_forum(viewer, forum),
    }
    return render(request, "forums/staff/detail.html", context)


def _initial(forum) -> tuple[dict, list, list]:
    initial = {
        "title": forum.title,
        "held_on": forum.held_on,
        "place": forum.place,
        "kind": forum.kind,
        "summary": forum.summary,
    }
    for p in forum.participants.all():
        initial[f"people_{p.group}"] = p.count
    topics = [{"text": t.text, "area": t.area} for t in forum.topics.all()]
    commitments = [
        {
            "id": c.pk,
            "text": c.text,
            "owner_position": c.owner_position_id or "",
            "owner_text": c.owner_text,
            "due_date": c.due_date,
        }
        for c in forum.commitments.all()
    ]
    return initial, topics, commitments


def _positions(unit) -> list[tuple[int, str]]:
    return list(selectors.owner_positions(unit).values_list("pk", "name")) if unit else []


def _unit_for_positions(request, forum, units):
    """The unit whose posts are offered as owners: the forum's, or the one chosen."""
    if forum is not None:
        return forum.unit
    raw = request.POST.get("unit") or request.GET.get("unit", "")
    chosen = (
        selectors.recordable_units(request.viewer).filter(pk=raw).first()
        if is_ascii_digits(raw)
        else None
    )
    if chosen is None and len(units) == 1:
        chosen = selectors.recordable_units(request.viewer).first()
    return chosen


def _form_page(request, forum=None):
    viewer = request.viewer
    if forum is None and not permissions.can_record_forums(viewer):
        raise PermissionDenied
    if forum is not None and not permissions.can_manage_forum(viewer, forum):
        raise PermissionDenied
    correcting = forum is not None and forum.is_published
    units = None
    if forum is None:
        units = list(selectors.recordable_units(viewer).values_list("pk", "name"))
    unit = _unit_for_positions(request, forum, units or [])
    positions = _positions(unit)
    if request.method == "POST":
        form = ForumForm(request.POST, units=units, correcting=correcting)
        topics = TopicFormSet(request.POST, prefix="topic")
        commitments = CommitmentFormSet(request.POST, prefix="commitment", positions=positions)
        valid = form.is_valid() & topics.is_valid() & commitments.is_valid()
        if valid:
            data = form.cleaned_data
            values = {
                "title": data["title"],
                "held_on": data["held_on"],
                "place": data["place"],
                "kind": data["kind"],
                "summary": data["summary"],
                "participants": form.participants(),
                "topics": topic_rows(topics),
                "commitments": commitment_rows(commitments),
            }
            try:
                if forum is None:
                    saved = services.forum_create(actor=viewer, unit=data["unit"], **values)
                elif correcting:
                    saved = services.forum_correct(
                        actor=viewer, forum=forum, reason=data["reason"], **values
                    )
                else:
                    saved = services.forum_update(actor=viewer, forum=forum, **values)
            except SERVICE_ERRORS as error:
                copy_errors(form, error)
            else:
                messages.success(request, _("The forum was saved."))
                if "more" in request.POST:
                    return redirect("forums:edit", saved.pk)
                return redirect("forums:detail", saved.pk)
        status = 400
    else:
        if forum is None:
            initial, topic_initial, commitment_initial = {}, [], []
            if unit is not None:
                initial["unit"] = unit.pk
        else:
            initial, topic_initial, commitment_initial = _initial(forum)
        form = ForumForm(initial=initial, units=units, correcting=correcting)
        topics = TopicFormSet(initial=topic_initial, prefix="topic")
        commitments = CommitmentFormSet(
            initial=commitment_initial, prefix="commitment", positions=positions
        )
        status = 200
    context = {
        "form": form,
        "topics": topics,
        "commitments": commitments,
        "forum": forum,
        "correcting": correcting,
        "unit": unit,
        "choose_unit_first": forum is None and unit is None,
    }
    return render(request, "forums/staff/form.html", context, status=status)


@login_required
def create_view(request):
    return _form_page(request)


@login_required
def edit_view(request, pk: int):
    forum = selectors.forum_page(request.viewer, pk)
    return _form_page(request, forum)


@login_required
def publish_view(request, pk: int):
    """Publishing asks for confirmation: this page, then its button."""
    viewer = request.viewer
    forum = selectors.forum_page(viewer, pk)
    if not permissions.can_manage_forum(viewer, forum):
        raise PermissionDenied
    errors = []
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            errors = [_("Confirm that the forum is to be published.")]
        else:
            try:
                services.forum_publish(actor=viewer, forum=forum)
            except SERVICE_ERRORS as error:
                errors = getattr(error, "messages", None) or [str(error)]
            else:
                messages.success(request, _("The forum is published: the public can read it."))
                return redirect("forums:detail", forum.pk)
    status = 400 if errors else 200
    return render(
        request, "forums/staff/publish.html", {"forum": forum, "errors": errors}, status=status
    )


@login_required
def commitment_view(request, pk: int):
    """A commitment: its progress notes, and for those who follow it up, a progress note,
    completion and dropping."""
    viewer = request.viewer
    commitment = selectors.get_commitment(viewer, pk)
    can_follow = (
        permissions.can_manage_forum(viewer, commitment.forum)
        and commitment.forum.is_published
        and commitment.status in (CommitmentStatus.PLANNED, CommitmentStatus.IN_PROGRESS)
    )
    progress_form = ProgressForm()
    status = 200
    if request.method == "POST":
        if not permissions.can_manage_forum(viewer, commitment.forum):
            raise PermissionDenied
        progress_form = ProgressForm(request.POST)
        if progress_form.is_valid():
            try:
                services.commitment_report_progress(
                    actor=viewer,
                    commitment=commitment,
                    text=progress_form.cleaned_data["text"],
                    noted_on=progress_form.cleaned_data["noted_on"],
                )
            except SERVICE_ERRORS as error:
                copy_errors(progress_form, error)
            else:
                messages.success(request, _("The progress was noted."))
                return redirect("forums:commitment", commitment.pk)
        status = 400
    return _commitment_page(
        request, commitment, can_follow, progress_form, CompleteForm(), DropForm(), status
    )


def _commitment_page(request, commitment, can_follow, progress, complete, drop, status):
    context = {
        "commitment": commitment,
        "state": commitment.state_on(request.viewer.today),
        "days_left": rules.days_left(request.viewer.today, commitment.due_date),
        "can_follow": can_follow,
        "progress_form": progress,
        "complete_form": complete,
        "drop_form": drop,
    }
    return render(request, "forums/staff/commitment.html", context, status=status)


def _follow_up(request, pk: int, form_class, call):
    viewer = request.viewer
    commitment = selectors.get_commitment(viewer, pk)
    if not permissions.can_manage_forum(viewer, commitment.forum):
        raise PermissionDenied
    form = form_class(request.POST)
    if form.is_valid():
        try:
            call(viewer, commitment, form.cleaned_data)
        except SERVICE_ERRORS as error:
            copy_errors(form, error)
        else:
            return None
    forms = {CompleteForm: CompleteForm(), DropForm: DropForm()}
    forms[form_class] = form
    return _commitment_page(
        request, commitment, True, ProgressForm(), forms[CompleteForm], forms[DropForm], 400
    )


@login_required
@require_POST
def commitment_complete_view(request, pk: int):
    page = _follow_up(
        request,
        pk,
        CompleteForm,
        lambda viewer, c, data: services.commitment_complete(
            actor=viewer, commitment=c, done_on=data["done_on"], note=data["note"]
        ),
    )
    if page is not None:
        return page
    messages.success(request, _("The commitment is marked done."))
    return redirect("forums:commitment", pk)


@login_required
@require_POST
def commitment_drop_view(request, pk: int):
    page = _follow_up(
        request,
        pk,
        DropForm,
        lambda viewer, c, data: services.commitment_drop(
            actor=viewer, commitment=c, reason=data["reason"]
        ),
    )
    if page is not None:
        return page
    messages.success(request, _("The commitment is dropped, with its reason."))
    return redirect("forums:commitment", pk)


@login_required
def overview_view(request):
    """The agency at a glance: forums per unit with the on-time share of the commitments due in
    the year, and the commitments overdue or due soon across the agency."""
    viewer = request.viewer
    if not permissions.can_view_overview(viewer):
        raise PermissionDenied
    year = _year(request)
    context = {
        "year": year,
        "years": _years(viewer),
        "rows": selectors.agency_overview(viewer, year),
        "attention": selectors.attention(viewer, whole_agency=True),
        "today": viewer.today,
    }
    return render(request, "forums/staff/overview.html", context)
