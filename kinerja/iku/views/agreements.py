"""Perjanjian Kinerja pages: a unit's PKs for a year, one PK with its lines, signatures and
versions, and the forms that draft, sign and revise it.

Reading: a PK outside the agency is a 404; one the viewer may not read
(`permissions.can_read_agreement`, the rule of its PDF too) a 403, and the list leaves it out.
Order of answers for every write: outside the agency 404, not allowed 403, a signed (frozen)
PK 400 with a message and nothing changed, bad input 400 with the form kept.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.core.errors import SERVICE_ERRORS
from kinerja.core.numbers import is_ascii_digits
from kinerja.iku import permissions, selectors
from kinerja.iku.forms.agreements import (
    AgreementCreateForm,
    AgreementLineAddForm,
    AgreementLineUpdateForm,
    AgreementReviseForm,
    AgreementSignForm,
)
from kinerja.iku.models import AgreementParty
from kinerja.iku.services import agreement as services
from kinerja.iku.views._common import copy_errors

LINE_FIELD_NAMES = ("target", "target_high", "budget_amount", "budget_line", "order")


def _int_or_404(raw):
    if raw in (None, ""):
        return None
    if not is_ascii_digits(raw):
        raise Http404
    return int(raw)


def _plannable_units(viewer) -> list:
    return [u for u in selectors.agency_units(viewer) if permissions.can_plan_for_unit(viewer, u)]


def _year_numbers(viewer) -> list[int]:
    return list(selectors.performance_years(viewer).order_by("year").values_list("year", flat=True))


# --- list and create ------------------------------------------------------------------------------


@login_required
def agreements_view(request):
    """The PKs of the agency for a year that the viewer may read, every version with its status;
    ?unit= narrows it."""
    viewer = request.viewer
    performance_year = selectors.performance_year_from_request(viewer, request.GET.get("year"))
    unit_pk = _int_or_404(request.GET.get("unit"))
    unit = selectors.get_agency_unit(viewer, unit_pk) if unit_pk is not None else None
    agreements = []
    if performance_year is not None:
        queryset = (
            selectors.agreements_visible_to(viewer)
            .filter(year=performance_year.year)
            .select_related("unit", "first_party_employee")
            .order_by("unit__path", "-version")
        )
        if unit is not None:
            queryset = queryset.filter(unit=unit)
        agreements = [a for a in queryset if permissions.can_read_agreement(viewer, a)]
    plannable = _plannable_units(viewer)
    create_form = None
    if plannable and performance_year is not None:
        initial = {"year": performance_year.year}
        if unit is not None and unit in plannable:
            initial["unit"] = unit.pk
        create_form = AgreementCreateForm(
            initial=initial, units=plannable, years=_year_numbers(viewer)
        )
    context = {
        "performance_year": performance_year,
        "unit": unit,
        "units": selectors.agency_units(viewer),
        "years": _year_numbers(viewer),
        "agreements": agreements,
        "create_form": create_form,
    }
    return render(request, "iku/agreements/list.html", context)


@login_required
def agreement_create_view(request):
    """Start version 1 of a unit's PK for a year where the unit has none."""
    viewer = request.viewer
    plannable = _plannable_units(viewer)
    if not plannable:
        raise PermissionDenied
    years = _year_numbers(viewer)
    status = 200
    if request.method == "POST":
        form = AgreementCreateForm(request.POST, units=plannable, years=years)
        if form.is_valid():
            try:
                agreement = services.agreement_create(
                    actor=viewer,
                    unit=form.cleaned_data["unit"],
                    year=form.cleaned_data["year"],
                )
            except SERVICE_ERRORS as error:
                copy_errors(form, error)
            else:
                messages.success(request, _("The draft agreement has been created."))
                return redirect("iku:agreement", pk=agreement.pk)
        status = 400
    else:
        form = AgreementCreateForm(
            initial={"unit": _int_or_404(request.GET.get("unit")), "year": request.GET.get("year")},
            units=plannable,
            years=years,
        )
    return render(request, "iku/agreements/create.html", {"form": form}, status=status)


# --- the PK page ----------------------------------------------------------------------------------


