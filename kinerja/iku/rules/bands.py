"""Category bands (local LKjIP scales) and the SAKIP evaluation grade (domain.md §2.3, §2.4)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from itertools import pairwise

from kinerja.iku.rules._numbers import _number


class AkipGrade(StrEnum):
    """Grade of the SAKIP evaluation, PermenPANRB 88/2021 (domain.md §2.4)."""

    AA = "AA"
    A = "A"
    BB = "BB"
    B = "B"
    CC = "CC"
    C = "C"
    D = "D"


@dataclass(frozen=True)
class Band:
    """One category of a band table: values from ``lower`` up to the next band's lower bound.

    ``lower_inclusive`` says whether ``lower`` itself belongs to this band (≥) or to the band
    below (>). A table lists its bands from the lowest up; the first starts at 0 inclusive and the
    last has no upper bound, so a table has no gap and no overlap by construction. Two consecutive
    bands may share a bound when the first includes it and the second does not: that band holds a
    single value (e.g. "Baik = 100 %" between "80-99 %" and "> 100 %").
    """

    label: str
    lower: Decimal
    lower_inclusive: bool = True

    def __post_init__(self) -> None:
        if not isinstance(self.label, str) or not self.label.strip():
            raise ValueError("a band needs a non-empty label")
        lower = _number(self.lower, "band lower bound")
        if lower is None:
            raise ValueError(f"band {self.label!r} needs a lower bound")
        object.__setattr__(self, "lower", lower)
        if not isinstance(self.lower_inclusive, bool):
            raise ValueError("lower_inclusive must be True or False")

    def describe(self) -> str:
        """The bound as printed in a legend: '≥ 91' or '> 85'."""
        return f"{'≥' if self.lower_inclusive else '>'} {self.lower}"


def validate_bands(bands: Sequence[Band]) -> tuple[Band, ...]:
    """Check a band table set up by an agency and return it as a tuple.

    Source: domain.md §2.3 "Category bands" (local and configurable) and §2.5. A valid table is
    non-empty, made of :class:`Band`, starts at 0 inclusive, rises strictly (a shared bound only as
    "≥ x" followed by "> x") and uses each label once. Raises ValueError otherwise.
    """
    table = tuple(bands)
    if not table:
        raise ValueError("a band table needs at least one band")
    if not all(isinstance(band, Band) for band in table):
        raise ValueError("a band table is a sequence of Band")
    first = table[0]
    if first.lower != 0 or not first.lower_inclusive:
        raise ValueError(f"the first band must start at 0 inclusive, got {first.describe()}")
    for below, above in pairwise(table):
        rises = above.lower > below.lower
        single_value = (
            above.lower == below.lower and below.lower_inclusive and not above.lower_inclusive
        )
        if not (rises or single_value):
            raise ValueError(
                f"bands must be sorted from the lowest up without overlap: "
                f"{below.label!r} ({below.describe()}) then {above.label!r} ({above.describe()})"
            )
    labels = [band.label for band in table]
    if len(set(labels)) != len(labels):
        raise ValueError(f"a band label appears twice: {labels}")
    return table


def category(capaian, bands: Sequence[Band], *, missing: str = "") -> str:
    """The label of the band holding ``capaian``.

    Source: domain.md §2.3 "Category bands": each agency or report sets its own labels and bounds
    (see PERMENDAGRI_86_2017_BANDS and LKJIP_REGENCY_EXAMPLE_BANDS). A value above 100 falls in
    the top band, which has no upper bound. None (no capaian) returns ``missing``, "" by default.
    A negative value raises ValueError, as does an invalid table (see :func:`validate_bands`).
    """
    table = validate_bands(bands)
    value = _number(capaian, "capaian")
    if value is None:
        return missing
    if value < 0:
        raise ValueError(f"capaian cannot be negative, got {value}")
    chosen = table[0]
    for band in table[1:]:
        if value > band.lower or (band.lower_inclusive and value == band.lower):
            chosen = band
        else:
            break
    return chosen.label


PERMENDAGRI_86_2017_BANDS: tuple[Band, ...] = (
    Band("Sangat Rendah", 0),
    Band("Rendah", 51),
    Band("Sedang", 66),
    Band("Tinggi", 76),
    Band("Sangat Tinggi", 91),
)
"""Permendagri 86/2017 style scale for the achievement of regional plans (domain.md §2.3, [M]).

Printed as "≥91 Sangat Tinggi, 76-90 Tinggi, 66-75 Sedang, 51-65 Rendah, ≤50 Sangat Rendah".
The printed bounds are whole numbers and leave gaps such as 90-91; this table reads each printed
minimum as inclusive, so a grade is earned on reaching its printed minimum and 90.50 is Tinggi.
"""

LKJIP_REGENCY_EXAMPLE_BANDS: tuple[Band, ...] = (
    Band("Kurang", 0),
    Band("Agak Kurang", 30, lower_inclusive=False),
    Band("Cukup Baik", 50, lower_inclusive=False),
    Band("Baik", 65, lower_inclusive=False),
    Band("Sangat Baik", 75, lower_inclusive=False),
    Band("Memuaskan", 85, lower_inclusive=False),
)
"""Category scale of one regency's LKjIP (domain.md §2.3, [H] for that report).

Printed as ">85-100 Memuaskan, >75-<85 Sangat Baik, >65-75 Baik, >50-65 Cukup Baik, >30-50 Agak
Kurang, 0-30 Kurang": lower-exclusive bounds. The printed "<85" would leave exactly 85 in no band;
following the other rows, 85 is Sangat Baik.
"""


# --- SAKIP evaluation grade ----------------------------------------------------------------------

AKIP_GRADE_BANDS: tuple[Band, ...] = (
    Band(AkipGrade.D, 0),
    Band(AkipGrade.C, 30, lower_inclusive=False),
    Band(AkipGrade.CC, 50, lower_inclusive=False),
    Band(AkipGrade.B, 60, lower_inclusive=False),
    Band(AkipGrade.BB, 70, lower_inclusive=False),
    Band(AkipGrade.A, 80, lower_inclusive=False),
    Band(AkipGrade.AA, 90, lower_inclusive=False),
)
"""SAKIP grades on the LKE total score, PermenPANRB 88/2021 (domain.md §2.4): lower-exclusive."""

AKIP_GRADE_LABELS: Mapping[AkipGrade, str] = {
    AkipGrade.AA: "Sangat Memuaskan",
    AkipGrade.A: "Memuaskan",
    AkipGrade.BB: "Sangat Baik",
    AkipGrade.B: "Baik",
    AkipGrade.CC: "Cukup (Memadai)",
    AkipGrade.C: "Kurang",
    AkipGrade.D: "Sangat Kurang",
}
"""The label printed with each grade, PermenPANRB 88/2021 (domain.md §2.4)."""


def akip_grade(score) -> str:
    """SAKIP evaluation grade (AA … D) of a total LKE score.

    Source: PermenPANRB 88/2021, grade table (domain.md §2.4): AA > 90-100, A > 80-90,
    BB > 70-80, B > 60-70, CC > 50-60, C > 30-50, D 0-30. Bounds are lower-exclusive: 90.00 is A,
    90.01 is AA. None (not evaluated yet) returns ""; a score outside 0-100 raises ValueError.
    """
    value = _number(score, "score")
    if value is not None and not (0 <= value <= 100):
        raise ValueError(f"an AKIP score lies between 0 and 100, got {value}")
    return category(value, AKIP_GRADE_BANDS)
