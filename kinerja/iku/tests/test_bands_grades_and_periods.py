import datetime
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kinerja.iku import rules
from kinerja.iku.rules import (
    AKIP_GRADE_BANDS,
    DEFAULT_ORG_PREDIKAT_BANDS,
    LKJIP_REGENCY_EXAMPLE_BANDS,
    PERMENDAGRI_86_2017_BANDS,
    AkipGrade,
    Band,
    ChosenOrgResult,
    OrgPredikat,
    akip_grade,
    annual_org_result_for,
    capaian,
    category,
    consolidate,
    mean,
    org_predikat,
    validate_bands,
)
from kinerja.iku.tests.rules_strategies import (  # noqa: F401
    D,
    amounts,
    exactly,
    formulas,
    half_up,
    places_values,
    polarities,
    positive_realisations,
    realisations,
    targets,
)

# --- mean ----------------------------------------------------------------------------------------


def test_mean_is_the_simple_mean_ignoring_missing_values():
    assert mean([D("80"), None, D("90"), "100"]) == D("90.00")
    assert mean([1, 2, 2]) == D("1.67")
    assert mean([1, 2, 2], rounding="truncate") == D("1.66")
    assert mean([1, 2, 2], places=0) == D("2")


def test_mean_of_nothing_is_none():
    assert mean([]) is None
    assert mean([None, None]) is None
    assert mean(iter([])) is None


def test_mean_rejects_bad_settings_and_values():
    with pytest.raises(ValueError, match="rounding"):
        mean([1], rounding="ceil")
    with pytest.raises(ValueError, match="not a number"):
        mean([1, "x"])


@given(st.lists(st.one_of(st.none(), realisations), max_size=20))
def test_mean_lies_between_the_smallest_and_largest_value(values):
    known = [v for v in values if v is not None]
    result = mean(values, places=4)
    if not known:
        assert result is None
    else:
        assert min(known) <= result <= max(known)
        assert result == half_up(sum(Fraction(v) for v in known) / len(known), 4)


# --- consolidation --------------------------------------------------------------------------------

MONTHS = [D("10"), D("12.5"), None, D("7.5")]


def test_consolidation_rules_on_a_quarter_with_a_missing_month():
    assert consolidate(MONTHS, "sum") == D("30.0")
    assert consolidate(MONTHS, "average") == D("10")
    assert consolidate(MONTHS, "last") == D("7.5")
    assert consolidate([D("7.5"), None], "last") == D("7.5")


def test_consolidation_of_nothing_is_none():
    for rule in ("sum", "average", "last"):
        assert consolidate([], rule) is None
        assert consolidate([None, None, None], rule) is None


def test_consolidation_rounds_only_when_asked():
    unrounded = consolidate([1, 2, 2], "average")
    assert -unrounded.as_tuple().exponent > 40
    assert abs(Fraction(unrounded) - Fraction(5, 3)) < Fraction(1, 10**40)
    assert consolidate([1, 2, 2], "average", places=2) == D("1.67")
    assert consolidate([1, 2, 2], "average", places=2, rounding="truncate") == D("1.66")


def test_consolidation_rejects_an_unknown_rule():
    with pytest.raises(ValueError, match="consolidation rule"):
        consolidate([1], "median")
    with pytest.raises(ValueError, match="consolidation rule"):
        consolidate([], "max")


@given(st.lists(st.one_of(st.none(), amounts("-1000", "1000")), max_size=24))
def test_consolidation_rules_agree_with_their_definitions(values):
    known = [v for v in values if v is not None]
    total = consolidate(values, "sum")
    average = consolidate(values, "average")
    last = consolidate(values, "last")
    if not known:
        assert total is average is last is None
        return
    assert total == sum(known)
    assert last == known[-1]
    assert abs(Fraction(average) - Fraction(sum(known)) / len(known)) < Fraction(1, 10**40)


