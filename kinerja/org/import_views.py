"""Pages of the organisation import: upload, templates, and the result of each import.

Only the agency's BKPSDM admins may use them: other users of the agency get 403, and an import
of another agency is 404.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.http import require_GET, require_http_methods

from kinerja.org import imports, tasks
from kinerja.org.import_forms import ImportUploadForm
from kinerja.org.imports import columns, template
from kinerja.org.imports.selectors import get_import_job, import_jobs_visible_to
from kinerja.org.models import Agency

JOBS_PER_PAGE = 25
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
                agency=Agency.objects.get(pk=viewer.agency_id),
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
