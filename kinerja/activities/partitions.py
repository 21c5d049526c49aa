"""Monthly partitions of the daily activity table on PostgreSQL (a no-op on SQLite).

Django creates `activities_activity` as a plain table; on PostgreSQL migration 0002 recreates it
as a table partitioned by range of `date`, with the primary key (id, date) since a partition key
must be part of every unique key (Django keeps treating `id` alone as the primary key, which the
identity column keeps unique). Its indexes and foreign keys are read from the plain table and
created again on the partitioned one. A DEFAULT partition takes any date without a month of its
own, so that no insert ever fails; `create_month_partitions` moves such rows into the new month.

The `activity_partitions` command creates the twelve months of a year (cron: every December for
the next year); the migration creates those of the current and the next year.
"""

from __future__ import annotations

import datetime

TABLE = "activities_activity"
DEFAULT_PARTITION = f"{TABLE}_default"


def is_partitioned(connection) -> bool:
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relname = %s AND n.nspname = current_schema()",
            [TABLE],
        )
        row = cursor.fetchone()
    return bool(row) and row[0] == "p"


def partition_table(connection) -> bool:
    """Turn the plain, empty activity table into a partitioned one (PostgreSQL only)."""
    if connection.vendor != "postgresql" or is_partitioned(connection):
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = %s AND indexname <> %s",
            [TABLE, f"{TABLE}_pkey"],
        )
        indexes = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype = 'f'",
            [TABLE],
        )
        foreign_keys = cursor.fetchall()
        cursor.execute(f"ALTER TABLE {TABLE} RENAME TO {TABLE}_plain")
        cursor.execute(
            f"CREATE TABLE {TABLE} (LIKE {TABLE}_plain INCLUDING DEFAULTS INCLUDING CONSTRAINTS "
            f"INCLUDING IDENTITY) PARTITION BY RANGE (date)"
        )
        cursor.execute(f"DROP TABLE {TABLE}_plain")
        cursor.execute(f"ALTER TABLE {TABLE} ADD CONSTRAINT {TABLE}_pkey PRIMARY KEY (id, date)")
        for definition in indexes:
            cursor.execute(definition)
        for name, definition in foreign_keys:
            cursor.execute(f'ALTER TABLE {TABLE} ADD CONSTRAINT "{name}" {definition}')
        cursor.execute(f"CREATE TABLE {DEFAULT_PARTITION} PARTITION OF {TABLE} DEFAULT")
    return True


def month_partition_name(year: int, month: int) -> str:
    return f"{TABLE}_{year:04d}_{month:02d}"


def _next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def create_month_partitions(connection, year: int) -> list[str]:
    """Create the partitions of the twelve months of `year` that do not exist yet; returns the
    names created. Rows of those months waiting in the DEFAULT partition move into them."""
    if not is_partitioned(connection):
        return []
    created = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
            "WHERE i.inhparent = %s::regclass",
            [TABLE],
        )
        existing = {row[0] for row in cursor.fetchall()}
        for month in range(1, 13):
            name = month_partition_name(year, month)
            if name in existing:
                continue
            start = datetime.date(year, month, 1)
            end = _next_month(start)
            bounds = [start, end]
            cursor.execute(
                f"SELECT EXISTS (SELECT 1 FROM {DEFAULT_PARTITION} WHERE date >= %s AND date < %s)",
                bounds,
            )
            waiting = cursor.fetchone()[0]
            if waiting:
                cursor.execute(
                    f"CREATE TEMPORARY TABLE activity_moving ON COMMIT DROP AS "
                    f"SELECT * FROM {DEFAULT_PARTITION} WHERE date >= %s AND date < %s",
                    bounds,
                )
                cursor.execute(
                    f"DELETE FROM {DEFAULT_PARTITION} WHERE date >= %s AND date < %s", bounds
                )
            cursor.execute(
                f"CREATE TABLE {name} PARTITION OF {TABLE} "
                f"FOR VALUES FROM ('{start.isoformat()}') TO ('{end.isoformat()}')"
            )
            if waiting:
                cursor.execute(f"INSERT INTO {TABLE} SELECT * FROM activity_moving")
                cursor.execute("DROP TABLE activity_moving")
            created.append(name)
    return created
