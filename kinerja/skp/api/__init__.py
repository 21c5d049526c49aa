"""REST API v1 for individual performance plans (SKP): plans, content, workflow and versions.

Scoped exactly like the pages: every read goes through `selectors` or `selectors_api`, and an
object outside the caller's scope is 404. Writes call the SKP services, which check permissions
(403) and validate (400 with the messages per field). A set plan is immutable: a change of its
content or a workflow step on it answers 409 Conflict; it changes only through a new version
(`revise`) or a new plan (`restart`). A request body of the wrong shape answers 422. The
cascade (matrix, templates, alignment) is in `cascade`, the shapes in `schemas`.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import paginate

from kinerja.api.pagination import LimitOffset
from kinerja.api.schemas import responses, write_responses
from kinerja.api.types import Id
from kinerja.core.errors import ImmutableRecordError
from kinerja.skp import selectors, services
from kinerja.skp.api import cascade, takeovers
from kinerja.skp.api.schemas.plans import (
    ExemptionDeletedOut,
    ExemptionFilters,
    ExemptionIn,
    ExemptionOut,
    ExemptionPatchIn,
    SkpActionPlanIn,
    SkpBehaviourIn,
    SkpBehaviourOut,
    SkpCommentIn,
    SkpCommentOut,
    SkpCreateIn,
    SkpDeletedOut,
    SkpDetailOut,
    SkpDialogueIn,
    SkpDiffOut,
    SkpFilters,
    SkpIndicatorIn,
    SkpIndicatorOut,
    SkpIndicatorPatchIn,
    SkpOut,
    SkpRestartIn,
    SkpReturnIn,
    SkpReviseIn,
    SkpRhkIn,
    SkpRhkOut,
    SkpRhkPatchIn,
    SkpUpdateIn,
)
from kinerja.skp.berakhlak import CoreValue
from kinerja.skp.diff import skp_diff
from kinerja.skp.selectors import api as selectors_api
from kinerja.skp.selectors import rater_change as rater_change_selectors

router = Router(tags=["individual performance plans (SKP)"])
router.add_router("/", cascade.router)
router.add_router("/", takeovers.router)


def _ensure_open(skp) -> None:
    """Workflow steps act on the latest version before it is set."""
    if skp.is_final or not skp.is_latest:
        raise ImmutableRecordError(
            _("This SKP has been set and cannot be changed; start a new version instead.")
        )


def _detail(request, pk: int):
    return selectors_api.plan_detail(request.viewer, pk)


# --- plans ------------------------------------------------------------------------------------


@router.get(
    "/skp/plans",
    response=responses(list[SkpOut], 400),
    operation_id="skp_plans_list",
    summary="List SKP the caller may see",
)
@paginate(LimitOffset)
def plan_list(request, filters: Query[SkpFilters]):
    """Own plans, the plans the caller rates (or supervises as the rater's superior), plans of
    posts below the caller's, of the units they administer; the whole agency for BKPSDM,
    pimpinan and auditors. By default only the latest version of each plan."""
    return selectors_api.plan_list(
        request.viewer,
        year=filters.year,
        status=filters.status or "",
        employee_id=filters.employee,
        all_versions=filters.all_versions,
    )


@router.get(
    "/skp/plans/{skp_id}",
    response=responses(SkpDetailOut, 404),
    operation_id="skp_plans_detail",
    summary="One SKP with its RHK, indicators, behaviours and comments",
)
def plan_detail(request, skp_id: Id):
    return _detail(request, skp_id)


@router.post(
    "/skp/plans",
    response=write_responses(SkpDetailOut),
    operation_id="skp_plans_create",
    summary="Start an SKP for a year",
)
def plan_create(request, payload: SkpCreateIn):
    """Starts the caller's own plan with today's post and raters (BKPSDM admins may name
    another employee of the agency)."""
    viewer = request.viewer
    employee_id = payload.employee or viewer.employee_id
    if employee_id is None:
        raise ValidationError({"employee": [_("Name the employee whose SKP to start.")]})
    skp = services.skp_create(actor=viewer, employee=employee_id, year=payload.year)
    return _detail(request, skp.pk)


@router.patch(
    "/skp/plans/{skp_id}",
    response=write_responses(SkpDetailOut),
    operation_id="skp_plans_update",
    summary="Change the approach or the annex of an SKP",
)
def plan_update(request, skp_id: Id, payload: SkpUpdateIn):
    skp = selectors.get_skp(request.viewer, skp_id)
    changes = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    services.skp_update(actor=request.viewer, skp=skp, **changes)
    return _detail(request, skp_id)


# --- RHK and indicators -----------------------------------------------------------------------


_LINKS = {"intervened_rhk", "intervened_indicator", "iku_goal", "iku_indicator"}


def _rhk_fields(payload, *, partial: bool) -> dict:
    """The fields sent; on update a null link unlinks. The service resolves the link ids
    against what the plan may name (400 on the field, the same for an id that names nothing)."""
    data = payload.dict(exclude_unset=partial)
    keep_null = _LINKS if partial else set()
    return {k: v for k, v in data.items() if v is not None or k in keep_null}


@router.post(
    "/skp/plans/{skp_id}/rhks",
    response=write_responses(SkpRhkOut),
    operation_id="skp_rhks_add",
    summary="Add an RHK to a plan",
)
def rhk_add(request, skp_id: Id, payload: SkpRhkIn):
    skp = selectors.get_skp(request.viewer, skp_id)
    fields = _rhk_fields(payload, partial=False)
    rhk = services.rhk_add(actor=request.viewer, skp=skp, **fields)
    return selectors_api.rhk_out(rhk.pk)


@router.patch(
    "/skp/rhks/{rhk_id}",
    response=write_responses(SkpRhkOut),
    operation_id="skp_rhks_update",
    summary="Change an RHK (only the fields sent)",
)
def rhk_update(request, rhk_id: Id, payload: SkpRhkPatchIn):
    """A link field sent as null removes the link."""
    rhk = selectors_api.rhk_in_scope(request.viewer, rhk_id)
    fields = _rhk_fields(payload, partial=True)
    services.rhk_update(actor=request.viewer, rhk=rhk, **fields)
    return selectors_api.rhk_out(rhk_id)


@router.delete(
    "/skp/rhks/{rhk_id}",
    response=write_responses(SkpDeletedOut),
    operation_id="skp_rhks_delete",
    summary="Remove an RHK with its indicators and action plans",
)
def rhk_delete(request, rhk_id: Id):
    rhk = selectors_api.rhk_in_scope(request.viewer, rhk_id)
    services.rhk_remove(actor=request.viewer, rhk=rhk)
    return {"detail": str(_("The RHK has been removed.")), "skp_id": rhk.skp_id}


def _indicator_fields(payload, *, partial: bool) -> dict:
    data = payload.dict(exclude_unset=partial)
    nullable = {"target_value", "target_high"}
    return {k: v for k, v in data.items() if v is not None or (partial and k in nullable)}


@router.post(
    "/skp/rhks/{rhk_id}/indicators",
    response=write_responses(SkpIndicatorOut),
    operation_id="skp_indicators_add",
    summary="Add an indicator (IKI) with its target to an RHK",
)
def indicator_add(request, rhk_id: Id, payload: SkpIndicatorIn):
    rhk = selectors_api.rhk_in_scope(request.viewer, rhk_id)
    indicator = services.indicator_add(
        actor=request.viewer, rhk=rhk, **_indicator_fields(payload, partial=False)
    )
    return selectors_api.indicator_in_scope(request.viewer, indicator.pk)


@router.patch(
    "/skp/indicators/{indicator_id}",
    response=write_responses(SkpIndicatorOut),
    operation_id="skp_indicators_update",
    summary="Change an indicator (only the fields sent)",
)
def indicator_update(request, indicator_id: Id, payload: SkpIndicatorPatchIn):
    indicator = selectors_api.indicator_in_scope(request.viewer, indicator_id)
    services.indicator_update(
        actor=request.viewer, indicator=indicator, **_indicator_fields(payload, partial=True)
    )
    return selectors_api.indicator_in_scope(request.viewer, indicator_id)


@router.delete(
    "/skp/indicators/{indicator_id}",
    response=write_responses(SkpDeletedOut),
    operation_id="skp_indicators_delete",
    summary="Remove an indicator",
)
def indicator_delete(request, indicator_id: Id):
    indicator = selectors_api.indicator_in_scope(request.viewer, indicator_id)
    services.indicator_remove(actor=request.viewer, indicator=indicator)
    return {"detail": str(_("The indicator has been removed.")), "skp_id": indicator.rhk.skp_id}


@router.put(
    "/skp/rhks/{rhk_id}/action-plans/{period_id}",
    response=write_responses(SkpRhkOut),
    operation_id="skp_action_plans_set",
    summary="Write or clear the action plan (rencana aksi) of an RHK for a period",
    description=(
        "`period_id` is one of the evaluation periods (months or quarters) of the plan's "
        "performance year, as listed with each year under `/iku/years`; any other id, missing "
        "or not of that year, answers 400 with the message on `period`."
    ),
)
def action_plan_set(request, rhk_id: Id, period_id: Id, payload: SkpActionPlanIn):
    rhk = selectors_api.rhk_in_scope(request.viewer, rhk_id)
    services.action_plan_set(
        actor=request.viewer,
        rhk=rhk,
        period=period_id,
        text=payload.text,
        target=payload.target,
    )
    return selectors_api.rhk_out(rhk_id)


@router.put(
    "/skp/plans/{skp_id}/behaviours/{value}",
    response=write_responses(SkpBehaviourOut),
    operation_id="skp_behaviours_set",
    summary="Write the leader's special expectation on a BerAKHLAK value",
)
def behaviour_set(request, skp_id: Id, value: CoreValue, payload: SkpBehaviourIn):
    skp = selectors.get_skp(request.viewer, skp_id)
    return services.behaviour_set(
        actor=request.viewer,
        skp=skp,
        value=value,
        special_expectation=payload.special_expectation,
    )


# --- workflow ---------------------------------------------------------------------------------


def _step(request, skp_id: Id, step, **kwargs):
    skp = selectors.get_skp(request.viewer, skp_id)
    _ensure_open(skp)
    step(actor=request.viewer, skp=skp, **kwargs)
    return _detail(request, skp_id)


@router.post(
    "/skp/plans/{skp_id}/dialogue",
    response=write_responses(SkpDetailOut),
    operation_id="skp_plans_start_dialogue",
    summary="Record the start of the performance dialogue (owner or rater)",
)
def plan_start_dialogue(request, skp_id: Id, payload: SkpDialogueIn):
    return _step(request, skp_id, services.skp_start_dialogue, note=payload.note)


@router.post(
    "/skp/plans/{skp_id}/submit",
    response=write_responses(SkpDetailOut),
    operation_id="skp_plans_submit",
    summary="Submit the plan to the rater (owner; the plan must be complete)",
)
def plan_submit(request, skp_id: Id):
    return _step(request, skp_id, services.skp_submit)


@router.post(
    "/skp/plans/{skp_id}/return",
    response=write_responses(SkpDetailOut),
    operation_id="skp_plans_return",
    summary="Return a submitted plan with comments (rater)",
)
def plan_return(request, skp_id: Id, payload: SkpReturnIn):
    return _step(
        request,
        skp_id,
        services.skp_return,
        comment=payload.comment,
        rhk_comments={int(pk): text for pk, text in payload.rhk_comments.items()},
    )


@router.post(
    "/skp/plans/{skp_id}/set",
    response=write_responses(SkpDetailOut),
    operation_id="skp_plans_set",
    summary="Set a submitted plan (rater; the rater's superior once the rater is late)",
)
def plan_set(request, skp_id: Id):
    return _step(request, skp_id, services.skp_set)


@router.post(
    "/skp/plans/{skp_id}/revise",
    response=write_responses(SkpDetailOut),
    operation_id="skp_plans_revise",
    summary="Open a new draft version of a set plan",
)
def plan_revise(request, skp_id: Id, payload: SkpReviseIn):
    """Answers the new version; the set one stays in force until the new one is set."""
    skp = selectors.get_skp(request.viewer, skp_id)
    new = services.skp_revise(
        actor=request.viewer, skp=skp, kind=payload.kind, reason=payload.reason
    )
    return _detail(request, new.pk)


@router.post(
    "/skp/plans/{skp_id}/restart",
    response=write_responses(SkpDetailOut),
    operation_id="skp_plans_restart",
    summary="Close the plan and start a new one after a mutation or a change of rater",
)
def plan_restart(request, skp_id: Id, payload: SkpRestartIn):
    """Answers the new plan; the closed one stays readable."""
    skp = selectors.get_skp(request.viewer, skp_id)
    new = services.skp_restart(
        actor=request.viewer,
        skp=skp,
        kind=payload.kind,
        reason=payload.reason,
        effective_date=payload.effective_date,
        copy=payload.copy_content,
    )
    return _detail(request, new.pk)


@router.post(
    "/skp/plans/{skp_id}/restart-for-new-rater",
    response=write_responses(SkpDetailOut),
    operation_id="skp_plans_restart_for_new_rater",
    summary="Start the new plan in one step once the organisation data name a new rater or post",
)
def plan_restart_for_new_rater(request, skp_id: Id):
    """For a plan flagged "rater changed" (see `rater_change` in the plan detail): close it and
    start the new plan with today's post and rater from the day the change began. Answers the
    new plan; the employee, the rater the plan names, the new rater and BKPSDM may ask."""
    skp = rater_change_selectors.get_flagged_plan(request.viewer, skp_id)
    new = services.skp_restart_for_new_rater(actor=request.viewer, skp=skp)
    return _detail(request, new.pk)


@router.post(
    "/skp/plans/{skp_id}/comments",
    response=write_responses(SkpCommentOut),
    operation_id="skp_comments_add",
    summary="Write in the performance dialogue (owner, rater, leaders above)",
)
def comment_add(request, skp_id: Id, payload: SkpCommentIn):
    """The dialogue continues through the year, so a set plan may still be commented on."""
    skp = selectors.get_skp(request.viewer, skp_id)
    return services.comment_add(actor=request.viewer, skp=skp, text=payload.text, rhk=payload.rhk)


# --- versions ---------------------------------------------------------------------------------


@router.get(
    "/skp/plans/{skp_id}/versions",
    response=responses(list[SkpOut], 404),
    operation_id="skp_plans_versions",
    summary="Every version of a plan, oldest first",
)
def plan_versions(request, skp_id: Id):
    skp = selectors.get_skp(request.viewer, skp_id)
    return (
        selectors_api.plan_list(request.viewer, all_versions=True)
        .filter(series=skp.series)
        .order_by("version")
    )


def _text(value) -> str | None:
    return None if value is None else str(value)


def _changes(changes) -> list[dict]:
    return [{"field": c.field, "old": _text(c.old), "new": _text(c.new)} for c in changes]


@router.get(
    "/skp/plans/{skp_id}/diff",
    response=responses(SkpDiffOut, 400, 404),
    operation_id="skp_plans_diff",
    summary="What changed between two versions of a plan",
)
def plan_diff(request, skp_id: Id, against: Id | None = None):
    """Compares this version with `against` (another version of the same plan; default the
    previous one). RHK and indicators are matched by their stable keys."""
    skp = selectors.get_skp(request.viewer, skp_id)
    other = selectors_api.version_to_compare(request.viewer, skp, against)
    old, new = (other, skp) if other.version < skp.version else (skp, other)
    diff = skp_diff(old, new)
    rhks = []
    for row in diff.rhks:
        either = row.new or row.old
        rhks.append(
            {
                "status": row.status,
                "key": either.key,
                "old_text": row.old.text if row.old else None,
                "new_text": row.new.text if row.new else None,
                "changes": _changes(row.changes),
                "indicators": [
                    {
                        "status": status,
                        "key": (b or a).key,
                        "old_text": a.text if a else None,
                        "new_text": b.text if b else None,
                        "changes": _changes(changes),
                    }
                    for status, a, b, changes in row.indicators
                ],
            }
        )
    return {
        "old_id": old.pk,
        "new_id": new.pk,
        "has_changes": diff.has_changes,
        "rhks": rhks,
        "annex": _changes(diff.annex),
        "behaviours": _changes(diff.behaviours),
    }


# --- exemptions from planning -----------------------------------------------------------------


@router.get(
    "/skp/exemptions",
    response=responses(list[ExemptionOut], 400, 403),
    operation_id="skp_exemptions_list",
    summary="Employees not subject to SKP planning (BKPSDM, unit admins, pimpinan, auditors)",
)
@paginate(LimitOffset)
def exemption_list(request, filters: Query[ExemptionFilters]):
    """By default those running today; `all=true` for every record. Unit admins see the people
    whose definitive post is in their units."""
    return selectors_api.exemption_list(request.viewer, filters)


@router.post(
    "/skp/exemptions",
    response=responses(ExemptionOut, 400, 403),
    operation_id="skp_exemptions_create",
    summary="Record that an employee is not subject to SKP planning",
)
def exemption_create(request, payload: ExemptionIn):
    return services.exemption_record(actor=request.viewer, **payload.dict())


@router.patch(
    "/skp/exemptions/{exemption_id}",
    response=responses(ExemptionOut, 400, 403, 404),
    operation_id="skp_exemptions_update",
    summary="Correct an exemption, or end it by sending its end date",
)
def exemption_update(request, exemption_id: Id, payload: ExemptionPatchIn):
    exemption = selectors_api.exemption_to_change(request.viewer, exemption_id)
    changes = payload.dict(exclude_unset=True)
    if changes.get("reason") is None:
        changes.pop("reason", None)
    if changes.get("start_date") is None:
        changes.pop("start_date", None)
    return services.exemption_update(actor=request.viewer, exemption=exemption, **changes)


@router.delete(
    "/skp/exemptions/{exemption_id}",
    response=responses(ExemptionDeletedOut, 403, 404),
    operation_id="skp_exemptions_delete",
    summary="Delete an exemption recorded by mistake",
)
def exemption_delete(request, exemption_id: Id):
    exemption = selectors_api.exemption_to_change(request.viewer, exemption_id)
    services.exemption_delete(actor=request.viewer, exemption=exemption)
    return {"detail": str(_("The exemption has been deleted."))}
