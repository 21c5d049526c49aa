"""REST API v1 for organisation performance: years, goals, indicators, realisations, capaian.

Scoped exactly like the pages: every read goes through `selectors` (`selectors.api` for the
filtered lists of the API), an object outside the caller's scope is 404, and a filter naming
one is 400. Writes call the realisation services, which check permissions (403) and validate
(400); a verified realisation cannot be changed here (409): it changes only through a
correction on the pages. The shapes are in `schemas`.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import paginate

from kinerja.api.pagination import LimitOffset
from kinerja.api.schemas import MessageOut, responses, write_responses
from kinerja.api.types import Id
from kinerja.iku import permissions, selectors
from kinerja.iku.api.schemas import (
    CalendarFilters,
    CalendarOut,
    GoalDetailOut,
    GoalFilters,
    GoalOut,
    IndicatorDetailOut,
    IndicatorFilters,
    IndicatorOut,
    NonWorkingDayIn,
    NonWorkingDayOut,
    PredikatConfirmIn,
    PredikatDecideIn,
    PredikatDecisionFilters,
    PredikatDecisionOut,
    RealisationFilters,
    RealisationIn,
    RealisationOut,
    ReturnIn,
    UnitResultFilters,
    UnitResultOut,
    YearOut,
)
from kinerja.iku.selectors import api as api_selectors
from kinerja.iku.services import calendar as calendar_services
from kinerja.iku.services import realisation as realisation_services
from kinerja.iku.services import results as results_services
from kinerja.org.selectors import api as org_api_selectors

router = Router(tags=["organisation performance"])


# --- years ------------------------------------------------------------------------------------


@router.get(
    "/iku/years",
    response=responses(list[YearOut]),
    operation_id="iku_years_list",
    summary="List performance years with their periods",
)
@paginate(LimitOffset)
def year_list(request):
    """The performance years open in the caller's agency, newest first."""
    return api_selectors.year_list(request.viewer)


# --- goals ------------------------------------------------------------------------------------


@router.get(
    "/iku/goals",
    response=responses(list[GoalOut], 400),
    operation_id="iku_goals_list",
    summary="List goals of the performance tree",
)
@paginate(LimitOffset)
def goal_list(request, filters: Query[GoalFilters]):
    """The agency's goals, by owner unit (tree order) and order. Open to the whole agency."""
    viewer = request.viewer
    unit = org_api_selectors.unit_for_filter(viewer, filters.unit, field="unit")
    return api_selectors.goal_list(viewer, year=filters.year, unit=unit, level=filters.level or "")


@router.get(
    "/iku/goals/{goal_id}",
    response=responses(GoalDetailOut, 404),
    operation_id="iku_goals_detail",
    summary="One goal with its sub-goals and indicators",
)
def goal_detail(request, goal_id: Id):
    return api_selectors.get_goal(request.viewer, goal_id)


# --- indicators -------------------------------------------------------------------------------


@router.get(
    "/iku/indicators",
    response=responses(list[IndicatorOut], 400),
    operation_id="iku_indicators_list",
    summary="List indicators (IKU and others)",
)
@paginate(LimitOffset)
def indicator_list(request, filters: Query[IndicatorFilters]):
    """The agency's indicators by owner unit, goal and order. Open to the whole agency."""
    viewer = request.viewer
    goal = api_selectors.goal_for_filter(viewer, filters.goal, field="goal")
    unit = org_api_selectors.unit_for_filter(viewer, filters.unit, field="unit")
    return api_selectors.indicator_list(
        viewer, goal=goal, unit=unit, is_iku=filters.is_iku, year=filters.year
    )


@router.get(
    "/iku/indicators/{indicator_id}",
    response=responses(IndicatorDetailOut, 404),
    operation_id="iku_indicators_detail",
    summary="One indicator with its manual, annual and period targets",
)
def indicator_detail(request, indicator_id: Id):
    return api_selectors.get_indicator(request.viewer, indicator_id)


# --- realisations -----------------------------------------------------------------------------


