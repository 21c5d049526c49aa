"""REST API v1 for the daily activity log, scoped exactly like the pages.

The employee lists, logs, changes and deletes their own entries and repeats yesterday's; the
supervisor reads the team's week and a person's day with its checks, verifies entries in bulk
and returns one with a comment. Photos and files are attached on the pages (phone camera). A
verified entry answers 409. Whoever logs activities reads the agency's catalogue in use; its
keepers (BKPSDM and unit admins) add and change its activities, or take them out of use, as on
the catalogue page (an activity is never deleted: entries point to it).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from ninja import Query, Router
from ninja.pagination import paginate

from kinerja.activities import permissions, selectors, services
from kinerja.activities.api.schemas import (
    ActivityCountOut,
    ActivityFilters,
    ActivityIdsIn,
    ActivityIn,
    ActivityOut,
    ActivityReturnIn,
    CatalogueFilters,
    CatalogueItemIn,
    CatalogueItemOut,
    LogDate,
    PersonDayOut,
    TeamWeekOut,
)
from kinerja.activities.models import ActivityStatus
from kinerja.api.pagination import LimitOffset
from kinerja.api.schemas import responses, write_responses
from kinerja.api.types import Id
from kinerja.org.selectors import viewer_agency

router = Router(tags=["daily activity log"])


def _own_employee(viewer):
    if not permissions.has_log(viewer):
        raise Http404
    return selectors.get_employee(viewer, viewer.employee_id)


@router.get(
    "/activities/entries",
    response=responses(list[ActivityOut], 404),
    operation_id="activities_entries_list",
    summary="One's own daily activity entries, newest first",
)
@paginate(LimitOffset)
def entry_list(request, filters: Query[ActivityFilters]):
    _own_employee(request.viewer)
    return selectors.own_entries(
        request.viewer, date_from=filters.date_from, date_to=filters.date_to
    )


@router.post(
    "/activities/entries",
    response=write_responses(ActivityOut),
    operation_id="activities_entries_create",
    summary="Log one activity of one's own day",
)
def entry_create(request, payload: ActivityIn):
    viewer = request.viewer
    return services.activity_log(actor=viewer, employee=_own_employee(viewer), **payload.dict())


@router.put(
    "/activities/entries/{activity_id}",
    response=write_responses(ActivityOut),
    operation_id="activities_entries_update",
    summary="Change one's own entry that is not verified yet",
)
def entry_update(request, activity_id: Id, payload: ActivityIn):
    viewer = request.viewer
    entry = selectors.get_activity(viewer, activity_id)
    return services.activity_edit(actor=viewer, activity=entry, **payload.dict())


@router.delete(
    "/activities/entries/{activity_id}",
    response=write_responses(ActivityCountOut),
    operation_id="activities_entries_delete",
    summary="Delete one's own entry that is not verified yet",
)
def entry_delete(request, activity_id: Id):
    viewer = request.viewer
    entry = selectors.get_activity(viewer, activity_id)
    services.activity_delete(actor=viewer, activity=entry)
    return {"detail": str(_("The activity is deleted.")), "count": 1}


@router.post(
    "/activities/repeat-yesterday",
    response=write_responses(list[ActivityOut]),
    operation_id="activities_entries_repeat",
    summary="Copy the entries of the latest earlier day to today, as repeats",
)
def entry_repeat(request):
    viewer = request.viewer
    return services.activity_repeat_yesterday(actor=viewer, employee=_own_employee(viewer))


@router.get(
    "/activities/team-week",
    response=responses(TeamWeekOut, 400, 403),
    operation_id="activities_team_week",
    summary="The supervisor's team by the days of a week: minutes, waiting entries, warnings",
)
def team_week(request, day: LogDate | None = None):
    """The week of `day` (default today)."""
    viewer = request.viewer
    if not selectors.team_ids(viewer):
        raise PermissionDenied
    week = selectors.team_week(viewer, day or viewer.today)
    return {
        "start": week.start,
        "rows": [
            {
                "employee": row.employee.pk,
                "name": row.employee.full_name,
                "minutes": row.minutes,
                "waiting": row.waiting,
                "days": [
                    {
                        "date": c.date,
                        "minutes": c.minutes,
                        "count": c.count,
                        "waiting": c.waiting,
                        "flags": [str(f) for f in c.flags],
                    }
                    for c in row.cells
                ],
            }
            for row in week.rows
        ],
    }


@router.post(
    "/activities/verify",
    response=write_responses(ActivityCountOut),
    operation_id="activities_entries_verify",
    summary="Verify entries of one's team in bulk, all or nothing (the supervisor)",
)
def entry_verify(request, payload: ActivityIdsIn):
    count = services.activity_verify_many(actor=request.viewer, activities=payload.ids)
    return {
        "detail": ngettext("%(n)s activity verified.", "%(n)s activities verified.", count)
        % {"n": count},
        "count": count,
    }


@router.post(
    "/activities/entries/{activity_id}/return",
    response=write_responses(ActivityOut),
    operation_id="activities_entries_return",
    summary="Return an entry with a comment (the supervisor)",
)
def entry_return(request, activity_id: Id, payload: ActivityReturnIn):
    viewer = request.viewer
    entry = selectors.get_activity(viewer, activity_id)
    return services.activity_return(actor=viewer, activity=entry, comment=payload.comment)


def _day_person(viewer, employee_id: int):
    """The employee themselves, or a member of the viewer's team (the people whose day the
    supervisor opens on the team's pages); anyone else is 404."""
    if permissions.has_log(viewer) and viewer.employee_id == employee_id:
        return selectors.get_employee(viewer, employee_id)
    return selectors.get_team_member(viewer, employee_id)


