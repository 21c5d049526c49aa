"""The page where a planner lets an indicator take its realisation from a figure Kinerja
computes (IKM of a service unit, complaints answered on time, forum commitments done on time),
or stops it.

Outside the agency 404, not allowed to plan the indicator 403, bad input 400 with the form kept.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.core.errors import SERVICE_ERRORS
from kinerja.core.numbers import is_ascii_digits
from kinerja.iku import selectors, sources
from kinerja.iku.forms.sources import SourceForm
from kinerja.iku.services import sources as services
from kinerja.iku.views._common import copy_errors
from kinerja.iku.views.tree_edit import _managed_indicator


def _options(indicator, kind_key, unit_id) -> list[tuple[int, str]]:
    kind = sources.get(kind_key or "")
    if kind is None or kind.options is None or not is_ascii_digits(str(unit_id or "")):
        return []
    unit = selectors.source_unit(indicator.agency_id, int(unit_id))
    return kind.options(unit) if unit is not None else []


@login_required
def indicator_source_view(request, pk: int):
    viewer = request.viewer
    indicator = _managed_indicator(request, pk)
    current = selectors.indicator_source(indicator)
    units = selectors.source_unit_choices(indicator.agency_id)
    status = 200
    if request.method == "POST":
        data = request.POST
        form = SourceForm(
            data, units=units, options=_options(indicator, data.get("kind"), data.get("unit"))
        )
        if "show_options" not in data and form.is_valid():
            try:
                services.indicator_source_set(
                    actor=viewer,
                    indicator=indicator,
                    kind=form.cleaned_data["kind"],
                    unit=form.cleaned_data["unit"],
                    option_id=form.cleaned_data.get("option"),
                )
            except SERVICE_ERRORS as error:
                copy_errors(form, error)
            else:
                messages.success(
                    request, _("Kinerja now computes the realisations of this indicator.")
                )
                return redirect("iku:indicator", pk=indicator.pk)
        status = 400 if "show_options" not in data else 200
    else:
        initial = {}
        if current is not None:
            initial = {"kind": current.kind, "unit": current.unit_id, "option": current.option_id}
        form = SourceForm(
            initial=initial,
            units=units,
            options=_options(indicator, initial.get("kind"), initial.get("unit")),
        )
    context = {
        "indicator": indicator,
        "goal": indicator.goal,
        "form": form,
        "current": current,
        "current_kind": sources.get(current.kind) if current else None,
        "kinds": sources.kinds(),
    }
    return render(request, "iku/sources/indicator.html", context, status=status)


@login_required
@require_POST
def indicator_source_remove_view(request, pk: int):
    indicator = _managed_indicator(request, pk)
    services.indicator_source_remove(actor=request.viewer, indicator=indicator)
    messages.success(request, _("The unit enters the realisations of this indicator again."))
    return redirect("iku:indicator", pk=indicator.pk)
