"""Pages of the daily activity log (laporan kegiatan harian).

The employee's week with the quick entry form on top, their month, the edit and delete of an
entry not verified yet, "repeat yesterday"; the supervisor's team week (team by days), a
person's day, bulk verification and the return of one entry with a comment; the agency's
activity catalogue. Every page works without JavaScript: confirmations of what cannot be undone
are pages of their own.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinerja.activities import permissions, selectors, services
from kinerja.activities.forms import ActivityForm, CatalogueItemForm, ReturnForm
from kinerja.core.errors import SERVICE_ERRORS
from kinerja.core.files import clean_filename
from kinerja.core.forms import copy_errors
from kinerja.org.selectors import viewer_agency

ENTRY_FIELDS = (
    "date",
    "catalogue_item",
    "description",
    "start_time",
    "end_time",
    "minutes",
    "rhk_key",
    "action_plan",
    "evidence_file",
)


def _require_log(request) -> None:
    if not permissions.has_log(request.viewer):
        raise Http404


def _own_employee(request):
    _require_log(request)
    return selectors.get_employee(request.viewer, request.viewer.employee_id)


def _entry_form(viewer, day: datetime.date, *args, **kwargs) -> ActivityForm:
    rhks, action_plans = selectors.entry_choices(viewer.employee_id, day)
    return ActivityForm(
        *args,
        rhks=rhks,
        action_plans=action_plans,
        catalogue=selectors.active_catalogue(viewer.agency_id),
        **kwargs,
    )


def _values(form) -> dict:
    return {name: form.cleaned_data.get(name) for name in ENTRY_FIELDS}


def _week_url(day: datetime.date) -> str:
    return f"{reverse('activities:worklog')}?tanggal={day.isoformat()}"


@login_required
@require_http_methods(["GET", "POST"])
def worklog_view(request):
    """The employee's week, with the quick entry form on top (date default today)."""
    viewer = request.viewer
    _require_log(request)
    day = selectors.parse_day(request.GET.get("tanggal"), viewer.today)
    status = 200
    if request.method == "POST":
        employee = _own_employee(request)
        chosen = selectors.parse_day(request.POST.get("date"), viewer.today)
        form = _entry_form(viewer, chosen, request.POST, request.FILES)
        if form.is_valid():
            try:
                entry = services.activity_log(actor=viewer, employee=employee, **_values(form))
            except SERVICE_ERRORS as error:
                copy_errors(form, error)
            else:
                messages.success(request, _("The activity is logged."))
                return redirect(_week_url(entry.date))
        status = 400
    else:
        form = _entry_form(viewer, day, initial={"date": day})
    start = selectors.week_start(day)
    context = {
        "form": form,
        "days": selectors.own_week(viewer, day),
        "day": day,
        "previous_week": start - datetime.timedelta(days=7),
        "next_week": start + datetime.timedelta(days=7),
        "has_team": bool(selectors.team_ids(viewer)),
        "returned": selectors.returned_of(viewer),
    }
    return render(request, "activities/worklog/week.html", context, status=status)