@given(st.lists(realisations, min_size=1, max_size=12))
def test_monthly_sums_add_up_to_the_yearly_sum(months):
    quarters = [consolidate(months[i : i + 3], "sum") for i in range(0, len(months), 3)]
    assert consolidate(quarters, "sum") == consolidate(months, "sum")


# --- category bands -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "label"),
    [
        (0, "Kurang"),
        (30, "Kurang"),
        (D("30.01"), "Agak Kurang"),
        (50, "Agak Kurang"),
        (D("50.01"), "Cukup Baik"),
        (65, "Cukup Baik"),
        (D("65.01"), "Baik"),
        (75, "Baik"),
        (D("75.01"), "Sangat Baik"),
        (85, "Sangat Baik"),
        (D("85.01"), "Memuaskan"),
        (100, "Memuaskan"),
        (D("187.5"), "Memuaskan"),
    ],
)
def test_lkjip_example_bands_are_lower_exclusive(value, label):
    assert category(value, LKJIP_REGENCY_EXAMPLE_BANDS) == label


@pytest.mark.parametrize(
    ("value", "label"),
    [
        (0, "Sangat Rendah"),
        (50, "Sangat Rendah"),
        (D("50.99"), "Sangat Rendah"),
        (51, "Rendah"),
        (65, "Rendah"),
        (66, "Sedang"),
        (75, "Sedang"),
        (76, "Tinggi"),
        (90, "Tinggi"),
        (D("90.5"), "Tinggi"),
        (91, "Sangat Tinggi"),
        (100, "Sangat Tinggi"),
        (140, "Sangat Tinggi"),
    ],
)
def test_permendagri_bands_reach_a_grade_at_its_printed_minimum(value, label):
    assert category(value, PERMENDAGRI_86_2017_BANDS) == label


def test_a_band_can_hold_a_single_value():
    bands = [Band("Cukup", 0), Band("Baik", 100), Band("Sangat Baik", 100, lower_inclusive=False)]
    assert category(D("99.99"), bands) == "Cukup"
    assert category(100, bands) == "Baik"
    assert category(D("100.01"), bands) == "Sangat Baik"


def test_category_of_no_capaian_is_empty_or_the_chosen_label():
    assert category(None, PERMENDAGRI_86_2017_BANDS) == ""
    assert category(None, PERMENDAGRI_86_2017_BANDS, missing="N/A") == "N/A"


def test_category_rejects_a_negative_capaian():
    with pytest.raises(ValueError, match="negative"):
        category(-1, PERMENDAGRI_86_2017_BANDS)


@pytest.mark.parametrize(
    ("bands", "message"),
    [
        ([], "at least one"),
        ([Band("A", 10)], "start at 0"),
        ([Band("A", 0, lower_inclusive=False)], "start at 0"),
        ([Band("A", 0), Band("B", 50), Band("C", 40)], "sorted"),
        ([Band("A", 0), Band("B", 50), Band("C", 50)], "sorted"),
        ([Band("A", 0), Band("B", 50, False), Band("C", 50)], "sorted"),
        ([Band("A", 0), Band("B", 50, False), Band("C", 50, False)], "sorted"),
        ([Band("A", 0), Band("A", 50)], "twice"),
        ([(0, "A")], "sequence of Band"),
    ],
)
def test_invalid_band_tables_are_refused(bands, message):
    with pytest.raises(ValueError, match=message):
        validate_bands(bands)
    with pytest.raises(ValueError, match=message):
        category(10, bands)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("", 0), "label"),
        (("  ", 0), "label"),
        (("A", None), "lower bound"),
        (("A", "nan"), "finite"),
        (("A", 0, "yes"), "lower_inclusive"),
    ],
)
def test_a_band_must_be_well_formed(arguments, message):
    with pytest.raises(ValueError, match=message):
        Band(*arguments)


def test_bands_are_immutable_and_store_decimals():
    band = Band("Baik", "65.5", lower_inclusive=False)
    assert band.lower == D("65.5")
    assert isinstance(band.lower, Decimal)
    assert band.describe() == "> 65.5"
    with pytest.raises(AttributeError):
        band.lower = D(1)


