"""Staff pages of the survey results: the units one sees, a unit's results for a period, the
regency table of every service unit, and the agency's element weight."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from kinerja.core.errors import SERVICE_ERRORS
from kinerja.core.forms import copy_errors
from kinerja.surveys import charts, permissions
from kinerja.surveys.forms import PeriodForm, WeightForm
from kinerja.surveys.models import PeriodKind
from kinerja.surveys.selectors import followup, reports, results
from kinerja.surveys.services.settings import survey_weight_set

SUGGESTIONS_PER_PAGE = 20


def _default_period(viewer) -> results.Period:
    today = viewer.today
    return results.Period(today.year, PeriodKind.QUARTER, (today.month - 1) // 3 + 1)


def _period_form(request, services=()):
    """The period chosen in the query string (the current quarter by default); a bad value
    is shown on its field and the page answers 400."""
    keys = ("year", "kind", "number", "service")
    if any(key in request.GET for key in keys):
        data = {key: request.GET.get(key, "") for key in keys}
    else:
        default = _default_period(request.viewer)
        data = {"year": default.year, "kind": default.kind, "number": default.number}
    form = PeriodForm(data, services=services)
    if not form.is_valid():
        return form, None
    clean = form.cleaned_data
    return form, results.Period(clean["year"], clean["kind"], clean["number"])


def _period_context(period):
    return {
        "period": period,
        "previous": period.previous(),
        "years": range(period.year - 4, period.year + 2),
        "kinds": PeriodKind.choices,
    }


@login_required
def index_view(request):
    """The service units whose survey results the viewer sees."""
    viewer = request.viewer
    units = list(results.results_units(viewer).order_by("path"))
    context = {
        "units": units,
        "can_view_regency": permissions.can_view_regency(viewer),
        "can_change_weight": permissions.can_change_weight(viewer),
        "sees_reports": permissions.sees_published_reports(viewer),
        "can_open_setup": permissions.can_open_setup(viewer),
        "overdue": list(followup.overdue_actions(viewer)[:50]),
    }
    return render(request, "surveys/results/index.html", context)


@login_required
def unit_view(request, pk: int):
    """A unit's results for a period: the index, the sample, the nine elements, the trend, the
    respondent profile and the suggestions."""
    viewer = request.viewer
    unit = results.get_results_unit(viewer, pk)
    services = results.unit_services(unit)
    form, period = _period_form(request, [(str(s.pk), s.name) for s in services])
    context = {"unit": unit, "form": form, "services": services}
    if period is None:
        context.update(_period_context(_default_period(viewer)))
        return render(request, "surveys/results/unit.html", context, status=400)
    service_pk = form.cleaned_data.get("service")
    service = results.get_unit_service(unit, service_pk) if service_pk else None
    found = results.unit_results(viewer, unit, period, service)
    trend = results.unit_trend(viewer, unit, period, service)
    page = Paginator(results.suggestions(viewer, unit, period, service), SUGGESTIONS_PER_PAGE)
    title = _("IKM of %(unit)s per period") % {"unit": unit.name}
    period_reports = reports.period_reports(viewer, unit, period)
    context.update(_period_context(period))
    context.update(
        {
            "service": service,
            "found": found,
            "rows": found.figures.element_rows(),
            "trend": trend,
            "trend_svg": charts.trend_svg(trend, title=title),
            "trend_title": title,
            "profile": results.respondent_profile(viewer, unit, period, service),
            "suggestions": page.get_page(request.GET.get("page")),
            "query": request.GET.copy(),
            "followups": followup.period_actions(viewer, unit, period),
            "can_manage_followup": permissions.can_manage_followup(viewer, unit),
            "reports": period_reports,
            "report_draft_open": any(not report.is_published for report in period_reports),
            "can_draft_report": permissions.can_draft_report(viewer, unit),
            "period_query": urlencode(
                {"year": period.year, "kind": period.kind, "number": period.number}
            ),
        }
    )
    return render(request, "surveys/results/unit.html", context)


@login_required
def regency_view(request):
    """Every service unit the viewer oversees side by side, and the weakest elements."""
    viewer = request.viewer
    if not permissions.can_view_regency(viewer):
        raise PermissionDenied
    form, period = _period_form(request)
    context = {"form": form}
    if period is None:
        context.update(_period_context(_default_period(viewer)))
        return render(request, "surveys/results/regency.html", context, status=400)
    sort = request.GET.get("sort", "name")
    context.update(_period_context(period))
    context.update(
        {
            "regency": results.regency_table(viewer, period, sort),
            "sort": sort if sort in results.SORTS else "name",
            "sorts": [
                ("name", _("Unit")),
                ("ikm", _("IKM")),
                ("respondents", _("Respondents")),
            ],
        }
    )
    return render(request, "surveys/results/regency.html", context)


@login_required
def weight_view(request):
    """BKPSDM chooses the weight of each element in the agency's index."""
    viewer = request.viewer
    if not permissions.can_change_weight(viewer):
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        form = WeightForm(request.POST)
        if form.is_valid():
            try:
                survey_weight_set(actor=viewer, weight=form.cleaned_data["weight"])
            except SERVICE_ERRORS as error:
                copy_errors(form, error)
            else:
                messages.success(request, _("The element weight was saved."))
                return redirect("surveys:results_index")
        status = 400
    else:
        form = WeightForm(initial={"weight": results.agency_weight(viewer.agency_id)})
    return render(request, "surveys/results/weight.html", {"form": form}, status=status)