@router.get(
    "/iku/indicators/{indicator_id}/realisations",
    response=responses(list[RealisationOut], 400, 404),
    operation_id="iku_realisations_list",
    summary="List the realisations of an indicator",
)
@paginate(LimitOffset)
def realisation_list(request, indicator_id: Id, filters: Query[RealisationFilters]):
    """Verified figures are open to the agency; drafts, submitted and returned ones only to the
    responsible unit (its staff, heads and admins) and the performance overseers."""
    viewer = request.viewer
    indicator = api_selectors.indicator_in_scope(viewer, indicator_id)
    period = api_selectors.period_for_filter(viewer, filters.period, field="period")
    request.evidence_allowed = selectors.may_see_indicator_evidence(viewer, indicator)
    return api_selectors.realisation_list(
        viewer, indicator, year=filters.year, period=period, status=filters.status or ""
    )


@router.post(
    "/iku/indicators/{indicator_id}/realisations",
    response=write_responses(RealisationOut),
    operation_id="iku_realisations_enter",
    summary="Enter or edit the draft realisation of a period",
)
def realisation_enter(request, indicator_id: Id, payload: RealisationIn):
    """Creates the draft, or changes a draft or returned one. The responsible unit enters:
    its staff and heads, its admins, and the post responsible for the indicator."""
    viewer = request.viewer
    indicator = api_selectors.indicator_in_scope(viewer, indicator_id)
    realisation = realisation_services.realisation_enter(
        actor=viewer,
        indicator=indicator,
        period=payload.period,
        value=payload.value,
        note=payload.note,
    )
    return api_selectors.realisation_for_write(viewer, realisation.pk)


@router.post(
    "/iku/realisations/{realisation_id}/submit",
    response=write_responses(RealisationOut),
    operation_id="iku_realisations_submit",
    summary="Submit a realisation to the unit head",
)
def realisation_submit(request, realisation_id: Id):
    viewer = request.viewer
    realisation = api_selectors.realisation_for_write(viewer, realisation_id)
    realisation_services.realisation_submit(actor=viewer, realisation=realisation)
    return api_selectors.realisation_for_write(viewer, realisation_id)


@router.post(
    "/iku/realisations/{realisation_id}/verify",
    response=write_responses(RealisationOut),
    operation_id="iku_realisations_verify",
    summary="Verify a submitted realisation (unit head)",
)
def realisation_verify(request, realisation_id: Id):
    """The head of the owner unit, or of a unit above it, verifies; the figure becomes final."""
    viewer = request.viewer
    realisation = api_selectors.realisation_for_write(viewer, realisation_id)
    realisation_services.realisation_verify(actor=viewer, realisation=realisation)
    return api_selectors.realisation_for_write(viewer, realisation_id)


@router.post(
    "/iku/realisations/{realisation_id}/return",
    response=write_responses(RealisationOut),
    operation_id="iku_realisations_return",
    summary="Return a submitted realisation for correction (unit head)",
)
def realisation_return(request, realisation_id: Id, payload: ReturnIn):
    viewer = request.viewer
    realisation = api_selectors.realisation_for_write(viewer, realisation_id)
    realisation_services.realisation_return(
        actor=viewer, realisation=realisation, comment=payload.comment
    )
    return api_selectors.realisation_for_write(viewer, realisation_id)


# --- results ----------------------------------------------------------------------------------


@router.get(
    "/iku/results/units",
    response=responses(list[UnitResultOut], 400),
    operation_id="iku_results_units",
    summary="Capaian per unit and period, with the organisation predikat",
)
@paginate(LimitOffset)
def unit_result_list(request, filters: Query[UnitResultFilters]):
    """Results are open to the whole agency, as on the results page."""
    viewer = request.viewer
    py = api_selectors.performance_year_for_filter(viewer, filters.year)
    period = api_selectors.period_for_filter(
        viewer, filters.period, field="period", performance_year=py
    )
    unit = org_api_selectors.unit_for_filter(viewer, filters.unit, field="unit")
    return api_selectors.unit_result_list(viewer, py, period=period, unit=unit)


# --- organisation predikat decisions ------------------------------------------------------------


