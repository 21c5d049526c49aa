"""Staff pages of a service unit's survey set-up: the list of service units, a unit's services
and survey points, their QR posters and kiosk link, and the service users per period."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.core.errors import SERVICE_ERRORS
from kinerja.core.forms import copy_errors
from kinerja.core.numbers import is_ascii_digits
from kinerja.surveys import permissions, posters, selectors, services
from kinerja.surveys.forms import (
    PointEditForm,
    PointForm,
    ServiceEditForm,
    ServiceForm,
    ServiceUsersForm,
    ServiceUsersImportForm,
)

KIOSK_COOKIE = "kinerja_skm_kiosk"
KIOSK_SALT = "kinerja.surveys.kiosk"
KIOSK_COOKIE_DAYS = 365
MAX_IMPORT_BYTES = 2 * 1024 * 1024


def _choices(services_list, *, active_only=True):
    return [(str(s.pk), s.name) for s in services_list if s.is_active or not active_only]


def _year(request, viewer) -> int:
    raw = request.GET.get("year", "")
    if is_ascii_digits(raw) and 2000 <= int(raw) <= 2100:
        return int(raw)
    return viewer.today.year


def _require_manage(viewer, unit) -> None:
    if not permissions.can_manage_setup(viewer, unit):
        raise PermissionDenied


@login_required
def units_view(request):
    """The agency's service units whose survey set-up the viewer may read or manage."""
    viewer = request.viewer
    if not permissions.can_open_setup(viewer):
        raise PermissionDenied
    units = list(selectors.setup_units_with_counts(viewer))
    return render(request, "surveys/setup/units.html", {"units": units})


def _unit_page(request, unit, *, service_form=None, point_form=None, status=200):
    viewer = request.viewer
    services_list = selectors.unit_services(unit)
    points = selectors.unit_points(unit)
    can_manage = permissions.can_manage_setup(viewer, unit)
    choices = _choices(services_list)
    context = {
        "unit": unit,
        "services": services_list,
        "points": [(point, posters.survey_url(point)) for point in points],
        "can_manage": can_manage,
        "service_form": service_form or ServiceForm(prefix="service"),
        "point_form": point_form or PointForm(prefix="point", services=choices),
    }
    return render(request, "surveys/setup/unit.html", context, status=status)


@login_required
def unit_view(request, pk: int):
    unit = selectors.get_setup_unit(request.viewer, pk)
    return _unit_page(request, unit)


@login_required
@require_POST
def service_create_view(request, pk: int):
    viewer = request.viewer
    unit = selectors.get_setup_unit(viewer, pk)
    _require_manage(viewer, unit)
    form = ServiceForm(request.POST, prefix="service")
    if form.is_valid():
        try:
            services.service_create(actor=viewer, unit=unit, name=form.cleaned_data["name"])
        except SERVICE_ERRORS as error:
            copy_errors(form, error)
        else:
            messages.success(request, _("The service was added."))
            return redirect("surveys:setup_unit", unit.pk)
    return _unit_page(request, unit, service_form=form, status=400)


@login_required
@require_POST
def point_create_view(request, pk: int):
    viewer = request.viewer
    unit = selectors.get_setup_unit(viewer, pk)
    _require_manage(viewer, unit)
    form = PointForm(request.POST, prefix="point", services=_choices(selectors.unit_services(unit)))
    if form.is_valid():
        try:
            services.point_create(
                actor=viewer,
                unit=unit,
                name=form.cleaned_data["name"],
                service=form.cleaned_data["service"] or None,
            )
        except SERVICE_ERRORS as error:
            copy_errors(form, error)
        else:
            messages.success(request, _("The survey point was added."))
            return redirect("surveys:setup_unit", unit.pk)
    return _unit_page(request, unit, point_form=form, status=400)


@login_required
def service_edit_view(request, pk: int):
    viewer = request.viewer
    service = selectors.get_service_for_setup(viewer, pk)
    _require_manage(viewer, service.unit)
    status = 200
    if request.method == "POST":
        form = ServiceEditForm(request.POST)
        if form.is_valid():
            try:
                services.service_update(
                    actor=viewer,
                    service=service,
                    name=form.cleaned_data["name"],
                    is_active=form.cleaned_data["is_active"],
                )
            except SERVICE_ERRORS as error:
                copy_errors(form, error)
            else:
                messages.success(request, _("The service was saved."))
                return redirect("surveys:setup_unit", service.unit_id)
        status = 400
    else:
        form = ServiceEditForm(initial={"name": service.name, "is_active": service.is_active})
    context = {"service": service, "unit": service.unit, "form": form}
    return render(request, "surveys/setup/service_edit.html", context, status=status)


