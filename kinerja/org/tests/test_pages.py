"""Organisation pages: content, scoping details, htmx fragments and constant query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.org.tests import factories as f


def _add_staff(personas, count):
    for i in range(count):
        f.employee(
            personas.agency,
            f"Pegawai Tambahan {i:03d}",
            position=personas.positions["staf"],
            start=datetime.date(2021, 1, 4),
        )


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_employee_list_query_count_does_not_grow_with_rows(client, personas):
    client.force_login(personas.users["bkpsdm"])
    url = reverse("org:employee_list") + "?refresh=1"  # counted anew, not the kept total
    _add_staff(personas, 3)
    few = _queries(client, url)
    _add_staff(personas, 40)
    assert _queries(client, url) == few


def test_scoped_employee_list_query_count_does_not_grow_with_rows(client, personas):
    client.force_login(personas.users["kasi"])
    url = reverse("org:employee_list") + "?refresh=1"
    _add_staff(personas, 3)
    few = _queries(client, url)
    _add_staff(personas, 40)
    assert _queries(client, url) == few


def test_unit_pages_query_count_does_not_grow_with_people(client, personas):
    client.force_login(personas.users["bkpsdm"])
    detail = reverse("org:unit_detail", args=[personas.units["primer"].pk])
    tree = reverse("org:unit_tree")
    _add_staff(personas, 3)
    few_detail, few_tree = _queries(client, detail), _queries(client, tree)
    _add_staff(personas, 40)
    assert _queries(client, detail) == few_detail
    assert _queries(client, tree) == few_tree


def test_employee_list_search_by_name_and_nip_prefix(client, personas):
    client.force_login(personas.users["bkpsdm"])
    url = reverse("org:employee_list")
    names = [e.name for e in client.get(url, {"q": "dewi"}).context["page"].object_list]
    assert names == ["Dewi Lestari"]
    nip = personas.employees["kabid"].nip
    by_nip = client.get(url, {"q": nip[:10]}).context["page"].object_list
    assert [e.pk for e in by_nip] == [personas.employees["kabid"].pk]


def test_employee_list_filters_by_unit_subtree(client, personas):
    client.force_login(personas.users["bkpsdm"])
    url = reverse("org:employee_list")
    page = client.get(url, {"unit": personas.units["dinkes"].pk}).context["page"]
    assert {e.name for e in page.object_list} == {
        "Hendra Wijaya",
        "Siti Rahmawati",
        "Agus Santoso",
        "Dewi Lestari",
        "Rizky Pratama",
    }


def test_a_unit_of_another_agency_in_the_filter_is_a_form_error_not_a_leak(client, personas):
    client.force_login(personas.users["bkpsdm"])
    response = client.get(reverse("org:employee_list"), {"unit": personas.units["other"].pk})
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert b"Yusuf" not in response.content


def test_the_htmx_search_returns_only_the_rows_fragment(client, personas):
    client.force_login(personas.users["bkpsdm"])
    response = client.get(reverse("org:employee_list"), {"q": "dewi"}, HTTP_HX_REQUEST="true")
    assert b"<html" not in response.content
    assert b"Dewi Lestari" in response.content


def test_an_atasan_sees_self_subordinates_and_the_posts_above_only(client, personas):
    client.force_login(personas.users["kasi"])
    page = client.get(reverse("org:employee_list")).context["page"]
    e = personas.employees
    assert {x.name for x in page.object_list} == {
        e[key].name for key in ("kasi", "staf", "kabid", "kadinkes")
    }


def test_personal_data_is_shown_to_hr_and_self_but_masked_for_a_supervisor(client, personas):
    staf = personas.employees["staf"]
    url = reverse("org:employee_detail", args=[staf.pk])
    client.force_login(personas.users["kasi"])
    body = client.get(url).content.decode()
    assert staf.nip not in body and staf.phone not in body and staf.masked_nip in body
    client.force_login(personas.users["bkpsdm"])
    body = client.get(url).content.decode()
    assert staf.nip in body and staf.phone in body
    client.force_login(personas.users["staf"])
    assert staf.nip in client.get(url).content.decode()


def test_pimpinan_sees_masked_nips_in_the_employee_list(client, personas):
    client.force_login(personas.users["pimpinan"])
    body = client.get(reverse("org:employee_list")).content.decode()
    assert personas.employees["staf"].nip not in body
    assert personas.employees["staf"].masked_nip in body


def test_employee_page_shows_history_and_supervision_chain(client, personas):
    client.force_login(personas.users["bkpsdm"])
    response = client.get(reverse("org:employee_detail", args=[personas.employees["staf"].pk]))
    body = response.content.decode()
    assert "Pengadministrasi Perkantoran" in body
    assert "Agus Santoso" in body  # rater
    assert "Siti Rahmawati" in body  # rater's superior


def test_unit_page_lists_positions_holders_and_vacancies(client, personas):
    client.force_login(personas.users["pimpinan"])
    response = client.get(reverse("org:unit_detail", args=[personas.units["bkpsdm"].pk]))
    body = response.content.decode()
    assert "Kepala BKPSDM" in body and "Nur Aini" in body
    assert response.context["headcount"] == 1
    positions = {p.code: p.current_holders for p in response.context["positions"]}
    assert positions["BKPSDM-01"] == []


def test_unit_children_fragment_lists_the_sub_units(client, personas):
    client.force_login(personas.users["dokter"])
    response = client.get(reverse("org:unit_children", args=[personas.units["dinkes"].pk]))
    assert [u.name for u in response.context["children"]] == [
        "Bidang Pelayanan Kesehatan",
        "Puskesmas Sukamaju",
    ]


@pytest.mark.parametrize("user", ["bkpsdm", "pimpinan", "auditor", "kasi", "dokter", "staf"])
def test_every_role_has_a_home_page_with_its_sections(client, personas, user):
    client.force_login(personas.users[user])
    response = client.get(reverse("home"))
    body = response.content.decode()
    expected = {
        "bkpsdm": ["agency-figures", "recent-imports", "recent-events", "my-card"],
        "pimpinan": ["agency-figures", "opd-table"],
        "auditor": ["agency-figures", "recent-events", "my-card"],
        "kasi": ["my-card", "subordinates"],
        "dokter": ["my-card"],
        "staf": ["my-card", "admin-units"],
    }[user]
    for section in expected:
        assert f'data-testid="{section}"' in body
    if user == "dokter":
        assert 'data-testid="agency-figures"' not in body
        assert 'data-testid="recent-events"' not in body


def test_language_can_be_switched_to_english(client, personas):
    client.force_login(personas.users["dokter"])
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert client.get(reverse("home")).headers["Content-Language"] == "en"


def test_an_english_browser_still_gets_indonesian_until_the_user_switches(client, personas):
    client.force_login(personas.users["dokter"])
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "id"
    assert "Beranda" in response.content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="id")
    assert response.headers["Content-Language"] == "en"


def test_the_employee_lists_total_is_kept_a_minute_and_recounted_on_refresh(client, personas):
    client.force_login(personas.users["bkpsdm"])
    url = reverse("org:employee_list")
    total = client.get(url).context["page"].paginator.count
    f.employee(
        personas.agency,
        "Aan Pendatang",
        position=personas.positions["dokter"],
        start=datetime.date(2021, 1, 1),
    )
    assert client.get(url).context["page"].paginator.count == total  # kept
    fresh = client.get(url + "?refresh=1")
    assert fresh.context["page"].paginator.count == total + 1
    searched = client.get(url, {"q": "Pendatang"})  # another filter: counted on its own
    assert searched.context["page"].paginator.count == 1
