"""The OPD catalogue of a province: biro under the Setda, UPT per region, SMA/SMK/SLB schools.

A province runs upper-secondary and special schools (through cabang dinas), provincial
hospitals and regional UPT (tax offices with Samsat, roads, water resources, forest units);
it has no kecamatan or Puskesmas. Shared OPDs come from the regency catalogue.
"""

from __future__ import annotations

import dataclasses

from kinerja.demo.generator.catalogue import (
    AHLI,
    AHLI_MUDA_UP,
    GURU,
    TERAMPIL,
    TERAMPIL_AHLI,
    Deputy,
    Division,
    F,
    Opd,
    ServiceUnits,
    flat_bidang,
    operator,
    penata,
    pengadministrasi,
    pengelola,
    sekretariat,
    simple_opd,
)
from kinerja.demo.generator.structure import (
    BAPPEDA,
    BKPSDM,
    BPKAD,
    DINKES,
    DINSOS,
    DISHUB,
    DLH,
    DPMPTSP,
    DUKCAPIL,
    EXTRA_OPDS,
    INSPEKTORAT,
    PUPR,
    RSUD_DIVISIONS,
    SATPOLPP,
    SCHOOL_HEAD,
    SETWAN,
)
from kinerja.org.models import Jenjang, PositionKind, UnitKind

J = Jenjang
K = UnitKind
replace = dataclasses.replace


def _biro(code, name, under, *bagian):
    """A biro (JPT pratama) with bagian that have fungsional staff directly."""
    children = tuple(
        Division(
            f"{code[:4]}{n}",
            f"Bagian {title}",
            K.BAGIAN,
            posts=(F("Analis Kebijakan", "pemerintahan", 1.5), penata(1), pengadministrasi(1)),
        )
        for n, title in enumerate(bagian, start=1)
    )
    return Division(
        code,
        f"Biro {name}",
        K.BAGIAN,
        head=f"Kepala Biro {name}",
        head_kind=PositionKind.JPT_PRATAMA,
        under=under,
        children=children,
    )


def _upt(code, name, count, posts, **extra):
    """Regional UPT of a province; `count` is the number at province size."""
    options = {"head_profile": "pengawas", "staff": (1, 1, 1.6), **extra}
    return ServiceUnits(code, name, K.UPT, (0, 0, count), posts, **options)


# fmt: off
SETDA_PROVINSI = Opd(
    "SETDA", "Sekretariat Daerah", "Setda", K.SEKRETARIAT_DAERAH, "Sekretaris Daerah",
    head_kind=PositionKind.JPT_MADYA, manager_profile="pemerintahan",
    deputies=(
        Deputy("ASS1", "Asisten Pemerintahan dan Kesejahteraan Rakyat"),
        Deputy("ASS2", "Asisten Perekonomian dan Pembangunan"),
        Deputy("ASS3", "Asisten Administrasi Umum"),
    ),
    divisions=(
        _biro("BPEM", "Pemerintahan dan Otonomi Daerah", "ASS1", "Pemerintahan Umum",
              "Otonomi Daerah", "Kerja Sama"),
        _biro("BHUK", "Hukum", "ASS1", "Perundang-undangan", "Bantuan Hukum",
              "Dokumentasi dan Informasi Hukum"),
        _biro("BKESRA", "Kesejahteraan Rakyat", "ASS1", "Bina Mental Spiritual",
              "Kesejahteraan Sosial", "Pendidikan dan Kesehatan"),
        _biro("BEKON", "Perekonomian", "ASS2", "Perekonomian", "Sumber Daya Alam",
              "Pembinaan BUMD"),
        _biro("BADPEM", "Administrasi Pembangunan", "ASS2", "Penyusunan Program",
              "Pengendalian Pembangunan", "Evaluasi dan Pelaporan"),
        _biro("BPBJ", "Pengadaan Barang dan Jasa", "ASS2", "Pengelolaan Pengadaan",
              "Layanan Pengadaan Secara Elektronik", "Pembinaan dan Advokasi"),
        _biro("BORG", "Organisasi", "ASS3", "Kelembagaan dan Anjab", "Reformasi Birokrasi",
              "Tata Laksana"),
        _biro("BUMUM", "Umum", "ASS3", "Tata Usaha Pimpinan", "Rumah Tangga", "Keuangan"),
        _biro("BADPIM", "Administrasi Pimpinan", "ASS3", "Protokol", "Komunikasi Pimpinan",
              "Materi dan Komunikasi"),
    ),
)

