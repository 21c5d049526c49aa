"""Complaints answered on time as a figure indicators take, and the unit's card on the
feedback page of those who serve there. Puskesmas Sukamaju has two complaints filed today (16
March 2026): a normatif one due on 24 March, and a ringan one answered today."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from kinerja.accounts.viewer import build_viewer
from kinerja.complaints import sources
from kinerja.complaints.tests.data import TODAY

pytestmark = pytest.mark.django_db
D = datetime.date


def test_the_share_counts_the_complaints_that_had_to_be_settled_by_now(world):
    year = sources.measure_on_time(world.units["pkm"], None, D(2026, 1, 1), D(2026, 12, 31))
    assert year.value == Decimal("100.00")
    assert (year.basis["received"], year.basis["answered"], year.basis["overdue"]) == (2, 1, 0)


def test_a_span_without_complaints_gives_no_figure_not_zero(world):
    empty = sources.measure_on_time(world.units["pkm"], None, D(2026, 4, 1), D(2026, 6, 30))
    assert empty.value is None and empty.note and empty.basis["received"] == 0


def test_the_dinas_counts_the_complaints_of_its_puskesmas(world):
    year = sources.measure_on_time(world.units["dinkes"], None, D(2026, 1, 1), D(2026, 12, 31))
    assert year.basis["received"] == 2


def test_the_card_links_to_the_statistics_only_for_who_may_read_them(world, client):
    dokter = build_viewer(world.users["dokter"], today=TODAY)
    card = sources.service_card(dokter, world.units["pkm"], 2026, TODAY)
    assert card.context["figures"].received == 2 and card.context["percent"] == Decimal("100.00")
    assert card.context["link"] == ""
    bkpsdm = build_viewer(world.users["bkpsdm"], today=TODAY)
    link = sources.service_card(bkpsdm, world.units["pkm"], 2026, TODAY).context["link"]
    assert link.startswith(reverse("complaints:statistics"))
    client.force_login(world.users["dokter"])
    text = client.get(reverse("feedback:home")).content.decode()
    assert 'data-testid="service-card-complaints"' in text
