"""Writes of attendance, leave and discipline notices: each checks its permission, validates,
writes in one transaction and records one audit event.

Modules: `setting` (the machine's columns and working hours), `imports` (attendance and leave
files), `attendance` (corrections of a day), `sanctions` (notices and decisions), `worklog`
(the daily activity log and its catalogue).
"""

from kinerja.activities.services.attendance import day_correct
from kinerja.activities.services.imports import apply_file, import_create, import_run
from kinerja.activities.services.sanctions import notice_decide, sanctions_recompute
from kinerja.activities.services.setting import setting_save
from kinerja.activities.services.worklog import (
    activity_delete,
    activity_edit,
    activity_log,
    activity_repeat_yesterday,
    activity_return,
    activity_verify_many,
    catalogue_item_save,
)

__all__ = [
    "activity_delete",
    "activity_edit",
    "activity_log",
    "activity_repeat_yesterday",
    "activity_return",
    "activity_verify_many",
    "apply_file",
    "catalogue_item_save",
    "day_correct",
    "import_create",
    "import_run",
    "notice_decide",
    "sanctions_recompute",
    "setting_save",
]
