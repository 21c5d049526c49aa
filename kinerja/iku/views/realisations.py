"""Entering, submitting, verifying and returning realisations, and their evidence files."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.core.errors import SERVICE_ERRORS
from kinerja.core.files import clean_filename
from kinerja.iku import permissions, selectors
from kinerja.iku.forms.realisations import EvidenceForm, RealisationForm, ReturnForm
from kinerja.iku.models import RealisationStatus
from kinerja.iku.services import realisation as services
from kinerja.iku.views._common import category, copy_errors, error_text


@login_required
def realisation_entry_view(request, pk: int, period_pk: int):
    """Enter (or correct a returned) realisation, optionally with evidence, and submit it."""
    viewer = request.viewer
    indicator = selectors.get_indicator(viewer, pk)
    period = selectors.get_period(viewer, period_pk)
    if not permissions.can_enter_realisation(viewer, indicator):
        raise PermissionDenied
    existing = selectors.indicator_realisations(viewer, indicator, period.performance_year).get(
        period.pk
    )
    if existing is not None and not existing.is_editable:
        return redirect("iku:realisation", pk=existing.pk)
    status = 200
    if request.method == "POST":
        form = RealisationForm(
            request.POST, request.FILES, unit_of_measure=indicator.unit_of_measure
        )
        if form.is_valid():
            data = form.cleaned_data
            submit = request.POST.get("action") == "submit"
            try:
                realisation = services.realisation_save(
                    actor=viewer,
                    indicator=indicator,
                    period=period,
                    value=data["value"],
                    note=data["note"],
                    evidence=data["evidence"],
                    submit=submit,
                )
            except SERVICE_ERRORS as error:
                copy_errors(form, error, field_map={"file": "evidence"})
            else:
                if submit:
                    messages.success(request, _("The realisation has been sent for verification."))
                else:
                    messages.success(request, _("The realisation has been saved as a draft."))
                return redirect("iku:realisation", pk=realisation.pk)
        status = 400
    else:
        initial = {}
        if existing is not None:
            initial = {"value": existing.value, "note": existing.note}
        form = RealisationForm(initial=initial, unit_of_measure=indicator.unit_of_measure)
    context = {
        "indicator": indicator,
        "period": period,
        "realisation": existing,
        "form": form,
        "target": selectors.indicator_targets(indicator, period.performance_year)["periods"].get(
            period.pk
        ),
    }
    return render(request, "iku/realisations/form.html", context, status=status)


def _realisation_page(request, realisation, *, return_form=None, evidence_form=None, status=200):
    viewer = request.viewer
    indicator = realisation.indicator
    py = realisation.period.performance_year
    can_enter = permissions.can_enter_realisation(viewer, indicator)
    can_verify = permissions.can_verify(viewer, realisation)
    show_evidence = selectors.may_see_indicator_evidence(viewer, realisation.indicator)
    result = selectors.indicator_results_for(viewer, py, indicator_ids=[indicator.pk]).get(
        (indicator.pk, realisation.period_id)
    )
    context = {
        "realisation": realisation,
        "indicator": indicator,
        "period": realisation.period,
        "result": result,
        "category": category(result.capaian if result else None, py),
        "evidence": list(realisation.evidence.all()) if show_evidence else [],
        "show_evidence": show_evidence,
        "history": selectors.realisation_versions(realisation),
        "can_edit": can_enter and realisation.is_editable,
        "can_submit": can_enter and realisation.is_editable,
        "can_verify": can_verify and realisation.status == RealisationStatus.SUBMITTED,
        "return_form": return_form or ReturnForm(),
        "evidence_form": evidence_form or EvidenceForm(),
        "computed": selectors.computed_origin(viewer, realisation),
    }
    return render(request, "iku/realisations/detail.html", context, status=status)


def _get_realisation(request, pk: int):
    return selectors.get_realisation(request.viewer, pk)


@login_required
def realisation_detail_view(request, pk: int):
    return _realisation_page(request, _get_realisation(request, pk))


@login_required
@require_POST
def realisation_submit_view(request, pk: int):
    realisation = _get_realisation(request, pk)
    try:
        services.realisation_submit(actor=request.viewer, realisation=realisation)
    except SERVICE_ERRORS as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The realisation has been sent for verification."))
    return redirect("iku:realisation", pk=realisation.pk)


@login_required
@require_POST
def realisation_verify_view(request, pk: int):
    realisation = _get_realisation(request, pk)
    try:
        services.realisation_verify(actor=request.viewer, realisation=realisation)
    except SERVICE_ERRORS as error:
        messages.error(request, error_text(error))
        return redirect("iku:realisation", pk=realisation.pk)
    # The service schedules the recompute of the year's capaian (a task, after the commit).
    messages.success(request, _("The realisation has been verified."))
    return redirect("iku:realisation", pk=realisation.pk)


@login_required
@require_POST
def realisation_return_view(request, pk: int):
    realisation = _get_realisation(request, pk)
    if not permissions.can_verify(request.viewer, realisation):
        raise PermissionDenied
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.realisation_return(
                actor=request.viewer,
                realisation=realisation,
                comment=form.cleaned_data["comment"],
            )
        except SERVICE_ERRORS as error:
            copy_errors(form, error)
        else:
            messages.success(request, _("The realisation has been returned for correction."))
            return redirect("iku:realisation", pk=realisation.pk)
    return _realisation_page(request, realisation, return_form=form, status=400)


@login_required
@require_POST
def evidence_add_view(request, pk: int):
    realisation = _get_realisation(request, pk)
    if not permissions.can_enter_realisation(request.viewer, realisation.indicator):
        raise PermissionDenied
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.evidence_add(
                actor=request.viewer,
                realisation=realisation,
                uploaded_file=form.cleaned_data["file"],
            )
        except SERVICE_ERRORS as error:
            copy_errors(form, error)
        else:
            messages.success(request, _("The evidence file has been added."))
            return redirect("iku:realisation", pk=realisation.pk)
    return _realisation_page(request, realisation, evidence_form=form, status=400)


@login_required
@require_POST
def evidence_remove_view(request, pk: int):
    evidence = selectors.get_evidence(request.viewer, pk)
    realisation = evidence.realisation
    try:
        services.evidence_remove(actor=request.viewer, evidence=evidence)
    except SERVICE_ERRORS as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The evidence file has been removed."))
    return redirect("iku:realisation", pk=realisation.pk)


@login_required
def evidence_download_view(request, pk: int):
    """Evidence is served only here, after the permission check, never from MEDIA_URL."""
    evidence = selectors.get_evidence(request.viewer, pk)
    if not selectors.may_see_indicator_evidence(request.viewer, evidence.realisation.indicator):
        raise PermissionDenied
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        # Cleaned again: names stored before the cleaning existed may still carry controls.
        filename=clean_filename(evidence.original_name),
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
def verification_queue_view(request):
    """Realisations waiting for the viewer as head of the responsible unit."""
    rows = selectors.realisations_to_verify(request.viewer)
    return render(request, "iku/realisations/verification_queue.html", {"rows": rows})


@login_required
def reporting_view(request):
    """The realisations the viewer reports for the period that ended last, with their due day."""
    return render(
        request,
        "iku/realisations/reporting.html",
        {"due": selectors.reporting_due(request.viewer)},
    )
