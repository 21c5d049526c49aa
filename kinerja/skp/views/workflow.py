"""Steps of the SKP the employee takes from these pages: start the plan, start the dialogue,
submit it, and change it during the year (a new version, or a new SKP after a mutation or a
change of rater). Setting and returning belong to the review pages.

Order of answers: anonymous -> login, outside the scope 404, not allowed 403, bad input or an
incomplete plan 400 with the page and the errors, nothing changed.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.core.errors import SERVICE_ERRORS
from kinerja.core.forms import copy_errors
from kinerja.skp import permissions, selectors, services
from kinerja.skp.forms.plan import DialogueForm, RestartForm, ReviseForm, StartSkpForm
from kinerja.skp.views._common import (
    error_messages,
)
from kinerja.skp.views.plan import detail_page, home_context


@login_required
@require_POST
def create_view(request):
    """The employee starts their own SKP of the current year."""
    from kinerja.org.selectors import get_employee

    viewer = request.viewer
    if viewer.employee_id is None:
        raise PermissionDenied(_("Only employees have an SKP."))
    employee = get_employee(viewer, viewer.employee_id)
    form = StartSkpForm(request.POST, years=[viewer.today.year])
    if form.is_valid():
        try:
            skp = services.skp_create(
                actor=viewer, employee=employee, year=form.cleaned_data["year"]
            )
        except SERVICE_ERRORS as error:
            copy_errors(form, error)
        else:
            messages.success(
                request, _("Your SKP has been started. Write your RHK and their indicators.")
            )
            return redirect("skp:edit", pk=skp.pk)
    return render(request, "skp/plan/home.html", home_context(request, form), status=400)


def _step(request, pk: int, action: str):
    skp = selectors.get_skp(request.viewer, pk)
    if action not in permissions.allowed_actions(request.viewer, skp):
        raise PermissionDenied(_("You may not take this step on this SKP."))
    return skp


@login_required
@require_POST
def start_dialogue_view(request, pk: int):
    skp = _step(request, pk, "start_dialogue")
    form = DialogueForm(request.POST)
    form.is_valid()
    try:
        services.skp_start_dialogue(
            actor=request.viewer, skp=skp, note=form.cleaned_data.get("note", "")
        )
    except SERVICE_ERRORS as error:
        return detail_page(request, skp, errors=error_messages(error), status=400)
    messages.success(request, _("The performance dialogue has started."))
    return redirect("skp:detail", pk=skp.pk)


@login_required
@require_POST
def submit_view(request, pk: int):
    skp = _step(request, pk, "submit")
    try:
        services.skp_submit(actor=request.viewer, skp=skp)
    except SERVICE_ERRORS as error:
        return detail_page(request, skp, errors=error_messages(error), status=400)
    messages.success(request, _("The SKP has been submitted to the rater."))
    return redirect("skp:detail", pk=skp.pk)


@login_required
def revise_view(request, pk: int):
    """A new draft version of the plan in force, with the reason of the change."""
    viewer = request.viewer
    skp = selectors.get_skp(viewer, pk)
    if not permissions.can_revise(viewer, skp):
        raise PermissionDenied(_("You may not revise this SKP."))
    status = 200
    if request.method == "POST":
        form = ReviseForm(request.POST)
        if form.is_valid():
            try:
                new = services.skp_revise(
                    actor=viewer,
                    skp=skp,
                    kind=form.cleaned_data["revision_kind"],
                    reason=form.cleaned_data["revision_reason"],
                )
            except SERVICE_ERRORS as error:
                copy_errors(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "Version %(version)s has been opened; the set version stays in force "
                        "until the new one is set."
                    )
                    % {"version": new.version},
                )
                return redirect("skp:edit", pk=new.pk)
        status = 400
    else:
        form = ReviseForm()
    return render(request, "skp/plan/revise.html", {"skp": skp, "form": form}, status=status)


@login_required
def restart_view(request, pk: int):
    """After a mutation or a change of rater: close this plan and start a new one."""
    viewer = request.viewer
    skp = selectors.get_skp(viewer, pk)
    if not permissions.can_restart(viewer, skp):
        raise PermissionDenied(_("You may not start a new SKP for this employee."))
    status = 200
    if request.method == "POST":
        form = RestartForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                new = services.skp_restart(
                    actor=viewer,
                    skp=skp,
                    kind=data["revision_kind"],
                    reason=data["revision_reason"],
                    effective_date=data["effective_date"],
                    copy=data["copy"],
                )
            except SERVICE_ERRORS as error:
                copy_errors(form, error)
            else:
                messages.success(
                    request, _("This SKP has been closed and a new one has been started.")
                )
                return redirect("skp:detail", pk=new.pk)
        status = 400
    else:
        form = RestartForm(initial={"effective_date": viewer.today})
    return render(request, "skp/plan/restart.html", {"skp": skp, "form": form}, status=status)


@login_required
@require_POST
def restart_for_new_rater_view(request, pk: int):
    """One click on a plan the organisation data flag: close it and start the new plan with
    today's post and rater (the confirmation is asked on the button)."""
    from kinerja.skp.selectors.rater_change import get_flagged_plan

    viewer = request.viewer
    skp = get_flagged_plan(viewer, pk)
    try:
        new = services.skp_restart_for_new_rater(actor=viewer, skp=skp)
    except SERVICE_ERRORS as error:
        if selectors.skps_visible_to(viewer).filter(pk=skp.pk).exists():
            return detail_page(request, skp, errors=error_messages(error), status=400)
        for message in error_messages(error):
            messages.error(request, message)
        return redirect("skp:inbox")
    messages.success(
        request, _("This SKP has been closed and a new one has been started with the new rater.")
    )
    if selectors.skps_visible_to(viewer).filter(pk=new.pk).exists():
        return redirect("skp:detail", pk=new.pk)
    return redirect("skp:inbox")
