"""Query helpers shared by the apps."""

from __future__ import annotations

import copy
import datetime
from collections.abc import Callable

from django.db import connections
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


# Placeholder values lie inside the range of every integer field (Django leaves a value
# outside a field's range out of the SQL), in two sets: a slot is where the two compilations
# differ, so that a constant of the query is never mistaken for a value.
_PLACEHOLDER_INT = (32001, 32301)
_PLACEHOLDER_YEAR = (1001, 1301)


class Prepared:
    """A query that Django builds and compiles to SQL once per process and database, then runs
    with each call's own values.

    Django builds and compiles a queryset's SQL on every evaluation; for a query with
    subqueries that costs several times what the database takes to answer it. The queries
    every signed-in page runs (the posts the viewer holds, say) are prepared: `build` makes the
    queryset from keyword values, the first call compiles it twice with two sets of placeholder
    values (the slots are where the two differ, so no constant of the query is taken for a
    value), and each call binds its own values into those slots. `kinds` names each value's type
    (`int`, `str`, `datetime.date` or `datetime.datetime`), so that a value is adapted for the
    database as Django adapts it. Only for queries whose SQL does not depend on the values (no
    lists whose length varies, no branches on a value): compiling checks that every placeholder
    reached the SQL. A call with a None value runs the ordinary queryset.
    """

    def __init__(self, build: Callable[..., QuerySet], **kinds: type):
        self._build = build
        self._kinds = kinds
        self._compiled: dict[tuple[str, str], tuple] = {}

    def _placeholders(self, which: int) -> dict[str, object]:
        values = {}
        for index, (name, kind) in enumerate(self._kinds.items()):
            year = _PLACEHOLDER_YEAR[which] + index
            if kind is int:
                values[name] = _PLACEHOLDER_INT[which] + index
            elif kind is str:
                values[name] = f"\x01placeholder{which}:{name}"
            elif kind is datetime.date:
                values[name] = datetime.date(year, 2, 3)
            elif kind is datetime.datetime:
                values[name] = datetime.datetime(year, 2, 3, 4, 5, 6, tzinfo=datetime.UTC)
            else:
                raise TypeError(f"Prepared: unsupported kind {kind!r} for {name}")
        return values

    @staticmethod
    def _adapt(connection, kind: type, value):
        if kind is datetime.date:
            return connection.ops.adapt_datefield_value(value)
        if kind is datetime.datetime:
            return connection.ops.adapt_datetimefield_value(value)
        return value

    def _compile(self, connection):
        key = (connection.alias, connection.vendor)
        found = self._compiled.get(key)
        if found is None:
            compiled = []
            for which in (0, 1):
                placeholders = self._placeholders(which)
                queryset = self._build(**placeholders).using(connection.alias)
                compiler = queryset.query.get_compiler(connection=connection)
                sql, params = compiler.as_sql()
                names = {
                    self._adapt(connection, self._kinds[name], value): name
                    for name, value in placeholders.items()
                }
                compiled.append((queryset, compiler, sql, tuple(params), names))
            (
                (template, compiler, sql, params, names),
                (_, _, other_sql, other_params, other_names),
            ) = compiled
            if sql != other_sql or len(params) != len(other_params):
                raise ValueError("Prepared: the query's SQL depends on its values")
            slots = []
            for index, (param, other) in enumerate(zip(params, other_params, strict=True)):
                if param == other:
                    continue
                if names.get(param) is None or names.get(param) != other_names.get(other):
                    raise ValueError("Prepared: a value reached the SQL in a changed form")
                slots.append((index, names[param]))
            missing = set(self._kinds) - {name for _, name in slots}
            if missing:
                raise ValueError(f"Prepared: {sorted(missing)} never reached the SQL")
            found = (template, compiler, sql, params, tuple(slots))
            self._compiled[key] = found
        return found

    def __call__(self, using: str = "default", **values) -> list:
        if values.keys() != self._kinds.keys():
            raise TypeError(
                f"Prepared: called with {sorted(values)}, expects {sorted(self._kinds)}"
            )
        if any(value is None for value in values.values()):
            # The ORM writes `= NULL` as IS NULL, a SQL of its own: no slot can hold it.
            return list(self._build(**values).using(using))
        connection = connections[using]
        template, compiler, sql, params, slots = self._compile(connection)
        bound = list(params)
        for index, name in slots:
            bound[index] = self._adapt(connection, self._kinds[name], values[name])
        prepared = copy.copy(compiler)
        prepared.connection = connection
        prepared.as_sql = lambda *args, **kwargs: (sql, tuple(bound))
        queryset = template._chain()
        queryset.query.get_compiler = lambda *args, **kwargs: prepared
        return list(queryset)


def commit_without_waiting_for_disk() -> None:
    """Let the running transaction's COMMIT return before PostgreSQL has flushed it to disk
    (`synchronous_commit` off for this transaction only; other databases: nothing).

    For many small anonymous writes whose loss in a server crash is acceptable (a citizen's
    survey answer): a crash may lose the transactions of its last fraction of a second, never
    leave one half-written, so the database stays consistent. Each such COMMIT then costs no
    wait for the disk, which otherwise bounds how many answers a server process records a
    second. Never for plans, scores, signatures or anything an employee or official records."""
    connection = connections["default"]
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def attach_prefetched(instances, relation: str, rows, *, back: str) -> None:
    """Give each of `instances` its rows among `rows` as `instance.<relation>.all()`, as
    prefetch_related would, when the rows were read another way (one prepared query by their
    common parent, rather than one whose list of ids varies). `back` names the rows' foreign
    key to the instances; each row gets its instance there, without a query."""
    by_parent: dict = {}
    for row in rows:
        by_parent.setdefault(getattr(row, f"{back}_id"), []).append(row)
    for instance in instances:
        found = by_parent.get(instance.pk, [])
        for row in found:
            setattr(row, back, instance)
        queryset = getattr(instance, relation).get_queryset()
        queryset._result_cache = found
        queryset._prefetch_done = True
        if not hasattr(instance, "_prefetched_objects_cache"):
            instance._prefetched_objects_cache = {}
        instance._prefetched_objects_cache[relation] = queryset
