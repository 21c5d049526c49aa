"""The building blocks of the OPD catalogue: posts, divisions, OPDs, service units and sizes.

A catalogue is data only; `plan.py` turns it into units, positions and seats for one size.
Seats are given at regency scale and multiplied by the size's factors.
"""

from __future__ import annotations

from dataclasses import dataclass

from kinerja.demo.generator.people import D3, S1, SMA
from kinerja.org.models import Jenjang, PositionKind, UnitKind

J = Jenjang
AHLI = (J.AHLI_PERTAMA, J.AHLI_PERTAMA, J.AHLI_PERTAMA, J.AHLI_MUDA, J.AHLI_MUDA, J.AHLI_MADYA)
AHLI_MUDA_UP = (J.AHLI_PERTAMA, J.AHLI_MUDA, J.AHLI_MUDA, J.AHLI_MADYA)
TERAMPIL = (J.TERAMPIL, J.TERAMPIL, J.MAHIR, J.PENYELIA)
TERAMPIL_AHLI = TERAMPIL + AHLI
GURU = (J.AHLI_PERTAMA,) * 5 + (J.AHLI_MUDA,) * 3 + (J.AHLI_MADYA,) * 2
POLISI = (
    J.PEMULA,
    J.TERAMPIL,
    J.TERAMPIL,
    J.TERAMPIL,
    J.MAHIR,
    J.MAHIR,
    J.PENYELIA,
    J.AHLI_PERTAMA,
)

JENJANG_LABELS = {j.value: j.label for j in Jenjang}


@dataclass(frozen=True)
class Post:
    """A staff post (pelaksana or fungsional) with its seats at regency scale.

    A fungsional post names a spread of jenjang; each seat draws one, and the planner makes one
    position per jenjang ("Perawat Terampil", "Perawat Ahli Pertama").
    """

    name: str
    profile: str = "kantor"
    seats: float = 1
    jenjang: tuple[str, ...] = ()
    education: str = ""

    @property
    def kind(self) -> str:
        return PositionKind.FUNGSIONAL if self.jenjang else PositionKind.PELAKSANA


def F(name: str, profile: str, seats: float = 1, jenjang: tuple[str, ...] = AHLI) -> Post:
    return Post(name, profile, seats, jenjang)


def P(name: str, seats: float = 1, education: str = SMA, profile: str = "kantor") -> Post:
    return Post(name, profile, seats, (), education)


def pengadministrasi(seats: float = 1) -> Post:
    return P("Pengadministrasi Perkantoran", seats, SMA)


def operator(seats: float = 1, profile: str = "kantor") -> Post:
    return P("Operator Layanan Operasional", seats, SMA, profile)


def pengelola(seats: float = 1, profile: str = "kantor") -> Post:
    return P("Pengelola Layanan Operasional", seats, D3, profile)


def penata(seats: float = 1, profile: str = "kantor") -> Post:
    return P("Penata Layanan Operasional", seats, S1, profile)


@dataclass(frozen=True)
class Division:
    """A sub-unit: sekretariat, bidang, bagian, seksi, subbagian (with its head post)."""

    code: str
    name: str
    kind: str = UnitKind.BIDANG
    children: tuple[Division, ...] = ()
    posts: tuple[Post, ...] = ()
    head: str = ""  # defaults to "Kepala <name>"
    head_kind: str = ""  # defaults by unit kind
    head_profile: str = ""
    under: str = ""  # code of a deputy post of the OPD whose holder supervises this head

    @property
    def head_name(self) -> str:
        return self.head or f"Kepala {self.name}"

    @property
    def head_position_kind(self) -> str:
        if self.head_kind:
            return self.head_kind
        if self.kind in {UnitKind.SEKSI, UnitKind.SUB_BAGIAN, UnitKind.SUB_BIDANG}:
            return PositionKind.PENGAWAS
        return PositionKind.ADMINISTRATOR


def seksi(code: str, name: str, *posts: Post) -> Division:
    return Division(code, f"Seksi {name}", UnitKind.SEKSI, posts=posts or STAFF)


def subbagian(code: str, name: str, *posts: Post) -> Division:
    return Division(code, f"Subbagian {name}", UnitKind.SUB_BAGIAN, posts=posts or STAFF)


def subbidang(code: str, name: str, *posts: Post) -> Division:
    return Division(code, f"Subbidang {name}", UnitKind.SUB_BIDANG, posts=posts or STAFF)


def bidang(code: str, name: str, *children: Division, posts: tuple[Post, ...] = ()) -> Division:
    """A bidang with seksi, or (as since the 2021 simplification) with fungsional posts only."""
    return Division(code, f"Bidang {name}", UnitKind.BIDANG, children=children, posts=posts)


STAFF = (penata(), pengadministrasi())


