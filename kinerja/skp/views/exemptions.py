"""Pages of the exemptions from SKP planning ("tidak wajib menyusun SKP").

Order of answers: anonymous -> login; a record outside the viewer's scope 404; a viewer who
may not read (or change) exemptions 403; bad input 400 with the form, input kept.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kinerja.core.errors import ValidationError
from kinerja.core.forms import copy_errors
from kinerja.skp import permissions, services
from kinerja.skp.forms.exemptions import EndForm, ExemptionFilterForm, ExemptionForm
from kinerja.skp.selectors import exemptions as selectors

PER_PAGE = 50
EDITABLE = ("reason", "start_date", "end_date", "decree_number", "note")


def _require_reader(request):
    if not permissions.can_read_exemptions(request.viewer):
        raise PermissionDenied(_("You may not see the exemptions from SKP planning."))


def _require_manager(request):
    if not permissions.can_manage_exemptions(request.viewer):
        raise PermissionDenied(_("You may not record exemptions from SKP planning."))


def _changeable(request, pk: int):
    _require_manager(request)
    exemption = selectors.get_exemption(request.viewer, pk)
    if not selectors.may_change_exemption(request.viewer, exemption):
        raise PermissionDenied(_("You may not change this exemption."))
    return exemption


# --- the list ---------------------------------------------------------------------------------


@login_required
def exemption_list_view(request):
    _require_reader(request)
    viewer = request.viewer
    form = ExemptionFilterForm(
        request.GET or None, units=selectors.exemption_units(viewer), today=viewer.today
    )
    filters = form.filters()
    page = Paginator(selectors.exemption_list(viewer, **filters), PER_PAGE).get_page(
        request.GET.get("page")
    )
    for exemption in page.object_list:
        exemption.unit = selectors.unit_of(exemption)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "running_on": filters["running_on"],
        "can_manage": permissions.can_manage_exemptions(viewer),
    }
    return render(request, "skp/exemptions/list.html", context)


# --- record and correct -----------------------------------------------------------------------


def _chosen_employee(request, form):
    """The employee named by the form: the id of a search result, else the NIP typed."""
    viewer = request.viewer
    if form.cleaned_data.get("employee"):
        return selectors.recordable_employee(viewer, form.cleaned_data["employee"])
    return selectors.employee_by_nip(viewer, form.cleaned_data.get("nip"))


@login_required
def exemption_create_view(request):
    _require_manager(request)
    viewer = request.viewer
    status = 200
    if request.method == "POST":
        form = ExemptionForm(request.POST)
        if form.is_valid():
            employee = _chosen_employee(request, form)
            if employee is None:
                form.add_error(
                    "nip", _("No employee with this NIP in your scope. Check the 18 digits.")
                )
            else:
                try:
                    services.exemption_record(actor=viewer, employee=employee, **form.values())
                except ValidationError as error:
                    copy_errors(form, error, field_map={"employee": "nip"})
                else:
                    messages.success(
                        request,
                        _("%(name)s is recorded as not subject to SKP planning.")
                        % {"name": employee.full_name},
                    )
                    return redirect("skp:exemptions")
        status = 400
        chosen = selectors.recordable_employee(viewer, request.POST.get("employee"))
    else:
        chosen = selectors.recordable_employee(viewer, request.GET.get("employee"))
        initial = {"employee": chosen.pk} if chosen else {}
        form = ExemptionForm(initial={**initial, "start_date": viewer.today})
    search = request.GET.get("q", "").strip()[:100]
    context = {
        "form": form,
        "chosen": chosen,
        "search": search,
        "candidates": selectors.employee_candidates(viewer, search) if search else None,
    }
    return render(request, "skp/exemptions/form.html", context, status=status)


@login_required
def exemption_update_view(request, pk: int):
    exemption = _changeable(request, pk)
    if request.method == "POST":
        form = ExemptionForm(request.POST, with_employee=False)
        if form.is_valid():
            try:
                services.exemption_update(
                    actor=request.viewer, exemption=exemption, **form.values()
                )
            except ValidationError as error:
                copy_errors(form, error)
            else:
                messages.success(request, _("The exemption has been saved."))
                return redirect("skp:exemptions")
        return _edit_page(request, exemption, form=form, status=400)
    return _edit_page(request, exemption)


def _edit_page(request, exemption, *, form=None, end_form=None, status=200):
    if form is None:
        form = ExemptionForm(
            with_employee=False,
            initial={name: getattr(exemption, name) for name in EDITABLE},
        )
    context = {
        "exemption": exemption,
        "form": form,
        "end_form": end_form
        or EndForm(initial={"end_date": exemption.end_date or request.viewer.today}),
    }
    return render(request, "skp/exemptions/form.html", context, status=status)


@login_required
def exemption_end_view(request, pk: int):
    """The status is over: give the exemption its last day."""
    exemption = _changeable(request, pk)
    if request.method != "POST":
        return _edit_page(request, exemption)
    form = EndForm(request.POST)
    if form.is_valid():
        try:
            services.exemption_end(
                actor=request.viewer,
                exemption=exemption,
                end_date=form.cleaned_data["end_date"],
            )
        except ValidationError as error:
            copy_errors(form, error, field_map={"start_date": "end_date"})
        else:
            messages.success(request, _("The exemption has been ended."))
            return redirect("skp:exemptions")
    return _edit_page(request, exemption, end_form=form, status=400)


@login_required
def exemption_delete_view(request, pk: int):
    """Remove a record made by mistake, after a confirmation page."""
    exemption = _changeable(request, pk)
    if request.method == "POST":
        services.exemption_delete(actor=request.viewer, exemption=exemption)
        messages.success(request, _("The exemption has been deleted."))
        return redirect("skp:exemptions")
    return render(request, "skp/exemptions/delete.html", {"exemption": exemption})
