"""Pure rules of organisation performance (IKU, PK, LKjIP, SAKIP): no Django, no database.

Sources are named in each docstring; "domain.md" is the project's domain reference, which gives
the regulation, page and confidence level behind every rule cited here.

Conventions shared by every function here:

- Numbers are accepted as ``Decimal``, ``int``, ``float`` or numeric strings ("12.5", " 3 ",
  "1E3"). Floats go through ``str()`` so that ``0.1`` means ``Decimal("0.1")``, not its binary
  approximation. Booleans, NaN, infinities and strings such as "12,5" raise ``ValueError``: a
  decimal comma is ambiguous with a thousands separator, so forms must normalise it first.
- ``None`` means "no data": it is never read as zero.
- A configuration error (unknown polarity, formula, rounding or consolidation rule, bad band table)
  raises ``ValueError`` even when the data are missing, so that it is caught at the first call.
- Arithmetic runs in a private decimal context (50 significant digits), independent of the
  caller's context; results are rounded only at the end.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import (
    ROUND_DOWN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    localcontext,
)
from enum import StrEnum
from itertools import pairwise
from typing import NamedTuple

ZERO = Decimal(0)
HUNDRED = Decimal(100)

_CONTEXT = Context(prec=50, traps=[InvalidOperation, DivisionByZero, Overflow])


class Polarity(StrEnum):
    """Direction of an indicator (domain.md §2.3; PermenPANRB 8/2021 Lampiran)."""

    HIGHER = "higher"  # semakin tinggi semakin baik, "maximize"
    LOWER = "lower"  # semakin rendah semakin baik, "minimize"
    RANGE = "range"  # a target interval, "stabilize"


class LowerIsBetterFormula(StrEnum):
    """The two published lower-is-better formulas; LKjIPs disagree, so it is a setting."""

    TWO_T_MINUS_R = "2t-r"  # (2T - R) / T * 100, variants A and B of domain.md §2.3
    T_OVER_R = "t/r"  # T / R * 100, variant C of domain.md §2.3


class Rounding(StrEnum):
    """Rounding of printed percentages: half-up by default, truncation in some LKjIPs."""

    HALF_UP = "half_up"
    TRUNCATE = "truncate"


class Consolidation(StrEnum):
    """Kemenkeu's "jenis konsolidasi periode" (domain.md §2.3)."""

    SUM = "sum"
    AVERAGE = "average"
    LAST = "last"


class OrgPredikat(StrEnum):
    """Capaian kinerja organisasi, PermenPANRB 6/2022 Lampiran p.92 (domain.md §1.5, §5)."""

    ISTIMEWA = "ISTIMEWA"
    BAIK = "BAIK"
    BUTUH_PERBAIKAN = "BUTUH_PERBAIKAN"
    KURANG = "KURANG"
    SANGAT_KURANG = "SANGAT_KURANG"


class AkipGrade(StrEnum):
    """Grade of the SAKIP evaluation, PermenPANRB 88/2021 (domain.md §2.4)."""

    AA = "AA"
    A = "A"
    BB = "BB"
    B = "B"
    CC = "CC"
    C = "C"
    D = "D"


_ROUNDING_MODES = {Rounding.HALF_UP: ROUND_HALF_UP, Rounding.TRUNCATE: ROUND_DOWN}

# Worst first: a band table for the organisation predikat must rise in this order.
_ORG_PREDIKAT_RANK = {
    OrgPredikat.SANGAT_KURANG: 0,
    OrgPredikat.KURANG: 1,
    OrgPredikat.BUTUH_PERBAIKAN: 2,
    OrgPredikat.BAIK: 3,
    OrgPredikat.ISTIMEWA: 4,
}


# --- helpers -----------------------------------------------------------------------------------


