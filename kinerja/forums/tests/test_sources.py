"""Forum commitments done on time as a figure indicators take, and the unit's card on the
feedback page of those who serve there. The published forum of Puskesmas Sukamaju has three
commitments: due 31 March and done on 20 March, due 30 April and still open, due 20 May."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from kinerja.accounts.viewer import build_viewer
from kinerja.forums import sources
from kinerja.forums.tests.data import TODAY

pytestmark = pytest.mark.django_db
D = datetime.date


def test_the_share_of_a_span_counts_the_commitments_whose_due_day_is_over(world):
    pkm = world.units["pkm"]
    year = sources.measure_on_time(pkm, None, D(2026, 1, 1), D(2026, 12, 31))
    assert year.value == Decimal("50.00")
    assert (year.basis["due"], year.basis["done_on_time"], year.basis["open_overdue"]) == (2, 1, 1)
    assert year.basis["not_yet_due"] == 1
    first = sources.measure_on_time(pkm, None, D(2026, 1, 1), D(2026, 3, 31))
    assert first.value == Decimal("100.00")


def test_a_span_with_nothing_due_gives_no_figure_not_zero(world):
    empty = sources.measure_on_time(world.units["pkm"], None, D(2026, 7, 1), D(2026, 9, 30))
    assert empty.value is None and empty.note and empty.basis["due"] == 0


def test_the_dinas_counts_the_commitments_of_its_puskesmas(world):
    year = sources.measure_on_time(world.units["dinkes"], None, D(2026, 1, 1), D(2026, 12, 31))
    assert year.value == Decimal("50.00")


def test_the_card_shows_the_share_and_links_to_the_units_forums(world, client):
    dokter = build_viewer(world.users["dokter"], today=TODAY)
    card = sources.service_card(dokter, world.units["pkm"], 2026, TODAY)
    assert card.context["figure"].percent == Decimal("50.00")
    assert card.context["link"].startswith(reverse("forums:list"))
    outsider = build_viewer(world.users["outsider"], today=TODAY)
    assert sources.forums_link(outsider, world.units["pkm"], None, TODAY, TODAY) == ""
    client.force_login(world.users["dokter"])
    text = client.get(reverse("feedback:home")).content.decode()
    assert 'data-testid="service-card-forums"' in text
    assert 'data-testid="forums-on-time">50' in text