@login_required
@require_GET
def worklog_month_view(request):
    viewer = request.viewer
    _require_log(request)
    year, month = selectors.parse_month(request.GET.get("bulan"), viewer.today)
    first = datetime.date(year, month, 1)
    days = selectors.own_month(viewer, year, month)
    context = {
        "days": days,
        "month_date": first,
        "previous_month": f"{first - datetime.timedelta(days=1):%Y-%m}",
        "next_month": f"{first + datetime.timedelta(days=32):%Y-%m}",
        "total_minutes": sum(d.minutes for d in days),
        "entries": sum(len(d.entries) for d in days),
    }
    return render(request, "activities/worklog/month.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def worklog_edit_view(request, pk: int):
    viewer = request.viewer
    entry = selectors.get_activity(viewer, pk)
    if not permissions.can_edit_activity(viewer, entry):
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        chosen = selectors.parse_day(request.POST.get("date"), entry.date)
        form = _entry_form(viewer, chosen, request.POST, request.FILES)
        if form.is_valid():
            try:
                entry = services.activity_edit(actor=viewer, activity=entry, **_values(form))
            except SERVICE_ERRORS as error:
                copy_errors(form, error)
            else:
                messages.success(request, _("The activity is saved."))
                return redirect(_week_url(entry.date))
        status = 400
    else:
        action = next(
            (
                a.pk
                for a in selectors.action_plan_choices(viewer.employee_id, entry.date)
                if a.period_id == entry.action_period_id and a.rhk.key == entry.rhk_key
            ),
            "",
        )
        form = _entry_form(
            viewer,
            entry.date,
            initial={
                "date": entry.date,
                "catalogue_item": entry.catalogue_item_id or "",
                "description": entry.description,
                "start_time": entry.start_time,
                "end_time": entry.end_time,
                "minutes": None if entry.start_time else entry.minutes,
                "rhk_key": str(entry.rhk_key) if entry.rhk_key else "",
                "action_plan": action,
            },
        )
    context = {"form": form, "entry": entry}
    return render(request, "activities/worklog/edit.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def worklog_delete_view(request, pk: int):
    """A page that asks before deleting: the confirmation works without JavaScript."""
    viewer = request.viewer
    entry = selectors.get_activity(viewer, pk)
    if not permissions.can_edit_activity(viewer, entry):
        raise PermissionDenied
    if request.method == "POST":
        try:
            services.activity_delete(actor=viewer, activity=entry)
        except SERVICE_ERRORS as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("The activity is deleted."))
        return redirect(_week_url(entry.date))
    return render(request, "activities/worklog/delete.html", {"entry": entry})


@login_required
@require_POST
def worklog_repeat_view(request):
    viewer = request.viewer
    employee = _own_employee(request)
    try:
        copies = services.activity_repeat_yesterday(actor=viewer, employee=employee)
    except SERVICE_ERRORS as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(
            request,
            ngettext(
                "%(n)s activity repeated for today.",
                "%(n)s activities repeated for today.",
                len(copies),
            )
            % {"n": len(copies)},
        )
    return redirect(_week_url(viewer.today))


@login_required
@require_GET
def worklog_evidence_view(request, pk: int):
    """The file of an entry, only here after the scope check, never from MEDIA_URL."""
    entry = selectors.get_activity(request.viewer, pk)
    if not entry.evidence:
        raise Http404
    try:
        handle = entry.evidence.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=clean_filename(entry.evidence_name or "berkas"),
        content_type=entry.evidence_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- the supervisor -------------------------------------------------------------------------------


def _require_team(viewer) -> None:
    if not viewer.is_authenticated or not selectors.team_ids(viewer):
        raise PermissionDenied


@login_required
@require_GET
def team_week_view(request):
    viewer = request.viewer
    _require_team(viewer)
    day = selectors.parse_day(request.GET.get("minggu"), viewer.today)
    week = selectors.team_week(viewer, day)
    context = {
        "week": week,
        "previous_week": week.start - datetime.timedelta(days=7),
        "next_week": week.start + datetime.timedelta(days=7),
        "waiting": [row for row in week.rows if row.waiting],
    }
    return render(request, "activities/worklog/team_week.html", context)


@login_required
@require_GET
def team_day_view(request, pk: int, day: str):
    viewer = request.viewer
    _require_team(viewer)
    employee = selectors.get_team_member(viewer, pk)
    try:
        date = datetime.date.fromisoformat(day)
    except ValueError:
        raise Http404 from None
    entries = selectors.person_day(viewer, employee, date)
    rhks = selectors.rhk_texts(employee.pk, date.year)
    for entry in entries:
        entry.rhk_text = rhks.get(entry.rhk_key)
    context = {"employee": employee, "date": date, "entries": entries}
    return render(request, "activities/worklog/team_day.html", context)


@login_required
@require_POST
def team_verify_view(request):
    viewer = request.viewer
    _require_team(viewer)
    ids = request.POST.getlist("activity")
    for group in request.POST.getlist("activity_group"):
        ids.extend(part for part in group.split(",")[:500] if part)
    back = request.POST.get("next") or ""
    try:
        count = services.activity_verify_many(actor=viewer, activities=ids)
    except SERVICE_ERRORS as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(
            request,
            ngettext("%(n)s activity verified.", "%(n)s activities verified.", count)
            % {"n": count},
        )
    url = reverse("activities:team_week")
    if back.startswith(url) and "//" not in back:
        return redirect(back)
    return redirect(url)


@login_required
@require_http_methods(["GET", "POST"])
def worklog_return_view(request, pk: int):
    viewer = request.viewer
    entry = selectors.get_activity(viewer, pk)
    if not permissions.can_verify(viewer, entry, selectors.team_ids(viewer)):
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        form = ReturnForm(request.POST)
        if form.is_valid():
            try:
                services.activity_return(
                    actor=viewer, activity=entry, comment=form.cleaned_data["comment"]
                )
            except SERVICE_ERRORS as error:
                copy_errors(form, error)
            else:
                messages.success(request, _("The activity is returned with your comment."))
                return redirect(
                    "activities:team_day", pk=entry.employee_id, day=entry.date.isoformat()
                )
        status = 400
    else:
        form = ReturnForm()
    context = {"form": form, "entry": entry}
    return render(request, "activities/worklog/return.html", context, status=status)


# --- the catalogue --------------------------------------------------------------------------------


def _require_catalogue_keeper(viewer) -> None:
    if not permissions.can_keep_catalogue(viewer, viewer.agency_id):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def catalogue_view(request):
    viewer = request.viewer
    _require_catalogue_keeper(viewer)
    status = 200
    if request.method == "POST":
        form = CatalogueItemForm(request.POST)
        if form.is_valid():
            try:
                services.catalogue_item_save(
                    actor=viewer, agency=viewer_agency(viewer), **form.cleaned_data
                )
            except SERVICE_ERRORS as error:
                copy_errors(form, error)
            else:
                messages.success(request, _("The activity is added to the catalogue."))
                return redirect("activities:catalogue")
        status = 400
    else:
        form = CatalogueItemForm()
    context = {"form": form, "items": selectors.catalogue_of(viewer.agency_id, active_only=False)}
    return render(request, "activities/worklog/catalogue.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def catalogue_edit_view(request, pk: int):
    viewer = request.viewer
    item = selectors.get_catalogue_item(viewer, pk)
    _require_catalogue_keeper(viewer)
    status = 200
    if request.method == "POST":
        form = CatalogueItemForm(request.POST)
        if form.is_valid():
            try:
                services.catalogue_item_save(
                    actor=viewer, agency=viewer_agency(viewer), item=item, **form.cleaned_data
                )
            except SERVICE_ERRORS as error:
                copy_errors(form, error)
            else:
                messages.success(request, _("The catalogue is saved."))
                return redirect("activities:catalogue")
        status = 400
    else:
        form = CatalogueItemForm(
            initial={
                "name": item.name,
                "standard_minutes": item.standard_minutes,
                "is_active": item.is_active,
            }
        )
    context = {"form": form, "item": item}
    return render(request, "activities/worklog/catalogue_edit.html", context, status=status)
