"""Demo realisations of individual results: last year in full and this year's ended periods.

Every set plan's indicators get a realisation per evaluation period of this year that has
ended (last year's in full for the demo logins, their teams and a sample), with its
evidence (a text or a link, some the same text reused for another period to show the flags).
Last year's are verified, a few after a correction; this year's last period is still being
reported: drafts, submitted, returned with a comment; about one in ten was handed in late.
Results of a JPT linked to an organisation indicator are not typed: they read the IKU. Rows are
bulk-inserted, deterministic from the seed.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from kinerja.demo.generator.figures import BATCH
from kinerja.iku.models import Period
from kinerja.iku.selectors import WorkingCalendar, realisation_due_date
from kinerja.results import rules
from kinerja.results.models import (
    Evidence,
    EvidenceKind,
    Realisation,
    RealisationStatus,
    RealisationVersion,
    RealisationVersionKind,
)
from kinerja.results.selectors import plan_versions
from kinerja.skp.models import PlanExemption, RhkIndicator, Skp
from kinerja.skp.rules import FORM_JPT

RETURN_COMMENTS = (
    "Bukti dukung belum menunjukkan hasil, baru daftar hadir kegiatan.",
    "Angka realisasi tidak sesuai dengan laporan bulanan.",
    "Lampirkan dokumen hasil yang sudah ditandatangani.",
)
EVIDENCE_TEXTS = (
    "Laporan hasil {period} telah disusun dan disampaikan kepada atasan.",
    "Rekapitulasi capaian {period} terlampir pada sistem arsip unit.",
    "Berita acara penyelesaian pekerjaan {period}.",
)
LAST_YEAR_SAMPLE = 0.15
SHARED_TEXT = "Laporan kegiatan rutin bulanan."  # reused across periods: flagged to the rater


def seed_results(agency, *, seed: int, today: datetime.date) -> dict:
    rng = random.Random(f"{seed}-results")
    years = (today.year - 1, today.year)
    periods = [
        p
        for p in Period.objects.filter(
            performance_year__agency=agency, performance_year__year__in=years
        )
        .exclude(kind="year")
        .select_related("performance_year")
        .order_by("start_date")
        if p.end_date < today
    ]
    if not periods:
        return {"realisations": 0}
    calendar = WorkingCalendar(
        agency.pk, periods[0].end_date, periods[-1].end_date + datetime.timedelta(days=90)
    )
    due = {p.pk: realisation_due_date(p, calendar) for p in periods}
    employee_ids = list(
        Skp.objects.filter(agency=agency, year__in=years, set_at__isnull=False)
        .values_list("employee_id", flat=True)
        .distinct()
    )
    versions = plan_versions(employee_ids, years)
    by_employee: dict[int, list] = {}
    for version in versions:
        by_employee.setdefault(version.employee_id, []).append(version)
    exempt = {
        (e.employee_id, p.pk)
        for e in PlanExemption.objects.filter(agency=agency)
        for p in periods
        if e.start_date <= p.start_date and (e.end_date is None or e.end_date >= p.end_date)
    }
    # Last year in full for the people who log in to the demo and their teams, and a sample of
    # the others (enough for the agency's pages, quick to seed); this year for everyone.
    with_last_year = _last_year_people(agency, rng, sorted(by_employee))
    chosen = {}
    for employee_id, rows in by_employee.items():
        for period in periods:
            if (employee_id, period.pk) in exempt:
                continue
            if period.start_date.year < today.year and employee_id not in with_last_year:
                continue
            found = rules.plan_in_force(
                [v for v in rows if v.year == period.start_date.year],
                period.start_date,
                period.end_date,
            )
            if found is not None:
                chosen[(employee_id, period.pk)] = found.pk
    plans = {
        p["pk"]: p
        for p in Skp.objects.filter(pk__in=set(chosen.values())).values(
            "pk", "unit_id", "rater_id", "form"
        )
    }
    indicators: dict[int, list] = {}
    for row in (
        RhkIndicator.objects.filter(rhk__skp_id__in=plans)
        .values("key", "rhk__key", "rhk__skp_id", "rhk__iku_indicator_id", "target_value")
        .order_by("rhk__skp_id", "rhk_id", "order", "pk")
    ):
        plan = plans[row["rhk__skp_id"]]
        if plan["form"] == FORM_JPT and row["rhk__iku_indicator_id"]:
            continue
        indicators.setdefault(row["rhk__skp_id"], []).append(row)

    last_period = periods[-1]
    realisations, extras = [], []
    for (employee_id, period_id), plan_id in sorted(chosen.items()):
        period = next(p for p in periods if p.pk == period_id)
        plan = plans[plan_id]
        for row in indicators.get(plan_id, []):
            realisation, extra = _realisation(
                rng, agency, employee_id, period, plan, row, due[period_id], today, last_period
            )
            realisations.append(realisation)
            extras.append(extra)
    Realisation.objects.bulk_create(realisations, batch_size=BATCH)
    evidence, history = [], []
    for realisation, extra in zip(realisations, extras, strict=True):
        text = extra["evidence"]
        if text.startswith("https://"):
            evidence.append(
                Evidence(
                    realisation=realisation,
                    kind=EvidenceKind.LINK,
                    url=text,
                    sha256=rules.link_digest(text),
                )
            )
        else:
            evidence.append(
                Evidence(
                    realisation=realisation,
                    kind=EvidenceKind.TEXT,
                    text=text,
                    sha256=rules.text_digest(text),
                )
            )
        if realisation.status == RealisationStatus.VERIFIED:
            history.append(
                RealisationVersion(
                    realisation=realisation,
                    version=1,
                    kind=RealisationVersionKind.VERIFIED,
                    value=extra.get("first_value", realisation.value),
                    text=realisation.text,
                    recorded_at=realisation.verified_at,
                )
            )
            if realisation.version == 2:
                history.append(
                    RealisationVersion(
                        realisation=realisation,
                        version=2,
                        kind=RealisationVersionKind.CORRECTED,
                        value=realisation.value,
                        text=realisation.text,
                        reason="Salah ketik angka realisasi; dikoreksi sesuai laporan.",
                        recorded_at=realisation.verified_at + datetime.timedelta(days=5),
                    )
                )
    Evidence.objects.bulk_create(evidence, batch_size=BATCH)
    RealisationVersion.objects.bulk_create(history, batch_size=BATCH)
    statuses: dict[str, int] = {}
    for r in realisations:
        statuses[r.status] = statuses.get(r.status, 0) + 1
    return {
        "realisations": len(realisations),
        "late": sum(1 for r in realisations if r.is_late),
        "evidence": len(evidence),
        **statuses,
    }


def _last_year_people(agency, rng, employee_ids) -> set[int]:
    from kinerja.accounts.models import User

    logins = set(
        User.objects.filter(agency=agency, employee__isnull=False).values_list(
            "employee_id", flat=True
        )
    )
    teams = set(
        Skp.objects.filter(agency=agency, rater_id__in=logins).values_list("employee_id", flat=True)
    )
    sample = {e for e in employee_ids if rng.random() < LAST_YEAR_SAMPLE}
    return logins | teams | sample


def _moment(day: datetime.date, hour: int, now: datetime.datetime) -> datetime.datetime:
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
    return min(moment, now)


def _realisation(rng, agency, employee_id, period, plan, row, due_day, today, last_period):
    now = timezone.now()
    target = row["target_value"]
    share = Decimal(rng.choice((70, 85, 95, 100, 100, 105, 110))) / 100
    value = (target * share).quantize(Decimal("0.01")) if target is not None else None
    text = "" if value is not None else "Dokumen hasil telah selesai dan disampaikan."
    current = period.pk == last_period.pk
    roll = rng.random()
    if current:
        status = (
            RealisationStatus.DRAFT
            if roll < 0.2
            else RealisationStatus.SUBMITTED
            if roll < 0.55
            else RealisationStatus.RETURNED
            if roll < 0.65
            else RealisationStatus.VERIFIED
        )
    else:
        status = RealisationStatus.RETURNED if roll < 0.02 else RealisationStatus.VERIFIED
    late = rng.random() < 0.1
    offset = rng.randint(1, 12)
    submitted_day = (
        due_day + datetime.timedelta(days=offset)
        if late
        else due_day - (datetime.timedelta(days=rng.randint(0, 8)))
    )
    submitted_day = max(submitted_day, period.end_date)
    submitted_day = min(submitted_day, today)
    realisation = Realisation(
        agency=agency,
        employee_id=employee_id,
        year=period.start_date.year,
        rhk_key=row["rhk__key"],
        indicator_key=row["key"],
        period=period,
        unit_id=plan["unit_id"],
        rater_id=plan["rater_id"],
        value=value,
        text=text,
        status=status,
        due_date=due_day,
    )
    extra = {}
    if status != RealisationStatus.DRAFT:
        realisation.first_submitted_at = realisation.submitted_at = _moment(
            submitted_day, 9 + rng.randint(0, 6), now
        )
        realisation.is_late = rules.is_late(submitted_day, due_day)
    if status == RealisationStatus.RETURNED:
        realisation.return_comment = rng.choice(RETURN_COMMENTS)
        realisation.returned_at = _moment(
            min(submitted_day + datetime.timedelta(days=2), today), 14, now
        )
    if status == RealisationStatus.VERIFIED:
        realisation.verified_at = _moment(
            min(submitted_day + datetime.timedelta(days=3), today), 10, now
        )
        realisation.version = 1
        if value is not None and rng.random() < 0.03:
            extra["first_value"] = value
            realisation.value = value + 1
            realisation.version = 2
    choice = rng.random()
    if choice < 0.1:
        extra["evidence"] = SHARED_TEXT
    elif choice < 0.3:
        extra["evidence"] = f"https://arsip.{agency.code}.go.id/hasil/{employee_id}/{period.pk}"
    else:
        extra["evidence"] = rng.choice(EVIDENCE_TEXTS).format(period=period.label)
    return realisation, extra
