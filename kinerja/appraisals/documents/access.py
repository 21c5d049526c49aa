"""Who may read the evaluation documents: predicates of a Viewer.

Reading an evaluation's PDF (or its keberatan's) is reading its page: `selectors.get_evaluation`
decides it (out of scope: 404). The predikat recap (Excel) is for BKPSDM, pimpinan and auditors
(the whole agency), unit admins (their units) and raters or raters' superiors of record (those
they evaluate); `selectors.recap_scope` gives the rows, this gives the 403.
"""

from __future__ import annotations

from kinerja.appraisals import selectors


def can_read_recap(viewer) -> bool:
    return selectors.recap_scope(viewer) is not None
