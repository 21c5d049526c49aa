"""Whole numbers typed or posted by users (ids, years, NIP)."""

from __future__ import annotations


def is_ascii_digits(value) -> bool:
    """Only the digits 0-9: str.isdigit() also accepts "²" or "٣", which int() refuses or reads
    as another number."""
    text = str(value if value is not None else "")
    return text.isascii() and text.isdigit()


def parse_int(value) -> int | None:
    """The whole number written in `value` (ASCII digits only), or None."""
    return int(str(value)) if is_ascii_digits(value) else None
