"""Realisations, evidence and organisation predikat of the demo agency's indicators.

Part of `iku.seed_iku`: figures for every ended period, a sample of evidence files, and the
predikat decisions of the years that have capaian.
"""

from __future__ import annotations

import datetime
import random
import struct
import zlib
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from kinerja.demo.generator import iku_catalogue as cat
from kinerja.demo.generator.figures import BATCH, reported_periods, rounded
from kinerja.iku import files
from kinerja.iku.models import (
    DecisionStatus,
    Evidence,
    OrgPredikatChoice,
    OrgPredikatDecision,
    Realisation,
    RealisationStatus,
    RealisationVersion,
    RealisationVersionKind,
)

EVIDENCE_SAMPLE = 40  # files written one by one: a sample, whatever the size
_PREDIKAT_ORDER = [
    OrgPredikatChoice.SANGAT_KURANG,
    OrgPredikatChoice.KURANG,
    OrgPredikatChoice.BUTUH_PERBAIKAN,
    OrgPredikatChoice.BAIK,
    OrgPredikatChoice.ISTIMEWA,
]


# --- realisations ---------------------------------------------------------------------------------


def _at(day: datetime.date, rng: random.Random, now) -> datetime.datetime:
    moment = timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(8 + rng.randint(0, 8), rng.randint(0, 59)))
    )
    return min(moment, now)


def _value(spec: cat.IkuSpec, target, rng: random.Random, factor: float) -> Decimal:
    low, high = target
    noisy = factor * rng.gauss(1.0, 0.03)
    if spec.high is not None:
        width = float(high - low)
        value = rng.uniform(float(low) - 0.25 * width, float(high) + 0.15 * width)
    elif spec.polarity == "lower":
        value = float(low) / max(noisy, 0.5)
    else:
        value = float(low) * noisy
    if spec.unit == "%":
        value = min(value, 100.0)
    return rounded(value, spec.places)


def realisations(indicators: list, periods: dict, rng: random.Random, today) -> tuple:
    """Verified figures for every ended period; this year's last one is sometimes submitted,
    returned or missing. Each OPD has a performance level per year, so capaian vary."""
    now = timezone.now()
    current = max(periods)
    unit_factor: dict[tuple[str, int], float] = {}
    rows, versions = [], []
    for ind in indicators:
        top = ind.unit_node
        while top.parent is not None:
            top = top.parent
        for year, year_periods in periods.items():
            key = (top.code, year)
            if key not in unit_factor:
                unit_factor[key] = min(max(rng.gauss(1.0, 0.08), 0.75), 1.2)
            expected = [
                p for p in reported_periods(ind.spec.frequency, year_periods) if p.end_date < today
            ]
            targets = {
                p.pk: ind.targets[year] if p.is_annual else ind.period_targets[p.pk]
                for p in expected
            }
            for index, period in enumerate(expected):
                latest = year == current and index == len(expected) - 1
                draw = rng.random()
                if year == current and (draw < 0.03 or (latest and draw < 0.1)):
                    continue  # missing
                value = _value(ind.spec, targets[period.pk], rng, unit_factor[key])
                submitted = _at(period.end_date + datetime.timedelta(rng.randint(2, 16)), rng, now)
                row = Realisation(
                    indicator=ind.obj,
                    period=period,
                    value=value,
                    status=RealisationStatus.VERIFIED,
                    version=1,
                    first_submitted_at=submitted,
                    submitted_at=submitted,
                    verified_at=min(submitted + datetime.timedelta(days=rng.randint(1, 6)), now),
                )
                if latest and draw < 0.22:
                    row.status, row.version, row.verified_at = RealisationStatus.SUBMITTED, 0, None
                elif latest and draw < 0.3:
                    row.status, row.version, row.verified_at = RealisationStatus.RETURNED, 0, None
                    row.return_comment = rng.choice(cat.RETURN_COMMENTS)
                    row.returned_at = min(submitted + datetime.timedelta(days=2), now)
                rows.append(row)
    Realisation.objects.bulk_create(rows, batch_size=BATCH)
    for row in rows:
        if row.status == RealisationStatus.VERIFIED:
            versions.append(
                RealisationVersion(
                    realisation=row,
                    version=1,
                    kind=RealisationVersionKind.VERIFIED,
                    value=row.value,
                    recorded_at=row.verified_at,
                )
            )
    RealisationVersion.objects.bulk_create(versions, batch_size=BATCH)
    return len(rows), _evidence(rows, rng, current)


