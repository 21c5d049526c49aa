"""Sasaran program and sasaran kegiatan of the divisions (bidang, bagian) and their sections
(seksi, subbidang, subbagian), with realistic indicators chosen by the unit's name.

A unit takes the first entry whose keywords appear in its name (lower case); a unit that no
entry fits takes the generic programme or activity indicators of its kind. Most indicators
report monthly, as realisasi fisik and keuangan do in the e-monev of a regional government.
Targets are those of the first plan year; figures are demonstration data.
"""

from __future__ import annotations

from dataclasses import dataclass

from kinerja.demo.generator.iku_catalogue import IkuSpec as I


@dataclass(frozen=True)
class UnitSasaran:
    keywords: tuple[str, ...]
    statement: str
    indicators: tuple[I, ...]


_PCT = "Realisasi / sasaran x 100%"
_BUDGET = I("Persentase realisasi anggaran {short}", "%", "higher", "last", "monthly", 86, 2,
            formula="Realisasi belanja / pagu x 100%", source="SIPD")  # fmt: skip
_PHYSICAL = I("Persentase realisasi fisik kegiatan {short}", "%", "higher", "last", "monthly",
              88, 2, formula="Kegiatan selesai / kegiatan direncanakan x 100%",
              source="e-Monev")  # fmt: skip
U = UnitSasaran

