"""The load section's arithmetic and table: pure functions, unit-tested without a server.

A page's ratio is how many times fewer requests per second it serves than the floor (a bare
Django page rendering 50 rows) measured in the same run: floor rps / page rps. The floor is
driven right before each page, and the page is compared with that measurement, so that other
work starting or stopping on the machine during the run moves both figures alike.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Measure:
    """One wrk run: `requests` answered in `seconds`, latency percentiles in milliseconds."""

    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    errors: int = 0

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0

    @classmethod
    def from_wrk(cls, report: dict) -> Measure:
        """From the JSON line bench/wrk_report.lua prints (times in microseconds)."""
        return cls(
            requests=report["requests"],
            seconds=report["duration_us"] / 1e6,
            p50_ms=report["p50_us"] / 1000,
            p95_ms=report["p95_us"] / 1000,
            errors=report["status_errors"] + report["socket_errors"],
        )


@dataclass(frozen=True)
class PageRow:
    page: str
    role: str
    measure: Measure
    target: float | None = None  # the largest ratio to the floor allowed
    queries: int | None = None
    kilobytes: float | None = None
    floor: Measure | None = None  # the floor driven right before the page
    min_rps: float | None = None  # a rate to reach, where the issue asks for one (a write)


def floor_rps(floors: list[Measure]) -> float:
    """The floor of the run: the mean of its measurements."""
    values = [m.rps for m in floors if m.rps > 0]
    if not values:
        raise ValueError("the floor page answered no request")
    return sum(values) / len(values)


def ratio(floor: float, rps: float) -> float | None:
    """How many times fewer requests per second than the floor; None when nothing answered."""
    if rps <= 0:
        return None
    return floor / rps


def verdict(
    row_ratio: float | None,
    target: float | None,
    errors: int = 0,
    *,
    rps: float | None = None,
    min_rps: float | None = None,
) -> str:
    """The target of a row and whether it was met: a largest ratio to the floor, or a rate to
    reach (requests per second), or both."""
    if errors:
        return f"{errors:,} errors"
    if min_rps is not None:
        reached = rps is not None and rps >= min_rps
        rate = f"≥ {min_rps:g}/s ({'met' if reached else 'not met'})"
        return rate if target is None else f"{verdict(row_ratio, target)}; {rate}"
    if target is None:
        return ""
    if row_ratio is None:
        return f"≤ {target:g}x (not met)"
    return f"≤ {target:g}x ({'met' if row_ratio <= target else 'not met'})"


def _number(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:,.1f}"


def markdown(floors: list[Measure], rows: list[PageRow]) -> str:
    """The load table: page, role, requests per second, median and 95th-percentile latency,
    the floor it is compared with, the ratio (and target), queries and size of one response.
    The floor's row gives the mean, median latencies and range of all its measurements."""
    floor = floor_rps(floors)
    lines = [
        "| Page | Role | Requests/s | Median | 95th pct | Floor req/s | Ratio to floor "
        "| Target | Queries | Size |",
        "|---|---|---:|---:|---:|---:|---:|---|---:|---:|",
    ]
    values = [m.rps for m in floors]
    spread = f"{_number(min(values))}-{_number(max(values))}" if len(values) > 1 else ""
    p50 = sorted(m.p50_ms for m in floors)[len(floors) // 2]
    p95 = sorted(m.p95_ms for m in floors)[len(floors) // 2]
    lines.append(
        f"| floor: bare Django page, 50 rows | anonymous | {_number(floor)} | {p50:.1f} ms | "
        f"{p95:.1f} ms | {spread} | 1x |  | 1 |  |"
    )
    for row in rows:
        m = row.measure
        local = row.floor.rps if row.floor is not None else floor
        r = ratio(local, m.rps)
        lines.append(
            f"| {row.page} | {row.role} | {_number(m.rps)} | {m.p50_ms:.1f} ms | "
            f"{m.p95_ms:.1f} ms | {_number(local)} | {'' if r is None else f'{r:.1f}x'} | "
            f"{verdict(r, row.target, m.errors, rps=m.rps, min_rps=row.min_rps)} | "
            f"{'' if row.queries is None else row.queries} | "
            f"{'' if row.kilobytes is None else f'{row.kilobytes:.0f} KB'} |"
        )
    return "\n".join(lines)
