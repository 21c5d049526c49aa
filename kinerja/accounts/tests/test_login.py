import pytest
from django.conf import settings
from django.urls import reverse

from kinerja.accounts.models import ApiToken, Role
from kinerja.accounts.viewer import build_viewer
from kinerja.org.tests.personas import PASSWORD

LOGIN = "accounts:login"


def _post_login(client, username, password=PASSWORD, **extra):
    return client.post(reverse(LOGIN), {"username": username, "password": password, **extra})


def test_argon2_is_the_production_password_hasher():
    from kinerja.config import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_login_page_is_indonesian_by_default(client, db):
    response = client.get(reverse(LOGIN))
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "id"


def test_an_employee_logs_in_with_their_nip(client, personas):
    nip = personas.employees["staf"].nip
    response = _post_login(client, nip)
    assert response.status_code == 302 and response.url == reverse("home")
    assert int(client.session["_auth_user_id"]) == personas.users["staf"].pk


def test_a_nip_typed_with_spaces_still_logs_in(client, personas):
    nip = personas.employees["staf"].nip
    spaced = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    assert _post_login(client, spaced).status_code == 302


def test_login_by_username_is_case_insensitive(client, personas):
    assert _post_login(client, "PIMPINAN").status_code == 302


def test_a_wrong_password_gets_a_clear_message_and_keeps_the_login_name(client, personas):
    response = _post_login(client, "pimpinan", "salah-sekali")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert response.context["form"].non_field_errors()
    assert b'value="pimpinan"' in response.content


def test_repeated_failures_lock_the_login_even_with_the_right_password(client, personas):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        _post_login(client, "pimpinan", "tebak-tebakan")
    response = _post_login(client, "pimpinan")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert [e.code for e in response.context["form"].non_field_errors().as_data()] == ["locked"]


def test_an_inactive_user_cannot_log_in(client, personas):
    user = personas.users["pimpinan"]
    user.is_active = False
    user.save()
    assert _post_login(client, "pimpinan").status_code == 200


def test_login_does_not_redirect_to_another_site(client, personas):
    response = _post_login(client, "pimpinan", next="https://evil.example/")
    assert response.url == reverse("home")
    response = client.get(reverse(LOGIN))  # already logged in
    assert response.status_code == 302


def test_logout_needs_a_post(client, personas):
    client.force_login(personas.users["pimpinan"])
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_roles_follow_positions_and_grants(personas):
    roles = {k: build_viewer(u).roles for k, u in personas.users.items()}
    assert roles["dokter"] == {Role.PEGAWAI}
    assert roles["kasi"] == {Role.PEGAWAI, Role.ATASAN}
    assert roles["kadinkes"] == {Role.PEGAWAI, Role.ATASAN}
    assert roles["staf"] == {Role.PEGAWAI, Role.ADMIN_UNIT}
    assert roles["bkpsdm"] == {Role.PEGAWAI, Role.BKPSDM_ADMIN}
    assert roles["pimpinan"] == {Role.PIMPINAN}
    assert roles["auditor"] == {Role.PEGAWAI, Role.AUDITOR}


def test_an_api_token_is_shown_once_and_stored_only_as_a_hash(client, personas):
    client.force_login(personas.users["kasi"])
    response = client.post(reverse("accounts:account"), {"name": "Skrip laporan"})
    key = response.context["new_key"]
    token = ApiToken.objects.get(user=personas.users["kasi"])
    assert key.startswith("knj_") and key not in token.key_hash
    assert token.key_hash == ApiToken.hash_key(key)
    assert key not in client.get(reverse("accounts:account")).content.decode()


def test_an_empty_token_name_is_refused_with_a_message(client, personas):
    client.force_login(personas.users["kasi"])
    response = client.post(reverse("accounts:account"), {"name": ""})
    assert response.context["form"].errors["name"]
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize(
    "owner_key, revoker_key, expected", [("kasi", "kasi", 302), ("kasi", "bkpsdm", 404)]
)
def test_only_the_owner_revokes_a_token(client, personas, owner_key, revoker_key, expected):
    from kinerja.accounts.services import api_token_create

    owner = personas.users[owner_key]
    token, _ = api_token_create(actor=owner, user=owner, name="x")
    client.force_login(personas.users[revoker_key])
    response = client.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert response.status_code == expected
    token.refresh_from_db()
    assert (token.revoked_at is not None) == (expected == 302)
