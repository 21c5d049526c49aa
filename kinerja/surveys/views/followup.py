"""Pages of the follow-up plan (rencana tindak lanjut): plan an action on a period's results,
edit it, report its progress, mark it done or drop it. The plan itself shows on the unit's
results page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.core.errors import SERVICE_ERRORS
from kinerja.core.forms import copy_errors
from kinerja.surveys import permissions
from kinerja.surveys.forms import CompleteForm, DropForm, FollowupForm, ProgressForm
from kinerja.surveys.selectors import followup as selectors
from kinerja.surveys.selectors import results
from kinerja.surveys.selectors.figures import Period
from kinerja.surveys.services import followup as services
from kinerja.surveys.views.results import _default_period, _period_context, _period_form


def results_url(unit_pk: int, period: Period) -> str:
    query = {"year": period.year, "kind": period.kind, "number": period.number}
    return f"{reverse('surveys:results_unit', args=[unit_pk])}?{urlencode(query)}#followup"


def _period_of(action) -> Period:
    return Period(action.year, action.kind, action.number)


@login_required
def create_view(request, pk: int):
    """Plan an action on the period's results of a unit (the period from the query string)."""
    viewer = request.viewer
    unit = results.get_results_unit(viewer, pk)
    if not permissions.can_manage_followup(viewer, unit):
        raise PermissionDenied
    period_form, period = _period_form(request)
    if period is None:
        context = {"unit": unit, "form": period_form, **_period_context(_default_period(viewer))}
        return render(request, "surveys/results/unit.html", context, status=400)
    status = 200
    if request.method == "POST":
        form = FollowupForm(request.POST, unit=unit, period=period)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.followup_create(
                    actor=viewer,
                    unit=unit,
                    year=period.year,
                    kind=period.kind,
                    number=period.number,
                    element=data["element"],
                    action=data["action"],
                    due_date=data["due_date"],
                    owner_position=data["owner_position"],
                    owner_text=data["owner_text"],
                )
            except SERVICE_ERRORS as error:
                copy_errors(form, error)
            else:
                messages.success(request, _("The follow-up action was added."))
                return redirect(results_url(unit.pk, period))
        status = 400
    else:
        weakest = selectors.weakest_of_period(unit, period)
        form = FollowupForm(
            initial={"element": str(weakest[0]) if weakest else None}, unit=unit, period=period
        )
    context = {
        "unit": unit,
        "period": period,
        "form": form,
        "query": request.GET.urlencode(),
        "back": results_url(unit.pk, period),
    }
    return render(request, "surveys/followup/form.html", context, status=status)


def _detail(request, action, *, status=200, **forms):
    viewer = request.viewer
    can_manage = permissions.can_manage_followup(viewer, action.unit) and action.is_open
    context = {
        "action": action,
        "unit": action.unit,
        "period": _period_of(action),
        "back": results_url(action.unit_id, _period_of(action)),
        "can_manage": can_manage,
        "overdue": action.is_overdue(viewer.today),
        "progress_form": forms.get("progress_form") or ProgressForm(initial={"day": viewer.today}),
        "complete_form": forms.get("complete_form")
        or CompleteForm(initial={"done_on": viewer.today}),
        "drop_form": forms.get("drop_form") or DropForm(),
    }
    return render(request, "surveys/followup/detail.html", context, status=status)


@login_required
def detail_view(request, pk: int):
    """An action with its progress notes, and the forms to report on it."""
    return _detail(request, selectors.get_followup(request.viewer, pk))


@login_required
def edit_view(request, pk: int):
    viewer = request.viewer
    action = selectors.get_followup(viewer, pk)
    if not permissions.can_manage_followup(viewer, action.unit):
        raise PermissionDenied
    period = _period_of(action)
    status = 200
    if request.method == "POST":
        form = FollowupForm(request.POST, unit=action.unit, period=period)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.followup_update(
                    actor=viewer,
                    followup=action,
                    element=data["element"],
                    action=data["action"],
                    due_date=data["due_date"],
                    owner_position=data["owner_position"],
                    owner_text=data["owner_text"],
                )
            except SERVICE_ERRORS as error:
                copy_errors(form, error)
            else:
                messages.success(request, _("The follow-up action was saved."))
                return redirect("surveys:followup_detail", action.pk)
        status = 400
    else:
        form = FollowupForm(
            initial={
                "element": action.element,
                "action": action.action,
                "owner_position": action.owner_position_id,
                "owner_text": action.owner_text,
                "due_date": action.due_date,
            },
            unit=action.unit,
            period=period,
        )
    context = {
        "unit": action.unit,
        "period": period,
        "form": form,
        "action": action,
        "back": reverse("surveys:followup_detail", args=[action.pk]),
    }
    return render(request, "surveys/followup/form.html", context, status=status)


def _post(request, pk, form_class, form_name, call, done_message, field_map=None):
    viewer = request.viewer
    action = selectors.get_followup(viewer, pk)
    if not permissions.can_manage_followup(viewer, action.unit):
        raise PermissionDenied
    form = form_class(request.POST)
    if form.is_valid():
        try:
            call(viewer, action, form.cleaned_data)
        except SERVICE_ERRORS as error:
            copy_errors(form, error, field_map=field_map)
        else:
            messages.success(request, done_message)
            return redirect("surveys:followup_detail", action.pk)
    return _detail(request, action, status=400, **{form_name: form})


@login_required
@require_POST
def progress_view(request, pk: int):
    return _post(
        request,
        pk,
        ProgressForm,
        "progress_form",
        lambda viewer, action, data: services.followup_report_progress(
            actor=viewer, followup=action, note=data["note"], day=data["day"]
        ),
        _("The progress was recorded."),
    )


@login_required
@require_POST
def complete_view(request, pk: int):
    return _post(
        request,
        pk,
        CompleteForm,
        "complete_form",
        lambda viewer, action, data: services.followup_complete(
            actor=viewer, followup=action, done_on=data["done_on"], note=data["note"]
        ),
        _("The action was marked done."),
    )


@login_required
@require_POST
def drop_view(request, pk: int):
    return _post(
        request,
        pk,
        DropForm,
        "drop_form",
        lambda viewer, action, data: services.followup_drop(
            actor=viewer, followup=action, reason=data["reason"]
        ),
        _("The action was dropped."),
        field_map={"drop_reason": "reason"},
    )
