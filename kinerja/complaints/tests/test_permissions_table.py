"""Who gets what from the complaint pages: the permission table of the house.

Personas (kinerja/org/tests/personas.py): anonymous citizens and everyone else use the public
pages; staf, the unit admin of Dinas Kesehatan, handles the Puskesmas case; kasi heads a seksi
and handles nothing here; dokter works at the Puskesmas but handles nothing; bkpsdm handles
every case; pimpinan and auditor read; outsider belongs to another agency.
"""

import pytest

from kinerja.complaints.models import Complaint, ComplaintEvent, ComplaintSettings
from kinerja.complaints.tests.data import build_world
from kinerja.core.tests.permission_table import (
    ANONYMOUS,
    Row,
    answers,
    ask,
    shared_data,
    table_cases,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with (
        pytest.MonkeyPatch.context() as patch,
        shared_data(django_db_blocker, tmp_path_factory, PUBLIC_AGENCY="contoh"),
    ):
        yield build_world(patch)


def _pkm(world):
    return [world.cases["pkm"].pk]


def _answered(world):
    return [world.cases["answered"].pk]


def _attachment(world):
    return [world.cases["pkm"].attachments.first().pk]


EVERYONE_200 = answers(200, **{ANONYMOUS: 200})
HANDLERS = {"staf": 302, "bkpsdm": 302}
STAFF_WRITE = answers(404, pimpinan=403, auditor=403, **HANDLERS)
INBOX = answers(403, staf=200, kasi=200, bkpsdm=200, pimpinan=200, auditor=200, outsider=200)

FILE_PAGE = Row("complaints:file", EVERYONE_200)
FILE = Row(
    "complaints:file",
    answers(302, **{ANONYMOUS: 302}),
    method="post",
    body=lambda w: {"unit": w.units["pkm"].pk, "category": "ringan", "description": "Antre."},
)
FILED = Row("complaints:filed", answers(302, **{ANONYMOUS: 302}))
TRACK_PAGE = Row("complaints:track", EVERYONE_200)
TRACK = Row(
    "complaints:track",
    EVERYONE_200,
    method="post",
    body=lambda w: {"code": w.cases["pkm"].tracking_code},
)
REOPEN = Row(
    "complaints:reopen",
    EVERYONE_200,
    method="post",
    body=lambda w: {"code": w.cases["answered"].tracking_code, "reason": "Belum ada."},
)
CONFIRM = Row(
    "complaints:confirm",
    EVERYONE_200,
    method="post",
    body=lambda w: {"code": w.cases["answered"].tracking_code},
)
INBOX_PAGE = Row("complaints:inbox", INBOX)
STATISTICS = Row("complaints:statistics", INBOX)
DETAIL = Row(
    "complaints:detail",
    answers(404, staf=200, bkpsdm=200, pimpinan=200, auditor=200),
    args=_pkm,
)
ROUTE = Row(
    "complaints:route",
    STAFF_WRITE,
    method="post",
    args=_pkm,
    body=lambda w: {"unit": w.units["yankes"].pk},
)
CATEGORY = Row(
    "complaints:category", STAFF_WRITE, method="post", args=_pkm, body={"category": "ringan"}
)
NOTE = Row("complaints:note", STAFF_WRITE, method="post", args=_pkm, body={"text": "Cek."})
RESPOND = Row(
    "complaints:respond",
    STAFF_WRITE,
    method="post",
    args=_pkm,
    body={"text": "Sudah diperbaiki.", "confirm": "on"},
)
CLOSE = Row("complaints:close", STAFF_WRITE, method="post", args=_answered)
ATTACHMENT = Row("complaints:attachment", answers(404, staf=200, bkpsdm=200), args=_attachment)
RECORD_PAGE = Row("complaints:record", answers(403, staf=200, kasi=200, bkpsdm=200, outsider=200))
RECORD = Row(
    "complaints:record",
    answers(403, staf=302, kasi=400, bkpsdm=302, outsider=400),
    method="post",
    body=lambda w: {
        "channel": "lapor",
        "source_reference": "LAPOR-123",
        "received_on": "2026-03-13",
        "unit": w.units["pkm"].pk,
        "category": "ringan",
        "description": "Dari LAPOR!",
    },
)
SETTINGS_PAGE = Row("complaints:settings", answers(403, bkpsdm=200, outsider=200))
SETTINGS = Row(
    "complaints:settings",
    answers(403, bkpsdm=302, outsider=302),
    method="post",
    body={
        "days_ringan": "3",
        "days_normatif": "5",
        "days_tidak_berkadar_pengawasan": "14",
        "days_berkadar_pengawasan": "60",
    },
)

PERMISSION_ROWS = [
    FILE_PAGE,
    FILE,
    FILED,
    TRACK_PAGE,
    TRACK,
    REOPEN,
    CONFIRM,
    INBOX_PAGE,
    STATISTICS,
    DETAIL,
    ROUTE,
    CATEGORY,
    NOTE,
    RESPOND,
    CLOSE,
    ATTACHMENT,
    RECORD_PAGE,
    RECORD,
    SETTINGS_PAGE,
    SETTINGS,
]

WRITES = {
    FILE.name: lambda: Complaint.objects.count(),
    RECORD.name: lambda: Complaint.objects.count(),
    REOPEN.name: lambda: Complaint.objects.filter(status="reopened").count(),
    CONFIRM.name: lambda: Complaint.objects.filter(status="closed").count(),
    CLOSE.name: lambda: Complaint.objects.filter(status="closed").count(),
    ROUTE.name: lambda: ComplaintEvent.objects.filter(kind="routed").count(),
    CATEGORY.name: lambda: ComplaintEvent.objects.filter(kind="category").count(),
    NOTE.name: lambda: ComplaintEvent.objects.filter(kind="note").count(),
    RESPOND.name: lambda: ComplaintEvent.objects.filter(kind="response").count(),
    SETTINGS.name: lambda: ComplaintSettings.objects.count(),
}
PUBLIC_WRITES = {REOPEN.name, CONFIRM.name}


@pytest.mark.parametrize(("row", "persona", "expected"), table_cases(PERMISSION_ROWS))
def test_complaints_permission_table(client, world, settings, row, persona, expected):
    settings.PUBLIC_AGENCY = "contoh"
    count = WRITES.get(row.name)
    before = count() if count else None
    assert ask(client, world.personas, row, persona, world) == expected
    if count:
        changed = count() != before
        allowed = expected in (200, 302)
        assert changed == allowed, "a write happens exactly when allowed"