def _number(value, name: str) -> Decimal | None:
    """Decimal from Decimal, int, float or a numeric string; None stays None."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"{name} must be a number, got {value!r}")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(str(value))
    elif isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            raise ValueError(f"{name} is not a number: {value!r}") from None
    else:
        raise ValueError(f"{name} must be a number, got {type(value).__name__}")
    if not number.is_finite():
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return number


def _non_negative(value: Decimal | None, name: str) -> Decimal | None:
    if value is not None and value < 0:
        raise ValueError(f"{name} cannot be negative for a percentage of target, got {value}")
    return value


def _known_numbers(values: Iterable) -> list[Decimal]:
    return [number for v in values if (number := _number(v, "value")) is not None]


def _choice(enum: type[StrEnum], value, name: str):
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(repr(member.value) for member in enum)
        raise ValueError(f"unknown {name} {value!r}; expected one of {allowed}") from None


def _rounding_mode(rounding) -> str:
    return _ROUNDING_MODES[_choice(Rounding, rounding, "rounding")]


def _round(value: Decimal, places: int, mode: str) -> Decimal:
    try:
        return value.quantize(Decimal(1).scaleb(-places), rounding=mode, context=_CONTEXT)
    except InvalidOperation:
        raise ValueError(f"{value} is too large to round to {places} decimals") from None


def _check_places(places) -> None:
    if isinstance(places, bool) or not isinstance(places, int) or not 0 <= places <= 10:
        raise ValueError(f"places must be an int from 0 to 10, got {places!r}")


# --- capaian ---------------------------------------------------------------------------------


def capaian(
    target,
    realisation,
    polarity,
    *,
    lower_is_better_formula="2t-r",
    target_high=None,
    cap=None,
    places: int = 2,
    rounding="half_up",
) -> Decimal | None:
    """Achievement (capaian) of an indicator, in percent of its target.

    Sources: domain.md §2.3 (LKjIP practice; PermenPANRB 8/2021 Lampiran for the lower-is-better
    "kondisi khusus" and for range targets; §1.11).

    - ``"higher"``: R / T * 100.
    - ``"lower"`` with ``"2t-r"``: (2T - R) / T * 100, which is also (1 + (1 - R/T)) * 100.
    - ``"lower"`` with ``"t/r"``: T / R * 100.
    - ``"range"``: ``target`` is the low bound and ``target_high`` the high bound. Inside
      [T_low, T_high] (bounds included) → 100; above → the lower-is-better formula against T_high;
      below → the higher-is-better formula against T_low. Degenerate cases follow those rules.

    Degenerate cases (not covered by the regulations; domain.md §2.3 recommendation):

    - ``target``, ``realisation`` or, for a range, ``target_high`` is None → None ("no capaian",
      never zero).
    - higher-is-better with T = 0 → None: the ratio is not computable.
    - lower-is-better with T = 0 → 100 when R ≤ 0 (the zero target is met), otherwise 0.
    - ``"t/r"`` with T > 0 and R ≤ 0: T / R is infinite (and would change sign below zero). The
      result is the best score the report allows: ``cap`` when a cap is set (the limit of T/R as R
      falls to 0), otherwise None, because an uncapped "infinite %" cannot be printed and must be
      looked at by a person.
    - A negative result (R > 2T with ``"2t-r"``, or a negative realisation with ``"higher"``) is
      floored at 0: a capaian is never negative.

    ``cap`` (None, or a positive percentage such as 100, 110 or 120: domain.md §2.3 "Capping") is
    applied after computing and before rounding; it may not have more decimals than ``places``, so
    that rounding can never push a capped value above the cap. The result is rounded to ``places``
    decimals, ``"half_up"`` (ROUND_HALF_UP) or ``"truncate"`` (ROUND_DOWN).

    Raises ValueError for an unknown polarity, formula or rounding, a negative target or bound,
    ``target_high`` below ``target`` for a range, or ``target_high`` given for another polarity.
    """
    polarity = _choice(Polarity, polarity, "polarity")
    formula = _choice(LowerIsBetterFormula, lower_is_better_formula, "lower_is_better_formula")
    _check_places(places)
    mode = _rounding_mode(rounding)
    cap_value = _number(cap, "cap")
    if cap_value is not None:
        if cap_value <= 0:
            raise ValueError(f"cap must be a positive percentage, got {cap_value}")
        if cap_value != _round(cap_value, places, ROUND_DOWN):
            raise ValueError(f"cap {cap_value} has more decimals than places={places}")
    if polarity is not Polarity.RANGE and target_high is not None:
        raise ValueError("target_high only applies to the 'range' polarity")

    low = _non_negative(_number(target, "target"), "target")
    high = _non_negative(_number(target_high, "target_high"), "target_high")
    real = _number(realisation, "realisation")
    if polarity is Polarity.RANGE and low is not None and high is not None and high < low:
        raise ValueError(f"target_high ({high}) is below the range's low target ({low})")
    if low is None or real is None or (polarity is Polarity.RANGE and high is None):
        return None

    with localcontext(_CONTEXT):
        if polarity is Polarity.HIGHER:
            raw = _higher_is_better(low, real)
        elif polarity is Polarity.LOWER:
            raw = _lower_is_better(low, real, formula)
        elif real < low:
            raw = _higher_is_better(low, real)
        elif real > high:
            raw = _lower_is_better(high, real, formula)
        else:
            raw = HUNDRED

        if raw is _UNBOUNDED:
            return None if cap_value is None else _round(cap_value, places, mode)
        if raw is None:
            return None
        raw = max(raw, ZERO)
        if cap_value is not None:
            raw = min(raw, cap_value)
        return _round(raw, places, mode)


_UNBOUNDED = object()  # T / R with R ≤ 0: better than any finite percentage


def _higher_is_better(target: Decimal, real: Decimal) -> Decimal | None:
    if target == 0:
        return None
    return real * HUNDRED / target


def _lower_is_better(target: Decimal, real: Decimal, formula: LowerIsBetterFormula):
    if target == 0:
        return HUNDRED if real <= 0 else ZERO
    if formula is LowerIsBetterFormula.TWO_T_MINUS_R:
        return (2 * target - real) * HUNDRED / target
    if real <= 0:
        return _UNBOUNDED
    return target * HUNDRED / real


# --- aggregation and consolidation ---------------------------------------------------------------


def mean(values: Iterable, *, places: int = 2, rounding="half_up") -> Decimal | None:
    """Simple mean of capaian values, e.g. a sasaran's capaian from its indicators' capaian.

    Source: domain.md §2.3 "Aggregation" (LKjIP practice: simple mean; some reports truncate to
    2 decimals instead of rounding, hence ``rounding``). None entries are ignored; the result is
    None when no value is left to average.
    """
    _check_places(places)
    mode = _rounding_mode(rounding)
    known = _known_numbers(values)
    if not known:
        return None
    with localcontext(_CONTEXT):
        return _round(sum(known, ZERO) / len(known), places, mode)


def consolidate(
    values: Iterable, rule, *, places: int | None = None, rounding="half_up"
) -> Decimal | None:
    """Roll period values (for example monthly realisations) up into a quarter or a year.

    Source: Kemenkeu "jenis konsolidasi periode" (Buku Pintar Kinerja KPPN Denpasar), domain.md
    §2.3 "Period consolidation".

    ``values`` are in chronological order; None marks a period without data and is ignored, not
    read as zero. Rules: ``"sum"`` (flows: people served, rupiah collected), ``"average"``
    (levels: a mean rate), ``"last"`` (stocks and cumulative figures: the last known value). The
    result is None when no period has data. It is not rounded unless ``places`` is given, because
    it usually feeds :func:`capaian`, which rounds.
    """
    rule = _choice(Consolidation, rule, "consolidation rule")
    if places is not None:
        _check_places(places)
    mode = _rounding_mode(rounding)
    known = _known_numbers(values)
    if not known:
        return None
    with localcontext(_CONTEXT):
        if rule is Consolidation.SUM:
            result = sum(known, ZERO)
        elif rule is Consolidation.AVERAGE:
            result = sum(known, ZERO) / len(known)
        else:
            result = known[-1]
        if places is None:
            return result
        return _round(result, places, mode)


# --- category bands ---------------------------------------------------------------------------


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


# --- organisation predikat -----------------------------------------------------------------------

DEFAULT_ORG_PREDIKAT_BANDS: tuple[Band, ...] = (
    Band(OrgPredikat.SANGAT_KURANG, 0),
    Band(OrgPredikat.KURANG, 60),
    Band(OrgPredikat.BUTUH_PERBAIKAN, 80),
    Band(OrgPredikat.BAIK, 100),
    Band(OrgPredikat.ISTIMEWA, 101),
)
"""Default mapping of an organisation's capaian (%) to its predikat; agencies configure their own.

