"""The SKP cascade in the API: the matriks peran hasil, the RHK templates of a position and the
alignment lists, with the pages' services and permissions.

The matrix is read by the leader and the whole-agency roles and saved by the leader or BKPSDM;
templates are managed by the admins of the post's unit and BKPSDM; the alignment lists are
read by the overseers (the agency) and by unit admins and leaders (their units). None of
them is ever final: a submitted or set plan is left alone and reported, never a 409.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import paginate

from kinerja.api.pagination import LimitOffset
from kinerja.api.schemas import MessageOut, responses
from kinerja.api.types import Id
from kinerja.skp.api.schemas.cascade import (
    AlignmentFilters,
    AlignmentOut,
    MatrixFilters,
    MatrixOut,
    MatrixSaveIn,
    MatrixSaveOut,
    RhkTemplateFilters,
    RhkTemplateIn,
    RhkTemplateOut,
    RhkTemplatePatchIn,
    TemplatesApplyIn,
    TemplatesApplyOut,
    WorkTeamCreateIn,
    WorkTeamIn,
    WorkTeamOut,
)
from kinerja.skp.selectors import alignment as alignment_selectors
from kinerja.skp.selectors import matrix as matrix_selectors
from kinerja.skp.services import matrix as matrix_services
from kinerja.skp.services import templates as template_services

router = Router(tags=["individual performance plans (SKP)"])


# --- the matriks peran hasil ------------------------------------------------------------------


@router.get(
    "/skp/matrix",
    response=responses(MatrixOut, 403, 404),
    operation_id="skp_matrix_detail",
    summary="A leader's matriks peran hasil for a year",
)
def matrix_detail(request, filters: Query[MatrixFilters]):
    """The leader's own matrix by default; BKPSDM, pimpinan and auditors read anyone's of the
    agency (`employee`). A login without an employee record names the leader."""
    viewer = request.viewer
    leader = matrix_selectors.get_leader(viewer, filters.employee)
    return matrix_selectors.matrix_for(viewer, leader, filters.year, levels=filters.levels)


def _changes(viewer, changes) -> list[dict]:
    return [
        {
            "employee_id": c.employee_id,
            "employee": c.employee_label,
            "plan_id": c.plan_id,
            "column": c.column_label,
            "status": c.status,
            "reason": matrix_selectors.shown_reason(viewer, c),
        }
        for c in changes
    ]


@router.put(
    "/skp/matrix",
    response=responses(MatrixSaveOut, 400, 403, 404),
    operation_id="skp_matrix_save",
    summary="Save cells of a leader's matrix into the people's draft plans",
)
def matrix_save(request, payload: MatrixSaveIn):
    """The leader or BKPSDM saves; each role becomes an RHK of the person's draft (started
    when missing). A submitted or set plan is never touched: its cell waits for the revision."""
    viewer = request.viewer
    leader = matrix_selectors.get_leader(viewer, payload.employee)
    result = matrix_services.matrix_save(
        actor=viewer,
        leader=leader,
        year=payload.year,
        cells=[
            {
                "leader_indicator_key": cell.leader_indicator_key,
                "employee_id": cell.employee,
                "role_text": cell.role_text,
                "no_role": cell.no_role,
                "kind": cell.kind,
            }
            for cell in payload.cells
        ],
        levels=payload.levels,
    )
    return {
        "cells_changed": result.cells_changed,
        **{
            name: _changes(viewer, getattr(result, name))
            for name in ("drafts_created", "created", "updated", "removed", "kept", "skipped")
        },
        "exempt": _changes(viewer, result.exempt),
    }


# --- work teams of a two-level matrix ---------------------------------------------------------


def _team_members(leader, payload) -> dict:
    team_leader, members = matrix_selectors.team_people(
        leader, payload.team_leader, payload.members
    )
    return {"name": payload.name, "team_leader": team_leader, "members": members}


@router.post(
    "/skp/matrix/teams",
    response=responses(WorkTeamOut, 400, 403, 404),
    operation_id="skp_matrix_teams_create",
    summary="Form a work team under a leader (two-level alignment)",
)
def team_create(request, payload: WorkTeamCreateIn):
    """The leader or BKPSDM forms it among the leader's subordinates; its leader then has a
    matrix of their own whose rows are the members."""
    viewer = request.viewer
    leader = matrix_selectors.get_leader(viewer, payload.employee)
    return matrix_services.work_team_create(
        actor=viewer, leader=leader, year=payload.year, **_team_members(leader, payload)
    )


@router.put(
    "/skp/matrix/teams/{team_id}",
    response=responses(WorkTeamOut, 400, 403, 404),
    operation_id="skp_matrix_teams_update",
    summary="Rename a work team or change its leader and members",
)
def team_update(request, team_id: Id, payload: WorkTeamIn):
    viewer = request.viewer
    team = matrix_selectors.get_team(viewer, team_id)
    leader = team.matrix.leader
    return matrix_services.work_team_update(
        actor=viewer, team=team, **_team_members(leader, payload)
    )


@router.delete(
    "/skp/matrix/teams/{team_id}",
    response=responses(MessageOut, 403, 404),
    operation_id="skp_matrix_teams_delete",
    summary="Dissolve a work team",
)
def team_delete(request, team_id: Id):
    viewer = request.viewer
    team = matrix_selectors.get_team(viewer, team_id)
    matrix_services.work_team_delete(actor=viewer, team=team)
    return {"detail": str(_("The work team has been removed."))}


# --- RHK templates of a position --------------------------------------------------------------


def _template_position(viewer, pk: int):
    """A post of the agency (404 otherwise) whose templates the viewer manages (403)."""
    position = matrix_selectors.get_position(viewer, pk)
    if not matrix_selectors.can_manage_templates(viewer, position):
        raise PermissionDenied(_(template_services.NO_PERMISSION))
    return position


@router.get(
    "/skp/templates",
    response=responses(list[RhkTemplateOut], 403, 404),
    operation_id="skp_templates_list",
    summary="The RHK templates of a position for a year",
)
@paginate(LimitOffset)
def template_list(request, filters: Query[RhkTemplateFilters]):
    """The admins of the post's unit (or a unit above it) and BKPSDM manage them."""
    position = _template_position(request.viewer, filters.position)
    return matrix_selectors.position_templates(position, filters.year)


