"""Pages of the realisation of individual results: the employee's period page, the realisation
with its history, the rater's list of realisations to verify, and evidence downloads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.core.errors import SERVICE_ERRORS
from kinerja.core.forms import copy_errors
from kinerja.results import permissions, selectors, services
from kinerja.results.forms import CorrectionForm, EvidenceForm, RealisationForm, ReturnForm
from kinerja.results.selectors import study as study_selectors
from kinerja.results.views._common import error_text, file_response, period_page, plain


def _period_url(realisation) -> str:
    return reverse("results:period", args=[realisation.employee_id, realisation.period_id])


def _warn_reuses(request, realisation) -> None:
    selectors.evidence_with_reuses([realisation])
    if any(item.reuses for item in realisation.evidence_list):
        messages.warning(
            request,
            _(
                "The same evidence is already used by another employee or for another period. "
                "It was kept; your rater will see this."
            ),
        )


@login_required
def mine_view(request):
    """The signed-in employee's realisations of this year (from Beranda and the menu)."""
    viewer = request.viewer
    if viewer.employee_id is None:
        raise Http404
    return redirect("results:periods", viewer.employee_id, viewer.today.year)


@login_required
def periods_view(request, employee_pk: int, year: int):
    viewer = request.viewer
    employee = selectors.get_employee(viewer, employee_pk, year)
    context = {
        "employee": employee,
        "year": year,
        "periods": selectors.year_overview(viewer, employee, year),
        "previous_year": selectors.may_read_year(viewer, employee, year - 1),
        "today": viewer.today,
        "study_leaves_link": permissions.can_record_study_leave(viewer, employee)
        or (employee.pk == viewer.employee_id and bool(study_selectors.study_leaves_of(employee))),
    }
    return render(request, "results/realisations/periods.html", context)


@login_required
def period_view(request, employee_pk: int, period_pk: int):
    """Each RHK indicator of the plan in force with its target, realisation and evidence; the
    employee saves drafts and submits from here."""
    viewer = request.viewer
    period = selectors.get_period(viewer, period_pk)
    employee = selectors.get_employee(viewer, employee_pk, period.start_date.year)
    bound, status = None, 200
    if request.method == "POST":
        if not permissions.can_enter_for(viewer, employee):
            raise PermissionDenied
        bound = RealisationForm(
            request.POST, request.FILES, auto_id=f"id_{request.POST.get('indicator_key')}_%s"
        )
        if bound.is_valid():
            data = bound.cleaned_data
            submit = request.POST.get("action") == "submit"
            try:
                realisation = services.realisation_save(
                    actor=viewer,
                    employee=employee,
                    period=period,
                    indicator_key=data["indicator_key"],
                    value=data["value"],
                    text=data["text"],
                    evidence_file=data["file"],
                    evidence_url=data["url"],
                    evidence_text=data["evidence_text"],
                    submit=submit,
                )
            except SERVICE_ERRORS as error:
                copy_errors(bound, error, field_map={"evidence": "file", "period": None})
            else:
                if submit:
                    messages.success(request, _("The realisation has been sent for verification."))
                else:
                    messages.success(request, _("The realisation has been saved as a draft."))
                _warn_reuses(request, realisation)
                return redirect(f"{_period_url(realisation)}#r-{realisation.indicator_key}")
        status = 400
    return period_page(request, employee, period, bound=bound, status=status)


def _detail(request, realisation, *, return_form=None, correction_form=None, status=200):
    viewer = request.viewer
    selectors.with_plan_content([realisation])
    selectors.evidence_with_reuses([realisation])
    context = {
        "realisation": realisation,
        "versions": selectors.versions_of(realisation),
        "history": selectors.history_of(realisation),
        "can_edit": permissions.can_edit(viewer, realisation),
        "can_verify": permissions.can_verify(viewer, realisation)
        and realisation.status == "submitted",
        "can_correct": permissions.can_verify(viewer, realisation)
        and realisation.status == "verified",
        "return_form": return_form or ReturnForm(),
        "correction_form": correction_form
        or CorrectionForm(initial={"value": plain(realisation.value), "text": realisation.text}),
        "evidence_form": EvidenceForm(),
    }
    return render(request, "results/realisations/detail.html", context, status=status)


