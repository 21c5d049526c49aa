"""Pure rules of the evaluation of employees (PermenPANRB 6/2022 Ps 23-25, SE MenPANRB 3/2023,
PermenPANRB 1/2023): the quadrant, the distribution pattern, study-leave results and angka kredit.

No Django and no database here. Codes are lower-case strings; the organisation predikat that
the iku app stores upper-case is converted once, by `org_predikat_of`.
"""

from __future__ import annotations

import calendar as calendar_module
import datetime
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from kinerja.core.calendar import add_working_days, working_days_between

# --- vocabularies -----------------------------------------------------------------------------


class Rating(StrEnum):
    """Rating of work results (hasil kerja) or of work behaviour (perilaku kerja)."""

    DIATAS = "diatas"  # above expectation
    SESUAI = "sesuai"  # as expected
    DIBAWAH = "dibawah"  # below expectation


class Predikat(StrEnum):
    """The employee's predikat kinerja (Lampiran p.99)."""

    SANGAT_BAIK = "sangat_baik"
    BAIK = "baik"
    BUTUH_PERBAIKAN = "butuh_perbaikan"
    KURANG = "kurang"  # printed "Kurang (Misconduct)"
    SANGAT_KURANG = "sangat_kurang"


PREDIKAT_LABELS = {
    Predikat.SANGAT_BAIK: "Sangat Baik",
    Predikat.BAIK: "Baik",
    Predikat.BUTUH_PERBAIKAN: "Butuh Perbaikan",
    Predikat.KURANG: "Kurang (Misconduct)",
    Predikat.SANGAT_KURANG: "Sangat Kurang",
}


class OrgPredikat(StrEnum):
    """The organisation's achievement (capaian kinerja organisasi, Lampiran p.92)."""

    ISTIMEWA = "istimewa"
    BAIK = "baik"
    BUTUH_PERBAIKAN = "butuh_perbaikan"
    KURANG = "kurang"
    SANGAT_KURANG = "sangat_kurang"


def org_predikat_of(stored: str) -> OrgPredikat:
    """The organisation predikat as the iku app stores it ("BUTUH_PERBAIKAN") in this module's
    vocabulary: the one place the two spellings meet."""
    return OrgPredikat(stored.lower())


# --- step 3: the quadrant ---------------------------------------------------------------------

# Hasil kerja (rows) by perilaku kerja (columns), Lampiran p.99 and p.102-103. The quadrant is
# not symmetric: behaviour below expectation can never give more than Kurang (Misconduct).
QUADRANT: dict[tuple[Rating, Rating], Predikat] = {
    (Rating.DIATAS, Rating.DIATAS): Predikat.SANGAT_BAIK,
    (Rating.DIATAS, Rating.SESUAI): Predikat.BAIK,
    (Rating.DIATAS, Rating.DIBAWAH): Predikat.KURANG,
    (Rating.SESUAI, Rating.DIATAS): Predikat.BAIK,
    (Rating.SESUAI, Rating.SESUAI): Predikat.BAIK,
    (Rating.SESUAI, Rating.DIBAWAH): Predikat.KURANG,
    (Rating.DIBAWAH, Rating.DIATAS): Predikat.BUTUH_PERBAIKAN,
    (Rating.DIBAWAH, Rating.SESUAI): Predikat.BUTUH_PERBAIKAN,
    (Rating.DIBAWAH, Rating.DIBAWAH): Predikat.SANGAT_KURANG,
}


def predikat(hasil: str, perilaku: str) -> Predikat:
    """The employee's predikat from the rating of work results and of work behaviour
    (PermenPANRB 6/2022 Lampiran p.99). Raises ValueError for an unknown rating."""
    return QUADRANT[Rating(hasil), Rating(perilaku)]


# --- step 2: the distribution pattern ---------------------------------------------------------


class Limit(StrEnum):
    AT_MOST = "at_most"  # the share of these predikat must not exceed the fraction
    AT_LEAST = "at_least"  # the share must reach the fraction
    SOME = "some"  # at least one employee, whatever the size of the team
    NONE = "none"  # no employee


