"""The staff pages of the survey results: what they show, bad input, the weight setting,
and query counts that do not grow with the data."""

import datetime

import pytest
from django.urls import reverse

from kinerja.core.models import AuditEvent
from kinerja.core.tests.permission_table import shared_data
from kinerja.org.tests import factories as org
from kinerja.surveys.models import SurveySettings
from kinerja.surveys.tests import factories as f
from kinerja.surveys.tests.data import YEAR, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch, shared_data(django_db_blocker, tmp_path_factory):
        world = build_world(patch)
        umum = world.services["umum"]
        f.responses(
            world.pkm,
            datetime.date(YEAR, 1, 10),
            f.same(4, 1),
            service=umum,
            suggestion="Antrean <b>lama</b>",
        )
        f.responses(world.pkm, datetime.date(YEAR, 2, 10), [[3] * 8 + [None]], service=umum)
        f.responses(world.pkm, datetime.date(YEAR, 4, 10), [[2] * 8 + [None]], service=umum)
        f.service_users(world.pkm, YEAR, "quarter", 1, 100)
        yield world


def get(client, world, who, name, *args, **query):
    client.force_login(world.users[who])
    return client.get(reverse(name, args=args), query)


def test_unit_page_shows_the_index_the_sample_and_the_elements(client, world):
    page = get(
        client,
        world,
        "dokter",
        "surveys:results_unit",
        world.pkm.pk,
        year=YEAR,
        kind="quarter",
        number=1,
    )
    html = page.content.decode()
    assert page.status_code == 200
    # (4 + 3) / 2 for elements 1-8 and 4 for sarana: (8 * 3.5 + 4) / 9 * 25 = 88.89, grade A
    assert 'data-testid="ikm">88,89<' in html and "A · Sangat Baik" in html
    assert 'data-testid="below-sample"' in html
    assert html.count('data-weakest="1"') == 3
    assert "<svg" in html and "<title" in html and "<desc" in html
    assert "Antrean &lt;b&gt;lama&lt;/b&gt;" in html  # the text only, escaped


def test_an_element_nobody_answered_is_shown_with_its_reason(client, world):
    html = get(
        client,
        world,
        "dokter",
        "surveys:results_unit",
        world.pkm.pk,
        year=YEAR,
        kind="quarter",
        number=2,
    ).content.decode()
    assert 'data-testid="ikm-invalid"' in html and "Sarana dan Prasarana" in html
    assert 'data-testid="ikm">' not in html


def test_a_period_without_responses(client, world):
    html = get(
        client,
        world,
        "dokter",
        "surveys:results_unit",
        world.pkm.pk,
        year=YEAR,
        kind="month",
        number=9,
    ).content.decode()
    assert 'data-testid="ikm-none"' in html


def test_bad_period_is_a_message_on_the_field(client, world):
    page = get(
        client,
        world,
        "dokter",
        "surveys:results_unit",
        world.pkm.pk,
        year=YEAR,
        kind="quarter",
        number=7,
    )
    assert page.status_code == 400
    assert "errorlist" in page.content.decode()
    page = get(client, world, "bkpsdm", "surveys:results_regency", year="dua ribu", kind="year")
    assert page.status_code == 400


def test_a_service_of_another_unit_is_missing(client, world):
    other = f.service(world.upt, "Uji Lab")
    page = get(
        client,
        world,
        "bkpsdm",
        "surveys:results_unit",
        world.pkm.pk,
        year=YEAR,
        kind="quarter",
        number=1,
        service=other.pk,
    )
    assert page.status_code == 400  # not one of the unit's services: a message on the field


def test_regency_page_sorts(client, world):
    page = get(
        client, world, "bkpsdm", "surveys:results_regency", year=YEAR, kind="year", sort="ikm"
    )
    html = page.content.decode()
    assert html.index("Puskesmas Sukamaju") < html.index("UPT Laboratorium Kesehatan")
    assert 'data-testid="weakest"' in html


QUERIES = 12  # the session, the user, the viewer, the units, tallies, users, weight...


def test_regency_page_queries_do_not_grow_with_units(client, world, django_assert_max_num_queries):
    client.force_login(world.users["bkpsdm"])
    url = reverse("surveys:results_regency")
    with django_assert_max_num_queries(QUERIES):
        client.get(url, {"year": YEAR, "kind": "year"})
    for number in range(10):
        unit = org.unit(world.personas.agency, f"UPT{number}", f"UPT {number}", "upt")
        f.responses(unit, datetime.date(YEAR, 3, 1), f.same(3, 2))
        f.service_users(unit, YEAR, "year", 1, 40)
    with django_assert_max_num_queries(QUERIES):
        page = client.get(url, {"year": YEAR, "kind": "year"})
    assert page.content.decode().count('data-testid="unit-row"') == 12


UNIT_QUERIES = 20


def test_unit_page_queries_do_not_grow_with_periods(client, world, django_assert_max_num_queries):
    client.force_login(world.users["dokter"])
    url = reverse("surveys:results_unit", args=[world.pkm.pk])
    with django_assert_max_num_queries(UNIT_QUERIES):
        client.get(url, {"year": YEAR, "kind": "year"})
    with django_assert_max_num_queries(UNIT_QUERIES):
        client.get(url, {"year": YEAR, "kind": "month", "number": 2})


def test_weight_setting_is_saved_audited_and_shown(client, world):
    client.force_login(world.users["bkpsdm"])
    page = client.post(reverse("surveys:weight"), {"weight": "0.111"})
    assert page.status_code == 302
    assert SurveySettings.objects.get(agency=world.personas.agency).weight == "0.111"
    assert AuditEvent.objects.filter(action="surveys.settings.weight_changed").count() == 1
    html = client.get(
        reverse("surveys:results_unit", args=[world.pkm.pk]),
        {"year": YEAR, "kind": "quarter", "number": 1},
    ).content.decode()
    assert "0,111" in html  # the weight's label, with the Indonesian decimal comma
    # 27.5 / ... : (8 * 3.5 + 4) * 0.111 * 25 = 88.80
    assert 'data-testid="ikm">88,80<' in html


def test_weight_refuses_a_value_it_does_not_offer(client, world):
    client.force_login(world.users["bkpsdm"])
    page = client.post(reverse("surveys:weight"), {"weight": "0.5"})
    assert page.status_code == 400 and "errorlist" in page.content.decode()
