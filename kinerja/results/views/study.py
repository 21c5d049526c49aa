"""Pages of employees on study leave (tugas belajar): the decree recorded, corrected and ended
early by BKPSDM and the unit's admins, and each semester's academic result with its transcript,
verified, returned or corrected by the rater."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.core.errors import SERVICE_ERRORS
from kinerja.core.forms import copy_errors
from kinerja.results import permissions, selectors, services
from kinerja.results.forms import (
    ReturnForm,
    SemesterCorrectionForm,
    SemesterFileForm,
    SemesterForm,
    StudyLeaveEndForm,
    StudyLeaveForm,
)
from kinerja.results.selectors import study as study_selectors
from kinerja.results.views._common import error_text, file_response, period_page


def _plain_ipk(value) -> str:
    return format(value, "f").replace(".", ",") if value is not None else ""


@login_required
@require_POST
def semester_save_view(request, employee_pk: int, period_pk: int):
    """The employee on study leave records a semester from the period page."""
    viewer = request.viewer
    period = selectors.get_period(viewer, period_pk)
    employee = selectors.get_employee(viewer, employee_pk, period.start_date.year)
    if not permissions.can_enter_for(viewer, employee):
        raise PermissionDenied
    form = SemesterForm(request.POST, request.FILES, auto_id="id_study_%s")
    if form.is_valid():
        data = form.cleaned_data
        submit = request.POST.get("action") == "submit"
        try:
            result = services.semester_save(
                actor=viewer,
                employee=employee,
                period=period,
                semester=data["semester"],
                ipk=data["ipk"],
                sks_taken=data["sks_taken"],
                sks_passed=data["sks_passed"],
                institution_feedback=data["institution_feedback"],
                evidence_file=data["file"],
                submit=submit,
            )
        except SERVICE_ERRORS as error:
            copy_errors(form, error, field_map={"period": None, "status": None})
        else:
            if submit:
                messages.success(request, _("The academic result has been sent for verification."))
            else:
                messages.success(request, _("The academic result has been saved as a draft."))
            return redirect(reverse("results:semester", args=[result.pk]))
    return period_page(request, employee, period, study_form=form, status=400)


def _semester_detail(request, result, *, return_form=None, correction_form=None, status=200):
    viewer = request.viewer
    study_selectors.with_evidence([result])
    leave = result.study_leave
    context = {
        "result": result,
        "leave": leave,
        "predikat": study_selectors.guidance_predikat(leave, result.ipk),
        "versions": study_selectors.versions_of(result),
        "history": study_selectors.history_of(result),
        "can_edit": permissions.can_edit(viewer, result),
        "can_verify": permissions.can_verify(viewer, result) and result.status == "submitted",
        "can_correct": permissions.can_verify(viewer, result) and result.status == "verified",
        "return_form": return_form or ReturnForm(),
        "correction_form": correction_form
        or SemesterCorrectionForm(
            initial={
                "ipk": _plain_ipk(result.ipk),
                "sks_taken": result.sks_taken,
                "sks_passed": result.sks_passed,
            }
        ),
        "file_form": SemesterFileForm(),
        "can_remove_files": permissions.can_edit(viewer, result),
    }
    return render(request, "results/study/semester.html", context, status=status)


@login_required
def semester_view(request, pk: int):
    return _semester_detail(request, study_selectors.get_semester(request.viewer, pk))


@login_required
@require_POST
def semester_submit_view(request, pk: int):
    result = study_selectors.get_semester(request.viewer, pk)
    try:
        services.semester_submit(actor=request.viewer, result=result)
    except SERVICE_ERRORS as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The academic result has been sent for verification."))
    return redirect("results:semester", pk=result.pk)


@login_required
@require_POST
def semester_verify_view(request, pk: int):
    result = study_selectors.get_semester(request.viewer, pk)
    try:
        services.semester_verify(actor=request.viewer, result=result)
    except SERVICE_ERRORS as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The academic result has been verified."))
    if request.POST.get("next") == "list":
        return redirect("results:to_verify")
    return redirect("results:semester", pk=result.pk)


@login_required
@require_POST
def semester_return_view(request, pk: int):
    result = study_selectors.get_semester(request.viewer, pk)
    if not permissions.can_verify(request.viewer, result):
        raise PermissionDenied
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.semester_return(
                actor=request.viewer, result=result, comment=form.cleaned_data["comment"]
            )
        except SERVICE_ERRORS as error:
            copy_errors(form, error)
        else:
            messages.success(request, _("The academic result has been returned for correction."))
            return redirect("results:semester", pk=result.pk)
    return _semester_detail(request, result, return_form=form, status=400)


@login_required
@require_POST
def semester_correct_view(request, pk: int):
    result = study_selectors.get_semester(request.viewer, pk)
    if not permissions.can_verify(request.viewer, result):
        raise PermissionDenied
    form = SemesterCorrectionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.semester_correct(
                actor=request.viewer,
                result=result,
                ipk=data["ipk"],
                sks_taken=data["sks_taken"],
                sks_passed=data["sks_passed"],
                reason=data["reason"],
            )
        except SERVICE_ERRORS as error:
            copy_errors(form, error)
        else:
            messages.success(request, _("The correction has been recorded as a new version."))
            return redirect("results:semester", pk=result.pk)
    return _semester_detail(request, result, correction_form=form, status=400)


@login_required
@require_POST
def semester_evidence_add_view(request, pk: int):
    result = study_selectors.get_semester(request.viewer, pk)
    if not permissions.is_owner(request.viewer, result):
        raise PermissionDenied
    form = SemesterFileForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.semester_evidence_add(
                actor=request.viewer, result=result, uploaded_file=form.cleaned_data["file"]
            )
        except SERVICE_ERRORS as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("The file has been added."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("results:semester", pk=result.pk)


@login_required
@require_POST
def semester_evidence_remove_view(request, pk: int):
    evidence = study_selectors.get_semester_evidence(request.viewer, pk)
    try:
        services.semester_evidence_remove(actor=request.viewer, evidence=evidence)
    except SERVICE_ERRORS as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The file has been removed."))
    return redirect("results:semester", pk=evidence.result_id)


@login_required
def semester_evidence_download_view(request, pk: int):
    """Transcripts are served only here, after the scope check, never from MEDIA_URL."""
    evidence = study_selectors.get_semester_evidence(request.viewer, pk)
    return file_response(evidence)


@login_required
def study_leaves_view(request, employee_pk: int):
    """An employee's study leaves (tugas belajar); BKPSDM and the unit's admins record one."""
    viewer = request.viewer
    employee = study_selectors.agency_employee(viewer, employee_pk)
    can_record = permissions.can_record_study_leave(viewer, employee)
    if not can_record and employee.pk != viewer.employee_id:
        raise PermissionDenied
    form, status = StudyLeaveForm(), 200
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        form = StudyLeaveForm(request.POST)
        if form.is_valid():
            try:
                services.study_leave_record(actor=viewer, employee=employee, **form.cleaned_data)
            except SERVICE_ERRORS as error:
                copy_errors(form, error)
            else:
                messages.success(request, _("The study leave has been recorded."))
                return redirect("results:study_leaves", employee_pk=employee.pk)
        status = 400
    context = {
        "employee": employee,
        "leaves": study_selectors.study_leaves_of(employee),
        "form": form if can_record else None,
        "can_change": can_record,
    }
    return render(request, "results/study/study_leaves.html", context, status=status)


def _manageable_leave(request, pk: int):
    """A study leave of the agency (else 404) that the viewer may change (else 403)."""
    leave = study_selectors.get_study_leave(request.viewer, pk)
    if not permissions.can_record_study_leave(request.viewer, leave.employee):
        raise PermissionDenied
    return leave


def _leave_page(request, leave, *, form=None, end_form=None, status=200):
    open_ = not leave.is_ended
    initial = {name: getattr(leave, name) for name in StudyLeaveForm.base_fields}
    context = {
        "leave": leave,
        "employee": leave.employee,
        "form": (form or StudyLeaveForm(initial=initial)) if open_ else None,
        "end_form": (end_form or StudyLeaveEndForm(auto_id="id_end_%s")) if open_ else None,
    }
    return render(request, "results/study/study_leave_edit.html", context, status=status)


@login_required
def study_leave_edit_view(request, pk: int):
    """BKPSDM and the unit's admins correct the decree of a study leave that has not ended."""
    leave = _manageable_leave(request, pk)
    if request.method != "POST":
        return _leave_page(request, leave)
    form = StudyLeaveForm(request.POST)
    if form.is_valid():
        try:
            services.study_leave_update(actor=request.viewer, leave=leave, **form.cleaned_data)
        except SERVICE_ERRORS as error:
            copy_errors(form, error)
        else:
            messages.success(request, _("The study leave has been changed."))
            return redirect("results:study_leaves", employee_pk=leave.employee_id)
    return _leave_page(request, leave, form=form, status=400)


@login_required
@require_POST
def study_leave_end_view(request, pk: int):
    """End a study leave early (graduated, cancelled): confirmed in the page, final after."""
    leave = _manageable_leave(request, pk)
    form = StudyLeaveEndForm(request.POST, auto_id="id_end_%s")
    if form.is_valid():
        try:
            services.study_leave_end(actor=request.viewer, leave=leave, **form.cleaned_data)
        except SERVICE_ERRORS as error:
            copy_errors(form, error)
        else:
            messages.success(request, _("The study leave has been ended."))
            return redirect("results:study_leaves", employee_pk=leave.employee_id)
    return _leave_page(request, leave, end_form=form, status=400)