_SMA_POSTS = (
    *(F(f"Guru {subject}", profile, seats, GURU) for subject, profile, seats in (
        ("Bahasa Indonesia", "guru", 3), ("Matematika", "guru", 3), ("Fisika", "guru", 2),
        ("Kimia", "guru", 2), ("Biologi", "guru", 2), ("Ekonomi", "guru", 2),
        ("Sosiologi", "guru", 1.5), ("Geografi", "guru", 1.5), ("Sejarah", "guru", 2),
        ("Bahasa Inggris", "guru", 2.5), ("Pendidikan Pancasila", "guru", 1.5),
        ("Pendidikan Agama Islam", "guru_agama", 2),
        ("Pendidikan Agama Kristen", "guru_agama", 0.5),
        ("Pendidikan Jasmani, Olahraga dan Kesehatan", "guru", 2), ("Seni Budaya", "guru", 1),
        ("Informatika", "guru_kejuruan", 1.5), ("Bimbingan dan Konseling", "guru", 2.5),
    )),
    penata(2), pengelola(1, "keuangan"), pengadministrasi(2),
    F("Pustakawan", "arsip", 0.5, TERAMPIL_AHLI),
)
_SMK_POSTS = (
    *(F(f"Guru {subject}", profile, seats, GURU) for subject, profile, seats in (
        ("Bahasa Indonesia", "guru", 2.5), ("Matematika", "guru", 2.5),
        ("Bahasa Inggris", "guru", 2.5), ("Pendidikan Pancasila", "guru", 1.5),
        ("Pendidikan Agama Islam", "guru_agama", 2),
        ("Pendidikan Jasmani, Olahraga dan Kesehatan", "guru", 2),
        ("Teknik Kendaraan Ringan", "guru_kejuruan", 4),
        ("Teknik Komputer dan Jaringan", "guru_kejuruan", 4),
        ("Akuntansi dan Keuangan Lembaga", "guru_kejuruan", 3),
        ("Teknik Mesin", "guru_kejuruan", 3), ("Tata Boga", "guru_kejuruan", 2),
        ("Teknik Instalasi Tenaga Listrik", "guru_kejuruan", 3),
        ("Bimbingan dan Konseling", "guru", 2.5),
        ("Projek Kreatif dan Kewirausahaan", "guru", 1.5),
    )),
    penata(2), pengelola(1, "keuangan"), pengadministrasi(3), operator(2),
)
_SLB_POSTS = (F("Guru Pendidikan Khusus", "guru", 14, GURU), pengadministrasi(2), operator(1))
_SCHOOL = {**SCHOOL_HEAD, "within": "CABDIN"}  # schools hang under their cabang dinas

DISDIK_PROVINSI = Opd(
    "DISDIK", "Dinas Pendidikan", "Disdik", K.DINAS, "Kepala Dinas Pendidikan",
    manager_profile="manajer_pendidikan",
    divisions=(
        sekretariat(),
        flat_bidang("SMA", "Pembinaan Sekolah Menengah Atas",
                    F("Pengembang Teknologi Pembelajaran", "guru", 2)),
        flat_bidang("SMK", "Pembinaan Sekolah Menengah Kejuruan",
                    F("Pengembang Teknologi Pembelajaran", "guru", 2)),
        flat_bidang("PKLK", "Pendidikan Khusus dan Layanan Khusus",
                    F("Pengembang Teknologi Pembelajaran", "guru", 1)),
        flat_bidang("GTK", "Guru dan Tenaga Kependidikan",
                    F("Analis Sumber Daya Manusia Aparatur", "sdm", 3)),
    ),
    services=(
        ServiceUnits("CABDIN", "Cabang Dinas Pendidikan Wilayah {n}", K.UPT, (0, 0, 12),
                     (F("Pengawas Sekolah", "kepala_sekolah", 8, (J.AHLI_MUDA, J.AHLI_MADYA)),
                      penata(2), pengadministrasi(2)),
                     head_kind=PositionKind.ADMINISTRATOR, head_profile="manajer_pendidikan"),
        ServiceUnits("SMA", "SMA Negeri {n} {place}", K.SEKOLAH, (0, 0, 630), _SMA_POSTS,
                     **_SCHOOL),
        ServiceUnits("SMK", "SMK Negeri {n} {place}", K.SEKOLAH, (0, 0, 460), _SMK_POSTS,
                     **_SCHOOL),
        ServiceUnits("SLB", "SLB Negeri {place}", K.SEKOLAH, (0, 0, 60), _SLB_POSTS,
                     **{**_SCHOOL, "numbered_per_place": False}),
    ),
)

