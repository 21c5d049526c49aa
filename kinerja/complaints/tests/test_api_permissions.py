"""Who gets what from the complaints API: the permission table of the house.

The same world and personas as the pages (test_permissions_table): staf handles the Puskesmas
case, bkpsdm every case; pimpinan and auditor read (403 on a write); dokter and kasi handle
nothing here (the list is refused to dokter, empty for kasi); outsider belongs to another
agency (404). The public operations answer everyone, logged in or not.
"""

import pytest

from kinerja.complaints.models import Complaint, ComplaintEvent
from kinerja.core.tests.permission_table import ANONYMOUS, Row, api_answers, ask, table_cases

pytestmark = pytest.mark.django_db
API = "/api/v1/complaints"
PUBLIC = "/api/v1/public/complaints"


def _pkm(world):
    return {"complaint_id": world.cases["pkm"].pk}


def _answered(world):
    return {"complaint_id": world.cases["answered"].pk}


READERS = api_answers(403, staf=200, kasi=200, bkpsdm=200, pimpinan=200, auditor=200, outsider=200)
HANDLER_WRITE = api_answers(404, staf=200, bkpsdm=200, pimpinan=403, auditor=403)
EVERYONE = dict.fromkeys(api_answers(200), 200)

LIST = Row(f"GET {API}", READERS)
STATISTICS = Row(f"GET {API}/statistics", READERS)
DETAIL = Row(
    f"GET {API}/{{complaint_id}}",
    api_answers(404, staf=200, bkpsdm=200, pimpinan=200, auditor=200),
    args=_pkm,
)
ROUTE = Row(
    f"POST {API}/{{complaint_id}}/route",
    HANDLER_WRITE,
    args=_pkm,
    body=lambda w: {"unit": w.units["yankes"].pk},
)
CATEGORY = Row(
    f"POST {API}/{{complaint_id}}/category", HANDLER_WRITE, args=_pkm, body={"category": "ringan"}
)
NOTE = Row(f"POST {API}/{{complaint_id}}/notes", HANDLER_WRITE, args=_pkm, body={"text": "Cek."})
RESPOND = Row(
    f"POST {API}/{{complaint_id}}/respond",
    HANDLER_WRITE,
    args=_pkm,
    body={"text": "Sudah diperbaiki."},
)
CLOSE = Row(f"POST {API}/{{complaint_id}}/close", HANDLER_WRITE, args=_answered)
RECORD = Row(
    f"POST {API}",
    api_answers(403, staf=200, kasi=400, bkpsdm=200, outsider=400),
    body=lambda w: {
        "channel": "lapor",
        "source_reference": "LAPOR-123",
        "received_on": "2026-03-13",
        "unit": w.units["pkm"].pk,
        "category": "ringan",
        "description": "Dari LAPOR!",
    },
)
PUBLIC_FILE = Row(
    f"POST {PUBLIC}",
    dict.fromkeys(EVERYONE, 201),
    body=lambda w: {"unit": w.units["pkm"].pk, "category": "ringan", "description": "Antre."},
)
PUBLIC_TRACK = Row(
    f"GET {PUBLIC}/{{code}}",
    EVERYONE,
    args=lambda w: {"code": w.cases["pkm"].tracking_code},
)

PERMISSION_ROWS = [
    LIST,
    STATISTICS,
    DETAIL,
    ROUTE,
    CATEGORY,
    NOTE,
    RESPOND,
    CLOSE,
    RECORD,
    PUBLIC_FILE,
    PUBLIC_TRACK,
]

WRITES = {
    RECORD.name: lambda: Complaint.objects.count(),
    PUBLIC_FILE.name: lambda: Complaint.objects.count(),
    CLOSE.name: lambda: Complaint.objects.filter(status="closed").count(),
    ROUTE.name: lambda: ComplaintEvent.objects.filter(kind="routed").count(),
    CATEGORY.name: lambda: ComplaintEvent.objects.filter(kind="category").count(),
    NOTE.name: lambda: ComplaintEvent.objects.filter(kind="note").count(),
    RESPOND.name: lambda: ComplaintEvent.objects.filter(kind="response").count(),
}


@pytest.mark.parametrize(("row", "persona", "expected"), table_cases(PERMISSION_ROWS))
def test_complaints_api_permission_table(client, world, row, persona, expected):
    count = WRITES.get(row.name)
    before = count() if count else None
    assert ask(client, world.personas, row, persona, world) == expected
    if count:
        assert (count() != before) == (expected in (200, 201)), "a write happens when allowed"


def test_the_public_operations_need_no_login():
    assert PUBLIC_FILE.answers[ANONYMOUS] == 201 and PUBLIC_TRACK.answers[ANONYMOUS] == 200
