"""Bearer tokens and browser sessions: who gets in, and who gets 401."""

import base64
import datetime

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.utils import timezone
from ninja.errors import HttpError

from kinerja.accounts.models import ApiToken
from kinerja.accounts.services import api_token_create, api_token_revoke
from kinerja.api.auth import ViewerSessionAuth
from kinerja.org.tests.personas import PASSWORD

API = "/api/v1"


def test_a_bearer_token_authenticates_as_its_user_and_records_its_use(client, personas, bearer):
    response = client.get(f"{API}/me", HTTP_AUTHORIZATION=bearer("kasi"))
    assert response.status_code == 200
    assert response.json()["username"] == "kasi"
    token = ApiToken.objects.get(user=personas.users["kasi"])
    assert token.last_used_at is not None


def test_a_bearer_token_sees_the_same_scope_as_the_session(client, personas, bearer):
    response = client.get(f"{API}/employees", HTTP_AUTHORIZATION=bearer("kasi"))
    ids = {item["id"] for item in response.json()["items"]}
    e = personas.employees
    assert ids == {e["kasi"].pk, e["staf"].pk, e["kabid"].pk, e["kadinkes"].pk}


def test_a_revoked_token_is_refused(client, personas):
    token, key = api_token_create(actor=None, user=personas.users["kasi"], name="laptop")
    api_token_revoke(actor=personas.users["kasi"], token=token)
    response = client.get(f"{API}/me", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 401


def test_an_expired_token_is_refused(client, personas):
    token, key = api_token_create(actor=None, user=personas.users["kasi"], name="old", days=1)
    ApiToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = client.get(f"{API}/me", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 401


@pytest.mark.parametrize(
    "header",
    ["Bearer knj_not-a-real-token", "Bearer ", "Basic a2FzaTpzZWNyZXQ=", "knj_without_scheme"],
)
def test_unknown_or_malformed_tokens_are_refused(client, personas, header):
    assert client.get(f"{API}/me", HTTP_AUTHORIZATION=header).status_code == 401


def test_the_token_of_a_deactivated_user_is_refused(client, personas, bearer):
    header = bearer("kasi")
    user = personas.users["kasi"]
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert client.get(f"{API}/me", HTTP_AUTHORIZATION=header).status_code == 401


def test_a_token_of_another_agency_sees_nothing_of_this_one(client, personas, bearer):
    header = bearer("outsider")
    ids = {
        i["id"] for i in client.get(f"{API}/employees", HTTP_AUTHORIZATION=header).json()["items"]
    }
    assert ids == {personas.employees["outsider"].pk}
    detail = client.get(
        f"{API}/employees/{personas.employees['staf'].pk}", HTTP_AUTHORIZATION=header
    )
    assert detail.status_code == 404


def test_the_browser_session_authenticates(client, personas):
    client.force_login(personas.users["dokter"])
    assert client.get(f"{API}/me").json()["username"] == "dokter"


def test_after_logout_the_session_no_longer_authenticates(client, personas):
    client.force_login(personas.users["dokter"])
    client.logout()
    assert client.get(f"{API}/me").status_code == 401


def _session_request(method, user):
    request = getattr(RequestFactory(), method)(f"{API}/me")
    request.user = user
    request.COOKIES[settings.SESSION_COOKIE_NAME] = "session-key"
    return request


def test_session_auth_lets_safe_methods_through_without_a_csrf_token(personas):
    user = personas.users["dokter"]
    assert ViewerSessionAuth()(_session_request("get", user)) == user


def test_session_auth_refuses_unsafe_methods_without_a_csrf_token(personas):
    """Ready for the write endpoints: a cross-site form cannot act with the user's cookie."""
    with pytest.raises(HttpError) as raised:
        ViewerSessionAuth()(_session_request("post", personas.users["dokter"]))
    assert raised.value.status_code == 403


def test_session_auth_gives_the_request_its_viewer(personas):
    request = _session_request("get", personas.users["staf"])
    ViewerSessionAuth()(request)
    assert request.viewer.employee_id == personas.employees["staf"].pk


def test_a_login_without_agency_gets_in_but_sees_nothing(client, personas):
    from kinerja.accounts.models import User

    user = User.objects.create_user(username="teknisi", password=None)
    client.force_login(user)
    me = client.get(f"{API}/me").json()
    assert (me["agency"], me["employee"], me["roles"]) == (None, None, [])
    assert client.get(f"{API}/employees").json() == {"count": 0, "items": []}
    assert client.get(f"{API}/units/{personas.units['dinkes'].pk}").status_code == 404


def test_the_api_accepts_no_password_so_it_cannot_bypass_the_login_throttle(client, personas):
    basic = base64.b64encode(f"kasi:{PASSWORD}".encode()).decode()
    assert client.get(f"{API}/me", HTTP_AUTHORIZATION=f"Basic {basic}").status_code == 401
