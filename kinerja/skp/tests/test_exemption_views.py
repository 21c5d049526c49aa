"""The exemption pages: who gets what, the filters, the search, the forms and the SKP home.

staf administers Dinas Kesehatan; bkpsdm records for the whole agency; pimpinan and auditor
read; dokter (pegawai), kasi and kabid (atasan) are refused; outsider is the BKPSDM admin of
another agency and sees none of ours.
"""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse

from kinerja.core.models import AuditEvent
from kinerja.org.services import assignment_start
from kinerja.org.tests import factories as f
from kinerja.skp import services
from kinerja.skp.models import PlanExemption, Skp
from kinerja.skp.tests.factories import YEAR, start_skp
from kinerja.skp.tests.review_data import freeze_today

pytestmark = pytest.mark.django_db

TODAY = datetime.date(YEAR, 3, 10)
ROLES = [
    "anonymous",
    "dokter",
    "kasi",
    "kabid",
    "staf",
    "bkpsdm",
    "pimpinan",
    "auditor",
    "outsider",
]
READERS = {"staf", "bkpsdm", "pimpinan", "auditor"}
MANAGERS = {"staf", "bkpsdm"}


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    freeze_today(monkeypatch, TODAY)


def _record(personas, key, **fields):
    fields.setdefault("reason", "cltn")
    fields.setdefault("start_date", datetime.date(YEAR, 2, 1))
    return services.exemption_record(actor=None, employee=personas.employees[key], **fields)


@pytest.fixture
def exemptions(personas):
    return {
        "dokter": _record(personas, "dokter", reason="mpp", decree_number="SK-MPP-1"),
        "auditor": _record(personas, "auditor", reason="temporary_dismissal"),
        "kasi_past": _record(
            personas,
            "kasi",
            start_date=datetime.date(YEAR - 1, 1, 1),
            end_date=datetime.date(YEAR - 1, 6, 30),
        ),
    }


def _login(client, personas, role):
    if role != "anonymous":
        client.force_login(personas.users[role])


def _expect(response, expected):
    if expected == "login":
        assert response.status_code == 302
        assert "/akun/masuk/" in response["Location"]
    else:
        assert response.status_code == expected, response.content[:300]


def _names(response) -> set[str]:
    return {e.employee.name for e in response.context["page"].object_list}


# --- permission tables ------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_the_list_is_for_admins_pimpinan_and_auditors(client, personas, exemptions, role):
    _login(client, personas, role)
    response = client.get(reverse("skp:exemptions"))
    if role == "anonymous":
        _expect(response, "login")
    elif role == "outsider":  # reads the exemptions of their own agency: none of ours
        _expect(response, 200)
        assert _names(response) == set()
    else:
        _expect(response, 200 if role in READERS else 403)


@pytest.mark.parametrize("role", ROLES)
def test_the_create_form_is_for_bkpsdm_and_unit_admins(client, personas, role):
    _login(client, personas, role)
    response = client.get(reverse("skp:exemption_create"))
    expected = "login" if role == "anonymous" else 200 if role in MANAGERS | {"outsider"} else 403
    _expect(response, expected)


def _change_table():
    """Answers on the dokter's exemption (in Dinas Kesehatan)."""
    table = {role: 403 for role in ROLES}
    table.update(anonymous="login", staf=200, bkpsdm=200, outsider=404)
    return table


@pytest.mark.parametrize("role", ROLES)
def test_who_opens_the_edit_and_delete_pages(client, personas, exemptions, role):
    _login(client, personas, role)
    pk = exemptions["dokter"].pk
    expected = _change_table()[role]
    for name in ("skp:exemption_update", "skp:exemption_delete", "skp:exemption_end"):
        _expect(client.get(reverse(name, args=[pk])), expected)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_delete(client, personas, exemptions, role):
    _login(client, personas, role)
    response = client.post(reverse("skp:exemption_delete", args=[exemptions["dokter"].pk]))
    _expect(response, 302 if role in MANAGERS else _change_table()[role])
    assert PlanExemption.objects.filter(pk=exemptions["dokter"].pk).exists() == (
        role not in MANAGERS
    )


def test_a_unit_admin_cannot_see_or_change_exemptions_outside_their_units(
    client, personas, exemptions
):
    _login(client, personas, "staf")
    assert _names(client.get(reverse("skp:exemptions"))) == {"Rizky Pratama"}
    pk = exemptions["auditor"].pk
    assert client.get(reverse("skp:exemption_update", args=[pk])).status_code == 404
    assert client.post(reverse("skp:exemption_delete", args=[pk])).status_code == 404


def test_pimpinan_reads_but_gets_no_change_buttons(client, personas, exemptions):
    _login(client, personas, "pimpinan")
    content = client.get(reverse("skp:exemptions")).content.decode()
    assert 'data-testid="exemption-row"' in content
    assert reverse("skp:exemption_update", args=[exemptions["dokter"].pk]) not in content
    assert 'data-testid="exemption-create-link"' not in content


