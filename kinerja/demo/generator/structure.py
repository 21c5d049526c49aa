"""The OPD catalogue of a regency (kabupaten), after Permendagri 90/2019 nomenclature.

The OPDs marked `in_small` are the ones the issue asks for; the small size keeps only those,
with the sekretariat and the first bidang of each. Order matters: the first bidang of Dinas
Kesehatan is where the demo `atasan` works.

The catalogue is a table, laid out by hand: `ruff format` is switched off around it.
"""

from __future__ import annotations

from kinerja.demo.generator.catalogue import (
    AHLI,
    AHLI_MUDA_UP,
    GURU,
    POLISI,
    TERAMPIL,
    TERAMPIL_AHLI,
    Deputy,
    Division,
    F,
    Opd,
    ServiceUnits,
    bagian,
    bidang,
    flat_bidang,
    operator,
    penata,
    pengadministrasi,
    pengelola,
    sekretariat,
    seksi,
    simple_opd,
    subbagian,
    subbidang,
)
from kinerja.org.models import Jenjang, PositionKind, UnitKind

J = Jenjang
K = UnitKind
# A regency's Sekda is JPT pratama; only a province's is JPT madya (UU 5/2014 Ps 19 and its
# elucidation; PP 18/2016). The province catalogue uses JPT madya.
REGENCY_SEKDA_KIND = PositionKind.JPT_PRATAMA


# fmt: off
SETDA = Opd(
    "SETDA", "Sekretariat Daerah", "Setda", K.SEKRETARIAT_DAERAH, "Sekretaris Daerah",
    head_kind=REGENCY_SEKDA_KIND, in_small=True, divisions_in_small=3,
    deputies=(
        Deputy("ASS1", "Asisten Pemerintahan dan Kesejahteraan Rakyat"),
        Deputy("ASS2", "Asisten Perekonomian dan Pembangunan"),
        Deputy("ASS3", "Asisten Administrasi Umum"),
    ),
    divisions=(
        bagian("TAPEM", "Tata Pemerintahan", "ASS1",
                subbagian("ADPEM", "Administrasi Pemerintahan"),
                subbagian("OTDA", "Otonomi Daerah dan Kerja Sama")),
        bagian("PEREK", "Perekonomian dan Sumber Daya Alam", "ASS2",
                subbagian("BUMD", "Pembinaan BUMD dan Perekonomian"),
                subbagian("SDA", "Sumber Daya Alam")),
        bagian("UMUM", "Umum", "ASS3",
                subbagian("TUPIM", "Tata Usaha Pimpinan", pengadministrasi(2), operator(2)),
                subbagian("RT", "Rumah Tangga", operator(4), pengadministrasi()),
                subbagian("KEU", "Keuangan", penata(1, "keuangan"), pengelola(1, "keuangan"))),
        bagian("HUKUM", "Hukum", "ASS1",
                subbagian("PUU", "Perundang-undangan",
                          F("Perancang Peraturan Perundang-undangan", "hukum", 1)),
                subbagian("BANKUM", "Bantuan Hukum"),
                posts=(F("Analis Hukum", "hukum", 1),)),
        bagian("KESRA", "Kesejahteraan Rakyat", "ASS1",
                subbagian("BINTAL", "Bina Mental Spiritual"),
                subbagian("KESOS", "Kesejahteraan Sosial")),
        bagian("ADPEMB", "Administrasi Pembangunan", "ASS2",
                subbagian("PROG", "Penyusunan Program"),
                subbagian("PENGEN", "Pengendalian dan Evaluasi")),
        bagian("PBJ", "Pengadaan Barang dan Jasa", "ASS2",
                subbagian("LPSE", "Layanan Pengadaan Secara Elektronik",
                          F("Pranata Komputer", "komputer", 1, TERAMPIL_AHLI)),
                posts=(F("Pengelola Pengadaan Barang/Jasa", "keuangan", 3),)),
        bagian("ORG", "Organisasi", "ASS3",
                subbagian("KELEMB", "Kelembagaan dan Analisis Jabatan"),
                subbagian("RB", "Reformasi Birokrasi dan Akuntabilitas Kinerja"),
                posts=(F("Analis Kebijakan", "pemerintahan", 1),)),
        bagian("PROKOM", "Protokol dan Komunikasi Pimpinan", "ASS3",
                subbagian("PROT", "Protokol"),
                subbagian("DOKPIM", "Dokumentasi Pimpinan",
                          F("Pranata Hubungan Masyarakat", "arsip", 1))),
    ),
)

SETWAN = Opd(
    "SETWAN", "Sekretariat DPRD", "Setwan", K.SEKRETARIAT_DPRD, "Sekretaris DPRD",
    in_small=True,
    divisions=(
        Division("UMKEU", "Bagian Umum dan Keuangan", K.BAGIAN, children=(
            subbagian("TU", "Tata Usaha dan Kepegawaian", pengadministrasi(2), operator(2)),
            subbagian("KEU", "Keuangan", penata(1, "keuangan"), pengelola(1, "keuangan")))),
        Division("SIDANG", "Bagian Persidangan dan Perundang-undangan", K.BAGIAN, children=(
            subbagian("RAPAT", "Rapat dan Risalah"),
            subbagian("PUU", "Perundang-undangan", F("Analis Hukum", "hukum", 1)))),
        Division("FASIL", "Bagian Fasilitasi Penganggaran dan Pengawasan", K.BAGIAN, children=(
            subbagian("ANGG", "Fasilitasi Penganggaran"),
            subbagian("AWAS", "Fasilitasi Pengawasan"))),
    ),
)

