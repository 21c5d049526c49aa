"""Beranda keeps its body a minute per person: what the person does shows at once, what others
do shows on refresh or within the minute, and nobody is ever served another person's body."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from kinerja.core.freshness import KEEP_SECONDS
from kinerja.skp import services
from kinerja.skp.tests.factories import chain_of_plans
from kinerja.skp.tests.review_data import IN_JANUARY, freeze_today

pytestmark = pytest.mark.django_db

HOME = reverse("home")


@pytest.fixture
def plans(personas, monkeypatch):
    freeze_today(monkeypatch, IN_JANUARY)
    return chain_of_plans(personas)


def _page(client, url=HOME) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _submit(skp, actor):
    skp = services.skp_start_dialogue(actor=actor, skp=skp)
    return services.skp_submit(actor=actor, skp=skp)


def test_the_persons_own_change_shows_at_once(client, personas, plans):
    client.force_login(personas.users["staf"])
    assert 'data-testid="todo-skp.draft"' in _page(client)
    _submit(plans["staf"], personas.users["staf"])
    assert 'data-testid="todo-skp.draft"' not in _page(client)


def test_anothers_change_shows_on_refresh(client, personas, plans):
    client.force_login(personas.users["kasi"])
    assert 'data-testid="todo-skp.to_review"' not in _page(client)
    _submit(plans["staf"], personas.users["staf"])
    assert 'data-testid="todo-skp.to_review"' not in _page(client)  # the kept body
    assert 'data-testid="todo-skp.to_review"' in _page(client, HOME + "?refresh=1")
    assert 'data-testid="todo-skp.to_review"' in _page(client)  # the refreshed body is kept


def test_anothers_change_shows_once_the_minute_is_over(client, personas, plans):
    client.force_login(personas.users["kasi"])
    _page(client)
    _submit(plans["staf"], personas.users["staf"])
    cache.clear()  # what the cache does KEEP_SECONDS after the body was built
    assert 'data-testid="todo-skp.to_review"' in _page(client)
    assert KEEP_SECONDS == 60


def test_each_person_gets_their_own_body(client, personas, plans):
    client.force_login(personas.users["staf"])
    staf = _page(client)
    client.force_login(personas.users["dokter"])
    dokter = _page(client)
    assert personas.employees["staf"].nip in staf and personas.employees["staf"].nip not in dokter
    assert 'data-testid="todo-skp.draft"' in staf
    assert 'data-testid="todo-skp.draft"' not in dokter


def test_the_body_follows_the_language(client, personas, plans):
    client.force_login(personas.users["staf"])
    assert "Yang perlu Anda kerjakan" in _page(client)
    client.cookies.load({"django_language": "en"})
    english = _page(client)
    assert "What needs doing" in english and "Yang perlu Anda kerjakan" not in english


def test_the_body_says_when_it_was_built_and_offers_a_refresh(client, personas, plans):
    client.force_login(personas.users["staf"])
    html = _page(client)
    assert 'data-testid="freshness"' in html
    assert f'href="{HOME}?refresh=1"' in html