# --- the list ---------------------------------------------------------------------------------


def test_the_list_shows_those_running_today_by_default(client, personas, exemptions):
    _login(client, personas, "bkpsdm")
    response = client.get(reverse("skp:exemptions"))
    assert _names(response) == {"Rizky Pratama", "Bambang Supriyadi"}
    content = response.content.decode()
    assert "SK-MPP-1" in content and "1 Feb 2026" in content
    assert "Puskesmas Sukamaju" in content  # the unit of the dokter's post


def test_the_list_filters_by_day_all_reason_unit_and_search(client, personas, exemptions):
    _login(client, personas, "bkpsdm")
    url = reverse("skp:exemptions")
    assert _names(client.get(url, {"show": "running", "day": f"{YEAR - 1}-03-01"})) == {
        "Agus Santoso"
    }
    assert len(_names(client.get(url, {"show": "all"}))) == 3
    assert _names(client.get(url, {"show": "all", "reason": "mpp"})) == {"Rizky Pratama"}
    unit = personas.units["dinkes"].pk
    assert _names(client.get(url, {"show": "all", "unit": unit})) == {
        "Rizky Pratama",
        "Agus Santoso",
    }
    assert _names(client.get(url, {"show": "all", "q": "bambang"})) == {"Bambang Supriyadi"}
    nip = personas.employees["dokter"].nip
    assert _names(client.get(url, {"show": "all", "q": nip})) == {"Rizky Pratama"}
    assert _names(client.get(url, {"show": "all", "q": nip[:8]})) == set()  # no prefix search


def test_the_list_never_shows_a_full_nip(client, personas, exemptions):
    for role in ("bkpsdm", "pimpinan", "auditor", "staf"):
        _login(client, personas, role)
        content = client.get(reverse("skp:exemptions"), {"show": "all"}).content.decode()
        for key in ("dokter", "auditor", "kasi"):
            employee = personas.employees[key]
            assert employee.nip not in content
        assert personas.employees["dokter"].masked_nip in content


def _many(personas, count):
    unit = personas.units["pkm"]
    for number in range(count):
        position = f.position(
            personas.agency, unit, f"PKM-X{number}", f"Perawat {number}", "pelaksana"
        )
        employee = f.employee(
            personas.agency,
            f"Pegawai Cuti {number:03d}",
            grade="II/c",
            position=position,
            start=datetime.date(2020, 1, 1),
            nip=f.make_nip(datetime.date(1970, 1, 1 + number % 28), (1995, 3), "L", 100 + number),
        )
        services.exemption_record(
            actor=None, employee=employee, reason="mpp", start_date=datetime.date(YEAR, 1, 1)
        )


def test_the_list_is_paginated_with_a_fixed_number_of_queries(
    client, personas, django_assert_max_num_queries
):
    _many(personas, 55)
    _login(client, personas, "staf")
    url = reverse("skp:exemptions")
    client.get(url)  # warm the session and the language
    with django_assert_max_num_queries(12):
        first = client.get(url)
    assert len(first.context["page"].object_list) == 50
    assert 'data-testid="next-page"' in first.content.decode()
    with django_assert_max_num_queries(12):
        second = client.get(url, {"page": 2})
    assert len(second.context["page"].object_list) == 5


# --- the forms --------------------------------------------------------------------------------


def _form(**overrides):
    data = {
        "reason": "cltn",
        "start_date": f"{YEAR}-03-01",
        "end_date": "",
        "decree_number": "800/1",
        "note": "",
    }
    data.update(overrides)
    return data


def test_bkpsdm_records_an_exemption_by_nip(client, personas):
    _login(client, personas, "bkpsdm")
    response = client.post(
        reverse("skp:exemption_create"), _form(nip=personas.employees["dokter"].nip)
    )
    assert response.status_code == 302
    exemption = PlanExemption.objects.get()
    assert exemption.employee == personas.employees["dokter"]
    assert exemption.start_date == datetime.date(YEAR, 3, 1)
    assert AuditEvent.objects.filter(action="skp.exemption.recorded").count() == 1


def test_a_unit_admin_finds_the_employee_by_name_and_records(client, personas):
    _login(client, personas, "staf")
    response = client.get(reverse("skp:exemption_create"), {"q": "rizky"})
    dokter = personas.employees["dokter"]
    assert [c.pk for c in response.context["candidates"]] == [dokter.pk]
    content = response.content.decode()
    assert dokter.nip not in content and dokter.masked_nip in content
    assert 'type="hidden" name="employee"' in content  # chosen later by id, never a select
    assert "<select" not in content.split('id="search-title"')[1].split('<select name="reason"')[0]
    response = client.post(reverse("skp:exemption_create"), _form(employee=dokter.pk))
    assert response.status_code == 302
    assert PlanExemption.objects.get().employee == dokter


