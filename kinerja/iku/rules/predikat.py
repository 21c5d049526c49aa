"""The organisation predikat and which annual result counts (domain.md §1.5, §2.5)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import NamedTuple

from kinerja.iku.rules._numbers import _choice
from kinerja.iku.rules.bands import Band, category, validate_bands


class OrgPredikat(StrEnum):
    """Capaian kinerja organisasi, PermenPANRB 6/2022 Lampiran p.92 (domain.md §1.5, §5)."""

    ISTIMEWA = "ISTIMEWA"
    BAIK = "BAIK"
    BUTUH_PERBAIKAN = "BUTUH_PERBAIKAN"
    KURANG = "KURANG"
    SANGAT_KURANG = "SANGAT_KURANG"


# Worst first: a band table for the organisation predikat must rise in this order.
_ORG_PREDIKAT_RANK = {
    OrgPredikat.SANGAT_KURANG: 0,
    OrgPredikat.KURANG: 1,
    OrgPredikat.BUTUH_PERBAIKAN: 2,
    OrgPredikat.BAIK: 3,
    OrgPredikat.ISTIMEWA: 4,
}


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
