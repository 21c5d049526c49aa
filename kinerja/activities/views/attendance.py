"""Pages of attendance, leave and discipline notices.

Unit admins read and correct the people of their units and import their files; BKPSDM admins
the whole agency, and they save the machine's columns and the working hours; pimpinan and
auditors read; every employee reads their own month.
"""

import datetime
import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kinerja.activities import files, permissions, selectors, services, tasks
from kinerja.activities.forms import (
    CorrectionForm,
    DecisionForm,
    LeaveFilterForm,
    SettingForm,
    UploadForm,
)
from kinerja.activities.models import NoticeStatus
from kinerja.core import freshness
from kinerja.core.errors import SERVICE_ERRORS
from kinerja.core.forms import copy_errors
from kinerja.org.selectors import viewer_agency

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PER_PAGE = 50


def _month(request):
    year, month = selectors.parse_month(request.GET.get("bulan"), request.viewer.today)
    return year, month


def _month_nav(year: int, month: int) -> dict:
    first = datetime.date(year, month, 1)
    previous = first - datetime.timedelta(days=1)
    following = first + datetime.timedelta(days=32)
    return {
        "month_value": f"{year}-{month:02d}",
        "month_date": first,
        "previous_month": f"{previous:%Y-%m}",
        "next_month": f"{following:%Y-%m}",
    }


@login_required
@require_GET
def attendance_view(request):
    """The monthly summary of a unit (the unit admin's attendance page)."""
    viewer = request.viewer
    if not permissions.can_read_summaries(viewer):
        if viewer.employee_id:
            return redirect("activities:employee_month", pk=viewer.employee_id)
        raise PermissionDenied
    year, month = _month(request)
    unit_id = request.GET.get("unit")
    unit = (
        selectors.get_summary_unit(viewer, unit_id) if unit_id else selectors.default_unit(viewer)
    )
    summary, page = (
        selectors.unit_month_page(
            viewer,
            unit,
            year,
            month,
            request.GET.get("page"),
            paginator=functools.partial(freshness.KeptCountPaginator, request=request),
        )
        if unit
        else (None, None)
    )
    context = {
        "unit": unit,
        "page": page,
        "units": selectors.summary_units(viewer).order_by("path").only("pk", "name", "path"),
        "summary": summary,
        "can_import": permissions.can_import(viewer, viewer.agency_id),
        "can_configure": permissions.can_configure(viewer, viewer.agency_id),
        "can_read_notices": permissions.can_read_notices(viewer),
        "can_keep_catalogue": permissions.can_keep_catalogue(viewer, viewer.agency_id),
        **_month_nav(year, month),
    }
    return render(request, "activities/attendance/attendance.html", context)


@login_required
@require_GET
def export_view(request):
    viewer = request.viewer
    if not permissions.can_read_summaries(viewer):
        raise PermissionDenied
    year, month = _month(request)
    unit = selectors.get_summary_unit(viewer, request.GET.get("unit", ""))
    summary = selectors.unit_month_summary(viewer, unit, year, month)
    response = HttpResponse(files.summary_xlsx(unit.name, summary), content_type=XLSX_CONTENT_TYPE)
    name = f"absensi-{unit.code.lower().replace('.', '-')}-{year}-{month:02d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_GET
