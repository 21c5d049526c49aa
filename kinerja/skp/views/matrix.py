"""Pages of the matriks peran hasil (format A.1.5) and of the RHK templates per position."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.core.errors import SERVICE_ERRORS
from kinerja.core.forms import copy_errors
from kinerja.skp.forms.matrix import MatrixForm, TeamForm, TemplateForm, template_initial
from kinerja.skp.selectors import matrix as selectors
from kinerja.skp.services import matrix as matrix_services
from kinerja.skp.services import templates as template_services

SUMMARY_KEY = "skp_matrix_summary"


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _year(request) -> int:
    year = _int(request.POST.get("year") or request.GET.get("year"))
    today = request.viewer.today.year
    return year if year and 2000 <= year <= today + 5 else today


# --- matrix -------------------------------------------------------------------------------------


def _leader(request):
    raw = request.POST.get("employee") or request.GET.get("employee")
    leader = selectors.get_leader(request.viewer, _int(raw))
    if not selectors.can_view_matrix(request.viewer, leader):
        raise PermissionDenied
    return leader


def _matrix_url(leader, year, viewer, **extra) -> str:
    query = {"year": year}
    if leader.pk != viewer.employee_id:
        query["employee"] = leader.pk
    query.update(extra)
    return reverse("skp:matrix") + "?" + urlencode(query)


def _summary(result, viewer) -> dict:
    """What a save changed, for the session; the reasons why people are not subject to
    planning only for viewers who may see them (personal data)."""

    def rows(changes):
        return [
            {
                "employee": c.employee_label,
                "column": c.column_label,
                "plan_url": selectors.plan_url(c.plan_id) if c.plan_id else "",
                "revise_url": selectors.revise_url(c.plan_id) if c.plan_id else "",
                "status": c.status,
                "reason": selectors.shown_reason(viewer, c),
            }
            for c in changes
        ]

    return {
        "cells_changed": result.cells_changed,
        "drafts_created": rows(result.drafts_created),
        "created": rows(result.created),
        "updated": rows(result.updated),
        "removed": rows(result.removed),
        "kept": rows(result.kept),
        "skipped": rows(result.skipped),
        "exempt": rows(result.exempt),
    }


def _matrix_page(request, leader, year, *, form=None, team_form=None, failed_team=None, status=200):
    viewer = request.viewer
    levels = _int(request.GET.get("levels")) if request.method == "GET" else None
    levels = levels if levels in (1, 2) else None
    if form is not None:
        matrix = form.matrix
    else:
        matrix = selectors.matrix_for(viewer, leader, year, levels=levels)
        form = MatrixForm(matrix=matrix, initial={"levels": matrix.levels})
    candidates = []
    if matrix.can_edit and matrix.levels == 2:
        candidates = selectors.team_candidates(leader, matrix.day)
    if team_form is None and candidates:
        team_form = TeamForm(candidates=candidates, auto_id="team-new-%s")
    team_forms = []
    if candidates:
        for team in matrix.teams:
            if failed_team and failed_team[0] == team.pk:
                team_forms.append((team, failed_team[1]))
                continue
            team_forms.append(
                (
                    team,
                    TeamForm(
                        candidates=candidates,
                        auto_id=f"team-{team.pk}-%s",
                        initial={
                            "name": team.name,
                            "team_leader": team.team_leader_id,
                            "members": [m.pk for m in team.members.all()],
                        },
                    ),
                )
            )
    context = {
        "matrix": matrix,
        "form": form,
        "team_form": team_form,
        "team_forms": team_forms,
        "year": year,
        "years": list(range(viewer.today.year + 1, viewer.today.year - 4, -1)),
        "leader": leader,
        "is_own": leader.pk == viewer.employee_id,
        "summary": request.session.pop(SUMMARY_KEY, None) if request.method == "GET" else None,
        "matrix_url": _matrix_url(leader, year, viewer),
        "other_levels_url": _matrix_url(leader, year, viewer, levels=3 - matrix.levels),
        "leader_plan_url": selectors.plan_url(matrix.leader_plan.pk) if matrix.leader_plan else "",
    }
    return render(request, "skp/matrix/matrix.html", context, status=status)


@login_required
def matrix_view(request):
    """The leader's matrix: read it, or save every cell at once."""
    viewer = request.viewer
    year = _year(request)
    leader = _leader(request)
    if request.method != "POST":
        return _matrix_page(request, leader, year)
    if not selectors.can_edit_matrix(viewer, leader):
        raise PermissionDenied
    levels = _int(request.POST.get("levels"))
    levels = levels if levels in (1, 2) else None
    matrix = selectors.matrix_for(viewer, leader, year, levels=levels)
    form = MatrixForm(request.POST, matrix=matrix)
    if form.is_valid():
        try:
            result = matrix_services.matrix_save(
                actor=viewer,
                leader=leader,
                year=year,
                cells=form.cells(),
                levels=form.cleaned_data.get("levels") or None,
            )
        except SERVICE_ERRORS as error:
            form.add_save_error(error)
        else:
            request.session[SUMMARY_KEY] = _summary(result, viewer)
            messages.success(request, _("The matrix has been saved."))
            return redirect(_matrix_url(leader, year, viewer))
    return _matrix_page(request, leader, year, form=form, status=400)


