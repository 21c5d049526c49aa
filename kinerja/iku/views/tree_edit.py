"""Pages that edit the performance tree: a goal, an indicator with its manual, and the grid of
annual and trajectory targets of an indicator.

Order of answers: outside the agency 404, not allowed to plan 403, bad input 400 with the form
kept and every error on its field.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kinerja.core.errors import SERVICE_ERRORS
from kinerja.core.numbers import is_ascii_digits
from kinerja.iku import permissions, selectors
from kinerja.iku.forms.tree import GoalForm, IndicatorForm, TargetGridForm
from kinerja.iku.models import GOAL_LEVEL_RANK, GoalLevel
from kinerja.iku.selectors import tree_edit as edit_selectors
from kinerja.iku.services import targets_bulk
from kinerja.iku.services import tree as services
from kinerja.iku.views._common import copy_errors

PLAN_YEARS = 5  # a new plan (Renstra / RPJMD) spans five years


def _int_or_404(raw):
    if raw in (None, ""):
        return None
    if not is_ascii_digits(raw):
        raise Http404
    return int(raw)


def _int_or_none(raw):
    return int(raw) if raw not in (None, "") and is_ascii_digits(raw) else None


def _next_url(request) -> str:
    """A page of this site to go back to after saving (never another host)."""
    raw = request.POST.get("next") or request.GET.get("next") or ""
    if raw and url_has_allowed_host_and_scheme(
        raw, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return raw
    return ""


def _may_manage_goal(viewer, goal) -> bool:
    return permissions.can_manage_goal(viewer, level=goal.level, owner_unit=goal.owner_unit)


def _pick(units, pk):
    return next((u for u in units if u.pk == pk), None)


# --- goals ----------------------------------------------------------------------------------------


def _goal_form(request, *, units, goals, goal=None, data=None, initial=None):
    """A goal form whose owner positions are those of the unit chosen (posted, asked or kept)."""
    viewer = request.viewer
    raw_unit = (data or {}).get("owner_unit") or request.GET.get("owner_unit")
    unit = _pick(units, _int_or_none(raw_unit))
    if unit is None and initial:
        unit = _pick(units, initial.get("owner_unit"))
    keep = goal.owner_position_id if goal is not None else None
    positions = edit_selectors.unit_positions(viewer, unit, keep_id=keep)
    if unit is not None and initial is not None:
        initial["owner_unit"] = unit.pk
    form = GoalForm(
        data,
        initial=initial,
        viewer=viewer,
        units=units,
        goals=goals,
        positions=positions,
        goal=goal,
    )
    # Choosing another unit reloads the list of its positions (htmx); without JavaScript the
    # form still works: a position of another unit is refused with a message.
    form.fields["owner_unit"].widget.attrs.update(
        {
            "hx-get": request.path,
            "hx-trigger": "change",
            "hx-include": "closest form",
            "hx-target": "#id_owner_position",
            "hx-select": "#id_owner_position",
            "hx-swap": "outerHTML",
        }
    )
    return form


def _goal_saved_url(request, goal) -> str:
    return _next_url(request) or f"{reverse('iku:tree')}?unit={goal.owner_unit_id}"


def _new_goal_initial(viewer, units, parent, unit_pk) -> dict:
    start = viewer.today.year
    initial = {"plan_start_year": start, "plan_end_year": start + PLAN_YEARS - 1, "order": 0}
    unit = _pick(units, unit_pk)
    if parent is not None:
        rank = GOAL_LEVEL_RANK.get(parent.level, 0)
        levels = GoalLevel.values
        initial.update(
            parent=parent.pk,
            level=levels[min(rank + 1, len(levels) - 1)],
            plan_start_year=parent.plan_start_year,
            plan_end_year=parent.plan_end_year,
        )
        unit = unit or _pick(units, parent.owner_unit_id)
    if unit is not None:
        initial["owner_unit"] = unit.pk
    return initial


@login_required
def goal_create_view(request):
    """A new goal; ?parent= preselects the goal it cascades from, ?unit= its owner unit."""
    viewer = request.viewer
    parent_pk = _int_or_404(request.GET.get("parent"))
    parent = edit_selectors.get_goal(viewer, parent_pk) if parent_pk is not None else None
    units = edit_selectors.plannable_units(viewer)
    if not units:
        raise PermissionDenied
    goals = edit_selectors.goals_to_link(viewer)
    status = 200
    if request.method == "POST":
        form = _goal_form(request, units=units, goals=goals, data=request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                goal = services.goal_create(
                    actor=viewer,
                    agency=data["owner_unit"].agency,
                    level=data["level"],
                    statement=data["statement"],
                    owner_unit=data["owner_unit"],
                    owner_position=data["owner_position"],
                    parent=data["parent"],
                    extra_parents=data["extra_parents"],
                    plan_start_year=data["plan_start_year"],
                    plan_end_year=data["plan_end_year"],
                    code=data["code"],
                    order=data["order"],
                )
            except SERVICE_ERRORS as error:
                copy_errors(form, error)
            else:
                messages.success(request, _("The goal has been added. Add its indicators next."))
                return redirect(_goal_saved_url(request, goal))
        status = 400
    else:
        initial = _new_goal_initial(viewer, units, parent, _int_or_none(request.GET.get("unit")))
        form = _goal_form(request, units=units, goals=goals, initial=initial)
    context = {"form": form, "goal": None, "parent": parent, "next": _next_url(request)}
    return render(request, "iku/tree_edit/goal_form.html", context, status=status)


@login_required
def goal_update_view(request, pk: int):
    viewer = request.viewer
    goal = edit_selectors.get_goal(viewer, pk)
    if not _may_manage_goal(viewer, goal):
        raise PermissionDenied
    extra_ids = edit_selectors.goal_extra_parent_ids(goal)
    units = edit_selectors.plannable_units(viewer)
    if _pick(units, goal.owner_unit_id) is None:
        units = sorted([*units, goal.owner_unit], key=lambda u: u.path)
    goals = edit_selectors.goals_to_link(viewer, keep_ids=[goal.parent_id, *extra_ids])
    status = 200
    if request.method == "POST":
        form = _goal_form(request, units=units, goals=goals, goal=goal, data=request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                goal = services.goal_update(
                    actor=viewer,
                    goal=goal,
                    extra_parents=data["extra_parents"],
                    **{name: data[name] for name in services.GOAL_FIELDS},
                )
            except SERVICE_ERRORS as error:
                copy_errors(form, error)
            else:
                messages.success(request, _("The goal has been saved."))
                return redirect(_goal_saved_url(request, goal))
        status = 400
    else:
        initial = {name: getattr(goal, name) for name in services.GOAL_FIELDS}
        initial.update(
            owner_unit=goal.owner_unit_id,
            owner_position=goal.owner_position_id,
            parent=goal.parent_id,
            extra_parents=extra_ids,
        )
        form = _goal_form(request, units=units, goals=goals, goal=goal, initial=initial)
    context = {"form": form, "goal": goal, "parent": None, "next": _next_url(request)}
    return render(request, "iku/tree_edit/goal_form.html", context, status=status)


# --- indicators -----------------------------------------------------------------------------------


def _indicator_form(viewer, goal, *, indicator=None, data=None, initial=None):
    keep = indicator.responsible_position_id if indicator is not None else None
    positions = edit_selectors.positions_under_unit(viewer, goal.owner_unit, keep_id=keep)
    return IndicatorForm(data, initial=initial, positions=positions, editing=indicator is not None)


@login_required
def indicator_create_view(request, pk: int):
    """A new indicator of the goal `pk`, with its manual."""
    viewer = request.viewer
    goal = edit_selectors.get_goal(viewer, pk)
    if not _may_manage_goal(viewer, goal):
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        form = _indicator_form(viewer, goal, data=request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                indicator = services.indicator_create(
                    actor=viewer,
                    goal=goal,
                    name=data.pop("name"),
                    unit_of_measure=data.pop("unit_of_measure"),
                    polarity=data.pop("polarity"),
                    consolidation=data.pop("consolidation"),
                    **data,
                )
            except SERVICE_ERRORS as error:
                copy_errors(form, error)
            else:
                messages.success(request, _("The indicator has been added. Set its targets next."))
                return redirect("iku:indicator_targets", pk=indicator.pk)
        status = 400
    else:
        form = _indicator_form(viewer, goal)
    context = {"form": form, "goal": goal, "indicator": None}
    return render(request, "iku/tree_edit/indicator_form.html", context, status=status)


def _managed_indicator(request, pk: int):
    """The indicator (404 outside the agency) if the viewer may plan it (else 403)."""
    indicator = selectors.get_indicator(request.viewer, pk)
    if not permissions.can_manage_indicator(request.viewer, indicator):
        raise PermissionDenied
    return indicator


@login_required
def indicator_update_view(request, pk: int):
    viewer = request.viewer
    indicator = _managed_indicator(request, pk)
    goal = indicator.goal
    status = 200
    if request.method == "POST":
        form = _indicator_form(viewer, goal, indicator=indicator, data=request.POST)
        if form.is_valid():
            try:
                services.indicator_update(actor=viewer, indicator=indicator, **form.cleaned_data)
            except SERVICE_ERRORS as error:
                copy_errors(form, error)
            else:
                messages.success(request, _("The indicator has been saved."))
                return redirect("iku:indicator", pk=indicator.pk)
        status = 400
    else:
        initial = {name: getattr(indicator, name) for name in services.INDICATOR_FIELDS}
        initial["responsible_position"] = indicator.responsible_position_id
        form = _indicator_form(viewer, goal, indicator=indicator, initial=initial)
    context = {"form": form, "goal": goal, "indicator": indicator}
    return render(request, "iku/tree_edit/indicator_form.html", context, status=status)


# --- targets --------------------------------------------------------------------------------------


def _shown(value: Decimal | None):
    """A stored target without its trailing zeros (100.0000 → 100)."""
    return None if value is None else value.normalize()


def _grid_year(viewer, years, raw):
    """The performance year asked for (404 if not in the plan), else today's, else the first."""
    if raw not in (None, ""):
        year = _int_or_404(raw)
        chosen = next((py for py in years if py.year == year), None)
        if chosen is None:
            raise Http404
        return chosen
    default = selectors.default_performance_year(viewer)
    if default is not None:
        chosen = next((py for py in years if py.year == default.year), None)
        if chosen is not None:
            return chosen
    return years[0] if years else None


