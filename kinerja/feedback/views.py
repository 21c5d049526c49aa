"""Pages of continuous feedback: my feedback, an employee's feedback, give, ask, decline,
the leader's schedule and the coverage of the team (or of the units)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.core.errors import SERVICE_ERRORS
from kinerja.core.forms import copy_errors
from kinerja.core.numbers import is_ascii_digits
from kinerja.feedback import permissions, selectors, services
from kinerja.feedback.forms import GiveForm, RequestForm, ScheduleForm, SettingsForm
from kinerja.feedback.models import FeedbackKind
from kinerja.skp.berakhlak import CoreValue

SEARCH_RESULTS = 20


def _year(request) -> int:
    raw = request.GET.get("year", "")
    if is_ascii_digits(raw) and 2000 <= int(raw) <= 2100:
        return int(raw)
    return request.viewer.today.year


def _received_context(viewer, employee, year):
    received = selectors.received_feedback(viewer, employee, year)
    service_unit, service_cards = selectors.service_cards(viewer, employee, year, viewer.today)
    return {
        "service_unit": service_unit,
        "service_cards": service_cards,
        "employee": employee,
        "received": received,
        "periods": received.by_period(),
        "rhk_texts": selectors.rhk_texts(employee.pk, year),
        "values": dict(CoreValue.choices),
        "year": year,
        "years": range(year - 2, year + 2),
        "sees_names": permissions.sees_anonymous_givers(viewer),
    }


@login_required
def home_view(request):
    """My feedback: what I received (per period, per RHK), requests to answer, what I asked."""
    viewer = request.viewer
    year = _year(request)
    context = {"year": year, "years": range(year - 2, year + 2), "employee": None}
    if viewer.employee_id is not None:
        employee = selectors.get_employee_for_feedback(viewer, viewer.employee_id)
        context.update(_received_context(viewer, employee, year))
        context["to_answer"] = selectors.requests_to_answer(viewer)
        context["sent"] = selectors.requests_sent(viewer, year)
        context["given"] = selectors.feedback_given_by(viewer, year)
    context["can_view_coverage"] = permissions.can_view_coverage(viewer, selectors.team_ids(viewer))
    return render(request, "feedback/home.html", context)


@login_required
def employee_view(request, pk: int):
    viewer = request.viewer
    employee = selectors.get_employee_for_feedback(viewer, pk)
    year = _year(request)
    context = _received_context(viewer, employee, year)
    team = selectors.team_ids(viewer, year)
    context["can_schedule"] = permissions.can_schedule(viewer, employee, team)
    if context["can_schedule"]:
        context["slots"] = selectors.schedule_of(employee, viewer.employee_id, year)
    return render(request, "feedback/employee.html", context)


def _give_form(request, employee, data=None, initial=None):
    viewer = request.viewer
    year = viewer.today.year
    team = selectors.team_ids(viewer, year)
    kinds = (
        FeedbackKind.choices
        if employee.pk in team
        else [(FeedbackKind.INCIDENTAL.value, FeedbackKind.INCIDENTAL.label)]
    )
    periods = [(str(p.pk), p.label) for p in selectors.evaluation_periods(employee.agency_id, year)]
    return GiveForm(
        data,
        initial=initial,
        rhks=selectors.rhk_choices(employee.pk, year),
        indicators=selectors.indicator_choices(employee.pk, year),
        periods=periods,
        kinds=kinds,
    )


@login_required
def give_view(request, pk: int):
    """Give feedback to an employee of the agency: incidental by anyone, scheduled by the
    leader; an answer to a request; a correction of one's own feedback (a new entry)."""
    viewer = request.viewer
    if not permissions.can_give(viewer):
        raise PermissionDenied
    employee = selectors.get_person(viewer, pk)
    # Other pages link here about one thing: a request, a correction, a realisation.
    initial = {
        "request": request.GET.get("request", "")[:20],
        "corrects": request.GET.get("corrects", "")[:20],
        "kind": request.GET.get("kind", FeedbackKind.INCIDENTAL)[:12],
        "rhk_key": request.GET.get("rhk_key", "")[:36],
        "indicator": request.GET.get("indicator", "")[:73],
        "period": request.GET.get("period", "")[:20],
    }
    if request.method == "POST":
        form = _give_form(request, employee, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            rhk_key, indicator_key = form.target()
            try:
                services.feedback_give(
                    actor=viewer,
                    employee=employee,
                    text=data["text"],
                    kind=data["kind"],
                    channel=data["channel"],
                    rhk_key=rhk_key,
                    indicator_key=indicator_key,
                    core_value=data["core_value"],
                    period=data["period"] or None,
                    is_anonymous=data["is_anonymous"],
                    request=data["request"] or None,
                    corrects=data["corrects"] or None,
                )
            except SERVICE_ERRORS as error:
                copy_errors(form, error, field_map={"indicator_key": "indicator"})
            else:
                messages.success(request, _("Your feedback was recorded."))
                return redirect("feedback:home")
        status = 400
    else:
        form = _give_form(request, employee, initial=initial)
        status = 200
    context = {
        "employee": employee,
        "form": form,
        "answering": selectors.open_request_for(viewer, initial["request"])
        if is_ascii_digits(initial["request"])
        else None,
    }
    return render(request, "feedback/give.html", context, status=status)


@login_required
def request_view(request):
    """Ask anyone of the agency for feedback on an RHK or a BerAKHLAK value."""
    viewer = request.viewer
    if not permissions.can_ask(viewer):
        raise PermissionDenied
    year = viewer.today.year
    search = request.GET.get("q", "").strip()[:100]
    candidates = []
    if search:
        candidates = list(
            selectors.choosable_people(viewer).filter(name__icontains=search)[:SEARCH_RESULTS]
        )
    rhks = selectors.rhk_choices(viewer.employee_id, year)
    status = 200
    if request.method == "POST":
        form = RequestForm(request.POST, rhks=rhks)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.feedback_request_create(
                    actor=viewer,
                    asked=data["asked"],
                    rhk_key=data["rhk_key"] or None,
                    core_value=data["core_value"],
                    message=data["message"],
                )
            except SERVICE_ERRORS as error:
                copy_errors(form, error)
            else:
                messages.success(request, _("Your request was sent."))
                return redirect("feedback:home")
        status = 400
    else:
        form = RequestForm(rhks=rhks)
    context = {"form": form, "search": search, "candidates": candidates}
    return render(request, "feedback/request.html", context, status=status)


@login_required
@require_POST
def request_decline_view(request, pk: int):
    viewer = request.viewer
    if selectors.open_request_for(viewer, pk) is None:
        raise Http404
    services.feedback_request_decline(actor=viewer, request=pk)
    messages.success(request, _("The request was declined."))
    return redirect("feedback:home")


@login_required
def schedule_view(request, pk: int):
    """The leader plans the year's scheduled feedback of a team member."""
    viewer = request.viewer
    employee = selectors.get_employee_for_feedback(viewer, pk)
    year = viewer.today.year
    if not permissions.can_schedule(viewer, employee, selectors.team_ids(viewer, year)):
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        form = ScheduleForm(request.POST)
        if form.is_valid():
            try:
                services.feedback_schedule_set(
                    actor=viewer, employee=employee, year=year, dates=form.cleaned_data["dates"]
                )
            except SERVICE_ERRORS as error:
                copy_errors(form, error)
            else:
                messages.success(request, _("The schedule was saved."))
                return redirect("feedback:employee", employee.pk)
        status = 400
    else:
        form = ScheduleForm()
    context = {
        "employee": employee,
        "form": form,
        "year": year,
        "slots": selectors.schedule_of(employee, viewer.employee_id, year),
    }
    return render(request, "feedback/schedule.html", context, status=status)


@login_required
def coverage_view(request):
    """The leader's team (who has had no scheduled feedback), and per unit for admins."""
    viewer = request.viewer
    if not permissions.can_view_coverage(viewer, selectors.team_ids(viewer)):
        raise PermissionDenied
    year = _year(request)
    context = {
        "year": year,
        "years": range(year - 2, year + 2),
        "team": selectors.team_coverage(viewer, year),
        "units": selectors.unit_coverage(viewer, year),
        "sees_units": permissions.sees_unit_coverage(viewer),
        "can_change_settings": permissions.can_change_settings(viewer),
    }
    return render(request, "feedback/coverage.html", context)


@login_required
def settings_view(request):
    """BKPSDM sets the agency's anonymity threshold."""
    viewer = request.viewer
    if not permissions.can_change_settings(viewer):
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        form = SettingsForm(request.POST)
        if form.is_valid():
            try:
                services.feedback_settings_update(
                    actor=viewer,
                    agency_id=viewer.agency_id,
                    anonymity_threshold=form.cleaned_data["anonymity_threshold"],
                )
            except SERVICE_ERRORS as error:
                copy_errors(form, error)
            else:
                messages.success(request, _("The settings were saved."))
                return redirect("feedback:coverage")
        status = 400
    else:
        current = selectors.anonymity_threshold(viewer.agency_id)
        form = SettingsForm(initial={"anonymity_threshold": current})
    return render(request, "feedback/settings.html", {"form": form}, status=status)
