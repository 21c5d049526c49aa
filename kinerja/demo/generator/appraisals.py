"""Demo evaluations: the last finished evaluation periods and last year's annual evaluation,
opened with the last quarter's ratings as its suggestion. Once the annual evaluation's window
has closed (the superior's deadline in the new year), it is complete like the older period.

The periods are opened by the service (the rater of record and the organisation predikat frozen
on each); the ratings are then written in bulk, deterministic from the seed, with a spread per
rater that follows the organisation predikat of the rater's unit (mostly inside the pattern of
SE MenPANRB 3/2023, a few teams outside it). The older period is finalised, most of it signed,
acknowledged and signed by the employee, a few taken over by the rater's superior; the newest
is still being rated. Some ratings were changed during calibration, each with its reason. A few
employees of the older period filed a keberatan: some confirmed, some changed with new
recommendations, one heard and waiting for the rater's superior.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from kinerja.accounts.models import User
from kinerja.appraisals import rules, services
from kinerja.appraisals.models import (
    HANDED_OVER,
    CalibrationChange,
    Evaluation,
    EvaluationStatus,
    Keberatan,
    KeberatanDecision,
    KeberatanStatus,
)
from kinerja.core import audit
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


def _rate(
    rng, evaluations: list[Evaluation], *, finished: bool, today, moment, signed_by=None
) -> list:
    """Rate the evaluations; finished ones are signed in the two weeks up to `signed_by` (20 to
    40 days ago when not given)."""
    changes = []
    for e in evaluations:
        if not finished and rng.random() < 0.45:
            continue  # still to be rated
        predikat = _pick(rng, e.org_predikat)
        hasil, perilaku = rng.choice(RATINGS[predikat])
        if e.is_head_of_organisation and e.suggested_hasil:
            hasil = e.suggested_hasil
        if e.suggested_hasil and e.suggested_perilaku:
            hasil, perilaku = e.suggested_hasil, e.suggested_perilaku  # the rater confirms
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
            if signed_by is None:
                e.signed_on = today - datetime.timedelta(days=rng.randint(20, 40))
            else:
                e.signed_on = signed_by - datetime.timedelta(days=rng.randint(0, 14))
        if roll < 0.7:
            e.status = EvaluationStatus.ACKNOWLEDGED
            e.acknowledged_on = e.signed_on + datetime.timedelta(days=rng.randint(1, 5))
        if roll < 0.55:
            e.status = EvaluationStatus.COMPLETED
            e.employee_signed_on = e.acknowledged_on + datetime.timedelta(days=rng.randint(0, 6))
    return changes


RATED_OR_LATER = [s for s in EvaluationStatus.values if s != EvaluationStatus.OPEN]
FINALISED_OR_LATER = [EvaluationStatus.FINALISED, *HANDED_OVER]
RECEIVED = (EvaluationStatus.ACKNOWLEDGED, EvaluationStatus.COMPLETED)
TRAIL_FIELDS = ["status", "hasil", "perilaku", "predikat"]
KEBERATAN_TRAIL_FIELDS = ["status", "decision", "old_predikat", "new_predikat"]
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
    "keberatan_decided",
]


KEBERATAN_REASONS = (
    "Bukti dukung capaian kegiatan lapangan belum dipertimbangkan dalam penilaian.",
    "Target triwulan berubah setelah refocusing anggaran; capaian saya sesuai target baru.",
    "Perilaku kerja dinilai dari satu kejadian saja, padahal umpan balik rekan kerja positif.",
)
EXPLANATION = "Penilaian mengacu pada realisasi dan umpan balik yang tercatat pada periode ini."
RECOMMENDATION = "Pertahankan capaian dan lengkapi bukti dukung setiap akhir bulan."
# The older period's keberatan: decision per case, None = heard, waiting for the superior.
KEBERATAN_CASES = ("confirm", "change", "confirm", "change", None)


def _keberatan(rng, evaluations: list[Evaluation], today: datetime.date, moment) -> list:
    """A few keberatan on received results that are not final, written as the past; the one
    waiting for the superior is the most recently received."""
    open_to_it = [
        e
        for e in evaluations
        if e.acknowledged_on is not None
        and e.rater_id is not None
        and e.rater_superior_id is not None
        and not e.is_final
    ]
    chosen = sorted(
        rng.sample(open_to_it, min(len(KEBERATAN_CASES), len(open_to_it))),
        key=lambda e: e.acknowledged_on,
    )
    rows = []
    for e, decision in zip(chosen, KEBERATAN_CASES[-len(chosen) :], strict=True):
        filed = min(rules.keberatan_filing_deadline(e.acknowledged_on), today)
        filed = min(filed, e.acknowledged_on + datetime.timedelta(days=rng.randint(1, 6)))
        k = Keberatan(
            evaluation=e,
            agency_id=e.agency_id,
            reasons=rng.choice(KEBERATAN_REASONS),
            filed_on=filed,
            filed_at=moment,
            status=KeberatanStatus.RATER_HEARD,
            rater_explanation=EXPLANATION,
            explained_on=min(filed + datetime.timedelta(days=1), today),
            old_hasil=e.hasil,
            old_perilaku=e.perilaku,
            old_predikat=e.predikat,
        )
        if decision is not None:
            k.status = KeberatanStatus.DECIDED
            k.decision = decision
            k.decided_on = min(rules.keberatan_decision_deadline(filed), today)
            k.decided_at = moment
            e.keberatan_decided = True
        if decision == KeberatanDecision.CHANGE:
            hasil = "sesuai" if e.hasil == "dibawah" else "diatas"
            k.new_hasil, k.new_perilaku = hasil, e.perilaku
            k.new_predikat = rules.predikat(hasil, e.perilaku).value
            k.recommendations = RECOMMENDATION
            e.hasil, e.predikat = hasil, k.new_predikat
        rows.append(k)
    return rows


# The steps an evaluation went through, by its status: the audit action of each and who took it.
STEPS = (
    ("appraisals.evaluation.rated", RATED_OR_LATER, "rater"),
    ("appraisals.evaluation.finalised", FINALISED_OR_LATER, "rater"),
    ("appraisals.evaluation.signed", HANDED_OVER, "rater"),
    ("appraisals.evaluation.acknowledged", RECEIVED, "employee"),
    ("appraisals.evaluation.employee_signed", (EvaluationStatus.COMPLETED,), "employee"),
)


def _trail(agency, evaluations, changes, objections) -> list:
    """The audit events of what the demo wrote in bulk, each by the person who would have
    taken the step (the rater's superior where the superior took over), so that every
    evaluation's history reads as the pages would have written it."""
    people = {e.employee_id for e in evaluations} | {e.rater_id for e in evaluations}
    people |= {e.rater_superior_id for e in evaluations}
    users = {
        u.employee_id: u
        for u in User.objects.filter(employee_id__in=people - {None}).only(
            "pk", "username", "full_name", "employee_id"
        )
    }

    def who(evaluation, role):
        if role == "employee":
            return users.get(evaluation.employee_id)
        if role == "superior" or evaluation.set_by_superior:
            return users.get(evaluation.rater_superior_id)
        return users.get(evaluation.rater_id)

    events = []
    for e in evaluations:
        for action, statuses, role in STEPS:
            if e.status in statuses:
                events.append(
                    audit.build_event(
                        actor=who(e, role),
                        action=action,
                        obj=e,
                        agency=agency,
                        after=audit.snapshot(e, TRAIL_FIELDS),
                    )
                )
    for change in changes:
        events.append(
            audit.build_event(
                actor=who(change.evaluation, "rater"),
                action="appraisals.evaluation.calibrated",
                obj=change.evaluation,
                agency=agency,
                before={"hasil": change.old_hasil, "perilaku": change.old_perilaku},
                after={"hasil": change.new_hasil, "perilaku": change.new_perilaku},
                reason=change.reason,
            )
        )
    for k in objections:
        steps = [
            ("appraisals.keberatan.filed", "employee"),
            ("appraisals.keberatan.rater_heard", "rater"),
        ]
        if k.status == KeberatanStatus.DECIDED:
            steps.append(("appraisals.keberatan.decided", "superior"))
        for action, role in steps:
            events.append(
                audit.build_event(
                    actor=who(k.evaluation, role),
                    action=action,
                    obj=k,
                    agency=agency,
                    after=audit.snapshot(k, KEBERATAN_TRAIL_FIELDS),
                )
            )
    return events


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
        objections = _keberatan(rng, evaluations, today, moment) if index == 0 else []
        Evaluation.objects.bulk_update(evaluations, RATED_FIELDS, batch_size=BATCH)
        CalibrationChange.objects.bulk_create(changes, batch_size=BATCH)
        Keberatan.objects.bulk_create(objections, batch_size=BATCH)
        audit.record_many(_trail(agency, evaluations, changes, objections))
        counts[period.label] = len(evaluations)
    if annual is not None:
        counts[annual.label] = services.evaluations_open(actor=None, period=annual)
        due = rules.deadlines(annual.end_date)
        if due.superior < today:
            # Last year's annual evaluation closed at the end of January: it is complete.
            evaluations = list(
                Evaluation.objects.filter(period=annual).order_by("rater_id", "employee_id")
            )
            changes = _rate(
                rng, evaluations, finished=True, today=today, moment=moment, signed_by=due.rater
            )
            Evaluation.objects.bulk_update(evaluations, RATED_FIELDS, batch_size=BATCH)
            CalibrationChange.objects.bulk_create(changes, batch_size=BATCH)
            audit.record_many(_trail(agency, evaluations, changes, []))
    return counts
