"""The pages of unit admins, leaders and employees read a fixed number of queries, whatever the
size of what they see (issue 10, fast under concurrent load).

Their scopes (the employees and plans a unit admin or a leader may read) are sets of ids read
once in the query, not conditions checked per row; these counts catch a scope or a list that
starts to query per row again. The fixed numbers are ceilings for today's pages: the first
check is that the count does not move when the unit grows tenfold.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.skp.tests.factories import chain_of_plans
from kinerja.skp.tests.review_data import IN_JANUARY, extra_subordinates, freeze_today, plans_for

# Beranda keeps its body a minute per person (kinerja.core.freshness); ?refresh=1 builds it anew.
BUILT_ANEW = "?refresh=1"

# (login, page, the most queries it may run, the query string)
PAGES = [
    # staf is the unit admin of Dinas Kesehatan; the list's total is kept a minute
    ("staf", "org:employee_list", 13, BUILT_ANEW),
    ("staf", "org:employee_list", 12, ""),
    ("staf", "skp:list", 14, BUILT_ANEW),  # the years and groups kept a minute, built anew
    ("staf", "skp:list", 12, ""),
    # Beranda: the viewer, the chain and a count or two per app with work to list (the
    # survey follow-up, complaints and forum commitments add theirs; the portal asks once
    # whether the viewer works in the planning unit, which may publish).
    ("staf", "home", 34, BUILT_ANEW),
    ("staf", "home", 6, ""),  # the body from the cache: the viewer and its latest change
    ("kasi", "org:employee_list", 13, BUILT_ANEW),  # the kasi leads the seksi that grows
    ("kasi", "org:employee_list", 12, ""),
    ("kasi", "skp:list", 14, BUILT_ANEW),
    ("kasi", "skp:list", 12, ""),
    ("kasi", "skp:inbox", 12, ""),
    ("kasi", "home", 38, BUILT_ANEW),
    ("kasi", "home", 7, ""),
    ("staf", "activities:attendance", 16, ""),  # the monthly attendance summary of the unit
]


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(("who", "page", "most", "query"), PAGES)
def test_the_page_reads_a_fixed_number_of_queries(
    client, personas, monkeypatch, who, page, most, query
):
    freeze_today(monkeypatch, IN_JANUARY)
    chain = chain_of_plans(personas)
    # Of each kind already: a submitted plan, a draft, somebody without a plan.
    plans_for(personas, extra_subordinates(personas, 3), submitted=1, drafts=1)
    client.force_login(personas.users[who])
    url = reverse(page) + query
    client.get(url)  # the caches a running server has filled
    small = _count(client, url)
    plans_for(personas, extra_subordinates(personas, 20, start=3), submitted=8, drafts=8)
    large = _count(client, url)
    assert large == small, (who, page)
    assert large <= most, (who, page, large)
    assert chain["staf"].pk  # the unit admin's own draft is among the plans


def test_the_editor_reads_the_leaders_rhk_in_a_fixed_number_of_queries(
    client, personas, monkeypatch
):
    freeze_today(monkeypatch, IN_JANUARY)
    chain = chain_of_plans(personas)
    client.force_login(personas.users["staf"])
    url = reverse("skp:edit", args=[chain["staf"].pk])
    client.get(url)
    small = _count(client, url)
    # More plans of the year in the agency, and more RHK on the leader's plan to choose from.
    plans_for(personas, extra_subordinates(personas, 12), submitted=6, drafts=6)
    large = _count(client, url)
    assert large == small
    assert large <= 18