def employee_month_view(request, pk: int):
    viewer = request.viewer
    employee = selectors.get_employee(viewer, pk)
    year, month = _month(request)
    context = {
        "employee": employee,
        "row": selectors.employee_month_summary(viewer, employee, year, month),
        "days": selectors.employee_month_days(viewer, employee, year, month),
        "can_correct": permissions.can_correct(viewer, employee),
        **_month_nav(year, month),
    }
    return render(request, "activities/attendance/employee_month.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def day_correct_view(request, pk: int, day: str):
    viewer = request.viewer
    employee = selectors.get_employee(viewer, pk)
    try:
        date = datetime.date.fromisoformat(day)
    except ValueError as error:
        raise Http404 from error
    if not permissions.can_correct(viewer, employee):
        raise PermissionDenied
    existing = next(
        (
            d
            for d in selectors.employee_month_days(viewer, employee, date.year, date.month)
            if d.date == date
        ),
        None,
    )
    status = 200
    if request.method == "POST":
        form = CorrectionForm(request.POST)
        if form.is_valid():
            try:
                services.day_correct(
                    actor=viewer,
                    employee=employee,
                    date=date,
                    time_in=form.cleaned_data["time_in"],
                    time_out=form.cleaned_data["time_out"],
                    reason=form.cleaned_data["reason"],
                )
            except SERVICE_ERRORS as error:
                copy_errors(form, error)
            else:
                messages.success(request, _("The correction is saved."))
                url = reverse("activities:employee_month", args=[employee.pk])
                return redirect(f"{url}?bulan={date:%Y-%m}")
        status = 400
    else:
        initial = {"time_in": existing.time_in, "time_out": existing.time_out} if existing else {}
        form = CorrectionForm(initial=initial)
    context = {"employee": employee, "date": date, "existing": existing, "form": form}
    return render(request, "activities/attendance/day_correct.html", context, status=status)


# --- imports ------------------------------------------------------------------------------------


def _require_importer(viewer) -> None:
    if not permissions.can_import(viewer, viewer.agency_id):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def imports_view(request):
    viewer = request.viewer
    _require_importer(viewer)
    status = 200
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                job = services.import_create(
                    actor=viewer,
                    agency=viewer_agency(viewer),
                    kind=form.cleaned_data["kind"],
                    data=form.file_bytes,
                    filename=form.cleaned_data["file"].name,
                    file_format=form.file_format,
                )
            except SERVICE_ERRORS as error:
                copy_errors(form, error)
            else:
                tasks.import_start(job, user=request.user, language=translation.get_language())
                return redirect("activities:import_detail", pk=job.pk)
        status = 400
    else:
        form = UploadForm()
    setting = selectors.setting_of(viewer.agency_id)
    context = {
        "form": form,
        "page": Paginator(selectors.imports_visible_to(viewer), PER_PAGE).get_page(
            request.GET.get("page")
        ),
        "setting": setting,
        "columns": files.attendance_columns(setting),
        "leave_columns": files.LEAVE_COLUMNS,
        "can_configure": permissions.can_configure(viewer, viewer.agency_id),
    }
    return render(request, "activities/attendance/imports.html", context, status=status)


@login_required
@require_GET
def import_template_view(request):
    viewer = request.viewer
    _require_importer(viewer)
    kind = request.GET.get("kind", "attendance")
    file_format = request.GET.get("format", "xlsx")
    if kind not in ("attendance", "leave") or file_format not in ("xlsx", "csv"):
        raise Http404
    setting = selectors.setting_of(viewer.agency_id)
    if file_format == "csv":
        response = HttpResponse(
            files.template_csv(kind, setting), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(files.template_xlsx(kind, setting), content_type=XLSX_CONTENT_TYPE)
    name = {"attendance": "absensi", "leave": "cuti"}[kind]
    response["Content-Disposition"] = f'attachment; filename="templat-{name}.{file_format}"'
    return response


@login_required
@require_GET
def import_detail_view(request, pk: int):
    viewer = request.viewer
    _require_importer(viewer)
    job = selectors.get_import(viewer, pk)
    return render(request, "activities/attendance/import_detail.html", {"job": job})


@login_required
@require_GET
def import_progress_view(request, pk: int):
    viewer = request.viewer
    _require_importer(viewer)
    job = selectors.get_import(viewer, pk)
    response = render(request, "activities/attendance/import_progress.html", {"job": job})
    if job.is_finished and request.htmx:
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def setting_view(request):
    viewer = request.viewer
    if not permissions.can_configure(viewer, viewer.agency_id):
        raise PermissionDenied
    setting = selectors.setting_of(viewer.agency_id)
    status = 200
    if request.method == "POST":
        form = SettingForm(request.POST, instance=setting)
        if form.is_valid():
            try:
                services.setting_save(
                    actor=viewer, agency=viewer_agency(viewer), **form.cleaned_data
                )
            except SERVICE_ERRORS as error:
                copy_errors(form, error)
            else:
                messages.success(request, _("The attendance setting is saved."))
                return redirect("activities:setting")
        status = 400
    else:
        form = SettingForm(instance=setting)
    return render(request, "activities/attendance/setting.html", {"form": form}, status=status)


# --- leave and notices ----------------------------------------------------------------------------


@login_required
@require_GET
def leaves_view(request):
    viewer = request.viewer
    if not permissions.can_read_summaries(viewer):
        raise PermissionDenied
    year, month = _month(request)
    unit_id = request.GET.get("unit")
    unit = selectors.get_summary_unit(viewer, unit_id) if unit_id else None
    form = LeaveFilterForm(request.GET or None)
    kind = form.cleaned_data.get("kind", "") if form.is_valid() else ""
    records = selectors.leave_records(viewer, unit=unit, year=year, month=month, kind=kind)
    context = {
        "form": form,
        "unit": unit,
        "units": selectors.summary_units(viewer).order_by("path").only("pk", "name", "path"),
        "kind": kind,
        "page": Paginator(records, PER_PAGE).get_page(request.GET.get("page")),
        **_month_nav(year, month),
    }
    return render(request, "activities/attendance/leaves.html", context)


@login_required
@require_GET
def notices_view(request):
    viewer = request.viewer
    notices = selectors.notices_visible_to(viewer)
    if not permissions.can_read_notices(viewer) and not notices.exists():
        raise PermissionDenied
    status = request.GET.get("status", NoticeStatus.PROPOSED)
    if status in NoticeStatus.values:
        notices = notices.filter(status=status)
    context = {
        "page": Paginator(notices, PER_PAGE).get_page(request.GET.get("page")),
        "status": status,
        "statuses": NoticeStatus.choices,
    }
    return render(request, "activities/attendance/notices.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def notice_detail_view(request, pk: int):
    viewer = request.viewer
    notice = selectors.get_notice(viewer, pk)
    can_decide = (
        permissions.can_decide_notice(viewer, notice) and notice.status == NoticeStatus.PROPOSED
    )
    status = 200
    if request.method == "POST":
        if not can_decide:
            raise PermissionDenied
        form = DecisionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.notice_decide(
                    actor=viewer,
                    notice=notice,
                    decided_level=data["decided_level"],
                    no_sanction=data["no_sanction"],
                    decree_number=data["decree_number"],
                    decree_date=data["decree_date"],
                    note=data["note"],
                )
            except SERVICE_ERRORS as error:
                copy_errors(form, error)
            else:
                messages.success(request, _("The decision is recorded."))
                return redirect("activities:notice_detail", pk=notice.pk)
        status = 400
    else:
        form = DecisionForm(initial={"decided_level": notice.level})
    context = {"notice": notice, "form": form if can_decide else None}
    return render(request, "activities/attendance/notice_detail.html", context, status=status)
