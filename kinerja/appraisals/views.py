"""Pages of the evaluation: the rater's calibration desk per period, the rating page of one
employee, the employee's own evaluations with receipt and signature, and "why this predikat"."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from kinerja.activities import selectors as attendance
from kinerja.appraisals import permissions, selectors, services, tasks
from kinerja.appraisals.documents import access as documents_access
from kinerja.appraisals.documents import excel as documents_excel
from kinerja.appraisals.documents import pdf as documents_pdf
from kinerja.appraisals.forms import (
    KeberatanDecideForm,
    KeberatanFileForm,
    KeberatanHearForm,
    RatingForm,
    SettingsForm,
)
from kinerja.appraisals.models import EvaluationStatus
from kinerja.core.errors import SERVICE_ERRORS
from kinerja.core.forms import copy_errors
from kinerja.feedback import selectors as feedback
from kinerja.org import selectors as org_selectors
from kinerja.results import selectors as results
from kinerja.skp.selectors.takeovers import takeovers_in_force


def _error_text(error) -> str:
    messages_ = getattr(error, "messages", None)
    return " ".join(messages_) if messages_ else str(error)


def _or_none(function, *args):
    """A side panel the viewer may not read is left out, never a reason to refuse the page."""
    try:
        return function(*args)
    except Http404:
        return None


@login_required
def mine_view(request):
    """The signed-in employee's evaluations, with receipt and signature."""
    viewer = request.viewer
    if viewer.employee_id is None:
        raise Http404
    return render(
        request,
        "appraisals/mine.html",
        {
            "evaluations": selectors.own_evaluations(viewer),
            "today": viewer.today,
            "functional": any(p.jenjang for p in viewer.held_positions),
        },
    )


@login_required
def desk_index_view(request):
    """The periods in which the viewer evaluates someone; the latest opens directly."""
    viewer = request.viewer
    periods = selectors.desk_periods(viewer)
    return render(request, "appraisals/desk_index.html", {"periods": periods})


@login_required
def desk_view(request, period_pk: int):
    viewer = request.viewer
    period = selectors.get_period(viewer, period_pk)
    desk = selectors.desk(viewer, period)
    context = {
        "desk": desk,
        "period": period,
        "overview": selectors.unit_overview(viewer, period),
        "today": viewer.today,
        "can_read_recap": documents_access.can_read_recap(viewer),
    }
    return render(request, "appraisals/desk.html", context)


@login_required
def credit_view(request, employee_pk: int):
    """A functional official's angka kredit per year and the total toward the next rank."""
    viewer = request.viewer
    employee = selectors.get_credit_employee(viewer, employee_pk)
    return render(
        request,
        "appraisals/credit.html",
        {"page": selectors.credit_page(viewer, employee), "own": employee.pk == viewer.employee_id},
    )


@login_required
def periods_view(request):
    """The agency's evaluation periods with the progress of each; BKPSDM opens them."""
    viewer = request.viewer
    if not permissions.can_read_periods(viewer):
        raise PermissionDenied
    context = {
        "rows": selectors.periods_progress(viewer),
        "base": selectors.distribution_base(viewer.agency_id),
        "can_keep": permissions.can_open_evaluations(viewer, viewer.agency_id),
    }
    return render(request, "appraisals/periods.html", context)


@login_required
@require_POST
def period_open_view(request, period_pk: int):
    viewer = request.viewer
    period = selectors.get_period(viewer, period_pk)
    if not permissions.can_open_evaluations(viewer, viewer.agency_id):
        raise PermissionDenied
    try:
        tasks.period_open_start(
            actor=viewer, period=period, language=translation.get_language() or ""
        )
    except SERVICE_ERRORS as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            _(
                "The evaluations of %(period)s are being opened for every employee with a plan "
                "in force; the counts below grow as they are written."
            )
            % {"period": period.label},
        )
    return redirect("appraisals:periods")


