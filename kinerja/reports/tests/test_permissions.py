"""Who may download which report: a table per view and persona (architecture rule 5).

404 outside the viewer's agency, 403 when visible but not allowed, 302 to the login page for
the anonymous citizen.
"""

import io
from dataclasses import dataclass

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.core.tests.permission_table import (
    ANONYMOUS,
    LOGIN,
    Row,
    ask,
    shared_data,
    table_cases,
)
from kinerja.iku.services import calendar as calendar_services
from kinerja.org.tests.personas import build_personas
from kinerja.reports.tests.lkjip_data import build_lkjip_year, build_yankes_agreement

pytestmark = pytest.mark.django_db

ALL = [
    ANONYMOUS,
    "kadinkes",
    "staf",
    "dokter",
    "kasi",
    "bkpsdm",
    "pimpinan",
    "auditor",
    "outsider",
]


@dataclass(repr=False)
class World:
    personas: object
    agreement: object


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The LKjIP year 2025 of Dinas Kesehatan and the signed PK of its Bidang Yankes."""
    with shared_data(django_db_blocker, tmp_path_factory):
        personas = build_personas()
        build_lkjip_year(personas)
        yield World(personas, build_yankes_agreement(personas))


def _table(*answers):
    return dict(zip(ALL, answers, strict=True))


DINKES_REPORT = _table(LOGIN, 200, 200, 200, 200, 200, 200, 200, 404)
# Puskesmas Sukamaju: the kasi works in another branch of the dinas; its head is above it.
PUSKESMAS_REPORT = _table(LOGIN, 200, 200, 200, 403, 200, 200, 200, 404)
BKPSDM_REPORT = _table(LOGIN, 403, 403, 403, 403, 200, 200, 200, 404)
# The outsider's own agency has no performance year 2025: a bad parameter, not their data.
REGENCY_REPORT = _table(LOGIN, 403, 403, 403, 403, 200, 200, 200, 400)
# PK of the Bidang Pelayanan Kesehatan (kabid with kadinkes): the dokter is outside the bidang.
YANKES_PK = _table(LOGIN, 200, 200, 403, 200, 200, 200, 200, 404)
# The LKjIP categories are a setting of the year, kept by BKPSDM (and the planning staff).
BANDS = _table(LOGIN, 403, 403, 403, 403, 200, 403, 403, 404)

XLSX = {"format": "xlsx"}


def _unit_year(key):
    return lambda world: [world.personas.units[key].pk, 2025]


PERMISSION_ROWS = [
    Row("reports:index", _table(LOGIN, *[200] * 8)),
    *(
        Row("reports:lkjip_unit", table, args=_unit_year(key), query=XLSX, label=key)
        for key, table in (
            ("dinkes", DINKES_REPORT),
            ("pkm", PUSKESMAS_REPORT),
            ("bkpsdm", BKPSDM_REPORT),
        )
    ),
    Row("reports:lkjip_regency", REGENCY_REPORT, args=[2025], query=XLSX),
    Row("reports:pk_pdf", YANKES_PK, args=lambda world: [world.agreement.pk]),
    Row("reports:lkjip_bands", BANDS, args=[2025]),
    Row(
        "reports:lkjip_bands",
        {**BANDS, "bkpsdm": 400},
        method="post",
        args=[2025],
        label="empty",
    ),
]


@pytest.mark.parametrize(("row", "persona", "expected"), table_cases(PERMISSION_ROWS))
def test_permission_table(client, world, row, persona, expected):
    answer = ask(client, world.personas, row, persona, world)
    assert answer == expected


def test_the_agreement_parties_may_always_download_their_pk(client, world):
    client.force_login(world.personas.users["kabid"])
    assert client.get(reverse("reports:pk_pdf", args=[world.agreement.pk])).status_code == 200


def test_planning_staff_may_download_the_regency_report(client, world):
    personas = world.personas
    calendar_services.planning_unit_set(
        actor=None, agency=personas.agency, unit=personas.units["dinkes"]
    )
    client.force_login(personas.users["dokter"])
    url = reverse("reports:lkjip_regency", args=[2025])
    assert client.get(url, {"format": "xlsx"}).status_code == 200


def test_an_outsider_gets_their_own_agencys_regency_report(client, world):
    personas = world.personas
    calendar_services.performance_year_create(
        actor=None, agency=personas.other_agency, year=2025, evaluation_period="quarterly"
    )
    client.force_login(personas.users["outsider"])
    response = client.get(reverse("reports:lkjip_regency", args=[2025]), {"format": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == "Pemerintah Kabupaten Lain"
    assert sheet.max_row < 12  # no row of Kabupaten Contoh's goals


@pytest.mark.parametrize(
    ("year", "params", "shown"),
    [
        ("2025", {"format": "docx"}, "docx"),
        ("2025", {"format": ""}, "pdf"),
        ("1999", {"format": "pdf"}, "1999"),
        ("2031", {}, "2031"),
        ("abc", {"format": "pdf"}, "abc"),
        ("99999999999999999999", {"format": "xlsx"}, "9999999999"),
    ],
)
def test_bad_parameters_give_a_clear_400_page(client, world, year, params, shown):
    personas = world.personas
    client.force_login(personas.users["bkpsdm"])
    for url in (
        reverse("reports:lkjip_unit", args=[personas.units["dinkes"].pk, year]),
        reverse("reports:lkjip_regency", args=[year]),
    ):
        response = client.get(url, params)
        assert response.status_code == 400
        message = response.context["message"]
        assert shown in message
        assert 'data-testid="report-error"' in response.content.decode()


def test_an_unknown_unit_is_a_404(client, world):
    client.force_login(world.personas.users["bkpsdm"])
    url = reverse("reports:lkjip_unit", args=[987654, 2025])
    assert client.get(url).status_code == 404