@router.get(
    "/activities/employees/{employee_id}/days/{day}",
    response=responses(PersonDayOut, 404),
    operation_id="activities_person_day",
    summary="One person's day: the entries with their checks and the day's minutes "
    "(the employee, or their supervisor)",
)
def person_day(request, employee_id: Id, day: LogDate):
    viewer = request.viewer
    employee = _day_person(viewer, employee_id)
    entries = selectors.person_day(viewer, employee, day)
    rhks = selectors.rhk_texts(employee.pk, day.year)
    flags, labels = [], []
    for entry in entries:
        entry.rhk_text = rhks.get(entry.rhk_key) if entry.rhk_key else None
        for code, label in zip(entry.flags, entry.flag_labels, strict=True):
            if code not in flags:
                flags.append(code)
                labels.append(str(label))
    return {
        "employee": employee.pk,
        "name": employee.full_name,
        "date": day,
        "minutes": sum(e.minutes for e in entries),
        "count": len(entries),
        "waiting": sum(e.status == ActivityStatus.SUBMITTED for e in entries),
        "flags": flags,
        "flag_labels": labels,
        "entries": entries,
    }


# --- the catalogue --------------------------------------------------------------------------------


def _require_catalogue_keeper(viewer) -> None:
    if not permissions.can_keep_catalogue(viewer, viewer.agency_id):
        raise PermissionDenied(
            _("Only the BKPSDM admin and unit admins keep the activity catalogue.")
        )


@router.get(
    "/activities/catalogue",
    response=responses(list[CatalogueItemOut], 403, 404),
    operation_id="activities_catalogue_list",
    summary="The agency's activity catalogue in use, to pick from when logging",
)
@paginate(LimitOffset)
def catalogue_list(request, filters: Query[CatalogueFilters]):
    """Everyone who logs activities reads the activities in use; those who keep the catalogue
    also ask for the ones taken out of use (`include_inactive`)."""
    viewer = request.viewer
    keeper = permissions.can_keep_catalogue(viewer, viewer.agency_id)
    if not (keeper or permissions.has_log(viewer)):
        raise Http404
    if filters.include_inactive and not keeper:
        raise PermissionDenied(
            _("Only those who keep the catalogue see the activities not in use.")
        )
    return selectors.catalogue_of(viewer.agency_id, active_only=not filters.include_inactive)


@router.post(
    "/activities/catalogue",
    response=write_responses(CatalogueItemOut),
    operation_id="activities_catalogue_create",
    summary="Add an activity with its standard minutes to the catalogue (BKPSDM, unit admins)",
)
def catalogue_create(request, payload: CatalogueItemIn):
    viewer = request.viewer
    _require_catalogue_keeper(viewer)
    values = payload.dict()
    if values["is_active"] is None:
        values["is_active"] = True
    return services.catalogue_item_save(actor=viewer, agency=viewer_agency(viewer), **values)


@router.put(
    "/activities/catalogue/{item_id}",
    response=write_responses(CatalogueItemOut),
    operation_id="activities_catalogue_update",
    summary="Change an activity of the catalogue, or take it out of use (BKPSDM, unit admins)",
)
def catalogue_update(request, item_id: Id, payload: CatalogueItemIn):
    viewer = request.viewer
    item = selectors.get_catalogue_item(viewer, item_id)
    _require_catalogue_keeper(viewer)
    values = payload.dict()
    if values["is_active"] is None:
        values["is_active"] = item.is_active
    return services.catalogue_item_save(
        actor=viewer, agency=viewer_agency(viewer), item=item, **values
    )
