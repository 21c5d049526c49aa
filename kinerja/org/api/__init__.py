"""REST API v1 for the organisation: the caller, units, positions (jabatan) and employees (pegawai).

Read-only, and scoped exactly like the pages: every queryset comes from `selectors` or
`selectors.api`, an object outside the caller's scope is 404, and personal data (full NIP,
phone, email, birth date, sex) is returned only where `permissions.may_see_personal_data`
allows. The shapes are in `schemas`.
"""

from django.db.models import prefetch_related_objects
from ninja import Query, Router
from ninja.pagination import paginate

from kinerja.accounts.models import Role
from kinerja.api.pagination import LimitOffset
from kinerja.api.schemas import responses
from kinerja.api.types import Id
from kinerja.org import permissions, selectors
from kinerja.org.api.schemas import (
    ChainDay,
    EmployeeDetailOut,
    EmployeeFilters,
    EmployeeOut,
    MeOut,
    PositionDetailOut,
    PositionFilters,
    PositionOut,
    UnitDetailOut,
    UnitFilters,
    UnitOut,
)
from kinerja.org.selectors import api as api_selectors

router = Router(tags=["organisation"])


# --- units ------------------------------------------------------------------------------------


@router.get(
    "/units",
    response=responses(list[UnitOut], 400),
    operation_id="units_list",
    summary="List units in tree order",
)
@paginate(LimitOffset)
def unit_list(request, filters: Query[UnitFilters]):
    """Units of the caller's agency, each parent before its sub-units."""
    viewer = request.viewer
    parent = api_selectors.unit_for_filter(viewer, filters.parent, field="parent")
    return api_selectors.unit_list(viewer, parent=parent, kind=filters.kind or "", search=filters.q)


@router.get(
    "/units/{unit_id}",
    response=responses(UnitDetailOut, 404),
    operation_id="units_detail",
    summary="One unit with its sub-units and headcount",
)
def unit_detail(request, unit_id: Id):
    """Every user of the agency sees the whole organisation tree, as on the unit pages."""
    viewer = request.viewer
    unit = selectors.get_unit(viewer, unit_id)
    unit.children_ids = api_selectors.unit_children_ids(viewer, unit)
    unit.headcount = selectors.unit_headcount(viewer, unit)
    return unit


# --- positions --------------------------------------------------------------------------------


@router.get(
    "/positions",
    response=responses(list[PositionOut], 400),
    operation_id="positions_list",
    summary="List positions (jabatan)",
)
@paginate(LimitOffset)
def position_list(request, filters: Query[PositionFilters]):
    """Posts of the caller's agency in reporting-line order."""
    viewer = request.viewer
    unit = api_selectors.unit_for_filter(viewer, filters.unit, field="unit")
    return api_selectors.position_list(
        viewer,
        unit=unit,
        include_subunits=filters.include_subunits,
        kind=filters.kind or "",
        search=filters.q,
    )


@router.get(
    "/positions/{position_id}",
    response=responses(PositionDetailOut, 404),
    operation_id="positions_detail",
    summary="One position with its current holders",
)
def position_detail(request, position_id: Id):
    """Holders the caller may not see (by the /employees rules) are left out, not masked."""
    return api_selectors.get_position(request.viewer, position_id)


# --- employees --------------------------------------------------------------------------------


@router.get(
    "/employees",
    response=responses(list[EmployeeOut], 400),
    operation_id="employees_list",
    summary="List employees (pegawai) the caller may see",
)
@paginate(LimitOffset)
def employee_list(request, filters: Query[EmployeeFilters]):
    """BKPSDM, pimpinan and auditors see the whole agency; an atasan their subordinates; a unit
    admin everyone posted in the unit's subtree; everyone sees themselves. Sorted by name."""
    viewer = request.viewer
    unit = api_selectors.unit_for_filter(viewer, filters.unit, field="unit")
    return api_selectors.employee_list(
        viewer, search=filters.q, unit=unit, status=filters.status or ""
    )


def _supervisor(link) -> dict | None:
    if link is None:
        return None
    return {
        "employee_id": link.employee.pk if link.employee is not None else None,
        "name": link.label,
        "position": link.position,
        "source": link.source,
    }


@router.get(
    "/employees/{employee_id}",
    response=responses(EmployeeDetailOut, 404),
    operation_id="employees_detail",
    summary="One employee with post history and supervision chain",
)
def employee_detail(request, employee_id: Id, params: Query[ChainDay]):
    """Who may open the record is decided by today's posts and roles, whatever `date` asks;
    `date` moves only the supervision chain (atasan, rater, rater's superior)."""
    viewer = request.viewer
    employee = selectors.get_employee(viewer, employee_id)
    day = params.date or viewer.today
    prefetch_related_objects([employee], selectors.current_assignments_prefetch(viewer.today))
    chain = selectors.supervision_chain(employee, day)
    employee.personal_data_visible = permissions.may_see_personal_data(viewer, employee)
    employee.assignment_history = selectors.assignment_history(employee)
    employee.supervision = {
        "date": day,
        "atasan": _supervisor(chain.atasan),
        "rater": _supervisor(chain.rater),
        "rater_superior": _supervisor(chain.rater_superior),
    }
    return employee


# --- the caller -------------------------------------------------------------------------------


@router.get(
    "/me",
    response=responses(MeOut),
    operation_id="me",
    summary="Who is calling: roles, agency and own employee record",
)
def me(request):
    viewer = request.viewer
    user = viewer.user
    employee = api_selectors.own_employee(viewer)
    if employee is not None:
        prefetch_related_objects([employee], selectors.current_assignments_prefetch(viewer.today))
        employee.personal_data_visible = permissions.may_see_personal_data(viewer, employee)
    return {
        "username": user.username,
        "full_name": user.full_name or user.username,
        "roles": [role for role in Role.values if role in viewer.roles],
        "primary_role": viewer.primary_role or None,
        "admin_unit_ids": list(viewer.admin_unit_ids),
        "agency": user.agency if viewer.agency_id else None,
        "employee": employee,
    }
