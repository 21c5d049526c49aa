"""Demo people: NIP, name, academic titles, status and rank fitting the post they hold.

Everything is relative to REFERENCE_DATE, never to today, so that a seed gives the same people
on any day. A person is built for a seat: the post decides the age band, the education (and so
the titles and the age at appointment) and the rank band.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from kinerja.demo.generator import names
from kinerja.org import rules
from kinerja.org.models import PNS_GRADES, EmployeeStatus, Jenjang, PositionKind

REFERENCE_DATE = datetime.date(2026, 1, 1)
LAST_APPOINTMENT = (2025, 12)  # the month before REFERENCE_DATE
BIRTH_YEARS = (1966, 2001)
APPOINTMENT_AGE = (19, 35)
PPPK_FIRST_YEAR = 2021  # first PPPK appointments (TMT) of regional governments

PNS_CODES = [code for code, _label in PNS_GRADES]

# Education levels and the ages at which people of that level become CPNS/PPPK.
SMA, D3, S1, S2, PROFESI = "sma", "d3", "s1", "s2", "profesi"
APPOINTMENT_AGES = {SMA: (19, 27), D3: (21, 30), S1: (23, 35), S2: (25, 35), PROFESI: (25, 35)}
ENTRY_GRADE = {SMA: "II/a", D3: "II/c", S1: "III/a", S2: "III/b", PROFESI: "III/b"}
PPPK_ENTRY_GRADE = {SMA: "V", D3: "VII", S1: "IX", S2: "X", PROFESI: "IX"}
SKILLED_JENJANG = {Jenjang.PEMULA, Jenjang.TERAMPIL, Jenjang.MAHIR, Jenjang.PENYELIA}
PPPK_JENJANG = {Jenjang.TERAMPIL, Jenjang.MAHIR, Jenjang.AHLI_PERTAMA}

# Age at REFERENCE_DATE, and rank band (PNS), by kind of post or jenjang.
AGE_BANDS = {
    PositionKind.JPT_MADYA: (50, 58),
    PositionKind.JPT_PRATAMA: (45, 58),
    PositionKind.ADMINISTRATOR: (38, 57),
    PositionKind.PENGAWAS: (31, 56),
    PositionKind.PELAKSANA: (24, 57),
    Jenjang.PEMULA: (24, 35),
    Jenjang.TERAMPIL: (24, 55),
    Jenjang.MAHIR: (29, 57),
    Jenjang.PENYELIA: (36, 57),
    Jenjang.AHLI_PERTAMA: (25, 45),
    Jenjang.AHLI_MUDA: (32, 57),
    Jenjang.AHLI_MADYA: (42, 59),
    Jenjang.AHLI_UTAMA: (50, 59),
}
GRADE_BANDS = {
    PositionKind.JPT_MADYA: ("IV/c", "IV/e"),
    PositionKind.JPT_PRATAMA: ("IV/b", "IV/d"),
    PositionKind.ADMINISTRATOR: ("III/d", "IV/b"),
    PositionKind.PENGAWAS: ("III/b", "IV/a"),
    PositionKind.PELAKSANA: ("I/c", "III/d"),
    Jenjang.PEMULA: ("II/a", "II/a"),
    Jenjang.TERAMPIL: ("II/b", "II/d"),
    Jenjang.MAHIR: ("III/a", "III/b"),
    Jenjang.PENYELIA: ("III/c", "III/d"),
    Jenjang.AHLI_PERTAMA: ("III/a", "III/b"),
    Jenjang.AHLI_MUDA: ("III/c", "III/d"),
    Jenjang.AHLI_MADYA: ("IV/a", "IV/c"),
    Jenjang.AHLI_UTAMA: ("IV/d", "IV/e"),
}
PPPK_JENJANG_GRADE = {Jenjang.AHLI_MUDA: "XI", Jenjang.AHLI_MADYA: "XIII"}


@dataclass(frozen=True)
class Title:
    front: str
    back: str
    education: str
    weight: int = 1
    born_before: int = 9999  # old degrees such as Drs. and Ir. (before the 1993 reform)


def _titles(*rows) -> tuple[Title, ...]:
    return tuple(Title(*row) for row in rows)


@dataclass(frozen=True)
class Profile:
    """Who holds a kind of post: the titles they carry, the share of women, PPPK eligibility."""

    titles: tuple[Title, ...]
    female_share: float = 0.45
    pppk_share: float = 0.0


_MANAGER = _titles(
    ("", "S.Sos., M.Si.", S2, 4),
    ("", "S.E., M.M.", S2, 3),
    ("", "S.H., M.H.", S2, 3),
    ("", "S.STP., M.Si.", S2, 2),
    ("", "S.T., M.T.", S2, 2),
    ("", "S.IP., M.AP.", S2, 2),
    ("", "S.Pd., M.Pd.", S2, 1),
    ("Drs.", "M.Si.", S2, 2, 1971),
    ("Drs.", "M.M.", S2, 1, 1971),
    ("Ir.", "M.T.", S2, 1, 1971),
    ("", "S.Sos.", S1, 2),
    ("", "S.E.", S1, 2),
    ("", "S.H.", S1, 1),
    ("", "S.AP.", S1, 1),
    ("", "S.Kom.", S1, 1),
)
_OFFICE = _titles(
    ("", "", SMA, 6),
    ("", "A.Md.", D3, 2),
    ("", "A.Md.Kom.", D3, 1),
    ("", "S.E.", S1, 2),
    ("", "S.Sos.", S1, 2),
    ("", "S.AP.", S1, 1),
    ("", "S.Kom.", S1, 1),
    ("", "S.H.", S1, 1),
    ("", "S.IP.", S1, 1),
    ("", "S.Ak.", S1, 1),
)

PROFILES: dict[str, Profile] = {
    "kantor": Profile(_OFFICE),
    "manajer_kesehatan": Profile(
        _titles(
            ("dr.", "M.Kes.", S2, 3),
            ("", "S.K.M., M.Kes.", S2, 3),
            ("", "S.K.M.", S1, 2),
            ("Ns.", "S.Kep., M.Kep.", S2, 1),
            ("apt.", "S.Farm., M.Kes.", S2, 1),
            ("dr.", "", PROFESI, 1),
        ),
        0.5,
    ),
    "manajer_pendidikan": Profile(
        _titles(
            ("", "S.Pd., M.Pd.", S2, 4),
            ("", "S.Pd., M.Si.", S2, 1),
            ("Drs.", "M.Pd.", S2, 1, 1971),
            ("", "S.Pd.", S1, 2),
            ("", "S.Sos., M.Si.", S2, 1),
        ),
        0.45,
    ),
    "manajer_teknik": Profile(
        _titles(
            ("", "S.T., M.T.", S2, 4),
            ("Ir.", "M.T.", S2, 1, 1971),
            ("", "S.T.", S1, 3),
            ("", "S.T., M.Si.", S2, 1),
        ),
        0.2,
    ),
    "manajer_keuangan": Profile(
        _titles(
            ("", "S.E., M.Si.", S2, 3),
            ("", "S.E., Ak., M.Ak.", S2, 2),
            ("", "S.E.", S1, 2),
            ("", "S.Ak.", S1, 1),
            ("", "S.E., M.M.", S2, 2),
        ),
        0.45,
    ),
    "pimpinan": Profile(_MANAGER, female_share=0.3),
    "pengawas": Profile(_MANAGER + _titles(("", "S.Sos.", S1, 3), ("", "S.E.", S1, 3)), 0.4),
    "pemerintahan": Profile(
        _titles(
            ("", "S.STP., M.Si.", S2, 3),
            ("", "S.STP.", S1, 3),
            ("", "S.IP.", S1, 2),
            ("", "S.Sos., M.Si.", S2, 2),
            ("Drs.", "M.Si.", S2, 1, 1971),
            ("", "S.Tr.IP.", S1, 1),
        ),
        0.3,
    ),
    "keuangan": Profile(
        _titles(
            ("", "S.E.", S1, 3),
            ("", "S.Ak.", S1, 2),
            ("", "S.E., M.Ak.", S2, 1),
            ("", "A.Md.Ak.", D3, 2),
            ("", "", SMA, 1),
        ),
        0.55,
    ),
    "komputer": Profile(
        _titles(
            ("", "S.Kom.", S1, 4),
            ("", "S.T.", S1, 1),
            ("", "A.Md.Kom.", D3, 3),
            ("", "M.Kom.", S2, 1),
        ),
        0.35,
    ),
    "arsip": Profile(
        _titles(
            ("", "A.Md.", D3, 2),
            ("", "S.I.Kom.", S1, 1),
            ("", "S.Sos.", S1, 1),
            ("", "S.IIP.", S1, 1),
        ),
        0.6,
    ),
    "sdm": Profile(
        _titles(
            ("", "S.Psi.", S1, 3),
            ("", "S.H.", S1, 2),
            ("", "S.Sos.", S1, 2),
            ("", "S.AP.", S1, 2),
            ("", "M.Psi.", S2, 1),
        ),
        0.55,
    ),
    "perencana": Profile(
        _titles(
            ("", "S.T., M.T.", S2, 2),
            ("", "S.E., M.Si.", S2, 2),
            ("", "S.P.", S1, 1),
            ("", "S.Si., M.Si.", S2, 1),
            ("", "S.PWK.", S1, 2),
            ("", "S.E.", S1, 2),
        ),
        0.45,
    ),
    "hukum": Profile(_titles(("", "S.H.", S1, 4), ("", "S.H., M.H.", S2, 2)), 0.5),
    "auditor": Profile(
        _titles(
            ("", "S.E., Ak.", S1, 3),
            ("", "S.Ak.", S1, 3),
            ("", "S.E., M.Ak.", S2, 2),
            ("", "S.E.", S1, 2),
            ("", "S.H.", S1, 1),
            ("", "S.T.", S1, 1),
        ),
        0.45,
    ),
    "teknik": Profile(
        _titles(
            ("", "S.T.", S1, 5),
            ("", "S.T., M.T.", S2, 1),
            ("Ir.", "", S1, 1, 1971),
            ("", "A.Md.T.", D3, 3),
            ("", "", SMA, 1),
        ),
        0.2,
    ),
    "perhubungan": Profile(
        _titles(
            ("", "A.Md.LLAJ", D3, 3),
            ("", "S.Tr.T.", S1, 2),
            ("", "S.SiT.", S1, 2),
            ("", "", SMA, 2),
            ("", "S.T.", S1, 1),
        ),
        0.15,
    ),
    "lingkungan": Profile(
        _titles(
            ("", "S.Si.", S1, 2), ("", "S.T.", S1, 2), ("", "S.K.M.", S1, 1), ("", "A.Md.", D3, 1)
        ),
        0.45,
    ),
    "sosial": Profile(
        _titles(("", "S.Sos.", S1, 3), ("", "S.Tr.Sos.", S1, 2), ("", "A.Md.", D3, 1)), 0.6
    ),
    "kependudukan": Profile(
        _titles(
            ("", "", SMA, 3), ("", "A.Md.", D3, 2), ("", "S.Kom.", S1, 2), ("", "S.Sos.", S1, 1)
        ),
        0.5,
    ),
    "satpol": Profile(_titles(("", "", SMA, 8), ("", "S.H.", S1, 2), ("", "S.Sos.", S1, 1)), 0.15),
    "pertanian": Profile(
        _titles(
            ("", "S.P.", S1, 3),
            ("", "S.Pt.", S1, 1),
            ("", "A.Md.P.", D3, 2),
            ("", "S.Pi.", S1, 1),
            ("", "", SMA, 1),
        ),
        0.35,
    ),
    "dokter": Profile(_titles(("dr.", "", PROFESI, 5), ("dr.", "M.Kes.", S2, 1)), 0.55, 0.35),
    "dokter_spesialis": Profile(
        _titles(
            ("dr.", "Sp.PD.", S2),
            ("dr.", "Sp.A.", S2),
            ("dr.", "Sp.OG.", S2),
            ("dr.", "Sp.B.", S2),
            ("dr.", "Sp.An.", S2),
            ("dr.", "Sp.Rad.", S2),
            ("dr.", "Sp.P.", S2),
            ("dr.", "Sp.M.", S2),
            ("dr.", "Sp.N.", S2),
            ("dr.", "Sp.JP.", S2),
        ),
        0.45,
    ),
    "dokter_gigi": Profile(_titles(("drg.", "", PROFESI)), 0.7, 0.3),
    "perawat": Profile(
        _titles(("Ns.", "S.Kep.", PROFESI, 3), ("", "A.Md.Kep.", D3, 4), ("", "S.Kep.", S1, 1)),
        0.7,
        0.55,
    ),
    "bidan": Profile(
        _titles(
            ("", "A.Md.Keb.", D3, 5), ("", "S.Tr.Keb.", S1, 2), ("", "S.Keb., Bd.", PROFESI, 1)
        ),
        1.0,
        0.55,
    ),
    "apoteker": Profile(
        _titles(("apt.", "S.Farm.", PROFESI, 3), ("", "A.Md.Farm.", D3, 2)), 0.75, 0.4
    ),
    "kesmas": Profile(
        _titles(("", "S.K.M.", S1, 4), ("", "S.K.M., M.Kes.", S2, 1), ("", "A.Md.Kes.", D3, 1)),
        0.6,
        0.3,
    ),
    "sanitarian": Profile(
        _titles(("", "A.Md.K.L.", D3, 3), ("", "S.K.M.", S1, 2), ("", "S.Tr.Kes.", S1, 1)),
        0.5,
        0.55,
    ),
    "gizi": Profile(_titles(("", "A.Md.Gz.", D3, 3), ("", "S.Gz.", S1, 2)), 0.85, 0.55),
    "laboratorium": Profile(
        _titles(("", "A.Md.A.K.", D3, 3), ("", "S.Tr.Kes.", S1, 1), ("", "S.Si.", S1, 1)),
        0.65,
        0.55,
    ),
    "rekam_medis": Profile(_titles(("", "A.Md.RMIK", D3, 3), ("", "S.Tr.RMIK", S1, 1)), 0.6, 0.55),
    "radiografer": Profile(_titles(("", "A.Md.Rad.", D3, 3), ("", "S.Tr.Rad.", S1, 1)), 0.4, 0.55),
    "fisioterapis": Profile(_titles(("", "A.Md.Ftr.", D3, 2), ("", "S.Ft.", S1, 1)), 0.55, 0.55),
    "guru": Profile(
        _titles(
            ("", "S.Pd.", S1, 10),
            ("", "S.Pd.SD", S1, 3),
            ("", "S.Pd., M.Pd.", S2, 2),
            ("", "S.Si.", S1, 1),
            ("", "S.S.", S1, 1),
            ("Dra.", "", S1, 1, 1971),
        ),
        0.65,
        0.7,
    ),
    "guru_agama": Profile(
        _titles(("", "S.Pd.I.", S1, 3), ("", "S.Ag.", S1, 2), ("", "S.Th.", S1, 1)), 0.55, 0.7
    ),
    "guru_kejuruan": Profile(
        _titles(
            ("", "S.Pd.T.", S1, 3),
            ("", "S.T.", S1, 2),
            ("", "S.Kom.", S1, 2),
            ("", "S.Pd., M.Pd.", S2, 1),
        ),
        0.4,
        0.7,
    ),
    "kepala_sekolah": Profile(
        _titles(("", "S.Pd., M.Pd.", S2, 3), ("", "S.Pd.", S1, 3), ("Drs.", "M.Pd.", S2, 1, 1971)),
        0.5,
    ),
}


@dataclass
class Person:
    nip: str
    name: str
    front_title: str
    back_title: str
    status: str
    grade: str
    birth_date: datetime.date
    sex: str

    @property
    def appointed(self) -> datetime.date:
        return datetime.date(int(self.nip[8:12]), int(self.nip[12:14]), 1)


class PeopleFactory:
    """Makes unique, valid people for posts, drawing only on the given random generator."""

    def __init__(self, rng: random.Random, *, province: bool):
        self.rng = rng
        self.province = province
        self.nips: set[str] = set()

    def person(
        self, *, kind: str, jenjang: str, profile: str, education: str = "", pppk: bool = False
    ) -> Person:
        rng = self.rng
        spec = PROFILES[profile]
        sex = "P" if rng.random() < spec.female_share else "L"
        band_key = jenjang or kind
        if pppk:
            appointed_year = rng.randint(PPPK_FIRST_YEAR, LAST_APPOINTMENT[0])
            birth_year = appointed_year - rng.randint(24, APPOINTMENT_AGE[1])
            birth_year = min(max(birth_year, BIRTH_YEARS[0]), BIRTH_YEARS[1])
        else:
            low, high = AGE_BANDS[band_key]
            ref = REFERENCE_DATE.year
            birth_year = rng.randint(
                max(BIRTH_YEARS[0], ref - 1 - high), min(BIRTH_YEARS[1], ref - 1 - low)
            )
            appointed_year = None
        birth = datetime.date(birth_year, 1, 1) + datetime.timedelta(days=rng.randrange(365))
        title = self._title(spec, kind, jenjang, education, birth.year)
        if appointed_year is None:
            age_low, age_high = APPOINTMENT_AGES[title.education]
            age_high = min(age_high, REFERENCE_DATE.year - 1 - birth.year)
            age_low = min(age_low, age_high)
            appointed_year = birth.year + rng.randint(age_low, age_high)
        month = rng.randint(1, 12)
        if appointed_year >= LAST_APPOINTMENT[0]:
            appointed_year, month = LAST_APPOINTMENT[0], min(month, LAST_APPOINTMENT[1])
        if (appointed_year - birth.year) * 12 + month - birth.month < APPOINTMENT_AGE[0] * 12:
            month = birth.month
        nip = self._unique_nip(birth, appointed_year, month, sex)
        front, back = title.front, title.back
        if front == "Drs." and sex == "P":
            front = "Dra."
        elif front == "Dra." and sex == "L":
            front = "Drs."
        senior = kind in {
            PositionKind.JPT_MADYA,
            PositionKind.JPT_PRATAMA,
            PositionKind.ADMINISTRATOR,
        }
        if senior and not front and birth.year < 1980 and rng.random() < 0.15:
            front = "H." if sex == "L" else "Hj."  # returned from the hajj
        status = EmployeeStatus.PPPK if pppk else EmployeeStatus.PNS
        grade = (
            self._pppk_grade(title.education, jenjang)
            if pppk
            else self._pns_grade(band_key, title.education, appointed_year)
        )
        return Person(
            nip=nip,
            name=names.person_name(rng, sex=sex, birth_year=birth.year, province=self.province),
            front_title=front,
            back_title=back,
            status=status,
            grade=grade,
            birth_date=birth,
            sex=sex,
        )

    def _title(
        self, spec: Profile, kind: str, jenjang: str, education: str, birth_year: int
    ) -> Title:
        options = [t for t in spec.titles if birth_year < t.born_before]
        if education:
            wanted = {education}
        elif jenjang:
            wanted = {SMA, D3} if jenjang in SKILLED_JENJANG else {S1, S2, PROFESI}
        elif kind == PositionKind.PELAKSANA:
            wanted = {SMA, D3, S1}
        else:
            wanted = {S1, S2, PROFESI}
        fitting = [t for t in options if t.education in wanted] or options
        return self.rng.choices(fitting, weights=[t.weight for t in fitting])[0]

    def _unique_nip(self, birth: datetime.date, year: int, month: int, sex: str) -> str:
        while True:
            nip = rules.compose_nip(birth, year, month, sex, self.rng.randint(1, 999))
            if nip not in self.nips:
                self.nips.add(nip)
                return nip

    def _pns_grade(self, band_key: str, education: str, appointed_year: int) -> str:
        years = REFERENCE_DATE.year - appointed_year
        # A rank every four years when all goes well; many wait longer.
        index = PNS_CODES.index(ENTRY_GRADE[education]) + years // self.rng.choice((4, 4, 5, 6))
        low, high = (PNS_CODES.index(code) for code in GRADE_BANDS[band_key])
        return PNS_CODES[min(max(index, low), high)]

    @staticmethod
    def _pppk_grade(education: str, jenjang: str) -> str:
        return PPPK_JENJANG_GRADE.get(jenjang, PPPK_ENTRY_GRADE[education])


def pppk_share(profile: str) -> float:
    return PROFILES[profile].pppk_share
