"""Pages of public complaints.

Public (no login, no JavaScript): the form, the page that shows the tracking code, and the
tracking page where the citizen reads the status and the responses, reopens or confirms.
The code travels in POST bodies and the session, never in a URL (URLs end up in logs).

Staff (login): the inbox, a case with its actions, recording a complaint from another
channel, statistics, and the agency's deadlines.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.complaints import permissions, rules, selectors, services, throttle
from kinerja.complaints.forms import (
    CategoryForm,
    InboxFilterForm,
    NoteForm,
    PublicComplaintForm,
    RecordForm,
    ReopenForm,
    RespondForm,
    RouteForm,
    SettingsForm,
    TrackForm,
)
from kinerja.complaints.models import Category, Channel, EventKind
from kinerja.core.errors import SERVICE_ERRORS
from kinerja.core.files import clean_filename
from kinerja.core.forms import copy_errors
from kinerja.core.numbers import is_ascii_digits
from kinerja.org.views import choose_agency, served_agency

SESSION_CODE = "complaints_filed_code"


# --- public ---------------------------------------------------------------------------------


BASE_TEMPLATE = "complaints/public/base.html"


def _public_agency(request):
    """The agency of a public page that cannot offer the choice (a form sent, a code looked up):
    the one the public pages' rule names, or 404."""
    agency = served_agency(request).agency
    if agency is None:
        raise Http404
    return agency


def _public_render(request, template, context, *, status=200):
    context = {**context, "agency_query": served_agency(request).query}
    return render(request, template, context, status=status)


def file_view(request):
    served = served_agency(request)
    if served.agency is None:
        return choose_agency(request, base_template=BASE_TEMPLATE)
    agency = served.agency
    units = list(selectors.public_units(agency))
    status = 200
    if request.method == "POST":
        form = PublicComplaintForm(request.POST, request.FILES, units=units)
        if form.is_valid():
            data = form.cleaned_data
            if data["website"]:
                form.add_error(None, _("Your complaint could not be sent. Please try again."))
                status = 400
            elif throttle.blocked(request, "file"):
                form.add_error(
                    None, _("Too many complaints were sent from here. Please try again later.")
                )
                status = 429
            else:
                throttle.count(request, "file")
                try:
                    complaint = services.complaint_file(
                        agency=agency,
                        unit=data["unit"] or None,
                        category=data["category"],
                        description=data["description"],
                        name=data["name"],
                        email=data["email"],
                        phone=data["phone"],
                        attachments=data["attachments"],
                    )
                except SERVICE_ERRORS as error:
                    copy_errors(form, error)
                    status = 400
                else:
                    request.session[SESSION_CODE] = complaint.tracking_code
                    return redirect(reverse("complaints:filed") + served.query)
        else:
            status = 400
    else:
        form = PublicComplaintForm(units=units)
    response = _public_render(
        request, "complaints/public/file.html", {"form": form, "agency": agency}, status=status
    )
    throttle.give_device_cookie(request, response)
    return response


def filed_view(request):
    agency = _public_agency(request)
    code = request.session.get(SESSION_CODE)
    if not code:
        return redirect(reverse("complaints:file") + served_agency(request).query)
    return _public_render(request, "complaints/public/filed.html", {"code": code, "agency": agency})


def _track_page(request, agency, complaint, *, form=None, reopen_form=None, status=200):
    context = {"agency": agency, "form": form or TrackForm()}
    if complaint is not None:
        context["case"] = selectors.public_case(complaint, _today())
        context["reopen_form"] = reopen_form or ReopenForm(
            initial={"code": complaint.tracking_code}
        )
    return _public_render(request, "complaints/public/track.html", context, status=status)


def _today():
    return timezone.localdate()


def _lookup(request, agency, code):
    """The case of a typed code; failures count against the address (no guessing)."""
    if throttle.blocked(request, "track"):
        return None, _("Too many codes that match no complaint were tried. Try again later.")
    complaint = selectors.complaint_by_code(agency, code)
    if complaint is None:
        throttle.count(request, "track")
        return None, _("No complaint has this code. Check the code and try again.")
    return complaint, ""


def track_view(request):
    served = served_agency(request)
    if served.agency is None:
        return choose_agency(request, base_template=BASE_TEMPLATE)
    agency = served.agency
    if request.method != "POST":
        return _track_page(request, agency, None)
    form = TrackForm(request.POST)
    if not form.is_valid():
        return _track_page(request, agency, None, form=form, status=400)
    complaint, error = _lookup(request, agency, form.cleaned_data["code"])
    if complaint is None:
        form.add_error("code", error)
        return _track_page(request, agency, None, form=form, status=400)
    return _track_page(request, agency, complaint, form=TrackForm())


