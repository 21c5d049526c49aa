"""The follow-up plan (rencana tindak lanjut) of a service unit's survey results, scoped to
the viewer: whoever sees the unit's results reads its plan; its admins, its head and BKPSDM
admins write it (`permissions.can_manage_followup`)."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from kinerja.org import permissions as org_permissions
from kinerja.org.models import Position, Unit
from kinerja.surveys import permissions, rules
from kinerja.surveys.models import OPEN_STATUSES, FollowupAction, FollowupProgress, Response
from kinerja.surveys.selectors.figures import Period, agency_weight, figures, tallies
from kinerja.surveys.selectors.results import _under, results_units


def followup_units(viewer) -> QuerySet[Unit]:
    """The service units whose follow-up plan the viewer writes."""
    if not viewer.is_authenticated:
        return Unit.objects.none()
    base = Unit.objects.filter(agency_id=viewer.agency_id, is_service_unit=True)
    if viewer.is_bkpsdm_admin:
        return base
    headed = [unit.path for unit in org_permissions.headed_units(viewer)]
    return base.filter(_under([*viewer.admin_unit_paths, *headed]))


def _with_notes(actions: QuerySet[FollowupAction]) -> QuerySet[FollowupAction]:
    return actions.select_related("owner_position").prefetch_related(
        Prefetch("notes", queryset=FollowupProgress.objects.order_by("day", "pk"))
    )


def period_actions(viewer, unit: Unit, period: Period) -> list[FollowupAction]:
    """The unit's follow-up actions of a period, with their progress notes (two queries)."""
    if not permissions.sees_unit_results(viewer, unit):
        raise Http404
    actions = FollowupAction.objects.filter(
        unit=unit, year=period.year, kind=period.kind, number=period.number
    ).order_by("due_date", "pk")
    found = list(_with_notes(actions))
    for action in found:
        action.overdue = action.is_overdue(viewer.today)
    return found


def get_followup(viewer, pk) -> FollowupAction:
    """An action of a unit whose results the viewer sees; 404 otherwise."""
    if not str(pk).isdigit():
        raise Http404
    action = (
        _with_notes(FollowupAction.objects.filter(unit__in=results_units(viewer)))
        .select_related("unit")
        .filter(pk=pk)
        .first()
    )
    if action is None:
        raise Http404
    return action


def owner_positions(unit: Unit) -> QuerySet[Position]:
    """The posts of the unit an action may be given to (active posts of the unit itself)."""
    return Position.objects.filter(unit=unit, is_active=True).order_by("path")


def weakest_of_period(unit: Unit, period: Period) -> list[rules.Element]:
    """The period's weakest elements of the unit, to suggest first (one aggregate query)."""
    found = tallies(
        Response.objects.filter(unit=unit, day__gte=period.start, day__lte=period.end), "unit_id"
    )
    tally = found.get((unit.pk,))
    if tally is None:
        return []
    return list(figures(tally, weight=agency_weight(unit.agency_id)).weakest)


def element_choices(unit: Unit, period: Period) -> list[tuple[str, str]]:
    """The nine elements, the period's weakest first and marked."""
    weakest = weakest_of_period(unit, period)
    marked = [(str(e), f"{rules.ELEMENT_NAMES[e]} ★") for e in weakest]
    rest = [(str(e), rules.ELEMENT_NAMES[e]) for e in rules.ELEMENTS if e not in weakest]
    return [*marked, *rest]


def overdue_actions(viewer) -> QuerySet[FollowupAction]:
    """Open actions past their due date of the units the viewer administers or heads (BKPSDM
    admins oversee every unit but are not reminded of each)."""
    if not viewer.is_authenticated:
        return FollowupAction.objects.none()
    headed = [unit.path for unit in org_permissions.headed_units(viewer)]
    paths = [*viewer.admin_unit_paths, *headed]
    if not paths:
        return FollowupAction.objects.none()
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(unit__path__startswith=path)
    return (
        FollowupAction.objects.filter(
            condition,
            agency_id=viewer.agency_id,
            unit__is_service_unit=True,
            status__in=OPEN_STATUSES,
            due_date__lt=viewer.today,
        )
        .select_related("unit", "owner_position")
        .order_by("due_date", "pk")
    )
