"""Names of uploaded files are cleaned once, the same way for every upload."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.core.files import clean_filename

RLO = "\u202e"


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("laporan triwulan.pdf", "laporan triwulan.pdf"),
        # The right-to-left override shows "invoice‮fdp.exe" as "invoiceexe.pdf".
        (f"invoice{RLO}fdp.exe", "invoicefdp.exe"),
        (f"bukti{RLO}.pdf", "bukti.pdf"),
        ("a\u2066b\u2069c\u200e\u200f\u202a\u202b\u202c\u202d.pdf", "abc.pdf"),
        ("nul\x00byte.pdf", "nulbyte.pdf"),
        ("line\nbreak\r.pdf", "linebreak.pdf"),
        ("tab\tand\x7fdel.xlsx", "tabanddel.xlsx"),
        ("zero\u200bwidth\ufeff.png", "zerowidth.png"),
        ("para\u2029graph\u2028.pdf", "paragraph.pdf"),
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\system32\\evil.dll", "evil.dll"),
        ("C:\\Users\\siti\\Documents\\SKP 2025.xlsx", "SKP 2025.xlsx"),
        (".htaccess", "htaccess"),
        ("...hidden.pdf", "hidden.pdf"),
        ("trailing dots. . .", "trailing dots"),
        ("  spaced   out  .pdf ", "spaced out .pdf"),
        ('a<b>c:d"e|f?g*h.pdf', "a_b_c_d_e_f_g_h.pdf"),
        ("Laporan Dinas Kesehatan — Puskesmas.pdf", "Laporan Dinas Kesehatan — Puskesmas.pdf"),
        ("cafe\u0301.pdf", "café.pdf"),
    ],
)
def test_hostile_names_are_cleaned(raw, expected):
    assert clean_filename(raw) == expected


@pytest.mark.parametrize("raw", ["", "..", "../..", "/", "\x00\x01", RLO, "   ", None])
def test_a_name_with_nothing_left_becomes_the_default(raw):
    assert clean_filename(raw) == "file"
    assert clean_filename(raw, default="berkas.pdf") == "berkas.pdf"


def test_a_very_long_name_is_trimmed_to_the_field_keeping_the_extension():
    cleaned = clean_filename("a" * 1000 + ".xlsx", max_length=255)
    assert len(cleaned) == 255
    assert cleaned.endswith("a.xlsx")


def test_the_last_length_allowed_is_kept_and_one_more_is_trimmed():
    exact = "b" * 250 + ".pdf"
    assert clean_filename(exact, max_length=254) == exact
    assert clean_filename("b" + exact, max_length=254) == exact


def test_a_long_name_without_extension_is_cut():
    assert clean_filename("x" * 300, max_length=100) == "x" * 100


def test_an_absurd_extension_is_not_kept_whole():
    cleaned = clean_filename("name." + "e" * 300, max_length=50)
    assert len(cleaned) == 50 and cleaned.startswith("name.")


@given(st.text(max_size=400))
def test_any_name_comes_out_safe(raw):
    import unicodedata

    cleaned = clean_filename(raw, max_length=120)
    assert 0 < len(cleaned) <= 120
    assert "/" not in cleaned and "\\" not in cleaned
    assert not cleaned.startswith(".") and cleaned == cleaned.strip()
    assert not any(unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Zl", "Zp"} for ch in cleaned)
    assert clean_filename(cleaned, max_length=120) == cleaned
