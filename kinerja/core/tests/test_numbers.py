from hypothesis import given
from hypothesis import strategies as st

from kinerja.core.numbers import is_ascii_digits, parse_int


@given(st.integers(min_value=0, max_value=10**30))
def test_ascii_numbers_are_read(number):
    assert is_ascii_digits(str(number))
    assert parse_int(str(number)) == number


@given(st.text())
def test_anything_else_is_refused_without_an_error(text):
    result = parse_int(text)
    assert result is None or (text.isascii() and text.isdigit() and result == int(text))


def test_lookalike_digits_are_refused():
    for text in ["²", "٣", "1²", "١٢", "", " 1", "-1", "1.0", None]:
        assert parse_int(text) is None