@dataclass(frozen=True)
class Band:
    """One condition of a distribution pattern on the employees with any of `predikat`."""

    code: str
    predikat: frozenset[Predikat]
    limit: Limit
    fraction: Fraction = Fraction(0)

    def holds(self, counts: Mapping[Predikat, int], total: int) -> bool:
        count = sum(counts.get(p, 0) for p in self.predikat)
        if self.limit is Limit.SOME:
            return count >= 1
        if self.limit is Limit.NONE:
            return count == 0
        share = Fraction(count, total)
        if self.limit is Limit.AT_MOST:
            return share <= self.fraction
        return share >= self.fraction


def _band(code, predikat, limit, percent=0) -> Band:
    return Band(code, frozenset(predikat), limit, Fraction(percent, 100))


P = Predikat
# SE MenPANRB 3/2023 (domain.md 1.6): the numeric bands of each pattern. They are guidance for
# the rater ("pertimbangan"): Kinerja warns, it never blocks.
PATTERNS: dict[OrgPredikat, tuple[Band, ...]] = {
    OrgPredikat.ISTIMEWA: (_band("sangat_baik_at_most_70", {P.SANGAT_BAIK}, Limit.AT_MOST, 70),),
    OrgPredikat.BAIK: (
        _band("baik_at_most_70", {P.BAIK}, Limit.AT_MOST, 70),
        _band("some_butuh_perbaikan_or_kurang", {P.BUTUH_PERBAIKAN, P.KURANG}, Limit.SOME),
    ),
    OrgPredikat.BUTUH_PERBAIKAN: (
        _band("butuh_perbaikan_at_least_60", {P.BUTUH_PERBAIKAN}, Limit.AT_LEAST, 60),
        _band("sangat_baik_at_most_10", {P.SANGAT_BAIK}, Limit.AT_MOST, 10),
    ),
    OrgPredikat.KURANG: (
        _band("kurang_at_least_60", {P.KURANG}, Limit.AT_LEAST, 60),
        _band("butuh_perbaikan_at_least_10", {P.BUTUH_PERBAIKAN}, Limit.AT_LEAST, 10),
        _band("sangat_baik_at_most_10", {P.SANGAT_BAIK}, Limit.AT_MOST, 10),
    ),
    OrgPredikat.SANGAT_KURANG: (
        _band("sangat_kurang_at_least_60", {P.SANGAT_KURANG}, Limit.AT_LEAST, 60),
        _band(
            "kurang_or_butuh_perbaikan_at_least_10",
            {P.KURANG, P.BUTUH_PERBAIKAN},
            Limit.AT_LEAST,
            10,
        ),
        _band("no_sangat_baik", {P.SANGAT_BAIK}, Limit.NONE),
    ),
}


class DistributionBase(StrEnum):
    """Whose evaluations the distribution pattern counts: those of one rater in the period
    (SE MenPANRB 3/2023), or, when the agency widens it, those of the whole unit whose
    organisation predikat applies."""

    RATER = "rater"
    UNIT = "unit"


def distribution_check(org_predikat: str, counts: Mapping[str, int]) -> list[Band]:
    """The bands of the pattern set by `org_predikat` that `counts` (employee predikat -> number
    of employees evaluated by one rater, or in one unit) break; empty when they fit or when
    nobody is evaluated yet.

    "At most" and "at least" compare exact fractions, never rounded percentages: 7 of 10 is
    70 % and fits "at most 70 %", 8 of 11 does not. "There must be some" means one person,
    also in a team of one or two (SE MenPANRB 3/2023; domain.md 1.6).
    """
    pattern = PATTERNS[OrgPredikat(org_predikat)]
    tally: dict[Predikat, int] = {}
    for key, number in counts.items():
        if number < 0:
            raise ValueError("a count of employees cannot be negative")
        tally[Predikat(key)] = tally.get(Predikat(key), 0) + number
    total = sum(tally.values())
    if total == 0:
        return []
    return [band for band in pattern if not band.holds(tally, total)]


