"""Public complaints of the last two years: complaints about the regency's service units
(Puskesmas, schools, the kelurahan, the hospital, the counters) and the offices citizens meet
(Disdukcapil, the licensing office, transport, environment, public works, social affairs, the
kecamatan), through every channel and of every category. Most are answered on time, some late,
some reopened by the citizen and answered again; a few are open and overdue today, a few wait
for routing. A few complainants left a contact. Bulk-inserted, deterministic from the seed."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from kinerja.complaints import rules
from kinerja.complaints.models import Complainant, Complaint, ComplaintEvent, EventKind, Status
from kinerja.core.calendar import add_working_days
from kinerja.iku.models import NonWorkingDay
from kinerja.org.models import Unit, UnitKind

YEARS_BACK = 2
PER_MONTH = 9  # on average, over the whole regency
LATE_SHARE = 0.12
REOPEN_SHARE = 0.07
CONTACT_SHARE = 0.15
NOTE_SHARE = 0.35
OVERDUE_NOW = 4
UNROUTED_NOW = 2
FRESH_NOW = 5  # received in the last working days, not answered yet

CHANNELS = (
    (rules.Channel.PORTAL, 34),
    (rules.Channel.LAPOR, 22),
    (rules.Channel.MEDIA_SOSIAL, 14),
    (rules.Channel.SMS_WHATSAPP, 16),
    (rules.Channel.SURAT, 7),
    (rules.Channel.LANGSUNG, 7),
)
CATEGORIES = (
    (rules.Category.RINGAN, 44),
    (rules.Category.NORMATIF, 26),
    (rules.Category.TIDAK_BERKADAR_PENGAWASAN, 22),
    (rules.Category.BERKADAR_PENGAWASAN, 8),
)

# What citizens complain about, by the kind of unit (or a word of the office's name).
TEXTS = {
    UnitKind.PUSKESMAS: (
        "Antrean pendaftaran di {unit} sangat panjang, saya menunggu lebih dari dua jam padahal "
        "datang pukul 07.30.",
        "Obat darah tinggi untuk ibu saya kosong di apotek {unit}; kami diminta membeli sendiri "
        "di apotek luar.",
        "Petugas loket BPJS di {unit} tidak menjelaskan syarat rujukan dan menyuruh kami datang "
        "lagi besok.",
        "Toilet pasien di {unit} kotor dan airnya tidak mengalir sejak minggu lalu.",
        "Jadwal imunisasi di {unit} berubah tanpa pengumuman; kami datang membawa bayi tetapi "
        "layanan tutup.",
    ),
    UnitKind.SEKOLAH: (
        "Anak kami diminta membayar uang seragam dan buku di {unit}. Apakah pungutan ini sesuai "
        "aturan?",
        "Nama anak kami tidak ada di pengumuman penerimaan peserta didik baru {unit}, padahal "
        "sudah mendaftar dan mendapat bukti.",
        "Atap ruang kelas IV di {unit} bocor setiap hujan; murid belajar di lorong.",
        "Guru kelas anak saya sering tidak hadir dan kelas dibiarkan kosong tanpa tugas.",
        "Dana PIP anak kami belum diterima, padahal teman sekelasnya sudah.",
    ),
    UnitKind.KELURAHAN: (
        "Surat keterangan domisili yang saya urus di {unit} sudah seminggu belum selesai.",
        "Lampu penerangan jalan di RT 03 wilayah {unit} mati sejak sebulan lalu.",
        "Ada permintaan uang Rp50.000 untuk surat pengantar di {unit}, tanpa kuitansi.",
        "Kantor {unit} sering belum buka pukul 08.00 sesuai jam layanan.",
    ),
    UnitKind.KECAMATAN: (
        "Pengurusan rekomendasi izin keramaian di {unit} berbelit dan syaratnya berubah-ubah.",
        "Saluran air di depan kantor {unit} tersumbat dan meluap ke jalan setiap hujan.",
    ),
    UnitKind.RUMAH_SAKIT: (
        "Keluarga kami di IGD {unit} menunggu hampir tiga jam sebelum diperiksa dokter.",
        "Tarif parkir di {unit} naik tanpa pemberitahuan dan tanpa karcis resmi.",
        "Hasil laboratorium di {unit} terlambat sehingga jadwal operasi ayah kami mundur.",
    ),
    UnitKind.LOKET: (
        "Nomor antrean di {unit} habis pukul 09.00 walaupun layanan tertulis sampai 14.00.",
        "Petugas {unit} meminta fotokopi berkas yang sudah diunggah saat mendaftar daring.",
    ),
    UnitKind.UPT: (
        "Layanan {unit} tutup lebih awal dari jam yang tertera di papan informasi.",
        "Persyaratan layanan di laman {unit} berbeda dengan yang diminta petugas di tempat.",
    ),
    "Kependudukan": (
        "KTP elektronik saya sudah direkam tiga bulan lalu tetapi belum dicetak; alasannya "
        "blangko habis.",
        "Kuota antrean daring untuk akta kelahiran di {unit} selalu habis dalam beberapa menit.",
        "Nama ibu di kartu keluarga saya salah tulis; sudah dua kali mengajukan perbaikan.",
    ),
    "Penanaman Modal": (
        "Izin usaha warung makan saya belum terbit padahal sudah lewat batas waktu layanan.",
        "Sistem OSS menolak berkas saya dan petugas {unit} tidak bisa menjelaskan sebabnya.",
    ),
    "Perhubungan": (
        "Angkutan kota trayek 02 sering menunggu penumpang terlalu lama di depan pasar dan "
        "membuat macet.",
        "Lampu lalu lintas di simpang empat dekat terminal mati sejak tiga hari lalu.",
    ),
    "Lingkungan Hidup": (
        "Sampah di TPS dekat pasar tidak diangkut seminggu dan baunya sampai ke rumah warga.",
        "Ada pembakaran sampah plastik setiap malam di lahan kosong dekat permukiman.",
    ),
    "Pekerjaan Umum": (
        "Jalan kabupaten menuju desa kami berlubang besar dan sudah menyebabkan kecelakaan.",
        "Drainase yang baru dibangun sudah retak dan airnya tidak mengalir.",
    ),
    "Sosial": (
        "Nenek saya yang tinggal sendiri tidak lagi menerima bantuan sosial sejak awal tahun.",
        "Pendataan penerima bantuan di desa kami tidak diumumkan dan terkesan tidak tepat sasaran.",
    ),
}
RESPONSES = (
    "Terima kasih atas laporan Bapak/Ibu. Kami sudah memeriksa ke {unit} dan kendala tersebut "
    "telah diperbaiki. Bila masih terjadi, silakan sampaikan kembali.",
    "Laporan telah ditindaklanjuti: petugas {unit} sudah diberi pembinaan dan jadwal layanan "
    "kembali sesuai standar pelayanan.",
    "Berdasarkan aturan yang berlaku, layanan ini tidak dipungut biaya. Kami telah meminta "
    "{unit} menghentikan pungutan dan mengembalikan dana yang sudah dibayarkan.",
    "Kami sudah meninjau lokasi bersama {unit}. Perbaikan dijadwalkan minggu ini dan "
    "perkembangannya dapat dipantau melalui kode pengaduan.",
    "Stok dan sarana yang dikeluhkan sudah dipenuhi kembali oleh {unit}. Mohon maaf atas "
    "ketidaknyamanannya.",
    "Berkas Bapak/Ibu sudah kami proses dan dapat diambil di {unit} pada jam layanan.",
)
REOPEN_REASONS = (
    "Sampai hari ini belum ada perubahan seperti yang disampaikan dalam tanggapan.",
    "Tanggapan belum menjawab pertanyaan saya tentang biaya yang diminta.",
    "Perbaikannya hanya sementara, masalah yang sama terjadi lagi kemarin.",
)
SECOND_RESPONSES = (
    "Kami mohon maaf. Kepala {unit} sudah turun langsung dan masalah telah diselesaikan "
    "tuntas; kami akan memantaunya selama satu bulan.",
    "Setelah pemeriksaan lanjutan, dana pungutan sudah dikembalikan dan petugas yang "
    "bersangkutan diproses sesuai aturan disiplin.",
)
NOTES = (
    "Sudah dikonfirmasi ke kepala unit; menunggu laporan tertulis.",
    "Dicek langsung ke lokasi besok pagi bersama petugas teknis.",
    "Perlu koordinasi dengan bidang terkait sebelum menjawab.",
    "Pelapor sudah dihubungi untuk melengkapi keterangan.",
)
NAMES = (
    "Rahmat Hidayat",
    "Siti Nurhaliza Putri",
    "Agus Setiawan",
    "Dewi Lestari",
    "Yohanes Manurung",
    "Nur Aini",
    "Made Wirawan",
    "Fitri Handayani",
)


def seed_complaints(agency, *, seed: int, today: datetime.date) -> dict:
    rng = random.Random(f"{seed}-{agency.code}-complaints")
    units = _units(agency)
    if not units:
        return {}
    start = today - datetime.timedelta(days=365 * YEARS_BACK)
    off = frozenset(
        NonWorkingDay.objects.filter(
            agency=agency, date__gte=start, date__lte=today + datetime.timedelta(days=200)
        ).values_list("date", flat=True)
    )
    taken = set(Complaint.objects.values_list("tracking_code", flat=True))
    cases = _plan(rng, units, start, today, off)
    complaints = []
    for case in cases:
        code = _code(rng, taken)
        received_at = timezone.make_aware(
            datetime.datetime.combine(case["received_on"], datetime.time(8 + rng.randrange(8)))
        )
        complaints.append(
            Complaint(
                agency=agency,
                unit=case["unit"],
                category=case["category"],
                channel=case["channel"],
                source_reference=_reference(rng, case["channel"], case["received_on"]),
                description=case["description"],
                received_at=received_at,
                received_on=case["received_on"],
                due_on=case["due_on"],
                status=case["status"],
                answered_on=case["answered_on"],
                first_answered_on=case["first_answered_on"],
                closed_on=case["closed_on"],
                escalated_on=case["escalated_on"],
                tracking_code=code,
            )
        )
    Complaint.objects.bulk_create(complaints, batch_size=500)
    events, contacts = [], []
    for complaint, case in zip(complaints, cases, strict=True):
        for kind, day, text in case["events"]:
            events.append(
                ComplaintEvent(
                    complaint=complaint, kind=kind, day=day, text=text, unit=complaint.unit
                )
            )
        if rng.random() < CONTACT_SHARE:
            name = rng.choice(NAMES)
            contacts.append(
                Complainant(
                    complaint=complaint,
                    name=name,
                    email=f"{name.split()[0].lower()}{rng.randrange(10, 99)}@contoh.example",
                    phone=f"0812 {rng.randrange(1000, 9999)} {rng.randrange(1000, 9999)}",
                )
            )
    ComplaintEvent.objects.bulk_create(events, batch_size=1000)
    Complainant.objects.bulk_create(contacts, batch_size=500)
    statuses = [c.status for c in complaints]
    return {
        "complaints": len(complaints),
        "open": sum(1 for s in statuses if s in rules.OPEN_STATUSES),
        "overdue_now": sum(
            1 for c in complaints if c.status in rules.OPEN_STATUSES and c.due_on < today
        ),
        "reopened": sum(1 for case in cases if case["reopened"]),
        "with_contact": len(contacts),
    }


def _units(agency) -> list[Unit]:
    """The service units and the offices citizens meet (by a word of their name)."""
    offices = [key for key in TEXTS if isinstance(key, str) and not isinstance(key, UnitKind)]
    return [
        unit
        for unit in Unit.objects.filter(agency=agency, is_active=True).order_by("path")
        if (unit.is_service_unit and unit.kind in TEXTS)
        or unit.kind == UnitKind.KECAMATAN
        or (unit.parent_id is None and any(word in unit.name for word in offices))
    ]


def _texts_of(unit) -> tuple[str, ...]:
    for key, texts in TEXTS.items():
        if not isinstance(key, UnitKind) and key in unit.name:
            return texts
    return TEXTS.get(unit.kind, TEXTS[UnitKind.UPT])


def _pick(rng, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def _plan(rng, units, start, today, off) -> list[dict]:
    days = [
        start + datetime.timedelta(days=n)
        for n in range((today - start).days + 1)
        if (start + datetime.timedelta(days=n)).weekday() < 5
        and start + datetime.timedelta(days=n) not in off
    ]
    count = PER_MONTH * 12 * YEARS_BACK
    fresh = [d for d in days if d < today][-FRESH_NOW:] + [today] * UNROUTED_NOW
    received = sorted(rng.choice(days[:-FRESH_NOW]) for _ in range(count - len(fresh)))
    received += fresh
    overdue_now = set(
        rng.sample([i for i, d in enumerate(received) if 25 <= (today - d).days <= 90], OVERDUE_NOW)
    )
    fresh_now = set(range(len(received) - len(fresh), len(received) - UNROUTED_NOW))
    unrouted_now = set(range(len(received) - UNROUTED_NOW, len(received)))
    cases = []
    for index, received_on in enumerate(received):
        unit = rng.choice(units)
        category = _pick(rng, CATEGORIES)
        channel = _pick(rng, CHANNELS)
        if index in overdue_now:
            category = rng.choice(
                [rules.Category.NORMATIF, rules.Category.TIDAK_BERKADAR_PENGAWASAN]
            )
        if index in unrouted_now:
            channel, unit = rules.Channel.PORTAL, None
        case = _case(rng, unit, category, channel, received_on, today, off, index, overdue_now)
        if index in fresh_now:  # not answered yet: as seen on the day it came in
            category = _still_within_its_days(category, received_on, today, off)
            case = _case(rng, unit, category, channel, received_on, received_on, off, -1, ())
        cases.append(case)
    return cases


def _still_within_its_days(category, received_on, today, off):
    """The category itself when a case received on `received_on` is not yet due today, else
    the shortest deadline that is not (a fresh case waits for its answer without being late)."""
    by_length = sorted(rules.Category, key=lambda c: rules.DEFAULT_DEADLINE_DAYS[c])
    for candidate in [category, *by_length]:
        if rules.due_on(received_on, rules.DEFAULT_DEADLINE_DAYS[candidate], off) >= today:
            return candidate
    return by_length[-1]


def _case(rng, unit, category, channel, received_on, today, off, index, overdue_now) -> dict:
    name = unit.name if unit is not None else "kantor kami"
    texts = _texts_of(unit) if unit is not None else TEXTS[UnitKind.KELURAHAN]
    limit = rules.DEFAULT_DEADLINE_DAYS[category]
    due = rules.due_on(received_on, limit, off)
    case = {
        "unit": unit,
        "category": category,
        "channel": channel,
        "received_on": received_on,
        "description": rng.choice(texts).format(unit=name),
        "due_on": due,
        "status": Status.RECEIVED if unit is None else Status.ROUTED,
        "answered_on": None,
        "first_answered_on": None,
        "closed_on": None,
        "escalated_on": None,
        "reopened": False,
        "events": [(EventKind.FILED, received_on, "")],
    }
    if unit is None:
        return case
    case["events"].append((EventKind.ROUTED, received_on, ""))
    if rng.random() < NOTE_SHARE:
        note_day = min(add_working_days(received_on, 1, off), today)
        case["events"].append((EventKind.NOTE, note_day, rng.choice(NOTES)))
        case["status"] = Status.IN_PROGRESS
    if index in overdue_now:
        case["status"] = Status.IN_PROGRESS
        case["escalated_on"] = add_working_days(due, 1, off)
        case["events"].append((EventKind.ESCALATED, case["escalated_on"], ""))
        return case
    late = rng.random() < LATE_SHARE
    answer = (
        add_working_days(due, rng.randint(1, max(2, limit // 2)), off)
        if late
        else add_working_days(received_on, rng.randint(1, limit), off)
    )
    if answer > today:
        if due >= today:
            return case  # still within its days: open
        answer = today  # past its days: the office answers late today (only overdue_now stay open)
    if late:
        case["escalated_on"] = min(add_working_days(due, 1, off), answer)
        case["events"].append((EventKind.ESCALATED, case["escalated_on"], ""))
    case["events"].append((EventKind.RESPONSE, answer, rng.choice(RESPONSES).format(unit=name)))
    case.update(status=Status.ANSWERED, answered_on=answer, first_answered_on=answer)
    reopen = answer + datetime.timedelta(days=rng.randint(2, rules.REOPEN_WINDOW_DAYS))
    if rng.random() < REOPEN_SHARE and reopen <= today:
        case["reopened"] = True
        case["events"].append((EventKind.REOPENED, reopen, rng.choice(REOPEN_REASONS)))
        due = rules.due_on(reopen, limit, off)
        second = add_working_days(reopen, rng.randint(1, limit), off)
        case.update(status=Status.REOPENED, due_on=due, answered_on=None, escalated_on=None)
        if second > today:
            return case
        text = rng.choice(SECOND_RESPONSES).format(unit=name)
        case["events"].append((EventKind.RESPONSE, second, text))
        case.update(status=Status.ANSWERED, answered_on=second)
        answer = second
    confirmed = rng.random() < 0.4
    closed = answer + datetime.timedelta(
        days=rng.randint(1, 5) if confirmed else rules.REOPEN_WINDOW_DAYS + 1
    )
    if closed <= today:
        case["events"].append((EventKind.CLOSED, closed, ""))
        case.update(status=Status.CLOSED, closed_on=closed)
    return case


def _code(rng, taken: set) -> str:
    while True:
        code = "".join(rng.choice(rules.CODE_ALPHABET) for _ in range(rules.CODE_LENGTH))
        if code not in taken:
            taken.add(code)
            return code


def _reference(rng, channel, day) -> str:
    if channel == rules.Channel.LAPOR:
        return f"LAPOR-{day:%Y%m%d}{rng.randrange(1000, 9999)}"
    if channel == rules.Channel.MEDIA_SOSIAL:
        return f"https://www.instagram.com/p/C{rng.randrange(10**8, 10**9)}/"
    if channel == rules.Channel.SURAT:
        return f"800/{rng.randrange(10, 999)}/{day.year}"
    return ""
