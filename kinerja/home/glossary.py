"""The regulation's terms, kept in Indonesian in the interface and explained here."""

from django.utils.translation import gettext_lazy as _

GLOSSARY = [
    ("ASN", _("Aparatur Sipil Negara: the civil service, made of PNS and PPPK.")),
    ("PNS", _("Pegawai Negeri Sipil: a permanent civil servant.")),
    ("PPPK", _("Pegawai Pemerintah dengan Perjanjian Kerja: a civil servant on a work contract.")),
    (
        "Pejabat yang berwenang menghukum",
        _(
            "The official who decides a discipline sanction (PP 94/2021): the superior in the "
            "line for light ones, the head of the perangkat daerah for medium ones, and the "
            "Pejabat Pembina Kepegawaian (PPK, the regional head) for heavy ones and for JPT."
        ),
    ),
    (
        "NIP",
        _(
            "Nomor Induk Pegawai: the 18-digit civil-servant number. Digits 1-8 are the birth "
            "date, 9-14 the appointment year and month, 15 the sex (1 male, 2 female), "
            "16-18 a serial number."
        ),
    ),
    ("Pemda", _("Pemerintah daerah: the regional government of a regency, city or province.")),
    (
        "OPD",
        _(
            "Organisasi perangkat daerah: an office (dinas), agency (badan), inspectorate or "
            "district (kecamatan) of the regional government."
        ),
    ),
    (
        "BKPSDM",
        _("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia: the regional HR agency."),
    ),
    ("Bappeda", _("The regional planning agency.")),
    ("Inspektorat", _("The regional internal auditor.")),
    ("UPT", _("Unit Pelaksana Teknis: a technical service unit of an office.")),
    ("Puskesmas", _("Pusat Kesehatan Masyarakat: a community health centre.")),
    (
        "Disdukcapil",
        _("Dinas Kependudukan dan Pencatatan Sipil: the population and civil registry office."),
    ),
    ("Jabatan", _("A position (post) in a unit.")),
    (
        "JPT",
        _(
            "Jabatan Pimpinan Tinggi: senior executive posts (utama, madya, pratama). A head of "
            "an OPD is JPT pratama."
        ),
    ),
    ("Administrator", _("A middle-management post, such as the head of a bidang.")),
    (
        "Pengawas",
        _(
            "A first-line supervisory post, such as the head of a seksi; the lowest post "
            "that may rate others."
        ),
    ),
    ("Pelaksana", _("An executive (non-managerial) post.")),
    (
        "Fungsional (JF)",
        _(
            "A functional post with levels (jenjang) such as Ahli Pertama or "
            "Terampil: doctors, teachers, auditors, planners."
        ),
    ),
    ("Jenjang", _("The level of a functional post.")),
    ("Golongan / pangkat", _("Rank and grade: I/a to IV/e for PNS, I to XVII for PPPK.")),
    ("Mutasi", _("A transfer of an employee to another post or unit.")),
    ("Plt.", _("Pelaksana tugas: an official acting in a vacant post for a longer period.")),
    ("Plh.", _("Pelaksana harian: an official acting in a post for a short absence.")),
    ("Atasan", _("The direct superior: the holder of the post above.")),
    (
        "Pejabat penilai kinerja",
        _(
            "The rater: normally the direct superior, at the lowest a "
            "pengawas, or an official given delegated authority."
        ),
    ),
    (
        "Atasan pejabat penilai",
        _("The rater's superior, who hears objections and takes over when the rater is late."),
    ),
    ("SK", _("Surat keputusan: the decree that appoints or moves an employee.")),
    ("TMT", _("Terhitung mulai tanggal: the date from which a decree takes effect.")),
    ("IKU", _("Indikator Kinerja Utama: a key performance indicator of an organisation.")),
    ("SKP", _("Sasaran Kinerja Pegawai: an employee's yearly performance plan.")),
    ("RHK", _("Rencana Hasil Kerja: a planned work result in an SKP.")),
    ("Predikat", _("The performance grade that an appraisal gives.")),
    (
        "BerAKHLAK",
        _(
            "The seven core values of the ASN: Berorientasi Pelayanan, Akuntabel, "
            "Kompeten, Harmonis, Loyal, Adaptif, Kolaboratif."
        ),
    ),
    ("IKI", _("Indikator Kinerja Individu: the measure of success of an RHK, with its target.")),
    (
        "Intervensi",
        _("The link from an RHK to the leader's RHK (or the organisation's goal) it serves."),
    ),
    (
        "Matriks peran hasil",
        _(
            "The leader's table of their indicators against their subordinates: each cell is a "
            "subordinate's role stated as a result, or no role, and becomes an RHK in their SKP."
        ),
    ),
    ("Hasil kerja utama", _("A main, high-priority result of an SKP.")),
    ("Hasil kerja tambahan", _("An additional, lower-priority result of an SKP.")),
    (
        "Perspektif",
        _(
            "The balanced-scorecard view of a JPT's RHK: service recipients, business process, "
            "internal strengthening and budget; the budget perspective is required."
        ),
    ),
    ("Rencana aksi", _("The planned steps of an RHK in each period of the year.")),
    (
        "Pengambilalihan RHK",
        _(
            "When feedback and coaching bring no progress, the leader takes over an employee's "
            "RHK and notes that the employee could not finish it; the evaluation reads the note "
            "(PermenPANRB 6/2022 article 20)."
        ),
    ),
    (
        "Bukti dukung",
        _(
            "Evidence of a realised result (a file, a photo, a link or a text): it shows the "
            "progress or the final realisation of the result, not proof of activity."
        ),
    ),
    (
        "Realisasi",
        _(
            "What an indicator achieved in an evaluation period, entered by the employee with "
            "its bukti dukung and verified by the rater."
        ),
    ),
    (
        "Umpan balik berkelanjutan",
        _(
            "Continuous feedback on an employee's results and behaviour: berkala (scheduled, "
            "mandatory for the leader) or insidentil (incidental), from the leader, peers, "
            "subordinates or others, and asked for by the employee (PermenPANRB 6/2022 "
            "Ps 17-19)."
        ),
    ),
    (
        "Ekspektasi khusus pimpinan",
        _("The leader's special expectation of the employee on a BerAKHLAK value."),
    ),
    (
        "Dialog kinerja",
        _("The conversation between leader and employee in which the SKP is agreed."),
    ),
    (
        "Lampiran SKP",
        _("The SKP annex: resource support, accountability scheme and consequences."),
    ),
    (
        "CLTN",
        _(
            "Cuti di luar tanggungan negara: unpaid leave. An employee on CLTN is not subject to "
            "SKP planning while it lasts."
        ),
    ),
    (
        "MPP",
        _(
            "Masa persiapan pensiun: pre-retirement leave. An employee on MPP is not subject to "
            "SKP planning."
        ),
    ),
    (
        "Tidak wajib menyusun SKP",
        _(
            "Not subject to planning: state officials, members or heads of non-structural "
            "bodies, employees temporarily dismissed, on CLTN or on MPP draw up no SKP while the "
            "status lasts. Study leave (tugas belajar) has its own SKP."
        ),
    ),
    (
        "Cuti",
        _(
            "Leave of a civil servant: tahunan (annual), besar (long), sakit (sick), melahirkan "
            "(maternity), karena alasan penting (compassionate) and di luar tanggungan negara "
            "(unpaid). A day of leave is not an absence."
        ),
    ),
    (
        "Dinas luar",
        _("Official duty away from the office: a valid reason for not scanning in."),
    ),
    (
        "Tanpa alasan yang sah",
        _(
            "Absent without a valid reason: a working day with no presence, leave or official "
            "duty. PP 94/2021 counts these days over the calendar year for discipline "
            "sanctions, from teguran lisan at 3 days to dismissal at 28; 10 working days in a "
            "row stop the salary."
        ),
    ),
    (
        "Tunjangan kinerja (tukin)",
        _(
            "The performance allowance; a medium sanction cuts it by 25 per cent for 6, 9 or 12 "
            "months."
        ),
    ),
    (
        "Penilaian kinerja",
        _(
            "The evaluation of an employee for a period (periodik: a month or a quarter) or for "
            "the year (tahunan): the organisation's achievement, the distribution pattern it "
            "sets, and the employee's two ratings on the quadrant."
        ),
    ),
    (
        "Rating hasil kerja / rating perilaku kerja",
        _(
            "The rater's two ratings of an employee, of work results and of work behaviour: "
            "diatas (above), sesuai (as) or dibawah (below) ekspektasi, each with a written "
            "justification."
        ),
    ),
    (
        "Kuadran kinerja",
        _(
            "The table that turns the two ratings into the predikat: Sangat Baik, Baik, Butuh "
            "Perbaikan, Kurang (Misconduct) or Sangat Kurang."
        ),
    ),
    (
        "Pola distribusi",
        _(
            "The distribution pattern of the team's predikat that the organisation's "
            "achievement sets (SE MenPANRB 3/2023): guidance for the rater, shown as a warning, "
            "never a block."
        ),
    ),
    (
        "Kalibrasi",
        _(
            "Calibration: the rater compares the team's ratings with the pattern before "
            "finalising; every change of a given rating is kept with its reason."
        ),
    ),
    (
        "Keberatan",
        _(
            "The employee's objection to the evaluation, filed with the rater's superior within "
            "14 working days of receiving it. The superior hears the rater and confirms or "
            "changes the result within 7 working days; that decision is final. None where the "
            "result is already final."
        ),
    ),
    (
        "Hari kerja (hk)",
        _(
            "Working days: Monday to Friday except holidays and collective leave. The deadlines "
            "of the evaluation document count them."
        ),
    ),
    (
        "PyB",
        _(
            "Pejabat yang Berwenang: the official with appointment authority, who receives the "
            "evaluation documents."
        ),
    ),
    (
        "SKM",
        _(
            "Survei Kepuasan Masyarakat: the public satisfaction survey every service unit runs "
            "at least once a year (PermenPANRB 14/2017), on nine elements (unsur)."
        ),
    ),
    (
        "NRR",
        _(
            "Nilai rata-rata: the mean score (1 to 4) of one survey element over the "
            "respondents who answered it."
        ),
    ),
    (
        "IKM",
        _(
            "Indeks Kepuasan Masyarakat: the weighted sum of the nine element means, times 25 "
            "(25 to 100), graded A (Sangat Baik) to D (Tidak Baik)."
        ),
    ),
    (
        "Jenis layanan",
        _(
            "A named service a service unit offers (a poli, a permit, a certificate): the "
            "satisfaction survey can be read per service as well as for the whole unit."
        ),
    ),
    (
        "Rencana tindak lanjut",
        _(
            "The follow-up plan of a satisfaction survey: the actions a unit takes on its "
            "weakest elements, with who does them and by when, reported in the next SKM report."
        ),
    ),
    (
        "Forum konsultasi publik",
        _(
            "A public consultation forum: a service unit meets citizens, community groups, NGOs, "
            "academics and the media on its services (UU 25/2009 Ps 39; PermenPANRB 16/2017), "
            "records the topics raised and the commitments it makes, and reports in public how "
            "each commitment is kept."
        ),
    ),
    (
        "Pengaduan",
        _(
            "A complaint of a citizen about a public service, answered within working-day "
            "deadlines by category: ringan 2, normatif 5, tidak berkadar pengawasan 14, "
            "berkadar pengawasan 60 (at most 60 by UU 25/2009 and Perpres 76/2013)."
        ),
    ),
    (
        "SP4N-LAPOR!",
        _(
            "Sistem Pengelolaan Pengaduan Pelayanan Publik Nasional: the national complaint "
            "system (Perpres 76/2013, PermenPANRB 62/2018), reached through lapor.go.id, its "
            "app, SMS/WhatsApp and social media."
        ),
    ),
]