@router.get(
    "/iku/predikat-decisions",
    response=responses(list[PredikatDecisionOut]),
    operation_id="iku_predikat_decisions_list",
    summary="Organisation predikat waiting for the caller's decision, or decided by them",
)
@paginate(LimitOffset)
def predikat_decision_list(request, filters: Query[PredikatDecisionFilters]):
    """The next-higher leader's list, as on the decisions page: the holder of the post above
    the unit head's decides; the pimpinan login decides for the units under the regional head.
    Everyone else gets an empty list."""
    viewer = request.viewer
    if filters.decided:
        return selectors.org_predikat_decisions_decided(viewer, search=filters.q, year=filters.year)
    return selectors.org_predikat_decisions_to_make(viewer, search=filters.q, year=filters.year)


@router.post(
    "/iku/predikat-decisions/{decision_id}/decide",
    response=write_responses(PredikatDecisionOut),
    operation_id="iku_predikat_decisions_decide",
    summary="Confirm the proposed predikat of a unit, or set another with a reason",
)
def predikat_decide(request, decision_id: Id, payload: PredikatDecideIn):
    """Only the unit's next-higher leader finds the decision (404 for anyone else); a decided
    predikat is final (409)."""
    viewer = request.viewer
    decision = api_selectors.predikat_decision(viewer, decision_id)
    return results_services.org_predikat_decide(
        actor=viewer,
        decision=decision,
        predikat=payload.predikat,
        reason=payload.reason,
        issued_on=payload.issued_on,
    )


@router.post(
    "/iku/predikat-decisions/confirm",
    response=write_responses(list[PredikatDecisionOut]),
    operation_id="iku_predikat_decisions_confirm_many",
    summary="Confirm several proposals as proposed, all or none",
)
def predikat_confirm_many(request, payload: PredikatConfirmIn):
    """Every id must name a proposal waiting for the caller (else 400 on `decisions`); each is
    recorded as its own decision."""
    viewer = request.viewer
    decisions = api_selectors.decisions_to_confirm(viewer, payload.decisions)
    return results_services.org_predikat_confirm_many(
        actor=viewer, decisions=decisions, issued_on=payload.issued_on
    )


# --- the working-day calendar --------------------------------------------------------------------


def _calendar_reader(viewer) -> None:
    """The calendar page's rule: the performance overseers read the calendar."""
    if not permissions.oversees_performance(viewer):
        raise PermissionDenied(_("Only the performance overseers may read the calendar."))


@router.get(
    "/iku/calendar",
    response=responses(CalendarOut, 403),
    operation_id="iku_calendar_detail",
    summary="Holidays, days off and working days per period of a year",
)
def calendar_detail(request, filters: Query[CalendarFilters]):
    """BKPSDM, pimpinan, auditors and the planning staff read the calendar."""
    viewer = request.viewer
    _calendar_reader(viewer)
    year_calendar = selectors.calendar_of_year(viewer, filters.year)
    return {
        "year": year_calendar.year,
        "days": year_calendar.days,
        "periods": year_calendar.periods,
        "can_edit": permissions.can_edit_calendar(viewer, viewer.user.agency),
    }


@router.post(
    "/iku/calendar/days",
    response=responses(NonWorkingDayOut, 400, 403),
    operation_id="iku_calendar_days_add",
    summary="Make a day a day off (BKPSDM)",
)
def calendar_day_add(request, payload: NonWorkingDayIn):
    """A day already off is refused (400 on `date`); deadlines in working days move with it."""
    viewer = request.viewer
    return calendar_services.non_working_day_add(
        actor=viewer,
        agency=viewer.user.agency,
        date=payload.date,
        name=payload.name,
        kind=payload.kind,
    )


@router.delete(
    "/iku/calendar/days/{day_id}",
    response=responses(MessageOut, 403, 404),
    operation_id="iku_calendar_days_remove",
    summary="Make a day off a working day again (BKPSDM)",
)
def calendar_day_remove(request, day_id: Id):
    viewer = request.viewer
    day = selectors.get_day_off(viewer, day_id)
    calendar_services.non_working_day_remove(actor=viewer, day=day)
    return {"detail": str(_("The day off has been removed."))}