_HOSPITAL = {"head_profile": "dokter", "divisions": RSUD_DIVISIONS}
DINKES_PROVINSI = replace(DINKES, services=(
    ServiceUnits("RSUD", "RSUD Provinsi {place}", K.RUMAH_SAKIT, (0, 0, 4),
                 head="Direktur RSUD Provinsi {place}", head_kind=PositionKind.JPT_PRATAMA,
                 staff=(1, 1, 3.0), staff_jitter=0.1, **_HOSPITAL),
    ServiceUnits("RSJ", "Rumah Sakit Jiwa Daerah", K.RUMAH_SAKIT, (0, 0, 1),
                 head="Direktur Rumah Sakit Jiwa Daerah", head_kind=PositionKind.ADMINISTRATOR,
                 staff=(1, 1, 0.8), staff_jitter=0.05, **_HOSPITAL),
    ServiceUnits("LABKES", "UPTD Laboratorium Kesehatan Provinsi", K.UPT, (0, 0, 1), (
        F("Pranata Laboratorium Kesehatan", "laboratorium", 20, TERAMPIL_AHLI),
        F("Dokter", "dokter", 2, AHLI), pengadministrasi(3)), head_profile="manajer_kesehatan"),
    ServiceUnits("BAPELKES", "UPTD Balai Pelatihan Kesehatan", K.UPT, (0, 0, 1), (
        F("Widyaiswara", "kesmas", 6, AHLI_MUDA_UP), pengadministrasi(3)),
        head_profile="manajer_kesehatan"),
))

BAPENDA_PROVINSI = simple_opd(
    "BAPENDA", "Badan Pendapatan Daerah", "Bapenda", "Kepala Bapenda", K.BADAN,
    ("Pajak Daerah", "Retribusi dan Pendapatan Lain", "Pengendalian dan Evaluasi Pendapatan"),
    (penata(3, "keuangan"), operator(1)), manager_profile="manajer_keuangan",
    services=(_upt("SAMSAT", "UPT Pengelolaan Pendapatan Daerah {place}", 30,
                   (penata(6, "keuangan"), pengelola(6, "keuangan"), operator(8),
                    F("Pranata Komputer", "komputer", 1, TERAMPIL_AHLI)),
                   head_kind=PositionKind.ADMINISTRATOR, head_profile="manajer_keuangan"),),
)

PU_BINA_MARGA = replace(
    PUPR, code="PUBM", name="Dinas Pekerjaan Umum Bina Marga dan Penataan Ruang",
    short_name="Dinas PUBMTR", head="Kepala Dinas Pekerjaan Umum Bina Marga dan Penataan Ruang",
    divisions=tuple(d for d in PUPR.divisions if d.code != "SDA"),
    services=(
        _upt("UPTJLN", "UPT Pengelolaan Jalan dan Jembatan Wilayah {n}", 10,
             (F("Teknik Jalan dan Jembatan", "teknik", 4, TERAMPIL_AHLI), operator(20, "teknik"),
              pengadministrasi(2)), head_profile="teknik"),
        _upt("UPTLAB", "UPT Laboratorium Bahan Konstruksi", 1,
             (F("Teknik Jalan dan Jembatan", "teknik", 6, TERAMPIL), operator(3)),
             head_profile="teknik"),
    ),
)

PU_SDA = simple_opd(
    "PUSDA", "Dinas Pekerjaan Umum Sumber Daya Air", "Dinas PUSDA",
    "Kepala Dinas Pekerjaan Umum Sumber Daya Air", K.DINAS,
    ("Irigasi dan Rawa", "Sungai, Danau dan Pantai", "Air Baku dan Air Tanah",
     "Operasi dan Pemeliharaan"),
    (F("Teknik Pengairan", "teknik", 3, TERAMPIL_AHLI),), manager_profile="manajer_teknik",
    services=(_upt("PSDA", "Balai Pengelolaan Sumber Daya Air Wilayah Sungai {n}", 8,
                   (F("Teknik Pengairan", "teknik", 4, TERAMPIL_AHLI), operator(20, "teknik"),
                    pengadministrasi(2)), head_profile="teknik"),),
)

