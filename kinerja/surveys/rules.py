"""Pure rules of the public satisfaction survey (Survei Kepuasan Masyarakat, PermenPANRB
14/2017; domain.md 3): the nine elements, their mean scores (NRR), the index (IKM) and its
grade, and the minimum sample.

No Django and no database here. Scores are whole numbers 1 to 4; means are exact fractions until
the published figure is rounded, so that the weight chosen is the only thing that moves the
second decimal.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction


class Element(StrEnum):
    """The nine elements (unsur) in the regulation's order."""

    PERSYARATAN = "persyaratan"
    PROSEDUR = "prosedur"  # Sistem, Mekanisme, dan Prosedur
    WAKTU = "waktu"  # Waktu Penyelesaian
    BIAYA = "biaya"  # Biaya/Tarif
    PRODUK = "produk"  # Produk Spesifikasi Jenis Pelayanan
    KOMPETENSI = "kompetensi"  # Kompetensi Pelaksana
    PERILAKU = "perilaku"  # Perilaku Pelaksana
    PENGADUAN = "pengaduan"  # Penanganan Pengaduan, Saran dan Masukan
    SARANA = "sarana"  # Sarana dan Prasarana


ELEMENTS: tuple[Element, ...] = tuple(Element)

ELEMENT_NAMES = {
    Element.PERSYARATAN: "Persyaratan",
    Element.PROSEDUR: "Sistem, Mekanisme, dan Prosedur",
    Element.WAKTU: "Waktu Penyelesaian",
    Element.BIAYA: "Biaya/Tarif",
    Element.PRODUK: "Produk Spesifikasi Jenis Pelayanan",
    Element.KOMPETENSI: "Kompetensi Pelaksana",
    Element.PERILAKU: "Perilaku Pelaksana",
    Element.PENGADUAN: "Penanganan Pengaduan, Saran dan Masukan",
    Element.SARANA: "Sarana dan Prasarana",
}

LOWEST_SCORE, HIGHEST_SCORE = 1, 4

# The weight of each element: the exact 1/9, or the rounded figures the regulation (0.11) and
# most applications (0.111) print. A published result records which one it used.
WEIGHTS: dict[str, Fraction] = {
    "exact": Fraction(1, len(ELEMENTS)),
    "0.111": Fraction("0.111"),
    "0.11": Fraction("0.11"),
}

CONVERSION = 25  # the 1-4 index times 25 gives the 25-100 index


