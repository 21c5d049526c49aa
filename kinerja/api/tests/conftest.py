"""Helpers for API tests: call an endpoint as a persona, by session or by bearer token."""

import pytest

from kinerja.accounts.services import api_token_create

API = "/api/v1"


@pytest.fixture
def api_get(client, personas):
    """`api_get("/employees", as_user="kasi", unit=3)`: a GET as that persona (None: anonymous)."""

    def _get(path, *, as_user=None, **params):
        client.logout()
        if as_user is not None:
            client.force_login(personas.users[as_user])
        return client.get(f"{API}{path}", params)

    return _get


@pytest.fixture
def bearer(personas):
    """`bearer("kasi")`: a fresh token of that persona, as the Authorization header value."""

    def _bearer(username, **kwargs):
        _token, key = api_token_create(
            actor=None, user=personas.users[username], name="test", **kwargs
        )
        return f"Bearer {key}"

    return _bearer
