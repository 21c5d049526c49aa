"""Writes of attendance, leave and discipline notices: each checks its permission, validates,
writes in one transaction and records one audit event.

Modules: `setting` (the machine's columns and working hours), `imports` (attendance and leave
files), `attendance` (corrections of a day), `sanctions` (notices and decisions).
"""

from kinerja.activities.services.attendance import day_correct
from kinerja.activities.services.imports import apply_file, import_create, import_run
from kinerja.activities.services.sanctions import notice_decide, sanctions_recompute
from kinerja.activities.services.setting import setting_save

__all__ = [
    "apply_file",
    "day_correct",
    "import_create",
    "import_run",
    "notice_decide",
    "sanctions_recompute",
    "setting_save",
]
