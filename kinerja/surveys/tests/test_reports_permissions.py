"""Who gets what from the SKM report pages, and what they show.

staf (admin of the dinas above the puskesmas), bkpsdm and kapus (the puskesmas' head) draft;
kapus alone approves; a draft is seen by those who draft it and its head; a published report
by whoever sees the unit's results; every unit's published reports by BKPSDM, pimpinan and
auditors (the outsider sees the empty list of their own agency).
"""

import datetime

import pytest
from django.urls import reverse

from kinerja.core.tests.permission_table import Row, answers, ask, shared_data, table_cases
from kinerja.surveys.models import ReportStatus, SkmReport
from kinerja.surveys.services import reports as services
from kinerja.surveys.tests import factories as f
from kinerja.surveys.tests.data import YEAR, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch, shared_data(django_db_blocker, tmp_path_factory):
        world = build_world(patch)
        f.responses(world.pkm, datetime.date(YEAR, 2, 10), f.same(3, 2))
        f.responses(world.pkm, datetime.date(YEAR, 4, 10), f.same(4, 2))
        world.published = services.report_draft(
            actor=None, unit=world.pkm.pk, year=YEAR, kind="quarter", number=1
        )
        world.published = services.report_approve(actor=None, report=world.published.pk)
        world.draft = services.report_draft(
            actor=None, unit=world.pkm.pk, year=YEAR, kind="quarter", number=2
        )
        yield world


WRITERS = {"staf": 200, "bkpsdm": 200, "kapus": 200}
DONE = {"staf": 302, "bkpsdm": 302, "kapus": 302}
NOT_SEEN = {"kasi": 404, "outsider": 404}


def _unit(world):
    return [world.pkm.pk]


def _draft(world):
    return [world.draft.pk]


def _published(world):
    return [world.published.pk]


CREATE_PAGE = Row(
    "surveys:report_create",
    answers(403, **NOT_SEEN, **WRITERS),
    args=_unit,
    query={"year": YEAR, "kind": "semester", "number": 1},
)
CREATE = Row(
    "surveys:report_create",
    answers(403, **NOT_SEEN, **DONE),
    method="post",
    args=_unit,
    query={"year": YEAR, "kind": "semester", "number": 1},
    body={"summary": "Baik"},
)
DRAFT = Row(
    "surveys:report_detail",
    answers(404, **WRITERS),
    args=_draft,
    label="draft",
)
PUBLISHED = Row(
    "surveys:report_detail",
    answers(200, **NOT_SEEN, kapus=200),
    args=_published,
    label="published",
)
PDF = Row("surveys:report_pdf", answers(200, **NOT_SEEN, kapus=200), args=_published)
APPROVE_PAGE = Row(
    "surveys:report_approve",
    answers(404, staf=403, bkpsdm=403, kapus=200),
    args=_draft,
)
APPROVE = Row(
    "surveys:report_approve",
    answers(404, staf=403, bkpsdm=403, kapus=302),
    method="post",
    args=_draft,
    body={"confirm": "on"},
)
LIST = Row(
    "surveys:reports_published",
    answers(403, bkpsdm=200, pimpinan=200, auditor=200, outsider=200, kapus=403),
)

PERMISSION_ROWS = [CREATE_PAGE, CREATE, DRAFT, PUBLISHED, PDF, APPROVE_PAGE, APPROVE, LIST]

WRITES = {
    CREATE.name: lambda: SkmReport.objects.count(),
    APPROVE.name: lambda: SkmReport.objects.filter(status=ReportStatus.PUBLISHED).count(),
}


@pytest.mark.parametrize(("row", "persona", "expected"), table_cases(PERMISSION_ROWS))
def test_reports_permission_table(client, world, row, persona, expected):
    count = WRITES.get(row.name)
    before = count() if count else None
    assert ask(client, world.personas, row, persona, world) == expected
    if count:
        assert (count() != before) == (expected == 302), "a write happens exactly when allowed"


def test_approving_asks_for_confirmation(client, world):
    client.force_login(world.users["kapus"])
    url = reverse("surveys:report_approve", args=[world.draft.pk])
    html = client.get(url).content.decode()
    assert 'data-testid="approve-confirmation"' in html and "data-confirm=" in html
    assert client.post(url, {}).status_code == 400
    world.draft.refresh_from_db()
    assert world.draft.status == ReportStatus.DRAFT


def test_the_results_page_links_the_periods_report(client, world):
    client.force_login(world.users["staf"])
    url = reverse("surveys:results_unit", args=[world.pkm.pk])
    html = client.get(url, {"year": YEAR, "kind": "quarter", "number": 1}).content.decode()
    assert reverse("surveys:report_detail", args=[world.published.pk]) in html
    assert 'data-testid="report-draft"' in html  # a correction may be drafted
    html = client.get(url, {"year": YEAR, "kind": "quarter", "number": 2}).content.decode()
    assert 'data-testid="report-draft"' not in html  # a draft waits already


def test_the_published_list_shows_the_frozen_index(client, world):
    client.force_login(world.users["auditor"])
    html = client.get(reverse("surveys:reports_published")).content.decode()
    assert 'data-testid="published"' in html and "75.00" in html
    assert reverse("surveys:report_detail", args=[world.draft.pk]) not in html