def test_the_search_offers_only_people_of_the_admins_units(client, personas):
    _login(client, personas, "staf")
    response = client.get(reverse("skp:exemption_create"), {"q": "bambang"})
    assert response.context["candidates"] == []


def test_a_wrong_nip_is_shown_next_to_the_field_with_the_input_kept(client, personas):
    _login(client, personas, "staf")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    auditor_nip = personas.employees["auditor"].nip  # outside staf's units
    response = client.post(
        reverse("skp:exemption_create"), _form(nip=auditor_nip, decree_number="SK/77")
    )
    assert response.status_code == 400
    assert response.context["form"].errors["nip"]
    content = response.content.decode()
    assert 'data-testid="errors-nip"' in content
    assert 'value="SK/77"' in content
    response = client.post(reverse("skp:exemption_create"), _form(nip="1234"))
    assert "18 digits" in response.context["form"].errors["nip"][0]
    assert not PlanExemption.objects.exists()


def test_overlapping_and_reversed_dates_are_refused_on_their_fields(client, personas):
    _record(personas, "dokter")
    _login(client, personas, "bkpsdm")
    nip = personas.employees["dokter"].nip
    response = client.post(reverse("skp:exemption_create"), _form(nip=nip))
    assert response.status_code == 400
    assert response.context["form"].errors["start_date"]
    response = client.post(
        reverse("skp:exemption_create"),
        _form(nip=personas.employees["kasi"].nip, end_date=f"{YEAR}-02-01"),
    )
    assert response.context["form"].errors["end_date"]
    assert PlanExemption.objects.count() == 1


def test_an_exemption_is_corrected_ended_and_deleted(client, personas, exemptions):
    _login(client, personas, "staf")
    exemption = exemptions["dokter"]
    response = client.post(
        reverse("skp:exemption_update", args=[exemption.pk]),
        _form(reason="non_structural", start_date=f"{YEAR}-02-01", decree_number="SK-2"),
    )
    assert response.status_code == 302
    exemption.refresh_from_db()
    assert (exemption.reason, exemption.decree_number) == ("non_structural", "SK-2")
    response = client.post(
        reverse("skp:exemption_end", args=[exemption.pk]), {"end_date": f"{YEAR}-01-01"}
    )
    assert response.status_code == 400
    assert response.context["end_form"].errors["end_date"]
    response = client.post(
        reverse("skp:exemption_end", args=[exemption.pk]), {"end_date": f"{YEAR}-03-09"}
    )
    assert response.status_code == 302
    exemption.refresh_from_db()
    assert exemption.end_date == datetime.date(YEAR, 3, 9)
    confirm = client.get(reverse("skp:exemption_delete", args=[exemption.pk]))
    assert 'data-testid="delete-confirmation"' in confirm.content.decode()
    assert client.post(reverse("skp:exemption_delete", args=[exemption.pk])).status_code == 302
    assert not PlanExemption.objects.filter(pk=exemption.pk).exists()


# --- the SKP home and the plan page -----------------------------------------------------------


def test_the_home_tells_an_exempt_employee_they_do_not_plan(client, personas):
    _record(personas, "dokter", reason="mpp", end_date=datetime.date(YEAR, 12, 31))
    _login(client, personas, "dokter")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    content = client.get(reverse("skp:home")).content.decode()
    assert 'data-testid="exempt-from-planning"' in content
    assert 'data-testid="start-skp"' not in content
    assert "Pre-retirement leave (MPP)" in content
    assert "1 Feb 2026" in content and "31 Dec 2026" in content


def test_the_home_offers_a_plan_to_those_not_exempt(client, personas):
    _record(personas, "dokter", end_date=datetime.date(YEAR, 3, 1))  # over before today
    _login(client, personas, "dokter")
    content = client.get(reverse("skp:home")).content.decode()
    assert 'data-testid="start-skp"' in content
    assert 'data-testid="exempt-from-planning"' not in content


def test_starting_a_plan_while_exempt_is_refused(client, personas):
    _record(personas, "dokter")
    _login(client, personas, "dokter")
    response = client.post(reverse("skp:create"), {"year": YEAR})
    assert response.status_code == 400
    assert not Skp.objects.filter(employee=personas.employees["dokter"]).exists()


@pytest.mark.parametrize("role", ROLES[1:])
def test_the_home_links_the_exemptions_for_those_who_may_see_them(client, personas, role):
    _login(client, personas, role)
    content = client.get(reverse("skp:home")).content.decode()
    expected = role in READERS or role == "outsider"
    assert ('data-testid="exemptions-link"' in content) == expected