@pytest.mark.parametrize(
    "bands", [PERMENDAGRI_86_2017_BANDS, LKJIP_REGENCY_EXAMPLE_BANDS, DEFAULT_ORG_PREDIKAT_BANDS]
)
@given(a=amounts("0", "300"), b=amounts("0", "300"))
def test_a_higher_capaian_never_gets_a_lower_band(bands, a, b):
    order = [band.label for band in bands]
    low, high = sorted([a, b])
    assert order.index(category(low, bands)) <= order.index(category(high, bands))


# --- AKIP grade -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "grade"),
    [
        (0, "D"),
        (D("0.01"), "D"),
        (30, "D"),
        (D("30.00"), "D"),
        (D("30.01"), "C"),
        (50, "C"),
        (D("50.01"), "CC"),
        (60, "CC"),
        (D("60.01"), "B"),
        (70, "B"),
        (D("70.01"), "BB"),
        (80, "BB"),
        (D("80.01"), "A"),
        (90, "A"),
        (D("90.00"), "A"),
        (D("90.01"), "AA"),
        ("95.5", "AA"),
        (100, "AA"),
    ],
)
def test_akip_grade_boundaries_are_lower_exclusive(score, grade):
    assert akip_grade(score) == grade


@pytest.mark.parametrize("score", [D("-0.01"), -1, D("100.01"), 101])
def test_akip_grade_refuses_scores_outside_zero_to_hundred(score):
    with pytest.raises(ValueError, match="between 0 and 100"):
        akip_grade(score)


def test_akip_grade_of_no_score_is_empty():
    assert akip_grade(None) == ""


def test_every_akip_grade_has_its_printed_label():
    assert rules.AKIP_GRADE_LABELS[AkipGrade.AA] == "Sangat Memuaskan"
    assert rules.AKIP_GRADE_LABELS[AkipGrade.D] == "Sangat Kurang"
    assert set(rules.AKIP_GRADE_LABELS) == set(AkipGrade)
    assert [band.label for band in AKIP_GRADE_BANDS] == list(reversed(AkipGrade))


@given(amounts("0", "100"))
def test_akip_grade_agrees_with_the_printed_table(score):
    thresholds = [(90, "AA"), (80, "A"), (70, "BB"), (60, "B"), (50, "CC"), (30, "C")]
    expected = next((grade for bound, grade in thresholds if score > bound), "D")
    assert akip_grade(score) == expected


# --- organisation predikat ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "predikat"),
    [
        (0, OrgPredikat.SANGAT_KURANG),
        (D("59.99"), OrgPredikat.SANGAT_KURANG),
        (60, OrgPredikat.KURANG),
        (D("79.99"), OrgPredikat.KURANG),
        (80, OrgPredikat.BUTUH_PERBAIKAN),
        (D("99.99"), OrgPredikat.BUTUH_PERBAIKAN),
        (100, OrgPredikat.BAIK),
        (D("100.99"), OrgPredikat.BAIK),
        (101, OrgPredikat.ISTIMEWA),
        (250, OrgPredikat.ISTIMEWA),
    ],
)
def test_default_org_predikat_bands(value, predikat):
    assert org_predikat(value) == predikat
    assert org_predikat(value) == predikat.value


def test_whole_percent_capaian_reproduces_the_2021_categories():
    # PermenPANRB 8/2021 rounds to a whole percent first: 99.5 % is Baik, 100.5 % Sangat Baik.
    assert org_predikat(capaian(200, 199, "higher", places=0)) == OrgPredikat.BAIK
    assert org_predikat(capaian(200, 201, "higher", places=0)) == OrgPredikat.ISTIMEWA
    assert org_predikat(capaian(200, 199, "higher")) == OrgPredikat.BUTUH_PERBAIKAN


def test_org_predikat_of_no_capaian_is_empty():
    assert org_predikat(None) == ""


