"""The angka kredit API: what it answers, the permission table, and the same answer as the
angka kredit page for every persona and employee.

The same world and personas as the page's table (see test_credit). Whoever may not read the
page gets the 404 of an id that does not exist, word for word: the API tells nobody which ids
are employees.
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from kinerja.appraisals.tests.data import annual_evaluation
from kinerja.appraisals.tests.permission_world import built_world
from kinerja.core.tests.permission_table import Row, api_answers, ask
from kinerja.skp.tests.review_data import freeze_today

pytestmark = pytest.mark.django_db
API = "/api/v1/appraisals/employees/{employee_id}/credit"
MISSING = 9_000_000_000


# --- what it answers (before the module's world is built) ------------------------------------


def test_the_functional_official_reads_the_years_credit_and_what_the_next_rank_needs(
    client, personas, monkeypatch
):
    freeze_today(monkeypatch, datetime.date(2026, 12, 20))
    annual_evaluation(personas, "dokter", "baik")
    client.force_login(personas.users["dokter"])
    body = client.get(API.format(employee_id=personas.employees["dokter"].pk)).json()
    assert (body["jenjang"], body["since"]) == ("ahli_pertama", "2020-01-01")
    assert Decimal(str(body["total"])) == Decimal("12.50")
    latest = body["years"][0]
    assert (latest["year"], latest["predikat"]) == (2026, "baik")
    assert latest["months"] == [{"jenjang": "ahli_pertama", "months": 12}]
    assert Decimal(str(latest["credit"])) == Decimal("12.50")
    assert all(y["credit"] is None and y["predikat"] is None for y in body["years"][1:])
    assert [(t["toward"], t["needed"], Decimal(str(t["missing"]))) for t in body["thresholds"]] == [
        ("rank", 50, Decimal("37.50")),
        ("jenjang", 100, Decimal("87.50")),
    ]


def test_a_structural_official_has_no_jenjang_and_no_thresholds(client, personas):
    client.force_login(personas.users["kasi"])
    body = client.get(API.format(employee_id=personas.employees["kasi"].pk)).json()
    assert (body["jenjang"], body["thresholds"], body["years"]) == (None, [], [])
    assert Decimal(str(body["total"])) == 0


# --- who reads it ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with built_world(django_db_blocker, tmp_path_factory) as data:
        yield data


def _of(key):
    return lambda w: {"employee_id": w.personas.employees[key].pk}


# dokter's credit: dokter, the admin of Dinas Kesehatan (staf), the agency-wide roles; kasi,
# kabid and kadinkes read none of dokter's evaluations; another agency never
CREDIT_OF_DOKTER = Row(
    f"GET {API}",
    api_answers(
        404, dokter=200, staf=200, bkpsdm=200, pimpinan=200, auditor=200, kabid=404, kadinkes=404
    ),
    args=_of("dokter"),
    label="dokter",
)
# staf's credit: read by kasi (the rater of record) and those above, through the evaluation
CREDIT_OF_STAF = Row(
    f"GET {API}",
    api_answers(
        404, staf=200, kasi=200, kabid=200, kadinkes=200, bkpsdm=200, pimpinan=200, auditor=200
    ),
    args=_of("staf"),
    label="staf",
)
# the auditor works in the Inspektorat: not a member of the units staf administers
CREDIT_OF_AUDITOR = Row(
    f"GET {API}",
    api_answers(404, auditor=200, bkpsdm=200, pimpinan=200, kabid=404, kadinkes=404),
    args=_of("auditor"),
    label="auditor",
)
# an employee of the other agency: only that agency's BKPSDM (and the employee)
CREDIT_OF_OUTSIDER = Row(
    f"GET {API}",
    api_answers(404, outsider=200, kabid=404, kadinkes=404),
    args=_of("outsider"),
    label="outsider",
)
CREDIT_OF_NOBODY = Row(
    f"GET {API}",
    api_answers(404, kabid=404, kadinkes=404),
    args={"employee_id": MISSING},
    label="missing id",
)
PERMISSION_ROWS = [
    CREDIT_OF_DOKTER,
    CREDIT_OF_STAF,
    CREDIT_OF_AUDITOR,
    CREDIT_OF_OUTSIDER,
    CREDIT_OF_NOBODY,
]


@pytest.mark.parametrize(
    ("row", "persona", "expected"),
    [(row, p, e) for row in PERMISSION_ROWS for p, e in row.answers.items()],
    ids=lambda x: x.name if isinstance(x, Row) else str(x),
)
def test_the_credit_answers_each_role(client, world, row, persona, expected):
    assert ask(client, world.personas, row, persona, world) == expected


PERSONAS = ["dokter", "kasi", "staf", "kabid", "kadinkes", "bkpsdm", "pimpinan", "auditor"]


@pytest.mark.parametrize("persona", [*PERSONAS, "outsider"])
def test_the_api_answers_whoever_the_page_answers(client, world, persona):
    client.force_login(world.personas.users[persona])
    for key, employee in world.personas.employees.items():
        page = client.get(reverse("appraisals:credit", args=[employee.pk])).status_code
        api = client.get(API.format(employee_id=employee.pk)).status_code
        assert (key, api) == (key, page)


@pytest.mark.parametrize("persona", PERSONAS)
def test_an_employee_out_of_reach_looks_like_a_missing_id(client, world, persona):
    client.force_login(world.personas.users[persona])
    missing = client.get(API.format(employee_id=MISSING))
    other_agency = client.get(API.format(employee_id=world.personas.employees["outsider"].pk))
    assert (missing.status_code, other_agency.status_code) == (404, 404)
    assert other_agency.content == missing.content
