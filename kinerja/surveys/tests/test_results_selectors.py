"""The survey results read from the database, checked against figures computed by hand:
respondents, NRR, IKM and grade with each weight, the weakest elements, the minimum sample,
the trend (a year from its pooled answers), the profile and the regency table."""

import datetime
from decimal import Decimal
from fractions import Fraction

import pytest
from django.utils import translation

from kinerja.accounts.viewer import build_viewer
from kinerja.core.tests.permission_table import shared_data
from kinerja.surveys.models import SurveySettings
from kinerja.surveys.rules import ELEMENTS, Element, Grade
from kinerja.surveys.selectors import results
from kinerja.surveys.selectors.results import Period
from kinerja.surveys.tests import factories as f
from kinerja.surveys.tests.data import TODAY, YEAR, build_world

pytestmark = pytest.mark.django_db

Q1 = Period(YEAR, "quarter", 1)
Q2 = Period(YEAR, "quarter", 2)
Q3 = Period(YEAR, "quarter", 3)
THE_YEAR = Period(YEAR, "year")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch, shared_data(django_db_blocker, tmp_path_factory):
        world = build_world(patch)
        pkm, umum, gigi = world.pkm, world.services["umum"], world.services["gigi"]
        # Q1: three respondents. Elements 1-8: 4, 3, 2 (mean 3); sarana: 4, 3, - (mean 3.5).
        f.responses(
            pkm,
            datetime.date(YEAR, 1, 10),
            [[4] * 9],
            service=umum,
            age_band="20_29",
            sex="f",
            education="s1",
            occupation="asn",
            suggestion="Antrean terlalu lama",
        )
        f.responses(
            pkm,
            datetime.date(YEAR, 1, 20),
            [[3] * 9],
            service=gigi,
            age_band="30_39",
            sex="m",
            education="sma",
            occupation="farmer",
        )
        f.responses(
            pkm,
            datetime.date(YEAR, 2, 5),
            [[2] * 8 + [None]],
            service=umum,
            sex="f",
            suggestion="Ruang tunggu panas",
        )
        # Q2: three respondents scoring 1 everywhere.
        f.responses(pkm, datetime.date(YEAR, 4, 2), f.same(1, 3), service=umum)
        # The year before, and another agency's answers that must never count.
        f.responses(pkm, datetime.date(YEAR - 1, 11, 3), f.same(4, 2))
        f.responses(world.personas.units["other"], datetime.date(YEAR, 1, 10), f.same(1, 5))
        for number, users in ((1, 100), (2, 50), (3, 30), (4, 20)):
            f.service_users(pkm, YEAR, "quarter", number, users)
        f.service_users(pkm, YEAR, "quarter", 1, 60, service=umum)
        yield world


def viewer(world, name):
    return build_viewer(world.users[name], today=TODAY)


# --- periods --------------------------------------------------------------------------------


def test_periods_cover_their_days():
    assert (Q1.start, Q1.end) == (datetime.date(YEAR, 1, 1), datetime.date(YEAR, 3, 31))
    assert Period(YEAR, "month", 2).end == datetime.date(YEAR, 2, 28)
    assert Period(YEAR, "semester", 2).months == range(7, 13)
    assert THE_YEAR.end == datetime.date(YEAR, 12, 31)
    assert Q1.previous() == Period(YEAR - 1, "quarter", 4)
    with pytest.raises(ValueError):
        results.parse_period(YEAR, "quarter", 5)
    with pytest.raises(ValueError):
        results.parse_period(YEAR, "week", 1)


# --- one unit, one period -------------------------------------------------------------------


def test_quarter_figures_computed_by_hand(world):
    found = results.unit_results(viewer(world, "bkpsdm"), world.pkm, Q1)
    fig = found.figures
    assert fig.respondents == 3
    assert fig.nrr[:8] == (Fraction(3),) * 8
    assert fig.nrr[8] == Fraction(7, 2)
    # (8 * 3 + 3.5) / 9 = 3.05555..., times 25 = 76.388...: 76.39, grade C (below 76.61).
    assert fig.ikm.index_4 == Decimal("3.0556")
    assert fig.ikm.index_100 == Decimal("76.39")
    assert fig.ikm.grade == Grade.C and fig.ikm.label == "Kurang Baik"
    assert fig.weight == "exact"
    # the ties at 3 are taken in the regulation's order
    assert fig.weakest == (Element.PERSYARATAN, Element.PROSEDUR, Element.WAKTU)
    rows = fig.element_rows()
    assert rows[8].nrr == Decimal("3.50") and rows[8].answered == 2 and not rows[8].is_weakest
    assert rows[0].converted == Decimal("75.00") and rows[0].is_weakest


