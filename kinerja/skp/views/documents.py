"""SKP documents: a plan as PDF, a unit's recap as Excel, and batch prints of PDFs.

Order of checks, as in the reports: the object outside the viewer's scope is a 404, visible
but not allowed a 403, then a bad parameter (a year that is not a year) a 400 page that says
what was wrong. File names never carry a NIP.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kinerja.org import selectors as org_selectors
from kinerja.skp import permissions, selectors, tasks
from kinerja.skp.documents import access, batch, excel, pdf
from kinerja.skp.documents.batch import download_name
from kinerja.skp.models import PrintJobStatus
from kinerja.skp.selectors import documents as selectors_documents

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MIN_YEAR, MAX_YEAR = 2000, 2100


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    return HttpResponse(
        content,
        content_type=content_type,
        headers={
            "Content-Disposition": content_disposition_header(True, filename),
            "Cache-Control": "private, no-store",
        },
    )


def _bad_request(request, message: str):
    return render(request, "skp/documents/bad_request.html", {"message": message}, status=400)


def _year(request) -> int | None:
    """The `year` parameter (default: the current year), or None when it is not a year."""
    value = request.GET.get("year", "").strip() or str(request.viewer.today.year)
    try:
        year = int(value)
    except ValueError:
        return None
    return year if MIN_YEAR <= year <= MAX_YEAR else None


def _year_error(request):
    return _bad_request(
        request,
        _("%(year)s is not a year.") % {"year": request.GET.get("year", "")[:10]},
    )


@login_required
@require_GET
def skp_pdf_view(request, pk: int):
    """The plan in the regulation's layout, for whoever may view the plan."""
    skp = selectors_documents.document_plan(selectors.get_skp(request.viewer, pk))
    content = pdf.render_skp_pdf(skp, viewer=request.viewer, printed_on=request.viewer.today)
    return _download(content, PDF, pdf.skp_filename(skp))


@login_required
@require_GET
def unit_recap_view(request, pk: int):
    viewer = request.viewer
    unit = org_selectors.get_unit(viewer, pk)
    if not permissions.can_read_unit_plans(viewer, unit):
        raise PermissionDenied
    year = _year(request)
    if year is None:
        return _year_error(request)
    recap = selectors_documents.unit_recap(unit, year, viewer.today)
    content = excel.unit_recap_workbook(recap)
    code = slugify(unit.code.replace(".", "-")) or str(unit.pk)
    return _download(content, XLSX, f"Rekap-SKP-{year}-{code}.xlsx")


# --- batch print ------------------------------------------------------------------------------


def _require_printer(viewer) -> None:
    """Batches are for BKPSDM admins and unit admins; everyone else gets 403."""
    if not (viewer.is_bkpsdm_admin or viewer.is_admin_unit):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def batch_view(request):
    """Choose a unit and a year, see how many set plans it has, and start the batch."""
    viewer = request.viewer
    _require_printer(viewer)
    params = request.POST if request.method == "POST" else request.GET
    year = _year(request) if request.method == "GET" else _posted_year(params)
    if year is None:
        return _year_error(request)
    unit = None
    if params.get("unit"):
        try:
            unit = org_selectors.get_unit(viewer, int(params["unit"]))
        except ValueError:
            raise Http404 from None
        if not access.can_print_batch(viewer, unit):
            raise PermissionDenied
    if request.method == "POST":
        if unit is None:
            return _bad_request(request, _("Choose a unit."))
        job = selectors_documents.active_print_job(unit, year)
        if job is None:
            job = batch.print_job_create(
                actor=request.user, unit=unit, year=year, language=translation.get_language()
            )
            tasks.print_job_start(job, user=request.user)
        return redirect("skp:batch_detail", pk=job.pk)
    context = {
        "units": selectors_documents.printable_units(viewer),
        "unit": unit,
        "year": year,
        "plan_count": selectors_documents.count_set_plans(unit, year) if unit else None,
        "jobs": selectors_documents.recent_print_jobs(viewer, unit) if unit else [],
    }
    return render(request, "skp/documents/batch.html", context)


def _posted_year(params) -> int | None:
    try:
        year = int(params.get("year", ""))
    except ValueError:
        return None
    return year if MIN_YEAR <= year <= MAX_YEAR else None


def _visible_job(request, pk: int):
    viewer = request.viewer
    _require_printer(viewer)
    job = selectors_documents.get_print_job(viewer, pk)
    if not access.can_print_batch(viewer, job.unit):
        raise PermissionDenied
    return job


@login_required
@require_GET
def batch_detail_view(request, pk: int):
    job = _visible_job(request, pk)
    return render(request, "skp/documents/batch_detail.html", {"job": job})


@login_required
@require_GET
def batch_progress_view(request, pk: int):
    job = _visible_job(request, pk)
    response = render(request, "skp/documents/batch_progress.html", {"job": job})
    if job.is_finished and request.htmx:
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_GET
def batch_download_view(request, pk: int):
    job = _visible_job(request, pk)
    if job.status != PrintJobStatus.DONE or not job.file:
        raise Http404
    response = FileResponse(job.file.open("rb"), as_attachment=True, filename=download_name(job))
    response["Cache-Control"] = "private, no-store"
    return response