def tiny_pdf(title: str) -> bytes:
    """A valid one-page PDF with a line of text, built by hand (no PDF library needed)."""
    text = title.replace("\\", "").replace("(", "").replace(")", "")[:90]
    stream = f"BT /F1 11 Tf 40 780 Td ({text}) Tj ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def tiny_png(rgb: tuple[int, int, int], size: int = 8) -> bytes:
    """A valid single-colour PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes(rgb) * size
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * size))
        + chunk(b"IEND", b"")
    )


def _evidence(rows: list[Realisation], rng: random.Random, current: int) -> int:
    """Evidence files for a sample of this year's verified figures (storage is per file)."""
    candidates = [
        r for r in rows if r.status == RealisationStatus.VERIFIED and r.period.year == current
    ]
    sample = rng.sample(candidates, min(EVIDENCE_SAMPLE, len(candidates)))
    evidence = []
    for n, realisation in enumerate(sample):
        period = realisation.period
        if n % 3 == 2:
            name = f"foto-kegiatan-{period.end_date:%Y-%m}.png"
            content = ContentFile(tiny_png((rng.randint(0, 255), 120, 80)), name=name)
        else:
            name = f"laporan-{realisation.indicator.code.lower()}-{period.end_date:%Y-%m}.pdf"
            title = f"Laporan {realisation.indicator.name} {period.end_date:%m-%Y}"
            content = ContentFile(tiny_pdf(title), name=name)
        checked = files.check_evidence_file(content)
        stored = default_storage.save(f"evidence/{period.end_date:%Y/%m}/{name}", content)
        evidence.append(
            Evidence(
                realisation=realisation,
                file=stored,
                original_name=checked.original_name,
                content_type=checked.content_type,
                size=checked.size,
                sha256=checked.sha256,
            )
        )
    Evidence.objects.bulk_create(evidence, batch_size=BATCH)
    return len(evidence)


# --- organisation predikat ------------------------------------------------------------------------


def decide(agency, periods: dict, rng: random.Random, today) -> int:
    """The leaders decided the predikat of every period up to about a month ago: mostly
    confirming Kinerja's proposal, sometimes changing it with a reason. Recent ones, and years
    still partial, wait."""
    now = timezone.now()
    cutoff = today - datetime.timedelta(days=45)
    period_ids = {p.pk: p for year_periods in periods.values() for p in year_periods}
    decisions = list(
        OrgPredikatDecision.objects.filter(period_id__in=list(period_ids))
        .exclude(proposed="")
        .select_related("unit")
        # by code, not by path: a path is made of ids, whose text order differs from one
        # agency to the next, and the random draws follow this order
        .order_by("unit__code", "period_id")
    )
    decided = []
    for decision in decisions:
        period = period_ids[decision.period_id]
        if period.is_annual:
            issued = datetime.date(period.year + 1, 1, 10) + datetime.timedelta(rng.randint(0, 15))
        else:
            issued = period.end_date + datetime.timedelta(days=rng.randint(5, 20))
        if period.end_date > cutoff or issued > today or decision.is_partial:
            continue  # a year with unreported periods is never decided (services/results)
        predikat = decision.proposed
        if rng.random() < 0.05:
            rank = _PREDIKAT_ORDER.index(predikat) + rng.choice((-1, 1))
            predikat = _PREDIKAT_ORDER[min(max(rank, 0), len(_PREDIKAT_ORDER) - 1)]
        changed = predikat != decision.proposed
        decision.predikat = predikat
        decision.status = DecisionStatus.CHANGED if changed else DecisionStatus.CONFIRMED
        decision.reason = rng.choice(cat.CHANGE_REASONS) if changed else ""
        decision.decided_on = issued
        decision.decided_at = min(
            timezone.make_aware(datetime.datetime.combine(issued, datetime.time(10))), now
        )
        decision.decided_by_label = (
            agency.head_title if decision.unit.parent_id is None else "Kepala Perangkat Daerah"
        )
        decided.append(decision)
    # Deleting and re-inserting is much faster than a bulk update of many distinct values.
    OrgPredikatDecision.objects.filter(pk__in=[d.pk for d in decided]).delete()
    for decision in decided:
        decision.pk = None
    OrgPredikatDecision.objects.bulk_create(decided, batch_size=BATCH)
    return len(decided)