def test_minimum_sample_of_the_quarter_and_warning(world):
    fig = results.unit_results(viewer(world, "bkpsdm"), world.pkm, Q1).figures
    assert fig.population == 100 and fig.minimum_sample == 80
    assert fig.below_sample


def test_year_users_are_the_sum_of_the_quarters(world):
    fig = results.unit_results(viewer(world, "bkpsdm"), world.pkm, THE_YEAR).figures
    assert fig.population == 200 and fig.minimum_sample == 132


def test_month_without_users_says_unknown(world):
    fig = results.unit_results(viewer(world, "bkpsdm"), world.pkm, Period(YEAR, "month", 1)).figures
    assert fig.population is None and fig.minimum_sample is None and not fig.below_sample


@pytest.mark.parametrize(
    ("weight", "index_100", "grade"),
    [
        ("exact", Decimal("76.39"), Grade.C),  # 27.5 / 9 * 25
        ("0.111", Decimal("76.31"), Grade.C),  # 27.5 * 0.111 * 25 = 76.3125
        ("0.11", Decimal("75.63"), Grade.C),  # 27.5 * 0.11 * 25 = 75.625
    ],
)
def test_the_agencys_weight_moves_the_index(world, weight, index_100, grade):
    SurveySettings.objects.update_or_create(
        agency=world.personas.agency, defaults={"weight": weight}
    )
    found = results.unit_results(viewer(world, "bkpsdm"), world.pkm, Q1)
    assert found.figures.ikm.index_100 == index_100
    assert found.figures.ikm.grade == grade and found.weight == weight


def test_an_element_nobody_answered_makes_the_index_invalid_not_zero(world):
    fig = results.unit_results(viewer(world, "bkpsdm"), world.pkm, Period(YEAR, "month", 2)).figures
    assert fig.respondents == 1
    assert fig.ikm.index_100 is None and fig.ikm.grade is None and not fig.ikm.is_valid
    assert fig.ikm.missing == (Element.SARANA,)
    assert fig.missing_names == ["Sarana dan Prasarana"]
    assert fig.element_rows()[8].nrr is None


def test_a_period_without_responses(world):
    fig = results.unit_results(viewer(world, "bkpsdm"), world.pkm, Q3).figures
    assert fig.respondents == 0
    assert fig.ikm.index_100 is None and fig.ikm.missing == ELEMENTS
    assert fig.population == 30 and fig.minimum_sample == 28 and fig.below_sample


def test_per_service_figures_and_one_service_chosen(world):
    umum = world.services["umum"]
    found = results.unit_results(viewer(world, "bkpsdm"), world.pkm, Q1)
    by_name = {row.service.name: row.figures for row in found.services}
    assert by_name["Poli Umum"].respondents == 2 and by_name["Poli Gigi"].respondents == 1
    assert by_name["Poli Umum"].population == 60
    one = results.unit_results(viewer(world, "bkpsdm"), world.pkm, Q1, umum).figures
    assert one.respondents == 2 and one.nrr[0] == Fraction(3) and one.nrr[8] == Fraction(4)
    assert one.population == 60 and one.minimum_sample == 52


# --- the trend ------------------------------------------------------------------------------


def test_the_year_comes_from_pooled_answers_not_from_averaging_quarters(world):
    year = results.unit_results(viewer(world, "bkpsdm"), world.pkm, THE_YEAR).figures
    # Elements 1-8: (9 + 3) / 6 = 2; sarana: (7 + 3) / 5 = 2; IKM 2 = 50.00. The mean of the
    # quarters (76.39 and 25.00) would be 50.69.
    assert year.respondents == 6
    assert year.ikm.index_100 == Decimal("50.00") and year.ikm.grade == Grade.D
    trend = results.unit_trend(viewer(world, "bkpsdm"), world.pkm, THE_YEAR)
    assert [(p.period.year, p.respondents, p.ikm.index_100) for p in trend] == [
        (YEAR - 1, 2, Decimal("100.00")),
        (YEAR, 6, Decimal("50.00")),
    ]


