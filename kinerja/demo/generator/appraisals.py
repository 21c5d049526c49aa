"""Demo evaluations: the last finished evaluation periods and, once December is over, the
annual evaluation pre-filled from the last quarter.

The periods are opened by the service (the rater of record and the organisation predikat frozen
on each); the ratings are then written in bulk, deterministic from the seed, with a spread per
rater that follows the organisation predikat of the rater's unit (mostly inside the pattern of
SE MenPANRB 3/2023, a few teams outside it). The older period is finalised, most of it signed,
acknowledged and signed by the employee, a few taken over by the rater's superior; the newest
is still being rated. Some ratings were changed during calibration, each with its reason.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from kinerja.appraisals import rules, services
from kinerja.appraisals.models import CalibrationChange, Evaluation, EvaluationStatus
from kinerja.demo.generator.figures import BATCH
from kinerja.iku.models import Period

# Shares of each predikat in a team, by the organisation predikat of the rater's unit.
SPREAD = {
    "istimewa": {"sangat_baik": 60, "baik": 35, "butuh_perbaikan": 5},
    "baik": {"sangat_baik": 12, "baik": 66, "butuh_perbaikan": 17, "kurang": 5},
    "butuh_perbaikan": {"sangat_baik": 5, "baik": 25, "butuh_perbaikan": 65, "kurang": 5},
    "kurang": {"baik": 15, "butuh_perbaikan": 20, "kurang": 60, "sangat_kurang": 5},
    "sangat_kurang": {"baik": 10, "butuh_perbaikan": 10, "kurang": 15, "sangat_kurang": 65},
}
RATINGS = {
    "sangat_baik": [("diatas", "diatas")],
    "baik": [("sesuai", "sesuai"), ("diatas", "sesuai"), ("sesuai", "diatas")],
    "butuh_perbaikan": [("dibawah", "sesuai"), ("dibawah", "diatas")],
    "kurang": [("sesuai", "dibawah")],
    "sangat_kurang": [("dibawah", "dibawah")],
}
HASIL_TEXT = {
    "diatas": "Seluruh hasil kerja melampaui target dengan bukti dukung lengkap; umpan balik "
    "pimpinan sangat positif.",
    "sesuai": "Sebagian besar hasil kerja sesuai target dan bukti dukung; umpan balik positif.",
    "dibawah": "Sebagian besar hasil kerja belum mencapai target periode ini.",
}
PERILAKU_TEXT = {
    "diatas": "Konsisten menerapkan nilai BerAKHLAK dan menjadi teladan bagi rekan kerja.",
    "sesuai": "Konsisten menerapkan nilai BerAKHLAK dalam pelaksanaan tugas.",
    "dibawah": "Belum konsisten hadir tepat waktu dan menyelesaikan tugas bersama tim.",
}
REASONS = (
    "Setelah membandingkan kontribusi anggota tim pada matriks peran hasil.",
    "Bukti dukung tambahan menunjukkan hasil utama tercapai.",
    "Disesuaikan dengan pola distribusi unit setelah diskusi dengan atasan.",
)


def _last_finished(agency, today: datetime.date) -> tuple[list[Period], Period | None]:
    periods = list(
        Period.objects.filter(performance_year__agency=agency, end_date__lt=today)
        .select_related("performance_year")
        .order_by("-end_date", "kind")
    )
    periodic = [p for p in periods if not p.is_annual][:2]
    annual = next((p for p in periods if p.is_annual and p.end_date.year == today.year - 1), None)
    return list(reversed(periodic)), annual


def _pick(rng: random.Random, org_predikat: str) -> str:
    spread = SPREAD.get(org_predikat or "baik", SPREAD["baik"])
    return rng.choices(list(spread), weights=list(spread.values()))[0]


def _rate(rng, evaluations: list[Evaluation], *, finished: bool, today, moment) -> list:
    changes = []
    for e in evaluations:
        if not finished and rng.random() < 0.45:
            continue  # still to be rated
        predikat = _pick(rng, e.org_predikat)
        hasil, perilaku = rng.choice(RATINGS[predikat])
        if e.is_head_of_organisation and e.suggested_hasil:
            hasil = e.suggested_hasil
        e.hasil, e.perilaku = hasil, perilaku
        e.predikat = rules.predikat(hasil, perilaku).value
        e.hasil_justification = HASIL_TEXT[hasil]
        e.perilaku_justification = PERILAKU_TEXT[perilaku]
        e.status = EvaluationStatus.RATED
        e.rated_at = moment
        if rng.random() < 0.06 and e.hasil != "dibawah":
            old = ("dibawah", perilaku)
            changes.append(
                CalibrationChange(
                    evaluation=e,
                    old_hasil=old[0],
                    old_perilaku=old[1],
                    old_predikat=rules.predikat(*old).value,
                    new_hasil=hasil,
                    new_perilaku=perilaku,
                    new_predikat=e.predikat,
                    warnings=["baik_at_most_70"],
                    after_warning=True,
                    reason=rng.choice(REASONS),
                    changed_at=moment,
                )
            )
        if not finished:
            if rng.random() < 0.3:
                e.status = EvaluationStatus.FINALISED
                e.finalised_at = moment
            continue
        e.status = EvaluationStatus.FINALISED
        e.finalised_at = moment
        e.set_by_superior = rng.random() < 0.04
        roll = rng.random()
        if roll < 0.85:
            e.status = EvaluationStatus.SIGNED
            e.signed_on = today - datetime.timedelta(days=rng.randint(20, 40))
        if roll < 0.7:
            e.status = EvaluationStatus.ACKNOWLEDGED
            e.acknowledged_on = e.signed_on + datetime.timedelta(days=rng.randint(1, 5))
        if roll < 0.55:
            e.status = EvaluationStatus.COMPLETED
            e.employee_signed_on = e.acknowledged_on + datetime.timedelta(days=rng.randint(0, 6))
    return changes


RATED_FIELDS = [
    "hasil",
    "perilaku",
    "predikat",
    "hasil_justification",
    "perilaku_justification",
    "status",
    "rated_at",
    "finalised_at",
    "set_by_superior",
    "signed_on",
    "acknowledged_on",
    "employee_signed_on",
]


def seed_appraisals(agency, *, seed: int, today: datetime.date) -> dict:
    rng = random.Random(f"{seed}-appraisals")
    periodic, annual = _last_finished(agency, today)
    moment = timezone.now()
    counts = {}
    for index, period in enumerate(periodic):
        # Opened as the system: the demo writes the past, whatever the evaluation window.
        services.evaluations_open(actor=None, period=period)
        evaluations = list(
            Evaluation.objects.filter(period=period).order_by("rater_id", "employee_id")
        )
        finished = index < len(periodic) - 1 or annual is not None
        changes = _rate(rng, evaluations, finished=finished, today=today, moment=moment)
        Evaluation.objects.bulk_update(evaluations, RATED_FIELDS, batch_size=BATCH)
        CalibrationChange.objects.bulk_create(changes, batch_size=BATCH)
        counts[period.label] = len(evaluations)
    if annual is not None:
        counts[annual.label] = services.evaluations_open(actor=None, period=annual)
    return counts
