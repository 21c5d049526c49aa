"""The public front door: a visitor without an account learns whose system this is and what it
does, and finds the way in; no personal data is shown."""

from django.urls import reverse


def test_a_visitor_sees_the_agency_and_what_kinerja_is(client, personas):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Pemerintah Kabupaten Contoh" in html
    assert reverse("accounts:login") in html
    assert 'type="password"' not in html  # not a bare login box
    for employee in personas.employees.values():
        assert employee.nip not in html and employee.name not in html


def test_a_signed_in_user_gets_beranda_not_the_front_door(client, personas):
    client.force_login(personas.users["dokter"])
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert b'data-testid="welcome"' not in response.content