@login_required
def detail_view(request, pk: int):
    return _detail(request, selectors.get_realisation(request.viewer, pk))


@login_required
@require_POST
def submit_view(request, pk: int):
    realisation = selectors.get_realisation(request.viewer, pk)
    try:
        services.realisation_submit(actor=request.viewer, realisation=realisation)
    except SERVICE_ERRORS as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The realisation has been sent for verification."))
    return redirect("results:detail", pk=realisation.pk)


@login_required
@require_POST
def verify_view(request, pk: int):
    realisation = selectors.get_realisation(request.viewer, pk)
    try:
        services.realisation_verify(actor=request.viewer, realisation=realisation)
    except SERVICE_ERRORS as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The realisation has been verified."))
    if request.POST.get("next") == "list":
        return redirect("results:to_verify")
    return redirect("results:detail", pk=realisation.pk)


@login_required
@require_POST
def return_view(request, pk: int):
    realisation = selectors.get_realisation(request.viewer, pk)
    if not permissions.can_verify(request.viewer, realisation):
        raise PermissionDenied
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.realisation_return(
                actor=request.viewer, realisation=realisation, comment=form.cleaned_data["comment"]
            )
        except SERVICE_ERRORS as error:
            copy_errors(form, error)
        else:
            messages.success(request, _("The realisation has been returned for correction."))
            if request.POST.get("next") == "list":
                return redirect("results:to_verify")
            return redirect("results:detail", pk=realisation.pk)
    return _detail(request, realisation, return_form=form, status=400)


@login_required
@require_POST
def correct_view(request, pk: int):
    realisation = selectors.get_realisation(request.viewer, pk)
    if not permissions.can_verify(request.viewer, realisation):
        raise PermissionDenied
    form = CorrectionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.realisation_correct(
                actor=request.viewer,
                realisation=realisation,
                value=data["value"],
                text=data["text"],
                reason=data["reason"],
            )
        except SERVICE_ERRORS as error:
            copy_errors(form, error)
        else:
            messages.success(request, _("The correction has been recorded as a new version."))
            return redirect("results:detail", pk=realisation.pk)
    return _detail(request, realisation, correction_form=form, status=400)


@login_required
@require_POST
def evidence_add_view(request, pk: int):
    realisation = selectors.get_realisation(request.viewer, pk)
    if not permissions.is_owner(request.viewer, realisation):
        raise PermissionDenied
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.evidence_add(
                actor=request.viewer,
                realisation=realisation,
                uploaded_file=data["file"],
                url=data["url"],
                text=data["evidence_text"],
            )
        except SERVICE_ERRORS as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("The evidence has been added."))
            _warn_reuses(request, realisation)
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("results:detail", pk=realisation.pk)


@login_required
@require_POST
def evidence_remove_view(request, pk: int):
    evidence = selectors.get_evidence(request.viewer, pk)
    try:
        services.evidence_remove(actor=request.viewer, evidence=evidence)
    except SERVICE_ERRORS as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The evidence has been removed."))
    return redirect("results:detail", pk=evidence.realisation_id)


@login_required
def evidence_download_view(request, pk: int):
    """Evidence files are served only here, after the scope check, never from MEDIA_URL."""
    evidence = selectors.get_evidence(request.viewer, pk)
    return file_response(evidence)


@login_required
def to_verify_view(request):
    """Realisations submitted by the rater's team, waiting for verification."""
    rows = selectors.realisations_to_verify(request.viewer)
    semesters = study_selectors.semesters_to_verify(request.viewer)
    return render(
        request, "results/realisations/to_verify.html", {"rows": rows, "semesters": semesters}
    )


@login_required
@require_POST
def verify_many_view(request):
    if not permissions.may_verify_anything(request.viewer):
        raise PermissionDenied
    chosen = request.POST.getlist("realisation")
    try:
        done = services.realisation_verify_many(actor=request.viewer, realisations=chosen)
    except SERVICE_ERRORS as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request, _("%(count)d realisations have been verified.") % {"count": len(done)}
        )
    return redirect("results:to_verify")
