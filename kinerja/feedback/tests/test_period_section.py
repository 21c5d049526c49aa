"""The feedback received in a period, shown on the employee's results period page: under each
RHK indicator what is about it, below the indicators what is about a BerAKHLAK value or general,
with the anonymity threshold applied as on the feedback pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.feedback import services
from kinerja.feedback.models import FeedbackSettings
from kinerja.results.tests.data import IN_MAY, indicator_of, plans, quarter
from kinerja.skp.tests.review_data import extra_subordinates, freeze_today

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(personas, monkeypatch):
    chain = plans(personas)
    freeze_today(monkeypatch, IN_MAY)
    peers = extra_subordinates(personas, 4)
    q2 = quarter(personas, 2)
    url = reverse("results:period", args=[personas.employees["staf"].pk, q2.pk])
    return personas, chain, peers, q2, url


def _give(personas, giver, q2, text, **extra):
    return services.feedback_give(
        actor=None,
        giver=giver,
        employee=personas.employees["staf"],
        text=text,
        period=q2.pk,
        day=IN_MAY,
        **extra,
    )


def _page(client, personas, who, url):
    client.force_login(personas.users[who])
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_feedback_on_an_indicator_shows_in_its_card_and_values_below(client, world):
    personas, chain, _peers, q2, url = world
    indicator = indicator_of(chain["staf"])
    kasi = personas.employees["kasi"]
    _give(
        personas,
        kasi,
        q2,
        "Realisasi bagus",
        rhk_key=indicator.rhk.key,
        indicator_key=indicator.key,
    )
    _give(personas, kasi, q2, "Ramah melayani", core_value="berorientasi_pelayanan")
    _give(personas, kasi, q2, "Terus semangat")
    page = _page(client, personas, "staf", url).context["page"]
    [row] = page.rows
    [(template, context)] = row.extras
    assert template == "feedback/_period_indicator.html"
    assert [i.feedback.text for i in context["items"]] == ["Realisasi bagus"]
    [section] = page.sections
    assert [i.feedback.text for i in section.context["values"]] == ["Ramah melayani"]
    assert [i.feedback.text for i in section.context["general"]] == ["Terus semangat"]
    html = client.get(url).content.decode()
    assert 'data-testid="indicator-feedback"' in html
    assert kasi.full_name in html


def test_anonymous_peer_feedback_below_the_threshold_is_held_back_on_the_page(client, world):
    personas, _chain, peers, q2, url = world
    for n, peer in enumerate(peers[:2]):
        _give(personas, peer, q2, f"Rahasia {n}", is_anonymous=True)
    for who in ("staf", "kasi"):
        html = _page(client, personas, who, url).content.decode()
        assert "Rahasia" not in html
        assert 'data-testid="held-back"' in html


def test_at_the_threshold_anonymous_feedback_shows_without_the_givers(client, world):
    personas, _chain, peers, q2, url = world
    for n, peer in enumerate(peers[:3]):
        _give(personas, peer, q2, f"Rahasia {n}", is_anonymous=True)
    for who in ("staf", "kasi", "bkpsdm"):
        html = _page(client, personas, who, url).content.decode()
        assert html.count("Rahasia") == 3
        assert 'data-testid="held-back"' not in html
        assert all(peer.full_name not in html for peer in peers)


def test_the_agency_threshold_setting_applies_on_the_page(client, world):
    personas, _chain, peers, q2, url = world
    FeedbackSettings.objects.create(agency=personas.agency, anonymity_threshold=4)
    for n, peer in enumerate(peers[:3]):
        _give(personas, peer, q2, f"Rahasia {n}", is_anonymous=True)
    assert "Rahasia" not in _page(client, personas, "staf", url).content.decode()
    _give(personas, peers[3], q2, "Rahasia 3", is_anonymous=True)
    assert _page(client, personas, "staf", url).content.decode().count("Rahasia") == 4


def test_only_the_auditor_sees_who_gave_anonymous_feedback_on_the_page(client, world):
    personas, _chain, peers, q2, url = world
    _give(personas, peers[0], q2, "Rahasia", is_anonymous=True)
    assert peers[0].full_name in _page(client, personas, "auditor", url).content.decode()


# Who reads the period page (200) and whether it carries the feedback section.
SECTION_SHOWN = {
    "staf": True,  # the employee (and admin of the unit)
    "kasi": True,  # the rater
    "bkpsdm": True,
    "pimpinan": True,
    "auditor": True,
    "kabid": False,  # reads the plan two levels up, not the team's feedback
}


@pytest.mark.parametrize(("who", "shown"), SECTION_SHOWN.items())
def test_the_section_is_shown_to_those_who_read_the_employees_feedback(client, world, who, shown):
    personas, _chain, _peers, q2, url = world
    _give(personas, personas.employees["kasi"], q2, "Terus semangat")
    html = _page(client, personas, who, url).content.decode()
    assert ('data-testid="period-feedback-section"' in html) is shown
    assert ("Terus semangat" in html) is shown


@pytest.mark.parametrize("who", ["dokter", "outsider"])
def test_those_outside_the_page_still_get_404(client, world, who):
    personas, *_rest, url = world
    client.force_login(personas.users[who])
    assert client.get(url).status_code == 404


def _count(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["staf", "kasi"])
def test_the_feedback_on_the_page_reads_a_fixed_number_of_queries(client, world, who):
    personas, chain, peers, q2, url = world
    indicator = indicator_of(chain["staf"])
    client.force_login(personas.users[who])

    def grow(count):
        for n in range(count):
            peer = peers[n % len(peers)]
            _give(personas, peer, q2, f"Catatan {n}", is_anonymous=bool(n % 2))
            _give(
                personas,
                peer,
                q2,
                f"Hasil {n}",
                rhk_key=indicator.rhk.key,
                indicator_key=indicator.key,
            )

    grow(1)
    small = _count(client, url)
    grow(6)
    assert _count(client, url) == small
