"""Who gets what from the publishing pages (the permission table), the confirmation before
publishing, the correction form and the PDF.

BKPSDM admins and the planning unit's staff (perencana) publish; the settings are BKPSDM's.
Everyone else of the agency is refused (403); another agency's BKPSDM admin sees their own
agency's empty list and never finds this agency's periods or publications (404).
"""

import pytest
from django.urls import reverse

from kinerja.core.tests.permission_table import Row, answers, ask, shared_data, table_cases
from kinerja.portal.models import PortalSettings, Publication, PublicationVersion
from kinerja.portal.services.publishing import publication_publish
from kinerja.portal.tests.publish_world import build_world

pytestmark = pytest.mark.django_db

PUBLISHERS = {"bkpsdm": 200, "perencana": 200}
READERS = {**PUBLISHERS, "pimpinan": 200, "auditor": 200}
DONE = {"bkpsdm": 302, "perencana": 302}
OTHER_AGENCY = {"outsider": 404}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with shared_data(django_db_blocker, tmp_path_factory):
        world = build_world()
        world.publication = publication_publish(actor=None, period=world.q1).publication
        world.q3 = world.plan.quarters[2]
        yield world


def _q2(world):
    return [world.q2.pk]


def _q3(world):
    return [world.q3.pk]


def _publication(world):
    return [world.publication.pk]


def _pdf(world):
    return [world.publication.pk, 1]


PERIODS = Row("portal_staff:periods", answers(403, **PUBLISHERS, outsider=200))
PUBLISH_PAGE = Row("portal_staff:publish", answers(403, **PUBLISHERS, **OTHER_AGENCY), args=_q2)
PUBLISH = Row(
    "portal_staff:publish",
    answers(403, bkpsdm=400, perencana=400, **OTHER_AGENCY),
    method="post",
    args=_q2,
    body={"confirm": "on"},
    label="blocked",
)
PUBLICATION = Row(
    "portal_staff:publication", answers(403, **READERS, **OTHER_AGENCY), args=_publication
)
CORRECT = Row(
    "portal_staff:publication",
    answers(403, **DONE, **OTHER_AGENCY),
    method="post",
    args=_publication,
    body={"reason": "Target triwulan salah ketik", "corrects": 1, "confirm": "on"},
)
PDF = Row("portal_staff:version_pdf", answers(403, **READERS, **OTHER_AGENCY), args=_pdf)
SETTINGS_PAGE = Row("portal_staff:settings", answers(403, bkpsdm=200, outsider=200))
SETTINGS = Row(
    "portal_staff:settings",
    answers(403, bkpsdm=302, outsider=302),
    method="post",
    body={"minimum_group": 7, "show_unit_predikat": "on"},
)

PERMISSION_ROWS = [
    PERIODS,
    PUBLISH_PAGE,
    PUBLISH,
    PUBLICATION,
    CORRECT,
    PDF,
    SETTINGS_PAGE,
    SETTINGS,
]

WRITES = {
    CORRECT.name: lambda: PublicationVersion.objects.count(),
    SETTINGS.name: lambda: PortalSettings.objects.count(),
}


@pytest.mark.parametrize(("row", "persona", "expected"), table_cases(PERMISSION_ROWS))
def test_staff_permission_table(client, world, row, persona, expected):
    count = WRITES.get(row.name)
    before = count() if count else None
    assert ask(client, world.personas, row, persona, world) == expected
    if count:
        assert (count() != before) == (expected == 302), "a write happens exactly when allowed"


def test_the_list_says_each_period_s_state_in_words(client, world):
    client.force_login(world.users["perencana"])
    html = client.get(reverse("portal_staff:periods")).content.decode()
    assert "Published v1" in html or "Terbit v1" in html
    assert reverse("portal_staff:publication", args=[world.publication.pk]) in html
    assert reverse("portal_staff:publish", args=[world.q2.pk]) not in html  # blocked


def test_publishing_asks_for_confirmation_first(client, world):
    from kinerja.iku.tests import view_data
    from kinerja.portal.tests.publish_world import decide_all

    view_data.verified(world.plan.indicator, world.q3, 25)
    view_data.recompute(world.plan)
    decide_all(world.q3)
    client.force_login(world.users["bkpsdm"])
    url = reverse("portal_staff:publish", args=[world.q3.pk])
    html = client.get(url).content.decode()
    assert 'data-testid="publish-form"' in html and "data-confirm" in html
    assert client.post(url, {}).status_code == 400  # not confirmed
    assert not Publication.objects.filter(period=world.q3).exists()
    response = client.post(url, {"confirm": "on"})
    publication = Publication.objects.get(period=world.q3)
    assert response["Location"] == reverse("portal_staff:publication", args=[publication.pk])
    # Once published, the page leads to the publication instead.
    assert client.get(url)["Location"] == response["Location"]


def test_a_correction_without_a_reason_is_refused_on_the_form(client, world):
    client.force_login(world.users["bkpsdm"])
    url = reverse("portal_staff:publication", args=[world.publication.pk])
    response = client.post(url, {"reason": "", "corrects": 1, "confirm": "on"})
    assert response.status_code == 400
    assert PublicationVersion.objects.filter(publication=world.publication).count() == 1


def test_the_pdf_is_a_pdf_of_the_version(client, world):
    client.force_login(world.users["bkpsdm"])
    response = client.get(reverse("portal_staff:version_pdf", args=[world.publication.pk, 1]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_an_auditor_reads_the_versions_without_the_correction_form(client, world):
    client.force_login(world.users["auditor"])
    page = client.get(reverse("portal_staff:publication", args=[world.publication.pk]))
    text = page.content.decode()
    assert page.status_code == 200 and 'data-testid="versions"' in text
    assert 'data-testid="correction"' not in text
    assert f'href="{reverse("portal_staff:periods")}"' not in text
    client.force_login(world.users["bkpsdm"])
    page = client.get(reverse("portal_staff:publication", args=[world.publication.pk]))
    assert 'data-testid="correction"' in page.content.decode()


def test_the_menu_offers_publishing_to_publishers_only(client, world):
    link = reverse("portal_staff:periods")
    for key, shown in [
        ("bkpsdm", True),
        ("perencana", True),
        ("dokter", False),
        ("auditor", False),
    ]:
        client.force_login(world.users[key])
        assert (f'href="{link}"' in client.get(reverse("home")).content.decode()) == shown, key


def test_beranda_asks_publishers_to_publish_a_ready_period(world):
    from kinerja.accounts.viewer import build_viewer
    from kinerja.portal.todo import todo_items

    q4 = world.plan.quarters[3]
    # Q3 and Q4 have nothing unverified nor undecided; Q2 waits for its verification.
    (item,) = todo_items(build_viewer(world.users["perencana"]))
    assert item.key == "portal.ready_to_publish" and item.count == 2
    assert item.url == reverse("portal_staff:publish", args=[q4.pk])
    publication_publish(actor=None, period=q4)
    (item,) = todo_items(build_viewer(world.users["bkpsdm"]))
    assert world.q3.label in item.title
    publication_publish(actor=None, period=world.q3)
    assert todo_items(build_viewer(world.users["bkpsdm"])) == []
    assert todo_items(build_viewer(world.users["dokter"])) == []
    assert todo_items(build_viewer(world.users["outsider"])) == []
