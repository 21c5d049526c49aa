"""The rater's page that lets Kinerja compute an RHK indicator's realisations from its own
figures (the pattern of organisation indicators), or stops it.

Outside the viewer's scope 404, not the plan's rater 403, bad input 400 with the form kept.
"""

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
from kinerja.core.numbers import is_ascii_digits
from kinerja.iku import selectors as iku_selectors
from kinerja.iku import sources
from kinerja.iku.forms.sources import SourceForm
from kinerja.results import permissions, selectors
from kinerja.results.services import sources as services


def _options(agency_id, kind_key, unit_id) -> list[tuple[int, str]]:
    kind = sources.get(kind_key or "")
    if kind is None or kind.options is None or not is_ascii_digits(str(unit_id or "")):
        return []
    unit = iku_selectors.source_unit(agency_id, int(unit_id))
    return kind.options(unit) if unit is not None else []


def _indicator(request, employee_pk: int, year: int, indicator_key):
    employee = selectors.get_employee(request.viewer, employee_pk, year)
    try:
        indicator = services.plan_indicator(employee, year, indicator_key)
    except SERVICE_ERRORS:
        raise Http404 from None
    if not permissions.can_choose_source(request.viewer, indicator.rhk.skp):
        raise PermissionDenied
    return employee, indicator


def _back(employee, year) -> str:
    return reverse("results:periods", args=[employee.pk, year])


@login_required
def source_view(request, employee_pk: int, year: int, indicator_key):
    viewer = request.viewer
    employee, indicator = _indicator(request, employee_pk, year, indicator_key)
    current = selectors.realisation_source(employee, year, indicator.key)
    units = iku_selectors.source_unit_choices(employee.agency_id)
    status = 200
    if request.method == "POST":
        data = request.POST
        options = _options(employee.agency_id, data.get("kind"), data.get("unit"))
        form = SourceForm(data, units=units, options=options)
        if "show_options" not in data and form.is_valid():
            try:
                services.realisation_source_set(
                    actor=viewer,
                    employee=employee,
                    year=year,
                    indicator_key=indicator.key,
                    kind=form.cleaned_data["kind"],
                    unit=form.cleaned_data["unit"],
                    option_id=form.cleaned_data.get("option"),
                )
            except SERVICE_ERRORS as error:
                copy_errors(form, error)
            else:
                messages.success(request, _("Kinerja now computes this realisation."))
                return redirect(_back(employee, year))
        status = 200 if "show_options" in data else 400
    else:
        initial = {}
        if current is not None:
            initial = {"kind": current.kind, "unit": current.unit_id, "option": current.option_id}
        options = _options(employee.agency_id, initial.get("kind"), initial.get("unit"))
        form = SourceForm(initial=initial, units=units, options=options)
    context = {
        "employee": employee,
        "year": year,
        "indicator": indicator,
        "form": form,
        "current": current,
        "kinds": sources.kinds(),
    }
    return render(request, "results/sources/indicator.html", context, status=status)


@login_required
@require_POST
def source_remove_view(request, employee_pk: int, year: int, indicator_key):
    employee, indicator = _indicator(request, employee_pk, year, indicator_key)
    services.realisation_source_remove(
        actor=request.viewer, employee=employee, year=year, indicator_key=indicator.key
    )
    messages.success(request, _("The employee enters this realisation again."))
    return redirect(_back(employee, year))
