"""Who may download which report: a table per view and persona (architecture rule 5).

404 outside the viewer's agency, 403 when visible but not allowed, 302 to the login page for
the anonymous citizen.
"""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.iku.services import calendar as calendar_services

ALL = [
    "anonymous",
    "kadinkes",
    "staf",
    "dokter",
    "kasi",
    "bkpsdm",
    "pimpinan",
    "auditor",
    "outsider",
]


def _get(client, personas, who, url, **params):
    if who != "anonymous":
        client.force_login(personas.users[who])
    return client.get(url, params).status_code


DINKES_REPORT = dict(zip(ALL, [302, 200, 200, 200, 200, 200, 200, 200, 404], strict=True))
# Puskesmas Sukamaju: the kasi works in another branch of the dinas; its head is above it.
PUSKESMAS_REPORT = dict(zip(ALL, [302, 200, 200, 200, 403, 200, 200, 200, 404], strict=True))
BKPSDM_REPORT = dict(zip(ALL, [302, 403, 403, 403, 403, 200, 200, 200, 404], strict=True))
# The outsider's own agency has no performance year 2025: a bad parameter, not their data.
REGENCY_REPORT = dict(zip(ALL, [302, 403, 403, 403, 403, 200, 200, 200, 400], strict=True))
# PK of the Bidang Pelayanan Kesehatan (kabid with kadinkes): the dokter is outside the bidang.
YANKES_PK = dict(zip(ALL, [302, 200, 200, 403, 200, 200, 200, 200, 404], strict=True))


@pytest.mark.parametrize(
    ("unit", "table"),
    [("dinkes", DINKES_REPORT), ("pkm", PUSKESMAS_REPORT), ("bkpsdm", BKPSDM_REPORT)],
)
@pytest.mark.parametrize("who", ALL)
def test_unit_lkjip_download_by_role(client, lkjip_year, unit, table, who):
    personas = lkjip_year.personas
    url = reverse("reports:lkjip_unit", args=[personas.units[unit].pk, 2025])
    assert _get(client, personas, who, url, format="xlsx") == table[who]


@pytest.mark.parametrize("who", ALL)
def test_regency_lkjip_download_by_role(client, lkjip_year, who):
    personas = lkjip_year.personas
    url = reverse("reports:lkjip_regency", args=[2025])
    assert _get(client, personas, who, url, format="xlsx") == REGENCY_REPORT[who]


@pytest.mark.parametrize("who", ALL)
def test_pk_download_by_role(client, personas, yankes_agreement, who):
    url = reverse("reports:pk_pdf", args=[yankes_agreement.pk])
    assert _get(client, personas, who, url) == YANKES_PK[who]


def test_the_agreement_parties_may_always_download_their_pk(client, personas, yankes_agreement):
    client.force_login(personas.users["kabid"])
    assert client.get(reverse("reports:pk_pdf", args=[yankes_agreement.pk])).status_code == 200


def test_planning_staff_may_download_the_regency_report(client, lkjip_year):
    personas = lkjip_year.personas
    calendar_services.planning_unit_set(
        actor=None, agency=personas.agency, unit=personas.units["dinkes"]
    )
    client.force_login(personas.users["dokter"])
    url = reverse("reports:lkjip_regency", args=[2025])
    assert client.get(url, {"format": "xlsx"}).status_code == 200


def test_an_outsider_gets_their_own_agencys_regency_report(client, lkjip_year):
    personas = lkjip_year.personas
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
def test_bad_parameters_give_a_clear_400_page(client, lkjip_year, year, params, shown):
    personas = lkjip_year.personas
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


def test_an_unknown_unit_is_a_404(client, lkjip_year):
    client.force_login(lkjip_year.personas.users["bkpsdm"])
    url = reverse("reports:lkjip_unit", args=[987654, 2025])
    assert client.get(url).status_code == 404