def _team_leader_and_year(request, team=None):
    viewer = request.viewer
    if team is not None:
        leader, year = team.matrix.leader, team.matrix.year
    else:
        leader, year = _leader(request), _year(request)
    if not selectors.can_edit_matrix(viewer, leader):
        raise PermissionDenied
    return leader, year


def _team_form_result(request, leader, year, form, save, team=None):
    if form.is_valid():
        data = form.cleaned_data
        try:
            save(data)
        except SERVICE_ERRORS as error:
            copy_errors(form, error)
        else:
            messages.success(request, _("The work team has been saved."))
            return redirect(_matrix_url(leader, year, request.viewer))
    request.method = "GET"  # render the page as read, with this form bound
    if team is not None:
        return _matrix_page(request, leader, year, failed_team=(team.pk, form), status=400)
    return _matrix_page(request, leader, year, team_form=form, status=400)


@login_required
@require_POST
def team_create_view(request):
    leader, year = _team_leader_and_year(request)
    day = selectors.matrix_day(year, request.viewer.today)
    form = TeamForm(
        request.POST, candidates=selectors.team_candidates(leader, day), auto_id="team-new-%s"
    )
    return _team_form_result(
        request,
        leader,
        year,
        form,
        lambda data: matrix_services.work_team_create(
            actor=request.viewer,
            leader=leader,
            year=year,
            name=data["name"],
            team_leader=data["team_leader"],
            members=data["members"],
        ),
    )


@login_required
@require_POST
def team_update_view(request, pk: int):
    team = selectors.get_team(request.viewer, pk)
    leader, year = _team_leader_and_year(request, team)
    day = selectors.matrix_day(year, request.viewer.today)
    form = TeamForm(
        request.POST, candidates=selectors.team_candidates(leader, day), auto_id=f"team-{pk}-%s"
    )
    return _team_form_result(
        request,
        leader,
        year,
        form,
        lambda data: matrix_services.work_team_update(
            actor=request.viewer,
            team=team,
            name=data["name"],
            team_leader=data["team_leader"],
            members=data["members"],
        ),
        team=team,
    )


@login_required
@require_POST
def team_delete_view(request, pk: int):
    team = selectors.get_team(request.viewer, pk)
    leader, year = _team_leader_and_year(request, team)
    matrix_services.work_team_delete(actor=request.viewer, team=team)
    messages.success(request, _("The work team has been removed."))
    return redirect(_matrix_url(leader, year, request.viewer))


# --- templates ------------------------------------------------------------------------------------


def _templates_url(position, year, **extra) -> str:
    return (
        reverse("skp:templates") + "?" + urlencode({"position": position.pk, "year": year, **extra})
    )


def _may_manage_any(viewer) -> bool:
    return viewer.is_bkpsdm_admin or bool(viewer.admin_unit_paths)


def _template_position(request):
    raw = request.POST.get("position") or request.GET.get("position")
    if not raw:
        return None
    position = selectors.get_position(request.viewer, _int(raw, 0))
    if not selectors.can_manage_templates(request.viewer, position):
        raise PermissionDenied
    return position