# fmt: off
UNIT_SASARAN = (
    U(("perkebunan", "peternakan", "kesehatan hewan", "veteriner"),
      "Meningkatnya produksi perkebunan dan peternakan", (
        I("Produksi komoditas perkebunan unggulan", "ton", "higher", "sum", "monthly",
          48000, 2500, places=0, source="Statistik perkebunan"),
        I("Cakupan vaksinasi hewan penular rabies", "%", "higher", "last", "monthly", 70, 4,
          source="iSIKHNAS"),
    )),
    # --- health ---
    U(("imunisasi", "surveilans"), "Meningkatnya cakupan imunisasi dan kewaspadaan dini penyakit", (
        I("Persentase desa/kelurahan UCI", "%", "higher", "last", "monthly", 88, 2,
          formula="Desa UCI / seluruh desa x 100%", source="Laporan imunisasi"),
        I("Persentase sinyal SKDR yang direspons < 24 jam", "%", "higher", "average", "monthly",
          85, 2.5, source="SKDR"),
    )),
    U(("keluarga dan gizi", "gizi"), "Meningkatnya status gizi dan kesehatan ibu dan anak", (
        I("Prevalensi balita stunting", "%", "lower", "last", "quarterly", 24, -2,
          source="e-PPGBM"),
        I("Cakupan kunjungan ibu hamil K6", "%", "higher", "last", "monthly", 82, 3,
          formula=_PCT, source="Laporan KIA"),
        I("Persentase balita ditimbang (D/S)", "%", "higher", "average", "monthly", 78, 2,
          source="e-PPGBM"),
    )),
    U(("penyakit menular", "pencegahan dan pengendalian penyakit"),
      "Menurunnya angka kesakitan penyakit menular", (
        I("Treatment coverage tuberkulosis", "%", "higher", "last", "monthly", 70, 5,
          formula="Kasus TBC diobati / perkiraan kasus x 100%", source="SITB"),
        I("Incidence rate demam berdarah dengue per 100.000 penduduk", "per 100.000", "lower",
          "sum", "monthly", 45, -3, lower_formula="t/r", source="Laporan DBD"),
    )),
    U(("tidak menular", "jiwa"), "Meningkatnya deteksi dini penyakit tidak menular", (
        I("Persentase penderita hipertensi mendapat pelayanan sesuai standar", "%", "higher",
          "last", "monthly", 65, 5, source="ASIK"),
        I("Persentase ODGJ berat mendapat pelayanan sesuai standar", "%", "higher", "last",
          "monthly", 80, 3, source="SIMPUS"),
    )),
    U(("kesehatan lingkungan",), "Meningkatnya kualitas kesehatan lingkungan", (
        I("Persentase desa/kelurahan STBM", "%", "higher", "last", "monthly", 55, 6,
          source="Aplikasi STBM"),
        I("Persentase TTU yang memenuhi syarat kesehatan", "%", "higher", "last", "quarterly",
          72, 3, source="e-Monev Kesling"),
    )),
    U(("promosi dan pemberdayaan masyarakat", "kesehatan masyarakat"),
      "Meningkatnya perilaku hidup bersih dan sehat", (
        I("Persentase rumah tangga ber-PHBS", "%", "higher", "last", "quarterly", 62, 3,
          source="Survei PHBS"),
        I("Persentase posyandu aktif", "%", "higher", "last", "monthly", 74, 3,
          source="Laporan posyandu"),
    )),
    U(("pelayanan kesehatan primer", "pelayanan kesehatan rujukan", "pelayanan kesehatan",
       "mutu dan akreditasi"), "Meningkatnya mutu pelayanan kesehatan primer dan rujukan", (
        I("Persentase puskesmas terakreditasi paripurna", "%", "higher", "last", "quarterly",
          35, 8, source="SINAF"),
        I("Rasio rujukan non-spesialistik FKTP", "%", "lower", "average", "monthly", 5, -0.5,
          source="P-Care BPJS"),
        I("Persentase penduduk terdaftar JKN", "%", "higher", "last", "monthly", 88, 2,
          source="BPJS Kesehatan"),
    )),
    U(("kefarmasian", "sumber daya kesehatan", "sumber daya manusia kesehatan"),
      "Tersedianya obat, alat kesehatan dan tenaga kesehatan", (
        I("Persentase ketersediaan obat esensial di puskesmas", "%", "higher", "average",
          "monthly", 90, 1.5, source="e-Logistik"),
        I("Persentase puskesmas dengan sembilan jenis tenaga kesehatan", "%", "higher",
          "last", "semiannual", 60, 6, source="SISDMK"),
    )),
    U(("pelayanan medis", "keperawatan", "penunjang medis"),
      "Meningkatnya mutu pelayanan rumah sakit", (
        I("Bed occupancy rate (BOR)", "%", "stabilise", "average", "monthly", 60, 0, high=85,
          formula="Hari perawatan / (tempat tidur x hari) x 100%", source="SIMRS"),
        I("Waktu tanggap pelayanan gawat darurat", "menit", "lower", "average", "monthly",
          7, -0.5, lower_formula="t/r", source="SIMRS"),
        I("Kepatuhan kebersihan tangan petugas", "%", "higher", "average", "monthly", 85, 2,
          source="Komite PPI"),
    )),
    # --- population administration ---
    U(("pendaftaran penduduk", "identitas penduduk", "pindah datang"),
      "Meningkatnya kepemilikan dokumen identitas penduduk", (
        I("Cakupan kepemilikan KIA anak usia 0-17 tahun", "%", "higher", "last", "monthly",
          45, 8, formula=_PCT, source="SIAK"),
        I("Persentase layanan pindah datang selesai dalam 1 hari", "%", "higher", "average",
          "monthly", 85, 3, source="SIAK"),
        I("Jumlah aktivasi Identitas Kependudukan Digital (IKD)", "orang", "higher", "sum",
          "monthly", 24000, 3000, places=0, source="SIAK"),
    )),
    U(("pencatatan sipil", "kelahiran dan kematian", "perkawinan"),
      "Meningkatnya kepemilikan akta pencatatan sipil", (
        I("Cakupan kepemilikan akta kelahiran 0-18 tahun", "%", "higher", "last", "monthly",
          90, 1.5, formula=_PCT, source="SIAK"),
        I("Persentase kematian yang dicatatkan", "%", "higher", "last", "monthly", 55, 6,
          source="SIAK"),
    )),
    U(("informasi administrasi kependudukan", "pemanfaatan data", "data kependudukan"),
      "Meningkatnya pemanfaatan data kependudukan", (
        I("Jumlah lembaga pengguna yang memanfaatkan data kependudukan", "lembaga", "higher",
          "last", "quarterly", 30, 5, places=0, source="Perjanjian kerja sama"),
        I("Persentase ketersediaan layanan SIAK terpusat (uptime)", "%", "higher", "average",
          "monthly", 97, 0.5, source="Monitoring jaringan"),
    )),
    # --- public works, spatial planning, housing ---
    U(("jalan dan jembatan", "bina marga", "preservasi", "perlengkapan jalan"),
      "Meningkatnya kemantapan jalan dan jembatan", (
        I("Panjang jalan yang ditangani", "km", "higher", "sum", "monthly", 180, 15,
          places=1, source="Laporan kontrak"),
        I("Persentase paket pekerjaan jalan selesai tepat waktu", "%", "higher", "last",
          "monthly", 80, 3, source="e-Monev"),
    )),
    U(("jasa konstruksi", "bina konstruksi"),
      "Meningkatnya kualitas penyelenggaraan jasa konstruksi", (
        I("Jumlah tenaga kerja konstruksi bersertifikat", "orang", "higher", "sum", "monthly",
          600, 80, places=0, source="SIKI LPJK"),
        I("Persentase paket konstruksi tanpa kegagalan bangunan", "%", "higher", "last",
          "quarterly", 96, 0.8, source="Laporan pengawasan"),
    )),
    U(("cipta karya", "air minum", "sanitasi", "drainase"),
      "Meningkatnya akses air minum dan sanitasi layak", (
        I("Persentase rumah tangga dengan akses air minum layak", "%", "higher", "last",
          "quarterly", 82, 2.5, source="Susenas"),
        I("Persentase rumah tangga dengan akses sanitasi layak", "%", "higher", "last",
          "quarterly", 76, 3, source="Susenas"),
        I("Panjang saluran drainase yang dibangun atau direhabilitasi", "m", "higher", "sum",
          "monthly", 9000, 800, places=0, source="Laporan kontrak"),
    )),
    U(("tata ruang", "penataan ruang", "pemanfaatan ruang"),
      "Meningkatnya kepatuhan pemanfaatan ruang", (
        I("Persentase KKPR yang diterbitkan sesuai RTRW", "%", "higher", "average",
          "monthly", 90, 1.5, source="GISTARU"),
        I("Jumlah RDTR yang ditetapkan", "dokumen", "higher", "last", "annual", 2, 1,
          places=0, source="Perkada"),
    )),
    U(("irigasi", "air baku", "sungai", "rawa", "air tanah"),
      "Meningkatnya layanan sumber daya air", (
        I("Persentase jaringan irigasi dalam kondisi baik", "%", "higher", "last", "quarterly",
          65, 3, source="e-PAKSI"),
        I("Luas areal sawah terlayani irigasi", "ha", "higher", "last", "monthly", 42000,
          1500, places=0, source="Laporan O&P"),
    )),
    U(("perumahan", "kawasan permukiman", "pertanahan"), "Menurunnya kawasan permukiman kumuh", (
        I("Jumlah rumah tidak layak huni yang ditangani", "unit", "higher", "sum", "monthly",
          600, 60, places=0, source="SIBARU"),
        I("Luas kawasan kumuh yang ditangani", "ha", "higher", "sum", "quarterly", 40, 6,
          places=1, source="Laporan kontrak"),
    )),
    # --- transport ---
    U(("lalu lintas", "manajemen dan rekayasa"), "Meningkatnya keselamatan lalu lintas", (
        I("Persentase fasilitas perlengkapan jalan yang berfungsi", "%", "higher", "last",
          "monthly", 78, 3, source="Inventarisasi Dishub"),
        I("Jumlah titik rawan kecelakaan yang ditangani", "lokasi", "higher", "sum",
          "monthly", 24, 4, places=0, source="Laporan kegiatan"),
    )),
    U(("angkutan", "terminal", "perparkiran"), "Meningkatnya kualitas layanan angkutan umum", (
        I("Load factor angkutan umum trayek", "%", "stabilise", "average", "monthly", 60, 0,
          high=80, source="Survei trayek"),
        I("Pendapatan retribusi parkir dan terminal", "juta rupiah", "higher", "sum",
          "monthly", 4800, 400, places=0, source="SIPD"),
    )),
    # --- education ---
    U(("sekolah menengah atas", "sekolah menengah kejuruan", "pendidikan khusus"),
      "Meningkatnya akses dan mutu pendidikan menengah", (
        I("Angka Partisipasi Kasar SMA/SMK", "%", "higher", "last", "annual", 88, 1.5,
          source="Dapodik"),
        I("Persentase lulusan SMK yang bekerja atau berwirausaha", "%", "higher", "last",
          "annual", 62, 3, source="Tracer study"),
        I("Persentase sekolah yang memenuhi SPM", "%", "higher", "last", "semiannual", 70,
          4, source="Rapor Pendidikan"),
    )),
    U(("guru dan tenaga kependidikan",), "Meningkatnya kompetensi guru dan tenaga kependidikan", (
        I("Persentase guru bersertifikat pendidik", "%", "higher", "last", "semiannual", 68,
          4, source="SIMPKB"),
        I("Jumlah guru yang mengikuti pelatihan Kurikulum Merdeka", "orang", "higher", "sum",
          "monthly", 900, 120, places=0, source="PMM"),
    )),
    # --- social affairs ---
    U(("rehabilitasi sosial", "disabilitas", "lanjut usia"),
      "Meningkatnya layanan rehabilitasi sosial", (
        I("Persentase PPKS yang mendapat rehabilitasi sosial dasar", "%", "higher", "last",
          "monthly", 70, 4, formula=_PCT, source="SIKS-NG"),
        I("Jumlah penyandang disabilitas yang menerima alat bantu", "orang", "higher", "sum",
          "monthly", 240, 30, places=0, source="Laporan Dinsos"),
    )),
    U(("fakir miskin", "pemberdayaan sosial", "jaminan sosial", "perlindungan sosial",
       "perlindungan dan jaminan"), "Meningkatnya perlindungan sosial keluarga miskin", (
        I("Persentase KPM bansos yang tersalurkan tepat waktu", "%", "higher", "average",
          "monthly", 90, 2, source="SIKS-NG"),
        I("Persentase korban bencana yang mendapat perlindungan sosial", "%", "higher",
          "last", "monthly", 92, 1.5, source="Laporan Dinsos"),
    )),
    # --- finance, revenue, assets ---
    U(("pajak daerah", "retribusi", "pendapatan"), "Meningkatnya pendapatan asli daerah", (
        I("Realisasi penerimaan pajak daerah", "miliar rupiah", "higher", "sum", "monthly",
          1200, 80, places=1, source="SIMPAD"),
        I("Persentase wajib pajak yang membayar tepat waktu", "%", "higher", "average",
          "monthly", 74, 3, source="SIMPAD"),
    )),
    U(("anggaran", "belanja", "perbendaharaan", "kas daerah", "pelaksanaan anggaran"),
      "Meningkatnya ketepatan pengelolaan anggaran", (
        I("Rata-rata waktu penerbitan SP2D", "hari", "lower", "average", "monthly", 3, -0.3,
          lower_formula="t/r", source="SIPD"),
        I("Persentase serapan belanja daerah terhadap rencana kas", "%", "higher", "last",
          "monthly", 88, 1.5, source="SIPD"),
    )),
    U(("akuntansi", "aset", "penatausahaan aset"),
      "Meningkatnya kualitas laporan keuangan dan aset", (
        I("Persentase SKPD yang menyampaikan laporan keuangan tepat waktu", "%", "higher",
          "last", "monthly", 85, 4, source="SIPD"),
        I("Persentase aset tanah bersertifikat", "%", "higher", "last", "quarterly", 55, 5,
          source="SIMDA BMD"),
    )),
    # --- civil service ---
    U(("mutasi", "promosi dan jabatan", "pengadaan, pemberhentian", "pengadaan dan pemberhentian",
       "jabatan fungsional"), "Meningkatnya kualitas layanan kepegawaian", (
        I("Persentase usulan kenaikan pangkat yang ditetapkan tepat waktu", "%", "higher",
          "average", "monthly", 88, 2.5, source="SIASN"),
        I("Persentase jabatan pimpinan tinggi yang terisi melalui seleksi terbuka", "%",
          "higher", "last", "quarterly", 80, 4, source="KASN"),
    )),
    U(("kompetensi", "penilaian kinerja"), "Meningkatnya kompetensi aparatur", (
        I("Persentase ASN yang memenuhi 20 JP pengembangan kompetensi", "%", "higher",
          "last", "monthly", 60, 6, source="SIASN"),
        I("Indeks profesionalitas ASN", "indeks", "higher", "last", "annual", 62, 3,
          source="BKN"),
    )),
    U(("data dan sistem informasi kepegawaian", "informasi kepegawaian"),
      "Meningkatnya akurasi data kepegawaian", (
        I("Persentase data ASN yang mutakhir di SIASN", "%", "higher", "last", "monthly", 85,
          3, source="SIASN"),
    )),
    # --- environment ---
    U(("sampah", "limbah"), "Meningkatnya pengelolaan sampah dan limbah B3", (
        I("Persentase pengurangan sampah", "%", "higher", "last", "monthly", 18, 2,
          source="SIPSN"),
        I("Persentase penanganan sampah", "%", "higher", "last", "monthly", 62, 3,
          source="SIPSN"),
        I("Jumlah usaha penghasil limbah B3 yang diawasi", "usaha", "higher", "sum",
          "monthly", 48, 6, places=0, source="SIMPEL"),
    )),
    U(("pencemaran", "kerusakan lingkungan", "penaatan", "kajian dampak", "tata lingkungan",
       "penegakan hukum lingkungan"), "Terkendalinya pencemaran dan kerusakan lingkungan", (
        I("Indeks kualitas air sungai", "indeks", "higher", "last", "quarterly", 52, 1.5,
          source="Pemantauan kualitas air"),
        I("Persentase usaha yang taat dokumen lingkungan", "%", "higher", "last", "monthly",
          70, 4, source="AMDALNET"),
        I("Persentase pengaduan lingkungan yang ditindaklanjuti", "%", "higher", "average",
          "monthly", 85, 3, source="Register pengaduan"),
    )),
    # --- investment and licensing ---
    U(("perizinan", "penanaman modal", "promosi penanaman"),
      "Meningkatnya layanan perizinan dan investasi", (
        I("Persentase izin yang terbit sesuai SOP", "%", "higher", "average", "monthly", 90,
          2, source="OSS-RBA"),
        I("Realisasi investasi PMA dan PMDN", "miliar rupiah", "higher", "sum", "quarterly",
          2400, 200, places=1, source="LKPM BKPM"),
    )),
    U(("pengaduan", "inovasi pelayanan"), "Meningkatnya penyelesaian pengaduan layanan", (
        I("Persentase pengaduan yang diselesaikan", "%", "higher", "average", "monthly", 88,
          2, source="SP4N-LAPOR!"),
        I("Jumlah inovasi pelayanan yang diterapkan", "inovasi", "higher", "last",
          "semiannual", 4, 1, places=0, source="SINOVIK"),
    )),
    # --- public order, disasters, fire ---
    U(("kebakaran", "penyelamatan", "pemadaman"), "Meningkatnya kecepatan penanganan kebakaran", (
        I("Response time penanganan kebakaran", "menit", "lower", "average", "monthly", 15,
          -1, lower_formula="t/r", source="Laporan Damkar"),
        I("Persentase kejadian kebakaran tertangani sesuai SPM", "%", "higher", "average",
          "monthly", 85, 3, source="Laporan Damkar"),
    )),
    U(("penegakan peraturan", "penyelidikan", "ketertiban umum", "perlindungan masyarakat",
       "operasi dan pengendalian", "pengendalian dan operasional", "satuan perlindungan"),
      "Meningkatnya ketertiban umum dan kepatuhan pada Perda", (
        I("Persentase pelanggaran Perda yang ditindak", "%", "higher", "last", "monthly",
          75, 4, source="Laporan Satpol PP"),
        I("Jumlah patroli ketertiban yang dilaksanakan", "kali", "higher", "sum", "monthly",
          360, 24, places=0, source="Laporan Satpol PP"),
    )),
    U(("kedaruratan", "kesiapsiagaan", "rehabilitasi dan rekonstruksi"),
      "Meningkatnya ketangguhan daerah terhadap bencana", (
        I("Persentase desa tangguh bencana", "%", "higher", "last", "quarterly", 22, 4,
          source="BPBD"),
        I("Waktu tanggap kaji cepat kejadian bencana", "jam", "lower", "average", "monthly",
          6, -0.5, lower_formula="t/r", source="InaRISK"),
    )),
    # --- economy, agriculture, fisheries, tourism, trade ---
    U(("pangan",), "Meningkatnya ketahanan pangan", (
        I("Skor Pola Pangan Harapan (PPH)", "skor", "higher", "last", "annual", 86, 1.5,
          source="Badan Pangan Nasional"),
        I("Persentase sampel pangan segar yang aman", "%", "higher", "average", "monthly",
          92, 1, source="OKKPD"),
    )),
    U(("perikanan", "ruang laut"), "Meningkatnya produksi perikanan", (
        I("Produksi perikanan tangkap dan budidaya", "ton", "higher", "sum", "monthly",
          32000, 1800, places=0, source="Satu Data KKP"),
        I("Nilai tukar nelayan", "indeks", "higher", "average", "monthly", 104, 1,
          source="BPS"),
    )),
    U(("hutan", "kehutanan"), "Meningkatnya pengelolaan hutan lestari", (
        I("Luas lahan kritis yang direhabilitasi", "ha", "higher", "sum", "quarterly", 1200,
          150, places=0, source="KPH"),
        I("Jumlah kelompok perhutanan sosial yang dibina", "kelompok", "higher", "last",
          "quarterly", 60, 8, places=0, source="GoKUPS"),
    )),
    U(("energi", "mineral", "geologi", "ketenagalistrikan"), "Meningkatnya rasio elektrifikasi", (
        I("Rasio elektrifikasi", "%", "higher", "last", "quarterly", 96, 0.8, source="PLN"),
        I("Persentase IUP yang menyampaikan laporan produksi", "%", "higher", "last",
          "monthly", 70, 5, source="MODI ESDM"),
    )),
    U(("pariwisata", "destinasi", "ekonomi kreatif", "pemasaran"),
      "Meningkatnya kunjungan wisata", (
        I("Jumlah kunjungan wisatawan nusantara", "ribu orang", "higher", "sum", "monthly",
          2400, 200, places=0, source="BPS"),
        I("Jumlah pelaku ekonomi kreatif yang difasilitasi", "pelaku", "higher", "sum",
          "monthly", 300, 40, places=0, source="Laporan kegiatan"),
    )),
    U(("perdagangan", "perlindungan konsumen", "perindustrian"),
      "Terjaganya stabilitas harga dan perdagangan", (
        I("Koefisien variasi harga bahan pokok", "%", "lower", "average", "monthly", 6, -0.4,
          lower_formula="t/r", source="SP2KP"),
        I("Jumlah UTTP yang ditera ulang", "unit", "higher", "sum", "monthly", 4200, 300,
          places=0, source="SIMETROL"),
    )),
    U(("koperasi", "usaha mikro"), "Meningkatnya kualitas koperasi dan usaha mikro", (
        I("Persentase koperasi aktif yang melaksanakan RAT", "%", "higher", "last",
          "quarterly", 52, 4, source="ODS Kemenkop"),
        I("Jumlah usaha mikro yang naik kelas", "usaha", "higher", "sum", "monthly", 160, 20,
          places=0, source="Laporan pendampingan"),
    )),
    U(("tenaga kerja", "hubungan industrial", "produktivitas", "sertifikasi", "transmigrasi",
       "pengawasan ketenagakerjaan"), "Meningkatnya penempatan dan perlindungan tenaga kerja", (
        I("Persentase pencari kerja yang ditempatkan", "%", "higher", "last", "monthly", 38,
          3, source="SIAPkerja"),
        I("Persentase perselisihan hubungan industrial yang diselesaikan", "%", "higher",
          "average", "monthly", 80, 3, source="Laporan mediasi"),
    )),
    U(("perempuan", "perlindungan anak", "keluarga berencana", "pengendalian penduduk"),
      "Meningkatnya perlindungan perempuan dan anak", (
        I("Persentase kasus kekerasan perempuan dan anak yang ditangani", "%", "higher",
          "average", "monthly", 92, 1.5, source="SIMFONI-PPA"),
        I("Prevalensi pemakaian kontrasepsi modern (mCPR)", "%", "higher", "last",
          "quarterly", 58, 1, source="SIGA BKKBN"),
    )),
    U(("desa",), "Meningkatnya kemandirian desa", (
        I("Persentase desa mandiri", "%", "higher", "last", "annual", 12, 4,
          source="Indeks Desa"),
        I("Persentase desa yang menyalurkan dana desa tepat waktu", "%", "higher", "last",
          "monthly", 80, 4, source="OM-SPAN"),
    )),
    U(("kepemudaan", "olahraga"), "Meningkatnya prestasi pemuda dan olahraga", (
        I("Jumlah medali pada kejuaraan tingkat nasional", "medali", "higher", "sum",
          "quarterly", 40, 5, places=0, source="KONI"),
        I("Indeks pembangunan pemuda", "indeks", "higher", "last", "annual", 52, 1.5,
          source="Kemenpora"),
    )),
    U(("kebudayaan", "kesenian", "cagar budaya", "permuseuman", "tradisi"),
      "Meningkatnya pelestarian kebudayaan daerah", (
        I("Jumlah objek cagar budaya yang ditetapkan", "objek", "higher", "sum", "quarterly",
          6, 1, places=0, source="Registrasi nasional"),
        I("Jumlah kunjungan museum daerah", "orang", "higher", "sum", "monthly", 3600, 300,
          places=0, source="Buku tamu museum"),
    )),
    U(("perpustakaan", "arsip"), "Meningkatnya budaya baca dan tertib arsip", (
        I("Jumlah kunjungan perpustakaan (fisik dan digital)", "kunjungan", "higher", "sum",
          "monthly", 18000, 1500, places=0, source="INLISLite"),
        I("Persentase perangkat daerah dengan nilai pengawasan kearsipan baik", "%",
          "higher", "last", "annual", 55, 8, source="ANRI"),
    )),
    U(("politik", "ideologi", "wawasan kebangsaan", "kewaspadaan", "konflik", "ormas"),
      "Terjaganya stabilitas politik dan kerukunan", (
        I("Persentase potensi konflik sosial yang tertangani", "%", "higher", "average",
          "monthly", 90, 2, source="Laporan Kesbangpol"),
        I("Indeks demokrasi", "indeks", "higher", "last", "annual", 76, 1, source="BPS"),
    )),
    # --- planning, research, statistics, communication ---
    U(("perencanaan", "pengendalian dan evaluasi", "evaluasi dan pelaporan",
       "penyusunan program"), "Meningkatnya kualitas perencanaan dan evaluasi", (
        I("Persentase dokumen perencanaan yang ditetapkan tepat waktu", "%", "higher",
          "last", "quarterly", 85, 4, source="SIPD"),
        I("Persentase rekomendasi evaluasi RKPD yang ditindaklanjuti", "%", "higher", "last",
          "monthly", 70, 4, source="e-Monev"),
    )),
    U(("riset", "penelitian", "kajian kebijakan", "inovasi"),
      "Meningkatnya pemanfaatan riset dan inovasi", (
        I("Jumlah rekomendasi kebijakan hasil riset", "rekomendasi", "higher", "sum",
          "quarterly", 12, 2, places=0, source="Laporan BRIDA"),
        I("Indeks inovasi daerah", "skor", "higher", "last", "annual", 48, 4,
          source="Kemendagri"),
    )),
    U(("statistik", "persandian", "aplikasi informatika"), "Meningkatnya kematangan SPBE", (
        I("Indeks SPBE", "indeks", "higher", "last", "annual", 2.6, 0.3, source="KemenPANRB"),
        I("Persentase layanan publik yang terintegrasi secara elektronik", "%", "higher",
          "last", "monthly", 55, 6, source="Katalog SPBE"),
    )),
    U(("informasi dan komunikasi publik", "komunikasi pimpinan", "materi dan komunikasi",
       "protokol", "dokumentasi"), "Meningkatnya keterbukaan informasi publik", (
        I("Persentase permohonan informasi publik yang dilayani tepat waktu", "%", "higher",
          "average", "monthly", 90, 2, source="PPID"),
        I("Jumlah rilis informasi kebijakan daerah", "rilis", "higher", "sum", "monthly",
          120, 12, places=0, source="Laporan kehumasan"),
    )),
    # --- oversight, law, organisation (Setda, Inspektorat) ---
    U(("inspektur pembantu", "pengawasan"), "Meningkatnya kualitas pengawasan internal", (
        I("Persentase temuan audit yang ditindaklanjuti", "%", "higher", "last", "monthly",
          75, 4, formula="Rekomendasi selesai / seluruh rekomendasi x 100%", source="SIPTL"),
        I("Jumlah penugasan pengawasan yang diselesaikan", "laporan", "higher", "sum",
          "monthly", 60, 6, places=0, source="PKPT"),
    )),
    U(("hukum", "perundang-undangan", "bantuan hukum"),
      "Meningkatnya kualitas produk hukum daerah", (
        I("Persentase rancangan produk hukum yang selesai diharmonisasi tepat waktu", "%",
          "higher", "average", "monthly", 85, 3, source="JDIH"),
        I("Persentase produk hukum yang diunggah ke JDIH", "%", "higher", "last", "monthly",
          88, 3, source="JDIH"),
    )),
    U(("organisasi", "kelembagaan", "tata laksana", "reformasi birokrasi"),
      "Meningkatnya efektivitas kelembagaan dan tata laksana", (
        I("Indeks reformasi birokrasi", "nilai", "higher", "last", "annual", 62, 3,
          source="KemenPANRB"),
        I("Persentase perangkat daerah dengan peta proses bisnis mutakhir", "%", "higher",
          "last", "quarterly", 60, 8, source="Biro Organisasi"),
    )),
    U(("pengadaan barang", "layanan pengadaan", "pengelolaan pengadaan"),
      "Meningkatnya kualitas pengadaan barang dan jasa", (
        I("Persentase paket tender yang selesai sesuai jadwal", "%", "higher", "last",
          "monthly", 85, 3, source="SPSE"),
        I("Persentase nilai belanja pengadaan melalui e-katalog", "%", "higher", "last",
          "monthly", 40, 6, source="SIRUP"),
    )),
    U(("pemerintahan", "otonomi", "kerja sama", "kesejahteraan", "perekonomian",
       "pembangunan", "bina mental", "pendidikan dan kesehatan", "sumber daya alam", "bumd",
       "administrasi", "fasilitasi", "persidangan", "rapat"),
      "Meningkatnya kualitas fasilitasi kebijakan pimpinan daerah", (
        I("Persentase rekomendasi kebijakan yang ditindaklanjuti pimpinan", "%", "higher",
          "last", "monthly", 78, 3, source="Laporan bagian"),
        I("Persentase naskah kerja sama daerah yang dievaluasi", "%", "higher", "last",
          "quarterly", 70, 5, source="SIKD"),
    )),
)
# fmt: on

