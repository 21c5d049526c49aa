"""The next-higher leader's page: confirm or change the organisation predikat of units.

PermenPANRB 6/2022 p.92-94 (domain.md §1.5 step 1, §2.5): Kinerja proposes the predikat from
the unit's capaian through the year's band table; the leader accepts the proposals in one step
or sets another predikat for one unit with a reason. Every decision is recorded on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kinerja.core.errors import ImmutableRecordError
from kinerja.core.numbers import is_ascii_digits
from kinerja.iku import charts, selectors
from kinerja.iku.forms.decisions import ConfirmManyForm, DecisionFilterForm, PredikatDecisionForm
from kinerja.iku.models import DecisionStatus, OrgPredikatDecision
from kinerja.iku.services import results as services
from kinerja.iku.views._common import category, copy_errors, error_text

DECIDED_SHOWN = selectors.DECIDED_SHOWN


@dataclass
class DecisionRow:
    decision: OrgPredikatDecision
    category: charts.Category
    form: PredikatDecisionForm | None = None


def _rows(viewer, decisions, forms=None) -> list[DecisionRow]:
    years = {py.pk: py for py in selectors.performance_years(viewer)}
    forms = forms or {}
    rows = []
    for decision in decisions:
        py = years.get(decision.period.performance_year_id)
        form = None
        if not decision.is_decided and not decision.is_partial:
            form = forms.get(decision.pk) or PredikatDecisionForm(
                prefix=f"d{decision.pk}", initial={"predikat": decision.proposed}
            )
        rows.append(DecisionRow(decision, category(decision.capaian, py), form))
    return rows


def _filters(request) -> DecisionFilterForm:
    form = DecisionFilterForm(request.GET or None)
    form.is_valid()
    return form


def _page(request, *, forms=None, confirm_form=None, status=200):
    viewer = request.viewer
    filters = _filters(request)
    search = (filters.cleaned_data.get("q") or "") if filters.is_bound else ""
    year = filters.cleaned_data.get("year") if filters.is_bound else None
    pending = selectors.org_predikat_decisions_to_make(viewer, search=search, year=year)
    decided = selectors.org_predikat_decisions_decided(
        viewer, DECIDED_SHOWN, search=search, year=year
    )
    context = {
        "filters": filters,
        "pending": _rows(viewer, pending, forms),
        "decided": _rows(viewer, decided),
        "confirm_form": confirm_form or ConfirmManyForm(pending=pending),
        "query": request.GET.urlencode(),
    }
    return render(request, "iku/decisions/predikat_decisions.html", context, status=status)


def _back(request):
    query = request.POST.get("query", "")
    target = redirect("iku:predikat_decisions")
    if query:
        target["Location"] += "?" + query
    return target


@login_required
def predikat_decisions_view(request):
    if request.method != "POST":
        return _page(request)
    if request.POST.get("action") == "confirm_many":
        return _confirm_many(request)
    viewer = request.viewer
    raw = request.POST.get("decision", "")
    pending = {d.pk: d for d in selectors.org_predikat_decisions_to_make(viewer)}
    decision = pending.get(int(raw)) if is_ascii_digits(raw) else None
    if decision is None:
        if is_ascii_digits(raw) and any(
            d.pk == int(raw)
            for d in selectors.org_predikat_decisions_decided(viewer, DECIDED_SHOWN)
        ):
            messages.error(request, _("The predikat of this period has already been decided."))
            return _back(request)
        raise Http404
    form = PredikatDecisionForm(request.POST, prefix=f"d{decision.pk}")
    if form.is_valid():
        data = form.cleaned_data
        try:
            decided = services.org_predikat_decide(
                actor=viewer,
                decision=decision,
                predikat=data["predikat"],
                reason=data["reason"],
                issued_on=data["issued_on"],
            )
        except ImmutableRecordError as error:
            messages.error(request, error_text(error))
            return _back(request)
        except ValidationError as error:
            if decision.is_partial:  # the page offers no form for it: say why on the page
                messages.error(request, error_text(error))
                return _back(request)
            copy_errors(form, error)
        else:
            if decided.status == DecisionStatus.CHANGED:
                text = _("The predikat of %(unit)s for %(period)s has been set to %(predikat)s.")
            else:
                text = _("The predikat %(predikat)s of %(unit)s for %(period)s has been confirmed.")
            messages.success(
                request,
                text
                % {
                    "unit": decided.unit.name,
                    "period": decided.period.label,
                    "predikat": decided.get_predikat_display(),
                },
            )
            return _back(request)
    return _page(request, forms={decision.pk: form}, status=400)


def _confirm_many(request):
    viewer = request.viewer
    pending = selectors.org_predikat_decisions_to_make(viewer)
    form = ConfirmManyForm(request.POST, pending=pending)
    if form.is_valid():
        by_pk = {d.pk: d for d in pending}
        chosen = [by_pk[pk] for pk in form.cleaned_data["decisions"]]
        try:
            confirmed = services.org_predikat_confirm_many(
                actor=viewer, decisions=chosen, issued_on=form.cleaned_data["issued_on"]
            )
        except ImmutableRecordError as error:
            messages.error(request, error_text(error))
            return _back(request)
        except ValidationError as error:
            copy_errors(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "%(n)s predikat has been confirmed as proposed.",
                    "%(n)s predikat have been confirmed as proposed.",
                    len(confirmed),
                )
                % {"n": len(confirmed)},
            )
            return _back(request)
    return _page(request, confirm_form=form, status=400)
