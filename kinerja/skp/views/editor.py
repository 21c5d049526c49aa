"""The SKP editor: one small form per RHK, indicator, rencana aksi, behaviour and the annex.

With htmx every form saves itself on change and gets back its own fragment: on success the
fragment is not swapped in (the user may already be typing in the next field) unless it was
showing errors, which it then clears; on an error it comes back with the message next to the
field and the input as typed. Without JavaScript the same forms post normally: success
redirects to the editor, an error re-renders the whole editor with the form kept (400).

Order of answers: anonymous -> login, outside the scope 404, not the owner or rater 403, a plan
that is set (or waiting for the rater) 403 with the reason, bad input as above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kinerja.core.errors import SERVICE_ERRORS
from kinerja.core.forms import copy_errors
from kinerja.skp import permissions, rules, selectors, services
from kinerja.skp.berakhlak import CoreValue
from kinerja.skp.forms.plan import (
    ActionPlanForm,
    AnnexForm,
    BehaviourForm,
    IndicatorForm,
    RhkForm,
)
from kinerja.skp.models import SkpStatus
from kinerja.skp.problems import plan_facts, plan_problems_of, plan_warnings, problem_messages
from kinerja.skp.selectors import editor as selectors_editor
from kinerja.skp.selectors import plan as selectors_plan
from kinerja.skp.selectors import review as selectors_review
from kinerja.skp.selectors.acting import acting_without_result
from kinerja.skp.views._common import (
    STATUS_BADGES,
    deadline_facts,
    error_messages,
    refuse_change,
)
from kinerja.skp.views.plan import behaviour_rows

FRAGMENTS = {
    "rhk": "skp/plan/_rhk_form.html",
    "indicator": "skp/plan/_indicator_form.html",
    "actions": "skp/plan/_action_form.html",
    "behaviour": "skp/plan/_behaviour_form.html",
    "annex": "skp/plan/_annex_form.html",
}


# The editor's closed cards name what each RHK links to (the leader's RHK and indicator, or the
# organisation's indicator).
EDITOR_RHK_LINKS = ("intervened_rhk", "intervened_indicator", "iku_indicator")


def _editable(request, pk: int, related: tuple = selectors.PLAN_RELATED):
    """The plan (404 outside scope) and, when it may not be changed, the refusal to send."""
    skp = selectors.get_skp(request.viewer, pk, related=related)
    if not permissions.can_edit(request.viewer, skp):
        return skp, refuse_change(request, skp)
    return skp, None


@dataclass
class Choices:
    """What the RHK forms of a page offer, read once for all of them."""

    leader_rhks: list = field(default_factory=list)
    leader_indicators: dict = field(default_factory=dict)
    iku_indicators: list = field(default_factory=list)


def _leader_choices(skp, rhks) -> Choices:
    choices = Choices()
    if skp.form != rules.FORM_JPT:
        choices.leader_rhks = selectors_plan.leader_rhk_choices(
            skp, [r.intervened_rhk_id for r in rhks]
        )
        choices.leader_indicators = selectors_editor.leader_indicator_choices(choices.leader_rhks)
    return choices


def _choices(skp, rhks) -> Choices:
    choices = _leader_choices(skp, rhks)
    choices.iku_indicators = selectors_plan.iku_indicator_choices(
        skp, [r.iku_indicator_id for r in rhks]
    )
    return choices


def _rhk_form(skp, choices: Choices, **kwargs):
    return RhkForm(
        skp_form=skp.form,
        leader_rhks=choices.leader_rhks,
        leader_indicators=choices.leader_indicators,
        iku_indicators=choices.iku_indicators,
        indicator_options_url=reverse("skp:leader_indicator_options", args=[skp.pk]),
        **kwargs,
    )


# The editor shows every RHK as a card and opens one for editing at a time: a long plan is
# not eighty fields on a phone, and the page stays light (`?buka=rhk-<id>`, `?buka=baru`).
OPEN_PARAMETER = "buka"
NEW_RHK = "baru"
BOUND_CARD = re.compile(
    r"(?:rhk|aksi|new-iki)-(?P<rhk>\d+)|iki-(?P<indicator>\d+)|(?P<new>new-rhk)"
)


def _card(rhk_pk) -> str:
    return f"rhk-{rhk_pk}"


def _edit_url(skp, anchor: str = "", *, rhk_pk: int | None = None) -> str:
    """The editor, with the card of `rhk_pk` open, at `anchor`."""
    url = reverse("skp:edit", args=[skp.pk])
    if rhk_pk is not None:
        url = f"{url}?{OPEN_PARAMETER}={_card(rhk_pk)}"
    return f"{url}#{anchor}" if anchor else url


def _opened(request, skp, bound: dict) -> str:
    """The card the editor opens: the one of a form given back with its errors, else the one
    asked for; a plan without any RHK opens the form of a new one."""
    cards = {_card(rhk.pk) for rhk in skp.rhk_list}
    for prefix in bound:
        match = BOUND_CARD.fullmatch(prefix)
        if match is None:
            continue
        if match["new"]:
            return NEW_RHK
        if match["indicator"]:
            indicator_pk = int(match["indicator"])
            for rhk in skp.rhk_list:
                if any(i.pk == indicator_pk for i in rhk.indicators.all()):
                    return _card(rhk.pk)
            continue
        return _card(match["rhk"])
    asked = request.GET.get(OPEN_PARAMETER, "")
    if asked == NEW_RHK or not cards:
        return NEW_RHK
    return asked if asked in cards else ""


def _open_row(skp, rhk, choices: Choices, periods, form_for) -> dict:
    """The forms of one RHK card: the RHK, each indicator, a new indicator, the action plan."""
    return {
        "open": True,
        "form": form_for(
            f"rhk-{rhk.pk}",
            lambda p: _rhk_form(skp, choices, prefix=p, initial=RhkForm.initial_of(rhk)),
        ),
        "indicators": [
            (
                indicator,
                form_for(
                    f"iki-{indicator.pk}",
                    lambda p, i=indicator: IndicatorForm(
                        prefix=p, initial=IndicatorForm.initial_of(i)
                    ),
                ),
            )
            for indicator in rhk.indicators.all()
        ],
        "new_indicator": form_for(f"new-iki-{rhk.pk}", lambda p: IndicatorForm(prefix=p)),
        "actions": form_for(
            f"aksi-{rhk.pk}",
            lambda p: ActionPlanForm(
                prefix=p, periods=periods, initial=ActionPlanForm.initial_of(rhk)
            ),
        ),
    }


def editor_page(request, skp, *, bound=None, errors=None, status=200):
    """The whole editor with at most one card open; a bound form (by prefix) replaces the blank
    one it was made from, and its card is the one open."""
    bound = bound or {}
    selectors.skp_content(skp, action_plans=False, links=EDITOR_RHK_LINKS)
    facts = plan_facts(skp, skp.rhk_list)
    opened = _opened(request, skp, bound)
    open_rhks = [rhk for rhk in skp.rhk_list if _card(rhk.pk) == opened]
    selectors.load_action_plans(open_rhks)
    choices = _choices(skp, open_rhks) if opened else None
    periods = selectors_plan.action_periods(skp) if open_rhks else []
    returned = skp.status == SkpStatus.RETURNED
    general_comments, rhk_comments = selectors_review.return_comments(skp) if returned else ([], {})

    def form_for(prefix, make):
        return bound.get(prefix) or make(prefix)

    rows = []
    for rhk in skp.rhk_list:
        row = {"rhk": rhk, "return_comments": rhk_comments.get(rhk.pk, []), "open": False}
        if rhk in open_rhks:
            row.update(_open_row(skp, rhk, choices, periods, form_for))
        rows.append(row)
    behaviours = behaviour_rows(skp)
    for row in behaviours:
        row["form"] = form_for(
            f"beh-{row['value']}",
            lambda p, row=row: BehaviourForm(
                prefix=p, initial={"special_expectation": row["special_expectation"]}
            ),
        )
    new_rhk_form = None
    if opened == NEW_RHK:
        new_rhk_form = form_for(
            "new-rhk", lambda p: _rhk_form(skp, choices, prefix=p, initial={"kind": "utama"})
        )
    context = {
        "skp": skp,
        "badge": STATUS_BADGES.get(skp.status, ""),
        **deadline_facts(skp, request.viewer.today),
        "is_jpt": skp.form == rules.FORM_JPT,
        "utama_rows": [r for r in rows if r["rhk"].kind == rules.UTAMA],
        "tambahan_rows": [r for r in rows if r["rhk"].kind == rules.TAMBAHAN],
        "behaviours": behaviours,
        "annex_form": form_for(
            "annex", lambda p: AnnexForm(prefix=p, initial=AnnexForm.initial_of(skp))
        ),
        "new_rhk_form": new_rhk_form,
        "open_parameter": OPEN_PARAMETER,
        # A card opened in place (htmx) takes the focus to its heading, for keyboards and
        # screen readers; a page loaded whole keeps the browser's own focus and anchor.
        "focus_open_card": bool(request.htmx),
        "new_rhk": NEW_RHK,
        "acting_missing": acting_without_result(skp, skp.rhk_list),
        "problems": problem_messages(skp, plan_problems_of(skp, facts), skp.rhk_list),
        "warnings": plan_warnings(skp, facts),
        "errors": errors or [],
        "returned": returned,
        "return_comments": general_comments,
        "commented_rhk": sum(1 for comments in rhk_comments.values() if comments),
    }
    return render(request, "skp/plan/edit.html", context, status=status)


@login_required
def edit_view(request, pk: int):
    skp, refusal = _editable(request, pk, related=selectors.PAGE_RELATED)
    return refusal or editor_page(request, skp)


# --- autosaving forms -----------------------------------------------------------------------


def _autosave(request, skp, *, form, kind: str, anchor: str, save, context, rhk_pk=None):
    """Validate, call the service, and answer with the fragment (htmx) or the page."""
    if form.is_valid():
        try:
            save(form.cleaned_data)
        except SERVICE_ERRORS as error:
            copy_errors(form, error)
    saved = not form.errors
    if request.htmx:
        fragment_context = {
            **context,
            "skp": skp,
            "form": form,
            "fragment": True,
            "saved": saved,
            "saved_at": timezone.localtime(),
        }
        response = render(request, FRAGMENTS[kind], fragment_context)
        if saved and not request.POST.get("_had_errors"):
            # Keep what the user is typing elsewhere in the form; only the status changes.
            response["HX-Reswap"] = "none"
        return response
    if saved:
        messages.success(request, _("Saved."))
        return redirect(_edit_url(skp, anchor, rhk_pk=rhk_pk))
    return editor_page(request, skp, bound={form.prefix: form}, status=400)


def _get_rhk(skp, rhk_pk: int):
    rhk = selectors_plan.get_rhk(skp, rhk_pk)
    if rhk is None:
        raise Http404
    return rhk


def _get_indicator(skp, indicator_pk: int):
    indicator = selectors_plan.get_indicator(skp, indicator_pk)
    if indicator is None:
        raise Http404
    return indicator


@login_required
@require_POST
def rhk_update_view(request, pk: int, rhk_pk: int):
    skp, refusal = _editable(request, pk)
    if refusal:
        return refusal
    rhk = _get_rhk(skp, rhk_pk)
    form = _rhk_form(skp, _choices(skp, [rhk]), data=request.POST, prefix=f"rhk-{rhk.pk}")

    def save(data):
        services.rhk_update(actor=request.viewer, rhk=rhk, **form.changes())

    return _autosave(
        request,
        skp,
        form=form,
        kind="rhk",
        anchor=f"rhk-{rhk.pk}",
        save=save,
        context={"rhk": rhk},
        rhk_pk=rhk.pk,
    )


@login_required
@require_POST
def indicator_update_view(request, pk: int, indicator_pk: int):
    skp, refusal = _editable(request, pk)
    if refusal:
        return refusal
    indicator = _get_indicator(skp, indicator_pk)
    form = IndicatorForm(request.POST, prefix=f"iki-{indicator.pk}")

    def save(data):
        services.indicator_update(actor=request.viewer, indicator=indicator, **data)

    return _autosave(
        request,
        skp,
        form=form,
        kind="indicator",
        anchor=f"iki-{indicator.pk}",
        save=save,
        context={"indicator": indicator, "rhk": indicator.rhk},
        rhk_pk=indicator.rhk_id,
    )


@login_required
@require_POST
def action_plans_view(request, pk: int, rhk_pk: int):
    skp, refusal = _editable(request, pk)
    if refusal:
        return refusal
    rhk = _get_rhk(skp, rhk_pk)
    periods = selectors_plan.action_periods(skp)
    form = ActionPlanForm(request.POST, prefix=f"aksi-{rhk.pk}", periods=periods)

    def save(data):
        services.action_plans_save(
            actor=request.viewer,
            rhk=rhk,
            entries={
                period.pk: (data[f"text_{period.number}"], data[f"target_{period.number}"])
                for period in periods
            },
        )

    return _autosave(
        request,
        skp,
        form=form,
        kind="actions",
        anchor=f"aksi-{rhk.pk}",
        save=save,
        context={"rhk": rhk},
        rhk_pk=rhk.pk,
    )


@login_required
@require_POST
def behaviour_view(request, pk: int, value: str):
    skp, refusal = _editable(request, pk)
    if refusal:
        return refusal
    if value not in CoreValue.values:
        raise Http404
    form = BehaviourForm(request.POST, prefix=f"beh-{value}")
    row = {"value": value, "label": CoreValue(value).label}

    def save(data):
        services.behaviour_set(
            actor=request.viewer,
            skp=skp,
            value=value,
            special_expectation=data["special_expectation"],
        )

    return _autosave(
        request,
        skp,
        form=form,
        kind="behaviour",
        anchor=f"beh-{value}",
        save=save,
        context={"row": row},
    )


@login_required
@require_POST
def annex_view(request, pk: int):
    skp, refusal = _editable(request, pk)
    if refusal:
        return refusal
    form = AnnexForm(request.POST, prefix="annex")

    def save(data):
        services.skp_update(actor=request.viewer, skp=skp, **data)

    return _autosave(request, skp, form=form, kind="annex", anchor="annex", save=save, context={})


# --- the leader's indicators of the chosen leader RHK (htmx) ---------------------------------

RHK_FORM_PREFIX = re.compile(r"(new-rhk|rhk-(?P<pk>\d+))")


@login_required
@require_GET
def leader_indicator_options_view(request, pk: int):
    """The leader-indicator field of one RHK form, for the leader RHK chosen in it."""
    skp, refusal = _editable(request, pk)
    if refusal:
        return refusal
    if skp.form == rules.FORM_JPT:
        raise Http404
    match = RHK_FORM_PREFIX.fullmatch(request.GET.get("prefix", ""))
    if match is None:
        raise Http404
    prefix = match.group(0)
    # An existing RHK keeps its stored leader RHK on offer, as in the editor.
    rhks = [_get_rhk(skp, int(match.group("pk")))] if match.group("pk") else []
    form = _rhk_form(
        skp,
        _leader_choices(skp, rhks),
        prefix=prefix,
        initial={"intervened_rhk": request.GET.get(f"{prefix}-intervened_rhk", "")},
    )
    return render(request, "skp/plan/_field.html", {"field": form["intervened_indicator"]})


# --- adding and removing --------------------------------------------------------------------


@login_required
@require_POST
def rhk_add_view(request, pk: int):
    skp, refusal = _editable(request, pk)
    if refusal:
        return refusal
    form = _rhk_form(skp, _choices(skp, []), data=request.POST, prefix="new-rhk")
    if form.is_valid():
        data = form.changes()
        text, kind = data.pop("text"), data.pop("kind")
        data = {k: v for k, v in data.items() if v not in (None, "")}
        try:
            rhk = services.rhk_add(actor=request.viewer, skp=skp, text=text, kind=kind, **data)
        except SERVICE_ERRORS as error:
            copy_errors(form, error)
        else:
            messages.success(request, _("The RHK has been added; now add its indicators."))
            return redirect(_edit_url(skp, f"rhk-{rhk.pk}", rhk_pk=rhk.pk))
    return editor_page(request, skp, bound={form.prefix: form}, status=400)


@login_required
@require_POST
def acting_result_add_view(request, pk: int, assignment_pk: int):
    """Add the duties of a Plt./Plh. post held during the plan as a main result."""
    skp, refusal = _editable(request, pk)
    if refusal:
        return refusal
    try:
        rhk = services.acting_result_add(actor=request.viewer, skp=skp, assignment=assignment_pk)
    except SERVICE_ERRORS as error:
        return editor_page(request, skp, errors=error_messages(error), status=400)
    messages.success(
        request, _("The duties of the acting post are now a main result; add its indicators.")
    )
    return redirect(_edit_url(skp, f"rhk-{rhk.pk}", rhk_pk=rhk.pk))


@login_required
@require_POST
def rhk_remove_view(request, pk: int, rhk_pk: int):
    skp, refusal = _editable(request, pk)
    if refusal:
        return refusal
    rhk = _get_rhk(skp, rhk_pk)
    try:
        services.rhk_remove(actor=request.viewer, rhk=rhk)
    except SERVICE_ERRORS as error:
        return editor_page(request, skp, errors=error_messages(error), status=400)
    messages.success(request, _("The RHK has been removed."))
    return redirect(_edit_url(skp))


@login_required
@require_POST
def indicator_add_view(request, pk: int, rhk_pk: int):
    skp, refusal = _editable(request, pk)
    if refusal:
        return refusal
    rhk = _get_rhk(skp, rhk_pk)
    form = IndicatorForm(request.POST, prefix=f"new-iki-{rhk.pk}")
    if form.is_valid():
        data = dict(form.cleaned_data)
        text = data.pop("text")
        try:
            indicator = services.indicator_add(actor=request.viewer, rhk=rhk, text=text, **data)
        except SERVICE_ERRORS as error:
            copy_errors(form, error)
        else:
            messages.success(request, _("The indicator has been added."))
            return redirect(_edit_url(skp, f"iki-{indicator.pk}", rhk_pk=indicator.rhk_id))
    return editor_page(request, skp, bound={form.prefix: form}, status=400)


@login_required
@require_POST
def indicator_remove_view(request, pk: int, indicator_pk: int):
    skp, refusal = _editable(request, pk)
    if refusal:
        return refusal
    indicator = _get_indicator(skp, indicator_pk)
    try:
        services.indicator_remove(actor=request.viewer, indicator=indicator)
    except SERVICE_ERRORS as error:
        return editor_page(request, skp, errors=error_messages(error), status=400)
    messages.success(request, _("The indicator has been removed."))
    return redirect(_edit_url(skp, f"rhk-{indicator.rhk_id}", rhk_pk=indicator.rhk_id))
