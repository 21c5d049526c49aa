"""My account: changing one's own password and seeing and ending one's signed-in sessions."""

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from kinerja.accounts import services
from kinerja.accounts.models import UserSession
from kinerja.core.models import AuditEvent
from kinerja.org.tests.personas import PASSWORD

NEW_PASSWORD = "Kinerja-Baru-2027!"


def _signed_in(personas, who="dokter", agent="Browser A") -> Client:
    client = Client(HTTP_USER_AGENT=agent)
    response = client.post(
        reverse("accounts:login"),
        {"username": personas.users[who].username, "password": PASSWORD},
    )
    assert response.status_code == 302
    return client


def _change(client, current=PASSWORD, new=NEW_PASSWORD, repeat=None):
    return client.post(
        reverse("accounts:password_change"),
        {
            "current_password": current,
            "new_password": new,
            "new_password_repeat": new if repeat is None else repeat,
        },
    )


def test_signing_in_lists_the_browser_on_my_account(personas):
    client = _signed_in(personas, agent="Firefox di laptop kantor")
    page = client.get(reverse("accounts:account"))
    sessions = list(page.context["sessions"])
    assert [s.user_agent for s in sessions] == ["Firefox di laptop kantor"]
    assert "this browser" in page.content.decode() or "peramban ini" in page.content.decode()


def test_each_user_sees_only_their_own_sessions(personas):
    _signed_in(personas, "dokter", agent="A")
    other = _signed_in(personas, "kasi", agent="B")
    sessions = list(other.get(reverse("accounts:account")).context["sessions"])
    assert [s.user_agent for s in sessions] == ["B"]


def test_signing_out_removes_the_session_from_the_list(personas):
    client = _signed_in(personas)
    key = client.session.session_key
    client.post(reverse("accounts:logout"))
    assert not UserSession.objects.filter(session_key=key).exists()


def test_a_password_change_with_the_wrong_current_password_is_refused(personas):
    client = _signed_in(personas)
    response = _change(client, current="salah-sekali")
    assert response.status_code == 400
    assert "current_password" in response.context["form"].errors
    user = personas.users["dokter"]
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert not AuditEvent.objects.filter(action="accounts.password.changed").exists()


@pytest.mark.parametrize(
    ("new", "repeat", "field"),
    [
        ("pendek1!", None, "new_password"),  # under 10 characters
        ("1234567890123", None, "new_password"),  # digits only
        (NEW_PASSWORD, NEW_PASSWORD + "x", "new_password_repeat"),
    ],
)
def test_a_new_password_must_pass_the_rules_and_be_typed_twice(personas, new, repeat, field):
    response = _change(_signed_in(personas), new=new, repeat=repeat)
    assert response.status_code == 400
    assert field in response.context["form"].errors


def test_a_ten_character_password_is_long_enough(personas):
    response = _change(_signed_in(personas), new="Rahasia-10")
    assert response.status_code == 302


def test_a_password_change_keeps_this_session_and_ends_every_other(personas):
    phone = _signed_in(personas, agent="HP")
    laptop = _signed_in(personas, agent="Laptop")
    phone_key = phone.session.session_key
    response = _change(laptop)
    assert response.status_code == 302
    assert laptop.get(reverse("accounts:account")).status_code == 200
    assert not Session.objects.filter(session_key=phone_key).exists()
    assert phone.get(reverse("accounts:account")).status_code == 302  # back to the login page
    user = personas.users["dokter"]
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    event = AuditEvent.objects.get(action="accounts.password.changed")
    assert event.before is None and event.after is None  # no password material in the trail


def test_ending_another_session_signs_that_browser_out(personas):
    phone = _signed_in(personas, agent="HP")
    laptop = _signed_in(personas, agent="Laptop")
    phone_row = UserSession.objects.get(session_key=phone.session.session_key)
    response = laptop.post(reverse("accounts:session_end", args=[phone_row.pk]))
    assert response.status_code == 302
    assert phone.get(reverse("accounts:account")).status_code == 302
    assert laptop.get(reverse("accounts:account")).status_code == 200


def test_nobody_ends_someone_elses_session(personas):
    victim = _signed_in(personas, "kasi")
    attacker = _signed_in(personas, "dokter")
    row = UserSession.objects.get(session_key=victim.session.session_key)
    assert attacker.post(reverse("accounts:session_end", args=[row.pk])).status_code == 404
    assert victim.get(reverse("accounts:account")).status_code == 200
    with pytest.raises(services.PermissionDenied):
        services.user_session_end(actor=personas.users["dokter"], session=row)


def test_sign_out_everywhere_else(personas):
    others = [_signed_in(personas, agent=f"Lain {n}") for n in range(3)]
    here = _signed_in(personas, agent="Sini")
    here.post(reverse("accounts:sessions_end_others"))
    assert all(c.get(reverse("accounts:account")).status_code == 302 for c in others)
    assert [s.user_agent for s in here.get(reverse("accounts:account")).context["sessions"]] == [
        "Sini"
    ]


def test_the_password_page_needs_a_login(client, db):
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 302 and "/masuk/" in response.url


def test_a_session_is_touched_again_only_after_five_minutes(personas, monkeypatch):
    from kinerja.accounts import sessions

    client = _signed_in(personas)
    row = UserSession.objects.get(session_key=client.session.session_key)
    first_seen = row.last_seen_at
    client.get(reverse("accounts:account"))
    row.refresh_from_db()
    assert row.last_seen_at == first_seen  # within five minutes: no write
    clock = sessions.time.time()
    monkeypatch.setattr(sessions.time, "time", lambda: clock + sessions.TOUCH_EVERY_SECONDS + 1)
    client.get(reverse("accounts:account"))
    row.refresh_from_db()
    assert row.last_seen_at > first_seen