@require_POST
def reopen_view(request):
    agency = _public_agency(request)
    reopen_form = ReopenForm(request.POST)
    complaint, error = _lookup(request, agency, request.POST.get("code", ""))
    if complaint is None:
        form = TrackForm()
        form.add_error(None, error)
        return _track_page(request, agency, None, form=form, status=400)
    if reopen_form.is_valid():
        try:
            complaint = services.complaint_reopen(
                complaint=complaint, reason=reopen_form.cleaned_data["reason"]
            )
        except SERVICE_ERRORS as exc:
            copy_errors(reopen_form, exc)
        else:
            messages.success(request, _("Your complaint is reopened. The office will answer."))
            return _track_page(request, agency, complaint)
    return _track_page(request, agency, complaint, reopen_form=reopen_form, status=400)


@require_POST
def confirm_view(request):
    agency = _public_agency(request)
    complaint, error = _lookup(request, agency, request.POST.get("code", ""))
    if complaint is None:
        form = TrackForm()
        form.add_error(None, error)
        return _track_page(request, agency, None, form=form, status=400)
    try:
        complaint = services.complaint_confirm(complaint=complaint)
    except SERVICE_ERRORS as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return _track_page(request, agency, complaint, status=400)
    messages.success(request, _("Thank you: your complaint is closed."))
    return _track_page(request, agency, complaint)


# --- staff ----------------------------------------------------------------------------------


def _require(allowed: bool):
    if not allowed:
        raise PermissionDenied


@login_required
def inbox_view(request):
    viewer = request.viewer
    _require(permissions.can_view_inbox(viewer))
    form = InboxFilterForm(request.GET or None, units=selectors.inbox_units(viewer))
    filters = selectors.InboxFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = selectors.InboxFilters(
            status=data["status"],
            category=data["category"],
            channel=data["channel"],
            overdue=data["overdue"],
            unrouted=data["unrouted"],
            unit=data["unit"],
        )
    page = Paginator(selectors.inbox(viewer, filters), selectors.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "complaints/inbox.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "today": viewer.today,
            "can_record": permissions.can_record(viewer),
            "can_change_settings": permissions.can_change_settings(viewer),
        },
    )


def _detail(request, complaint, *, forms=None, status=200):
    viewer = request.viewer
    handles = permissions.handles(viewer, complaint)
    forms = forms or {}
    context = {
        "complaint": complaint,
        "handles": handles,
        "contact": selectors.contact_of(viewer, complaint),
        "attachments": selectors.attachments_of(complaint) if handles else [],
        "events": selectors.events_of(complaint),
        "overdue": rules.is_overdue(viewer.today, complaint.due_on, complaint.answered_on)
        and complaint.is_open,
        "public_kinds": {EventKind.RESPONSE, EventKind.REOPENED},
    }
    if handles:
        may_route = complaint.unit is not None or permissions.can_route_unrouted(viewer)
        context.update(
            may_route=may_route and complaint.is_open,
            route_form=forms.get("route")
            or RouteForm(units=selectors.routing_units(viewer), auto_id="id_route_%s"),
            category_form=forms.get("category")
            or CategoryForm(initial={"category": complaint.category}, auto_id="id_cat_%s"),
            note_form=forms.get("note") or NoteForm(auto_id="id_note_%s"),
            respond_form=forms.get("respond") or RespondForm(auto_id="id_resp_%s"),
            may_respond=complaint.is_open and complaint.unit is not None,
            may_close=complaint.status == rules.Status.ANSWERED,
        )
    return render(request, "complaints/detail.html", context, status=status)


def _case(request, pk):
    complaint = selectors.get_complaint(request.viewer, pk)
    return complaint


@login_required
def detail_view(request, pk: int):
    return _detail(request, _case(request, pk))


def _action(request, pk, name, form_class, call, **form_kwargs):
    complaint = _case(request, pk)
    _require(permissions.handles(request.viewer, complaint))
    form = form_class(request.POST, auto_id=f"id_{name}_%s", **form_kwargs)
    if form.is_valid():
        try:
            call(complaint, form.cleaned_data)
        except SERVICE_ERRORS as error:
            copy_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("complaints:detail", pk=complaint.pk)
    return _detail(request, complaint, forms={name: form}, status=400)


@login_required
@require_POST
def route_view(request, pk: int):
    viewer = request.viewer
    return _action(
        request,
        pk,
        "route",
        RouteForm,
        lambda c, d: services.complaint_route(actor=viewer, complaint=c, unit=d["unit"]),
        units=selectors.routing_units(viewer),
    )


