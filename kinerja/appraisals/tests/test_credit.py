"""Angka kredit of a functional official: the months at each jenjang (a month counts for the
jenjang held on its last day), the year's credit at the annual predikat, the total at the
jenjang held now against the next rank and jenjang, and who may read the page."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from kinerja.appraisals import rules, selectors
from kinerja.appraisals.tests.data import annual_evaluation, viewer
from kinerja.appraisals.tests.permission_world import built_world
from kinerja.core.tests.permission_table import Row, answers, ask
from kinerja.skp.tests.review_data import freeze_today

D = datetime.date


# --- rules -------------------------------------------------------------------------------------


def test_a_month_counts_for_the_jenjang_held_on_its_last_day():
    promoted_mid_march = [
        (D(2020, 1, 1), D(2026, 3, 14), "ahli_pertama"),
        (D(2026, 3, 15), None, "ahli_muda"),
    ]
    assert rules.months_by_jenjang(promoted_mid_march, 2026) == {"ahli_pertama": 2, "ahli_muda": 10}
    on_the_last_day = [
        (D(2020, 1, 1), D(2026, 3, 30), "ahli_pertama"),
        (D(2026, 3, 31), None, "ahli_muda"),
    ]
    assert rules.months_by_jenjang(on_the_last_day, 2026) == {"ahli_pertama": 2, "ahli_muda": 10}
    on_the_first = [
        (D(2020, 1, 1), D(2026, 3, 31), "ahli_pertama"),
        (D(2026, 4, 1), None, "ahli_muda"),
    ]
    assert rules.months_by_jenjang(on_the_first, 2026) == {"ahli_pertama": 3, "ahli_muda": 9}
    assert rules.months_by_jenjang([(D(2026, 6, 30), None, "terampil")], 2026) == {"terampil": 7}
    assert rules.months_by_jenjang([(D(2026, 7, 1), D(2026, 7, 30), "terampil")], 2026) == {}


@given(
    start=st.dates(D(2024, 1, 1), D(2027, 12, 31)),
    days=st.one_of(st.none(), st.integers(0, 900)),
)
def test_a_year_never_holds_more_than_twelve_months(start, days):
    end = None if days is None else start + datetime.timedelta(days=days)
    months = rules.months_by_jenjang([(start, end, "mahir")], 2026)
    assert sum(months.values()) <= 12
    if start <= D(2026, 1, 31) and (end is None or end >= D(2026, 12, 31)):
        assert months == {"mahir": 12}


def test_the_years_credit_sums_each_jenjangs_months_each_rounded_half_up():
    # Ahli Pertama 3 months at Baik: 3.125 -> 3.13; Ahli Muda 9 months: 18.75
    months = {"ahli_pertama": 3, "ahli_muda": 9}
    assert rules.credit_of_year("baik", months) == Decimal("21.88")
    assert rules.credit_of_year("sangat_baik", {"pemula": 12}) == Decimal("5.63")
    assert rules.credit_of_year("baik", {}) == Decimal("0.00")


# --- the page ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_functional_official_reads_the_years_credit_and_what_the_next_rank_needs(
    client, personas, monkeypatch
):
    freeze_today(monkeypatch, D(2026, 12, 20))
    annual_evaluation(personas, "dokter", "baik")
    page = selectors.credit_page(
        viewer(personas, "dokter", D(2026, 12, 20)), personas.employees["dokter"]
    )
    assert (page.jenjang, page.since) == ("ahli_pertama", D(2020, 1, 1))
    latest = page.years[0]
    assert (latest.year, latest.months, latest.credit) == (
        2026,
        {"ahli_pertama": 12},
        Decimal("12.50"),
    )
    assert all(y.credit is None for y in page.years[1:])  # no annual predikat before 2026
    assert page.total == Decimal("12.50")
    assert page.thresholds == [("rank", 50, Decimal("37.50")), ("jenjang", 100, Decimal("87.50"))]
    client.force_login(personas.users["dokter"])
    response = client.get(reverse("appraisals:credit", args=[personas.employees["dokter"].pk]))
    assert response.status_code == 200
    assert b'data-testid="credit">12,50<' in response.content  # Indonesian decimals
    assert b'data-testid="credit-threshold"' in response.content
    assert (
        reverse("appraisals:credit", args=[personas.employees["dokter"].pk]).encode()
        in client.get(reverse("appraisals:mine")).content
    )


@pytest.mark.django_db
def test_a_structural_official_sees_that_credit_is_earned_in_functional_posts(client, personas):
    client.force_login(personas.users["kasi"])
    response = client.get(reverse("appraisals:credit", args=[personas.employees["kasi"].pk]))
    assert response.status_code == 200 and b'data-testid="not-functional"' in response.content
    assert (
        reverse("appraisals:credit", args=[personas.employees["kasi"].pk]).encode()
        not in client.get(reverse("appraisals:mine")).content
    )


# --- who reads it ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with built_world(django_db_blocker, tmp_path_factory) as data:
        yield data


# dokter's credit: dokter, the admin of Dinas Kesehatan (staf), the agency-wide roles; kasi and
# kabid read none of dokter's evaluations; another agency never
CREDIT_OF_DOKTER = Row(
    "appraisals:credit",
    answers(404, dokter=200, staf=200, bkpsdm=200, pimpinan=200, auditor=200),
    args=lambda w: [w.personas.employees["dokter"].pk],
)
# staf's credit: read by kasi, staf's rater of record (through the evaluation)
CREDIT_OF_STAF = Row(
    "appraisals:credit",
    answers(404, staf=200, kasi=200, kabid=200, bkpsdm=200, pimpinan=200, auditor=200),
    args=lambda w: [w.personas.employees["staf"].pk],
)
PERMISSION_ROWS = [CREDIT_OF_DOKTER, CREDIT_OF_STAF]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("row", "persona", "expected"),
    [(row, p, e) for row in PERMISSION_ROWS for p, e in row.answers.items()],
    ids=lambda x: x.name if isinstance(x, Row) else str(x),
)
def test_the_credit_page_answers_each_role(client, world, row, persona, expected):
    assert ask(client, world.personas, row, persona, world) == expected