_IRBAN = tuple(
    Division(f"IRBAN{n}", f"Inspektur Pembantu Wilayah {roman}", K.BIDANG,
             head=f"Inspektur Pembantu Wilayah {roman}",
             posts=(F("Auditor", "auditor", 3, AHLI_MUDA_UP),
                    F("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah", "pemerintahan", 2)))
    for n, roman in enumerate(("I", "II", "III", "IV"), start=1)
)
INSPEKTORAT = Opd(
    "INSP", "Inspektorat Daerah", "Inspektorat", K.INSPEKTORAT, "Inspektur Daerah",
    in_small=True, divisions_in_small=2, manager_profile="manajer_keuangan",
    divisions=(
        sekretariat("Inspektorat"), *_IRBAN,
        Division("IRBANSUS", "Inspektur Pembantu Khusus", K.BIDANG,
                 head="Inspektur Pembantu Khusus",
                 posts=(F("Auditor", "auditor", 2, AHLI_MUDA_UP),)),
    ),
)

BAPPEDA = Opd(
    "BAPPEDA", "Badan Perencanaan Pembangunan Daerah", "Bappeda", K.BADAN, "Kepala Bappeda",
    in_small=True, manager_profile="perencana",
    divisions=(
        sekretariat("Badan"),
        flat_bidang("PPE", "Perencanaan, Pengendalian dan Evaluasi Pembangunan",
                    F("Perencana", "perencana", 3)),
        flat_bidang("EKON", "Perekonomian dan Sumber Daya Alam", F("Perencana", "perencana", 2)),
        flat_bidang("PPM", "Pemerintahan dan Pembangunan Manusia", F("Perencana", "perencana", 2)),
        flat_bidang("INFRA", "Infrastruktur dan Kewilayahan", F("Perencana", "perencana", 2)),
        flat_bidang("LITBANG", "Penelitian dan Pengembangan", F("Peneliti", "perencana", 1),
                    F("Statistisi", "perencana", 1)),
    ),
)

_SDM = F("Analis Sumber Daya Manusia Aparatur", "sdm", 2)
_PRANATA_SDM = F("Pranata Sumber Daya Manusia Aparatur", "sdm", 1, TERAMPIL)
BKPSDM = Opd(
    "BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM", K.BADAN,
    "Kepala BKPSDM", in_small=True, manager_profile="sdm",
    divisions=(
        sekretariat("Badan"),
        bidang("MUTASI", "Mutasi dan Promosi",
               subbidang("MUT", "Mutasi", _SDM, _PRANATA_SDM),
               subbidang("PROM", "Promosi dan Jabatan Fungsional", _SDM)),
        bidang("PENGADAAN", "Pengadaan, Pemberhentian dan Informasi Kepegawaian",
               subbidang("INFO", "Data dan Sistem Informasi Kepegawaian",
                         F("Pranata Komputer", "komputer", 1, TERAMPIL_AHLI), _PRANATA_SDM),
               subbidang("PENSIUN", "Pengadaan dan Pemberhentian", _SDM)),
        flat_bidang("BANGKOM", "Pengembangan Kompetensi Aparatur", _SDM,
                    F("Asesor Sumber Daya Manusia Aparatur", "sdm", 1)),
        flat_bidang("KINERJA", "Penilaian Kinerja Aparatur dan Penghargaan", _SDM, _PRANATA_SDM),
    ),
)

BPKAD = Opd(
    "BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD", K.BADAN, "Kepala BPKAD",
    in_small=True, manager_profile="manajer_keuangan",
    divisions=(
        sekretariat("Badan"),
        bidang("ANGG", "Anggaran",
               subbidang("PENY", "Penyusunan Anggaran", F("Analis Anggaran", "keuangan", 1)),
               subbidang("PELAK", "Pelaksanaan Anggaran")),
        bidang("PERB", "Perbendaharaan",
               subbidang("BELANJA", "Belanja", penata(2, "keuangan")),
               subbidang("KASDA", "Kas Daerah", pengelola(1, "keuangan"))),
        bidang("AKUN", "Akuntansi dan Pelaporan",
               subbidang("AKT", "Akuntansi", F("Analis Keuangan Pusat dan Daerah", "keuangan"))),
        bidang("ASET", "Aset Daerah",
               subbidang("INV", "Penatausahaan Aset",
                         F("Penata Kelola Barang Milik Daerah", "keuangan", 1, TERAMPIL_AHLI))),
    ),
)