@router.post(
    "/skp/templates",
    response=responses(RhkTemplateOut, 400, 403, 404),
    operation_id="skp_templates_create",
    summary="Add an RHK template to a position",
)
def template_create(request, payload: RhkTemplateIn):
    viewer = request.viewer
    sent = payload.dict(exclude={"position", "year"})
    fields = {k: v for k, v in sent.items() if v is not None}
    position = matrix_selectors.get_position(viewer, payload.position)
    return template_services.rhk_template_save(
        actor=viewer, position=position, year=payload.year, **fields
    )


# Before the routes of one template, whose path would take `apply` for an id.
@router.post(
    "/skp/templates/apply",
    response=responses(TemplatesApplyOut, 400, 403, 404),
    operation_id="skp_templates_apply",
    summary="Write a position's templates into the plan of every holder",
)
def templates_apply(request, payload: TemplatesApplyIn):
    """Drafts are started where missing; submitted and set plans are left alone and reported;
    holders not subject to planning are left out."""
    viewer = request.viewer
    position = matrix_selectors.get_position(viewer, payload.position)
    return template_services.rhk_templates_apply(actor=viewer, position=position, year=payload.year)


@router.patch(
    "/skp/templates/{template_id}",
    response=responses(RhkTemplateOut, 400, 403, 404),
    operation_id="skp_templates_update",
    summary="Change an RHK template (only the fields sent)",
)
def template_update(request, template_id: Id, payload: RhkTemplatePatchIn):
    """A link sent as null removes it; the next apply carries the change into the drafts."""
    viewer = request.viewer
    template = matrix_selectors.get_template(viewer, template_id)
    fields = payload.dict(exclude_unset=True)
    nullable = {"intervened_rhk_key", "iku_indicator", "target_value"}
    fields = {k: v for k, v in fields.items() if v is not None or k in nullable}
    return template_services.rhk_template_save(
        actor=viewer, position=template.position, year=template.year, template=template, **fields
    )


@router.delete(
    "/skp/templates/{template_id}",
    response=responses(MessageOut, 403, 404),
    operation_id="skp_templates_delete",
    summary="Remove an RHK template; the next apply removes its RHK from the drafts",
)
def template_delete(request, template_id: Id):
    viewer = request.viewer
    template = matrix_selectors.get_template(viewer, template_id)
    template_services.rhk_template_save(
        actor=viewer,
        position=template.position,
        year=template.year,
        template=template,
        delete=True,
    )
    return {"detail": str(_("The template has been removed."))}


# --- alignment lists --------------------------------------------------------------------------


@router.get(
    "/skp/alignment",
    response=responses(AlignmentOut, 403, 404),
    operation_id="skp_alignment_report",
    summary="What in the cascade needs fixing, for a unit or the agency",
)
def alignment_report(request, filters: Query[AlignmentFilters]):
    """The alignment pages' lists: RHK without a valid link, organisation indicators and leader
    RHK nobody supports, employees without a set SKP and raters with plans waiting."""
    viewer = request.viewer
    unit_id = filters.unit
    if unit_id is None:
        unit_id = alignment_selectors.default_alignment_unit_id(viewer)
    unit = None
    if unit_id is not None:
        unit = alignment_selectors.get_alignment_unit(viewer, unit_id)
        if not alignment_selectors.may_view_unit(viewer, unit):
            raise PermissionDenied
    report = alignment_selectors.alignment_report(
        viewer, year=filters.year, unit=unit, show=filters.show, page=filters.page
    )
    return {
        "year": report.scope.year,
        "unit": unit,
        "totals": report.totals,
        "groups": report.groups,
        "pending_plans": report.pending_plans,
        "exempt_employees": report.exempt_employees,
        "sections": report.sections,
    }
