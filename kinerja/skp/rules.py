"""Pure rules of the SKP (PermenPANRB 6/2022): forms, workflow, deadlines, completeness.

No Django and no database here: the functions take plain values so that they are easy to read
and to test. Codes are the stored values of the choices in `kinerja.skp.models`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

# --- forms ------------------------------------------------------------------------------------

FORM_JPT = "jpt"
FORM_NON_JPT = "non_jpt"

JPT_POSITION_KINDS = frozenset({"jpt_utama", "jpt_madya", "jpt_pratama"})
# Heads of independent units (unit kerja mandiri) use the JPT form (Lampiran p.29). Which unit
# kinds are independent varies by region; a regional hospital run as a BLUD is the usual case.
INDEPENDENT_UNIT_KINDS = frozenset({"rsud"})


def skp_form(position_kind: str, *, is_unit_head: bool, unit_kind: str) -> str:
    """The SKP form for a post: JPT (A.1.1/A.1.2) or everyone else (A.1.6/A.1.7).

    PermenPANRB 6/2022, Lampiran p.29 and p.57: JPT and heads of independent units plan with
    perspectives; administrators and functional staff plan by intervening in a leader's RHK.
    """
    if position_kind in JPT_POSITION_KINDS:
        return FORM_JPT
    if is_unit_head and unit_kind in INDEPENDENT_UNIT_KINDS:
        return FORM_JPT
    return FORM_NON_JPT


# --- workflow ---------------------------------------------------------------------------------

DRAFT = "draft"
DIALOGUE = "dialogue"
SUBMITTED = "submitted"
RETURNED = "returned"
SET = "set"
SUPERSEDED = "superseded"
CLOSED = "closed"

EDITABLE_STATUSES = frozenset({DRAFT, DIALOGUE, RETURNED})
FINAL_STATUSES = frozenset({SET, SUPERSEDED, CLOSED})

# action -> (statuses it starts from, status it leads to, who may do it)
TRANSITIONS: dict[str, tuple[frozenset[str], str, frozenset[str]]] = {
    "start_dialogue": (frozenset({DRAFT}), DIALOGUE, frozenset({"owner", "rater"})),
    "submit": (frozenset({DIALOGUE, RETURNED}), SUBMITTED, frozenset({"owner"})),
    "return": (frozenset({SUBMITTED}), RETURNED, frozenset({"rater", "rater_superior"})),
    "set": (frozenset({SUBMITTED}), SET, frozenset({"rater", "rater_superior"})),
}


def deadline(year: int, start_date: datetime.date | None = None, *, midyear_days: int = 30):
    """The last day to set the SKP.

    PermenPANRB 6/2022 Ps 14(1) and Lampiran p.65 item 4: the end of January of the performance
    year. An SKP that starts later in the year (a mutation or a change of rater, domain.md 1.5)
    has no date in the regulation; Kinerja gives it `midyear_days` from its start (a setting).
    """
    end_of_january = datetime.date(year, 1, 31)
    if start_date is None or start_date <= end_of_january:
        return end_of_january
    return start_date + datetime.timedelta(days=midyear_days)


def days_left(today: datetime.date, due: datetime.date) -> int:
    """Days until the deadline; 0 on the day itself, negative once it has passed."""
    return (due - today).days


def acting_roles(*, is_owner: bool, is_rater: bool, is_rater_superior: bool, overdue: bool):
    """The workflow roles an actor plays on one SKP.

    The rater's superior acts only once the rater has missed the deadline (Lampiran p.65 item 5,
    p.90): before that, the rater alone sets or returns the plan.
    """
    roles = set()
    if is_owner:
        roles.add("owner")
    if is_rater:
        roles.add("rater")
    if is_rater_superior and overdue:
        roles.add("rater_superior")
    return frozenset(roles)


def allowed_actions(status: str, roles: frozenset[str]) -> list[str]:
    """Workflow actions open to these roles on an SKP in `status`, in display order."""
    return [
        action
        for action, (sources, _target, who) in TRANSITIONS.items()
        if status in sources and roles & who
    ]


def next_status(status: str, action: str) -> str:
    sources, target, _who = TRANSITIONS[action]
    if status not in sources:
        raise ValueError(f"{action} is not allowed from {status}")
    return target


# --- completeness -----------------------------------------------------------------------------

PERSPECTIVES = ("penerima_layanan", "proses_bisnis", "penguatan_internal", "anggaran")
BUDGET_PERSPECTIVE = "anggaran"
ASPECTS = ("kuantitas", "kualitas", "waktu", "biaya")
UTAMA = "utama"
TAMBAHAN = "tambahan"
QUANTITATIVE = "kuantitatif"
QUALITATIVE = "kualitatif"


@dataclass(frozen=True)
class IndicatorFacts:
    text: str
    aspect: str
    target_text: str
    target_value: object  # Decimal or None
    unit_of_measure: str


@dataclass(frozen=True)
class RhkFacts:
    key: str
    text: str
    kind: str
    perspective: str
    intervenes: bool
    indicators: tuple[IndicatorFacts, ...]
    iku_indicator_id: int | None = None
    acting: bool = False  # the main result of a Plt./Plh. assignment (Lampiran p.50)


@dataclass(frozen=True)
class Problem:
    code: str
    rhk_key: str = ""
    detail: str = ""


def plan_problems(
    form: str,
    approach: str,
    rhks: list[RhkFacts],
    *,
    pk_indicator_ids: frozenset[int] = frozenset(),
) -> list[Problem]:
    """Everything that stops an SKP from being submitted, as codes for the UI to translate.

    Sources: PermenPANRB 6/2022 Ps 9 (RHK with indicator and target; aspects; approach),
    Lampiran p.27-29 (utama/tambahan; JPT perspectives, budget perspective required; PK targets
    as mandatory utama results), p.57-59 (non-JPT RHK names the leader's RHK it intervenes) and
    p.50 (the duties of a Plt./Plh. post are a main result of their own, intervening in nothing).
    """
    problems: list[Problem] = []
    if not any(r.kind == UTAMA for r in rhks):
        problems.append(Problem("no_utama"))
    for rhk in rhks:
        if not rhk.text.strip():
            problems.append(Problem("rhk_text_missing", rhk.key))
        if not rhk.indicators:
            problems.append(Problem("rhk_without_indicator", rhk.key))
        if form == FORM_JPT and rhk.perspective not in PERSPECTIVES:
            problems.append(Problem("perspective_missing", rhk.key))
        if form == FORM_NON_JPT and rhk.kind == UTAMA and not rhk.intervenes and not rhk.acting:
            problems.append(Problem("intervention_missing", rhk.key))
        for indicator in rhk.indicators:
            problems.extend(_indicator_problems(form, approach, rhk.key, indicator))
    if form == FORM_JPT:
        if not any(r.perspective == BUDGET_PERSPECTIVE for r in rhks):
            problems.append(Problem("budget_perspective_missing"))
        covered = {r.iku_indicator_id for r in rhks if r.kind == UTAMA and r.iku_indicator_id}
        for missing in sorted(pk_indicator_ids - covered):
            problems.append(Problem("pk_target_missing", detail=str(missing)))
    return problems


def _indicator_problems(form, approach, rhk_key, indicator: IndicatorFacts) -> list[Problem]:
    problems = []
    if not indicator.text.strip():
        problems.append(Problem("indicator_text_missing", rhk_key))
    if form == FORM_NON_JPT and indicator.aspect not in ASPECTS:
        problems.append(Problem("aspect_missing", rhk_key))
    if approach == QUANTITATIVE:
        if indicator.target_value is None or not indicator.unit_of_measure.strip():
            problems.append(Problem("quantitative_target_missing", rhk_key))
    elif not (indicator.target_text.strip() or indicator.target_value is not None):
        problems.append(Problem("target_missing", rhk_key))
    return problems


def missing_perspectives(rhks: list[RhkFacts]) -> list[str]:
    """Perspectives a JPT plan does not cover yet (a warning except for the budget one)."""
    covered = {r.perspective for r in rhks}
    return [p for p in PERSPECTIVES if p not in covered]


ABSOLUTE_WORDS = ("semua", "selalu", "tidak pernah", "setiap", "all ", "always", "never", "every")


def absolute_target_words(text: str) -> list[str]:
    """Absolute words that a target for administrators and functional staff should avoid.

    Lampiran p.51: targets should not be absolute ("all", "always", "never", "every") except for
    results involving lives, injury, security or large losses; so this is a warning, not an error.
    """
    lowered = f" {text.lower()} "
    return [w.strip() for w in ABSOLUTE_WORDS if f" {w.strip()} " in lowered]
