"""Reads of the survey, scoped to the viewer: one module per area."""

from kinerja.surveys.selectors.setup import (
    choosable_units,
    get_point_for_setup,
    get_service_for_setup,
    get_setup_unit,
    point_services,
    public_point,
    service_users_of,
    setup_units,
    setup_units_with_counts,
    unit_points,
    unit_services,
)

__all__ = [
    "choosable_units",
    "get_point_for_setup",
    "get_service_for_setup",
    "get_setup_unit",
    "point_services",
    "public_point",
    "service_users_of",
    "setup_units",
    "setup_units_with_counts",
    "unit_points",
    "unit_services",
]
