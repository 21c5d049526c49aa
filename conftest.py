import pytest


@pytest.fixture
def personas(db):
    from kinerja.org.tests.personas import build_personas

    return build_personas()


@pytest.fixture
def login(client):
    """Log the test client in as one of the personas' users."""

    def _login(user):
        client.force_login(user)
        return client

    return _login