def sekretariat(title: str = "Dinas", *, finance_profile: str = "keuangan") -> Division:
    return Division(
        "SEKR",
        "Sekretariat",
        UnitKind.SEKRETARIAT,
        head=f"Sekretaris {title}".strip(),
        children=(
            subbagian(
                "UMPEG",
                "Umum dan Kepegawaian",
                pengadministrasi(2),
                F("Arsiparis", "arsip", 0.6, TERAMPIL_AHLI),
                F("Analis Sumber Daya Manusia Aparatur", "sdm", 0.6),
                operator(1),
            ),
            subbagian(
                "RENKEU",
                "Perencanaan dan Keuangan",
                F("Perencana", "perencana", 0.8),
                penata(1, finance_profile),
                pengelola(1, finance_profile),
                F("Pranata Komputer", "komputer", 0.4, TERAMPIL_AHLI),
            ),
        ),
    )


@dataclass(frozen=True)
class Deputy:
    """A post directly under the head of an OPD that other heads report to (an asisten)."""

    code: str
    name: str
    kind: str = PositionKind.JPT_PRATAMA


@dataclass(frozen=True)
class ServiceUnits:
    """A family of service units of an OPD: Puskesmas, schools, UPT, counters, kelurahan.

    `name` may hold {n} (running number), {place} (a kecamatan or region name) and {region}.
    `count` is per size: (small, regency, province).
    """

    code: str
    name: str
    kind: str
    count: tuple[int, int, int]
    posts: tuple[Post, ...] = ()
    head: str = "Kepala {name}"
    head_kind: str = PositionKind.PENGAWAS
    head_jenjang: str = ""
    head_profile: str = "pengawas"
    divisions: tuple[Division, ...] = ()
    under: str = ""  # division code whose head supervises the unit head; "" for the OPD head
    unit_under: str = ""  # division code whose unit contains the service unit
    within: str = ""  # code of another family whose units host these (schools in a cabang dinas)
    numbered_per_place: bool = False  # "SD Negeri 3 Karangsari"
    staff: tuple[float, float, float] = (1.0, 1.0, 1.0)  # per size, times the seats of posts
    staff_jitter: float = 0.25


@dataclass(frozen=True)
class Opd:
    """A perangkat daerah with its head, deputies, sub-units and service units."""

    code: str
    name: str
    short_name: str
    kind: str
    head: str
    divisions: tuple[Division, ...]
    head_kind: str = PositionKind.JPT_PRATAMA
    head_profile: str = ""  # defaults to manager_profile, then "pimpinan"
    manager_profile: str = ""  # titles of the heads of its sub-units, e.g. "manajer_kesehatan"
    deputies: tuple[Deputy, ...] = ()
    posts: tuple[Post, ...] = ()  # directly under the head
    services: tuple[ServiceUnits, ...] = ()
    in_small: bool = False
    divisions_in_small: int = 2  # besides the sekretariat


def bagian(code, name, under, *children, posts=()):
    return Division(
        code, f"Bagian {name}", UnitKind.BAGIAN, children=children, posts=posts, under=under
    )


def flat_bidang(code, name, *posts):
    """A bidang without seksi: fungsional staff directly under the head."""
    return bidang(code, name, posts=(*posts, *STAFF))


def simple_opd(
    code, name, short, head, kind, divisions, posts_each, *, services=(), manager_profile=""
):
    """An OPD whose bidang have fungsional staff directly (no seksi)."""
    bidangs = tuple(
        flat_bidang(f"B{n}", title, *posts_each) for n, title in enumerate(divisions, start=1)
    )
    secretariat = sekretariat("Badan" if kind == UnitKind.BADAN else "Dinas")
    return Opd(
        code,
        name,
        short,
        kind,
        head,
        divisions=(secretariat, *bidangs),
        services=services,
        manager_profile=manager_profile,
    )


@dataclass(frozen=True)
class Size:
    key: str
    province: bool
    index: int  # into ServiceUnits.count
    staff: float  # multiplier of the seats of the OPD head offices
    service_staff: float  # multiplier of the seats of service units
    seksi_per_division: int
    kecamatan: int = 0
    kelurahan: tuple[int, int] = (0, 0)  # kelurahan per kecamatan: (capital, others)
    regions: int = 0  # kabupaten/kota of a province
    vacancies: int = 3  # structural posts left vacant and run by a Plt.


# fmt: off
SIZES = {
    "small": Size("small", province=False, index=0, staff=0.45, service_staff=0.4,
                  seksi_per_division=1, kecamatan=2, kelurahan=(1, 0), vacancies=2),
    "regency": Size("regency", province=False, index=1, staff=1.0, service_staff=1.0,
                    seksi_per_division=3, kecamatan=18, kelurahan=(5, 1), vacancies=12),
    "province": Size("province", province=True, index=2, staff=6.0, service_staff=1.0,
                     seksi_per_division=3, regions=30, vacancies=40),
}
# fmt: on