@login_required
def settings_view(request):
    """BKPSDM chooses whose evaluations the distribution pattern counts."""
    viewer = request.viewer
    if not permissions.can_open_evaluations(viewer, viewer.agency_id):
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        form = SettingsForm(request.POST)
        if form.is_valid():
            try:
                services.appraisal_settings_update(
                    actor=viewer,
                    agency_id=viewer.agency_id,
                    distribution_base=form.cleaned_data["distribution_base"],
                )
            except SERVICE_ERRORS as error:
                copy_errors(form, error)
            else:
                messages.success(request, _("The settings were saved."))
                return redirect("appraisals:periods")
        status = 400
    else:
        form = SettingsForm(
            initial={"distribution_base": selectors.distribution_base(viewer.agency_id)}
        )
    return render(request, "appraisals/settings.html", {"form": form}, status=status)


@login_required
@require_POST
def finalise_many_view(request, period_pk: int):
    viewer = request.viewer
    period = selectors.get_period(viewer, period_pk)
    desk = selectors.desk(viewer, period)
    chosen = {int(pk) for pk in request.POST.getlist("evaluation") if pk.isascii() and pk.isdigit()}
    evaluations = [e for e in desk.to_finalise if e.pk in chosen] if chosen else desk.to_finalise
    if not evaluations:
        raise PermissionDenied
    try:
        done = services.evaluations_finalise(actor=viewer, evaluations=evaluations)
    except SERVICE_ERRORS as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            ngettext(
                "%(n)s evaluation has been finalised.",
                "%(n)s evaluations have been finalised.",
                len(done),
            )
            % {"n": len(done)},
        )
    return redirect("appraisals:desk", period_pk=period.pk)


def _side_panels(viewer, evaluation) -> dict:
    employee, period = evaluation.employee, evaluation.period
    panels = {"takeovers": list(takeovers_in_force(employee.pk, evaluation.year).values())}
    if period.is_annual:
        panels["year"] = results.year_overview(viewer, employee, evaluation.year)
        received = _or_none(feedback.received_feedback, viewer, employee, evaluation.year)
        panels["feedback"] = received.items if received else []
    else:
        panels["page"] = _or_none(results.period_page, viewer, employee, period)
        grouped = _or_none(feedback.feedback_for_period, viewer, employee, period)
        panels["feedback"] = [item for items in (grouped or {}).values() for item in items]
    months = range(period.start_date.month, period.end_date.month + 1)
    panels["attendance"] = [
        attendance.employee_month_summary(viewer, employee, evaluation.year, month)
        for month in months
        if (evaluation.year, month) <= (viewer.today.year, viewer.today.month)
    ]
    return panels


def _keberatan_panel(viewer, evaluation, form=None) -> dict:
    keberatan = selectors.keberatan_of(evaluation)
    can_file = permissions.can_file_keberatan(
        viewer, evaluation, already_filed=keberatan is not None
    )
    deadline = selectors.keberatan_filing_deadline(evaluation) if can_file else None
    if deadline is not None and viewer.today > deadline:
        can_file = False
    return {
        "keberatan": keberatan,
        "can_file_keberatan": can_file,
        "keberatan_deadline": deadline,
        "keberatan_form": form or (KeberatanFileForm() if can_file else None),
    }


def _detail(request, evaluation, *, form=None, keberatan_form=None, status=200):
    viewer = request.viewer
    due = selectors.deadlines_of(evaluation.period)
    can_rate = permissions.can_rate(viewer, evaluation, due)
    if form is None and can_rate:
        form = RatingForm(
            initial={
                "hasil": evaluation.hasil or evaluation.suggested_hasil or None,
                "hasil_justification": evaluation.hasil_justification,
                "perilaku": evaluation.perilaku or evaluation.suggested_perilaku or None,
                "perilaku_justification": evaluation.perilaku_justification,
            }
        )
    context = {
        "evaluation": evaluation,
        "due": due,
        "acting_as": permissions.acting_evaluator(viewer, evaluation, due),
        "can_rate": can_rate,
        "can_finalise": permissions.can_finalise(viewer, evaluation, due),
        "can_sign": permissions.can_sign(viewer, evaluation, due),
        "can_acknowledge": permissions.can_acknowledge(viewer, evaluation),
        "can_employee_sign": permissions.can_sign_as_employee(viewer, evaluation),
        "warnings": [selectors.BAND_LABELS[c] for c in selectors.team_warnings(evaluation)]
        if evaluation.status in (EvaluationStatus.RATED, EvaluationStatus.OPEN)
        else [],
        "form": form,
        "history": selectors.history_of(evaluation),
        **_keberatan_panel(viewer, evaluation, keberatan_form),
        **_side_panels(viewer, evaluation),
    }
    return render(request, "appraisals/detail.html", context, status=status)