_PUSKESMAS_POSTS = (
    F("Dokter", "dokter", 2.5, (J.AHLI_PERTAMA, J.AHLI_PERTAMA, J.AHLI_MUDA)),
    F("Dokter Gigi", "dokter_gigi", 0.8, (J.AHLI_PERTAMA, J.AHLI_MUDA)),
    F("Perawat", "perawat", 9, TERAMPIL_AHLI),
    F("Bidan", "bidan", 9, (*TERAMPIL, J.AHLI_PERTAMA)),
    F("Apoteker", "apoteker", 1, (J.AHLI_PERTAMA, J.AHLI_MUDA)),
    F("Asisten Apoteker", "apoteker", 1, TERAMPIL),
    F("Sanitarian", "sanitarian", 1.5, TERAMPIL_AHLI),
    F("Nutrisionis", "gizi", 1.5, TERAMPIL_AHLI),
    F("Pranata Laboratorium Kesehatan", "laboratorium", 1.5, TERAMPIL_AHLI),
    F("Perekam Medis", "rekam_medis", 1.5, TERAMPIL),
    F("Penyuluh Kesehatan Masyarakat", "kesmas", 1, AHLI),
    F("Epidemiolog Kesehatan", "kesmas", 0.5, AHLI),
    pengadministrasi(2), penata(1, "keuangan"), operator(1),
)
RSUD_DIVISIONS = (
    Division("TU", "Bagian Tata Usaha", K.BAGIAN, children=(
        subbagian("UMUM", "Umum dan Kepegawaian", pengadministrasi(4), operator(6),
                  F("Analis Sumber Daya Manusia Aparatur", "sdm", 1)),
        subbagian("KEU", "Keuangan dan Program", penata(2, "keuangan"), pengelola(3, "keuangan"),
                  F("Perencana", "perencana", 1)))),
    Division("YANMED", "Bidang Pelayanan Medis", K.BIDANG, posts=(
        F("Dokter Spesialis", "dokter_spesialis", 14, AHLI_MUDA_UP),
        F("Dokter", "dokter", 16, AHLI),
        F("Dokter Gigi", "dokter_gigi", 2, AHLI))),
    Division("KEP", "Bidang Keperawatan", K.BIDANG, posts=(
        F("Perawat", "perawat", 130, TERAMPIL_AHLI),
        F("Bidan", "bidan", 30, TERAMPIL_AHLI))),
    Division("JANG", "Bidang Penunjang Medis dan Nonmedis", K.BIDANG, posts=(
        F("Apoteker", "apoteker", 6, AHLI), F("Asisten Apoteker", "apoteker", 8, TERAMPIL),
        F("Pranata Laboratorium Kesehatan", "laboratorium", 10, TERAMPIL_AHLI),
        F("Radiografer", "radiografer", 6, TERAMPIL_AHLI),
        F("Nutrisionis", "gizi", 6, TERAMPIL_AHLI),
        F("Fisioterapis", "fisioterapis", 4, TERAMPIL_AHLI),
        F("Perekam Medis", "rekam_medis", 10, TERAMPIL),
        F("Pranata Komputer", "komputer", 3, TERAMPIL_AHLI),
        F("Sanitarian", "sanitarian", 3, TERAMPIL_AHLI), operator(12))),
)

DINKES = Opd(
    "DINKES", "Dinas Kesehatan", "Dinkes", K.DINAS, "Kepala Dinas Kesehatan", in_small=True,
    manager_profile="manajer_kesehatan",
    divisions=(
        sekretariat(),
        bidang("YANKES", "Pelayanan Kesehatan",
               seksi("PRIMER", "Pelayanan Kesehatan Primer",
                     F("Administrator Kesehatan", "kesmas", 1), penata(), pengadministrasi()),
               seksi("RUJUKAN", "Pelayanan Kesehatan Rujukan",
                     F("Administrator Kesehatan", "kesmas", 1)),
               seksi("MUTU", "Mutu dan Akreditasi Fasilitas Kesehatan",
                     F("Administrator Kesehatan", "kesmas", 1))),
        bidang("KESMAS", "Kesehatan Masyarakat",
               seksi("KESGA", "Kesehatan Keluarga dan Gizi", F("Nutrisionis", "gizi", 1),
                     F("Bidan", "bidan", 1, AHLI)),
               seksi("PROMKES", "Promosi dan Pemberdayaan Masyarakat",
                     F("Penyuluh Kesehatan Masyarakat", "kesmas", 1)),
               seksi("KESLING", "Kesehatan Lingkungan, Kerja dan Olahraga",
                     F("Sanitarian", "sanitarian", 1))),
        bidang("P2P", "Pencegahan dan Pengendalian Penyakit",
               seksi("SURV", "Surveilans dan Imunisasi", F("Epidemiolog Kesehatan", "kesmas", 1)),
               seksi("P2PM", "Pencegahan dan Pengendalian Penyakit Menular",
                     F("Epidemiolog Kesehatan", "kesmas", 1)),
               seksi("PTM", "Penyakit Tidak Menular dan Kesehatan Jiwa",
                     F("Administrator Kesehatan", "kesmas", 1))),
        bidang("SDK", "Sumber Daya Kesehatan",
               seksi("FARMALKES", "Kefarmasian dan Alat Kesehatan", F("Apoteker", "apoteker", 1)),
               seksi("SDMK", "Sumber Daya Manusia Kesehatan",
                     F("Administrator Kesehatan", "kesmas", 1))),
    ),
    services=(
        ServiceUnits("PKM", "Puskesmas {place}", K.PUSKESMAS, (3, 24, 0), _PUSKESMAS_POSTS,
                     head="Kepala UPTD Puskesmas {place}", head_profile="manajer_kesehatan"),
        ServiceUnits("RSUD", "RSUD {region}", K.RUMAH_SAKIT, (1, 1, 0),
                     head="Direktur RSUD {region}", head_kind=PositionKind.ADMINISTRATOR,
                     head_profile="dokter", divisions=RSUD_DIVISIONS, staff=(0.15, 1.0, 1.0),
                     staff_jitter=0.05),
        ServiceUnits("LABKES", "UPTD Laboratorium Kesehatan Daerah", K.UPT, (0, 1, 0), (
            F("Pranata Laboratorium Kesehatan", "laboratorium", 6, TERAMPIL_AHLI),
            F("Dokter", "dokter", 1, AHLI), pengadministrasi(1)),
            head_profile="manajer_kesehatan"),
    ),
)