class Grade(StrEnum):
    """Mutu pelayanan."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"


GRADE_LABELS = {
    Grade.A: "Sangat Baik",
    Grade.B: "Baik",
    Grade.C: "Kurang Baik",
    Grade.D: "Tidak Baik",
}

# Half-open thresholds on the converted index rounded to two decimals (domain.md 3: the
# printed intervals leave gaps such as 76.60 / 76.61): below 65.00 D, below 76.61 C, below
# 88.31 B, else A.
GRADE_FLOORS: tuple[tuple[Decimal, Grade], ...] = (
    (Decimal("88.31"), Grade.A),
    (Decimal("76.61"), Grade.B),
    (Decimal("65.00"), Grade.C),
)


def _round_half_up(value: Fraction, places: int) -> Decimal:
    """`value` (not negative) rounded half-up to `places` decimals, exactly: no binary float on
    the way."""
    scaled = value * 10**places
    whole = scaled.numerator // scaled.denominator
    if scaled - whole >= Fraction(1, 2):
        whole += 1
    return Decimal(whole).scaleb(-places)


def _check_score(score) -> int:
    if isinstance(score, bool) or not isinstance(score, int):
        raise ValueError(f"a score is a whole number, not {score!r}")
    if not LOWEST_SCORE <= score <= HIGHEST_SCORE:
        raise ValueError(f"a score is {LOWEST_SCORE} to {HIGHEST_SCORE}, not {score}")
    return score


def nrr(answers: Iterable[Sequence[int | None]]) -> tuple[Fraction | None, ...]:
    """The mean score (nilai rata-rata) of each element over the respondents who answered it.

    Each answer holds nine scores in the order of `ELEMENTS`, None where the respondent left the
    element out; an element nobody answered has no mean (None), never zero.
    """
    return Tally.of(answers).nrr()


def grade(index_100: Decimal) -> Grade:
    """The grade of a converted index, rounded half-up to two decimals first."""
    rounded = _round_half_up(Fraction(index_100), 2)
    for floor, found in GRADE_FLOORS:
        if rounded >= floor:
            return found
    return Grade.D


@dataclass(frozen=True)
class IkmResult:
    """The index of a unit, service or period. An invalid result holds no figures; `missing`
    names the elements nobody answered, which is why (the page says so in its language)."""

    index_4: Decimal | None  # on the 1-4 scale, four decimals
    index_100: Decimal | None  # converted (25-100), two decimals
    grade: Grade | None
    weight: str
    missing: tuple[Element, ...] = ()

    @property
    def is_valid(self) -> bool:
        return not self.missing

    @property
    def label(self) -> str:
        return GRADE_LABELS[self.grade] if self.grade is not None else ""


def ikm(nrr_values: Sequence[Fraction | Decimal | float | None], *, weight: str = "exact"):
    """IKM = Σ NRR_i * weight; the converted index is IKM * 25, rounded half-up to two
    decimals, and the grade is read from that rounded figure (`grade`).

    `nrr_values` are the nine element means in the order of `ELEMENTS` (1 to 4, as `nrr` gives
    them); `weight` is "exact" (1/9), "0.111" or "0.11".
    """
    if weight not in WEIGHTS:
        raise ValueError(f"weight is one of {', '.join(WEIGHTS)}, not {weight!r}")
    if len(nrr_values) != len(ELEMENTS):
        raise ValueError(f"IKM needs {len(ELEMENTS)} element means, not {len(nrr_values)}")
    missing = tuple(
        element for element, value in zip(ELEMENTS, nrr_values, strict=True) if value is None
    )
    if missing:
        return IkmResult(None, None, None, weight, missing)
    means = [Fraction(value) for value in nrr_values]
    for value in means:
        if not LOWEST_SCORE <= value <= HIGHEST_SCORE:
            raise ValueError(f"an element mean is {LOWEST_SCORE} to {HIGHEST_SCORE}, not {value}")
    index = sum(means, Fraction(0)) * WEIGHTS[weight]
    index_100 = _round_half_up(index * CONVERSION, 2)
    return IkmResult(_round_half_up(index, 4), index_100, grade(index_100), weight)


def weakest_elements(nrr_values: Sequence[Fraction | None], count: int = 3) -> list[Element]:
    """The elements with the lowest mean, lowest first (ties in the regulation's order): those
    the follow-up plan (rencana tindak lanjut) takes first. Elements without answers are left
    out."""
    scored = [(value, position) for position, value in enumerate(nrr_values) if value is not None]
    return [ELEMENTS[position] for _value, position in sorted(scored)[:count]]


@dataclass(frozen=True)
class Tally:
    """The sums and counts of each element's scores over some respondents: what the database
    adds up (SUM and COUNT per element), and what periods pool by addition. A year's index
    comes from the year's pooled answers, never from averaging its quarters' indexes."""

    sums: tuple[int, ...] = (0,) * len(ELEMENTS)
    counts: tuple[int, ...] = (0,) * len(ELEMENTS)
    respondents: int = 0

    def __post_init__(self):
        if len(self.sums) != len(ELEMENTS) or len(self.counts) != len(ELEMENTS):
            raise ValueError(f"a tally has {len(ELEMENTS)} sums and counts")
        for total, count in zip(self.sums, self.counts, strict=True):
            if count < 0 or not LOWEST_SCORE * count <= total <= HIGHEST_SCORE * count:
                raise ValueError(f"{total} is not a sum of {count} scores of 1 to 4")

    @classmethod
    def of(cls, answers: Iterable[Sequence[int | None]]) -> Tally:
        sums = [0] * len(ELEMENTS)
        counts = [0] * len(ELEMENTS)
        respondents = 0
        for answer in answers:
            if len(answer) != len(ELEMENTS):
                raise ValueError(f"an answer has {len(ELEMENTS)} scores, not {len(answer)}")
            respondents += 1
            for position, score in enumerate(answer):
                if score is not None:
                    sums[position] += _check_score(score)
                    counts[position] += 1
        return cls(tuple(sums), tuple(counts), respondents)

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            tuple(a + b for a, b in zip(self.sums, other.sums, strict=True)),
            tuple(a + b for a, b in zip(self.counts, other.counts, strict=True)),
            self.respondents + other.respondents,
        )

    def nrr(self) -> tuple[Fraction | None, ...]:
        return tuple(
            Fraction(total, count) if count else None
            for total, count in zip(self.sums, self.counts, strict=True)
        )


# Krejcie and Morgan: s = χ²·N·P(1-P) / (d²(N-1) + χ²·P(1-P)), χ² = 3.841, P = 0.5, d = 0.05.
_CHI_SQUARE = Fraction("3.841")
_P = Fraction(1, 2)
_D = Fraction(5, 100)


def sample_size(population: int) -> int:
    """The minimum number of respondents for `population` service users in the period (Krejcie
    and Morgan), rounded to the nearest integer as the published tables are (15 gives 14)."""
    if isinstance(population, bool) or not isinstance(population, int):
        raise ValueError(f"the population is a whole number, not {population!r}")
    if population < 0:
        raise ValueError("the population is not negative")
    if population == 0:
        return 0
    spread = _CHI_SQUARE * _P * (1 - _P)
    size = spread * population / (_D**2 * (population - 1) + spread)
    return int(_round_half_up(size, 0))


def enough_respondents(respondents: int, population: int) -> bool:
    """Whether a period's respondents reach the minimum sample for its service users; a
    result below it is shown with a warning, not hidden."""
    return respondents >= sample_size(population)


# The questionnaire of the regulation (PermenPANRB 14/2017, Lampiran): each element's question
# has its own four answers, from the worst (score 1) to the best (score 4). The page shows
# these words in Indonesian and their translation in English (`forms.public`).
ANSWER_LABELS: dict[Element, tuple[str, str, str, str]] = {
    Element.PERSYARATAN: ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    Element.PROSEDUR: ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"),
    Element.WAKTU: ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"),
    Element.BIAYA: ("Sangat mahal", "Cukup mahal", "Murah", "Gratis"),
    Element.PRODUK: ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    Element.KOMPETENSI: ("Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"),
    Element.PERILAKU: (
        "Tidak sopan dan ramah",
        "Kurang sopan dan ramah",
        "Sopan dan ramah",
        "Sangat sopan dan ramah",
    ),
    Element.PENGADUAN: (
        "Tidak ada",
        "Ada tetapi tidak berfungsi",
        "Berfungsi kurang maksimal",
        "Dikelola dengan baik",
    ),
    Element.SARANA: ("Buruk", "Cukup", "Baik", "Sangat baik"),
}

# Limits of the public survey page and API (`services.responses`), generous for honest use and
# tight for a script:
# - one device (a signed cookie, or the kiosk app's key) answers a point at most this often a
#   day: a citizen may come back the same day for a second service, rarely a fourth time;
DEVICE_DAILY_LIMIT = 3
# - one address (IPv4, or an IPv6 /64) answers a point at most this often an hour: a
#   Puskesmas' shared Wi-Fi or a mobile operator's address translation carries many honest
#   citizens at once, a script from one address is capped;
ADDRESS_HOURLY_LIMIT = 30
# - a kiosk tablet that the unit's staff opened answers for a whole queue from one address:
#   one answer every 30 seconds, and no daily limit for the device;
KIOSK_ADDRESS_HOURLY_LIMIT = 120
# - the same answers sent again from the same device to the same point within this many
#   minutes are a double tap or a resent form, not a second citizen;
DUPLICATE_WINDOW_MINUTES = 10
# - one address may try at most this many tokens that name no open counter an hour through
#   the kiosk API (a look-up by a secret token): a kiosk app that lost its counter is told so
#   at once, a script guessing tokens is stopped;
LOOKUP_FAILURES_PER_ADDRESS = 20
# - a survey form is small (nine answers, the profile and a suggestion of at most 2,000
#   characters, up to 12 bytes each once encoded): a larger body is refused unread.
MAX_BODY_BYTES = 32_768
# - a kiosk tablet that lost the network keeps the answers and sends them when it returns, with
#   the moment each was given; answers kept longer than this are counted on the day they arrive.
KIOSK_QUEUE_DAYS = 7


def answered_at(
    queued_at: datetime.datetime | None, now: datetime.datetime, *, trusted_kiosk: bool
) -> datetime.datetime:
    """When the citizen answered: the moment a trusted kiosk kept the answers while offline, if
    it lies within the last KIOSK_QUEUE_DAYS (the boundary included) and not in the future;
    otherwise, and for every other device, the moment the answers arrive."""
    if queued_at is None or not trusted_kiosk:
        return now
    if now - datetime.timedelta(days=KIOSK_QUEUE_DAYS) <= queued_at <= now:
        return queued_at
    return now