DISHUB_PROVINSI = replace(DISHUB, services=(
    _upt("TERMB", "UPT Terminal Penumpang Tipe B {place}", 6,
         (operator(8, "perhubungan"), pengadministrasi(1)), head_profile="perhubungan"),
    _upt("PELABUHAN", "UPT Pelabuhan Penyeberangan {place}", 4,
         (operator(10, "perhubungan"), penata(1, "perhubungan")), head_profile="perhubungan"),
))
DINSOS_PROVINSI = replace(DINSOS, services=(
    _upt("PANTI", "UPT Panti Sosial {place}", 8,
         (F("Pekerja Sosial", "sosial", 6, TERAMPIL_AHLI), operator(6), pengadministrasi(1)),
         head_profile="sosial"),
))
DLH_PROVINSI = replace(DLH, services=(
    _upt("LABLH", "UPT Laboratorium Lingkungan Hidup", 1,
         (F("Pengendali Dampak Lingkungan", "lingkungan", 6, TERAMPIL_AHLI), operator(2))),
))

_ANALIS = F("Analis Kebijakan", "pemerintahan", 2)
PROVINCE_EXTRA = (
    simple_opd("BPSDM", "Badan Pengembangan Sumber Daya Manusia", "BPSDM", "Kepala BPSDM",
               K.BADAN, ("Pengembangan Kompetensi Manajerial", "Pengembangan Kompetensi Teknis",
                         "Sertifikasi Kompetensi"),
               (F("Widyaiswara", "pimpinan", 4, AHLI_MUDA_UP),)),
    simple_opd("BRIDA", "Badan Riset dan Inovasi Daerah", "BRIDA", "Kepala BRIDA", K.BADAN,
               ("Riset dan Inovasi", "Kajian Kebijakan"), (F("Peneliti", "perencana", 3),)),
    simple_opd("PENGHUBUNG", "Badan Penghubung Daerah", "Badan Penghubung",
               "Kepala Badan Penghubung Daerah", K.BADAN, ("Promosi dan Informasi", "Fasilitasi"),
               (_ANALIS,)),
    simple_opd("DISNAKERTRANS", "Dinas Tenaga Kerja dan Transmigrasi", "Disnakertrans",
               "Kepala Dinas Tenaga Kerja dan Transmigrasi", K.DINAS,
               ("Pelatihan dan Produktivitas", "Penempatan Tenaga Kerja", "Hubungan Industrial",
                "Pengawasan Ketenagakerjaan", "Transmigrasi"),
               (F("Pengawas Ketenagakerjaan", "hukum", 4),
                F("Mediator Hubungan Industrial", "hukum", 1)),
               services=(_upt("BLK", "UPT Balai Latihan Kerja {place}", 4,
                              (F("Instruktur", "teknik", 8, TERAMPIL_AHLI),
                               pengadministrasi(2))),)),
    simple_opd("DISBUD", "Dinas Kebudayaan", "Disbud", "Kepala Dinas Kebudayaan", K.DINAS,
               ("Cagar Budaya dan Permuseuman", "Kesenian dan Tradisi"),
               (F("Pamong Budaya", "pemerintahan", 2),),
               services=(_upt("MUSEUM", "UPT Museum Daerah", 1,
                              (F("Pamong Budaya", "pemerintahan", 6), operator(4))),)),
    simple_opd("DISPAR", "Dinas Pariwisata", "Dispar", "Kepala Dinas Pariwisata", K.DINAS,
               ("Destinasi Pariwisata", "Pemasaran Pariwisata", "Ekonomi Kreatif"),
               (F("Adyatama Kepariwisataan dan Ekonomi Kreatif", "pemerintahan", 2),)),
    simple_opd("DISPORA", "Dinas Pemuda dan Olahraga", "Dispora",
               "Kepala Dinas Pemuda dan Olahraga", K.DINAS, ("Kepemudaan", "Olahraga Prestasi"),
               (F("Analis Kepemudaan", "pemerintahan", 2),)),
    simple_opd("DKPPROV", "Dinas Kelautan dan Perikanan", "DKP",
               "Kepala Dinas Kelautan dan Perikanan", K.DINAS,
               ("Perikanan Tangkap", "Perikanan Budidaya", "Pengelolaan Ruang Laut"),
               (F("Pengawas Perikanan", "pertanian", 3, TERAMPIL_AHLI),),
               services=(_upt("PPI", "UPT Pelabuhan Perikanan {place}", 4,
                              (operator(8),
                               F("Pengawas Perikanan", "pertanian", 2, TERAMPIL_AHLI))),)),
    simple_opd("DISBUN", "Dinas Perkebunan", "Disbun", "Kepala Dinas Perkebunan", K.DINAS,
               ("Produksi Perkebunan", "Perlindungan Perkebunan"),
               (F("Pengawas Benih Tanaman", "pertanian", 3, TERAMPIL_AHLI),)),
    simple_opd("DISNAK", "Dinas Peternakan dan Kesehatan Hewan", "Disnakkeswan",
               "Kepala Dinas Peternakan dan Kesehatan Hewan", K.DINAS,
               ("Produksi Peternakan", "Kesehatan Hewan", "Kesehatan Masyarakat Veteriner"),
               (F("Medik Veteriner", "pertanian", 2),
                F("Paramedik Veteriner", "pertanian", 2, TERAMPIL)),
               services=(_upt("VET", "UPT Laboratorium Veteriner", 1,
                              (F("Medik Veteriner", "pertanian", 4), operator(3))),)),
    simple_opd("DISHUT", "Dinas Kehutanan", "Dishut", "Kepala Dinas Kehutanan", K.DINAS,
               ("Perencanaan dan Pemanfaatan Hutan", "Perlindungan Hutan",
                "Penyuluhan Kehutanan"),
               (F("Penyuluh Kehutanan", "pertanian", 3, TERAMPIL_AHLI),),
               services=(_upt("KPH", "Kesatuan Pengelolaan Hutan Wilayah {n}", 14,
                              (F("Polisi Kehutanan", "satpol", 12, TERAMPIL_AHLI),
                               F("Penyuluh Kehutanan", "pertanian", 4, TERAMPIL_AHLI),
                               pengadministrasi(2))),)),
    simple_opd("ESDM", "Dinas Energi dan Sumber Daya Mineral", "Dinas ESDM",
               "Kepala Dinas Energi dan Sumber Daya Mineral", K.DINAS,
               ("Mineral dan Batubara", "Energi dan Ketenagalistrikan", "Geologi dan Air Tanah"),
               (F("Inspektur Tambang", "teknik", 2),), manager_profile="manajer_teknik",
               services=(_upt("CABESDM", "Cabang Dinas ESDM Wilayah {n}", 5,
                              (F("Penyelidik Bumi", "teknik", 3), operator(2),
                               pengadministrasi(2))),)),
    simple_opd("DISPERINDAG", "Dinas Perindustrian dan Perdagangan", "Disperindag",
               "Kepala Dinas Perindustrian dan Perdagangan", K.DINAS,
               ("Perindustrian", "Perdagangan Dalam Negeri", "Perdagangan Luar Negeri",
                "Perlindungan Konsumen"),
               (F("Pengawas Perdagangan", "hukum", 2), F("Penera", "teknik", 1, TERAMPIL)),
               services=(_upt("METRO", "UPT Metrologi Legal", 1,
                              (F("Penera", "teknik", 8, TERAMPIL_AHLI), operator(2))),)),
)

_REGENCY_EXTRA_KEPT = {"BPBD", "KESBANG", "PERKIM", "DP3AP2KB", "DKP", "DPMD", "KOMINFO",
                       "DISKOP", "DISPUSIP"}

PROVINCE_OPDS = (
    SETDA_PROVINSI, SETWAN, INSPEKTORAT, BAPPEDA,
    replace(BKPSDM, code="BKD", name="Badan Kepegawaian Daerah", short_name="BKD",
            head="Kepala Badan Kepegawaian Daerah"),
    BPKAD, BAPENDA_PROVINSI, DISDIK_PROVINSI, DINKES_PROVINSI, replace(DUKCAPIL, services=()),
    PU_BINA_MARGA, PU_SDA, DISHUB_PROVINSI, DINSOS_PROVINSI, replace(DPMPTSP, services=()),
    SATPOLPP, DLH_PROVINSI,
    *(opd for opd in EXTRA_OPDS if opd.code in _REGENCY_EXTRA_KEPT),
    *PROVINCE_EXTRA,
)
# fmt: on
