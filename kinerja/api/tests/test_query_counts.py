"""List endpoints answer in a fixed number of queries, however many rows they return."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.org.tests import factories as f

# Who is looking decides the scope query: the whole agency, an admin unit's subtree, an atasan.
VIEWERS = ["bkpsdm", "staf", "kasi", "pimpinan"]
# Session, user, role grants and posts held (for scoped viewers), then count, page, prefetch.
MAX_QUERIES = 7


@pytest.fixture
def crowded_dinkes(personas):
    """50 more people under the kasi, each with a post of their own, and 50 more units."""
    a, u, p = personas.agency, personas.units, personas.positions
    for n in range(50):
        unit = f.unit(
            a, f"DINKES.PKM{n + 10:02d}", f"Puskesmas Nomor {n + 10}", "puskesmas", u["dinkes"]
        )
        post = f.position(a, unit, f"DINKES-P{n:02d}", f"Pelaksana {n}", "pelaksana", p["kasi"])
        f.employee(
            a,
            f"Pegawai Uji {n:02d}",
            position=post,
            start=datetime.date(2021, 1, 1),
            nip=f.make_nip(datetime.date(1990, 1, 1), (2015, 1), "L", n + 100),
        )
    return personas


def _queries(client, personas, username, path, limit):
    client.force_login(personas.users[username])
    client.get(f"/api/v1{path}", {"limit": 1})  # warm caches (content types, session)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/api/v1{path}", {"limit": limit})
    assert response.status_code == 200
    return len(captured), len(response.json()["items"])


@pytest.mark.parametrize("path", ["/units", "/positions", "/employees"])
@pytest.mark.parametrize("username", VIEWERS)
def test_a_page_of_fifty_costs_the_same_queries_as_a_page_of_five(
    client, crowded_dinkes, username, path, django_assert_max_num_queries
):
    small, small_rows = _queries(client, crowded_dinkes, username, path, 5)
    large, large_rows = _queries(client, crowded_dinkes, username, path, 50)
    assert small_rows == 5
    assert large_rows == 50
    assert small == large
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(f"/api/v1{path}", {"limit": 50})
