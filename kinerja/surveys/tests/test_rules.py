"""The survey's rules: NRR, IKM with each weight, the grade, the weakest elements and the sample
(PermenPANRB 14/2017; domain.md 3)."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.surveys import rules
from kinerja.surveys.rules import ELEMENTS, Element, Grade

SCORES = st.integers(min_value=1, max_value=4)
MEANS = st.fractions(min_value=1, max_value=4, max_denominator=500)


# --- NRR -----------------------------------------------------------------------------------


def test_each_elements_mean_is_over_those_who_answered_it():
    answers = [
        [4, 3, 2, 1, 4, 3, 2, 1, 4],
        [2, 3, None, 1, 4, 3, 2, 1, 4],
        [3, 3, None, 1, 4, 3, 2, 2, 4],
    ]
    means = rules.nrr(answers)
    assert means[0] == Fraction(9, 3)
    assert means[2] == Fraction(2, 1)  # one answer, the two gaps left out
    assert means[7] == Fraction(4, 3)


def test_an_element_nobody_answered_has_no_mean_not_zero():
    means = rules.nrr([[4, 4, 4, 4, None, 4, 4, 4, 4], [3, 3, 3, 3, None, 3, 3, 3, 3]])
    assert means[4] is None
    assert means[0] == Fraction(7, 2)


def test_no_answers_at_all_give_no_means():
    assert rules.nrr([]) == (None,) * 9


@pytest.mark.parametrize("score", [0, 5, -1, 2.5, "3", True])
def test_a_score_outside_one_to_four_is_refused(score):
    with pytest.raises(ValueError):
        rules.nrr([[score, 4, 4, 4, 4, 4, 4, 4, 4]])


@pytest.mark.parametrize("length", [8, 10])
def test_an_answer_without_nine_scores_is_refused(length):
    with pytest.raises(ValueError):
        rules.nrr([[4] * length])


@given(st.lists(st.lists(SCORES, min_size=9, max_size=9), min_size=1, max_size=40))
def test_complete_answers_give_plain_means(answers):
    means = rules.nrr(answers)
    for position in range(9):
        column = [answer[position] for answer in answers]
        assert means[position] == Fraction(sum(column), len(column))


# --- IKM -----------------------------------------------------------------------------------


def test_every_element_at_four_is_a_hundred_with_the_exact_weight():
    result = rules.ikm([4] * 9)
    assert (result.index_4, result.index_100, result.grade) == (
        Decimal("4.0000"),
        Decimal("100.00"),
        Grade.A,
    )
    assert result.label == "Sangat Baik" and result.is_valid


@pytest.mark.parametrize(
    ("weight", "index_4", "index_100", "grade"),
    [
        ("exact", Decimal("3.2000"), Decimal("80.00"), Grade.B),
        ("0.111", Decimal("3.1968"), Decimal("79.92"), Grade.B),
        ("0.11", Decimal("3.1680"), Decimal("79.20"), Grade.B),
    ],
)
def test_each_weight_gives_its_own_second_decimal(weight, index_4, index_100, grade):
    result = rules.ikm([Fraction(16, 5)] * 9, weight=weight)
    assert (result.index_4, result.index_100, result.grade, result.weight) == (
        index_4,
        index_100,
        grade,
        weight,
    )


def test_the_rounded_weights_can_cost_a_grade():
    # 3.5328 on the 1-4 scale: 88.32 (A) with 1/9, 88.23 (B) with 0.111, 87.44 (B) with 0.11.
    means = [Fraction("3.5328")] * 9
    assert rules.ikm(means).grade == Grade.A
    assert rules.ikm(means).index_100 == Decimal("88.32")
    assert rules.ikm(means, weight="0.111").grade == Grade.B
    assert rules.ikm(means, weight="0.111").index_100 == Decimal("88.23")
    assert rules.ikm(means, weight="0.11").index_100 == Decimal("87.44")


def test_the_converted_index_is_rounded_half_up_then_graded():
    # mean 2.5998 gives 64.995, which is published as 65.00 and graded C, not D.
    means = [Fraction("2.5998")] * 9
    result = rules.ikm(means)
    assert result.index_100 == Decimal("65.00")
    assert result.grade == Grade.C


def test_an_element_without_answers_makes_the_result_invalid_and_names_it():
    means = list(rules.nrr([[4, 4, 4, None, 4, 4, 4, 4, None]]))
    result = rules.ikm(means)
    assert not result.is_valid
    assert result.missing == (Element.BIAYA, Element.SARANA)
    assert (result.index_4, result.index_100, result.grade, result.label) == (None, None, None, "")


def test_ikm_refuses_an_unknown_weight_a_wrong_count_and_a_mean_off_the_scale():
    with pytest.raises(ValueError):
        rules.ikm([3] * 9, weight="0.1")
    with pytest.raises(ValueError):
        rules.ikm([3] * 8)
    with pytest.raises(ValueError):
        rules.ikm([3] * 8 + [Fraction(9, 2)])
    with pytest.raises(ValueError):
        rules.ikm([3] * 8 + [Fraction(1, 2)])


@given(st.lists(MEANS, min_size=9, max_size=9))
def test_with_the_exact_weight_the_converted_index_is_the_mean_times_25(means):
    exact = sum(means, Fraction(0)) / 9 * 25
    result = rules.ikm(means)
    assert abs(Fraction(result.index_100) - exact) <= Fraction(1, 200)
    assert 25 <= result.index_100 <= 100
    assert result.grade == rules.grade(result.index_100)


@given(st.lists(MEANS, min_size=9, max_size=9))
def test_a_rounded_weight_never_scores_above_the_exact_one(means):
    exact = rules.ikm(means).index_100
    assert rules.ikm(means, weight="0.111").index_100 <= exact
    assert rules.ikm(means, weight="0.11").index_100 <= rules.ikm(means, weight="0.111").index_100


# --- grade ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("index_100", "expected"),
    [
        ("25.00", Grade.D),
        ("64.99", Grade.D),
        ("64.994", Grade.D),
        ("64.995", Grade.C),
        ("65.00", Grade.C),
        ("76.60", Grade.C),
        ("76.604", Grade.C),
        ("76.605", Grade.B),
        ("76.61", Grade.B),
        ("88.30", Grade.B),
        ("88.304", Grade.B),
        ("88.305", Grade.A),
        ("88.31", Grade.A),
        ("100.00", Grade.A),
    ],
)
def test_grades_are_half_open_on_the_rounded_converted_index(index_100, expected):
    assert rules.grade(Decimal(index_100)) == expected


def test_each_grade_has_the_regulations_label():
    assert [rules.GRADE_LABELS[g] for g in Grade] == [
        "Sangat Baik",
        "Baik",
        "Kurang Baik",
        "Tidak Baik",
    ]


@given(
    st.decimals(min_value=25, max_value=100, places=3),
    st.decimals(min_value=25, max_value=100, places=3),
)
def test_a_higher_index_never_gets_a_lower_grade(low, high):
    low, high = sorted((low, high))
    order = "DCBA"
    assert order.index(rules.grade(low)) <= order.index(rules.grade(high))


# --- the weakest elements -------------------------------------------------------------------


def test_the_weakest_elements_come_lowest_first_in_the_regulations_order_on_ties():
    means = [Fraction(3), Fraction(2), Fraction(4), Fraction(2), None, 3, 3, 3, Fraction(5, 2)]
    assert rules.weakest_elements(means) == [Element.PROSEDUR, Element.BIAYA, Element.SARANA]
    assert rules.weakest_elements(means, count=1) == [Element.PROSEDUR]


def test_the_nine_elements_keep_the_regulations_order():
    assert [rules.ELEMENT_NAMES[e] for e in ELEMENTS][:3] == [
        "Persyaratan",
        "Sistem, Mekanisme, dan Prosedur",
        "Waktu Penyelesaian",
    ]
    assert ELEMENTS[-1] == Element.SARANA and len(ELEMENTS) == 9


# --- sample size ----------------------------------------------------------------------------

# The Krejcie and Morgan table as regional SKM portals print it (domain.md 3).
KREJCIE_MORGAN = {
    10: 10, 15: 14, 20: 19, 25: 24, 30: 28, 35: 32, 40: 36, 45: 40, 50: 44, 55: 48, 60: 52,
    65: 56, 70: 59, 75: 63, 80: 66, 85: 70, 90: 73, 95: 76, 100: 80, 110: 86, 120: 92, 130: 97,
    140: 103, 150: 108, 160: 113, 170: 118, 180: 123, 190: 127, 200: 132, 210: 136, 220: 140,
    230: 144, 240: 148, 250: 152, 260: 155, 270: 159, 280: 162, 290: 165, 300: 169, 320: 175,
    340: 181, 360: 186, 380: 191, 400: 196, 420: 201, 440: 205, 460: 210, 480: 214, 500: 217,
    550: 226, 600: 234, 650: 242, 700: 248, 750: 254, 800: 260, 850: 265, 900: 269, 950: 274,
    1000: 278, 1100: 285, 1200: 291, 1300: 297, 1400: 302, 1500: 306, 1600: 310, 1700: 313,
    1800: 317, 1900: 320, 2000: 322, 2200: 327, 2400: 331, 2600: 335, 2800: 338, 3000: 341,
    3500: 346, 4000: 351, 4500: 354, 5000: 357, 6000: 361, 7000: 364, 8000: 367, 9000: 368,
    10000: 370, 15000: 375, 20000: 377, 30000: 379, 40000: 380, 50000: 381, 75000: 382,
    1000000: 384,
}  # fmt: skip


@pytest.mark.parametrize(("population", "sample"), sorted(KREJCIE_MORGAN.items()))
def test_the_sample_size_matches_the_published_table(population, sample):
    assert rules.sample_size(population) == sample


def test_the_sample_is_rounded_to_the_nearest_not_up():
    assert rules.sample_size(15) == 14  # 14.47


def test_nobody_served_needs_nobody_and_one_person_is_asked():
    assert rules.sample_size(0) == 0
    assert rules.sample_size(1) == 1


@pytest.mark.parametrize("population", [-1, 2.5, "100", True])
def test_the_population_is_a_whole_number_not_negative(population):
    with pytest.raises(ValueError):
        rules.sample_size(population)


@given(st.integers(min_value=1, max_value=10**7))
def test_the_sample_never_exceeds_the_population_nor_falls_as_it_grows(population):
    sample = rules.sample_size(population)
    assert 1 <= sample <= population
    assert rules.sample_size(population + 1) >= sample
    assert sample <= 384


# --- pooling periods ------------------------------------------------------------------------


@given(
    st.lists(
        st.lists(st.one_of(st.none(), SCORES), min_size=9, max_size=9), min_size=0, max_size=30
    ),
    st.lists(
        st.lists(st.one_of(st.none(), SCORES), min_size=9, max_size=9), min_size=0, max_size=30
    ),
)
def test_pooled_tallies_give_the_means_of_all_the_answers(first, second):
    pooled = rules.Tally.of(first) + rules.Tally.of(second)
    assert pooled.nrr() == rules.nrr(first + second)
    assert pooled.respondents == len(first) + len(second)


def test_a_year_pools_its_answers_rather_than_averaging_its_quarters():
    busy_quarter = [[4] * 9] * 30  # thirty respondents, all at 4
    quiet_quarter = [[2] * 9] * 10  # ten respondents, all at 2
    year = rules.Tally.of(busy_quarter) + rules.Tally.of(quiet_quarter)
    assert rules.ikm(year.nrr()).index_100 == Decimal("87.50")  # 3.5 x 25
    quarters = [rules.ikm(rules.nrr(q)).index_100 for q in (busy_quarter, quiet_quarter)]
    assert sum(quarters) / 2 == Decimal("75.00")  # what averaging would wrongly publish


def test_a_tally_refuses_sums_that_scores_of_one_to_four_cannot_make():
    with pytest.raises(ValueError):
        rules.Tally((9,) + (0,) * 8, (2,) + (0,) * 8, 2)  # two scores cannot sum to 9
    with pytest.raises(ValueError):
        rules.Tally((1,) + (0,) * 8, (2,) + (0,) * 8, 2)  # nor to 1
    with pytest.raises(ValueError):
        rules.Tally((0,) * 8, (0,) * 9, 0)
    assert rules.Tally((8,) + (0,) * 8, (2,) + (0,) * 8, 2).nrr()[0] == 4


def test_the_respondents_are_enough_from_the_minimum_sample_on():
    assert rules.sample_size(100) == 80
    assert not rules.enough_respondents(79, 100)
    assert rules.enough_respondents(80, 100)
    assert rules.enough_respondents(0, 0)
