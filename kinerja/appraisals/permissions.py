"""Who may do what with an evaluation: predicates of a Viewer.

- the *rater of record* (frozen on the evaluation) rates, finalises, signs and hands over, up to
  and including the rater's deadline; when the plan names the regional head, a user with the
  pimpinan role acts for them;
- from the day after the rater's deadline the *rater's superior* of record does it instead, and
  that result is final (PermenPANRB 6/2022 Lampiran p.90 item 11);
- the *employee* acknowledges receipt of and signs only their own evaluation;
- a finalised evaluation does not change here: the keberatan step (a later one) is the only way.

Reading is scoped by the selectors (out of scope: 404).
"""

from __future__ import annotations

from kinerja.accounts.models import Role
from kinerja.appraisals import rules


def _is(viewer, employee_id, agency_id) -> bool:
    if not viewer.is_authenticated or viewer.agency_id != agency_id:
        return False
    if employee_id is None:
        return Role.PIMPINAN in viewer.granted_roles
    return viewer.employee_id is not None and viewer.employee_id == employee_id


def is_employee(viewer, evaluation) -> bool:
    return (
        viewer.is_authenticated
        and viewer.employee_id is not None
        and viewer.employee_id == evaluation.employee_id
    )


def is_rater(viewer, evaluation) -> bool:
    return _is(viewer, evaluation.rater_id, evaluation.agency_id)


def is_rater_superior(viewer, evaluation) -> bool:
    return _is(viewer, evaluation.rater_superior_id, evaluation.agency_id)


def acting_evaluator(viewer, evaluation, due: rules.Deadlines) -> str | None:
    """ "rater" or "superior" when the viewer evaluates this evaluation today, else None. The
    deadline day itself still belongs to the rater."""
    if is_employee(viewer, evaluation):
        return None
    if rules.rater_may_act(viewer.today, due):
        return "rater" if is_rater(viewer, evaluation) else None
    return "superior" if is_rater_superior(viewer, evaluation) else None


def can_rate(viewer, evaluation, due: rules.Deadlines) -> bool:
    return evaluation.is_rateable and acting_evaluator(viewer, evaluation, due) is not None


def can_finalise(viewer, evaluation, due: rules.Deadlines) -> bool:
    return evaluation.status == "rated" and acting_evaluator(viewer, evaluation, due) is not None


def can_sign(viewer, evaluation, due: rules.Deadlines) -> bool:
    """The one who finalised signs: the rater, or the superior who took over."""
    if evaluation.status != "finalised":
        return False
    if evaluation.set_by_superior:
        return is_rater_superior(viewer, evaluation) and not is_employee(viewer, evaluation)
    return acting_evaluator(viewer, evaluation, due) is not None


def can_acknowledge(viewer, evaluation) -> bool:
    return evaluation.status == "signed" and is_employee(viewer, evaluation)


def can_sign_as_employee(viewer, evaluation) -> bool:
    return evaluation.status == "acknowledged" and is_employee(viewer, evaluation)


def may_evaluate_anyone(viewer) -> bool:
    """Whether the calibration desk can hold anything for the viewer (without a query)."""
    return viewer.is_authenticated and (viewer.is_atasan or Role.PIMPINAN in viewer.granted_roles)


# --- keberatan (PermenPANRB 6/2022 Lampiran p.117) -------------------------------------------


def can_file_keberatan(viewer, evaluation, *, already_filed: bool) -> bool:
    """Only the employee, on a received document whose result is not final, once (the
    deadline is checked by the service and shown by the page)."""
    return (
        is_employee(viewer, evaluation)
        and evaluation.keberatan_allowed
        and evaluation.acknowledged_on is not None
        and not already_filed
    )


def can_hear_rater(viewer, keberatan) -> bool:
    """The rater of record records the explanation, or the rater's superior who heard it."""
    evaluation = keberatan.evaluation
    return (
        keberatan.status == "filed"
        and not is_employee(viewer, evaluation)
        and (is_rater(viewer, evaluation) or is_rater_superior(viewer, evaluation))
    )


def can_decide_keberatan(viewer, keberatan) -> bool:
    """Only the rater's superior of record decides, after the rater was heard."""
    evaluation = keberatan.evaluation
    return (
        keberatan.status == "rater_heard"
        and not is_employee(viewer, evaluation)
        and is_rater_superior(viewer, evaluation)
    )


# --- administration ---------------------------------------------------------------------------


def can_open_evaluations(viewer, agency_id: int) -> bool:
    """BKPSDM opens the evaluations of its agency's periods and keeps the settings."""
    return viewer.is_authenticated and viewer.is_bkpsdm_admin and viewer.agency_id == agency_id


def can_read_periods(viewer) -> bool:
    """The agency's progress per period: BKPSDM, pimpinan and auditors."""
    return viewer.is_authenticated and viewer.sees_whole_agency
