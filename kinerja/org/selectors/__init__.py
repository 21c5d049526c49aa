"""Reads of the organisation, always scoped to the viewer.

An object outside the viewer's scope is reported as missing (404), never as forbidden. `core`
holds the scopes and lists, `supervision` the supervision chain, `api` the filtered lists the
API adds, `public` the agency a public page serves.
"""

from kinerja.org.selectors.core import (
    NIP_DIGITS_SHOWN_WHEN_MASKED,
    active_on,
    assignment_history,
    current_assignments_prefetch,
    delegate_candidates,
    direct_subordinates,
    employee_list,
    employees_visible_to,
    get_employee,
    get_unit,
    has_subordinates,
    positions_held_by,
    positions_visible_to,
    unit_ancestors,
    unit_children,
    unit_headcount,
    unit_positions,
    unit_tree,
    units_visible_to,
    viewer_agency,
)
from kinerja.org.selectors.public import (
    AGENCY_PARAM,
    PublicAgency,
    public_agencies,
    public_agency,
    public_agency_of,
)
from kinerja.org.selectors.supervision import (
    RatersOnDay,
    SupervisionChain,
    Supervisor,
    primary_assignment,
    raters_on,
    supervision_chain,
    supervision_overrides_of,
)

__all__ = [
    "AGENCY_PARAM",
    "NIP_DIGITS_SHOWN_WHEN_MASKED",
    "PublicAgency",
    "RatersOnDay",
    "SupervisionChain",
    "Supervisor",
    "active_on",
    "assignment_history",
    "current_assignments_prefetch",
    "delegate_candidates",
    "direct_subordinates",
    "employee_list",
    "employees_visible_to",
    "get_employee",
    "get_unit",
    "has_subordinates",
    "positions_held_by",
    "positions_visible_to",
    "primary_assignment",
    "public_agencies",
    "public_agency",
    "public_agency_of",
    "raters_on",
    "supervision_chain",
    "supervision_overrides_of",
    "unit_ancestors",
    "unit_children",
    "unit_headcount",
    "unit_positions",
    "unit_tree",
    "units_visible_to",
    "viewer_agency",
]