def room_left(org_predikat: str, counts: Mapping[str, int]) -> dict[str, int]:
    """For each "at most" band of the pattern, how many more employees the team could give
    those predikat before breaking it (negative: how many too many), for the calibration desk."""
    pattern = PATTERNS[OrgPredikat(org_predikat)]
    tally = {Predikat(k): n for k, n in counts.items()}
    total = sum(tally.values())
    room = {}
    for band in pattern:
        if band.limit is not Limit.AT_MOST:
            continue
        count = sum(tally.get(p, 0) for p in band.predikat)
        # the largest x with (count + x) / total <= fraction, x whole; others stay as they are
        room[band.code] = int(band.fraction * total) - count
    return room


# --- study leave (tugas belajar): academic results -------------------------------------------


class StudyLevel(StrEnum):
    S1 = "s1"
    POSTGRADUATE = "postgraduate"  # profesi, S-2 or S-3


# Lower bounds of Sangat Baik, Baik and Butuh Perbaikan; below the last: Kurang (Misconduct).
# Lampiran PermenPANRB 6/2022 p.100 (domain.md 1.8). Keys: (level, accreditation of the
# university, with the programme's minimum accreditation) or (level, "abroad").
IPK_TABLES: dict[tuple[StudyLevel, str], tuple[Decimal, Decimal, Decimal]] = {
    (StudyLevel.S1, "A"): (Decimal("3.51"), Decimal("3.01"), Decimal("2.76")),
    (StudyLevel.S1, "B"): (Decimal("3.61"), Decimal("3.10"), Decimal("2.76")),
    (StudyLevel.S1, "C"): (Decimal("3.71"), Decimal("3.20"), Decimal("2.76")),
    (StudyLevel.POSTGRADUATE, "A"): (Decimal("3.51"), Decimal("3.20"), Decimal("3.00")),
    (StudyLevel.POSTGRADUATE, "B"): (Decimal("3.61"), Decimal("3.25"), Decimal("3.00")),
    (StudyLevel.POSTGRADUATE, "C"): (Decimal("3.71"), Decimal("3.30"), Decimal("3.00")),
    (StudyLevel.S1, "abroad"): (Decimal("3.51"), Decimal("3.01"), Decimal("2.76")),
    (StudyLevel.POSTGRADUATE, "abroad"): (Decimal("3.51"), Decimal("3.20"), Decimal("3.00")),
}
IPK_MAX = Decimal("4.00")


def study_predikat(ipk: Decimal, level: str, accreditation: str) -> Predikat:
    """The guidance predikat of an employee on study leave from the grade point average (IPK),
    the level of study and the university's accreditation ("A", "B", "C" or "abroad")."""
    ipk = Decimal(ipk)
    if not Decimal(0) <= ipk <= IPK_MAX:
        raise ValueError("an IPK lies between 0 and 4")
    sangat_baik, baik, butuh_perbaikan = IPK_TABLES[StudyLevel(level), accreditation]
    if ipk >= sangat_baik:
        return Predikat.SANGAT_BAIK
    if ipk >= baik:
        return Predikat.BAIK
    if ipk >= butuh_perbaikan:
        return Predikat.BUTUH_PERBAIKAN
    return Predikat.KURANG


STUDY_HASIL = {
    Predikat.SANGAT_BAIK: Rating.DIATAS,
    Predikat.BAIK: Rating.SESUAI,
    Predikat.BUTUH_PERBAIKAN: Rating.DIBAWAH,
    Predikat.KURANG: Rating.DIBAWAH,
    Predikat.SANGAT_KURANG: Rating.DIBAWAH,
}


def study_hasil(guidance: str) -> Rating:
    """The rating of work results suggested for an employee on study leave, whose academic
    results are the work results (Lampiran p.62-64, p.100): above expectation for an IPK of
    Sangat Baik, as expected for Baik, below for anything lower and for a drop-out. Only a
    suggestion: the rater rates, and rates the behaviour as for everyone."""
    return STUDY_HASIL[Predikat(guidance)]