@login_required
def detail_view(request, pk: int):
    return _detail(request, selectors.get_evaluation(request.viewer, pk))


@login_required
def explanation_view(request, pk: int):
    evaluation = selectors.get_evaluation(request.viewer, pk)
    return render(
        request,
        "appraisals/explanation.html",
        {
            "x": selectors.explanation(evaluation),
            "evaluation": evaluation,
            "keberatan": selectors.keberatan_of(evaluation),
        },
    )


@login_required
@require_POST
def rate_view(request, pk: int):
    viewer = request.viewer
    evaluation = selectors.get_evaluation(viewer, pk)
    if not permissions.can_rate(viewer, evaluation, selectors.deadlines_of(evaluation.period)):
        raise PermissionDenied
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            services.evaluation_rate(actor=viewer, evaluation=evaluation, **form.cleaned_data)
        except SERVICE_ERRORS as error:
            copy_errors(form, error)
        else:
            messages.success(request, _("The ratings have been saved."))
            if request.POST.get("next") == "desk":
                return redirect("appraisals:desk", period_pk=evaluation.period_id)
            return redirect("appraisals:detail", pk=evaluation.pk)
    return _detail(request, evaluation, form=form, status=400)


def _action(request, pk, allowed, service, done_message):
    viewer = request.viewer
    evaluation = selectors.get_evaluation(viewer, pk)
    if not allowed(viewer, evaluation):
        raise PermissionDenied
    try:
        service(actor=viewer, evaluation=evaluation)
    except SERVICE_ERRORS as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, done_message)
    return redirect("appraisals:detail", pk=evaluation.pk)


def _evaluator(check):
    return lambda v, e: check(v, e, selectors.deadlines_of(e.period))


@login_required
@require_POST
def finalise_view(request, pk: int):
    return _action(
        request,
        pk,
        _evaluator(permissions.can_finalise),
        services.evaluation_finalise,
        _("The evaluation has been finalised."),
    )


@login_required
@require_POST
def sign_view(request, pk: int):
    return _action(
        request,
        pk,
        _evaluator(permissions.can_sign),
        services.evaluation_sign,
        _("The evaluation has been signed and handed to the employee."),
    )


@login_required
@require_POST
def acknowledge_view(request, pk: int):
    return _action(
        request,
        pk,
        permissions.can_acknowledge,
        services.evaluation_acknowledge,
        _("The receipt of the evaluation has been recorded."),
    )


@login_required
@require_POST
def employee_sign_view(request, pk: int):
    return _action(
        request,
        pk,
        permissions.can_sign_as_employee,
        services.evaluation_sign_as_employee,
        _("You have signed the evaluation."),
    )


# --- keberatan --------------------------------------------------------------------------------


@login_required
@require_POST
def keberatan_file_view(request, pk: int):
    viewer = request.viewer
    evaluation = selectors.get_evaluation(viewer, pk)
    already = selectors.keberatan_of(evaluation) is not None
    if not permissions.can_file_keberatan(viewer, evaluation, already_filed=already):
        raise PermissionDenied
    form = KeberatanFileForm(request.POST)
    if form.is_valid():
        try:
            services.keberatan_file(actor=viewer, evaluation=evaluation, **form.cleaned_data)
        except SERVICE_ERRORS as error:
            copy_errors(form, error)
        else:
            messages.success(request, _("Your keberatan has been filed with the rater's superior."))
            return redirect("appraisals:keberatan", pk=evaluation.pk)
    return _detail(request, evaluation, keberatan_form=form, status=400)


def _keberatan_page(request, keberatan, *, hear_form=None, decide_form=None, status=200):
    viewer = request.viewer
    can_hear = permissions.can_hear_rater(viewer, keberatan)
    can_decide = permissions.can_decide_keberatan(viewer, keberatan)
    days_left = selectors.keberatan_decision_days_left(keberatan, viewer.today)
    context = {
        "keberatan": keberatan,
        "evaluation": keberatan.evaluation,
        "decision_due": keberatan.decision_due,
        "days_left": max(0, days_left),
        "days_late": max(0, -days_left),
        "hear_form": hear_form or (KeberatanHearForm() if can_hear else None),
        "decide_form": decide_form or (KeberatanDecideForm() if can_decide else None),
    }
    return render(request, "appraisals/keberatan.html", context, status=status)


