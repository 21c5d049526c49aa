"""Batch print (cetak massal) of the evaluation PDFs: start it from the calibration desk, follow
its progress, download the ZIP.

A batch is for whoever reads the predikat recap (403 otherwise); a job is seen only by the user
who asked for it and the BKPSDM admins of its agency (others: 404), and its ZIP only while the
viewer still reads the recap.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.http import require_GET, require_POST

from kinerja.appraisals import selectors, tasks
from kinerja.appraisals.documents import access, batch
from kinerja.org import selectors as org_selectors
from kinerja.skp.models import PrintJobStatus


@login_required
@require_POST
def print_job_create_view(request, period_pk: int):
    """Start a batch of the period (optionally of one unit's subtree), or join the same one
    still running (a double click)."""
    viewer = request.viewer
    period = selectors.get_period(viewer, period_pk)
    if not access.can_read_recap(viewer):
        raise PermissionDenied
    unit_pk = request.POST.get("unit", "")
    unit = (
        org_selectors.get_unit(viewer, int(unit_pk))
        if unit_pk.isascii() and unit_pk.isdigit()
        else None
    )
    job = selectors.active_print_job(request.user, period, unit)
    if job is None:
        language = translation.get_language() or ""
        job = batch.print_job_create(
            actor=request.user, period=period, unit=unit, language=language
        )
        tasks.print_job_start(job, user=request.user, language=language)
    return redirect("appraisals:print_job", period_pk=period.pk, pk=job.pk)


def _visible_job(request, period_pk: int, pk: int):
    viewer = request.viewer
    period = selectors.get_period(viewer, period_pk)
    job = selectors.get_print_job(viewer, period, pk)
    if not access.can_read_recap(viewer):
        raise PermissionDenied
    return job


@login_required
@require_GET
def print_job_view(request, period_pk: int, pk: int):
    """The batch and its progress; htmx polls the progress fragment until the job is done."""
    job = _visible_job(request, period_pk, pk)
    if request.htmx:
        response = render(request, "appraisals/_print_job_progress.html", {"job": job})
        if job.is_finished:
            response["HX-Refresh"] = "true"
        return response
    return render(request, "appraisals/print_job.html", {"job": job, "period": job.period})


@login_required
@require_GET
def print_job_download_view(request, period_pk: int, pk: int):
    job = _visible_job(request, period_pk, pk)
    if job.status != PrintJobStatus.DONE or not job.file:
        raise Http404
    response = FileResponse(
        job.file.open("rb"), as_attachment=True, filename=batch.download_name(job)
    )
    response["Cache-Control"] = "private, no-store"
    return response
