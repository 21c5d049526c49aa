"""Read-only SKP pages: my plans, one plan, the list of plans in scope, the versions.

Order of answers: anonymous -> login, outside the viewer's scope 404.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from kinerja.accounts.models import Role
from kinerja.core import freshness
from kinerja.core.numbers import is_ascii_digits
from kinerja.skp import permissions, rules, selectors
from kinerja.skp.berakhlak import BEHAVIOUR_GUIDES, VALUE_MEANINGS, CoreValue
from kinerja.skp.diff import skp_diff
from kinerja.skp.forms.plan import ListFilterForm, StartSkpForm
from kinerja.skp.problems import plan_facts, plan_problems_of, plan_warnings, problem_messages
from kinerja.skp.selectors import plan as selectors_plan
from kinerja.skp.selectors.exemptions import exemption_during, exemption_of
from kinerja.skp.selectors.rater_change import (
    own_rater_changes,
    plan_rater_change,
)
from kinerja.skp.selectors.takeovers import takeovers_of_plan
from kinerja.skp.views._common import STATUS_BADGES, deadline_facts
from kinerja.skp.views.diff_rows import diff_rows

PLANS_PER_PAGE = 50


# --- my SKP ---------------------------------------------------------------------------------


def home_context(request, start_form=None) -> dict:
    viewer = request.viewer
    year = viewer.today.year
    plans = selectors_plan.own_plans(viewer)
    rows = [
        (skp, STATUS_BADGES.get(skp.status, ""), deadline_facts(skp, viewer.today)) for skp in plans
    ]
    exemption = (
        exemption_of(viewer.employee_id, viewer.today) if viewer.employee_id is not None else None
    )
    can_start = (
        viewer.employee_id is not None
        and exemption is None
        and selectors_plan.open_plan_among(plans, year) is None
    )
    return {
        "rater_changes": own_rater_changes(viewer, plans),
        "exemption": exemption,
        "can_see_exemptions": permissions.can_read_exemptions(viewer),
        "rows": rows,
        "year": year,
        "can_start": can_start,
        "start_form": start_form or StartSkpForm(initial={"year": year}),
        "overseer": bool(viewer.granted_roles & {Role.PIMPINAN, Role.AUDITOR, Role.BKPSDM_ADMIN}),
        "no_employee": viewer.employee_id is None,
    }


@login_required
def home_view(request):
    return render(request, "skp/plan/home.html", home_context(request))


# --- one SKP --------------------------------------------------------------------------------


def behaviour_rows(skp) -> list[dict]:
    """The seven BerAKHLAK values in their order, with guides and the special expectation."""
    expectations = {b.value: b for b in getattr(skp, "behaviour_list", [])}
    return [
        {
            "value": value,
            "label": label,
            "meaning": VALUE_MEANINGS[value],
            "guides": BEHAVIOUR_GUIDES[value],
            "row": expectations.get(value),
            "special_expectation": getattr(expectations.get(value), "special_expectation", ""),
        }
        for value, label in CoreValue.choices
    ]


def split_rhks(rhks) -> tuple[list, list]:
    return (
        [r for r in rhks if r.kind == rules.UTAMA],
        [r for r in rhks if r.kind == rules.TAMBAHAN],
    )


def rhk_sections(utama, tambahan) -> list:
    return [
        (utama, _("A. UTAMA (main results)")),
        (tambahan, _("B. TAMBAHAN (additional results)")),
    ]


def detail_page(request, skp, *, errors=None, dialogue_form=None, status=200):
    """The SKP in its read-only layout, with the workflow buttons the viewer may use."""
    from kinerja.org import personal_data
    from kinerja.skp.forms.plan import DialogueForm

    viewer = request.viewer
    selectors.skp_content(skp)
    utama, tambahan = split_rhks(skp.rhk_list)
    rhk_comments: dict[int, list] = {}
    plan_comments = []
    for comment in skp.comment_list:
        if comment.rhk_id:
            rhk_comments.setdefault(comment.rhk_id, []).append(comment)
        else:
            plan_comments.append(comment)
    for rhk in skp.rhk_list:
        rhk.comment_rows = rhk_comments.get(rhk.pk, [])
    problems, warnings = [], []
    if not skp.is_final:
        facts = plan_facts(skp, skp.rhk_list)
        problems = problem_messages(skp, plan_problems_of(skp, facts), skp.rhk_list)
        warnings = plan_warnings(skp, facts)
    for rhk in skp.rhk_list:
        rhk.plan_rows = [
            (selectors_plan.action_period_label(plan.period), plan)
            for plan in rhk.action_plans.all()
        ]
    takeovers = takeovers_of_plan(skp)
    in_force = {t.rhk_key: t for t in takeovers if t.withdrawn_at is None}
    for rhk in skp.rhk_list:
        rhk.takeover = in_force.get(rhk.key)
    actions = permissions.allowed_actions(viewer, skp)
    rater_change = plan_rater_change(skp, viewer.today)
    context = {
        "skp": skp,
        "badge": STATUS_BADGES.get(skp.status, ""),
        **deadline_facts(skp, viewer.today),
        "sections": rhk_sections(utama, tambahan),
        "is_jpt": skp.form == rules.FORM_JPT,
        "behaviours": behaviour_rows(skp),
        "plan_comments": plan_comments,
        "problems": problems,
        "warnings": warnings,
        "errors": errors or [],
        "actions": actions,
        "review_actions": [a for a in actions if a in ("set", "return")],
        "dialogue_form": dialogue_form or DialogueForm(),
        "can_edit": permissions.can_edit(viewer, skp),
        "can_revise": permissions.can_revise(viewer, skp),
        "can_restart": permissions.can_restart(viewer, skp),
        "takeovers": takeovers,
        "can_take_over": permissions.can_take_over_rhk(viewer, skp),
        "can_withdraw_takeover": permissions.can_withdraw_takeover(viewer, skp),
        "rater_change": rater_change,
        "can_restart_for_new_rater": permissions.can_restart_for_new_rater(
            viewer, skp, rater_change
        ),
        "employee_nip": personal_data.for_viewer(viewer).nip(skp.employee),
        # An exemption closes the plan in force on the day before it begins.
        "exemption": exemption_during(
            skp.employee_id, skp.start_date, skp.end_date + datetime.timedelta(days=1)
        ),
        "show_exemption_reason": permissions.can_see_exemption_reason(viewer, skp.employee_id),
    }
    return render(request, "skp/plan/detail.html", context, status=status)


@login_required
def detail_view(request, pk: int):
    # Whether the organisation data changed since the plan started is read with the plan.
    skp = selectors.get_skp(
        request.viewer, pk, flag_org_change=True, related=selectors.PAGE_RELATED
    )
    return detail_page(request, skp)


# --- the list -------------------------------------------------------------------------------


@login_required
def list_view(request):
    viewer = request.viewer
    query = request.GET.copy()
    query.pop("page", None)
    query.pop(freshness.REFRESH_PARAMETER, None)
    refresh = freshness.wants_refresh(request)
    # The years of the filter and the plans per year and unit (the paging) scan every plan the
    # viewer may read, a province's hundred thousand: kept a minute per person and filter
    # (kinerja.core.freshness). The rows of the page are read fresh.
    years, _built_at = freshness.kept(
        viewer, "skp-list-years", (), lambda: selectors_plan.plan_years(viewer), refresh=refresh
    )
    form = ListFilterForm(
        request.GET or None,
        years=years,
        units=selectors_plan.plan_units(viewer, chosen=request.GET.get("unit")),
    )
    plans = selectors_plan.plan_list(viewer, **form.filters())
    plans.groups, _built_at = freshness.kept(
        viewer, "skp-list-groups", (query.urlencode(),), lambda: plans.groups, refresh=refresh
    )
    page = Paginator(plans, PLANS_PER_PAGE).get_page(request.GET.get("page"))
    for skp in page.object_list:
        skp.badge = STATUS_BADGES.get(skp.status, "")
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, "skp/plan/list.html", context)


# --- versions -------------------------------------------------------------------------------


@login_required
def versions_view(request, pk: int):
    """Every version of the plan with the reason of each change, and what changed."""
    skp = selectors.get_skp(request.viewer, pk)
    versions = selectors.skp_versions(skp)
    raw = request.GET.get("v")
    if raw is None:
        chosen = skp
    else:
        if not is_ascii_digits(raw):
            raise Http404
        chosen = next((v for v in versions if v.version == int(raw)), None)
        if chosen is None:
            raise Http404
    previous = next((v for v in versions if v.version == chosen.version - 1), None)
    diff = skp_diff(previous, chosen) if previous is not None else None
    context = {
        "skp": skp,
        "versions": [(v, STATUS_BADGES.get(v.status, "")) for v in versions],
        "chosen": chosen,
        "previous": previous,
        "diff": diff,
        "rows": diff_rows(diff) if diff is not None else None,
        "latest": next((v for v in versions if v.is_latest), skp),
    }
    return render(request, "skp/plan/versions.html", context)
