"""Writes of the evaluations, one module per area: the evaluation itself (opening, rating,
calibration, signing, receipt), the keberatan, the deadline e-mails and the
agency's settings. The functions are
re-exported here, so callers write `services.evaluation_rate(...)`."""

from kinerja.appraisals.services.evaluation import (
    evaluation_acknowledge,
    evaluation_finalise,
    evaluation_rate,
    evaluation_sign,
    evaluation_sign_as_employee,
    evaluations_finalise,
    evaluations_open,
    evaluations_open_check,
)
from kinerja.appraisals.services.keberatan import (
    keberatan_decide,
    keberatan_file,
    keberatan_hear_rater,
)
from kinerja.appraisals.services.reminders import reminders_send
from kinerja.appraisals.services.settings import appraisal_settings_update

__all__ = [
    "appraisal_settings_update",
    "evaluation_acknowledge",
    "evaluation_finalise",
    "evaluation_rate",
    "evaluation_sign",
    "evaluation_sign_as_employee",
    "evaluations_finalise",
    "evaluations_open",
    "evaluations_open_check",
    "keberatan_decide",
    "keberatan_file",
    "keberatan_hear_rater",
    "reminders_send",
]
