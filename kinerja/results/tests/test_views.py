import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from kinerja.results.models import Realisation
from kinerja.results.tests.data import IN_MAY, indicator_of, plans, quarter
from kinerja.skp.tests.review_data import freeze_today

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(client, personas, monkeypatch):
    freeze_today(monkeypatch, IN_MAY)
    chain = plans(personas)
    client.force_login(personas.users["staf"])
    url = reverse("results:period", args=[personas.employees["staf"].pk, quarter(personas, 2).pk])
    return client, chain, url


def test_the_period_page_offers_the_phone_camera_and_the_target(page):
    client, chain, url = page
    html = client.get(url).content.decode()
    assert 'accept="image/*,application/pdf"' in html
    assert indicator_of(chain["staf"]).text in html
    assert 'data-confirm="' in html


def test_a_bad_number_is_a_field_error_that_keeps_what_was_typed(page):
    client, chain, url = page
    key = str(indicator_of(chain["staf"]).key)
    response = client.post(
        url, {"indicator_key": key, "value": "dua", "text": "Catatan saya", "action": "save"}
    )
    assert response.status_code == 400
    assert "Catatan saya" in response.content.decode()
    rows = response.context["page"].rows
    assert rows[0].form.errors["value"]
    assert not Realisation.objects.exists()


def test_the_same_text_twice_is_saved_with_a_warning(page, personas):
    client, chain, url = page
    key = str(indicator_of(chain["staf"]).key)
    q1 = reverse("results:period", args=[personas.employees["staf"].pk, quarter(personas, 1).pk])
    data = {
        "indicator_key": key,
        "value": "3",
        "evidence_text": "Laporan bulanan",
        "action": "save",
    }
    client.post(q1, data)
    response = client.post(url, data)
    assert response.status_code == 302
    levels = [m.level_tag for m in get_messages(response.wsgi_request)]
    assert "warning" in levels
    assert Realisation.objects.count() == 2


def test_submitting_from_the_page_sends_it_to_the_rater(page, personas):
    client, chain, url = page
    key = str(indicator_of(chain["staf"]).key)
    client.post(url, {"indicator_key": key, "value": "3", "action": "submit"})
    assert Realisation.objects.get().status == "submitted"
    client.force_login(personas.users["kasi"])
    rows = client.get(reverse("results:to_verify")).context["rows"]
    assert [r.indicator.key for r in rows] == [indicator_of(chain["staf"]).key]


def test_another_app_can_add_a_section_to_the_period_page(page, monkeypatch):
    from kinerja.results import selectors
    from kinerja.results.selectors import Section

    client, _chain, url = page
    monkeypatch.setattr(selectors, "_SECTIONS", [])
    selectors.register_period_section(
        lambda viewer, page: Section("results/_field.html", {"label": "Umpan balik"})
    )
    response = client.get(url)
    assert [s.context for s in response.context["page"].sections] == [{"label": "Umpan balik"}]


def test_the_history_tells_the_versions_and_the_reason_in_plain_words(page, personas):
    from kinerja.results import services
    from kinerja.results.tests.data import viewer

    client, chain, url = page
    key = str(indicator_of(chain["staf"]).key)
    client.post(url, {"indicator_key": key, "value": "3", "action": "submit"})
    realisation = Realisation.objects.get()
    kasi = viewer(personas, "kasi")
    services.realisation_verify(actor=kasi, realisation=realisation)
    services.realisation_correct(
        actor=kasi, realisation=realisation, value="4", reason="Angka laporan direvisi"
    )
    client.force_login(personas.users["kasi"])
    response = client.get(reverse("results:detail", args=[realisation.pk]))
    html = response.content.decode()
    assert "Angka laporan direvisi" in html
    labels = [event.label for event in response.context["history"]]
    assert labels[-1] == "Realisasi hasil kerja yang sudah diverifikasi dikoreksi"
    assert [v.version for v in response.context["versions"]] == [1, 2]
    assert response.context["can_correct"] and not response.context["can_verify"]
