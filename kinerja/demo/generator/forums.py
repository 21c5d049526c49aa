"""Public consultation forums of the last two years: a few units that serve the public
(Puskesmas, Disdukcapil, a kecamatan, Dinas Pendidikan) hold one or two forums a year, with
citizens counted by group, the topics they raised and the commitments the unit made. Most
commitments are done on time, some late, a few are open and overdue today, and the newest forum
is still a draft. Bulk-inserted, deterministic from the seed, owners are offices of the unit."""

from __future__ import annotations

import datetime
import random

from kinerja.forums.models import (
    Commitment,
    CommitmentProgress,
    CommitmentStatus,
    Forum,
    ForumKind,
    ForumParticipants,
    ForumStatus,
    ForumTopic,
    ParticipantGroup,
)
from kinerja.org.models import Position, Unit, UnitKind

# (topic, area, commitment, owner office) by kind of unit.
AGENDA = {
    "health": (
        (
            "Antrean pendaftaran pagi terlalu panjang",
            "Pendaftaran",
            "Menerapkan antrean daring dan nomor antrean lewat WhatsApp",
            "Kepala Tata Usaha",
        ),
        (
            "Obat sering kosong di apotek puskesmas",
            "Farmasi",
            "Menyusun ulang rencana kebutuhan obat per triwulan",
            "Penanggung Jawab Farmasi",
        ),
        (
            "Pekerja tidak bisa berobat pada jam kerja",
            "Layanan",
            "Membuka layanan sore dua hari seminggu",
            "Kepala Puskesmas",
        ),
        (
            "Ruang tunggu panas dan kursi kurang",
            "Sarana",
            "Menambah kipas angin dan 20 kursi ruang tunggu",
            "Kepala Tata Usaha",
        ),
        (
            "Informasi jadwal imunisasi tidak sampai ke dusun",
            "KIA",
            "Mengumumkan jadwal posyandu melalui kader dan grup desa",
            "Koordinator Imunisasi",
        ),
    ),
    "civil": (
        (
            "Blangko KTP-el sering habis",
            "KTP-el",
            "Mengumumkan stok blangko setiap pekan di media sosial",
            "Kepala Bidang Pelayanan",
        ),
        (
            "Warga desa jauh harus datang berkali-kali",
            "Jemput bola",
            "Layanan jemput bola ke kecamatan terjauh sebulan sekali",
            "Kepala Bidang Pelayanan",
        ),
        (
            "Akta kelahiran lama terbit",
            "Akta",
            "Akta kelahiran terbit paling lama tiga hari kerja",
            "Kepala Bidang Pencatatan Sipil",
        ),
        (
            "Persyaratan pindah datang membingungkan",
            "Informasi",
            "Memasang papan alur dan persyaratan di loket",
            "Sekretaris Dinas",
        ),
    ),
    "district": (
        (
            "Surat pengantar dari kecamatan lama diproses",
            "Administrasi",
            "Standar waktu surat pengantar satu hari kerja diumumkan di loket",
            "Sekretaris Kecamatan",
        ),
        (
            "Penerangan jalan di pasar kecamatan mati",
            "Ketertiban",
            "Mengusulkan perbaikan lampu pasar ke dinas terkait",
            "Kepala Seksi Trantib",
        ),
        (
            "Pengaduan warga tidak ada tindak lanjut",
            "Pengaduan",
            "Membuka kotak dan nomor WhatsApp pengaduan dengan jawaban tiga hari",
            "Camat",
        ),
    ),
    "education": (
        (
            "Zonasi PPDB kurang jelas bagi orang tua",
            "PPDB",
            "Sosialisasi zonasi di setiap kecamatan sebelum pendaftaran",
            "Kepala Bidang Pembinaan SD",
        ),
        (
            "Dana BOS sekolah tidak diumumkan",
            "Transparansi",
            "Mewajibkan papan informasi BOS di setiap sekolah",
            "Sekretaris Dinas",
        ),
        (
            "Guru honorer di sekolah terpencil kurang",
            "Tenaga pendidik",
            "Memetakan kebutuhan guru sekolah terpencil",
            "Kepala Bidang GTK",
        ),
    ),
}
GROUPS = [g.value for g in ParticipantGroup]
PLACES = {
    "health": "Aula {name}",
    "civil": "Ruang Pertemuan {name}",
    "district": "Pendopo {name}",
    "education": "Aula {name}",
}


def _units(agency) -> list[tuple[Unit, str]]:
    units = Unit.objects.filter(agency=agency, is_active=True)
    chosen = [(u, "health") for u in units.filter(kind=UnitKind.PUSKESMAS).order_by("code")[:2]]
    chosen += [(u, "civil") for u in units.filter(code="DUKCAPIL")[:1]]
    chosen += [(u, "district") for u in units.filter(kind=UnitKind.KECAMATAN).order_by("code")[:1]]
    chosen += [(u, "education") for u in units.filter(code="DISDIK")[:1]]
    return chosen