def _unit_indicators(viewer, agreement, lines) -> list:
    """The indicators the agreement may carry (`selectors.agreement_indicators`), not yet in it."""
    return list(
        selectors.agreement_indicators(agreement)
        .exclude(pk__in=[line.indicator_id for line in lines])
        .order_by("goal__order", "goal_id", "order", "pk")
    )


def _line_initial(line) -> dict:
    return {name: getattr(line, name) for name in LINE_FIELD_NAMES}


def _agreement_page(
    request,
    agreement,
    *,
    add_form=None,
    line_form=None,
    sign_form=None,
    revise_form=None,
    status=200,
):
    """The PK page; a bound form with errors replaces the blank one it was made from.

    Every answer that shows the PK (also a refused write) is for its readers only."""
    viewer = request.viewer
    if not permissions.can_read_agreement(viewer, agreement):
        raise PermissionDenied
    versions = selectors.agreement_history(viewer, agreement.unit, agreement.year)
    current = next((v for v in versions if v.pk == agreement.pk), None)
    if current is None:
        raise Http404
    current.unit = agreement.unit
    lines = list(current.lines.all())
    can_plan = permissions.can_plan_for_unit(viewer, current.unit)
    editable = can_plan and not current.is_frozen

    line_rows = []
    for line in lines:
        form = None
        if editable:
            if line_form is not None and line_form.prefix == f"line-{line.pk}":
                form = line_form
            else:
                form = AgreementLineUpdateForm(
                    prefix=f"line-{line.pk}", initial=_line_initial(line)
                )
        line_rows.append((line, form))

    sign_forms = []
    if not current.is_signed:
        signed = {
            AgreementParty.FIRST: current.first_signed_on,
            AgreementParty.SECOND: current.second_signed_on,
        }
        for party, label in AgreementParty.choices:
            if signed[party] is None and permissions.can_sign_agreement(viewer, current, party):
                if sign_form is not None and sign_form.data.get("party") == party:
                    form = sign_form
                else:
                    form = AgreementSignForm(initial={"party": party, "signed_on": viewer.today})
                sign_forms.append((party, label, form))

    latest = versions[0] if versions else None
    can_revise = can_plan and current.is_signed and latest is not None and latest.pk == current.pk
    context = {
        "agreement": current,
        "lines": lines,
        "line_rows": line_rows,
        "versions": versions,
        "previous_version": current.previous,
        "next_version": next((v for v in versions if v.previous_id == current.pk), None),
        "can_plan": can_plan,
        "editable": editable,
        "add_form": (
            (add_form or AgreementLineAddForm(indicators=_unit_indicators(viewer, current, lines)))
            if editable
            else None
        ),
        "sign_forms": sign_forms,
        "revise_form": (revise_form or AgreementReviseForm()) if can_revise else None,
    }
    return render(request, "iku/agreements/detail.html", context, status=status)


@login_required
def agreement_detail_view(request, pk: int):
    return _agreement_page(request, selectors.get_agreement(request.viewer, pk))


# --- writes on a draft ----------------------------------------------------------------------------


def _planned_agreement(request, pk: int):
    """The agreement (404 outside the agency) if the viewer may change its unit's PK (else 403)."""
    agreement = selectors.get_agreement(request.viewer, pk)
    if not permissions.can_plan_for_unit(request.viewer, agreement.unit):
        raise PermissionDenied
    return agreement


def _refuse_frozen(request, agreement):
    """A signed (or partly signed) PK is never changed: say so, with the page, as a 400."""
    messages.error(
        request,
        _("%(agreement)s has been signed and cannot be changed; revise it instead.")
        % {"agreement": agreement},
    )
    return _agreement_page(request, agreement, status=400)


def _get_line(agreement, line_pk: int):
    line = agreement.lines.select_related("indicator", "goal").filter(pk=line_pk).first()
    if line is None:
        raise Http404
    return line


