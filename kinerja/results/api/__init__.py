"""REST API v1 for the realisation of individual results, scoped exactly like the pages.

Reads go through `selectors` (out of scope: 404); writes call the services, which check
permissions (403) and validate (400 per field). A verified realisation changes only through a
correction (`correct`); any other change answers 409. Evidence is a link or a text (JSON) or a
file (multipart, checked like the pages' uploads: type by content, size, SHA-256); every piece
is listed with its download address.
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
from kinerja.results.api.schemas import (
    ResultCorrectIn,
    ResultDeletedOut,
    ResultEvidenceIn,
    ResultRealisationDetailOut,
    ResultRealisationFilters,
    ResultRealisationIn,
    ResultRealisationOut,
    ResultReturnIn,
)
from kinerja.results.models import Realisation

router = Router(tags=["realisation of individual results"])


class _Detail:
    """A realisation with the extra facts of its detail answer."""

    def __init__(self, realisation, **extra):
        self._realisation = realisation
        self.__dict__.update(extra)

    def __getattr__(self, name):
        return getattr(self._realisation, name)


def _detail(request, pk: int) -> _Detail:
    realisation = selectors.get_realisation(request.viewer, pk)
    selectors.with_plan_content([realisation])
    selectors.evidence_with_reuses([realisation])
    indicator = realisation.indicator
    return _Detail(
        realisation,
        indicator_text=indicator.text if indicator else None,
        rhk_text=indicator.rhk.text if indicator else None,
        target=indicator.target_display if indicator else None,
        evidence=[
            {
                "id": e.pk,
                "kind": e.kind,
                "original_name": e.original_name,
                "content_type": e.content_type,
                "size": e.size,
                "url": e.url,
                "text": e.text,
                "sha256": e.sha256,
                "reused": bool(e.reuses),
                "download_url": reverse("results:evidence_download", args=[e.pk])
                if e.kind == "file"
                else None,
            }
            for e in realisation.evidence_list
        ],
        versions=list(
            realisation.versions.order_by("version").values(
                "version", "kind", "value", "text", "reason", "recorded_at"
            )
        ),
    )


@router.get(
    "/results/realisations",
    response=responses(list[ResultRealisationOut], 400),
    operation_id="results_realisations_list",
    summary="List the realisations the caller may see",
)
@paginate(LimitOffset)
def realisation_list(request, filters: Query[ResultRealisationFilters]):
    """Own realisations, those the caller rates, those of the units they administer; the
    whole agency for BKPSDM, pimpinan and auditors."""
    qs = selectors.realisations_visible_to(request.viewer).select_related("employee", "period")
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.employee:
        qs = qs.filter(employee_id=filters.employee)
    if filters.period:
        qs = qs.filter(period_id=filters.period)
    if filters.status:
        qs = qs.filter(status=filters.status)
    return qs.order_by("period__start_date", "employee_id", "pk")


@router.get(
    "/results/realisations/{realisation_id}",
    response=responses(ResultRealisationDetailOut, 404),
    operation_id="results_realisations_detail",
    summary="One realisation with its indicator, evidence and versions",
)
def realisation_detail(request, realisation_id: Id):
    return _detail(request, realisation_id)


@router.post(
    "/results/realisations",
    response=write_responses(ResultRealisationDetailOut),
    operation_id="results_realisations_save",
    summary="Enter (or change the draft of) one's own realisation, optionally submitting it",
)
def realisation_save(request, payload: ResultRealisationIn):
    viewer = request.viewer
    employee = selectors.own_employee(viewer)
    realisation = services.realisation_save(
        actor=viewer,
        employee=employee,
        period=payload.period,
        indicator_key=payload.indicator_key,
        value=payload.value,
        text=payload.text,
        submit=payload.submit,
    )
    return _detail(request, realisation.pk)


def _realisation(request, pk) -> Realisation:
    return selectors.get_realisation(request.viewer, pk)


@router.post(
    "/results/realisations/{realisation_id}/submit",
    response=write_responses(ResultRealisationDetailOut),
    operation_id="results_realisations_submit",
    summary="Send one's realisation for verification",
)
def realisation_submit(request, realisation_id: Id):
    services.realisation_submit(
        actor=request.viewer, realisation=_realisation(request, realisation_id)
    )
    return _detail(request, realisation_id)


@router.post(
    "/results/realisations/{realisation_id}/verify",
    response=write_responses(ResultRealisationDetailOut),
    operation_id="results_realisations_verify",
    summary="Verify a submitted realisation (the rater)",
)
def realisation_verify(request, realisation_id: Id):
    services.realisation_verify(
        actor=request.viewer, realisation=_realisation(request, realisation_id)
    )
    return _detail(request, realisation_id)


@router.post(
    "/results/realisations/{realisation_id}/return",
    response=write_responses(ResultRealisationDetailOut),
    operation_id="results_realisations_return",
    summary="Return a submitted realisation with a comment (the rater)",
)
def realisation_return(request, realisation_id: Id, payload: ResultReturnIn):
    services.realisation_return(
        actor=request.viewer,
        realisation=_realisation(request, realisation_id),
        comment=payload.comment,
    )
    return _detail(request, realisation_id)


@router.post(
    "/results/realisations/{realisation_id}/correct",
    response=write_responses(ResultRealisationDetailOut),
    operation_id="results_realisations_correct",
    summary="Correct a verified realisation with a reason: a new version (the rater)",
)
def realisation_correct(request, realisation_id: Id, payload: ResultCorrectIn):
    services.realisation_correct(
        actor=request.viewer,
        realisation=_realisation(request, realisation_id),
        value=payload.value,
        text=payload.text,
        reason=payload.reason,
    )
    return _detail(request, realisation_id)


@router.post(
    "/results/realisations/{realisation_id}/evidence",
    response=write_responses(ResultRealisationDetailOut),
    operation_id="results_evidence_add",
    summary="Add a link or a text as evidence (bukti dukung) to one's realisation",
)
def evidence_add(request, realisation_id: Id, payload: ResultEvidenceIn):
    services.evidence_add(
        actor=request.viewer,
        realisation=_realisation(request, realisation_id),
        url=payload.url,
        text=payload.text,
    )
    return _detail(request, realisation_id)


@router.post(
    "/results/realisations/{realisation_id}/evidence/file",
    response=write_responses(ResultRealisationDetailOut),
    operation_id="results_evidence_file_add",
    summary="Upload a file (photo or PDF, multipart field `file`) as evidence to one's realisation",
)
def evidence_file_add(request, realisation_id: Id, file: File[UploadedFile]):
    services.evidence_add(
        actor=request.viewer,
        realisation=_realisation(request, realisation_id),
        uploaded_file=file,
    )
    return _detail(request, realisation_id)


@router.delete(
    "/results/evidence/{evidence_id}",
    response=write_responses(ResultDeletedOut),
    operation_id="results_evidence_delete",
    summary="Remove a piece of evidence from one's editable realisation",
)
def evidence_delete(request, evidence_id: Id):
    evidence = selectors.get_evidence(request.viewer, evidence_id)
    services.evidence_remove(actor=request.viewer, evidence=evidence)
    return {
        "detail": str(_("The evidence has been removed.")),
        "realisation_id": evidence.realisation_id,
    }


from kinerja.results.api.study import router as study_router  # noqa: E402

router.add_router("", study_router)
