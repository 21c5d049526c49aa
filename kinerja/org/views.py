from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from kinerja.org import selectors
from kinerja.org.forms import EmployeeFilterForm
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
            "full_nip": selectors.sees_full_nip_in_lists(viewer),
        },
    )


@login_required
def employee_detail_view(request, pk: int):
    viewer = request.viewer
    employee = selectors.get_employee(viewer, pk)
    context = {
        "employee": employee,
        "assignments": selectors.assignment_history(employee),
        "chain": selectors.supervision_chain(employee, viewer.today),
        "subordinates": selectors.direct_subordinates(viewer, employee),
        "show_personal": selectors.can_see_personal_data(viewer, employee),
    }
    return render(request, "org/employee_detail.html", context)