@login_required
@require_POST
def agreement_line_add_view(request, pk: int):
    viewer = request.viewer
    agreement = _planned_agreement(request, pk)
    if agreement.is_frozen:
        return _refuse_frozen(request, agreement)
    lines = list(agreement.lines.all())
    form = AgreementLineAddForm(request.POST, indicators=_unit_indicators(viewer, agreement, lines))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.agreement_line_add(actor=viewer, agreement=agreement, **data)
        except SERVICE_ERRORS as error:
            copy_errors(form, error)
        else:
            messages.success(request, _("The indicator has been added to the agreement."))
            return redirect("iku:agreement", pk=agreement.pk)
    return _agreement_page(request, agreement, add_form=form, status=400)


@login_required
@require_POST
def agreement_line_update_view(request, pk: int, line_pk: int):
    viewer = request.viewer
    agreement = _planned_agreement(request, pk)
    line = _get_line(agreement, line_pk)
    if agreement.is_frozen:
        return _refuse_frozen(request, agreement)
    form = AgreementLineUpdateForm(request.POST, prefix=f"line-{line.pk}")
    if form.is_valid():
        try:
            services.agreement_line_update(actor=viewer, line=line, **form.cleaned_data)
        except SERVICE_ERRORS as error:
            copy_errors(form, error)
        else:
            messages.success(request, _("The line has been saved."))
            return redirect("iku:agreement", pk=agreement.pk)
    return _agreement_page(request, agreement, line_form=form, status=400)


@login_required
@require_POST
def agreement_line_remove_view(request, pk: int, line_pk: int):
    agreement = _planned_agreement(request, pk)
    line = _get_line(agreement, line_pk)
    if agreement.is_frozen:
        return _refuse_frozen(request, agreement)
    try:
        services.agreement_line_remove(actor=request.viewer, line=line)
    except SERVICE_ERRORS as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return _agreement_page(request, agreement, status=400)
    messages.success(request, _("The line has been removed from the agreement."))
    return redirect("iku:agreement", pk=agreement.pk)


@login_required
@require_POST
def agreement_sign_view(request, pk: int):
    """Record one party's signature and its date (a paper signature may be recorded by admins)."""
    viewer = request.viewer
    agreement = selectors.get_agreement(viewer, pk)
    form = AgreementSignForm(request.POST)
    party = request.POST.get("party")
    if party in AgreementParty.values and not permissions.can_sign_agreement(
        viewer, agreement, party
    ):
        raise PermissionDenied
    if agreement.is_signed:
        messages.error(request, _("%(agreement)s is already signed.") % {"agreement": agreement})
        return _agreement_page(request, agreement, status=400)
    if form.is_valid():
        try:
            agreement = services.agreement_sign(
                actor=viewer,
                agreement=agreement,
                party=form.cleaned_data["party"],
                signed_on=form.cleaned_data["signed_on"],
            )
        except SERVICE_ERRORS as error:
            copy_errors(form, error)
        else:
            if agreement.is_signed:
                messages.success(request, _("Both parties have signed: the agreement is final."))
            else:
                messages.success(request, _("The signature has been recorded."))
            return redirect("iku:agreement", pk=agreement.pk)
    if form.errors and not any(p == party for p in AgreementParty.values):
        messages.error(request, _("Choose which party signs."))
    return _agreement_page(request, agreement, sign_form=form, status=400)


@login_required
@require_POST
def agreement_revise_view(request, pk: int):
    """A signed PK changes only through a new draft version that records why."""
    viewer = request.viewer
    agreement = _planned_agreement(request, pk)
    form = AgreementReviseForm(request.POST)
    if not agreement.is_signed:
        messages.error(request, _("Only a signed agreement is revised; change the draft instead."))
        return _agreement_page(request, agreement, status=400)
    if form.is_valid():
        try:
            revision = services.agreement_revise(
                actor=viewer,
                agreement=agreement,
                kind=form.cleaned_data["kind"],
                reason=form.cleaned_data["reason"],
            )
        except SERVICE_ERRORS as error:
            copy_errors(form, error)
            if not form.has_error("kind") and not form.has_error("reason"):
                messages.error(request, " ".join(form.non_field_errors()))
        else:
            messages.success(
                request,
                _("Version %(version)s has been drafted from the signed agreement.")
                % {"version": revision.version},
            )
            return redirect("iku:agreement", pk=revision.pk)
    return _agreement_page(request, agreement, revise_form=form, status=400)