_SD_POSTS = (
    F("Guru Kelas", "guru", 6, GURU),
    F("Guru Pendidikan Agama Islam", "guru_agama", 1, GURU),
    F("Guru Pendidikan Jasmani, Olahraga dan Kesehatan", "guru", 1, GURU),
    operator(0.5),
)
_SMP_POSTS = (
    *(F(f"Guru {subject}", profile, seats, GURU) for subject, profile, seats in (
        ("Bahasa Indonesia", "guru", 2.5), ("Matematika", "guru", 2.5),
        ("Ilmu Pengetahuan Alam", "guru", 2.5), ("Ilmu Pengetahuan Sosial", "guru", 2),
        ("Bahasa Inggris", "guru", 2), ("Pendidikan Pancasila", "guru", 1.5),
        ("Pendidikan Agama Islam", "guru_agama", 1.5),
        ("Pendidikan Jasmani, Olahraga dan Kesehatan", "guru", 1.5),
        ("Seni Budaya", "guru", 1), ("Informatika", "guru_kejuruan", 1),
        ("Bimbingan dan Konseling", "guru", 1.5), ("Prakarya", "guru", 0.8),
    )),
    penata(1), pengadministrasi(2),
)
# A principal is a functional teacher with an additional task, not a structural post.
SCHOOL_HEAD = {"head": "Kepala {name}", "head_kind": PositionKind.FUNGSIONAL,
               "head_jenjang": J.AHLI_MADYA, "head_profile": "kepala_sekolah",
               "numbered_per_place": True, "staff_jitter": 0.3}

DISDIK = Opd(
    "DISDIK", "Dinas Pendidikan", "Disdik", K.DINAS, "Kepala Dinas Pendidikan", in_small=True,
    manager_profile="manajer_pendidikan",
    divisions=(
        sekretariat(),
        bidang("SD", "Pembinaan Sekolah Dasar",
               seksi("KURSD", "Kurikulum dan Penilaian Sekolah Dasar",
                     F("Pengembang Teknologi Pembelajaran", "guru", 1)),
               seksi("PDSD", "Peserta Didik dan Pembangunan Karakter Sekolah Dasar"),
               seksi("SARSD", "Sarana dan Prasarana Sekolah Dasar")),
        bidang("SMP", "Pembinaan Sekolah Menengah Pertama",
               seksi("KURSMP", "Kurikulum dan Penilaian Sekolah Menengah Pertama"),
               seksi("PDSMP", "Peserta Didik dan Pembangunan Karakter SMP"),
               seksi("SARSMP", "Sarana dan Prasarana Sekolah Menengah Pertama")),
        bidang("GTK", "Guru dan Tenaga Kependidikan",
               seksi("GTKSD", "Guru dan Tenaga Kependidikan SD"),
               seksi("GTKSMP", "Guru dan Tenaga Kependidikan SMP")),
        bidang("PAUD", "Pembinaan PAUD dan Pendidikan Nonformal",
               seksi("KURPAUD", "Kurikulum PAUD", F("Penilik", "guru", 2)),
               seksi("PNF", "Pendidikan Masyarakat dan Kesetaraan", F("Pamong Belajar", "guru"))),
    ),
    posts=(F("Pengawas Sekolah", "kepala_sekolah", 6, (J.AHLI_MUDA, J.AHLI_MADYA)),),
    services=(
        ServiceUnits("SD", "SD Negeri {n} {place}", K.SEKOLAH, (5, 210, 0), _SD_POSTS,
                     under="SD", **SCHOOL_HEAD),
        ServiceUnits("SMP", "SMP Negeri {n} {place}", K.SEKOLAH, (1, 45, 0), _SMP_POSTS,
                     under="SMP", **SCHOOL_HEAD),
    ),
)

_ADB = F("Administrator Database Kependudukan", "kependudukan", 1, TERAMPIL_AHLI)
_LOKET = {"kind": K.LOKET, "posts": (operator(1.5, "kependudukan"), pengelola(1, "kependudukan")),
          "head": ""}  # a counter has no head of its own: its staff report to the bidang
