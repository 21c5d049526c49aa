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
        super().__init__(F(column), Subquery(ids))

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