def seed_forums(agency, *, seed: int, today: datetime.date) -> dict:
    rng = random.Random(f"{seed}-forums")
    chosen = _units(agency)
    if not chosen:
        return {}
    heads = {
        p.unit_id: p.pk
        for p in Position.objects.filter(unit__in=[u for u, _k in chosen], is_unit_head=True)
    }
    forums, rows = [], []
    for unit, kind in chosen:
        for year in (today.year - 1, today.year):
            for half in (0, 1):
                held = datetime.date(year, 3 + 6 * half, rng.randint(5, 25))
                if held > today - datetime.timedelta(days=10):
                    continue
                forums.append(
                    Forum(
                        agency=agency,
                        unit=unit,
                        title=f"Forum Konsultasi Publik {unit.short_name or unit.name} {year}"
                        + (" semester II" if half else ""),
                        held_on=held,
                        place=PLACES[kind].format(name=unit.short_name or unit.name),
                        kind=ForumKind.PUBLIC_CONSULTATION if half == 0 else ForumKind.DIALOGUE,
                        summary=(
                            "Forum membahas kualitas layanan bersama warga, tokoh masyarakat dan "
                            "perwakilan lembaga. Unit menyepakati perbaikan yang dipantau bersama."
                        ),
                        status=ForumStatus.PUBLISHED,
                        published_on=held + datetime.timedelta(days=rng.randint(1, 7)),
                    )
                )
                rows.append(kind)
    if not forums:
        return {}
    # The newest forum of the first unit waits as a draft.
    newest = max(
        range(len(forums)), key=lambda i: (forums[i].unit_id == chosen[0][0].pk, forums[i].held_on)
    )
    forums[newest].status, forums[newest].published_on = ForumStatus.DRAFT, None
    Forum.objects.bulk_create(forums)
    participants, topics, commitments = [], [], []
    for forum, kind in zip(forums, rows, strict=True):
        for group in rng.sample(GROUPS, rng.randint(3, 6)):
            count = rng.randint(15, 60) if group == "public" else rng.randint(1, 8)
            participants.append(ForumParticipants(forum=forum, group=group, count=count))
        picked = rng.sample(AGENDA[kind], min(3, len(AGENDA[kind])))
        for order, (topic, area, promise, office) in enumerate(picked):
            topics.append(ForumTopic(forum=forum, order=order, text=topic, area=area))
            due = forum.held_on + datetime.timedelta(days=rng.choice((30, 60, 90, 120)))
            commitment = Commitment(
                forum=forum,
                agency=agency,
                unit_id=forum.unit_id,
                order=order,
                text=promise,
                due_date=due,
            )
            if order == 0 and forum.unit_id in heads:
                commitment.owner_position_id = heads[forum.unit_id]
            else:
                commitment.owner_text = office
            _outcome(rng, commitment, forum, today)
            commitments.append(commitment)
    ForumParticipants.objects.bulk_create(participants)
    ForumTopic.objects.bulk_create(topics)
    Commitment.objects.bulk_create(commitments)
    notes = []
    for c in commitments:
        if c.status in (CommitmentStatus.IN_PROGRESS, CommitmentStatus.DONE):
            day = min(today, c.forum.held_on + datetime.timedelta(days=20))
            notes.append(CommitmentProgress(commitment=c, noted_on=day, text="Persiapan dimulai."))
    CommitmentProgress.objects.bulk_create(notes)
    return {
        "forums": len(forums),
        "commitments": len(commitments),
        "overdue": sum(
            1 for c in commitments if c.status in ("planned", "in_progress") and c.due_date < today
        ),
    }


def _outcome(rng, commitment: Commitment, forum: Forum, today: datetime.date) -> None:
    """Most done on time, some late, a few dropped, the rest open (some overdue now)."""
    if forum.status == ForumStatus.DRAFT:
        return
    due = commitment.due_date
    roll = rng.random()
    if roll < 0.62 and due - datetime.timedelta(days=5) <= today:
        day = due - datetime.timedelta(days=rng.randint(0, 20))
        commitment.status = CommitmentStatus.DONE
        commitment.done_on = min(max(day, forum.held_on), today)
    elif roll < 0.8 and due + datetime.timedelta(days=10) < today:
        day = due + datetime.timedelta(days=rng.randint(1, 40))
        commitment.status, commitment.done_on = CommitmentStatus.DONE, min(day, today)
    elif roll < 0.85:
        commitment.status = CommitmentStatus.DROPPED
        commitment.drop_reason = "Kewenangan berada pada instansi lain; usulan sudah diteruskan."
    else:
        commitment.status = CommitmentStatus.IN_PROGRESS if rng.random() < 0.6 else "planned"
