"""Pages of taking over an employee's RHK (PermenPANRB 6/2022 Ps 20) and withdrawing it.

Order of answers: anonymous -> login; a plan or takeover outside the viewer's scope 404; a
viewer who may not take over (or withdraw) 403; bad input 400 with the form, input kept.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kinerja.core.errors import SERVICE_ERRORS
from kinerja.core.forms import copy_errors
from kinerja.skp import permissions, selectors, services
from kinerja.skp.forms.takeovers import TakeoverForm, WithdrawTakeoverForm
from kinerja.skp.selectors import takeovers as selectors_takeovers


def _rhk_of(skp, rhk_pk: int):
    rhk = next((r for r in skp.rhks.all() if r.pk == rhk_pk), None)
    if rhk is None:
        raise Http404
    return rhk


@login_required
def take_over_view(request, pk: int, rhk_pk: int):
    skp = selectors.get_skp(request.viewer, pk)
    rhk = _rhk_of(skp, rhk_pk)
    if not permissions.can_take_over_rhk(request.viewer, skp):
        raise PermissionDenied(_("Only the rater may take over an RHK of a set plan in force."))
    if request.method == "POST":
        form = TakeoverForm(request.POST)
        if form.is_valid():
            try:
                services.rhk_take_over(
                    actor=request.viewer,
                    rhk=rhk,
                    note=form.cleaned_data["note"],
                    taken_over_on=form.cleaned_data["taken_over_on"],
                )
            except SERVICE_ERRORS as error:
                copy_errors(form, error)
            else:
                messages.success(
                    request, _("The RHK has been taken over; the note is kept for the evaluation.")
                )
                return redirect("skp:detail", pk=skp.pk)
        status = 400
    else:
        form = TakeoverForm(initial={"taken_over_on": request.viewer.today})
        status = 200
    context = {"skp": skp, "rhk": rhk, "form": form}
    return render(request, "skp/takeovers/form.html", context, status=status)


@login_required
def withdraw_view(request, pk: int):
    takeover = selectors_takeovers.get_takeover(request.viewer, pk)
    if not permissions.can_withdraw_takeover(request.viewer, takeover.skp):
        raise PermissionDenied(_("Only the rater or BKPSDM may withdraw a takeover."))
    if takeover.withdrawn_at is not None:
        return redirect("skp:detail", pk=takeover.skp_id)
    if request.method == "POST":
        form = WithdrawTakeoverForm(request.POST)
        if form.is_valid():
            try:
                services.rhk_takeover_withdraw(
                    actor=request.viewer, takeover=takeover, reason=form.cleaned_data["reason"]
                )
            except SERVICE_ERRORS as error:
                copy_errors(form, error)
            else:
                messages.success(request, _("The takeover has been withdrawn."))
                return redirect("skp:detail", pk=takeover.skp_id)
        status = 400
    else:
        form = WithdrawTakeoverForm()
        status = 200
    context = {"takeover": takeover, "form": form}
    return render(request, "skp/takeovers/withdraw.html", context, status=status)
