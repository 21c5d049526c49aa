"""Aggregation of capaian and consolidation of period figures (domain.md §2.3)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from enum import StrEnum

from kinerja.iku.rules._numbers import (
    _CONTEXT,
    ZERO,
    _check_places,
    _choice,
    _known_numbers,
    _round,
    _rounding_mode,
)


class Consolidation(StrEnum):
    """Kemenkeu's "jenis konsolidasi periode" (domain.md §2.3)."""

    SUM = "sum"
    AVERAGE = "average"
    LAST = "last"


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


# --- coverage of the periods and the roll-up indicator → goal → unit ----------------------------


class _Covered:
    """A figure that may say how many of its expected period reports were in."""

    reported: int | None
    expected: int | None

    @property
    def is_partial(self) -> bool:
        return is_partial(self.reported, self.expected)


@dataclass(frozen=True)
class Figure(_Covered):
    """A capaian with the periods behind it: ``reported`` of the ``expected`` period reports.

    ``reported`` and ``expected`` are None for a figure of one period (nothing to consolidate).
    """

    capaian: Decimal | None
    reported: int | None = None
    expected: int | None = None


@dataclass(frozen=True)
class RolledUp(_Covered):
    """The mean capaian of a goal (or a unit), how many members had one, and its coverage."""

    capaian: Decimal | None
    count: int
    reported: int | None = None
    expected: int | None = None


def is_partial(reported: int | None, expected: int | None) -> bool:
    """Whether a consolidated figure was computed while some expected periods were not in.

    Source: domain.md §2.3 "Period consolidation" (sum, average, last known) rolls the periods
    up; a period without data is ignored by :func:`consolidate`, so a year with unreported
    periods would look final. It is partial instead, and says how many periods are in.
    """
    if reported is None or expected is None:
        return False
    if reported < 0 or expected < 0 or reported > expected:
        raise ValueError(f"cannot have {reported} of {expected} periods reported")
    return reported < expected


def _coverage(figures: Sequence) -> tuple[int | None, int | None]:
    counted = [f for f in figures if f.expected is not None]
    if not counted:
        return None, None
    return sum(f.reported or 0 for f in counted), sum(f.expected for f in counted)


def _rolled(figures: Sequence, places: int, rounding) -> RolledUp:
    reported, expected = _coverage(figures)
    values = [f.capaian for f in figures]
    return RolledUp(
        capaian=mean(values, places=places, rounding=rounding),
        count=sum(1 for v in values if v is not None),
        reported=reported,
        expected=expected,
    )


def roll_up(
    figures_by_goal: Mapping[Hashable, Sequence[Figure]],
    unit_of_goal: Mapping[Hashable, Hashable],
    *,
    places: int = 2,
    rounding="half_up",
) -> tuple[dict[Hashable, RolledUp], dict[Hashable, RolledUp]]:
    """Indicator capaian → goal capaian → unit capaian, with the periods behind them.

    Source: domain.md §2.3 "Aggregation": a goal's (sasaran's) capaian is the simple mean of its
    indicators' capaian, and a unit's the simple mean of its goals' (rounded as the report
    says). Indicators and goals without a capaian are left out of the mean and counted apart.

    ``figures_by_goal`` maps a goal key (for example (goal id, period id)) to its indicators'
    figures; ``unit_of_goal`` maps every goal key to its unit key. Returns (goal rows, unit rows)
    by key. The coverage (``reported`` of ``expected`` period reports) of a goal is the sum of
    its indicators', of a unit the sum of its goals': a goal or unit is partial as soon as one
    expected report behind it is missing, even when that indicator has no capaian yet.
    """
    goals = {key: _rolled(figures, places, rounding) for key, figures in figures_by_goal.items()}
    by_unit: dict[Hashable, list[RolledUp]] = {}
    for key, row in goals.items():
        by_unit.setdefault(unit_of_goal[key], []).append(row)
    units = {key: _rolled(rows, places, rounding) for key, rows in by_unit.items()}
    return goals, units