@login_required
def keberatan_view(request, pk: int):
    return _keberatan_page(request, selectors.get_keberatan(request.viewer, pk))


@login_required
@require_POST
def keberatan_hear_view(request, pk: int):
    viewer = request.viewer
    keberatan = selectors.get_keberatan(viewer, pk)
    if not permissions.can_hear_rater(viewer, keberatan):
        raise PermissionDenied
    form = KeberatanHearForm(request.POST)
    if form.is_valid():
        try:
            services.keberatan_hear_rater(
                actor=viewer, keberatan=keberatan, explanation=form.cleaned_data["explanation"]
            )
        except SERVICE_ERRORS as error:
            copy_errors(form, error, field_map={"rater_explanation": "explanation"})
        else:
            messages.success(request, _("The rater's explanation has been recorded."))
            return redirect("appraisals:keberatan", pk=pk)
    return _keberatan_page(request, keberatan, hear_form=form, status=400)


@login_required
@require_POST
def keberatan_decide_view(request, pk: int):
    viewer = request.viewer
    keberatan = selectors.get_keberatan(viewer, pk)
    if not permissions.can_decide_keberatan(viewer, keberatan):
        raise PermissionDenied
    form = KeberatanDecideForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.keberatan_decide(
                actor=viewer,
                keberatan=keberatan,
                decision=data["decision"],
                hasil=data["hasil"] or None,
                perilaku=data["perilaku"] or None,
                recommendations=data["recommendations"],
            )
        except SERVICE_ERRORS as error:
            copy_errors(form, error)
        else:
            messages.success(request, _("The keberatan has been decided."))
            return redirect("appraisals:keberatan", pk=pk)
    return _keberatan_page(request, keberatan, decide_form=form, status=400)


# --- documents: the evaluation and the keberatan as PDF, the predikat recap as Excel ----------


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    disposition = content_disposition_header(True, filename)
    headers = {"Content-Disposition": disposition, "Cache-Control": "private, no-store"}
    return HttpResponse(content, content_type=content_type, headers=headers)


@login_required
@require_GET
def document_pdf_view(request, pk: int):
    """The evaluation form (C.1.1, C.1.2 or C.1.3) and the summary (D.1.1 or D.1.2), for
    whoever reads the evaluation's page."""
    viewer = request.viewer
    document = selectors.evaluation_document(selectors.get_evaluation(viewer, pk))
    content = documents_pdf.render_evaluation_pdf(document, viewer=viewer, printed_on=viewer.today)
    return _download(
        content, "application/pdf", documents_pdf.evaluation_filename(document.evaluation)
    )


@login_required
@require_GET
def keberatan_pdf_view(request, pk: int):
    """The keberatan (D.1.3), for whoever reads the evaluation's page."""
    viewer = request.viewer
    keberatan = selectors.get_keberatan(viewer, pk)
    content = documents_pdf.render_keberatan_pdf(keberatan, viewer=viewer, printed_on=viewer.today)
    name = documents_pdf.evaluation_filename(keberatan.evaluation, prefix="Keberatan")
    return _download(content, "application/pdf", name)


@login_required
@require_GET
def recap_view(request, period_pk: int):
    """The period's predikat recap of the viewer's scope (optionally one unit's subtree)."""
    viewer = request.viewer
    period = selectors.get_period(viewer, period_pk)
    if not documents_access.can_read_recap(viewer):
        raise PermissionDenied
    unit_pk = request.GET.get("unit", "")
    unit = (
        org_selectors.get_unit(viewer, int(unit_pk))
        if unit_pk.isascii() and unit_pk.isdigit()
        else None
    )
    recap = selectors.predikat_recap(viewer, period, unit)
    content = documents_excel.recap_workbook(
        recap, agency_name=period.performance_year.agency.name, day=viewer.today
    )
    code = slugify(unit.code.replace(".", "-")) if unit else "semua"
    name = f"Rekap-Predikat-{slugify(period.label)}-{code}.xlsx"
    return _download(content, XLSX, name)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
