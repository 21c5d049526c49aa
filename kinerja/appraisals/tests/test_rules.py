"""The evaluation rules: the quadrant, the distribution bands at and around every boundary,
study-leave results and angka kredit (domain.md 1.5, 1.6, 1.8, 1.10)."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.appraisals.rules import (
    ANNUAL_COEFFICIENT,
    CONVERSION,
    PATTERNS,
    PREDIKAT_LABELS,
    Jenjang,
    OrgPredikat,
    Predikat,
    Rating,
    angka_kredit,
    distribution_check,
    dropout_predikat,
    org_predikat_of,
    predikat,
    room_left,
    study_predikat,
)

SB, B, BP, K, SK = (
    "sangat_baik",
    "baik",
    "butuh_perbaikan",
    "kurang",
    "sangat_kurang",
)

# --- the quadrant -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hasil", "perilaku", "expected"),
    [
        ("diatas", "diatas", SB),
        ("diatas", "sesuai", B),
        ("diatas", "dibawah", K),
        ("sesuai", "diatas", B),
        ("sesuai", "sesuai", B),
        ("sesuai", "dibawah", K),
        ("dibawah", "diatas", BP),
        ("dibawah", "sesuai", BP),
        ("dibawah", "dibawah", SK),
    ],
)
def test_the_whole_quadrant(hasil, perilaku, expected):
    assert predikat(hasil, perilaku) == expected


def test_the_quadrant_is_not_symmetric():
    assert predikat("diatas", "dibawah") != predikat("dibawah", "diatas")


def test_kurang_prints_as_misconduct():
    assert PREDIKAT_LABELS[Predikat.KURANG] == "Kurang (Misconduct)"


def test_an_unknown_rating_is_refused():
    with pytest.raises(ValueError):
        predikat("baik", "sesuai")


@given(st.sampled_from(list(Rating)), st.sampled_from(list(Rating)))
def test_behaviour_below_expectation_never_gives_more_than_kurang(hasil, perilaku):
    result = predikat(hasil, perilaku)
    if perilaku is Rating.DIBAWAH:
        assert result in {Predikat.KURANG, Predikat.SANGAT_KURANG}
    if hasil is Rating.DIBAWAH:
        assert result in {Predikat.BUTUH_PERBAIKAN, Predikat.SANGAT_KURANG}


def test_the_organisation_predikat_of_the_iku_app_is_converted_once():
    assert org_predikat_of("BUTUH_PERBAIKAN") is OrgPredikat.BUTUH_PERBAIKAN
    assert org_predikat_of("ISTIMEWA") is OrgPredikat.ISTIMEWA
    with pytest.raises(ValueError):
        org_predikat_of("CUKUP")


# --- the distribution pattern -----------------------------------------------------------------


def _codes(org, counts):
    return [band.code for band in distribution_check(org, counts)]


def test_nobody_evaluated_breaks_nothing():
    for org in OrgPredikat:
        assert distribution_check(org, {}) == []
        assert distribution_check(org, {SB: 0}) == []


@pytest.mark.parametrize("team", [1, 2, 3, 7, 10, 30, 500])
def test_istimewa_at_most_70_percent_sangat_baik(team):
    allowed = team * 7 // 10  # the largest whole count within 70 %
    fits = {SB: allowed, B: team - allowed}
    assert _codes("istimewa", fits) == []
    if allowed < team:
        breaks = {SB: allowed + 1, B: team - allowed - 1}
        assert _codes("istimewa", breaks) == ["sangat_baik_at_most_70"]


def test_exact_fractions_not_rounded_percentages():
    # 7 of 10 is exactly 70 %; 70 of 99 is 70.7 % (rounds to 71 %), 69 of 99 is 69.7 % (70 %).
    assert _codes("istimewa", {SB: 7, B: 3}) == []
    assert _codes("istimewa", {SB: 70, B: 29}) == ["sangat_baik_at_most_70"]
    assert _codes("istimewa", {SB: 69, B: 30}) == []
    # 3 of 5 is exactly 60 %: at least 60 % holds; 299 of 500 is 59.8 % (60 % when rounded).
    assert "butuh_perbaikan_at_least_60" not in _codes("butuh_perbaikan", {BP: 3, B: 2})
    assert "butuh_perbaikan_at_least_60" in _codes("butuh_perbaikan", {BP: 299, B: 201})


@pytest.mark.parametrize("team", [1, 2, 3, 7, 10, 30, 500])
def test_baik_needs_some_butuh_perbaikan_or_kurang_even_in_a_small_team(team):
    assert "some_butuh_perbaikan_or_kurang" in _codes("baik", {B: team})
    assert "some_butuh_perbaikan_or_kurang" not in _codes("baik", {BP: 1, SB: team - 1})
    assert "some_butuh_perbaikan_or_kurang" not in _codes("baik", {K: 1, SB: team - 1})


@pytest.mark.parametrize("team", [1, 2, 3, 7, 10, 30, 500])
def test_baik_at_most_70_percent_baik(team):
    allowed = team * 7 // 10
    assert "baik_at_most_70" not in _codes("baik", {B: allowed, BP: team - allowed})
    if allowed < team:
        over = {B: allowed + 1, BP: team - allowed - 1}
        assert "baik_at_most_70" in _codes("baik", over)


@pytest.mark.parametrize("team", [1, 2, 3, 7, 10, 30, 500])
def test_butuh_perbaikan_bands(team):
    needed = -(-team * 6 // 10)  # the smallest whole count reaching 60 %
    rest = team - needed
    assert _codes("butuh_perbaikan", {BP: needed, B: rest}) == []
    if needed > 0:
        short = {BP: needed - 1, B: rest + 1}
        assert _codes("butuh_perbaikan", short) == ["butuh_perbaikan_at_least_60"]
    most_sb = team // 10
    if rest > most_sb:
        ok = {BP: needed, SB: most_sb, B: rest - most_sb}
        assert _codes("butuh_perbaikan", ok) == []
        over = {BP: needed, SB: most_sb + 1, B: rest - most_sb - 1}
        assert _codes("butuh_perbaikan", over) == ["sangat_baik_at_most_10"]


@pytest.mark.parametrize("team", [10, 30, 500])
def test_kurang_bands(team):
    fits = {K: team * 6 // 10, BP: team // 10, SB: team // 10}
    fits[B] = team - sum(fits.values())
    assert _codes("kurang", fits) == []
    assert _codes("kurang", {**fits, K: fits[K] - 1, B: fits[B] + 1}) == ["kurang_at_least_60"]
    assert _codes("kurang", {**fits, BP: fits[BP] - 1, B: fits[B] + 1}) == [
        "butuh_perbaikan_at_least_10"
    ]
    assert _codes("kurang", {**fits, SB: fits[SB] + 1, B: fits[B] - 1}) == [
        "sangat_baik_at_most_10"
    ]


@pytest.mark.parametrize("team", [1, 2, 3, 7])
def test_kurang_in_small_teams(team):
    # One person cannot be both 60 % Kurang and 10 % Butuh Perbaikan: the bands warn, that is all.
    assert "butuh_perbaikan_at_least_10" in _codes("kurang", {K: team})
    assert _codes("kurang", {K: team}) == ["butuh_perbaikan_at_least_10"]


@pytest.mark.parametrize("team", [1, 2, 3, 7, 10, 30, 500])
def test_sangat_kurang_bands(team):
    needed = -(-team * 6 // 10)  # the smallest whole count reaching 60 %
    others = team - needed
    enough_others = others * 10 >= team  # Kurang and Butuh Perbaikan together reach 10 %
    band = "kurang_or_butuh_perbaikan_at_least_10"
    assert (band in _codes("sangat_kurang", {SK: needed, K: others})) is not enough_others
    assert (band in _codes("sangat_kurang", {SK: needed, BP: others})) is not enough_others
    if others >= 2:
        split = {SK: needed, K: 1, BP: others - 1}
        assert _codes("sangat_kurang", split) == []
    assert "sangat_kurang_at_least_60" in _codes("sangat_kurang", {SK: needed - 1, K: others + 1})
    assert "no_sangat_baik" in _codes("sangat_kurang", {SK: team, SB: 1})
    assert "no_sangat_baik" not in _codes("sangat_kurang", {SK: team})


def test_counts_are_validated():
    with pytest.raises(ValueError):
        distribution_check("baik", {"cukup": 1})
    with pytest.raises(ValueError):
        distribution_check("baik", {B: -1})
    with pytest.raises(ValueError):
        distribution_check("BAIK", {B: 1})


counts_strategy = st.dictionaries(
    st.sampled_from([SB, B, BP, K, SK]), st.integers(min_value=0, max_value=600), min_size=1
)


@given(st.sampled_from(list(OrgPredikat)), counts_strategy)
def test_a_band_is_broken_exactly_when_its_exact_share_says_so(org, counts):
    total = sum(counts.values())
    broken = {band.code for band in distribution_check(org, counts)}
    for band in PATTERNS[org]:
        count = sum(counts.get(p, 0) for p in band.predikat)
        if total == 0:
            expected_ok = True
        elif band.limit == "some":
            expected_ok = count >= 1
        elif band.limit == "none":
            expected_ok = count == 0
        elif band.limit == "at_most":
            expected_ok = count * 100 <= band.fraction * 100 * total
        else:
            expected_ok = count * 100 >= band.fraction * 100 * total
        assert (band.code not in broken) is expected_ok


def test_room_left_for_the_calibration_desk():
    assert room_left("istimewa", {SB: 5, B: 5}) == {"sangat_baik_at_most_70": 2}
    assert room_left("istimewa", {SB: 8, B: 2}) == {"sangat_baik_at_most_70": -1}
    assert room_left("kurang", {K: 6, BP: 1, B: 3}) == {"sangat_baik_at_most_10": 1}
    assert room_left("baik", {B: 3}) == {"baik_at_most_70": -1}


# --- study leave ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ipk", "level", "accreditation", "expected"),
    [
        ("3.51", "s1", "A", SB),
        ("3.50", "s1", "A", B),
        ("3.01", "s1", "A", B),
        ("3.00", "s1", "A", BP),
        ("2.76", "s1", "A", BP),
        ("2.75", "s1", "A", K),
        ("3.61", "s1", "B", SB),
        ("3.60", "s1", "B", B),
        ("3.10", "s1", "B", B),
        ("3.09", "s1", "B", BP),
        ("3.71", "s1", "C", SB),
        ("3.70", "s1", "C", B),
        ("3.20", "s1", "C", B),
        ("3.19", "s1", "C", BP),
        ("3.51", "postgraduate", "A", SB),
        ("3.20", "postgraduate", "A", B),
        ("3.19", "postgraduate", "A", BP),
        ("3.00", "postgraduate", "A", BP),
        ("2.99", "postgraduate", "A", K),
        ("3.25", "postgraduate", "B", B),
        ("3.24", "postgraduate", "B", BP),
        ("3.30", "postgraduate", "C", B),
        ("3.29", "postgraduate", "C", BP),
        ("3.70", "postgraduate", "C", B),
        ("3.71", "postgraduate", "C", SB),
        ("3.01", "s1", "abroad", B),
        ("3.00", "s1", "abroad", BP),
        ("3.20", "postgraduate", "abroad", B),
        ("4.00", "postgraduate", "abroad", SB),
        ("0", "s1", "A", K),
    ],
)
def test_the_ipk_tables(ipk, level, accreditation, expected):
    assert study_predikat(Decimal(ipk), level, accreditation) == expected


def test_an_ipk_outside_0_to_4_is_refused():
    with pytest.raises(ValueError):
        study_predikat(Decimal("4.01"), "s1", "A")
    with pytest.raises(ValueError):
        study_predikat(Decimal("-0.01"), "s1", "A")


def test_dropping_out_gives_kurang_or_sangat_kurang_by_behaviour():
    assert dropout_predikat("dibawah") == SK
    assert dropout_predikat("sesuai") == K
    assert dropout_predikat("diatas") == K


# --- angka kredit -----------------------------------------------------------------------------

PUBLISHED = {
    ("pemula", SB): "5.63",
    ("pemula", B): "3.75",
    ("pemula", BP): "2.81",
    ("pemula", K): "1.88",
    ("pemula", SK): "0.94",
    ("terampil", SB): "7.50",
    ("terampil", B): "5.00",
    ("terampil", BP): "3.75",
    ("terampil", K): "2.50",
    ("terampil", SK): "1.25",
    ("ahli_pertama", SB): "18.75",
    ("ahli_madya", B): "37.50",
}


@pytest.mark.parametrize(("key", "value"), PUBLISHED.items())
def test_published_angka_kredit_values(key, value):
    assert angka_kredit(key[1], key[0]) == Decimal(value)


@pytest.mark.parametrize("jenjang", list(Jenjang))
@pytest.mark.parametrize("grade", list(Predikat))
def test_every_jenjang_and_predikat_rounds_half_up(jenjang, grade):
    exact = CONVERSION[grade] * ANNUAL_COEFFICIENT[jenjang]
    expected = exact.quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    assert angka_kredit(grade, jenjang) == expected


def test_half_cents_round_up_never_to_even():
    assert angka_kredit(SB, "pemula") == Decimal("5.63")  # 5.625
    assert angka_kredit(SK, "mahir") == Decimal("3.13")  # 3.125
    assert angka_kredit(BP, "ahli_madya") == Decimal("28.13")  # 28.125


def test_pro_rating_by_months():
    assert angka_kredit(B, "ahli_muda", months=6) == Decimal("12.50")
    assert angka_kredit(B, "ahli_pertama", months=1) == Decimal("1.04")  # 1.041666...
    assert angka_kredit(SB, "pemula", months=1) == Decimal("0.47")  # 0.46875
    assert angka_kredit(SB, "ahli_pertama", months=4) == Decimal("6.25")


@pytest.mark.parametrize("months", [0, 13, -1])
def test_months_outside_a_year_are_refused(months):
    with pytest.raises(ValueError):
        angka_kredit(B, "ahli_muda", months=months)


@given(
    st.sampled_from(list(Predikat)),
    st.sampled_from(list(Jenjang)),
    st.integers(min_value=1, max_value=12),
)
def test_angka_kredit_is_the_exact_product_rounded_half_up(grade, jenjang, months):
    exact = (
        Fraction(months, 12) * Fraction(CONVERSION[grade]) * Fraction(ANNUAL_COEFFICIENT[jenjang])
    )
    value = angka_kredit(grade, jenjang, months)
    assert abs(Fraction(value) - exact) <= Fraction(1, 200)
    assert Fraction(value) - exact != Fraction(-1, 200)  # a half cent never rounds down
