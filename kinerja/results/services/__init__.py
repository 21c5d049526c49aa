"""Writes of the results app: realisations of work results with their evidence, and the
academic results of employees on study leave."""

from kinerja.results.services.realisation import (
    evidence_add,
    evidence_remove,
    realisation_correct,
    realisation_enter,
    realisation_return,
    realisation_save,
    realisation_submit,
    realisation_verify,
    realisation_verify_many,
)
from kinerja.results.services.study import (
    semester_correct,
    semester_evidence_add,
    semester_evidence_remove,
    semester_return,
    semester_save,
    semester_submit,
    semester_verify,
)
from kinerja.results.services.study_leave import (
    study_leave_end,
    study_leave_record,
    study_leave_update,
)

__all__ = [
    "evidence_add",
    "evidence_remove",
    "realisation_correct",
    "realisation_enter",
    "realisation_return",
    "realisation_save",
    "realisation_submit",
    "realisation_verify",
    "realisation_verify_many",
    "semester_correct",
    "semester_evidence_add",
    "semester_evidence_remove",
    "semester_return",
    "semester_save",
    "semester_submit",
    "semester_verify",
    "study_leave_end",
    "study_leave_record",
    "study_leave_update",
]
