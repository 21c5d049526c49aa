"""Numbers in query strings are read as ASCII digits only: "²" passes str.isdigit() but not
int(), and must give the page's usual answer for a bad value, never a server error."""

import pytest
from django.urls import reverse

from kinerja.skp.tests.factories import start_skp

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["²", "٣", "1²"])
def test_the_inbox_falls_back_to_this_year(client, personas, value):
    client.force_login(personas.users["kasi"])
    response = client.get(reverse("skp:inbox"), {"year": value})
    assert response.status_code == 200
    assert response.context["year"] == response.wsgi_request.viewer.today.year


@pytest.mark.parametrize("value", ["²", "٣"])
def test_an_unknown_version_is_not_found(client, personas, value):
    skp = start_skp(personas, "staf")
    client.force_login(personas.users["staf"])
    assert client.get(reverse("skp:versions", args=[skp.pk]), {"v": value}).status_code == 404
    assert client.get(reverse("skp:versions", args=[skp.pk]), {"v": "1"}).status_code == 200
