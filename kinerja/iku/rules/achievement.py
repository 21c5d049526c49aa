"""Capaian (achievement %) of one indicator against its target (domain.md §2.3)."""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal, localcontext
from enum import StrEnum

from kinerja.iku.rules._numbers import (
    _CONTEXT,
    HUNDRED,
    ZERO,
    _check_places,
    _choice,
    _non_negative,
    _number,
    _round,
    _rounding_mode,
)


class Polarity(StrEnum):
    """Direction of an indicator (domain.md §2.3; PermenPANRB 8/2021 Lampiran).

    The shape of the target (one value or a range) is a separate setting, :class:`TargetShape`:
    a range target keeps the indicator's direction. ``"stabilise"`` is Kemenkeu's "stabilize"
    polarity (KMK 467/2014, [L]: its exact formula was not found), offered only as an explicit
    choice: a penalty on both sides of the target.
    """

    HIGHER = "higher"  # semakin tinggi semakin baik, "maximize"
    LOWER = "lower"  # semakin rendah semakin baik, "minimize"
    STABILISE = "stabilise"  # keep it at the target: below and above are both penalised


class TargetShape(StrEnum):
    """Shape of an indicator's targets: one value, or a range [T_low, T_high] (domain.md §2.3)."""

    SINGLE = "single"
    RANGE = "range"


class LowerIsBetterFormula(StrEnum):
    """The two published lower-is-better formulas; LKjIPs disagree, so it is a setting."""

    TWO_T_MINUS_R = "2t-r"  # (2T - R) / T * 100, variants A and B of domain.md §2.3
    T_OVER_R = "t/r"  # T / R * 100, variant C of domain.md §2.3


def capaian(
    target,
    realisation,
    polarity,
    *,
    target_shape="single",
    target_high=None,
    lower_is_better_formula="2t-r",
    cap=None,
    places: int = 2,
    rounding="half_up",
) -> Decimal | None:
    """Achievement (capaian) of an indicator, in percent of its target.

    Sources: domain.md §2.3 (LKjIP practice; PermenPANRB 8/2021 Lampiran for the lower-is-better
    "kondisi khusus" and for range targets; §1.11).

    Direction (``polarity``), against a single target T:

    - ``"higher"``: R / T * 100.
    - ``"lower"`` with ``"2t-r"``: (2T - R) / T * 100, which is also (1 + (1 - R/T)) * 100.
    - ``"lower"`` with ``"t/r"``: T / R * 100.
    - ``"stabilise"``: R = T → 100; below → the higher-is-better formula; above → the
      lower-is-better formula (a penalty on both sides).

    Shape (``target_shape``): with ``"range"``, ``target`` is the low bound and ``target_high``
    the high bound. A realisation inside [T_low, T_high] (bounds included) → 100; above the range
    → the direction's own formula with T = T_high; below → the direction's own formula with
    T = T_low. Example (higher, range 40-50): R 45 → 100, R 55 → 110, R 36 → 90. Example
    (lower, "2t-r", range 4-5): R 6 → 80, R 3.5 → 112.5. With ``"stabilise"`` a range is
    penalised on both sides: below → R / T_low, above → the lower-is-better formula on T_high.

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

    Raises ValueError for an unknown polarity, shape, formula or rounding, a negative target or
    bound, ``target_high`` below ``target`` for a range, or ``target_high`` given for a single
    target.
    """
    polarity = _choice(Polarity, polarity, "polarity")
    shape = _choice(TargetShape, target_shape, "target shape")
    formula = _choice(LowerIsBetterFormula, lower_is_better_formula, "lower_is_better_formula")
    _check_places(places)
    mode = _rounding_mode(rounding)
    cap_value = _number(cap, "cap")
    if cap_value is not None:
        if cap_value <= 0:
            raise ValueError(f"cap must be a positive percentage, got {cap_value}")
        if cap_value != _round(cap_value, places, ROUND_DOWN):
            raise ValueError(f"cap {cap_value} has more decimals than places={places}")
    is_range = shape is TargetShape.RANGE
    if not is_range and target_high is not None:
        raise ValueError("target_high only applies to a range target (target_shape='range')")

    low = _non_negative(_number(target, "target"), "target")
    high = _non_negative(_number(target_high, "target_high"), "target_high")
    real = _number(realisation, "realisation")
    if is_range and low is not None and high is not None and high < low:
        raise ValueError(f"target_high ({high}) is below the range's low target ({low})")
    if low is None or real is None or (is_range and high is None):
        return None
    if not is_range:
        high = low

    with localcontext(_CONTEXT):
        raw = _raw_capaian(low, high, real, polarity, formula, is_range=is_range)
        if raw is _UNBOUNDED:
            return None if cap_value is None else _round(cap_value, places, mode)
        if raw is None:
            return None
        raw = max(raw, ZERO)
        if cap_value is not None:
            raw = min(raw, cap_value)
        return _round(raw, places, mode)


def _raw_capaian(low, high, real, polarity: Polarity, formula, *, is_range: bool):
    """Unrounded capaian; a single target is the range [T, T] except that the higher- and
    lower-is-better formulas apply to it as they stand (R = T is 100 by the formula itself,
    and a zero target keeps its degenerate answer)."""
    if polarity is Polarity.STABILISE:
        below, above = Polarity.HIGHER, Polarity.LOWER
    else:
        below = above = polarity
    if not is_range and polarity is not Polarity.STABILISE:
        return _directed(polarity, low, real, formula)
    if real < low:
        return _directed(below, low, real, formula)
    if real > high:
        return _directed(above, high, real, formula)
    return HUNDRED


def _directed(polarity: Polarity, target: Decimal, real: Decimal, formula):
    if polarity is Polarity.HIGHER:
        return _higher_is_better(target, real)
    return _lower_is_better(target, real, formula)


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
