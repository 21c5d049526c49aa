"""Data of the demo performance tree: holidays, RPJMD goals and realistic IKU per OPD.

Targets are those of the first plan year and rise (or fall, for lower-is-better indicators) by
`step` a year. Figures are in the range published in regency and province LKjIP; they are
demonstration data, not any real region's.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

D = datetime.date

# National holidays (libur nasional) by the joint decree (SKB 3 Menteri) of each year; the dates
# of Islamic holidays follow the decree, not the observed moon sighting.
NATIONAL_HOLIDAYS = {
    2025: (
        (D(2025, 1, 1), "Tahun Baru 2025 Masehi"),
        (D(2025, 1, 27), "Isra Mikraj Nabi Muhammad SAW"),
        (D(2025, 1, 29), "Tahun Baru Imlek 2576 Kongzili"),
        (D(2025, 3, 29), "Hari Suci Nyepi Tahun Baru Saka 1947"),
        (D(2025, 3, 31), "Idul Fitri 1446 Hijriah"),
        (D(2025, 4, 1), "Idul Fitri 1446 Hijriah"),
        (D(2025, 4, 18), "Wafat Yesus Kristus"),
        (D(2025, 4, 20), "Kebangkitan Yesus Kristus (Paskah)"),
        (D(2025, 5, 1), "Hari Buruh Internasional"),
        (D(2025, 5, 12), "Hari Raya Waisak 2569 BE"),
        (D(2025, 5, 29), "Kenaikan Yesus Kristus"),
        (D(2025, 6, 1), "Hari Lahir Pancasila"),
        (D(2025, 6, 6), "Idul Adha 1446 Hijriah"),
        (D(2025, 6, 27), "Tahun Baru Islam 1447 Hijriah"),
        (D(2025, 8, 17), "Hari Kemerdekaan Republik Indonesia"),
        (D(2025, 9, 5), "Maulid Nabi Muhammad SAW"),
        (D(2025, 12, 25), "Hari Raya Natal"),
    ),
    2026: (
        (D(2026, 1, 1), "Tahun Baru 2026 Masehi"),
        (D(2026, 1, 16), "Isra Mikraj Nabi Muhammad SAW"),
        (D(2026, 2, 17), "Tahun Baru Imlek 2577 Kongzili"),
        (D(2026, 3, 19), "Hari Suci Nyepi Tahun Baru Saka 1948"),
        (D(2026, 3, 21), "Idul Fitri 1447 Hijriah"),
        (D(2026, 3, 22), "Idul Fitri 1447 Hijriah"),
        (D(2026, 4, 3), "Wafat Yesus Kristus"),
        (D(2026, 4, 5), "Kebangkitan Yesus Kristus (Paskah)"),
        (D(2026, 5, 1), "Hari Buruh Internasional"),
        (D(2026, 5, 14), "Kenaikan Yesus Kristus"),
        (D(2026, 5, 27), "Idul Adha 1447 Hijriah"),
        (D(2026, 5, 31), "Hari Raya Waisak 2570 BE"),
        (D(2026, 6, 1), "Hari Lahir Pancasila"),
        (D(2026, 6, 16), "Tahun Baru Islam 1448 Hijriah"),
        (D(2026, 8, 17), "Hari Kemerdekaan Republik Indonesia"),
        (D(2026, 8, 25), "Maulid Nabi Muhammad SAW"),
        (D(2026, 12, 25), "Hari Raya Natal"),
    ),
}
COLLECTIVE_LEAVE = {
    2025: (
        (D(2025, 1, 28), "Cuti bersama Tahun Baru Imlek"),
        (D(2025, 3, 28), "Cuti bersama Hari Suci Nyepi"),
        (D(2025, 4, 2), "Cuti bersama Idul Fitri"),
        (D(2025, 4, 3), "Cuti bersama Idul Fitri"),
        (D(2025, 4, 4), "Cuti bersama Idul Fitri"),
        (D(2025, 4, 7), "Cuti bersama Idul Fitri"),
        (D(2025, 5, 13), "Cuti bersama Waisak"),
        (D(2025, 5, 30), "Cuti bersama Kenaikan Yesus Kristus"),
        (D(2025, 6, 9), "Cuti bersama Idul Adha"),
        (D(2025, 12, 26), "Cuti bersama Natal"),
    ),
    2026: (
        (D(2026, 2, 16), "Cuti bersama Tahun Baru Imlek"),
        (D(2026, 3, 18), "Cuti bersama Hari Suci Nyepi"),
        (D(2026, 3, 20), "Cuti bersama Idul Fitri"),
        (D(2026, 3, 23), "Cuti bersama Idul Fitri"),
        (D(2026, 3, 24), "Cuti bersama Idul Fitri"),
        (D(2026, 5, 15), "Cuti bersama Kenaikan Yesus Kristus"),
        (D(2026, 5, 28), "Cuti bersama Idul Adha"),
        (D(2026, 12, 24), "Cuti bersama Natal"),
    ),
}


@dataclass(frozen=True)
class IkuSpec:
    """One indicator of the catalogue. `high` makes its targets ranges (`base`-`high`); a range
    keeps the direction (higher, lower), or is stabilised when both sides are bad."""

    name: str
    unit: str
    polarity: str  # higher, lower, stabilise
    consolidation: str  # sum, average, last
    frequency: str  # monthly, quarterly, semiannual, annual
    base: float
    step: float = 0.0
    high: float | None = None
    formula: str = ""
    source: str = ""
    lower_formula: str = "2t-r"
    places: int = 2

    @property
    def target_shape(self) -> str:
        return "single" if self.high is None else "range"


@dataclass(frozen=True)
class Sasaran:
    theme: int  # index of the sasaran daerah it supports
    statement: str
    indicators: tuple[IkuSpec, ...]


I = IkuSpec  # noqa: E741 - a table reads better with a one-letter constructor

# Tujuan daerah (RPJMD) and their sasaran daerah; OPD sasaran name the sasaran by index.
TUJUAN = (
    (
        "Meningkatkan kualitas sumber daya manusia yang sehat, cerdas dan berdaya saing",
        (
            (
                "Meningkatnya derajat kesehatan masyarakat",
                I(
                    "Indeks Pembangunan Manusia (IPM)",
                    "indeks",
                    "higher",
                    "last",
                    "annual",
                    71.2,
                    0.45,
                    formula="Metode BPS",
                    source="BPS",
                ),
            ),
            (
                "Meningkatnya kualitas pendidikan",
                I(
                    "Rata-rata lama sekolah",
                    "tahun",
                    "higher",
                    "last",
                    "annual",
                    8.1,
                    0.12,
                    source="BPS",
                ),
            ),
        ),
    ),
    (
        "Mewujudkan pertumbuhan ekonomi yang inklusif dan stabil",
        (
            (
                "Terkendalinya inflasi daerah",
                I(
                    "Tingkat inflasi",
                    "%",
                    "stabilise",
                    "last",
                    "annual",
                    2.0,
                    high=4.0,
                    formula="Perubahan IHK tahunan (y-on-y)",
                    source="BPS",
                ),
            ),
            (
                "Menurunnya kemiskinan",
                I(
                    "Persentase penduduk miskin",
                    "%",
                    "lower",
                    "last",
                    "annual",
                    10.8,
                    -0.4,
                    source="BPS",
                ),
            ),
            (
                "Meningkatnya kualitas infrastruktur dan konektivitas",
                I(
                    "Indeks kepuasan infrastruktur publik",
                    "indeks",
                    "higher",
                    "last",
                    "annual",
                    74.0,
                    1.0,
                    source="Survei Bappeda",
                ),
            ),
        ),
    ),
    (
        "Mewujudkan tata kelola pemerintahan yang bersih, akuntabel dan melayani",
        (
            (
                "Meningkatnya akuntabilitas kinerja dan keuangan",
                I(
                    "Nilai SAKIP pemerintah daerah",
                    "nilai",
                    "higher",
                    "last",
                    "annual",
                    66.0,
                    2.5,
                    formula="Nilai LHE AKIP KemenPANRB",
                    source="LHE AKIP",
                ),
            ),
            (
                "Meningkatnya kualitas pelayanan publik",
                I(
                    "Indeks Kepuasan Masyarakat (IKM) daerah",
                    "indeks",
                    "higher",
                    "average",
                    "annual",
                    80.0,
                    1.0,
                    formula="PermenPANRB 14/2017",
                    source="SKM",
                ),
            ),
        ),
    ),
)

_WAIT = "Jumlah waktu tunggu seluruh pasien / jumlah pasien"
_PCT = "Realisasi / sasaran x 100%"

# fmt: off
OPD_SASARAN = {
    "DINKES": (
        Sasaran(0, "Meningkatnya mutu dan akses pelayanan kesehatan", (
            I("Rata-rata waktu tunggu pasien rawat jalan", "menit", "lower", "average", "monthly",
              75, -7, formula=_WAIT, source="SIMPUS Puskesmas"),
            I("Indeks Kepuasan Masyarakat (IKM) Puskesmas", "indeks", "higher", "average",
              "monthly", 78, 1.2, formula="PermenPANRB 14/2017", source="SKM Puskesmas"),
            I("Angka kematian bayi per 1.000 kelahiran hidup", "per 1.000 KH", "lower", "sum",
              "quarterly", 9.5, -0.6, lower_formula="t/r",
              formula="Kematian bayi / kelahiran hidup x 1.000", source="Laporan KIA"),
            I("Cakupan imunisasi dasar lengkap", "%", "higher", "last", "monthly", 86, 2,
              formula=_PCT, source="Laporan imunisasi"),
        )),
    ),
    "DUKCAPIL": (
        Sasaran(5, "Meningkatnya kualitas pelayanan administrasi kependudukan", (
            I("Rata-rata lama penyelesaian dokumen kependudukan", "hari", "lower", "average",
              "monthly", 5.0, -0.7, lower_formula="t/r",
              formula="Jumlah hari kerja penyelesaian / jumlah dokumen", source="SIAK"),
            I("Cakupan perekaman KTP-el", "%", "higher", "last", "monthly", 93, 1.3,
              formula="Penduduk wajib KTP terekam / wajib KTP x 100%", source="SIAK"),
            I("Cakupan kepemilikan akta kelahiran anak", "%", "higher", "last", "quarterly",
              88, 2, formula=_PCT, source="SIAK"),
        )),
    ),
    "PUPR": (
        Sasaran(4, "Meningkatnya kemantapan jalan daerah", (
            I("Persentase panjang jalan dalam kondisi baik", "%", "higher", "last", "quarterly",
              62, 3, formula="Panjang jalan baik / panjang jalan daerah x 100%",
              source="Survei kondisi jalan (IRMS)"),
            I("Persentase jembatan dalam kondisi baik", "%", "higher", "last", "semiannual",
              70, 2.5, formula=_PCT, source="Data jembatan"),
        )),
    ),
    "DISHUB": (
        Sasaran(4, "Meningkatnya keselamatan dan layanan transportasi", (
            I("Indeks kepuasan pengguna angkutan umum", "indeks", "higher", "average",
              "quarterly", 72, 1.5, formula="Survei kepuasan penumpang", source="Survei Dishub"),
            I("Jumlah korban meninggal kecelakaan lalu lintas", "orang", "lower", "sum",
              "monthly", 96, -6, lower_formula="t/r", places=0,
              source="Satlantas Polres"),
            I("Persentase kendaraan wajib uji yang lulus uji berkala", "%", "higher", "last",
              "monthly", 80, 2, formula=_PCT, source="BLUe"),
        )),
    ),
    "DISDIK": (
        Sasaran(1, "Meningkatnya akses dan mutu pendidikan dasar", (
            I("Angka Partisipasi Sekolah (APS) usia 7-12 tahun", "%", "higher", "last",
              "annual", 98.1, 0.3, formula="Penduduk 7-12 bersekolah / penduduk 7-12 x 100%",
              source="Dapodik, BPS"),
            I("Angka Partisipasi Sekolah (APS) usia 13-15 tahun", "%", "higher", "last",
              "annual", 93.5, 0.8, source="Dapodik, BPS"),
            I("Rata-rata nilai rapor pendidikan (literasi) SD dan SMP", "nilai", "higher",
              "last", "annual", 58, 1.8, source="Rapor Pendidikan"),
            I("Angka putus sekolah SMP", "%", "lower", "last", "semiannual", 0.9, -0.1,
              source="Dapodik"),
        )),
    ),
    "INSP": (
        Sasaran(5, "Meningkatnya kualitas pengawasan internal", (
            I("Persentase tindak lanjut temuan hasil pemeriksaan", "%", "higher", "last",
              "quarterly", 78, 3, formula="Rekomendasi selesai / seluruh rekomendasi x 100%",
              source="SIPTL"),
            I("Level kapabilitas APIP", "level", "higher", "last", "annual", 2.6, 0.2,
              source="BPKP"),
        )),
    ),
    "BKPSDM": (
        Sasaran(5, "Meningkatnya kualitas manajemen ASN", (
            I("Persentase ASN yang menetapkan SKP tepat waktu", "%", "higher", "last",
              "monthly", 82, 3, formula="ASN dengan SKP ditetapkan per 31 Januari / ASN x 100%",
              source="Kinerja"),
            I("Indeks sistem merit", "indeks", "higher", "last", "annual", 262, 15,
              source="KASN/BKN"),
            I("Rata-rata lama layanan kenaikan pangkat", "hari", "lower", "average",
              "quarterly", 21, -2, lower_formula="t/r", source="SIASN"),
        )),
    ),
    "BAPPEDA": (
        Sasaran(5, "Meningkatnya kualitas perencanaan dan evaluasi pembangunan", (
            I("Nilai SAKIP perangkat daerah rata-rata", "nilai", "higher", "last", "annual",
              65, 1.5, high=80, formula="Rata-rata nilai evaluasi AKIP internal",
              source="Inspektorat"),
            I("Persentase konsistensi program RPJMD dalam RKPD", "%", "higher", "last",
              "annual", 88, 2, source="SIPD"),
        )),
    ),
    "BPKAD": (
        Sasaran(5, "Meningkatnya kualitas pengelolaan keuangan daerah", (
            I("Persentase realisasi belanja daerah", "%", "higher", "last", "monthly", 88, 1.5,
              formula="Realisasi belanja / pagu x 100%", source="SIPD"),
            I("Opini BPK atas LKPD (WTP = 4)", "skor", "higher", "last", "annual", 4, 0,
              source="LHP BPK"),
        )),
    ),
    "DINSOS": (
        Sasaran(3, "Meningkatnya perlindungan sosial bagi penduduk rentan", (
            I("Persentase PPKS yang memperoleh bantuan sosial", "%", "higher", "last",
              "quarterly", 70, 4, formula=_PCT, source="DTKS"),
            I("Persentase data DTKS yang diperbarui", "%", "higher", "last", "monthly", 75, 4,
              source="SIKS-NG"),
        )),
    ),
    "DPMPTSP": (
        Sasaran(3, "Meningkatnya kemudahan berusaha dan investasi", (
            I("Rata-rata waktu penerbitan perizinan berusaha", "hari", "lower", "average",
              "monthly", 6, -0.6, lower_formula="t/r", source="OSS-RBA"),
            I("Indeks Kepuasan Masyarakat (IKM) MPP", "indeks", "higher", "average",
              "monthly", 82, 1, source="SKM MPP"),
        )),
    ),
    "SATPOLPP": (
        Sasaran(6, "Meningkatnya ketenteraman dan ketertiban umum", (
            I("Persentase penegakan Perda yang diselesaikan", "%", "higher", "last",
              "quarterly", 72, 4, formula=_PCT, source="Laporan Satpol PP"),
        )),
    ),
    "DLH": (
        Sasaran(4, "Meningkatnya kualitas lingkungan hidup", (
            I("Indeks Kualitas Lingkungan Hidup (IKLH)", "indeks", "higher", "last", "annual",
              64, 1.2, source="KLHK"),
            I("Persentase sampah yang terkelola", "%", "higher", "last", "monthly", 58, 4,
              source="SIPSN"),
        )),
    ),
}
# fmt: on

# The province uses other codes for the same kind of OPD.
ALIASES = {"PUBM": "PUPR", "BKD": "BKPSDM"}

GENERIC = Sasaran(
    6,
    "Meningkatnya kinerja pelayanan {name}",
    (
        I("Indeks Kepuasan Masyarakat (IKM) {short}", "indeks", "higher", "average", "quarterly",
          78, 1.2, source="SKM"),
        I("Persentase capaian program prioritas {short}", "%", "higher", "last", "quarterly",
          80, 3, formula=_PCT, source="Laporan kinerja"),
    ),
)  # fmt: skip

PROGRAM_INDICATORS = (
    I("Persentase kegiatan {short} yang terlaksana tepat waktu", "%", "higher", "last",
      "quarterly", 82, 2.5, formula=_PCT, source="Laporan kegiatan"),
    I("Persentase realisasi anggaran {short}", "%", "higher", "last", "monthly", 85, 2,
      formula="Realisasi / pagu x 100%", source="SIPD"),
    I("Jumlah dokumen layanan {short} yang diselesaikan", "dokumen", "higher", "sum",
      "monthly", 240, 20, places=0, source="Register layanan"),
)  # fmt: skip

RETURN_COMMENTS = (
    "Lampirkan rekapitulasi data dari aplikasi sumber.",
    "Angka tidak sesuai dengan laporan bulanan; mohon diperiksa kembali.",
    "Bukti dukung belum ditandatangani kepala bidang.",
)
CHANGE_REASONS = (
    "Capaian dipengaruhi bencana banjir di tiga kecamatan; predikat disesuaikan.",
    "Kinerja melampaui target pada indikator prioritas daerah.",
)
