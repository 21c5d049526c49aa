"""Recording acting officials and delegations from the employee page."""

import pytest
from django.urls import reverse

from kinerja.core.models import AuditEvent
from kinerja.org.models import Assignment, SupervisionOverride


def _acting(client, personas, **data):
    url = reverse("org:employee_acting_create", args=[personas.employees["dokter"].pk])
    payload = {
        "position_code": "DINKES-01",
        "kind": "plt",
        "start_date": "2025-03-01",
        "end_date": "2025-06-30",
        "decree_number": "800/12/BKPSDM/2025",
    }
    return client.post(url, {**payload, **data})


def test_bkpsdm_records_an_acting_assignment(client, personas):
    client.force_login(personas.users["bkpsdm"])
    response = _acting(client, personas)
    assert response.status_code == 302
    acting = Assignment.objects.get(employee=personas.employees["dokter"], kind="plt")
    assert acting.position == personas.positions["kadinkes"]
    assert AuditEvent.objects.filter(
        action="org.assignment.started", object_id=str(acting.pk)
    ).exists()


def test_an_unknown_position_code_is_a_field_error_that_keeps_the_input(client, personas):
    client.force_login(personas.users["bkpsdm"])
    response = _acting(client, personas, position_code="TIDAK-ADA")
    assert response.status_code == 400
    form = response.context["acting_form"]
    assert "position_code" in form.errors
    assert form.data["decree_number"] == "800/12/BKPSDM/2025"
    assert b"800/12/BKPSDM/2025" in response.content


def test_an_end_before_the_start_is_refused(client, personas):
    client.force_login(personas.users["bkpsdm"])
    response = _acting(client, personas, end_date="2025-01-01")
    assert "end_date" in response.context["acting_form"].errors
    assert not Assignment.objects.filter(kind="plt").exists()


def test_a_start_before_the_appointment_is_refused_by_the_service(client, personas):
    client.force_login(personas.users["bkpsdm"])
    response = _acting(client, personas, start_date="2001-01-01", end_date="")
    assert "start_date" in response.context["acting_form"].errors


def test_a_position_of_another_agency_cannot_be_used(client, personas):
    client.force_login(personas.users["bkpsdm"])
    response = _acting(client, personas, position_code="LAIN-01")
    assert "position_code" in response.context["acting_form"].errors


def test_a_delegation_is_recorded_and_shown(client, personas):
    client.force_login(personas.users["staf"])  # unit admin of Dinas Kesehatan
    url = reverse("org:employee_delegation_create", args=[personas.employees["dokter"].pk])
    response = client.post(
        url,
        {
            "supervisor_nip": personas.employees["kasi"].nip,
            "role": "rater",
            "start_date": "2025-01-01",
            "end_date": "",
            "reason": "Kepala puskesmas sebagai penilai",
        },
    )
    assert response.status_code == 302
    override = SupervisionOverride.objects.get()
    assert override.supervisor == personas.employees["kasi"]
    page = client.get(reverse("org:employee_detail", args=[personas.employees["dokter"].pk]))
    assert b'data-testid="overrides"' in page.content


def test_a_delegation_to_an_unknown_nip_is_a_field_error(client, personas):
    client.force_login(personas.users["bkpsdm"])
    url = reverse("org:employee_delegation_create", args=[personas.employees["dokter"].pk])
    response = client.post(
        url,
        {
            "supervisor_nip": personas.employees["outsider"].nip,
            "role": "rater",
            "start_date": "2025-01-01",
            "reason": "x",
        },
    )
    assert response.status_code == 400
    assert "supervisor_nip" in response.context["delegation_form"].errors
    assert not SupervisionOverride.objects.exists()


@pytest.mark.parametrize(
    ("user", "employee", "expected"),
    [
        ("bkpsdm", "dokter", 302),
        ("staf", "dokter", 302),  # unit admin, dokter is in Dinas Kesehatan
        ("staf", "bkpsdm", 404),  # outside the unit admin's scope: hidden
        ("kasi", "staf", 403),  # an atasan sees staf but may not manage posts
        ("pimpinan", "staf", 403),
        ("auditor", "staf", 403),
        ("dokter", "dokter", 403),
        ("outsider", "dokter", 404),
        (None, "dokter", 302),
    ],
)
def test_who_may_record_acting_assignments(client, personas, user, employee, expected):
    if user:
        client.force_login(personas.users[user])
    url = reverse("org:employee_acting_create", args=[personas.employees[employee].pk])
    response = client.post(
        url,
        {
            "position_code": "DINKES-03",
            "kind": "plh",
            "start_date": "2025-03-01",
            "end_date": "2025-03-10",
        },
    )
    assert response.status_code == expected
    if user is None:
        assert response.url.startswith(reverse("accounts:login"))
    created = Assignment.objects.filter(kind="plh").exists()
    assert created == (expected == 302 and user is not None)


def test_the_forms_are_shown_only_to_those_who_may_use_them(client, personas):
    url = reverse("org:employee_detail", args=[personas.employees["staf"].pk])
    client.force_login(personas.users["kasi"])
    assert b'id="acting"' not in client.get(url).content
    client.force_login(personas.users["bkpsdm"])
    assert b'id="acting"' in client.get(url).content
