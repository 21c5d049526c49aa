"""The public satisfaction survey of the demo's service units: each unit's services by its kind
(a Puskesmas' registration, general clinic, dental clinic and pharmacy; a school's enrolment; a
kelurahan's letters), one or two survey points, the service users of each quarter, and two years
of answers. Units differ: a general level of satisfaction of their own, two weaker elements of
their own, and an improving trend at about a third of them. Bulk-inserted, deterministic from
the seed, and small enough to keep the demo quick (a sample of about the regulation's minimum
for modest service-user numbers, fewer at some units so that the shortfall warning shows)."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from kinerja.org.models import Unit, UnitKind
from kinerja.surveys import rules
from kinerja.surveys.models import (
    AgeBand,
    Channel,
    Education,
    Occupation,
    PeriodKind,
    Response,
    Service,
    ServiceUsers,
    Sex,
    SurveyPoint,
)

SERVICES = {
    UnitKind.PUSKESMAS: ("Pendaftaran", "Poli Umum", "Poli Gigi", "Farmasi"),
    UnitKind.RUMAH_SAKIT: ("Pendaftaran", "Rawat Jalan", "Instalasi Gawat Darurat", "Farmasi"),
    UnitKind.SEKOLAH: ("Penerimaan Peserta Didik Baru", "Legalisir Ijazah", "Surat Keterangan"),
    UnitKind.KELURAHAN: (
        "Surat Pengantar KTP-el",
        "Surat Pengantar Kartu Keluarga",
        "Surat Keterangan Usaha",
        "Surat Keterangan Domisili",
    ),
    UnitKind.UPT: ("Pelayanan Teknis", "Informasi dan Pengaduan"),
    UnitKind.LOKET: ("Perizinan", "Informasi"),
}
SUGGESTIONS = (
    "Ruang tunggu mohon ditambah kursi dan kipas angin.",
    "Petugas ramah, tetapi antrean pagi terlalu panjang.",
    "Mohon informasi persyaratan ditempel di depan loket.",
    "Pelayanan sudah cepat, terima kasih.",
    "Toilet perlu lebih sering dibersihkan.",
    "Kotak saran sebaiknya ada di setiap loket.",
)
QUARTERS = 8  # two years
SUGGESTION_SHARE = 0.06
WEIGHTED_AGES = (AgeBand.values, (4, 22, 27, 22, 15, 10))
WEIGHTED_EDUCATION = (Education.values, (15, 20, 38, 9, 15, 3))
WEIGHTED_OCCUPATION = (Occupation.values, (10, 3, 20, 22, 12, 14, 15, 4))


def _quarters(today: datetime.date) -> list[tuple[int, int, datetime.date, datetime.date]]:
    """The last QUARTERS whole or running quarters up to today: (year, number, start, end)."""
    year, number = today.year, (today.month - 1) // 3 + 1
    found = []
    for _ in range(QUARTERS):
        start = datetime.date(year, 3 * number - 2, 1)
        following = datetime.date(year + (number == 4), (3 * number) % 12 + 1, 1)
        end = min(following - datetime.timedelta(days=1), today)
        found.append((year, number, start, end))
        year, number = (year, number - 1) if number > 1 else (year - 1, 4)
    return list(reversed(found))


def _score(rng: random.Random, mean: float) -> int:
    return max(1, min(4, round(rng.gauss(mean, 0.55))))


def seed_surveys(agency, *, seed: int, today: datetime.date) -> dict:
    rng = random.Random(f"{seed}-surveys")
    units = list(
        Unit.objects.filter(agency=agency, is_service_unit=True, is_active=True).order_by("path")
    )
    if not units:
        return {}
    services = [
        Service(unit=unit, name=name)
        for unit in units
        for name in SERVICES.get(unit.kind, SERVICES[UnitKind.UPT])
    ]
    Service.objects.bulk_create(services, batch_size=1000)
    services_of: dict[int, list[Service]] = {}
    for service in Service.objects.filter(unit__in=units).order_by("unit_id", "pk"):
        services_of.setdefault(service.unit_id, []).append(service)
    points = []
    for unit in units:
        points.append(SurveyPoint(unit=unit, name="Loket Utama"))
        if unit.kind in (UnitKind.PUSKESMAS, UnitKind.RUMAH_SAKIT):
            farmasi = services_of[unit.pk][-1]
            points.append(SurveyPoint(unit=unit, name=f"Loket {farmasi.name}", service=farmasi))
    SurveyPoint.objects.bulk_create(points, batch_size=1000)
    points_of: dict[int, list[SurveyPoint]] = {}
    for point in SurveyPoint.objects.filter(unit__in=units).order_by("unit_id", "pk"):
        points_of.setdefault(point.unit_id, []).append(point)

    quarters = _quarters(today)
    users, responses = [], []
    tz = timezone.get_current_timezone()
    for unit in units:
        level = rng.uniform(2.7, 3.45)
        weak = set(rng.sample(range(len(rules.ELEMENTS)), 2))
        improving = rng.random() < 0.35
        reach = rng.choice((0.6, 0.9, 1.0, 1.05))  # the share of the minimum sample reached
        for position, (year, number, start, end) in enumerate(quarters):
            served = rng.randint(25, 90)
            users.append(
                ServiceUsers(
                    unit=unit, year=year, kind=PeriodKind.QUARTER, number=number, users=served
                )
            )
            trend = 0.06 * position if improving else 0.0
            count = max(3, round(rules.sample_size(served) * reach * rng.uniform(0.9, 1.1)))
            days = (end - start).days + 1
            for _ in range(count):
                day = start + datetime.timedelta(days=rng.randrange(days))
                point = rng.choice(points_of[unit.pk])
                service = point.service or rng.choice(services_of[unit.pk])
                scores = {
                    element: _score(
                        rng,
                        level + trend - (0.55 if index in weak else 0.0) + rng.uniform(-0.1, 0.1),
                    )
                    for index, element in enumerate(rules.ELEMENTS)
                }
                moment = datetime.datetime.combine(
                    day, datetime.time(rng.randint(7, 14), rng.randrange(60))
                ).replace(tzinfo=tz)
                responses.append(
                    Response(
                        agency_id=agency.pk,
                        unit_id=unit.pk,
                        service=service,
                        point=point,
                        channel=Channel.KIOSK if rng.random() < 0.2 else Channel.QR,
                        submitted_at=moment,
                        day=day,
                        age_band=rng.choices(*WEIGHTED_AGES)[0],
                        sex=rng.choice(Sex.values),
                        education=rng.choices(*WEIGHTED_EDUCATION)[0],
                        occupation=rng.choices(*WEIGHTED_OCCUPATION)[0],
                        suggestion=rng.choice(SUGGESTIONS)
                        if rng.random() < SUGGESTION_SHARE
                        else "",
                        **scores,
                    )
                )
    ServiceUsers.objects.bulk_create(users, batch_size=1000)
    Response.objects.bulk_create(responses, batch_size=2000)
    return {
        "service_units": len(units),
        "services": len(services),
        "points": len(points),
        "responses": len(responses),
    }