@login_required
def point_edit_view(request, pk: int):
    viewer = request.viewer
    point = selectors.get_point_for_setup(viewer, pk)
    _require_manage(viewer, point.unit)
    services_list = selectors.unit_services(point.unit)
    choices = [
        (str(s.pk), s.name) for s in services_list if s.is_active or s.pk == point.service_id
    ]
    status = 200
    if request.method == "POST":
        form = PointEditForm(request.POST, services=choices)
        if form.is_valid():
            try:
                services.point_update(
                    actor=viewer,
                    point=point,
                    name=form.cleaned_data["name"],
                    service=form.cleaned_data["service"] or None,
                    is_active=form.cleaned_data["is_active"],
                )
            except SERVICE_ERRORS as error:
                copy_errors(form, error)
            else:
                messages.success(request, _("The survey point was saved."))
                return redirect("surveys:setup_unit", point.unit_id)
        status = 400
    else:
        form = PointEditForm(
            services=choices,
            initial={
                "name": point.name,
                "service": str(point.service_id or ""),
                "is_active": point.is_active,
            },
        )
    context = {"point": point, "unit": point.unit, "form": form}
    return render(request, "surveys/setup/point_edit.html", context, status=status)


@login_required
def point_kiosk_view(request, pk: int):
    """Open the point's survey in kiosk mode on this device: the unit's staff vouch for the
    tablet at the counter, which may then take answers for a whole queue."""
    viewer = request.viewer
    point = selectors.get_point_for_setup(viewer, pk)
    _require_manage(viewer, point.unit)
    response = redirect(reverse("surveys:public", args=[point.token]) + "?kiosk=1")
    response.set_signed_cookie(
        KIOSK_COOKIE,
        point.token,
        salt=KIOSK_SALT,
        max_age=KIOSK_COOKIE_DAYS * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def _poster_name(point, extension: str) -> str:
    return f"poster-skm-{point.pk}.{extension}"


@login_required
def poster_png_view(request, pk: int):
    point = selectors.get_point_for_setup(request.viewer, pk)
    response = HttpResponse(posters.poster_png(point), content_type="image/png")
    response["Content-Disposition"] = f'inline; filename="{_poster_name(point, "png")}"'
    return response


@login_required
def poster_pdf_view(request, pk: int):
    point = selectors.get_point_for_setup(request.viewer, pk)
    response = HttpResponse(posters.poster_pdf(point), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_poster_name(point, "pdf")}"'
    return response


def _users_page(request, unit, *, form=None, import_form=None, import_errors=(), status=200):
    viewer = request.viewer
    year = _year(request, viewer)
    choices = _choices(selectors.unit_services(unit), active_only=False)
    context = {
        "unit": unit,
        "year": year,
        "years": range(year - 2, year + 2),
        "rows": selectors.service_users_of(unit, year),
        "can_manage": permissions.can_manage_setup(viewer, unit),
        "form": form or ServiceUsersForm(services=choices, initial={"year": year}),
        "import_form": import_form or ServiceUsersImportForm(),
        "import_errors": import_errors,
    }
    return render(request, "surveys/setup/users.html", context, status=status)


@login_required
def users_view(request, pk: int):
    """The number of service users per period (the population of the minimum sample)."""
    viewer = request.viewer
    unit = selectors.get_setup_unit(viewer, pk)
    if request.method != "POST":
        return _users_page(request, unit)
    _require_manage(viewer, unit)
    choices = _choices(selectors.unit_services(unit), active_only=False)
    form = ServiceUsersForm(request.POST, services=choices)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.service_users_set(
                actor=viewer,
                unit=unit,
                year=data["year"],
                kind=data["kind"],
                number=data["number"],
                users=data["users"],
                service=data["service"] or None,
            )
        except SERVICE_ERRORS as error:
            copy_errors(form, error)
        else:
            messages.success(request, _("The number of service users was saved."))
            return redirect(
                reverse("surveys:setup_users", args=[unit.pk]) + f"?year={data['year']}"
            )
    return _users_page(request, unit, form=form, status=400)


@login_required
@require_POST
def users_import_view(request, pk: int):
    viewer = request.viewer
    unit = selectors.get_setup_unit(viewer, pk)
    _require_manage(viewer, unit)
    form = ServiceUsersImportForm(request.POST, request.FILES)
    errors: list[str] = []
    if form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            form.add_error("file", _("The file is larger than 2 MB."))
        else:
            try:
                count = services.service_users_import(
                    actor=viewer, unit=unit, data=upload.read(), filename=upload.name
                )
            except SERVICE_ERRORS as error:
                if hasattr(error, "message_dict"):
                    errors = error.message_dict.get("file", error.messages)
                else:
                    errors = [str(error)]
                form.add_error(None, _("Nothing was saved: correct the rows below."))
            else:
                messages.success(
                    request, _("%(count)s periods were saved from the file.") % {"count": count}
                )
                return redirect("surveys:setup_users", unit.pk)
    return _users_page(request, unit, import_form=form, import_errors=errors, status=400)