No national rule fixes this mapping: PermenPANRB 6/2022 (p.92-94) defers it to the rules on
organisational performance and SE MenPANRB 3/2023 leaves it to the higher leader (domain.md §2.5,
open question 4). The default transcribes the only national five-step capaian scale, the IKI
categories of PermenPANRB 8/2021 (Sangat Baik ≥ 101 %, Baik 100 %, Cukup 80-99 %, Kurang 60-79 %,
Sangat Kurang 0-59 %; domain.md §1.11), with Cukup read as Butuh Perbaikan as in the angka-kredit
tables (§1.5). It agrees with SE 3/2023's guidance that an organisation exceeding its targets is
Istimewa. Printed minimums are inclusive, so 100 ≤ capaian < 101 is Baik and 99.50 is Butuh
Perbaikan; an agency that, like 8/2021, rounds capaian to whole percent first gets exactly the
8/2021 categories by calling ``capaian(..., places=0)``.
"""


def org_predikat(capaian, bands: Sequence[Band] = DEFAULT_ORG_PREDIKAT_BANDS) -> str:
    """Predikat of an organisation (ISTIMEWA … SANGAT_KURANG) from its capaian in percent.

    Sources: PermenPANRB 6/2022 Lampiran p.92-93 (the five values; annual predikat from IKU
    achievement) and domain.md §1.5 step 1 and §2.5 (the mapping is an agency setting). Uses the
    band mechanism of :func:`category`; ``bands`` defaults to DEFAULT_ORG_PREDIKAT_BANDS and must
    use OrgPredikat values as labels, rising from worse to better. None returns "".
    """
    table = validate_bands(bands)
    ranks = [_ORG_PREDIKAT_RANK[_choice(OrgPredikat, band.label, "predikat")] for band in table]
    if ranks != sorted(ranks):
        raise ValueError("organisation predikat bands must rise from SANGAT_KURANG to ISTIMEWA")
    label = category(capaian, table)
    return OrgPredikat(label) if label else ""


class ChosenOrgResult(NamedTuple):
    """The annual organisation result that counts, and the year it belongs to."""

    year: int
    result: str


def annual_org_result_for(
    year: int,
    results_by_year: Mapping[int, str],
    *,
    issued_on: datetime.date | None,
    deadline: datetime.date | None = None,
) -> ChosenOrgResult | None:
    """The annual organisation result to use when evaluating employees for ``year``.

    Source: PermenPANRB 6/2022 Lampiran p.94 item f (domain.md §1.5 step 1): when the annual
    organisation result is issued after January of the following year, the previous year's result
    is used.

    ``results_by_year`` maps a year to its issued result (e.g. an OrgPredikat); ``issued_on`` is the
    date the result of ``year`` was issued, None when it has not been issued. ``deadline`` defaults
    to 31 January of ``year + 1``; an issue on the deadline is in time. A result not issued yet is
    treated like a late one: what can be used now is the previous year's (recompute if it is issued
    in time). Returns the chosen (year, result), or None when the fallback year has no result
    either. Raises ValueError when ``issued_on`` and ``results_by_year`` disagree about whether the
    result of ``year`` exists, or when it was issued before ``year`` began.
    """
    if isinstance(year, bool) or not isinstance(year, int):
        raise ValueError(f"year must be an int, got {year!r}")
    if deadline is None:
        deadline = datetime.date(year + 1, 1, 31)
    has_result = results_by_year.get(year) is not None
    if has_result != (issued_on is not None):
        raise ValueError(
            f"issued_on must be given exactly when a result for {year} exists "
            f"(issued_on={issued_on}, result={results_by_year.get(year)!r})"
        )
    if issued_on is not None:
        if issued_on < datetime.date(year, 1, 1):
            raise ValueError(f"the {year} result cannot be issued on {issued_on}")
        if issued_on <= deadline:
            return ChosenOrgResult(year, results_by_year[year])
    previous = results_by_year.get(year - 1)
    return ChosenOrgResult(year - 1, previous) if previous is not None else None