# A unit no entry fits: the secretariat and its subbagian, or any other division.
SECRETARIAT_SASARAN = UnitSasaran(
    (),
    "Meningkatnya kualitas layanan administrasi {short}",
    (
        _BUDGET,
        I("Nilai evaluasi SAKIP {short}", "nilai", "higher", "last", "annual", 68, 2,
          source="Inspektorat"),
        I("Persentase dokumen keuangan yang disampaikan tepat waktu", "%", "higher", "average",
          "monthly", 86, 2.5, source="SIPD"),
    ),
)  # fmt: skip
SUBBAGIAN_SASARAN = UnitSasaran(
    (),
    "Terselenggaranya administrasi {short} yang tertib",
    (
        I("Persentase surat masuk yang didisposisi dalam 1 hari kerja", "%", "higher",
          "average", "monthly", 88, 2, source="SRIKANDI"),
        I("Persentase usulan layanan kepegawaian yang diproses tepat waktu", "%", "higher",
          "average", "monthly", 85, 3, source="SIASN"),
    ),
)  # fmt: skip
GENERIC_SASARAN = UnitSasaran(
    (),
    "Meningkatnya kinerja {name}",
    (
        _PHYSICAL,
        _BUDGET,
        I("Jumlah dokumen layanan {short} yang diselesaikan", "dokumen", "higher", "sum",
          "monthly", 240, 20, places=0, source="Register layanan"),
    ),
)  # fmt: skip


def unit_sasaran(name: str, kind: str) -> UnitSasaran:
    """The sasaran of a division or section: by the words of its name, else by its kind."""
    lowered = name.lower()
    for entry in UNIT_SASARAN:
        if any(word in lowered for word in entry.keywords):
            return entry
    if kind == "subbagian" or "tata usaha" in lowered or "rumah tangga" in lowered:
        return SUBBAGIAN_SASARAN
    if kind == "sekretariat" or "umum" in lowered or "keuangan" in lowered:
        return SECRETARIAT_SASARAN
    return GENERIC_SASARAN


def with_monitoring(entry: UnitSasaran) -> tuple[I, ...]:
    """The entry's indicators, then the realisasi fisik and anggaran every unit reports."""
    return (*entry.indicators, _PHYSICAL, _BUDGET)
