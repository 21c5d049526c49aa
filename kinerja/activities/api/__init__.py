"""REST API v1 for attendance: monthly summaries, leave records, imports and their results.

Scoped exactly like the pages (`selectors`): an object outside the caller's scope is 404, a list
the caller may not read is 403. An attendance or leave file is uploaded as multipart, checked by
the imports page's own form (size, format by content) and run by the same service and task, so
the result and its report of bad rows are the page's.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from ninja import File, Form, Query, Router
from ninja.files import UploadedFile
from ninja.pagination import paginate

from kinerja.activities import permissions, selectors, services, tasks
from kinerja.activities.api.schemas import (
    ImportOut,
    LeaveFilters,
    LeaveOut,
    MonthQuery,
    MonthRowOut,
    MonthSummaryOut,
)
from kinerja.activities.api.worklog import router as worklog_router
from kinerja.activities.forms import UploadForm
from kinerja.activities.models import ImportKind
from kinerja.api.pagination import LimitOffset
from kinerja.api.schemas import responses, write_responses
from kinerja.api.types import Id
from kinerja.org.selectors import viewer_agency

router = Router(tags=["attendance"])
router.add_router("", worklog_router)


@router.get(
    "/attendance/units/{unit_id}/summary",
    response=responses(MonthSummaryOut, 403, 404),
    operation_id="attendance_unit_summary",
    summary="Monthly attendance of every employee of a unit and its sub-units",
)
def unit_summary(request, unit_id: Id, query: Query[MonthQuery]):
    viewer = request.viewer
    if not permissions.can_read_summaries(viewer):
        raise PermissionDenied
    unit = selectors.get_summary_unit(viewer, unit_id)
    return selectors.unit_month_summary(viewer, unit, query.year, query.month)


@router.get(
    "/attendance/employees/{employee_id}/month",
    response=responses(MonthRowOut, 404),
    operation_id="attendance_employee_month",
    summary="One employee's month: presence, lateness, leave and absence",
)
def employee_month(request, employee_id: Id, query: Query[MonthQuery]):
    viewer = request.viewer
    employee = selectors.get_employee(viewer, employee_id)
    row = selectors.employee_month_summary(viewer, employee, query.year, query.month)
    row.name = employee.full_name
    return row


@router.get(
    "/attendance/leaves",
    response=responses(list[LeaveOut], 403, 404),
    operation_id="attendance_leaves_list",
    summary="Leave records overlapping a month",
)
@paginate(LimitOffset)
def leave_list(request, filters: Query[LeaveFilters]):
    viewer = request.viewer
    if not permissions.can_read_summaries(viewer):
        raise PermissionDenied
    unit = selectors.get_summary_unit(viewer, filters.unit) if filters.unit else None
    return selectors.leave_records(
        viewer, unit=unit, year=filters.year, month=filters.month, kind=filters.kind
    )


@router.get(
    "/attendance/imports/{import_id}",
    response=responses(ImportOut, 403, 404),
    operation_id="attendance_import_detail",
    summary="The progress and result of an attendance or leave import, with every bad row",
)
def import_detail(request, import_id: Id):
    viewer = request.viewer
    if not permissions.can_import(viewer, viewer.agency_id):
        raise PermissionDenied
    return selectors.get_import(viewer, import_id)


@router.post(
    "/attendance/imports",
    response=write_responses(ImportOut),
    operation_id="attendance_import_create",
    summary="Upload an attendance or leave file (multipart: `kind` and `file`) and run it",
)
def import_create(request, kind: Form[ImportKind], file: File[UploadedFile]):
    """The same checks as the imports page (BKPSDM admins and unit admins; size and format by
    content); small files run at once, large ones in the background: follow `status`."""
    viewer = request.viewer
    if not permissions.can_import(viewer, viewer.agency_id):
        raise PermissionDenied
    form = UploadForm({"kind": kind}, {"file": file})
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    job = services.import_create(
        actor=viewer,
        agency=viewer_agency(viewer),
        kind=form.cleaned_data["kind"],
        data=form.file_bytes,
        filename=form.cleaned_data["file"].name,
        file_format=form.file_format,
    )
    tasks.import_start(job, user=viewer.user, language=translation.get_language())
    return selectors.get_import(viewer, job.pk)
