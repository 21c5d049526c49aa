"""Reads of organisation performance, scoped to the viewer where a viewer is involved.

Calendar helpers (`working_days`, `add_working_days`) are agency-wide facts and take no viewer;
`pages` holds the reads of the screens, `api` the filtered lists and lookups of the API.
"""

from kinerja.iku.selectors.calendar import (  # noqa: F401
    WorkingCalendar,
    add_working_days,
    days_off,
    working_days,
)
from kinerja.iku.selectors.core import (  # noqa: F401
    agreement_history,
    agreement_in_force,
    agreement_indicators,
    agreements_visible_to,
    days_off_of_year,
    expected_periods,
    get_agreement,
    get_day_off,
    get_performance_year,
    get_realisation,
    indicator_results,
    indicators_followed_by,
    leader_of_unit,
    leader_position_id,
    lkjip_category_bands,
    lkjip_settings,
    performance_years,
    realisation_due_date,
    realisation_gap_counts,
    realisations_visible_to,
    results_computation,
    unit_head,
    unit_results,
    year_periods,
)
from kinerja.iku.selectors.decisions import (  # noqa: F401
    DECIDED_SHOWN,
    AppraisalOrgPredikat,
    leader_position_ids,
    org_predikat_decisions_decided,
    org_predikat_decisions_to_make,
    org_predikat_for_appraisal,
)
from kinerja.iku.selectors.glance import AgencyGlance, agency_glance  # noqa: F401
from kinerja.iku.selectors.pages import (  # noqa: F401
    YearCalendar,
    agency_units,
    calendar_of_year,
    default_performance_year,
    get_agency_unit,
    get_evidence,
    get_indicator,
    get_period,
    goal_outline,
    goal_results_for,
    goals_of_year,
    indicator_realisations,
    indicator_results_for,
    indicator_targets,
    may_see_indicator_evidence,
    opd_results,
    performance_year_from_request,
    planning_units,
    realisation_counts,
    realisation_versions,
    realisations_of_year,
    realisations_to_verify,
    unit_results_for,
)
from kinerja.iku.selectors.reporting import ReportingDue, reporting_due  # noqa: F401
from kinerja.iku.selectors.sources import (  # noqa: F401
    computed_origin,
    indicator_source,
    source_span,
    source_unit,
    source_unit_choices,
)
