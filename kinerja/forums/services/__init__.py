"""Writes of public consultation forums: record, update, publish and correct a forum; add,
change, follow up, complete and drop its commitments.

Each service checks its own permission, chooses every record it is given among those the actor
may choose, validates, writes in one transaction and records one audit event. A published
forum's record changes only through a correction with its reason (`forum_correct`, or a
commitment added or changed with a reason), which raises the forum's version; following a
commitment up (progress, done, dropped) is not a correction.
"""

from kinerja.forums.services.commitments import (
    commitment_complete,
    commitment_create,
    commitment_drop,
    commitment_report_progress,
    commitment_update,
)
from kinerja.forums.services.common import MAX_ROWS, REASON_MAX
from kinerja.forums.services.forums import (
    forum_correct,
    forum_create,
    forum_publish,
    forum_update,
)

__all__ = [
    "MAX_ROWS",
    "REASON_MAX",
    "commitment_complete",
    "commitment_create",
    "commitment_drop",
    "commitment_report_progress",
    "commitment_update",
    "forum_correct",
    "forum_create",
    "forum_publish",
    "forum_update",
]
