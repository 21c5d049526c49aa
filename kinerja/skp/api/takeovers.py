"""RHK taken over by the leader during the year (PermenPANRB 6/2022 Ps 20) in the API.

Read by whoever reads the plan; recorded by the plan's rater while the set plan is in force
(403 otherwise), withdrawn by the rater or BKPSDM with a reason. A takeover is never edited.
"""

from ninja import Router

from kinerja.api.schemas import responses, write_responses
from kinerja.api.types import Id
from kinerja.skp import selectors, services
from kinerja.skp.api.schemas.takeovers import (
    RhkTakeoverIn,
    RhkTakeoverOut,
    RhkTakeoverWithdrawIn,
)
from kinerja.skp.selectors import api as selectors_api
from kinerja.skp.selectors import takeovers as takeover_selectors

router = Router(tags=["individual performance plans (SKP)"])


@router.get(
    "/skp/plans/{skp_id}/takeovers",
    response=responses(list[RhkTakeoverOut], 404),
    operation_id="skp_takeovers_list",
    summary="The RHK of the plan's year the leader took over, withdrawn ones included",
)
def takeover_list(request, skp_id: Id):
    skp = selectors.get_skp(request.viewer, skp_id)
    return takeover_selectors.takeovers_of_plan(skp)


@router.post(
    "/skp/rhks/{rhk_id}/takeover",
    response=write_responses(RhkTakeoverOut),
    operation_id="skp_rhks_take_over",
    summary="Take over an employee's RHK with a note that they could not finish it",
)
def rhk_take_over(request, rhk_id: Id, payload: RhkTakeoverIn):
    rhk = selectors_api.rhk_in_scope(request.viewer, rhk_id)
    return services.rhk_take_over(actor=request.viewer, rhk=rhk, **payload.dict())


@router.post(
    "/skp/takeovers/{takeover_id}/withdraw",
    response=write_responses(RhkTakeoverOut),
    operation_id="skp_takeovers_withdraw",
    summary="Withdraw a takeover recorded by mistake",
)
def takeover_withdraw(request, takeover_id: Id, payload: RhkTakeoverWithdrawIn):
    takeover = takeover_selectors.get_takeover(request.viewer, takeover_id)
    return services.rhk_takeover_withdraw(
        actor=request.viewer, takeover=takeover, reason=payload.reason
    )