DUKCAPIL = Opd(
    "DUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil", K.DINAS,
    "Kepala Dinas Kependudukan dan Pencatatan Sipil", in_small=True,
    divisions=(
        sekretariat(),
        bidang("DAFDUK", "Pelayanan Pendaftaran Penduduk",
               seksi("IDENT", "Identitas Penduduk", _ADB, operator(1, "kependudukan")),
               seksi("PINDAH", "Pindah Datang dan Pendataan Penduduk")),
        bidang("CAPIL", "Pelayanan Pencatatan Sipil",
               seksi("LAHIR", "Kelahiran dan Kematian", operator(1, "kependudukan")),
               seksi("KAWIN", "Perkawinan, Perceraian dan Perubahan Status Anak")),
        bidang("PIAK", "Pengelolaan Informasi Administrasi Kependudukan",
               seksi("SIAK", "Sistem Informasi Administrasi Kependudukan", _ADB,
                     F("Pranata Komputer", "komputer", 1, TERAMPIL_AHLI)),
               seksi("OLAH", "Pengolahan dan Penyajian Data Kependudukan", _ADB)),
        bidang("PDIP", "Pemanfaatan Data dan Inovasi Pelayanan",
               seksi("KERMA", "Kerja Sama dan Pemanfaatan Data"),
               seksi("INOV", "Inovasi Pelayanan")),
    ),
    services=(
        ServiceUnits("LKTP", "Loket Pelayanan KTP-el dan Kartu Keluarga", count=(1, 1, 0),
                     under="DAFDUK", unit_under="DAFDUK", **_LOKET),
        ServiceUnits("LPD", "Loket Pelayanan Pindah Datang", count=(0, 1, 0),
                     under="DAFDUK", unit_under="DAFDUK", **_LOKET),
        ServiceUnits("LAKTA", "Loket Pelayanan Akta Kelahiran dan Kematian", count=(1, 1, 0),
                     under="CAPIL", unit_under="CAPIL", **_LOKET),
        ServiceUnits("LKAWIN", "Loket Pelayanan Akta Perkawinan dan Perceraian",
                     count=(0, 1, 0), under="CAPIL", unit_under="CAPIL", **_LOKET),
        ServiceUnits("LMPP", "Loket Dukcapil Mal Pelayanan Publik", count=(0, 1, 0),
                     under="DAFDUK", unit_under="DAFDUK", **_LOKET),
    ),
)

_TJJ = F("Teknik Jalan dan Jembatan", "teknik", 1, TERAMPIL_AHLI)
PUPR = Opd(
    "PUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "Dinas PUPR", K.DINAS,
    "Kepala Dinas Pekerjaan Umum dan Penataan Ruang", in_small=True,
    manager_profile="manajer_teknik",
    divisions=(
        sekretariat(),
        bidang("BM", "Bina Marga",
               seksi("BANGJLN", "Pembangunan Jalan dan Jembatan", _TJJ),
               seksi("PRESJLN", "Preservasi Jalan dan Jembatan", _TJJ, operator(2, "teknik"))),
        bidang("SDA", "Sumber Daya Air",
               seksi("IRIGASI", "Irigasi", F("Teknik Pengairan", "teknik", 1, TERAMPIL_AHLI)),
               seksi("SUNGAI", "Sungai, Danau dan Pantai", F("Teknik Pengairan", "teknik"))),
        bidang("CK", "Cipta Karya",
               seksi("AIRMINUM", "Air Minum", F("Teknik Penyehatan Lingkungan", "teknik")),
               seksi("SANITASI", "Sanitasi dan Drainase",
                     F("Teknik Penyehatan Lingkungan", "teknik"))),
        bidang("TR", "Penataan Ruang",
               seksi("RENTR", "Perencanaan Tata Ruang", F("Penata Ruang", "perencana", 1)),
               seksi("DALTR", "Pengendalian Pemanfaatan Ruang", F("Penata Ruang", "perencana"))),
        bidang("BINKON", "Bina Konstruksi",
               seksi("JAKON", "Pembinaan Jasa Konstruksi", F("Pembina Jasa Konstruksi", "teknik"))),
    ),
    services=(
        ServiceUnits("UPTJLN", "UPT Pengelolaan Jalan dan Jembatan Wilayah {n}", K.UPT,
                     (1, 4, 0), (_TJJ, operator(10, "teknik"), pengadministrasi(1)),
                     head_profile="teknik"),
        ServiceUnits("UPTLAB", "UPT Laboratorium Pengujian Bahan Konstruksi", K.UPT, (0, 1, 0),
                     (F("Teknik Jalan dan Jembatan", "teknik", 3, TERAMPIL), operator(2)),
                     head_profile="teknik"),
        ServiceUnits("UPTALAT", "UPT Peralatan dan Perbekalan", K.UPT, (0, 1, 0),
                     (operator(8, "teknik"), pengadministrasi(1)), head_profile="teknik"),
    ),
)