def dropout_predikat(perilaku: str) -> Predikat:
    """An employee who fails or drops out of study gets Kurang or Sangat Kurang, taking their
    behaviour into account (Lampiran p.100): Sangat Kurang when behaviour was below
    expectation as well, as in the quadrant's corner, else Kurang."""
    return Predikat.SANGAT_KURANG if Rating(perilaku) is Rating.DIBAWAH else Predikat.KURANG


# --- angka kredit (functional posts) ----------------------------------------------------------

# PermenPANRB 1/2023 and Peraturan BKN 3/2023 (domain.md 1.10).
CONVERSION = {
    Predikat.SANGAT_BAIK: Decimal("1.50"),
    Predikat.BAIK: Decimal("1.00"),
    Predikat.BUTUH_PERBAIKAN: Decimal("0.75"),
    Predikat.KURANG: Decimal("0.50"),
    Predikat.SANGAT_KURANG: Decimal("0.25"),
}


class Jenjang(StrEnum):
    PEMULA = "pemula"
    TERAMPIL = "terampil"
    MAHIR = "mahir"
    PENYELIA = "penyelia"
    AHLI_PERTAMA = "ahli_pertama"
    AHLI_MUDA = "ahli_muda"
    AHLI_MADYA = "ahli_madya"
    AHLI_UTAMA = "ahli_utama"


ANNUAL_COEFFICIENT = {
    Jenjang.PEMULA: Decimal("3.75"),
    Jenjang.TERAMPIL: Decimal("5"),
    Jenjang.MAHIR: Decimal("12.5"),
    Jenjang.PENYELIA: Decimal("25"),
    Jenjang.AHLI_PERTAMA: Decimal("12.5"),
    Jenjang.AHLI_MUDA: Decimal("25"),
    Jenjang.AHLI_MADYA: Decimal("37.5"),
    Jenjang.AHLI_UTAMA: Decimal("50"),
}

# Angka kredit needed for the next rank (pangkat) and the next grade (jenjang); None where the
# grade is the top one. Terampil and Mahir follow four years at Baik (domain.md 1.10 flags the
# sources' disagreement on them).
THRESHOLDS: dict[Jenjang, tuple[int, int | None]] = {
    Jenjang.PEMULA: (15, 15),
    Jenjang.TERAMPIL: (20, 60),
    Jenjang.MAHIR: (50, 100),
    Jenjang.PENYELIA: (100, None),
    Jenjang.AHLI_PERTAMA: (50, 100),
    Jenjang.AHLI_MUDA: (100, 200),
    Jenjang.AHLI_MADYA: (150, 450),
    Jenjang.AHLI_UTAMA: (200, None),
}

CENT = Decimal("0.01")


def angka_kredit(predikat: str, jenjang: str, months: int = 12) -> Decimal:
    """Angka kredit earned in `months` (1 to 12) at `jenjang` with `predikat`: the conversion
    percentage times the grade's annual coefficient, pro-rated by months, rounded half-up to
    two decimals (Pemula at Sangat Baik: 5.625 -> 5.63, never the banker's 5.62)."""
    if not 1 <= months <= 12:
        raise ValueError("angka kredit is earned for 1 to 12 months of a year")
    # One exact fraction, rounded once: 1/12 as a decimal would be rounded before the product.
    exact = (
        Fraction(months, 12)
        * Fraction(CONVERSION[Predikat(predikat)])
        * Fraction(ANNUAL_COEFFICIENT[Jenjang(jenjang)])
    )
    hundredths = exact * 100
    whole, rest = divmod(hundredths.numerator, hundredths.denominator)
    if 2 * rest >= hundredths.denominator:
        whole += 1
    return (Decimal(whole) * CENT).quantize(CENT)


