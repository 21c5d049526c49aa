"""Pure rules of the realisation of individual results: no Django, no database.

Sources: PermenPANRB 6/2022 Ps 16 (documentation of performance by period, with its evidence),
Lampiran p.68 (evidence shows the progress or final realisation of a result, not activity),
Format B.1.2 (RHK -> realisasi dan bukti dukung) and Ps 24(2)-(3) (the agency evaluates monthly or
quarterly).
"""

from __future__ import annotations

import datetime
import hashlib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

DRAFT = "draft"
SUBMITTED = "submitted"
RETURNED = "returned"
VERIFIED = "verified"
EDITABLE_STATUSES = frozenset({DRAFT, RETURNED})

EVIDENCE_FILE = "file"
EVIDENCE_LINK = "link"
EVIDENCE_TEXT = "text"
# Kinds whose reuse by another employee or for another period is flagged: a shared link (a
# regulation, the agency's website) is normal, the same file or the same text is suspicious.
FLAGGED_KINDS = frozenset({EVIDENCE_FILE, EVIDENCE_TEXT})

# Plans whose content was once set: a draft or a plan under review is not in force yet.
SET = "set"
SUPERSEDED = "superseded"
CLOSED = "closed"


def is_late(submitted_on: datetime.date, due_date: datetime.date) -> bool:
    """Late when first handed in after the reporting deadline; the deadline day is on time."""
    return submitted_on > due_date


def days_left(today: datetime.date, due_date: datetime.date) -> int:
    return (due_date - today).days


def normalised_text(text: str) -> str:
    """Text compared for reuse: Unicode NFKC, case folded (and composed again, since folding
    can decompose a letter), runs of white space as one space."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    return " ".join(folded.split())


def text_digest(text: str) -> str:
    """SHA-256 of the normalised text (the same text with other spacing or case is the same)."""
    return hashlib.sha256(normalised_text(text).encode("utf-8")).hexdigest()


def link_digest(url: str) -> str:
    return hashlib.sha256(url.strip().encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class PlanVersion:
    """What the choice of the plan in force needs to know of one SKP version."""

    pk: int
    series: str
    version: int
    status: str
    start_date: datetime.date
    end_date: datetime.date
    set_on: datetime.date | None


def plan_in_force(
    versions: Iterable[PlanVersion], start: datetime.date, end: datetime.date
) -> PlanVersion | None:
    """The plan version whose content applies to the period [start, end].

    Only versions that were set count (a draft revision is not in force). Among the plans
    covering the period (a mutation closes one plan and starts another), the one in force at
    the period's end, else the last to start. Within that plan, the newest version set by the
    period's end: a revision set later applies to later periods (Ps 14(2), the SKP evolves
    during the year); when none was set by then, the first version set.
    """
    set_versions = [
        v
        for v in versions
        if v.set_on is not None
        and v.status in {SET, SUPERSEDED, CLOSED}
        and v.start_date <= end
        and v.end_date >= start
    ]
    if not set_versions:
        return None
    by_series: dict[str, list[PlanVersion]] = {}
    for v in set_versions:
        by_series.setdefault(v.series, []).append(v)

    def series_rank(rows: list[PlanVersion]):
        first = min(rows, key=lambda v: v.version)
        covers_end = first.start_date <= end <= max(v.end_date for v in rows)
        return (covers_end, first.start_date, first.pk)

    rows = max(by_series.values(), key=series_rank)
    by_then = [v for v in rows if v.set_on <= end]
    if by_then:
        return max(by_then, key=lambda v: v.version)
    return min(rows, key=lambda v: v.version)


@dataclass(frozen=True)
class EvidenceUse:
    sha256: str
    kind: str
    employee_id: int
    period_id: int


def reused(evidence: EvidenceUse, uses: Iterable[EvidenceUse]) -> list[EvidenceUse]:
    """The other uses of the same file or text by another employee or for another period.

    A warning for the rater and the employee, not a refusal: a team may legitimately share one
    report, but the rater should know (Lampiran p.68: evidence proves the employee's result).
    """
    if evidence.kind not in FLAGGED_KINDS:
        return []
    return [
        use
        for use in uses
        if use.sha256 == evidence.sha256
        and use.kind == evidence.kind
        and (use.employee_id != evidence.employee_id or use.period_id != evidence.period_id)
    ]


# --- study leave (tugas belajar): academic results ---------------------------------------------
#
# Lampiran PermenPANRB 6/2022 p.62-64, p.92 and p.100 (domain.md 1.8): the SKP of an employee on
# study leave covers the academic results (IPK) and graduating on time; the guidance tables put
# an IPK below 2.76 (S-1) or below 3.00 (profesi, S-2, S-3) at Kurang, whatever the university's
# accreditation or whether it is abroad; the graduation timing is faster, on time or extended.

STUDY_S1 = "s1"
STUDY_POSTGRADUATE = "postgraduate"
IPK_MAX = Decimal("4.00")
MAX_SEMESTERS = 14
# The lower bound of Butuh Perbaikan in every guidance table of its level (p.100): below it the
# guidance is Kurang, and the study is at risk.
IPK_AT_RISK_BELOW = {STUDY_S1: Decimal("2.76"), STUDY_POSTGRADUATE: Decimal("3.00")}

FASTER = "faster"
ON_TIME = "on_time"
EXTENDED = "extended"


def study_progress(semesters_done: int, total_semesters: int) -> int:
    """The share of the semesters to graduate on time already done, in whole percent (capped
    at 100: a study that runs over its time is not more than done)."""
    if total_semesters < 1:
        raise ValueError("a study lasts at least one semester")
    done = max(0, min(semesters_done, total_semesters))
    return int((Decimal(done) * 100 / total_semesters).to_integral_value(ROUND_HALF_UP))


def graduation_timing(semester: int, total_semesters: int, graduated: bool = False) -> str:
    """Faster, on time or extended (p.100): a semester beyond the planned number is extended
    study; graduating before the last planned semester is faster."""
    if semester > total_semesters:
        return EXTENDED
    if graduated and semester < total_semesters:
        return FASTER
    return ON_TIME


@dataclass(frozen=True)
class SemesterFacts:
    semester: int
    ipk: Decimal
    sks_taken: int
    sks_passed: int


def study_at_risk(level: str, total_semesters: int, latest: SemesterFacts | None) -> list[str]:
    """Why the latest semester puts the study at risk (empty: it does not): an IPK below the
    Kurang bound of the guidance tables, credits taken but not passed, or a semester beyond the
    time to graduate (domain.md 1.8; drop-out leads to Kurang or Sangat Kurang)."""
    if latest is None:
        return []
    reasons = []
    if latest.ipk < IPK_AT_RISK_BELOW[level]:
        reasons.append("low_ipk")
    if latest.sks_passed < latest.sks_taken:
        reasons.append("credits_failed")
    if graduation_timing(latest.semester, total_semesters) == EXTENDED:
        reasons.append("extended")
    return reasons
