"""The load benchmark's arithmetic and table (bench/load_report.py), without a server; and the
floor page exists only under the benchmark's own settings."""

import pytest
from django.urls import NoReverseMatch, reverse

from bench.load_report import Measure, PageRow, floor_rps, markdown, ratio, verdict


def test_measure_from_wrk_report_and_table_with_ratios_to_the_floor():
    report = {
        "requests": 2500,
        "duration_us": 5_000_000,
        "bytes": 1,
        "p50_us": 15_400,
        "p95_us": 31_000,
        "max_us": 90_000,
        "status_errors": 0,
        "socket_errors": 0,
    }
    floor = Measure.from_wrk(report)
    assert floor.rps == 500
    assert (floor.p50_ms, floor.p95_ms) == (15.4, 31.0)
    floors = [floor, Measure(requests=3000, seconds=5, p50_ms=12, p95_ms=20)]
    assert floor_rps(floors) == 550
    assert ratio(550, 110) == 5
    assert ratio(550, 0) is None
    assert verdict(3.9, 4) == "≤ 4x (met)"
    assert verdict(4.1, 4) == "≤ 4x (not met)"
    assert verdict(None, 4) == "≤ 4x (not met)"
    assert verdict(2, 4, errors=3) == "3 errors"

    rows = [
        PageRow("home", "pegawai", Measure(550, 5, 70, 95.5), target=4, queries=9, kilobytes=12.4),
        PageRow("SKP list", "bkpsdm", Measure(25, 5, 1500, 2100), target=20),
        # compared with the floor driven right before it, not with the run's mean
        PageRow("tree", "pimpinan", Measure(30, 5, 250, 300), target=20, floor=floors[0]),
    ]
    lines = markdown(floors, rows).splitlines()
    assert lines[0].startswith(
        "| Page | Role | Requests/s | Median | 95th pct | Floor req/s | Ratio to floor"
    )
    assert lines[2] == (
        "| floor: bare Django page, 50 rows | anonymous | 550 | 15.4 ms | 31.0 ms | 500-600 | "
        "1x |  | 1 |  |"
    )
    assert lines[3] == (
        "| home | pegawai | 110 | 70.0 ms | 95.5 ms | 550 | 5.0x | ≤ 4x (not met) | 9 | 12 KB |"
    )
    assert lines[4] == (
        "| SKP list | bkpsdm | 5.0 | 1500.0 ms | 2100.0 ms | 550 | 110.0x | ≤ 20x (not met) |  |  |"
    )
    assert lines[5] == (
        "| tree | pimpinan | 6.0 | 250.0 ms | 300.0 ms | 500 | 83.3x | ≤ 20x (not met) |  |  |"
    )


def test_floor_rps_needs_an_answered_request():
    with pytest.raises(ValueError):
        floor_rps([Measure(0, 5, 0, 0)])


def test_the_floor_page_is_not_served_by_kinerja_itself():
    with pytest.raises(NoReverseMatch):
        reverse("bench_floor")


def test_a_write_with_a_rate_to_reach_is_judged_by_its_requests_per_second():
    assert verdict(1.8, None, rps=310, min_rps=300) == "≥ 300/s (met)"
    assert verdict(2.1, None, rps=290, min_rps=300) == "≥ 300/s (not met)"
    assert verdict(1.8, 4, rps=310, min_rps=300) == "≤ 4x (met); ≥ 300/s (met)"
    assert verdict(1.8, None, errors=2, rps=310, min_rps=300) == "2 errors"
    floors = [Measure(requests=3000, seconds=5, p50_ms=12, p95_ms=20)]
    row = PageRow("survey submitted", "citizen", Measure(1550, 5, 20, 30), min_rps=300)
    assert markdown(floors, [row]).splitlines()[3] == (
        "| survey submitted | citizen | 310 | 20.0 ms | 30.0 ms | 600 | 1.9x | ≥ 300/s (met) "
        "|  |  |"
    )


@pytest.mark.django_db
def test_the_portal_pages_are_driven_warm_and_cold_and_each_answers_a_citizen(personas):
    from django.core.cache import cache
    from django.test import Client

    from bench.load_pages import PORTAL, PORTAL_RPS, _portal_pages
    from kinerja.portal.tests import factories

    world = factories.world(personas)
    pages = _portal_pages(personas.agency)

    assert len(pages) == 6
    assert [p["cold"] for p in pages] == [False, True] * 3
    unit_page = pages[0]["path"]
    assert (
        unit_page == f"/portal/unit/{personas.units['dinkes'].pk}/?instansi=contoh"
    )  # most indicators
    assert f"/publications/{world['q2'].publication_id}/indicators" in pages[2]["path"]
    for page in pages:
        assert page["public"] and page["role"] == "citizen" and not page.get("form")
        warm = not page["cold"]
        assert (page.get("target"), page.get("min_rps")) == (
            (PORTAL, PORTAL_RPS) if warm else (None, None)
        )
        cache.clear()
        assert Client().get(page["path"]).status_code == 200, page["path"]


@pytest.mark.django_db
def test_an_agency_without_a_publication_has_no_portal_pages_to_drive(personas):
    from bench.load_pages import _portal_pages

    assert _portal_pages(personas.agency) == []