def _templates_page(
    request, position, year, *, form=None, editing=None, apply_result=None, status=200
):
    viewer = request.viewer
    context = {
        "year": year,
        "position": position,
        "years": list(range(viewer.today.year + 1, viewer.today.year - 4, -1)),
    }
    if position is None:
        search = request.GET.get("q", "")
        context.update(positions=selectors.positions_for_templates(viewer, search), search=search)
        return render(request, "skp/matrix/templates.html", context, status=status)
    if form is None:
        initial = template_initial(editing) if editing else {}
        form = _template_form(position, year, editing, initial=initial)
    day = selectors.matrix_day(year, viewer.today)
    holders = selectors.position_holders(position, day)
    exemptions = selectors.exemptions_by_employee([a.employee_id for a in holders], day)
    context.update(
        templates=selectors.position_templates(position, year),
        holders=holders,
        exempt_holders=[
            (a.employee, exemptions[a.employee_id]) for a in holders if a.employee_id in exemptions
        ],
        form=form,
        editing=editing,
        apply_result=apply_result,
        plan_url=selectors.plan_url,
    )
    return render(request, "skp/matrix/templates.html", context, status=status)


@login_required
def templates_view(request):
    """The RHK templates of a position (choose a position first), and adding one."""
    viewer = request.viewer
    if not _may_manage_any(viewer):
        raise PermissionDenied
    year = _year(request)
    position = _template_position(request)
    if request.method != "POST":
        editing = None
        if position is not None and request.GET.get("edit"):
            editing = selectors.get_template(viewer, _int(request.GET["edit"], 0))
            if editing.position_id != position.pk:
                editing = None
        return _templates_page(request, position, year, editing=editing)
    if position is None:
        raise PermissionDenied
    return _template_save(request, position, year, None)


def _template_form(position, year, template, data=None, initial=None) -> TemplateForm:
    """The template form with its choices; a stored indicator stays a choice."""
    keep = [template.iku_indicator_id] if template is not None else []
    return TemplateForm(
        data,
        initial=initial,
        leader_rhks=selectors.leader_rhk_choices(position, year),
        iku_indicators=selectors.template_iku_indicator_choices(position, year, keep_ids=keep),
    )


def _template_save(request, position, year, template):
    form = _template_form(position, year, template, data=request.POST)
    if form.is_valid():
        try:
            template_services.rhk_template_save(
                actor=request.viewer,
                position=position,
                year=year,
                template=template,
                **form.cleaned_data,
            )
        except SERVICE_ERRORS as error:
            copy_errors(form, error)
        else:
            messages.success(request, _("The template has been saved."))
            return redirect(_templates_url(position, year))
    return _templates_page(request, position, year, form=form, editing=template, status=400)


def _template_of(request, pk):
    template = selectors.get_template(request.viewer, pk)
    if not selectors.can_manage_templates(request.viewer, template.position):
        raise PermissionDenied
    return template


@login_required
@require_POST
def template_update_view(request, pk: int):
    template = _template_of(request, pk)
    return _template_save(request, template.position, template.year, template)


@login_required
@require_POST
def template_delete_view(request, pk: int):
    template = _template_of(request, pk)
    template_services.rhk_template_save(
        actor=request.viewer,
        position=template.position,
        year=template.year,
        template=template,
        delete=True,
    )
    messages.success(request, _("The template has been removed."))
    return redirect(_templates_url(template.position, template.year))


@login_required
@require_POST
def templates_apply_view(request):
    """Write the templates into the plan of every holder of the position."""
    if not _may_manage_any(request.viewer):
        raise PermissionDenied
    position = _template_position(request)
    if position is None:
        raise PermissionDenied
    year = _year(request)
    try:
        result = template_services.rhk_templates_apply(
            actor=request.viewer, position=position, year=year
        )
    except SERVICE_ERRORS as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect(_templates_url(position, year))
    messages.success(
        request,
        _(
            "Templates applied to %(holders)s holders: %(created)s RHK added, %(updated)s "
            "updated, %(removed)s removed, %(drafts)s draft plans started, %(skipped)s plans "
            "skipped, %(exempt)s holders not subject to planning."
        )
        % {
            "holders": result.holders,
            "created": result.rhk_created,
            "updated": result.rhk_updated,
            "removed": result.rhk_removed,
            "drafts": len(result.drafts_created),
            "skipped": len(result.skipped),
            "exempt": len(result.exempt),
        },
    )
    return _templates_page(request, position, year, apply_result=result)
