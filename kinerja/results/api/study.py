"""REST API v1 for the academic results of employees on study leave, scoped like the pages.

Reads go through `selectors.study` (out of scope: 404); writes call the services, which check
permissions (403) and validate (400 per field). A verified semester result changes only through
a correction (`correct`); any other change answers 409. The transcript is uploaded as a
multipart file and checked like every evidence file (type by content, size, SHA-256), and
removed while the result can still be edited.

The decree of a study leave is recorded, corrected (PUT, PATCH) and ended early by BKPSDM and
the admins of the employee's unit; an ended study leave is final (409).
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import File, Query, Router
from ninja.files import UploadedFile
from ninja.pagination import paginate

from kinerja.api.pagination import LimitOffset
from kinerja.api.schemas import responses, write_responses
from kinerja.api.types import Id
from kinerja.results import selectors, services
from kinerja.results.api.study_schemas import (
    SemesterCorrectIn,
    SemesterDetailOut,
    SemesterFileDeletedOut,
    SemesterFilters,
    SemesterIn,
    SemesterOut,
    SemesterReturnIn,
    StudyLeaveEndIn,
    StudyLeaveIn,
    StudyLeaveOut,
    StudyLeavePatchIn,
    StudyLeaveUpdateIn,
)
from kinerja.results.selectors import study as study_selectors

router = Router(tags=["academic results of study leave"])


class _Detail:
    def __init__(self, result, **extra):
        self._result = result
        self.__dict__.update(extra)

    def __getattr__(self, name):
        return getattr(self._result, name)


def _detail(request, pk: int) -> _Detail:
    result = study_selectors.get_semester(request.viewer, pk)
    study_selectors.with_evidence([result])
    leave = result.study_leave
    return _Detail(
        result,
        institution=leave.institution,
        total_semesters=leave.total_semesters,
        guidance_predikat=study_selectors.guidance_predikat(leave, result.ipk),
        evidence=[
            {
                "id": e.pk,
                "original_name": e.original_name,
                "content_type": e.content_type,
                "size": e.size,
                "sha256": e.sha256,
                "download_url": reverse("results:semester_evidence_download", args=[e.pk]),
            }
            for e in result.evidence_list
        ],
        versions=list(
            result.versions.order_by("version").values(
                "version", "kind", "ipk", "sks_taken", "sks_passed", "reason", "recorded_at"
            )
        ),
    )


@router.get(
    "/results/semesters",
    response=responses(list[SemesterOut], 400),
    operation_id="results_semesters_list",
    summary="List the academic results of study leave the caller may see",
)
@paginate(LimitOffset)
def semester_list(request, filters: Query[SemesterFilters]):
    """Own semesters, those the caller rates, those of the units they administer; the whole
    agency for BKPSDM, pimpinan and auditors."""
    qs = study_selectors.semesters_visible_to(request.viewer).select_related(
        "employee", "period", "study_leave"
    )
    if filters.employee:
        qs = qs.filter(employee_id=filters.employee)
    if filters.status:
        qs = qs.filter(status=filters.status)
    return qs.order_by("employee_id", "study_leave_id", "semester")


@router.get(
    "/results/semesters/{semester_id}",
    response=responses(SemesterDetailOut, 404),
    operation_id="results_semesters_detail",
    summary="One academic result with its transcript files and versions",
)
def semester_detail(request, semester_id: Id):
    return _detail(request, semester_id)


@router.post(
    "/results/semesters",
    response=write_responses(SemesterDetailOut),
    operation_id="results_semesters_save",
    summary="Report (or change the draft of) one's own semester, optionally submitting it",
)
def semester_save(request, payload: SemesterIn):
    viewer = request.viewer
    result = services.semester_save(
        actor=viewer,
        employee=selectors.own_employee(viewer),
        period=payload.period,
        semester=payload.semester,
        ipk=payload.ipk,
        sks_taken=payload.sks_taken,
        sks_passed=payload.sks_passed,
        institution_feedback=payload.institution_feedback,
        submit=payload.submit,
    )
    return _detail(request, result.pk)


def _result(request, pk):
    return study_selectors.get_semester(request.viewer, pk)


@router.post(
    "/results/semesters/{semester_id}/submit",
    response=write_responses(SemesterDetailOut),
    operation_id="results_semesters_submit",
    summary="Send one's semester result for verification",
)
def semester_submit(request, semester_id: Id):
    services.semester_submit(actor=request.viewer, result=_result(request, semester_id))
    return _detail(request, semester_id)


@router.post(
    "/results/semesters/{semester_id}/verify",
    response=write_responses(SemesterDetailOut),
    operation_id="results_semesters_verify",
    summary="Verify a submitted semester result (the rater)",
)
def semester_verify(request, semester_id: Id):
    services.semester_verify(actor=request.viewer, result=_result(request, semester_id))
    return _detail(request, semester_id)


@router.post(
    "/results/semesters/{semester_id}/return",
    response=write_responses(SemesterDetailOut),
    operation_id="results_semesters_return",
    summary="Return a submitted semester result with a comment (the rater)",
)
def semester_return(request, semester_id: Id, payload: SemesterReturnIn):
    services.semester_return(
        actor=request.viewer, result=_result(request, semester_id), comment=payload.comment
    )
    return _detail(request, semester_id)


@router.post(
    "/results/semesters/{semester_id}/correct",
    response=write_responses(SemesterDetailOut),
    operation_id="results_semesters_correct",
    summary="Correct a verified semester result with a reason: a new version (the rater)",
)
def semester_correct(request, semester_id: Id, payload: SemesterCorrectIn):
    services.semester_correct(
        actor=request.viewer,
        result=_result(request, semester_id),
        ipk=payload.ipk,
        sks_taken=payload.sks_taken,
        sks_passed=payload.sks_passed,
        reason=payload.reason,
    )
    return _detail(request, semester_id)


@router.post(
    "/results/semesters/{semester_id}/files",
    response=write_responses(SemesterDetailOut),
    operation_id="results_semesters_file_add",
    summary="Upload the institution's transcript or feedback letter (multipart, field `file`)",
)
def semester_file_add(request, semester_id: Id, file: File[UploadedFile]):
    services.semester_evidence_add(
        actor=request.viewer, result=_result(request, semester_id), uploaded_file=file
    )
    return _detail(request, semester_id)


@router.post(
    "/results/study-leaves",
    response=write_responses(StudyLeaveOut),
    operation_id="results_study_leaves_create",
    summary="Record an employee's study leave (tugas belajar): their unit admins and BKPSDM",
)
def study_leave_create(request, payload: StudyLeaveIn):
    viewer = request.viewer
    return services.study_leave_record(
        actor=viewer,
        employee=study_selectors.agency_employee(viewer, payload.employee),
        start_date=payload.start_date,
        end_date=payload.end_date,
        institution=payload.institution,
        programme=payload.programme,
        level=payload.level,
        accreditation=payload.accreditation,
        total_semesters=payload.total_semesters,
        decree_number=payload.decree_number,
    )


@router.delete(
    "/results/semester-files/{file_id}",
    response=write_responses(SemesterFileDeletedOut),
    operation_id="results_semesters_file_delete",
    summary="Remove a transcript or feedback file from one's editable semester result",
)
def semester_file_delete(request, file_id: Id):
    evidence = study_selectors.get_semester_evidence(request.viewer, file_id)
    services.semester_evidence_remove(actor=request.viewer, evidence=evidence)
    return {"detail": str(_("The file has been removed.")), "semester_id": evidence.result_id}


def _leave(request, pk):
    return study_selectors.get_study_leave(request.viewer, pk)


@router.put(
    "/results/study-leaves/{leave_id}",
    response=write_responses(StudyLeaveOut),
    operation_id="results_study_leaves_update",
    summary="Correct every field of a study leave that has not ended (unit admins, BKPSDM)",
)
def study_leave_update(request, leave_id: Id, payload: StudyLeaveUpdateIn):
    return services.study_leave_update(
        actor=request.viewer, leave=_leave(request, leave_id), **payload.dict()
    )


@router.patch(
    "/results/study-leaves/{leave_id}",
    response=write_responses(StudyLeaveOut),
    operation_id="results_study_leaves_patch",
    summary="Correct some fields of a study leave that has not ended (only the fields sent)",
)
def study_leave_patch(request, leave_id: Id, payload: StudyLeavePatchIn):
    """`end_date` sent as null clears the end; any other field sent as null is ignored."""
    changes = {
        name: value
        for name, value in payload.dict(exclude_unset=True).items()
        if value is not None or name == "end_date"
    }
    return services.study_leave_update(
        actor=request.viewer, leave=_leave(request, leave_id), **changes
    )


@router.post(
    "/results/study-leaves/{leave_id}/end",
    response=write_responses(StudyLeaveOut),
    operation_id="results_study_leaves_end",
    summary="End a study leave early with its last day and reason; it is final afterwards",
)
def study_leave_end(request, leave_id: Id, payload: StudyLeaveEndIn):
    return services.study_leave_end(
        actor=request.viewer,
        leave=_leave(request, leave_id),
        end_date=payload.end_date,
        reason=payload.reason,
        note=payload.note,
    )
