"""Pages of the organisation: the unit tree, employees, acting posts and delegations, and the
organisation import (upload, templates, and the result of each import).

Only the agency's BKPSDM admins may import: other users of the agency get 403, and an import of
another agency is 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinerja.core import freshness
from kinerja.core.forms import copy_errors
from kinerja.org import imports, permissions, selectors, services, tasks
from kinerja.org.forms import (
    ActingAssignmentForm,
    DelegationForm,
    EmployeeFilterForm,
    ImportUploadForm,
)
from kinerja.org.imports import columns, template
from kinerja.org.imports.selectors import get_import_job, import_jobs_visible_to
from kinerja.org.models import EmployeeStatus

EMPLOYEES_PER_PAGE = 50
JOBS_PER_PAGE = 25
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
        "can_manage": permissions.can_manage_unit(viewer, unit),
    }
    return render(request, "org/unit_detail.html", context)


@login_required
def employee_list_view(request):
    viewer = request.viewer
    form = EmployeeFilterForm(request.GET or None, viewer=viewer)
    filters = form.cleaned_filters() if form.is_valid() else {}
    employees = selectors.employee_list(viewer, **filters)
    page = freshness.KeptCountPaginator(employees, EMPLOYEES_PER_PAGE, request=request).get_page(
        request.GET.get("page")
    )
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
    can_manage = permissions.can_manage_employee(viewer, employee)
    context = {
        "employee": employee,
        "assignments": selectors.assignment_history(employee),
        "chain": selectors.supervision_chain(employee, viewer.today),
        "subordinates": selectors.direct_subordinates(viewer, employee),
        "show_personal": permissions.may_see_personal_data(viewer, employee),
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
    if not permissions.can_manage_employee(request.viewer, employee):
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


def _require_importer(request) -> None:
    if not request.viewer.can_import:
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def import_list_view(request):
    _require_importer(request)
    viewer = request.viewer
    status = 200
    if request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES)
        if form.is_valid():
            job = imports.import_job_create(
                actor=request.user,
                agency=selectors.viewer_agency(viewer),
                data=form.file_bytes,
                filename=form.cleaned_data["file"].name,
                file_format=form.file_format,
                sheet_kind=form.chosen_sheet_kind,
            )
            tasks.import_job_start(job, user=request.user, language=translation.get_language())
            return redirect("org:import_detail", pk=job.pk)
        status = 400
    else:
        form = ImportUploadForm()
    page = Paginator(import_jobs_visible_to(viewer), JOBS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        "form": form,
        "page": page,
        "csv_kinds": [(kind, columns.SHEET_LABELS[kind]) for kind in columns.SHEET_KINDS],
    }
    return render(request, "org/import_list.html", context, status=status)


@login_required
@require_GET
def import_template_view(request):
    _require_importer(request)
    if request.GET.get("format", "xlsx") == "csv":
        kind = request.GET.get("kind", "")
        if kind not in columns.SHEET_KINDS:
            raise Http404
        response = HttpResponse(template.template_csv(kind), content_type="text/csv; charset=utf-8")
        filename = f"templat-impor-{kind}.csv"
    elif request.GET.get("format", "xlsx") == "xlsx":
        response = HttpResponse(template.template_workbook(), content_type=XLSX_CONTENT_TYPE)
        filename = "templat-impor-kinerja.xlsx"
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def import_detail_view(request, pk: int):
    _require_importer(request)
    job = get_import_job(request.viewer, pk)
    context = {
        "job": job,
        "summary_rows": _summary(job),
        "error_count": job.summary.get("error_count", len(job.errors)),
    }
    return render(request, "org/import_detail.html", context)


@login_required
@require_GET
def import_progress_view(request, pk: int):
    _require_importer(request)
    job = get_import_job(request.viewer, pk)
    response = render(request, "org/import_progress.html", {"job": job})
    if job.is_finished and request.htmx:
        # The result (error table or summary) is part of the full page: show it.
        response["HX-Refresh"] = "true"
    return response


def _summary(job) -> list[tuple[str, dict]]:
    """(sheet label, counts) in sheet order, for a finished import."""
    return [
        (columns.SHEET_LABELS[kind], job.summary[kind])
        for kind in columns.SHEET_KINDS
        if isinstance(job.summary.get(kind), dict)
    ]


# --- the agency of a public page (no login) --------------------------------------------------


def served_agency(request) -> selectors.PublicAgency:
    """The agency a public page serves (`kinerja.org.selectors.public`); 404 when the address
    names an agency that does not exist."""
    served = selectors.public_agency_of(request.GET)
    if served.agency is None and served.code:
        raise Http404
    return served


def choose_agency(request, *, base_template: str) -> HttpResponse:
    """The list a visitor chooses the government from, in the public pages' own frame; each
    choice comes back to this address with `?instansi=<code>`."""
    context = {
        "base_template": base_template,
        "agencies": selectors.public_agencies(),
        "param": selectors.AGENCY_PARAM,
    }
    return render(request, "org/public/choose_agency.html", context)