def months_by_jenjang(
    spans: Iterable[tuple[datetime.date, datetime.date | None, str]], year: int
) -> dict[str, int]:
    """Months of `year` at each jenjang, from the functional posts held (start, end or None,
    jenjang): a month counts for the jenjang held on its last day, so a promotion during a
    month counts from the next one and no month counts twice (domain.md 1.10)."""
    found: dict[str, int] = {}
    for month in range(1, 13):
        last = datetime.date(year, month, calendar_module.monthrange(year, month)[1])
        held = [
            jenjang
            for start, end, jenjang in spans
            if start <= last and (end is None or end >= last) and jenjang
        ]
        if held:
            found[held[-1]] = found.get(held[-1], 0) + 1
    return found


def credit_of_year(predikat: str, months: Mapping[str, int]) -> Decimal:
    """The year's angka kredit: each jenjang's months at the year's predikat, summed."""
    return sum(
        (angka_kredit(predikat, jenjang, n) for jenjang, n in months.items() if n),
        Decimal("0.00"),
    )


# --- head of the organisation -----------------------------------------------------------------

# SE MenPANRB 3/2023: when the evaluated employee heads the organisation, the unit's achievement
# is their rating of work results. The five organisation predikat fall on the three ratings:
# Istimewa above expectation, Baik as expected, the three lower ones below.
HEAD_HASIL = {
    OrgPredikat.ISTIMEWA: Rating.DIATAS,
    OrgPredikat.BAIK: Rating.SESUAI,
    OrgPredikat.BUTUH_PERBAIKAN: Rating.DIBAWAH,
    OrgPredikat.KURANG: Rating.DIBAWAH,
    OrgPredikat.SANGAT_KURANG: Rating.DIBAWAH,
}


def head_hasil(org_predikat: str) -> Rating:
    """The rating of work results of the head of the organisation from the unit's achievement
    (SE MenPANRB 3/2023)."""
    return HEAD_HASIL[OrgPredikat(org_predikat)]


# --- deadlines of the evaluation document (Lampiran Bab V, p.114-119) ---------------------------

# Working days ("hari kerja"), domain.md 1.7.
RATER_HANDS_OVER = 14  # the rater signs and hands the document over, from the period's end
EMPLOYEE_SIGNS = 14  # the employee signs and returns it, from receipt
REPORT_TO_PYB = 30  # the document reaches the PyB, from the period's end
SUPERIOR_SIGNS = 14  # the rater's superior signs when the rater did not, from the rater's deadline
SUPERIOR_HANDS_OVER = 7  # ... hands it over, from signing
EMPLOYEE_SIGNS_FOR_SUPERIOR = 7  # ... the employee returns it, from receipt


@dataclass(frozen=True)
class Deadlines:
    """The deadlines of one evaluation period, all inclusive (the day itself is on time)."""

    rater: datetime.date  # the rater rates, signs and hands over by then
    superior: datetime.date  # after the rater's deadline, the superior by then
    report: datetime.date  # the document reaches the PyB by then


def deadlines(period_end: datetime.date, days_off: Collection[datetime.date] = ()) -> Deadlines:
    """The deadlines of a period ending on `period_end`, in working days of the agency's
    calendar (weekends and `days_off` skipped; PermenPANRB 6/2022 Lampiran p.114-119).

    The rater has 14 working days after the period's end to evaluate, sign and hand the document
    over. The regulation counts the superior's 14 days from the period's end as well, which
    would leave the superior no day at all; Kinerja counts them from the day after the rater's
    deadline, so the superior who takes over has the 14 days the regulation gives.
    """
    rater = add_working_days(period_end, RATER_HANDS_OVER, days_off)
    return Deadlines(
        rater=rater,
        superior=add_working_days(rater, SUPERIOR_SIGNS, days_off),
        report=add_working_days(period_end, REPORT_TO_PYB, days_off),
    )


def superior_handover_deadline(
    signed_on: datetime.date, days_off: Collection[datetime.date] = ()
) -> datetime.date:
    """The rater's superior who signed hands the document over within 7 working days."""
    return add_working_days(signed_on, SUPERIOR_HANDS_OVER, days_off)