def test_an_agency_can_set_its_own_org_predikat_bands():
    bands = [
        Band(OrgPredikat.SANGAT_KURANG, 0),
        Band(OrgPredikat.KURANG, 50),
        Band(OrgPredikat.BUTUH_PERBAIKAN, 70),
        Band("BAIK", 90),
        Band(OrgPredikat.ISTIMEWA, 110, lower_inclusive=False),
    ]
    assert org_predikat(95, bands) == OrgPredikat.BAIK
    assert org_predikat(110, bands) == OrgPredikat.BAIK
    assert org_predikat(D("110.01"), bands) == OrgPredikat.ISTIMEWA


def test_org_predikat_bands_may_skip_a_value_but_must_rise():
    three = [Band("SANGAT_KURANG", 0), Band("BAIK", 50), Band("ISTIMEWA", 100)]
    assert org_predikat(70, three) == OrgPredikat.BAIK
    with pytest.raises(ValueError, match="rise"):
        org_predikat(70, [Band("BAIK", 0), Band("KURANG", 50)])
    with pytest.raises(ValueError, match="predikat"):
        org_predikat(70, [Band("SANGAT_KURANG", 0), Band("Bagus", 50)])


# --- annual organisation result fallback ----------------------------------------------------------

RESULTS = {2023: OrgPredikat.BAIK, 2024: OrgPredikat.ISTIMEWA}


@pytest.mark.parametrize(
    ("issued_on", "expected"),
    [
        (datetime.date(2024, 12, 20), ChosenOrgResult(2024, OrgPredikat.ISTIMEWA)),
        (datetime.date(2025, 1, 2), ChosenOrgResult(2024, OrgPredikat.ISTIMEWA)),
        (datetime.date(2025, 1, 31), ChosenOrgResult(2024, OrgPredikat.ISTIMEWA)),
        (datetime.date(2025, 2, 1), ChosenOrgResult(2023, OrgPredikat.BAIK)),
        (datetime.date(2025, 6, 30), ChosenOrgResult(2023, OrgPredikat.BAIK)),
    ],
)
def test_a_result_issued_after_january_falls_back_to_the_previous_year(issued_on, expected):
    assert annual_org_result_for(2024, RESULTS, issued_on=issued_on) == expected


def test_a_result_not_issued_yet_falls_back_to_the_previous_year():
    assert annual_org_result_for(2025, RESULTS, issued_on=None) == (2024, OrgPredikat.ISTIMEWA)


def test_no_fallback_result_gives_none():
    assert annual_org_result_for(2023, RESULTS, issued_on=datetime.date(2024, 3, 1)) is None
    assert annual_org_result_for(2030, {}, issued_on=None) is None


def test_the_deadline_can_be_moved():
    late = datetime.date(2025, 2, 10)
    deadline = datetime.date(2025, 2, 28)
    chosen = annual_org_result_for(2024, RESULTS, issued_on=late, deadline=deadline)
    assert chosen == (2024, OrgPredikat.ISTIMEWA)


def test_inconsistent_issue_information_is_refused():
    with pytest.raises(ValueError, match="issued_on"):
        annual_org_result_for(2024, RESULTS, issued_on=None)
    with pytest.raises(ValueError, match="issued_on"):
        annual_org_result_for(2025, RESULTS, issued_on=datetime.date(2026, 1, 5))
    with pytest.raises(ValueError, match="cannot be issued"):
        annual_org_result_for(2024, RESULTS, issued_on=datetime.date(2023, 12, 31))
    with pytest.raises(ValueError, match="year"):
        annual_org_result_for("2024", RESULTS, issued_on=None)


@given(
    st.integers(min_value=2000, max_value=2100),
    st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2102, 12, 31)),
)
def test_the_year_used_depends_only_on_issue_by_end_of_january(year, issued_on):
    assume(issued_on.year >= year)
    results = {year - 1: "PREVIOUS", year: "CURRENT"}
    chosen = annual_org_result_for(year, results, issued_on=issued_on)
    in_time = issued_on <= datetime.date(year + 1, 1, 31)
    assert chosen == ((year, "CURRENT") if in_time else (year - 1, "PREVIOUS"))
