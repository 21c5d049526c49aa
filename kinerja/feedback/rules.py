"""Pure rules of continuous feedback (umpan balik berkelanjutan), PermenPANRB 6/2022 Ps 17-19.

No Django and no database: the callers pass plain values.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

# Who gives feedback, as seen from the employee who receives it (Ps 18(3); Lampiran p.70).
LEADER = "leader"
PEER = "peer"
SUBORDINATE = "subordinate"
OTHER = "other"

# Only these may give feedback without their name shown to the employee.
MAY_BE_ANONYMOUS = frozenset({PEER, SUBORDINATE})

DEFAULT_ANONYMITY_THRESHOLD = 3


def relation_of(
    *,
    giver_id: int,
    employee_leader_ids: Iterable[int],
    employee_atasan_id: int | None,
    giver_leader_ids: Iterable[int],
    giver_atasan_id: int | None,
    employee_id: int,
) -> str:
    """The relation of the giver to the employee on the day of giving.

    - leader: the giver is the employee's atasan or rater (pejabat penilai), Ps 1(9)-(10);
    - subordinate: the employee is the giver's atasan or rater;
    - peer: both have the same atasan;
    - other: anyone else of the agency (another unit, a leader of a cross-unit team).
    """
    if giver_id in set(employee_leader_ids):
        return LEADER
    if employee_id in set(giver_leader_ids):
        return SUBORDINATE
    if employee_atasan_id is not None and employee_atasan_id == giver_atasan_id:
        return PEER
    return OTHER


def anonymous_group_shown(distinct_givers: int, threshold: int) -> bool:
    """Anonymous peer or subordinate feedback of a period is shown to the employee only when
    at least `threshold` different people gave it, so that no single giver can be guessed.
    The threshold is the agency's setting (3 unless changed)."""
    return distinct_givers >= max(1, threshold)


def default_schedule(period_ends: Iterable[datetime.date]) -> list[datetime.date]:
    """Scheduled feedback (berkala) is mandatory for the leader (Ps 18(2)): by default once per
    evaluation period, due on the last day of each period."""
    return sorted(set(period_ends))


def days_left(today: datetime.date, due: datetime.date) -> int:
    """Calendar days until a scheduled slot is due (negative once overdue)."""
    return (due - today).days


def coverage_state(*, pending: Iterable[datetime.date], planned: bool, today: datetime.date) -> str:
    """The state of a team member's schedule for the leader: "none" when no slot was planned
    for the year, "overdue" when a slot not yet done is past its date, "due" when one falls
    within a week, "done" when every slot is done, "ok" otherwise."""
    if not planned:
        return NONE
    dates = sorted(pending)
    if not dates:
        return DONE
    if dates[0] < today:
        return OVERDUE
    if days_left(today, dates[0]) <= DUE_SOON_DAYS:
        return DUE
    return OK


NONE, OVERDUE, DUE, OK, DONE = "none", "overdue", "due", "ok", "done"
BEHIND = frozenset({NONE, OVERDUE})
DUE_SOON_DAYS = 7
