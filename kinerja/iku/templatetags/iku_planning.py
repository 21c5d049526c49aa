"""Whether the viewer may change the performance tree, for the links on the read-only pages.

The predicates are those of `kinerja.iku.permissions` (cached on the viewer), so a page that
asks for every goal of the tree runs no query per goal.
"""

from django import template

from kinerja.iku import permissions
from kinerja.org import permissions as org_permissions

register = template.Library()


@register.filter
def may_manage_goal(viewer, goal) -> bool:
    return bool(viewer) and permissions.can_manage_goal(
        viewer, level=goal.level, owner_unit=goal.owner_unit
    )


@register.filter
def may_manage_indicator(viewer, indicator) -> bool:
    return bool(viewer) and permissions.can_manage_indicator(viewer, indicator)


@register.filter
def may_plan_unit(viewer, unit) -> bool:
    return bool(viewer) and permissions.can_plan_for_unit(viewer, unit)


@register.filter
def may_add_goals(viewer) -> bool:
    """Plans at least one unit: BKPSDM admins, planning staff, unit admins and unit heads."""
    if not viewer or not viewer.is_authenticated:
        return False
    return bool(
        viewer.is_bkpsdm_admin
        or viewer.admin_unit_paths
        or org_permissions.headed_units(viewer)
        or permissions.is_planning_staff(viewer)
    )
