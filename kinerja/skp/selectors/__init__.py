"""Reads of SKP plans, scoped to the viewer where a viewer is involved.

`core` holds the scoping every area shares and is re-exported here; each area (plan, review,
matrix, alignment, documents, exemptions, editor, api) has its own module.
"""

from kinerja.skp.selectors.core import (  # noqa: F401
    PAGE_RELATED,
    PLAN_RELATED,
    current_skp,
    get_skp,
    load_action_plans,
    rater_inbox,
    skp_content,
    skp_versions,
    skps_visible_to,
)
