"""Reads of the evaluations, scoped to the viewer (out of scope: 404).

Who reads an evaluation: the employee, the rater and the rater's superior of record, the
leaders above the employee (those who read the plan), the admins of the employee's unit, and
BKPSDM, pimpinan and auditors for the whole agency.

One module per area: `core` (scope, one evaluation, deadlines, keberatan, the employee's own),
`distribution` (the team counted and its pattern), `periods` (the agency's periods), `desk`
(the calibration desk), `explanation` (one evaluation read whole), `documents` (its PDF
forms and the recap), `credit` (angka kredit). Everything is re-exported here: callers write
`selectors.desk(...)`.
"""

from kinerja.appraisals.selectors.core import (  # noqa: F401
    RATED_OR_LATER,
    _days_off_from,
    _scope,
    deadlines_of,
    evaluations_visible_to,
    get_evaluation,
    get_keberatan,
    get_period,
    keberatan_decision_days_left,
    keberatan_decision_deadline,
    keberatan_filing_deadline,
    keberatan_of,
    keberatan_waiting,
    own_evaluations,
    own_waiting,
)
from kinerja.appraisals.selectors.credit import (  # noqa: F401
    CreditPage,
    credit_page,
    get_credit_employee,
)
from kinerja.appraisals.selectors.desk import (  # noqa: F401
    Desk,
    DeskRow,
    count_to_evaluate,
    desk,
    desk_periods,
    unit_overview,
)
from kinerja.appraisals.selectors.distribution import (  # noqa: F401
    BAND_LABELS,
    distribution_base,
    pattern_of,
    predikat_counts,
    same_unit_kerja,
    team_of,
    team_warnings,
)
from kinerja.appraisals.selectors.documents import (  # noqa: F401
    EvaluationDocument,
    PredikatRecap,
    RecapRow,
    active_print_job,
    evaluation_document,
    get_print_job,
    predikat_recap,
    print_evaluations,
    print_jobs_visible_to,
    printable_evaluation_ids,
    recap_scope,
)
from kinerja.appraisals.selectors.explanation import (  # noqa: F401
    Explanation,
    calibration_changes,
    explanation,
    history_of,
)
from kinerja.appraisals.selectors.periods import (  # noqa: F401
    PeriodProgress,
    period_progress,
    periods_progress,
    periods_to_open,
)
from kinerja.appraisals.selectors.reminders import (  # noqa: F401
    ReminderLine,
    reminders_due,
)
