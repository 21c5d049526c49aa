import datetime

from hypothesis import given
from hypothesis import strategies as st

from kinerja.org import rules
from kinerja.org.rules import NipProblem

TODAY = datetime.date(2026, 11, 24)

birth_dates = st.dates(min_value=datetime.date(1940, 1, 1), max_value=datetime.date(2005, 12, 31))


@st.composite
def valid_nip_parts(draw):
    birth = draw(birth_dates)
    earliest = birth.year * 12 + birth.month - 1 + rules.MIN_APPOINTMENT_AGE_YEARS * 12
    latest = TODAY.year * 12 + TODAY.month - 1
    if earliest > latest:
        birth = datetime.date(1980, birth.month, min(birth.day, 28))
        earliest = birth.year * 12 + birth.month - 1 + rules.MIN_APPOINTMENT_AGE_YEARS * 12
    month_index = draw(st.integers(min_value=earliest, max_value=latest))
    year, month = divmod(month_index, 12)
    sex = draw(st.sampled_from(["L", "P"]))
    serial = draw(st.integers(min_value=1, max_value=999))
    return birth, year, month + 1, sex, serial


@given(valid_nip_parts())
def test_every_well_formed_nip_is_valid_and_round_trips(parts):
    birth, year, month, sex, serial = parts
    nip = rules.compose_nip(birth, year, month, sex, serial)
    assert rules.nip_problems(nip, today=TODAY) == []
    parsed = rules.parse_nip(nip, today=TODAY)
    assert (parsed.birth_date, parsed.appointment_year, parsed.appointment_month) == (
        birth,
        year,
        month,
    )
    assert (parsed.sex, parsed.serial) == (sex, serial)


@given(valid_nip_parts(), st.integers(min_value=0, max_value=17), st.sampled_from("x -/a"))
def test_a_non_digit_anywhere_is_a_format_problem(parts, index, char):
    nip = rules.compose_nip(*parts)
    broken = nip[:index] + char + nip[index + 1 :]
    assert rules.nip_problems(broken, today=TODAY) == [NipProblem.FORMAT]


@given(valid_nip_parts(), st.integers(min_value=1, max_value=17))
def test_a_nip_of_the_wrong_length_is_a_format_problem(parts, cut):
    nip = rules.compose_nip(*parts)
    assert rules.nip_problems(nip[:cut], today=TODAY) == [NipProblem.FORMAT]
    assert rules.nip_problems(nip + nip[:cut], today=TODAY) == [NipProblem.FORMAT]


@given(valid_nip_parts(), st.sampled_from("0345678"))
def test_the_sex_digit_must_be_1_or_2(parts, digit):
    nip = rules.compose_nip(*parts)
    broken = nip[:14] + digit + nip[15:]
    assert NipProblem.SEX in rules.nip_problems(broken, today=TODAY)


@given(valid_nip_parts(), st.sampled_from(["00", "13", "19", "99"]))
def test_an_impossible_appointment_month_is_reported(parts, month):
    nip = rules.compose_nip(*parts)
    broken = nip[:12] + month + nip[14:]
    assert NipProblem.APPOINTMENT in rules.nip_problems(broken, today=TODAY)


@given(valid_nip_parts(), st.sampled_from(["0230", "0231", "1332", "0000", "0431"]))
def test_an_impossible_birth_date_is_reported(parts, month_day):
    nip = rules.compose_nip(*parts)
    broken = nip[:4] + month_day + nip[8:]
    assert NipProblem.BIRTH_DATE in rules.nip_problems(broken, today=TODAY)


@given(valid_nip_parts())
def test_serial_000_is_invalid(parts):
    nip = rules.compose_nip(*parts)
    assert rules.nip_problems(nip[:15] + "000", today=TODAY) == [NipProblem.SERIAL]


@given(birth_dates, st.integers(min_value=0, max_value=16 * 12 + 11))
def test_appointment_before_age_17_is_reported(birth, months_after_birth):
    index = birth.year * 12 + birth.month - 1 + months_after_birth
    year, month = divmod(index, 12)
    nip = rules.compose_nip(birth, year, month + 1, "L", 1)
    assert NipProblem.APPOINTMENT_TOO_EARLY in rules.nip_problems(nip, today=TODAY)


def test_appointment_in_the_future_is_reported():
    nip = rules.compose_nip(datetime.date(1990, 1, 1), 2026, 12, "P", 5)
    assert rules.nip_problems(nip, today=TODAY) == [NipProblem.APPOINTMENT_IN_FUTURE]
    assert rules.nip_problems(nip, today=datetime.date(2026, 12, 1)) == []


def test_known_nip_parses_to_its_parts():
    parts = rules.parse_nip("198503142010031001", today=TODAY)
    assert parts.birth_date == datetime.date(1985, 3, 14)
    assert parts.appointment_date == datetime.date(2010, 3, 1)
    assert parts.sex == "L"
    assert parts.serial == 1


def test_normalise_nip_removes_spaces_and_dots():
    assert rules.normalise_nip("19850314 201003 1 001") == "198503142010031001"
    assert rules.normalise_nip("19850314.201003.1.001") == "198503142010031001"


def test_mask_nip_keeps_only_the_ends():
    assert rules.mask_nip("198503142010031001") == "1985************01"


def test_display_name_puts_titles_where_offices_print_them():
    assert rules.display_name("Siti Aminah", "dr.", "M.Kes.") == "dr. Siti Aminah, M.Kes."
    assert rules.display_name("Budi") == "Budi"