_PKB = F("Penguji Kendaraan Bermotor", "perhubungan", 1, TERAMPIL_AHLI)
DISHUB = Opd(
    "DISHUB", "Dinas Perhubungan", "Dishub", K.DINAS, "Kepala Dinas Perhubungan", in_small=True,
    divisions=(
        sekretariat(),
        bidang("LALIN", "Lalu Lintas",
               seksi("MRLL", "Manajemen dan Rekayasa Lalu Lintas", operator(2, "perhubungan")),
               seksi("DALOPS", "Pengendalian dan Operasional", operator(4, "perhubungan"))),
        bidang("ANGK", "Angkutan",
               seksi("ORANG", "Angkutan Orang"), seksi("BARANG", "Angkutan Barang")),
        bidang("SARPRAS", "Sarana dan Prasarana",
               seksi("PERLENG", "Perlengkapan Jalan", operator(2, "perhubungan")),
               seksi("PARKIR", "Terminal dan Perparkiran", operator(3, "perhubungan"))),
    ),
    services=(
        ServiceUnits("UPTPKB", "UPT Pengujian Kendaraan Bermotor", K.UPT, (1, 1, 0),
                     (_PKB, F("Penguji Kendaraan Bermotor", "perhubungan", 4, TERAMPIL),
                      pengadministrasi(1)), head_profile="perhubungan"),
        ServiceUnits("TERM", "UPT Terminal Tipe C {place}", K.UPT, (0, 2, 0),
                     (operator(5, "perhubungan"), pengadministrasi(1)),
                     head_profile="perhubungan"),
        ServiceUnits("PARKIR", "UPT Perparkiran", K.UPT, (0, 1, 0),
                     (operator(6, "perhubungan"), pengelola(1, "keuangan")),
                     head_profile="perhubungan"),
    ),
)

DINSOS = Opd(
    "DINSOS", "Dinas Sosial", "Dinsos", K.DINAS, "Kepala Dinas Sosial", in_small=True,
    divisions=(
        sekretariat(),
        bidang("REHSOS", "Rehabilitasi Sosial",
               seksi("ANAK", "Rehabilitasi Sosial Anak dan Lanjut Usia",
                     F("Pekerja Sosial", "sosial", 1, TERAMPIL_AHLI)),
               seksi("DIFABEL", "Rehabilitasi Sosial Penyandang Disabilitas",
                     F("Pekerja Sosial", "sosial"))),
        bidang("LINJAMSOS", "Perlindungan dan Jaminan Sosial",
               seksi("BENCANA", "Perlindungan Sosial Korban Bencana"),
               seksi("JAMSOS", "Jaminan Sosial Keluarga", F("Penyuluh Sosial", "sosial"))),
        bidang("DAYASOS", "Pemberdayaan Sosial dan Penanganan Fakir Miskin",
               seksi("FAKIR", "Penanganan Fakir Miskin", F("Penyuluh Sosial", "sosial")),
               seksi("POTENSI", "Pemberdayaan Potensi Sumber Kesejahteraan Sosial")),
    ),
)

DPMPTSP = Opd(
    "DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP", K.DINAS,
    "Kepala Dinas Penanaman Modal dan PTSP", in_small=True,
    divisions=(
        sekretariat(),
        bidang("PERIZINAN", "Pelayanan Perizinan dan Nonperizinan",
               seksi("IZUSAHA", "Perizinan Berusaha", penata(2, "hukum"), operator(2)),
               seksi("IZNON", "Perizinan Nonberusaha", penata(1, "hukum"))),
        bidang("PM", "Penanaman Modal",
               seksi("PROMOSI", "Promosi Penanaman Modal", F("Analis Kebijakan", "perencana")),
               seksi("DALPM", "Pengendalian Pelaksanaan Penanaman Modal")),
        bidang("PENGADUAN", "Pengaduan, Kebijakan dan Pelaporan Layanan",
               seksi("ADUAN", "Pengaduan dan Informasi Layanan")),
    ),
)

_POLPP = F("Polisi Pamong Praja", "satpol", 6, POLISI)
SATPOLPP = Opd(
    "SATPOLPP", "Satuan Polisi Pamong Praja", "Satpol PP", K.DINAS,
    "Kepala Satuan Polisi Pamong Praja", in_small=True,
    divisions=(
        sekretariat("Satuan"),
        bidang("GAKDA", "Penegakan Peraturan Daerah",
               seksi("BINWAS", "Pembinaan, Pengawasan dan Penyuluhan", _POLPP),
               seksi("SIDIK", "Penyelidikan dan Penyidikan", _POLPP)),
        bidang("TIBUM", "Ketertiban Umum dan Ketenteraman Masyarakat",
               seksi("OPS", "Operasi dan Pengendalian", F("Polisi Pamong Praja", "satpol", 12,
                                                           POLISI)),
               seksi("KERMA", "Kerja Sama", _POLPP)),
        bidang("LINMAS", "Perlindungan Masyarakat",
               seksi("SATLINMAS", "Satuan Perlindungan Masyarakat", _POLPP)),
        bidang("DAMKAR", "Pemadam Kebakaran dan Penyelamatan",
               seksi("CEGAH", "Pencegahan Kebakaran", F("Analis Kebakaran", "satpol", 2)),
               seksi("OPSDAMKAR", "Operasi Pemadaman dan Penyelamatan",
                     F("Pemadam Kebakaran", "satpol", 12, POLISI[:-1]))),
    ),
)

