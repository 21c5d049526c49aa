"""The alignment pages: who gets what, the links to fix each item, and flat query counts."""

import datetime
import re

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kinerja.org.tests import factories as f
from kinerja.skp.tests.alignment_data import build_regency
from kinerja.skp.tests.factories import add_result, start_skp

ROLES = ["anon", "pegawai", "atasan", "admin_unit", "bkpsdm", "pimpinan", "auditor", "outsider"]
USER_OF_ROLE = {
    "pegawai": "dokter",
    "atasan": "kasi",
    "admin_unit": "staf",
    "bkpsdm": "bkpsdm",
    "pimpinan": "pimpinan",
    "auditor": "auditor",
    "outsider": "outsider",
}


@pytest.fixture
def regency(personas):
    return build_regency(personas)


def _get(client, personas, role, url):
    if role != "anon":
        client.force_login(personas.users[USER_OF_ROLE.get(role, role)])
    return client.get(url)


def _expect(response, expected):
    if expected == "login":
        assert response.status_code == 302
        assert "/akun/masuk/" in response["Location"]
    elif isinstance(expected, str):
        assert response.status_code == 302
        assert response["Location"].startswith(expected)
    else:
        assert response.status_code == expected


def _unit_url(personas, key):
    return reverse("skp:alignment_unit", args=[personas.units[key].pk])


REGENCY_TABLE = dict(
    anon="login",
    pegawai=403,
    atasan="unit:primer",  # sent to the page of their own unit
    admin_unit="unit:dinkes",
    bkpsdm=200,
    pimpinan=200,
    auditor=200,
    outsider=200,  # the page of their own agency
)


@pytest.mark.parametrize("role", ROLES)
def test_the_regency_page_is_for_overseers_and_sends_unit_people_to_their_unit(
    client, personas, role
):
    expected = REGENCY_TABLE[role]
    if isinstance(expected, str) and expected.startswith("unit:"):
        expected = _unit_url(personas, expected.removeprefix("unit:"))
    _expect(_get(client, personas, role, reverse("skp:alignment") + "?year=2026"), expected)


UNIT_TABLE = {
    # Dinas Kesehatan: the admin of the unit and its head, and overseers.
    "dinkes": dict(
        anon="login",
        pegawai=403,
        atasan=403,
        admin_unit=200,
        bkpsdm=200,
        pimpinan=200,
        auditor=200,
        outsider=404,
        kadinkes=200,
        kabid=403,
    ),
    # Seksi Primer: its head and every leader above it.
    "primer": dict(
        anon="login",
        pegawai=403,
        atasan=200,
        admin_unit=200,
        bkpsdm=200,
        pimpinan=200,
        auditor=200,
        outsider=404,
        kadinkes=200,
        kabid=200,
    ),
    # BKPSDM: outside every Dinkes leader's subtree.
    "bkpsdm": dict(
        anon="login",
        pegawai=403,
        atasan=403,
        admin_unit=403,
        bkpsdm=200,
        pimpinan=200,
        auditor=200,
        outsider=404,
        kadinkes=403,
        kabid=403,
    ),
}


@pytest.mark.parametrize(
    ("unit", "role"),
    [(unit, role) for unit, table in UNIT_TABLE.items() for role in table],
)
def test_a_unit_page_is_for_its_admins_its_leaders_and_overseers(client, personas, unit, role):
    url = _unit_url(personas, unit) + "?year=2026"
    _expect(_get(client, personas, role, url), UNIT_TABLE[unit][role])


def test_a_bkpsdm_admin_cannot_see_a_unit_of_another_agency(client, personas):
    client.force_login(personas.users["bkpsdm"])
    assert client.get(_unit_url(personas, "other")).status_code == 404


def test_a_pegawai_without_subordinates_is_refused_even_for_their_own_unit(client, personas):
    client.force_login(personas.users["dokter"])
    assert client.get(_unit_url(personas, "pkm")).status_code == 403


def test_every_item_links_to_where_it_is_fixed(client, regency):
    personas = regency.personas
    client.force_login(personas.users["bkpsdm"])
    year = timezone.localdate().year
    html = client.get(reverse("skp:alignment") + f"?year={year}").content.decode()
    plans = regency.plans
    # unsupported RHK -> the plan's page, which offers the editor to those who may change it
    assert f'href="/skp/{plans["staf"].pk}/"' in html
    assert f'href="/skp/{plans["kasi"].pk}/"' in html
    assert "/ubah/" not in html
    # organisation indicators -> the indicator page
    indicator = regency.indicators["B"]
    assert f'href="{reverse("iku:indicator", args=[indicator.pk])}?year={year}"' in html
    # leader RHK -> the leader's matrix
    assert re.search(rf'href="/skp/matriks/\?employee=\d+&amp;year={year}"', html)
    # employees -> the employee page
    bkpsdm = personas.employees["bkpsdm"]
    assert f'href="{reverse("org:employee_detail", args=[bkpsdm.pk])}"' in html
    # raters -> the rater inbox
    assert 'href="/skp/kotak-masuk/"' in html
    # OPD rows -> their unit page
    assert f'href="{_unit_url(personas, "dinkes")}?year={year}"' in html


