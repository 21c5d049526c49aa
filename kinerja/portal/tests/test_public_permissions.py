"""Who gets what from the public portal's pages, downloads and API: everyone gets the same
published figures, logged in or not, of whatever agency (the permission table of the house)."""

from types import SimpleNamespace

import pytest

from kinerja.core.tests.permission_table import (
    ANONYMOUS,
    Row,
    answers,
    ask,
    shared_data,
    table_cases,
)
from kinerja.portal.tests import factories

pytestmark = pytest.mark.django_db

CONTOH = {"instansi": "contoh"}
API = "/api/v1/public/portal/publications"


@pytest.fixture(scope="module")
def table_world(django_db_setup, django_db_blocker, tmp_path_factory):
    with shared_data(django_db_blocker, tmp_path_factory):
        from kinerja.org.tests.personas import build_personas

        personas = build_personas()
        yield SimpleNamespace(personas=personas, units=personas.units, **factories.world(personas))


def _everyone(status=200):
    return answers(status, **{ANONYMOUS: status})


def _publication(w):
    return [w.q2.publication_id]


def _api_publication(w):
    return {"publication_id": w.q2.publication_id}


PAGES = [
    Row("portal_public:home", _everyone(), query=CONTOH),
    Row("portal_public:search", _everyone(), query={**CONTOH, "q": "imunisasi"}),
    Row("portal_public:unit", _everyone(), args=lambda w: [w.units["pkm"].pk], query=CONTOH),
    Row("portal_public:service", _everyone(), args=lambda w: [w.units["pkm"].pk], query=CONTOH),
    Row("portal_public:publication", _everyone(), args=_publication, query=CONTOH),
    Row(
        "portal_public:publication",
        _everyone(404),
        args=lambda w: [w.other.publication_id],
        query=CONTOH,
        label="of another agency",
    ),
    Row(
        "portal_public:datapackage",
        _everyone(),
        args=lambda w: [w.q2.publication_id, 1],
        query=CONTOH,
    ),
    Row(
        "portal_public:download",
        _everyone(),
        args=lambda w: [w.q2.publication_id, 1, "indicators", "csv"],
        query=CONTOH,
    ),
    Row(
        "portal_public:download",
        _everyone(404),
        args=lambda w: [w.draft.publication_id, 2, "indicators", "csv"],
        query=CONTOH,
        label="not yet published",
    ),
    Row(
        "portal_public:document",
        _everyone(),
        args=lambda w: [w.q2.publication_id, 1],
        query=CONTOH,
    ),
    Row(
        "portal_public:document",
        _everyone(404),
        args=lambda w: [w.draft.publication_id, 2],
        query=CONTOH,
        label="not yet published",
    ),
    Row("portal_public:catalogue", _everyone(), query=CONTOH),
]
API_ROWS = [
    Row(f"GET {API}", _everyone(), query=CONTOH),
    Row(f"GET {API}/{{publication_id}}", _everyone(), args=_api_publication, query=CONTOH),
    *(
        Row(
            f"GET {API}/{{publication_id}}/{table}",
            _everyone(),
            args=_api_publication,
            query=CONTOH,
        )
        for table in ("indicators", "goals", "units", "satisfaction", "complaints", "forums")
    ),
]
PERMISSION_ROWS = PAGES + API_ROWS


@pytest.mark.parametrize(("row", "persona", "expected"), table_cases(PERMISSION_ROWS))
def test_portal_permission_table(client, table_world, row, persona, expected):
    assert ask(client, table_world.personas, row, persona, table_world) == expected
