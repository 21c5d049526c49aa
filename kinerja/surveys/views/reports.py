"""Pages of the SKM report: draft a period's report (or its correction), read it, download its
PDF, approve it (the unit's head, after confirming), and the published reports of every unit
for BKPSDM, pimpinan and auditors."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from kinerja.core.errors import SERVICE_ERRORS
from kinerja.core.forms import copy_errors
from kinerja.surveys import documents, permissions
from kinerja.surveys.forms import ApproveForm, ReportDraftForm
from kinerja.surveys.selectors import reports as selectors
from kinerja.surveys.selectors import results
from kinerja.surveys.services import reports as services
from kinerja.surveys.views.results import _default_period, _period_context, _period_form

REPORTS_PER_PAGE = 50


@login_required
def create_view(request, pk: int):
    """Draft the report of the period in the query string; a correction once one is published."""
    viewer = request.viewer
    unit = results.get_results_unit(viewer, pk)
    if not permissions.can_draft_report(viewer, unit):
        raise PermissionDenied
    period_form, period = _period_form(request)
    if period is None:
        context = {"unit": unit, "form": period_form, **_period_context(_default_period(viewer))}
        return render(request, "surveys/results/unit.html", context, status=400)
    existing = selectors.period_reports(viewer, unit, period)
    correction = any(report.is_published for report in existing)
    status = 200
    if request.method == "POST":
        form = ReportDraftForm(request.POST, correction=correction)
        if form.is_valid():
            try:
                report = services.report_draft(
                    actor=viewer,
                    unit=unit,
                    year=period.year,
                    kind=period.kind,
                    number=period.number,
                    summary=form.cleaned_data["summary"],
                    reason=form.cleaned_data.get("reason", ""),
                )
            except SERVICE_ERRORS as error:
                copy_errors(form, error)
            else:
                messages.success(request, _("The draft of the SKM report was made."))
                return redirect("surveys:report_detail", report.pk)
        status = 400
    else:
        form = ReportDraftForm(correction=correction)
    context = {
        "unit": unit,
        "period": period,
        "form": form,
        "existing": existing,
        "correction": correction,
        "query": request.GET.urlencode(),
    }
    return render(request, "surveys/reports/create.html", context, status=status)


@login_required
def detail_view(request, pk: int):
    viewer = request.viewer
    report = selectors.get_report(viewer, pk)
    period = selectors.period_of(report)
    data = selectors.report_data(report)
    context = {
        "report": report,
        "unit": report.unit,
        "period": period,
        "figures": data["figures"],
        "data": data,
        "versions": selectors.report_versions(viewer, report),
        "can_approve": not report.is_published
        and permissions.can_approve_report(viewer, report.unit),
        "can_correct": report.is_published and permissions.can_draft_report(viewer, report.unit),
        "period_query": f"year={period.year}&kind={period.kind}&number={period.number}",
    }
    return render(request, "surveys/reports/detail.html", context)


@login_required
def pdf_view(request, pk: int):
    report = selectors.get_report(request.viewer, pk)
    return HttpResponse(
        documents.report_pdf(report),
        content_type="application/pdf",
        headers={
            "Content-Disposition": content_disposition_header(
                True, f"{documents.report_filename(report)}.pdf"
            ),
            "Cache-Control": "private, no-store",
        },
    )


@login_required
def approve_view(request, pk: int):
    """The unit's head confirms and approves a draft, which freezes and publishes it."""
    viewer = request.viewer
    report = selectors.get_report(viewer, pk)
    if report.is_published or not permissions.can_approve_report(viewer, report.unit):
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        form = ApproveForm(request.POST)
        if form.is_valid():
            try:
                services.report_approve(actor=viewer, report=report)
            except SERVICE_ERRORS as error:
                copy_errors(form, error)
            else:
                messages.success(request, _("The SKM report was approved and published."))
                return redirect("surveys:report_detail", report.pk)
        status = 400
    else:
        form = ApproveForm()
    data = selectors.report_data(report)
    context = {
        "report": report,
        "unit": report.unit,
        "period": selectors.period_of(report),
        "figures": data["figures"],
        "form": form,
    }
    return render(request, "surveys/reports/approve.html", context, status=status)


@login_required
def published_view(request):
    """Every unit's published SKM reports, for the supervising authority."""
    viewer = request.viewer
    if not permissions.sees_published_reports(viewer):
        raise PermissionDenied
    page = Paginator(selectors.published_reports(viewer), REPORTS_PER_PAGE)
    context = {"reports": page.get_page(request.GET.get("page"))}
    return render(request, "surveys/reports/published.html", context)