def test_late_plans_say_by_how_many_days(client, regency):
    from django.utils import translation

    client.force_login(regency.personas.users["bkpsdm"])
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    today = timezone.localdate()
    late_by = (today - datetime.date(today.year, 1, 31)).days
    with translation.override("en"):
        html = client.get(
            reverse("skp:alignment") + f"?year={today.year}", HTTP_ACCEPT_LANGUAGE="en"
        ).content.decode()
    if late_by > 0:
        assert f"late by {late_by} days" in html or f"late by {late_by} day" in html
        assert 'data-testid="escalated"' in html


def test_show_all_lists_a_whole_section(client, regency):
    client.force_login(regency.personas.users["bkpsdm"])
    response = client.get(reverse("skp:alignment") + "?year=2026&show=employees&page=1")
    assert response.status_code == 200
    assert response.context["sections"]["employees"].showing_all
    assert len(response.context["sections"]["employees"].rows) == 4


def _grow(personas, n: int, start: int):
    """n more pelaksana under kasi, each with a draft plan whose RHK supports nothing, and
    n more without any plan; plus a leader RHK nobody supports."""
    for i in range(n):
        employee = f.employee(
            personas.agency,
            f"Pegawai Tambahan {start + i}",
            position=personas.positions["staf"],
            start=datetime.date(2021, 1, 1),
        )
        skp = _start(personas, employee)
        add_result(skp, f"Hasil tanpa induk {start + i}")
        f.employee(
            personas.agency,
            f"Pegawai Tanpa SKP {start + i}",
            position=personas.positions["dokter"],
            start=datetime.date(2021, 1, 1),
        )


def _start(personas, employee):
    personas.employees[f"extra{employee.pk}"] = employee
    return start_skp(personas, f"extra{employee.pk}")


@pytest.mark.parametrize("url_kind", ["regency", "unit"])
def test_the_pages_run_the_same_number_of_queries_however_big_the_data(client, regency, url_kind):
    personas = regency.personas
    client.force_login(personas.users["bkpsdm"])
    url = (
        reverse("skp:alignment") if url_kind == "regency" else _unit_url(personas, "dinkes")
    ) + "?year=2026&refresh=1"  # built anew: not the report kept for a minute
    counts = []
    for round_number in range(3):
        client.get(url)  # warm the session
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured))
        _grow(personas, 5 * (round_number + 1), start=100 * round_number)
    assert counts[0] == counts[1] == counts[2], counts
    assert counts[0] <= 22  # session, user, roles, the latest change, the page (16), the menu (3)


def _total_without_plan(client, url) -> int:
    html = client.get(url).content.decode()
    return int(re.search(r'data-testid="total-employees">(\d+)<', html).group(1))


def test_the_report_is_kept_a_minute_but_the_viewers_own_change_shows_at_once(client, regency):
    personas = regency.personas
    url = reverse("skp:alignment") + "?year=2026"
    client.force_login(personas.users["bkpsdm"])
    total = _total_without_plan(client, url)
    _grow(personas, 1, start=900)  # by nobody signed in: one without a plan, one with a draft
    assert _total_without_plan(client, url) == total
    kept = client.get(url).content.decode()
    assert 'data-testid="freshness"' in kept and "year=2026&amp;refresh=1" in kept
    grown = _total_without_plan(client, url + "&refresh=1")
    assert grown == total + 2
    from kinerja.skp import services

    services.exemption_record(
        actor=personas.users["bkpsdm"],
        employee=personas.employees["dokter"],
        reason="cltn",
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2026, 12, 31),
    )
    own = _total_without_plan(client, url)
    assert own == _total_without_plan(client, url + "&refresh=1") == grown - 1


def test_the_kept_report_is_the_viewers_own(client, regency):
    personas = regency.personas
    url = reverse("skp:alignment") + "?year=2026"
    client.force_login(personas.users["bkpsdm"])
    assert ">Dinas Kesehatan</a>" in client.get(url).content.decode()
    client.force_login(personas.users["outsider"])  # BKPSDM of another agency
    assert ">Dinas Kesehatan</a>" not in client.get(url).content.decode()
