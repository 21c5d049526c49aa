"""Report downloads (LKjIP as PDF or Excel, PK as PDF) and the page that lists them.

Order of checks: the object outside the viewer's agency is a 404, visible but not allowed a 403,
then a bad parameter (unknown year, unknown format) a 400 page that says what was wrong.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kinerja.core.errors import PermissionDeniedError
from kinerja.core.forms import copy_errors
from kinerja.iku import permissions as iku_permissions
from kinerja.iku import selectors as iku_selectors
from kinerja.iku.services import lkjip as lkjip_services
from kinerja.org import personal_data
from kinerja.reports import excel, pdf, permissions, selectors
from kinerja.reports.forms import REGENCY, LkjipBandsForm, LkjipChoiceForm

FORMATS = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _bad_request(request, message: str):
    return render(request, "reports/bad_request.html", {"message": message}, status=400)


def _requested_format(request) -> str | None:
    value = request.GET.get("format", "pdf").strip().lower()
    return value if value in FORMATS else None


def _slug(code: str, pk: int) -> str:
    return slugify(code.replace(".", "-")) or str(pk)


def _download(content: bytes, fmt: str, filename: str) -> HttpResponse:
    return HttpResponse(
        content,
        content_type=FORMATS[fmt],
        headers={
            "Content-Disposition": content_disposition_header(True, f"{filename}.{fmt}"),
            "Cache-Control": "private, no-store",
        },
    )


def _lkjip_download(request, report, fmt: str, filename: str) -> HttpResponse:
    if fmt == "xlsx":
        return _download(excel.lkjip_workbook(report), fmt, filename)
    context = {
        "report": report,
        "places": report.performance_year.capaian_places,
        "printed_on": request.viewer.today,
    }
    return _download(pdf.render_pdf("reports/lkjip.html", context), fmt, filename)


def _parameters(request, year):
    """(performance year, format) or (None, the 400 response)."""
    fmt = _requested_format(request)
    if fmt is None:
        return None, _bad_request(
            request,
            _("Unknown format %(format)s: choose pdf or xlsx.")
            % {"format": request.GET.get("format", "")[:20]},
        )
    performance_year = selectors.report_year(request.viewer, year)
    if performance_year is None:
        return None, _bad_request(
            request,
            _("There is no performance year %(year)s in your agency.") % {"year": str(year)[:10]},
        )
    return (performance_year, fmt), None


@login_required
def lkjip_unit_view(request, unit_id: int, year: str):
    viewer = request.viewer
    unit = selectors.get_report_unit(viewer, unit_id)
    if not iku_permissions.can_see_unit_performance(viewer, unit):
        raise PermissionDenied
    params, error = _parameters(request, year)
    if error is not None:
        return error
    performance_year, fmt = params
    report = selectors.lkjip_report(viewer, performance_year, unit=unit)
    filename = f"LKjIP-{performance_year.year}-{_slug(unit.code, unit.pk)}"
    return _lkjip_download(request, report, fmt, filename)


@login_required
def lkjip_regency_view(request, year: str):
    viewer = request.viewer
    if not iku_permissions.oversees_performance(viewer):
        raise PermissionDenied
    params, error = _parameters(request, year)
    if error is not None:
        return error
    performance_year, fmt = params
    report = selectors.lkjip_report(viewer, performance_year, unit=None)
    agency = performance_year.agency
    filename = f"LKjIP-{performance_year.year}-{_slug(agency.code, agency.pk)}"
    return _lkjip_download(request, report, fmt, filename)


@login_required
def pk_pdf_view(request, pk: int):
    viewer = request.viewer
    agreement = selectors.get_agreement_document(viewer, pk)
    if not iku_permissions.can_read_agreement(viewer, agreement):
        raise PermissionDenied
    lines = list(agreement.lines.all())
    budget_lines = [line for line in lines if line.budget_amount is not None or line.budget_line]
    first, second = agreement.first_party_employee, agreement.second_party_employee
    personal = personal_data.for_viewer(viewer)
    context = {
        "agreement": agreement,
        "goals": selectors.agreement_goals(agreement),
        "budget_lines": budget_lines,
        "budget_total": sum(
            (line.budget_amount for line in budget_lines if line.budget_amount is not None),
            Decimal(0),
        ),
        "first_nip": personal.nip(first),
        "second_nip": personal.nip(second) if second is not None else None,
        "printed_on": viewer.today,
    }
    filename = (
        f"PK-{agreement.year}-{_slug(agreement.unit.code, agreement.unit_id)}-v{agreement.version}"
    )
    return _download(pdf.render_pdf("reports/pk.html", context), "pdf", filename)


@login_required
def index_view(request):
    viewer = request.viewer
    years = selectors.report_years(viewer)
    units = selectors.reportable_units(viewer)
    regency_allowed = iku_permissions.oversees_performance(viewer)
    form = LkjipChoiceForm(
        request.GET if "year" in request.GET else None,
        years=years,
        units=units,
        regency_allowed=regency_allowed,
        initial={"year": years[0] if years else None},
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["scope"] == REGENCY:
            url = reverse("reports:lkjip_regency", args=[data["year"]])
        else:
            url = reverse("reports:lkjip_unit", args=[int(data["scope"]), data["year"]])
        return redirect(f"{url}?format={data['format']}")
    pk_year = _chosen_year(request.GET.get("pk_year", ""), years)
    context = {
        "bands_years": [
            py.year
            for py in selectors.report_performance_years(viewer)
            if permissions.can_edit_lkjip_bands(viewer, py)
        ],
        "form": form,
        "years": years,
        "pk_year": pk_year,
        "units": units,
        "regency_allowed": regency_allowed,
        "agreements": selectors.reportable_agreements(viewer, pk_year) if pk_year else [],
    }
    return render(request, "reports/index.html", context)


def _chosen_year(value: str, years: list[int]) -> int | None:
    """The year asked for when the agency has it, else the latest year."""
    try:
        year = int(value)
    except ValueError:
        year = None
    if year in years:
        return year
    return years[0] if years else None


@login_required
def lkjip_bands_view(request, year: str):
    """GET: the year's LKjIP category bands. POST: BKPSDM saves them (audited)."""
    viewer = request.viewer
    performance_year = selectors.report_year(viewer, year)
    if performance_year is None:
        raise Http404
    if not permissions.can_edit_lkjip_bands(viewer, performance_year):
        raise PermissionDenied
    current = iku_selectors.lkjip_category_bands(performance_year)
    if request.method == "POST":
        form = LkjipBandsForm(request.POST, bands=current)
        if form.is_valid():
            try:
                lkjip_services.lkjip_bands_update(
                    actor=viewer, performance_year=performance_year, bands=form.bands()
                )
            except PermissionDeniedError as error:
                raise PermissionDenied(str(error)) from error
            except ValidationError as error:
                copy_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The LKjIP categories of %(year)s have been saved.")
                    % {"year": performance_year.year},
                )
                return redirect("reports:lkjip_bands", year=performance_year.year)
        status = 400
    else:
        form = LkjipBandsForm(bands=current)
        status = 200
    context = {"performance_year": performance_year, "form": form, "bands": current}
    return render(request, "reports/lkjip_bands.html", context, status=status)