DLH = Opd(
    "DLH", "Dinas Lingkungan Hidup", "DLH", K.DINAS, "Kepala Dinas Lingkungan Hidup",
    in_small=True,
    divisions=(
        sekretariat(),
        bidang("SAMPAH", "Pengelolaan Sampah dan Limbah B3",
               seksi("PENGSAMPAH", "Pengurangan dan Penanganan Sampah", operator(4)),
               seksi("B3", "Limbah Bahan Berbahaya dan Beracun",
                     F("Pengendali Dampak Lingkungan", "lingkungan"))),
        bidang("PPKL", "Pengendalian Pencemaran dan Kerusakan Lingkungan",
               seksi("PENCEMAR", "Pemantauan dan Pencegahan Pencemaran",
                     F("Pengendali Dampak Lingkungan", "lingkungan", 1, TERAMPIL_AHLI))),
        bidang("TALING", "Tata Lingkungan",
               seksi("KLHS", "Kajian Dampak Lingkungan",
                     F("Pengendali Dampak Lingkungan", "lingkungan"))),
        bidang("TAAT", "Penaatan dan Peningkatan Kapasitas Lingkungan Hidup",
               seksi("GAKKUM", "Pengaduan dan Penegakan Hukum Lingkungan",
                     F("Pengawas Lingkungan Hidup", "lingkungan"))),
    ),
    services=(
        ServiceUnits("TPA", "UPT Tempat Pemrosesan Akhir Sampah", K.UPT, (1, 1, 0),
                     (operator(12), pengadministrasi(1)), head_profile="lingkungan"),
        ServiceUnits("LABLH", "UPT Laboratorium Lingkungan", K.UPT, (0, 1, 0),
                     (F("Pengendali Dampak Lingkungan", "lingkungan", 3, TERAMPIL_AHLI),),
                     head_profile="lingkungan"),
    ),
)

