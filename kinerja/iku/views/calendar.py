"""The working-day calendar of the agency: holidays, days off and working days per period.

BKPSDM keeps the calendar (`permissions.can_edit_calendar`); the performance overseers may read
it. Due dates counted in working days (realisations, evaluations) depend on it.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.core.numbers import is_ascii_digits
from kinerja.iku import permissions, selectors
from kinerja.iku.forms.calendar import NonWorkingDayForm
from kinerja.iku.services import calendar as services
from kinerja.iku.views._common import copy_errors, error_text


def _may_see(viewer) -> bool:
    return permissions.oversees_performance(viewer)


def _year_from(request) -> int:
    raw = request.GET.get("year") or request.POST.get("year") or ""
    if is_ascii_digits(raw) and 2000 <= int(raw) <= 2100:
        return int(raw)
    py = selectors.default_performance_year(request.viewer)
    return py.year if py is not None else request.viewer.today.year


def _page(request, year: int, *, form=None, status=200):
    viewer = request.viewer
    year_calendar = selectors.calendar_of_year(viewer, year)
    years = sorted(
        {y.year for y in selectors.performance_years(viewer)} | {viewer.today.year, year}
    )
    context = {
        "year": year,
        "years": years,
        "performance_year": year_calendar.performance_year,
        "days": year_calendar.days,
        "weekend_days": year_calendar.weekend_day_ids,
        "period_rows": year_calendar.periods,
        "can_edit": permissions.can_edit_calendar(viewer, viewer.user.agency),
        "form": form or NonWorkingDayForm(),
    }
    return render(request, "iku/calendar/calendar.html", context, status=status)


def _back(year: int):
    return redirect(f"{reverse('iku:calendar')}?year={year}")


@login_required
def calendar_view(request):
    """GET: the year's calendar. POST: BKPSDM adds a day off."""
    viewer = request.viewer
    if not _may_see(viewer):
        raise PermissionDenied
    year = _year_from(request)
    if request.method != "POST":
        return _page(request, year)
    if not permissions.can_edit_calendar(viewer, viewer.user.agency):
        raise PermissionDenied
    form = NonWorkingDayForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            day = services.non_working_day_add(
                actor=viewer,
                agency=viewer.user.agency,
                date=data["date"],
                name=data["name"],
                kind=data["kind"],
            )
        except ValidationError as error:
            copy_errors(form, error)
        else:
            messages.success(
                request,
                _("%(date)s (%(name)s) is now a day off.")
                % {"date": day.date.strftime("%d-%m-%Y"), "name": day.name},
            )
            return _back(day.date.year)
    return _page(request, year, form=form, status=400)


@login_required
@require_POST
def calendar_day_remove_view(request, pk: int):
    viewer = request.viewer
    if not _may_see(viewer):
        raise PermissionDenied
    day = selectors.get_day_off(viewer, pk)
    try:
        services.non_working_day_remove(actor=viewer, day=day)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            _("%(date)s (%(name)s) is a working day again.")
            % {"date": day.date.strftime("%d-%m-%Y"), "name": day.name},
        )
    return _back(day.date.year)