def employee_sign_deadline(
    received_on: datetime.date, by_superior: bool, days_off: Collection[datetime.date] = ()
) -> datetime.date:
    """The last day for the employee to sign and return the document: 14 working days after
    receipt, 7 when the rater's superior evaluated."""
    n = EMPLOYEE_SIGNS_FOR_SUPERIOR if by_superior else EMPLOYEE_SIGNS
    return add_working_days(received_on, n, days_off)


def rater_may_act(today: datetime.date, due: Deadlines) -> bool:
    """The rater evaluates up to and including the rater's deadline."""
    return today <= due.rater


def superior_takes_over(today: datetime.date, due: Deadlines) -> bool:
    """From the day after the rater's deadline the rater's superior evaluates; that result is
    final (Lampiran p.90 item 11)."""
    return today > due.rater


def working_days_left(
    today: datetime.date, deadline: datetime.date, days_off: Collection[datetime.date] = ()
) -> int:
    """Working days from tomorrow to the deadline, both included (0 on the deadline day);
    negative: working days late."""
    if today <= deadline:
        return working_days_between(today + datetime.timedelta(days=1), deadline, days_off)
    return -working_days_between(deadline + datetime.timedelta(days=1), today, days_off)


# Keberatan (objection), working days (Lampiran Bab V p.117; domain.md 1.7).
KEBERATAN_FILING = 14  # the employee files it, from receipt of the document
KEBERATAN_DECISION = 7  # the rater's superior decides, from filing


def keberatan_filing_deadline(
    received_on: datetime.date, days_off: Collection[datetime.date] = ()
) -> datetime.date:
    """The last day for the employee to file a keberatan: 14 working days after receiving the
    evaluation document (PermenPANRB 6/2022 Lampiran p.117)."""
    return add_working_days(received_on, KEBERATAN_FILING, days_off)


def keberatan_decision_deadline(
    filed_on: datetime.date, days_off: Collection[datetime.date] = ()
) -> datetime.date:
    """The last day for the rater's superior to confirm or change the result: 7 working days
    after the keberatan was filed (PermenPANRB 6/2022 Lampiran p.117)."""
    return add_working_days(filed_on, KEBERATAN_DECISION, days_off)


def keberatan_in_time(today: datetime.date, deadline: datetime.date) -> bool:
    """The deadline day itself is on time."""
    return today <= deadline


# Working days left to a deadline on which its holder gets an e-mail: a week before, the day
# before and the day itself (0). The rater's superior also hears on the first working day after
# the rater's deadline that the evaluation has passed to them.
REMIND_AT = frozenset({5, 1, 0})


def reminder_due(days_left: int) -> bool:
    return days_left in REMIND_AT


# --- the rater of record ----------------------------------------------------------------------

# How close to the period's end a rater's move may fall for the departing rater still to
# evaluate the period (Lampiran p.91-92: with quarters, a move on 25 August means no Q3
# evaluation by the departing rater, a move on 25 September means they still evaluate Q3).
RATER_MOVE_WINDOW_DAYS = 30


def evaluation_window_start(period_end: datetime.date) -> datetime.date:
    """The first day a period's evaluations may be opened: the rater-move window before its end
    (a rater who moves after this day still evaluates the period)."""
    return period_end - datetime.timedelta(days=RATER_MOVE_WINDOW_DAYS)


@dataclass(frozen=True)
class PlanRater:
    """Who a plan version names as rater, and why the version was made."""

    rater_id: int | None
    start_date: datetime.date
    is_rater_change: bool  # the version was made because the rater changed (not a mutation)


def rater_of_record(
    at_end: PlanRater,
    before: PlanRater | None,
    period_end: datetime.date,
    window_days: int = RATER_MOVE_WINDOW_DAYS,
) -> PlanRater:
    """The plan whose rater evaluates the period: the one in force at the period's end, unless
    it was made because the rater moved within the evaluation window at the period's end, in
    which case the departing rater (of the version `before` it) still evaluates. A mutation of
    the employee always goes to the new rater with the new unit (Lampiran p.91)."""
    if (
        before is not None
        and at_end.is_rater_change
        and before.rater_id != at_end.rater_id
        and (period_end - at_end.start_date).days < window_days
    ):
        return before
    return at_end