@login_required
def indicator_targets_view(request, pk: int):
    """Annual targets of every plan year and the trajectory of one year, saved all or nothing."""
    viewer = request.viewer
    indicator = _managed_indicator(request, pk)
    goal = indicator.goal
    years = edit_selectors.plan_performance_years(viewer, goal)
    performance_year = _grid_year(viewer, years, request.GET.get("year"))
    periods = []
    if performance_year is not None:
        periods = [p for p in selectors.year_periods(performance_year) if not p.is_annual]
    grid = {
        "is_range": indicator.is_range,
        "years": range(goal.plan_start_year, goal.plan_end_year + 1),
        "periods": periods,
    }
    status = 200
    if request.method == "POST":
        form = TargetGridForm(request.POST, **grid)
        if form.is_valid():
            try:
                changed = targets_bulk.targets_set_bulk(
                    actor=viewer, indicator=indicator, entries=form.entries()
                )
            except SERVICE_ERRORS as error:
                copy_errors(form, error)
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)s target has been saved.",
                        "%(count)s targets have been saved.",
                        changed,
                    )
                    % {"count": changed},
                )
                url = reverse("iku:indicator", args=[indicator.pk])
                if performance_year is not None:
                    url += f"?year={performance_year.year}"
                return redirect(url)
        else:
            # Show the rule errors of the cells that did parse as well: every bad cell at once.
            parsed = [
                e
                for e in form.entries()
                if e.low_field not in form.errors and e.high_field not in form.errors
            ]
            for field, field_messages in targets_bulk.targets_check(
                indicator=indicator, entries=parsed
            ).items():
                if field not in form.errors:
                    form.add_error(field, field_messages)
        status = 400
    else:
        existing = selectors.indicator_targets(indicator, performance_year)
        initial = {}
        for year, target in existing["annual"].items():
            initial[f"annual_{year}"] = _shown(target.value)
            initial[f"annual_{year}_high"] = _shown(target.value_high)
        for period_id, target in existing["periods"].items():
            initial[f"period_{period_id}"] = _shown(target.value)
            initial[f"period_{period_id}_high"] = _shown(target.value_high)
        form = TargetGridForm(initial=initial, **grid)
    context = {
        "indicator": indicator,
        "goal": goal,
        "form": form,
        "performance_year": performance_year,
        "years": [py.year for py in years],
    }
    return render(request, "iku/tree_edit/targets_form.html", context, status=status)