@login_required
@require_POST
def category_view(request, pk: int):
    viewer = request.viewer
    return _action(
        request,
        pk,
        "category",
        CategoryForm,
        lambda c, d: services.complaint_change_category(
            actor=viewer, complaint=c, category=d["category"], reason=d["reason"]
        ),
    )


@login_required
@require_POST
def note_view(request, pk: int):
    viewer = request.viewer
    return _action(
        request,
        pk,
        "note",
        NoteForm,
        lambda c, d: services.complaint_note(actor=viewer, complaint=c, text=d["text"]),
    )


@login_required
@require_POST
def respond_view(request, pk: int):
    viewer = request.viewer
    return _action(
        request,
        pk,
        "respond",
        RespondForm,
        lambda c, d: services.complaint_respond(actor=viewer, complaint=c, text=d["text"]),
    )


@login_required
@require_POST
def close_view(request, pk: int):
    complaint = _case(request, pk)
    _require(permissions.handles(request.viewer, complaint))
    try:
        services.complaint_close(actor=request.viewer, complaint=complaint)
    except SERVICE_ERRORS as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("The complaint is closed."))
    return redirect("complaints:detail", pk=complaint.pk)


@login_required
def attachment_view(request, pk: int):
    """Files are served only here, to the handlers of the case, never from MEDIA_URL."""
    attachment = selectors.get_attachment(request.viewer, pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=clean_filename(attachment.original_name),
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
def record_view(request):
    viewer = request.viewer
    _require(permissions.can_record(viewer))
    units = selectors.recording_units(viewer)
    status = 200
    if request.method == "POST":
        form = RecordForm(request.POST, units=units)
        if form.is_valid():
            data = form.cleaned_data
            try:
                complaint = services.complaint_record(
                    actor=viewer,
                    unit=data["unit"] or None,
                    category=data["category"],
                    channel=data["channel"],
                    source_reference=data["source_reference"],
                    description=data["description"],
                    received_on=data["received_on"],
                    name=data["name"],
                    email=data["email"],
                    phone=data["phone"],
                )
            except SERVICE_ERRORS as error:
                copy_errors(form, error)
            else:
                messages.success(request, _("The complaint is recorded."))
                return redirect("complaints:detail", pk=complaint.pk)
        status = 400
    else:
        form = RecordForm(units=units, initial={"received_on": viewer.today})
    return render(request, "complaints/record.html", {"form": form}, status=status)


def _year(request, today) -> int:
    raw = request.GET.get("year", "")
    if is_ascii_digits(raw) and 2000 <= int(raw) <= 2100:
        return int(raw)
    return today.year


def _counts(choices, counted) -> list[tuple[str, int, int]]:
    """(label, count, percent of the year's) of every choice, the most frequent first."""
    counted = {str(k): n for k, n in counted.items()}
    total = sum(counted.values())
    rows = [(label, counted.get(key, 0)) for key, label in choices]
    return sorted(
        ((label, n, round(100 * n / total) if total else 0) for label, n in rows),
        key=lambda row: -row[1],
    )


@login_required
def statistics_view(request):
    viewer = request.viewer
    _require(permissions.can_view_statistics(viewer))
    year = _year(request, viewer.today)
    stats = selectors.statistics(viewer, datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    return render(
        request,
        "complaints/statistics.html",
        {
            "stats": stats,
            "by_channel": _counts(Channel.choices, stats.agency.by_channel),
            "by_category": _counts(Category.choices, stats.agency.by_category),
            "year": year,
            "years": range(viewer.today.year - 2, viewer.today.year + 1),
        },
    )


@login_required
def settings_view(request):
    """BKPSDM sets the agency's working days per category (each at most the legal 60)."""
    viewer = request.viewer
    _require(permissions.can_change_settings(viewer))
    current = selectors.complaint_settings(viewer.agency_id)
    status = 200
    if request.method == "POST":
        form = SettingsForm(request.POST, instance=current)
        if form.is_valid():
            days = {str(c): form.cleaned_data[f"days_{c}"] for c in rules.Category}
            try:
                services.complaint_settings_update(
                    actor=viewer, agency_id=viewer.agency_id, days=days
                )
            except SERVICE_ERRORS as error:
                copy_errors(form, error)
            else:
                messages.success(request, _("The settings were saved."))
                return redirect("complaints:inbox")
        status = 400
    else:
        form = SettingsForm(instance=current)
    return render(request, "complaints/settings.html", {"form": form}, status=status)
