"""The error report: one dict per problem, JSON-safe so that it can be stored on the ImportJob."""

from __future__ import annotations

from kinerja.org.imports.columns import COLUMN_NAMES, SHEET_KINDS

# Enough to fix any real file; a file that is wrong everywhere would otherwise store megabytes.
MAX_ERRORS = 10_000


def row_error(sheet: str, row: int | None, column: str, message: str) -> dict:
    return {"sheet": sheet, "row": row, "column": column, "message": str(message)}


def file_error(message: str) -> dict:
    return row_error("", None, "", message)


def _sort_key(error: dict):
    sheet = error["sheet"]
    sheet_index = SHEET_KINDS.index(sheet) if sheet in SHEET_KINDS else -1
    columns = COLUMN_NAMES.get(sheet, ())
    column = error["column"]
    column_index = columns.index(column) if column in columns else -1
    return (sheet_index, error["row"] or 0, column_index, error["message"])


def sorted_errors(errors: list[dict]) -> list[dict]:
    return sorted(errors, key=_sort_key)