def test_a_plan_page_notes_that_its_employee_became_exempt(client, personas):
    skp = start_skp(personas, "dokter")
    _login(client, personas, "dokter")
    url = reverse("skp:detail", args=[skp.pk])
    assert 'data-testid="plan-exemption"' not in client.get(url).content.decode()
    _record(personas, "dokter", reason="temporary_dismissal")
    content = client.get(url).content.decode()
    assert 'data-testid="plan-exemption"' in content
    assert "1 Feb 2026" in content


@pytest.mark.parametrize(
    ("role", "sees_reason"),
    [("dokter", True), ("kabid", False), ("bkpsdm", True), ("pimpinan", True)],
)
def test_the_reason_on_the_plan_page_is_for_readers_and_the_employee(
    client, personas, role, sees_reason
):
    skp = start_skp(personas, "dokter")
    _record(personas, "dokter", reason="temporary_dismissal")
    _login(client, personas, role)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("skp:detail", args=[skp.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'data-testid="plan-exemption"' in content  # everyone learns the plan stops
    assert "1 Feb 2026" in content
    assert ("Temporarily dismissed" in content) == sees_reason
    assert ('data-testid="plan-exemption-reason"' in content) == sees_reason


# --- the scope of a unit admin --------------------------------------------------------------


def _move_to_inspektorat(personas, key="dokter", day=datetime.date(YEAR, 3, 1)):
    position = f.position(
        personas.agency,
        personas.units["inspektorat"],
        "INSP-09",
        "Auditor Ahli Pertama",
        "fungsional",
        personas.positions["inspektur"],
        jenjang="ahli_pertama",
    )
    assignment_start(
        actor=None, employee=personas.employees[key], position=position, start_date=day
    )


def test_a_unit_admin_may_not_exempt_or_change_someone_now_in_another_unit(
    client, personas, exemptions
):
    """The dokter worked in Dinas Kesehatan when the MPP began but has moved since: staf
    still reads the record, may not change it, and may not record a new one for them."""
    _move_to_inspektorat(personas)
    _login(client, personas, "staf")
    dokter = personas.employees["dokter"]
    response = client.post(
        reverse("skp:exemption_create"),
        _form(nip=dokter.nip, start_date=f"{YEAR}-01-01", end_date=f"{YEAR}-01-31"),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["nip"]
    exemption = exemptions["dokter"]
    assert "Rizky Pratama" in _names(client.get(reverse("skp:exemptions"), {"show": "all"}))
    for name in ("skp:exemption_update", "skp:exemption_end", "skp:exemption_delete"):
        assert client.get(reverse(name, args=[exemption.pk])).status_code == 403
    posts = [
        ("skp:exemption_update", _form(reason="cltn", start_date=f"{YEAR}-02-01")),
        ("skp:exemption_end", {"end_date": f"{YEAR}-03-09"}),
        ("skp:exemption_delete", {}),
    ]
    for name, data in posts:
        assert client.post(reverse(name, args=[exemption.pk]), data).status_code == 403
    assert PlanExemption.objects.filter(employee=dokter).count() == 1
    exemption.refresh_from_db()
    assert (exemption.reason, exemption.end_date) == ("mpp", None)


# --- refused POSTs change nothing -------------------------------------------------------------

REFUSED = ["anonymous", "dokter", "kasi", "kabid", "pimpinan", "auditor", "outsider"]


def _state():
    return list(PlanExemption.objects.order_by("pk").values()), AuditEvent.objects.count()


@pytest.mark.parametrize("role", REFUSED)
def test_a_refused_role_cannot_record_by_post(client, personas, role):
    _login(client, personas, role)
    before = _state()
    dokter = personas.employees["dokter"]
    response = client.post(
        reverse("skp:exemption_create"), _form(nip=dokter.nip, employee=dokter.pk)
    )
    # outsider: a BKPSDM admin, but the dokter is not of their agency (the NIP is not found).
    _expect(response, {"anonymous": "login", "outsider": 400}.get(role, 403))
    assert _state() == before
    assert not PlanExemption.objects.exists()


@pytest.mark.parametrize("role", REFUSED)
def test_a_refused_role_cannot_correct_by_post(client, personas, exemptions, role):
    _login(client, personas, role)
    before = _state()
    pk = exemptions["dokter"].pk
    response = client.post(
        reverse("skp:exemption_update", args=[pk]),
        _form(reason="cltn", start_date=f"{YEAR}-02-05", note="changed"),
    )
    _expect(response, _change_table()[role])
    assert _state() == before


@pytest.mark.parametrize("role", REFUSED)
def test_a_refused_role_cannot_end_by_post(client, personas, exemptions, role):
    _login(client, personas, role)
    before = _state()
    pk = exemptions["dokter"].pk
    response = client.post(reverse("skp:exemption_end", args=[pk]), {"end_date": f"{YEAR}-03-09"})
    _expect(response, _change_table()[role])
    assert _state() == before
