"""The period page and the rater's list read a fixed number of queries whatever the data."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.results import services
from kinerja.results.models import Realisation
from kinerja.results.tests.data import IN_MAY, plans, quarter, viewer
from kinerja.skp.models import Rhk, RhkIndicator
from kinerja.skp.tests.review_data import freeze_today

pytestmark = pytest.mark.django_db


def _count(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _grow(personas, chain, period, count):
    """`count` more indicators in staf's plan, each realised with evidence and submitted."""
    start = Rhk.objects.filter(skp=chain["staf"]).count()
    staf = viewer(personas, "staf")
    for n in range(start, start + count):
        rhk = Rhk.objects.create(skp=chain["staf"], text=f"Hasil {n}", order=10 + n)
        indicator = RhkIndicator.objects.create(
            rhk=rhk, text=f"Jumlah {n}", target_value=Decimal("3")
        )
        services.realisation_save(
            actor=staf,
            employee=personas.employees["staf"],
            period=period,
            indicator_key=indicator.key,
            value="1",
            evidence_text="Laporan yang sama" if n % 2 else f"Laporan {n}",
            submit=True,
        )


@pytest.mark.parametrize(("who", "page"), [("staf", "period"), ("kasi", "to_verify")])
def test_the_page_reads_a_fixed_number_of_queries(client, personas, monkeypatch, who, page):
    chain = plans(personas)
    freeze_today(monkeypatch, IN_MAY)
    q1 = quarter(personas, 1)
    _grow(personas, chain, q1, 2)
    url = (
        reverse("results:period", args=[personas.employees["staf"].pk, q1.pk])
        if page == "period"
        else reverse("results:to_verify")
    )
    client.force_login(personas.users[who])
    small = _count(client, url)
    _grow(personas, chain, q1, 8)
    large = _count(client, url)
    assert Realisation.objects.count() == 10
    assert large == small
