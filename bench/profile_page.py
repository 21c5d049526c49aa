"""Where one page's time goes: `python -m bench.profile_page LOGIN PATH [--runs N] [--sql]`.

Runs in a process whose settings point at a seeded database (as `bench.load` leaves one:
DATABASE_URL=postgres://postgres@127.0.0.1:5432/kinerja_bench_load_province). Requests the
page as the login through the test client, then prints the median time, the queries of one
request (with their time, and their text with --sql) and cProfile's costliest functions.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.load_settings")
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("login")
    parser.add_argument("path")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--sql", action="store_true", help="print the text of every query")
    parser.add_argument("--top", type=int, default=35)
    args = parser.parse_args()

    from kinerja.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username=args.login))
    response = client.get(args.path)
    assert response.status_code == 200, response.status_code
    timings = []
    for _ in range(args.runs):
        start = time.perf_counter()
        client.get(args.path)
        timings.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(args.path)
    queries = list(captured.captured_queries)  # the next request empties the log
    profile = cProfile.Profile()
    profile.enable()
    client.get(args.path)
    profile.disable()

    sql_ms = sum(float(q["time"]) for q in queries) * 1000
    print(
        f"{args.path} as {args.login}: {statistics.median(timings):.1f} ms median of "
        f"{args.runs}, {len(response.content) / 1024:.0f} KB, {len(queries)} queries "
        f"({sql_ms:.1f} ms of SQL)"
    )
    for query in queries:
        text = query["sql"] if args.sql else query["sql"][:160]
        print(f"  {float(query['time']) * 1000:7.1f} ms  {text}")
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(args.top)
    print(out.getvalue())


if __name__ == "__main__":
    main()
