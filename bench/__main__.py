"""`make bench`: run every benchmark on SQLite and, when available, PostgreSQL, then the load
section (bench/load.py: every role's main pages under gunicorn and wrk, as ratios to a floor).

Each database gets a fresh process (settings are read at start-up) and a fresh database.
Results are printed as Markdown tables and written to bench/results/latest.md.
`--only load` runs the load section alone (`make bench BENCH_ARGS="--only load"`).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def _postgres_url(explicit: str | None) -> tuple[str | None, str | None]:
    """A throw-away database on the local server, or None when there is no server."""
    if explicit:
        return explicit, None
    if subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"], check=False).returncode != 0:
        return None, None
    name = f"kinerja_bench_{uuid.uuid4().hex[:8]}"
    created = subprocess.run(
        ["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=False
    ).returncode
    if created != 0:
        return None, None
    return f"postgres://postgres@127.0.0.1:5432/{name}", name


def _run(database: str, url: str, size: str, var_dir: str, reuse: bool = False) -> list[dict]:
    env = {
        **os.environ,
        "KINERJA_DEBUG": "true",
        "KINERJA_ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
        "DATABASE_URL": url,
        "KINERJA_VAR_DIR": var_dir,
    }
    out = Path(var_dir) / "result.json"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.suite",
            "--size",
            size,
            "--database",
            database,
            "--out",
            str(out),
            *(["--reuse"] if reuse else []),
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return json.loads(out.read_text())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", default="province", choices=["small", "regency", "province"])
    parser.add_argument("--only", choices=["sqlite", "postgresql", "load"], default=None)
    parser.add_argument("--postgres-url", default=os.environ.get("BENCH_PG_URL"))
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="with --postgres-url: measure the agency already seeded there (seeding a province "
        "takes minutes); no seeding and no import benchmark",
    )
    parser.add_argument(
        "--load-seconds", type=int, default=5, help="load section: seconds of wrk per page"
    )
    parser.add_argument(
        "--load-connections", type=int, default=8, help="load section: concurrent connections"
    )
    parser.add_argument(
        "--load-url",
        default=os.environ.get("BENCH_LOAD_URL"),
        help="load section: this database instead of its own kinerja_bench_load_<size>",
    )
    parser.add_argument(
        "--load-pages",
        default=None,
        help="load section: only the pages whose 'role name' contains this text",
    )
    args = parser.parse_args()

    rows: list[dict] = []
    if args.only in (None, "sqlite"):
        with tempfile.TemporaryDirectory(prefix="kinerja-bench-") as var_dir:
            rows += _run("SQLite", f"sqlite:///{var_dir}/bench.sqlite3", args.size, var_dir)
    if args.only in (None, "postgresql"):
        url, throwaway = _postgres_url(args.postgres_url)
        if url is None:
            print("PostgreSQL is not reachable on 127.0.0.1: skipping its benchmarks.")
        else:
            try:
                with tempfile.TemporaryDirectory(prefix="kinerja-bench-") as var_dir:
                    rows += _run(
                        "PostgreSQL", url, args.size, var_dir, reuse=args.reuse and not throwaway
                    )
            finally:
                if throwaway:
                    subprocess.run(
                        ["dropdb", "-h", "127.0.0.1", "-U", "postgres", throwaway], check=False
                    )
    sections = [_markdown(rows, args.size)] if rows else []
    if sections:
        print(sections[0])
    if args.only in (None, "load"):
        from bench import load

        sections.append(
            load.run(
                size=args.size,
                seconds=args.load_seconds,
                connections=args.load_connections,
                database_url=args.load_url,
                only=args.load_pages,
            )
        )
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.md").write_text("\n\n".join(sections) + "\n")
    return 0


def _markdown(rows: list[dict], size: str) -> str:
    lines = [
        f"| Benchmark ({size} size) | Database | Result | Queries per request | Target |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        queries = "" if row.get("queries") is None else str(row["queries"])
        lines.append(
            f"| {row['name']} | {row['database']} | {row['result']} | {queries} | "
            f"{row.get('target', '')} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
