"""Continuous feedback of this year: the leaders' schedules (most on time, some behind),
incidental feedback from leaders and peers, anonymous peer feedback above and below the
threshold, and open requests. Bulk-inserted, deterministic from the seed."""

from __future__ import annotations

import datetime
import random
from collections import defaultdict

from kinerja.feedback.models import Feedback, FeedbackRequest, ScheduledFeedback
from kinerja.iku.models import Period
from kinerja.skp.models import Rhk, Skp, SkpStatus

TEXTS = (
    "Capaian periode ini sesuai target; bukti dukung lengkap. Pertahankan.",
    "Laporan sudah tepat waktu, tetapi data pendukung perlu dilengkapi.",
    "Koordinasi dengan unit lain berjalan baik; dokumentasikan hasil rapat.",
    "Realisasi masih di bawah target; mari susun langkah perbaikan bersama.",
    "Pelayanan kepada masyarakat ramah dan cepat, terima kasih.",
    "Perlu lebih proaktif menyampaikan kendala sejak awal.",
)
VALUES = ("berorientasi_pelayanan", "akuntabel", "kompeten", "kolaboratif", "adaptif")
BEHIND_SHARE = 0.3


def seed_feedback(agency, demo_logins, *, seed: int, today: datetime.date) -> dict:
    rng = random.Random(f"{seed}-feedback")
    year = today.year
    periods = list(
        Period.objects.filter(performance_year__agency=agency, performance_year__year=year)
        .exclude(kind="year")
        .order_by("start_date")
    )
    plans = list(
        Skp.objects.filter(agency=agency, year=year, is_latest=True, rater__isnull=False)
        .exclude(status__in=(SkpStatus.CLOSED, SkpStatus.SUPERSEDED))
        .order_by("employee_id", "pk")
        .values_list("pk", "employee_id", "rater_id")
    )
    if not periods or not plans:
        return {}
    keys = defaultdict(list)
    for skp_id, key in (
        Rhk.objects.filter(skp__agency=agency, skp__year=year, skp__is_latest=True)
        .order_by("skp_id", "order", "pk")
        .values_list("skp_id", "key")
    ):
        keys[skp_id].append(key)
    rhk_of = {employee: keys.get(skp_id, []) for skp_id, employee, _rater in plans}
    team = defaultdict(list)
    for _skp_id, employee, rater in plans:
        if employee not in team[rater]:
            team[rater].append(employee)
    login = {d.key: d.user.employee_id for d in demo_logins}
    atasan, pegawai = login.get("atasan"), login.get("pegawai")

    def period_of(day):
        return next((p for p in periods if p.start_date <= day <= p.end_date), None)

    def entry(employee, giver, relation, kind, day, **extra):
        rhks = rhk_of.get(employee) or [None]
        about = rng.random()
        return Feedback(
            agency=agency,
            employee_id=employee,
            giver_id=giver,
            relation=relation,
            kind=kind,
            channel=rng.choice(("direct", "indirect")),
            year=year,
            period=period_of(day),
            rhk_key=rng.choice(rhks) if about < 0.7 else None,
            core_value=rng.choice(VALUES) if about >= 0.7 else "",
            text=rng.choice(TEXTS),
            given_on=day,
            **extra,
        )

    slots, given, incidental = [], [], []
    behind_raters = set()
    past = [p for p in periods if p.end_date < today]
    for rater, members in sorted(team.items()):
        behind = rng.random() < BEHIND_SHARE
        for n, employee in enumerate(members):
            if rater == atasan:
                style = ("overdue", "none", "on_time")[n % 3]
            elif behind:
                style = rng.choice(("none", "overdue"))
            else:
                style = "on_time"
            if style != "on_time":
                behind_raters.add(rater)
            if style == "none":
                continue
            for period in periods:
                slot = ScheduledFeedback(
                    agency=agency,
                    employee_id=employee,
                    leader_id=rater,
                    year=year,
                    due_date=period.end_date,
                )
                if period in past and style == "on_time":
                    day = period.end_date - datetime.timedelta(days=rng.randint(0, 6))
                    slot.done_on = day
                    given.append((slot, entry(employee, rater, "leader", "scheduled", day)))
                slots.append(slot)
        for employee in members:
            if rng.random() < 0.35 or employee == pegawai:
                day = today - datetime.timedelta(days=rng.randint(1, 60))
                if day.year == year:
                    incidental.append(entry(employee, rater, "leader", "incidental", day))
            peers = [p for p in members if p != employee]
            if peers and rng.random() < 0.25:
                day = today - datetime.timedelta(days=rng.randint(1, 60))
                if day.year == year:
                    incidental.append(entry(employee, rng.choice(peers), "peer", "incidental", day))
    # Anonymous peer feedback this period: enough people for the demo employee, too few for
    # one colleague (held back until more give it).
    day = today - datetime.timedelta(days=1)
    if day.year == year:
        for employee, count in _anonymous_targets(team, pegawai):
            peers = [p for p in _team_of(team, employee) if p != employee][:count]
            for peer in peers:
                incidental.append(
                    entry(employee, peer, "peer", "incidental", day, is_anonymous=True)
                )
    Feedback.objects.bulk_create([f for _slot, f in given] + incidental, batch_size=1000)
    for slot, feedback in given:
        slot.feedback = feedback
    ScheduledFeedback.objects.bulk_create(slots, batch_size=1000)
    requests = []
    if pegawai and atasan:
        requests.append(
            FeedbackRequest(
                agency=agency,
                employee_id=pegawai,
                asked_id=atasan,
                year=year,
                core_value="kolaboratif",
                message="Mohon umpan balik atas kerja sama tim bulan ini.",
            )
        )
        nearby = _team_of(team, pegawai) + team.get(atasan, [])
        colleague = next((p for p in nearby if p not in (pegawai, atasan)), None)
        if colleague:
            requests.append(
                FeedbackRequest(
                    agency=agency,
                    employee_id=colleague,
                    asked_id=pegawai,
                    year=year,
                    message="Mohon masukan atas laporan yang saya susun.",
                )
            )
    FeedbackRequest.objects.bulk_create(requests)
    return {
        "scheduled_slots": len(slots),
        "scheduled_done": len(given),
        "incidental": len(incidental),
        "requests": len(requests),
        "leaders_behind": len(behind_raters),
    }


def _team_of(team, employee) -> list[int]:
    return next((members for members in team.values() if employee in members), [])


def _anonymous_targets(team, pegawai) -> list[tuple[int, int]]:
    """(employee, number of anonymous givers): 3 (shown) for the demo employee, or failing
    enough peers for somebody of the largest team; 2 (held back) for another colleague."""
    largest = [m for m in sorted(team.values(), key=len, reverse=True) if len(m) >= 4]
    if pegawai is not None and len(_team_of(team, pegawai)) >= 4:
        shown = pegawai
    else:
        shown = largest[0][0] if largest else None
    held = next((m[1] for m in largest if m[1] not in (shown, pegawai)), None)
    return [(e, n) for e, n in ((shown, 3), (held, 2)) if e is not None]
