"""Importing units, positions and employees from an .xlsx workbook or a CSV file.

The whole file is checked first and every problem is reported with its sheet, row and column;
nothing changes unless the whole file is valid. Rows are matched by code (units, positions) and
NIP (employees), so importing the same file again changes nothing, and a corrected file updates
what differs and records a new post as a move.

Modules: `columns` (the format), `reader` (file to raw rows), `records` (cell checks),
`planning` (cross-checks and the plan), `apply` (bulk writes with audit events), `template`
(the downloadable templates), `jobs` (ImportJob runs), `selectors` (reads for the pages).
"""

from kinerja.org.imports.jobs import (
    apply_import_plan,
    import_file,
    import_job_create,
    import_job_run,
    validate_import_file,
)
from kinerja.org.imports.planning import ImportPlan

__all__ = [
    "ImportPlan",
    "apply_import_plan",
    "import_file",
    "import_job_create",
    "import_job_run",
    "validate_import_file",
]