_ANALIS = F("Analis Kebijakan", "pemerintahan", 1)
EXTRA_OPDS = (
    simple_opd("BAPENDA", "Badan Pendapatan Daerah", "Bapenda", "Kepala Bapenda", K.BADAN,
               ("Pendataan dan Penetapan", "Penagihan dan Keberatan", "Pajak Bumi dan Bangunan"),
               (penata(2, "keuangan"), operator(1)), manager_profile="manajer_keuangan"),
    simple_opd("BPBD", "Badan Penanggulangan Bencana Daerah", "BPBD", "Kepala Pelaksana BPBD",
               K.BADAN, ("Pencegahan dan Kesiapsiagaan", "Kedaruratan dan Logistik",
                         "Rehabilitasi dan Rekonstruksi"),
               (F("Analis Bencana", "pemerintahan", 1), operator(3))),
    simple_opd("KESBANG", "Badan Kesatuan Bangsa dan Politik", "Kesbangpol",
               "Kepala Badan Kesatuan Bangsa dan Politik", K.BADAN,
               ("Ideologi dan Wawasan Kebangsaan", "Politik Dalam Negeri dan Ormas",
                "Kewaspadaan Nasional dan Penanganan Konflik"), (_ANALIS,),
               manager_profile="pemerintahan"),
    simple_opd("PERKIM", "Dinas Perumahan dan Kawasan Permukiman", "Disperkim",
               "Kepala Dinas Perumahan dan Kawasan Permukiman", K.DINAS,
               ("Perumahan", "Kawasan Permukiman", "Pertanahan"),
               (F("Penata Kelola Perumahan", "teknik", 1), F("Penata Kadastral", "teknik", 0.5)),
               manager_profile="manajer_teknik"),
    simple_opd("DISNAKER", "Dinas Tenaga Kerja", "Disnaker", "Kepala Dinas Tenaga Kerja",
               K.DINAS, ("Penempatan dan Perluasan Kesempatan Kerja", "Hubungan Industrial",
                         "Pelatihan dan Produktivitas"),
               (F("Pengantar Kerja", "sosial", 1),
                F("Mediator Hubungan Industrial", "hukum", 0.5))),
    simple_opd("DP3AP2KB", "Dinas Pengendalian Penduduk, Keluarga Berencana, Pemberdayaan "
               "Perempuan dan Perlindungan Anak", "DP3AP2KB", "Kepala DP3AP2KB", K.DINAS,
               ("Pengendalian Penduduk", "Keluarga Berencana", "Pemberdayaan Perempuan",
                "Perlindungan Anak"),
               (F("Penyuluh Keluarga Berencana", "sosial", 4, TERAMPIL_AHLI),)),
    simple_opd("DKP", "Dinas Ketahanan Pangan", "DKP", "Kepala Dinas Ketahanan Pangan", K.DINAS,
               ("Ketersediaan dan Distribusi Pangan", "Konsumsi dan Keamanan Pangan"),
               (F("Analis Ketahanan Pangan", "pertanian", 1),)),
    simple_opd("DPMD", "Dinas Pemberdayaan Masyarakat dan Desa", "DPMD", "Kepala DPMD", K.DINAS,
               ("Pemerintahan Desa", "Pemberdayaan Masyarakat Desa", "Keuangan dan Aset Desa"),
               (F("Penggerak Swadaya Masyarakat", "sosial", 1, TERAMPIL_AHLI),),
               manager_profile="pemerintahan"),
    simple_opd("KOMINFO", "Dinas Komunikasi dan Informatika", "Diskominfo",
               "Kepala Dinas Komunikasi dan Informatika", K.DINAS,
               ("Informasi dan Komunikasi Publik", "Aplikasi Informatika",
                "Statistik dan Persandian"),
               (F("Pranata Komputer", "komputer", 2, TERAMPIL_AHLI),
                F("Pranata Hubungan Masyarakat", "arsip", 1), F("Statistisi", "perencana", 0.5),
                F("Sandiman", "komputer", 0.5, TERAMPIL_AHLI))),
    simple_opd("DISKOP", "Dinas Koperasi dan Usaha Mikro", "Diskop", "Kepala Dinas Koperasi",
               K.DINAS, ("Kelembagaan dan Pengawasan Koperasi", "Pemberdayaan Usaha Mikro"),
               (F("Pengawas Koperasi", "keuangan", 1),)),
    simple_opd("DISPARPORA", "Dinas Pariwisata, Kebudayaan, Kepemudaan dan Olahraga",
               "Disparpora", "Kepala Dinas Pariwisata, Kebudayaan, Kepemudaan dan Olahraga",
               K.DINAS, ("Pariwisata", "Kebudayaan", "Kepemudaan dan Olahraga"),
               (F("Adyatama Kepariwisataan dan Ekonomi Kreatif", "pemerintahan", 1),
                F("Pamong Budaya", "pemerintahan", 0.5))),
    simple_opd("DISPUSIP", "Dinas Perpustakaan dan Kearsipan", "Dispusip",
               "Kepala Dinas Perpustakaan dan Kearsipan", K.DINAS,
               ("Layanan Perpustakaan", "Pengelolaan Arsip"),
               (F("Pustakawan", "arsip", 2, TERAMPIL_AHLI),
                F("Arsiparis", "arsip", 2, TERAMPIL_AHLI))),
    simple_opd("DISKAN", "Dinas Perikanan", "Diskan", "Kepala Dinas Perikanan", K.DINAS,
               ("Perikanan Budidaya", "Perikanan Tangkap"),
               (F("Penyuluh Perikanan", "pertanian", 2, TERAMPIL_AHLI),)),
    simple_opd("DISTAN", "Dinas Pertanian", "Distan", "Kepala Dinas Pertanian", K.DINAS,
               ("Tanaman Pangan dan Hortikultura", "Perkebunan", "Peternakan dan Kesehatan Hewan",
                "Penyuluhan Pertanian"),
               (F("Penyuluh Pertanian", "pertanian", 5, TERAMPIL_AHLI),
                F("Medik Veteriner", "pertanian", 0.5))),
    simple_opd("DISDAG", "Dinas Perdagangan dan Perindustrian", "Disdagin",
               "Kepala Dinas Perdagangan dan Perindustrian", K.DINAS,
               ("Perdagangan", "Perindustrian", "Pengelolaan Pasar"),
               (F("Penera", "teknik", 1, TERAMPIL_AHLI), operator(2)),
               services=(ServiceUnits("PASAR", "UPT Pasar {place}", K.UPT, (0, 3, 0),
                                      (operator(4), pengelola(1, "keuangan"))),)),
)

KECAMATAN_DIVISIONS = (
    Division("SEKCAM", "Sekretariat Kecamatan", K.SEKRETARIAT, head="Sekretaris Kecamatan",
             children=(
                 subbagian("UMPEG", "Umum dan Kepegawaian", pengadministrasi(2), operator(1)),
                 subbagian("RENKEU", "Perencanaan dan Keuangan", pengelola(1, "keuangan")))),
    seksi("PEM", "Pemerintahan", penata(1, "pemerintahan")),
    seksi("TRANTIB", "Ketenteraman dan Ketertiban Umum",
          F("Polisi Pamong Praja", "satpol", 2, POLISI)),
    seksi("PMD", "Pemberdayaan Masyarakat dan Desa", penata(1, "pemerintahan")),
    seksi("KESSOS", "Kesejahteraan Sosial"),
    seksi("YANUM", "Pelayanan Umum", operator(2), pengadministrasi(1)),
)
KELURAHAN_POSTS = (penata(1, "pemerintahan"), pengadministrasi(2), operator(1))

REGENCY_OPDS = (
    SETDA, SETWAN, INSPEKTORAT, BAPPEDA, BKPSDM, BPKAD, DINKES, DISDIK, DUKCAPIL, PUPR, DISHUB,
    DINSOS, DPMPTSP, SATPOLPP, DLH, *EXTRA_OPDS,
)
# fmt: on
