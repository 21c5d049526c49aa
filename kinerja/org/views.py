from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.core.forms import copy_errors
from kinerja.org import personal_data, selectors, services
from kinerja.org.forms import ActingAssignmentForm, DelegationForm, EmployeeFilterForm
from kinerja.org.models import EmployeeStatus

EMPLOYEES_PER_PAGE = 50


@login_required
def unit_tree_view(request):
    viewer = request.viewer
    roots = selectors.unit_children(viewer, None)
    return render(request, "org/unit_tree.html", {"roots": roots})


@login_required
def unit_children_view(request, pk: int):
    viewer = request.viewer
    unit = selectors.get_unit(viewer, pk)
    children = selectors.unit_children(viewer, unit)
    return render(request, "org/_unit_children.html", {"unit": unit, "children": children})


@login_required
def unit_detail_view(request, pk: int):
    viewer = request.viewer
    unit = selectors.get_unit(viewer, pk)
    context = {
        "unit": unit,
        "breadcrumbs": selectors.unit_ancestors(viewer, unit),
        "children": selectors.unit_children(viewer, unit),
        "positions": selectors.unit_positions(viewer, unit),
        "headcount": selectors.unit_headcount(viewer, unit),
        "can_manage": selectors.can_manage_unit(viewer, unit),
    }
    return render(request, "org/unit_detail.html", context)


@login_required
def employee_list_view(request):
    viewer = request.viewer
    form = EmployeeFilterForm(request.GET or None, viewer=viewer)
    filters = form.cleaned_filters() if form.is_valid() else {}
    employees = selectors.employee_list(viewer, **filters)
    page = Paginator(employees, EMPLOYEES_PER_PAGE).get_page(request.GET.get("page"))
    template = "org/_employee_rows.html" if request.htmx else "org/employee_list.html"
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "statuses": EmployeeStatus.choices,
        },
    )


def _employee_page(request, employee, *, acting_form=None, delegation_form=None, status=200):
    viewer = request.viewer
    can_manage = selectors.can_manage_employee(viewer, employee)
    context = {
        "employee": employee,
        "assignments": selectors.assignment_history(employee),
        "chain": selectors.supervision_chain(employee, viewer.today),
        "subordinates": selectors.direct_subordinates(viewer, employee),
        "show_personal": personal_data.may_see(viewer, employee),
        "can_manage": can_manage,
        "overrides": selectors.supervision_overrides_of(employee),
    }
    if can_manage:
        context["acting_form"] = acting_form or ActingAssignmentForm(viewer=viewer)
        context["delegation_form"] = delegation_form or DelegationForm(viewer=viewer)
    return render(request, "org/employee_detail.html", context, status=status)


@login_required
def employee_detail_view(request, pk: int):
    employee = selectors.get_employee(request.viewer, pk)
    return _employee_page(request, employee)


def _managed_employee(request, pk: int):
    employee = selectors.get_employee(request.viewer, pk)
    if not selectors.can_manage_employee(request.viewer, employee):
        raise PermissionDenied
    return employee


@login_required
@require_POST
def employee_acting_create_view(request, pk: int):
    employee = _managed_employee(request, pk)
    form = ActingAssignmentForm(request.POST, viewer=request.viewer)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.assignment_start(
                actor=request.user,
                employee=employee,
                position=data["position_code"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                kind=data["kind"],
                reason="acting",
                decree_number=data["decree_number"],
            )
        except ValidationError as error:
            copy_errors(form, error)
        else:
            messages.success(request, _("The acting assignment has been recorded."))
            return redirect("org:employee_detail", pk=employee.pk)
    return _employee_page(request, employee, acting_form=form, status=400)


@login_required
@require_POST
def employee_delegation_create_view(request, pk: int):
    employee = _managed_employee(request, pk)
    form = DelegationForm(request.POST, viewer=request.viewer)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.supervision_override_create(
                actor=request.user,
                employee=employee,
                supervisor=data["supervisor_nip"],
                role=data["role"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                reason=data["reason"],
            )
        except ValidationError as error:
            copy_errors(form, error)
        else:
            messages.success(request, _("The delegation has been recorded."))
            return redirect("org:employee_detail", pk=employee.pk)
    return _employee_page(request, employee, delegation_form=form, status=400)
