"""Writes of the evaluations, one module per area: the evaluation itself (opening, rating,
calibration, signing, receipt) and the keberatan. The functions are re-exported here, so callers
write `services.evaluation_rate(...)`."""

from kinerja.appraisals.services.evaluation import (
    evaluation_acknowledge,
    evaluation_finalise,
    evaluation_rate,
    evaluation_sign,
    evaluation_sign_as_employee,
    evaluations_finalise,
    evaluations_open,
)
from kinerja.appraisals.services.keberatan import (
    keberatan_decide,
    keberatan_file,
    keberatan_hear_rater,
)

__all__ = [
    "evaluation_acknowledge",
    "evaluation_finalise",
    "evaluation_rate",
    "evaluation_sign",
    "evaluation_sign_as_employee",
    "evaluations_finalise",
    "evaluations_open",
    "keberatan_decide",
    "keberatan_file",
    "keberatan_hear_rater",
]
