"""The SKP home page offers each role the tools it may use, and a plan links to its PDF."""

import pytest
from django.urls import reverse

from kinerja.org.tests.personas import PASSWORD
from kinerja.skp.tests.factories import start_skp

pytestmark = pytest.mark.django_db

LINKS = ["matrix-link", "alignment-link", "templates-link", "batch-link"]
EXPECTED = {
    "dokter": set(),
    "kasi": {"matrix-link", "alignment-link"},
    "staf": {"alignment-link", "templates-link", "batch-link"},
    "bkpsdm": {"alignment-link", "templates-link", "batch-link"},
    "auditor": {"alignment-link"},
}


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_the_home_page_offers_the_tools_of_the_role(client, personas, key):
    client.login(username=key, password=PASSWORD)
    content = client.get(reverse("skp:home")).content.decode()
    shown = {link for link in LINKS if f'data-testid="{link}"' in content}
    assert shown == EXPECTED[key]


def test_a_plan_page_links_to_its_pdf(client, personas):
    skp = start_skp(personas, "staf")
    client.login(username="staf", password=PASSWORD)
    content = client.get(reverse("skp:detail", args=[skp.pk])).content.decode()
    assert reverse("skp:pdf", args=[skp.pk]) in content
