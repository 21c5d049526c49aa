"""Who gets what from the daily log's pages: the permission table of the house.

Personas: anonymous; dokter, a pegawai of another unit; kasi, staf's supervisor; staf, whose
entries these are and the admin of Dinas Kesehatan; bkpsdm; pimpinan (no employee record);
auditor; outsider, the BKPSDM admin of another agency; kabid, above kasi. Everyone with an
employee record keeps a log of their own; only the supervisor verifies and returns; whoever reads
staf's attendance reads the entries (others 404), who sees but may not act gets 403.
"""

import pytest

from kinerja.activities.models import Activity, ActivityCatalogueItem
from kinerja.activities.tests.worklog_permission_world import built_world
from kinerja.core.tests.permission_table import Row, answers, ask, table_cases

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with built_world(django_db_blocker, tmp_path_factory) as data:
        yield data


@pytest.fixture(autouse=True)
def _private_media_root():
    """The photo stays in the module's folder (shared_data), where it was saved."""


OWN_LOG = answers(200, pimpinan=404, kabid=200)
OWN_WRITE = answers(302, pimpinan=404, kabid=302)
OWNER_ONLY = answers(403, staf=200, dokter=404, outsider=404, kabid=403)
OWNER_WRITES = answers(403, staf=302, dokter=404, outsider=404, kabid=403)
READERS = answers(200, dokter=404, outsider=404, kabid=200)
SUPERVISOR = answers(403, kasi=200, dokter=404, outsider=404, kabid=403)
SUPERVISOR_WRITES = answers(403, kasi=302, dokter=404, outsider=404, kabid=403)
KEEPERS = answers(403, bkpsdm=200, staf=200, outsider=200, kabid=403)
KEEPERS_WRITE = answers(403, bkpsdm=302, staf=302, outsider=302, kabid=403)

PAGE_ROWS = [
    Row("activities:worklog", OWN_LOG),
    Row("activities:worklog_month", OWN_LOG),
    Row("activities:worklog_edit", OWNER_ONLY, args=lambda w: [w.submitted]),
    Row("activities:worklog_delete", OWNER_ONLY, args=lambda w: [w.submitted]),
    Row("activities:worklog_evidence", READERS, args=lambda w: [w.submitted]),
    Row("activities:worklog_return", SUPERVISOR, args=lambda w: [w.submitted]),
    Row("activities:team_week", answers(403, kasi=200, kabid=200, pimpinan=200)),
    Row(
        "activities:team_day",
        answers(403, kasi=200, kabid=404, pimpinan=404),
        args=lambda w: [w.staf_id, "2026-05-04"],
    ),
    Row("activities:catalogue", KEEPERS),
    Row(
        "activities:catalogue_edit",
        answers(403, bkpsdm=200, staf=200, outsider=404, kabid=403),
        args=lambda w: [w.item],
    ),
]
WRITE_ROWS = [
    Row(
        "activities:worklog",
        OWN_WRITE,
        method="post",
        body={"date": "2026-05-04", "description": "Menyusun laporan", "minutes": "30"},
        label="log",
    ),
    Row("activities:worklog_repeat", OWN_WRITE, method="post"),
    Row(
        "activities:worklog_edit",
        OWNER_WRITES,
        method="post",
        args=lambda w: [w.other],
        body={"date": "2026-05-04", "description": "Rapat koordinasi tim", "minutes": "50"},
    ),
    Row("activities:worklog_delete", OWNER_WRITES, method="post", args=lambda w: [w.other]),
    Row(
        "activities:worklog_return",
        SUPERVISOR_WRITES,
        method="post",
        args=lambda w: [w.other],
        body={"comment": "Rincikan"},
    ),
    Row(
        "activities:team_verify",
        answers(403, kasi=302, kabid=302, pimpinan=302),
        method="post",
        body=lambda w: {"activity": [w.other]},
    ),
    Row(
        "activities:catalogue",
        KEEPERS_WRITE,
        method="post",
        body={"name": "Rapat", "standard_minutes": "60", "is_active": "on"},
    ),
    Row(
        "activities:catalogue_edit",
        answers(403, bkpsdm=302, staf=302, outsider=404, kabid=403),
        method="post",
        args=lambda w: [w.item],
        body={"name": "Apel pagi", "standard_minutes": "20"},
    ),
]
PERMISSION_ROWS = [*PAGE_ROWS, *WRITE_ROWS]


@pytest.mark.parametrize(("row", "persona", "expected"), table_cases(PAGE_ROWS))
def test_daily_log_pages_answer_each_role(client, world, row, persona, expected):
    assert ask(client, world.personas, row, persona, world) == expected


@pytest.mark.parametrize(("row", "persona", "expected"), table_cases(WRITE_ROWS))
def test_daily_log_writes_answer_each_role(client, world, row, persona, expected):
    before = (
        Activity.objects.filter(pk=world.other).values_list("status", "minutes").first(),
        list(ActivityCatalogueItem.objects.values_list("name", "standard_minutes")),
    )
    assert ask(client, world.personas, row, persona, world) == expected
    after = (
        Activity.objects.filter(pk=world.other).values_list("status", "minutes").first(),
        list(ActivityCatalogueItem.objects.values_list("name", "standard_minutes")),
    )
    if expected in (403, 404, "login"):
        assert after == before
