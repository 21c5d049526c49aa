"""Query helpers shared by the apps."""

from __future__ import annotations

from django.db.models import BooleanField, F, Func, QuerySet, Subquery


class InIds(Func):
    """`column IN (subquery)` that PostgreSQL can answer from the column's index when ORed
    with other conditions: there it is written `column = ANY(ARRAY(subquery))`, which reads
    the subquery once and lets a BitmapOr combine the indexes, where `IN (subquery)` under an
    OR scans every row of the table. Other databases get the plain `IN`.

    Use it like Exists: `Q(employee_id=5) | InIds("unit_id", units.values("pk"))`.
    """

    output_field = BooleanField()
    conditional = True

    def __init__(self, column: str, ids: QuerySet):
        # A set of ids: the model's default ordering would only sort it (thousands of
        # assignments of an OPD, for nothing).
        super().__init__(F(column), Subquery(ids.order_by()))

    def _parts(self, compiler):
        column, ids = self.get_source_expressions()
        lhs, lhs_params = compiler.compile(column)
        rhs, rhs_params = compiler.compile(ids)
        return lhs, rhs, (*lhs_params, *rhs_params)

    def as_sql(self, compiler, connection, **extra):
        lhs, rhs, params = self._parts(compiler)
        return f"{lhs} IN {rhs}", params

    def as_postgresql(self, compiler, connection, **extra):
        lhs, rhs, params = self._parts(compiler)
        return f"{lhs} = ANY(ARRAY{rhs})", params


class IdInPath(Func):
    """`column` is one of the ids of a materialised path ("/1/5/9/" holds 1, 5 and 9): the node
    itself or one of its ancestors, when the path is made of the ids of its nodes.

    The same rows as `path LIKE column_path || '%'` (the node's path is a prefix), but on
    PostgreSQL written `column = ANY(string_to_array(...))`, which reads the column's index for
    the few ids of the path where the LIKE compares every row. Other databases look for
    "/id/" in the path.
    """

    output_field = BooleanField()
    conditional = True

    def __init__(self, path, column: str):
        super().__init__(path, F(column))

    def _parts(self, compiler):
        path, column = self.get_source_expressions()
        path_sql, path_params = compiler.compile(path)
        column_sql, column_params = compiler.compile(column)
        return path_sql, column_sql, (*path_params, *column_params)

    def as_sql(self, compiler, connection, **extra):
        path, column, params = self._parts(compiler)
        return f"INSTR({path}, '/' || {column} || '/') > 0", params

    def as_postgresql(self, compiler, connection, **extra):
        path, column, params = self._parts(compiler)
        return (
            f"{column} = ANY(string_to_array(btrim({path}, '/'), '/')::bigint[])",
            params,
        )


class StrictlyUnderPath(Func):
    """`column` is the materialised path of a node strictly below the node of `path`
    (`column LIKE path || '%' AND column <> path`) where `path` comes from another row, such
    as an `OuterRef`.

    PostgreSQL cannot read an index for a LIKE whose pattern is not a constant; there it is
    written as the byte-wise range `column ~>~ path AND column ~<~ path || '~'`, which the
    column's pattern index (varchar_pattern_ops) answers for each outer row. Paths are made of
    digits and slashes, all below '~'.
    """

    output_field = BooleanField()
    conditional = True

    def __init__(self, path, column: str):
        super().__init__(path, F(column))

    def _parts(self, compiler):
        path, column = self.get_source_expressions()
        path_sql, path_params = compiler.compile(path)
        column_sql, column_params = compiler.compile(column)
        return path_sql, column_sql, path_params, column_params

    def as_sql(self, compiler, connection, **extra):
        path, column, path_params, column_params = self._parts(compiler)
        return (
            f"({column} LIKE {path} || '%%' AND {column} <> {path})",
            (*column_params, *path_params, *column_params, *path_params),
        )

    def as_postgresql(self, compiler, connection, **extra):
        path, column, path_params, column_params = self._parts(compiler)
        return (
            f"({column} ~>~ {path} AND {column} ~<~ ({path} || '~'))",
            (*column_params, *path_params, *column_params, *path_params),
        )