def test_quarterly_trend_of_two_years(world):
    trend = results.unit_trend(viewer(world, "bkpsdm"), world.pkm, Q1)
    assert len(trend) == 8
    assert [p.respondents for p in trend] == [0, 0, 0, 2, 3, 3, 0, 0]
    assert trend[4].ikm.index_100 == Decimal("76.39") and trend[5].ikm.index_100 == Decimal("25.00")
    assert not trend[0].ikm.is_valid


def test_trend_reads_one_query_for_any_number_of_periods(world, django_assert_num_queries):
    v = viewer(world, "bkpsdm")
    with django_assert_num_queries(2):  # the monthly tallies, the weight
        results.unit_trend(v, world.pkm, Period(YEAR, "month", 1))
    with django_assert_num_queries(2):
        results.unit_trend(v, world.pkm, THE_YEAR)


# --- the profile and the suggestions --------------------------------------------------------


@translation.override("en")
def test_respondent_profile(world):
    tables = {t.key: t for t in results.respondent_profile(viewer(world, "bkpsdm"), world.pkm, Q1)}
    sex = {row.label: (row.count, row.percent) for row in tables["sex"].rows}
    assert sex == {"Male": (1, Decimal("33.3")), "Female": (2, Decimal("66.7"))}
    age = {row.label: row.count for row in tables["age_band"].rows}
    assert age["20 to 29"] == 1 and age["30 to 39"] == 1 and age["Not stated"] == 1
    assert age["Under 20"] == 0


def test_suggestions_hold_the_text_only(world):
    found = list(results.suggestions(viewer(world, "bkpsdm"), world.pkm, Q1))
    assert [s["suggestion"] for s in found] == ["Ruang tunggu panas", "Antrean terlalu lama"]
    assert set(found[0]) == {"pk", "day", "suggestion", "service__name"}


# --- scope ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "sees"),
    [
        ("bkpsdm", True),
        ("pimpinan", True),
        ("auditor", True),
        ("staf", True),  # admin of the dinas above
        ("kadinkes", True),  # heads the dinas above
        ("kapus", True),  # heads the puskesmas
        ("dokter", True),  # works there
        ("kasi", False),
        ("kabid", False),  # the puskesmas hangs from the dinas, not from the kabid's bidang
        ("outsider", False),
    ],
)
def test_who_sees_the_unit(world, name, sees):
    found = results.results_units(viewer(world, name)).filter(pk=world.pkm.pk).exists()
    assert found is sees


# --- the regency ----------------------------------------------------------------------------


def test_regency_table(world):
    regency = results.regency_table(viewer(world, "bkpsdm"), Q1, sort="ikm")
    names = [row.unit.name for row in regency.rows]
    assert names == ["Puskesmas Sukamaju", "UPT Laboratorium Kesehatan"]  # no index sorts last
    assert regency.rows[1].figures.respondents == 0
    assert regency.figures.respondents == 3  # the other agency's answers are not counted
    first = regency.elements[0]
    assert (first.element, first.units, first.nrr) == (Element.PERSYARATAN, 1, Decimal("3.00"))
    sarana = next(item for item in regency.elements if item.element == Element.SARANA)
    assert sarana.units == 0 and sarana.nrr == Decimal("3.50")


def test_regency_of_a_unit_admin_is_their_units(world):
    rows = results.regency_table(viewer(world, "staf"), Q1).rows
    assert {row.unit.pk for row in rows} == {world.pkm.pk, world.upt.pk}
    assert results.regency_table(viewer(world, "dokter"), Q1).rows == []


def test_regency_queries_do_not_grow_with_units(world, django_assert_num_queries):
    from kinerja.org.tests import factories as org

    v = viewer(world, "bkpsdm")
    with django_assert_num_queries(4):
        results.regency_table(v, THE_YEAR)
    for number in range(3):
        unit = org.unit(world.personas.agency, f"UPT{number}", f"UPT {number}", "upt")
        f.responses(unit, datetime.date(YEAR, 3, 1), f.same(3, 2))
        f.service_users(unit, YEAR, "year", 1, 40)
    with django_assert_num_queries(4):
        regency = results.regency_table(v, THE_YEAR)
    assert len(regency.rows) == 5
