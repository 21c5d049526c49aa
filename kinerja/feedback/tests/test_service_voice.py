"""Berorientasi Pelayanan on the feedback pages: what citizens said of the service unit the
employee serves at, given by the apps that hold those figures."""

import pytest
from django.urls import reverse

from kinerja.feedback import selectors
from kinerja.feedback.tests.data import TODAY, YEAR

pytestmark = pytest.mark.django_db


@pytest.fixture
def card(settings, tmp_path):
    (tmp_path / "test_card.html").write_text('<p data-testid="test-card">{{ card.unit }}</p>')
    engine = {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}
    settings.TEMPLATES = [engine]
    asked = []

    def provider(viewer, unit, year, today):
        asked.append((unit.name, year, today))
        return selectors.ServiceCard("test_card.html", {"unit": unit.name})

    selectors.register_service_card(provider)
    yield asked
    selectors._SERVICE_CARDS.remove(provider)


def test_the_service_unit_is_the_nearest_one_at_or_above_the_post(world):
    dokter = world.e["dokter"]  # serves at the Puskesmas
    assert selectors.service_unit_of(dokter, TODAY).name == "Puskesmas Sukamaju"
    assert selectors.service_unit_of(world.e["kasi"], TODAY) is None  # a seksi of the dinas


def test_the_feedback_page_shows_the_units_cards_to_who_serves_there(world, client, card):
    client.force_login(world.users["dokter"])
    page = client.get(reverse("feedback:home"))
    text = page.content.decode()
    assert 'data-testid="service-voice"' in text
    assert '<p data-testid="test-card">Puskesmas Sukamaju</p>' in text
    assert card == [("Puskesmas Sukamaju", YEAR, TODAY)]


def test_no_section_for_who_serves_at_no_service_unit(world, client, card):
    client.force_login(world.users["kasi"])
    page = client.get(reverse("feedback:home"))
    assert 'data-testid="service-voice"' not in page.content.decode()
    assert card == []
