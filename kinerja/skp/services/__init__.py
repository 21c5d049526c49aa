"""Writes of SKP. Every function is atomic and records one audit event per change."""

from kinerja.skp.services.acting import acting_result_add  # noqa: F401
from kinerja.skp.services.exemptions import (  # noqa: F401
    exemption_delete,
    exemption_end,
    exemption_record,
    exemption_update,
)
from kinerja.skp.services.plan import (  # noqa: F401
    action_plan_set,
    action_plans_save,
    behaviour_set,
    indicator_add,
    indicator_remove,
    indicator_update,
    rhk_add,
    rhk_remove,
    rhk_update,
    skp_create,
    skp_update,
)
from kinerja.skp.services.takeovers import (  # noqa: F401
    rhk_take_over,
    rhk_takeover_withdraw,
)
from kinerja.skp.services.workflow import (  # noqa: F401
    comment_add,
    skp_restart,
    skp_restart_for_new_rater,
    skp_return,
    skp_revise,
    skp_set,
    skp_start_dialogue,
    skp_submit,
)
