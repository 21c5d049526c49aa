"""Demo study leave (tugas belajar): three people (the atasan login's team first) study since
two years ago and report their semesters in last year's evaluation periods (domain.md 1.8).

One is on track with a semester waiting for the rater, one is at risk (an IPK below the Kurang
bound and credits failed, its last semester returned with a comment), one studies abroad with a
corrected semester. Everything goes through the services; their work realisations of the
periods the leave covers are removed, since an employee on study leave reports academic
results instead.
"""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q

from kinerja.iku.models import Period
from kinerja.results import services
from kinerja.results.models import Evidence, Realisation, RealisationVersion
from kinerja.results.selectors import plan_in_force_id
from kinerja.skp.models import Skp

TRANSCRIPT = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PEOPLE = (
    {
        "institution": "Universitas Gadjah Mada",
        "programme": "Magister Administrasi Publik",
        "level": "postgraduate",
        "accreditation": "A",
        "total_semesters": 4,
        "semesters": [("3.62", 20, 20, "verified"), ("3.45", 18, 18, "submitted")],
    },
    {
        "institution": "Universitas Terbuka",
        "programme": "S-1 Ilmu Administrasi Negara",
        "level": "s1",
        "accreditation": "B",
        "total_semesters": 8,
        "semesters": [("2.60", 20, 16, "verified"), ("2.70", 20, 18, "returned")],
    },
    {
        "institution": "Monash University",
        "programme": "Master of Public Policy",
        "level": "postgraduate",
        "accreditation": "abroad",
        "total_semesters": 4,
        "semesters": [("3.80", 24, 24, "corrected"), ("3.75", 24, 24, "verified")],
    },
)


def _period_of(agency, day: datetime.date) -> Period | None:
    return (
        Period.objects.filter(
            performance_year__agency=agency, start_date__lte=day, end_date__gte=day
        )
        .exclude(kind="year")
        .select_related("performance_year")
        .first()
    )


def seed_study(agency, demo_logins, *, seed: int, today: datetime.date) -> dict:
    last_year = today.year - 1
    periods = [
        _period_of(agency, datetime.date(last_year, 2, 10)),
        _period_of(agency, datetime.date(last_year, 8, 10)),
    ]
    if any(p is None or p.start_date > today for p in periods):
        return {}
    rater = next((d.user.employee for d in demo_logins if d.key == "atasan"), None)
    if rater is None:
        return {}
    # The atasan login's team first (the semester waiting for verification is theirs), then
    # others of the agency.
    candidates = (
        Skp.objects.filter(agency=agency, year=last_year, set_at__isnull=False)
        .exclude(employee__user__isnull=False)
        .exclude(employee_id=rater.pk)
        .values_list("employee_id", "rater_id")
        .order_by("employee_id")
    )
    ordered = sorted(set(candidates), key=lambda pair: (pair[1] != rater.pk, pair[0]))
    chosen: list[int] = []
    for employee_id, _rater_id in ordered:
        if employee_id in chosen:
            continue
        if all(plan_in_force_id(employee_id, p) is not None for p in periods):
            chosen.append(employee_id)
        if len(chosen) == len(PEOPLE):
            break
    start = datetime.date(today.year - 2, 8, 1)
    counts = {"study_leaves": 0, "semesters": 0}
    for employee_id, person in zip(chosen, PEOPLE, strict=False):
        _clear_realisations(employee_id, start)
        employee = Skp.objects.filter(employee_id=employee_id).first().employee
        details = {k: v for k, v in person.items() if k != "semesters"}
        services.study_leave_record(
            actor=None,
            employee=employee,
            start_date=start,
            decree_number=f"800/{seed % 1000:03d}/TB/{today.year - 2}",
            **details,
        )
        counts["study_leaves"] += 1
        for number, (period, (ipk, taken, passed, state)) in enumerate(
            zip(periods, person["semesters"], strict=True), start=2
        ):
            result = services.semester_save(
                actor=None,
                employee=employee,
                period=period,
                semester=number,
                ipk=ipk,
                sks_taken=taken,
                sks_passed=passed,
                institution_feedback="Mahasiswa aktif dan tepat waktu menyelesaikan tugas.",
                evidence_file=SimpleUploadedFile(
                    f"transkrip-semester-{number}.pdf", TRANSCRIPT, "application/pdf"
                ),
                submit=state != "draft",
            )
            if state in ("verified", "corrected"):
                result = services.semester_verify(actor=None, result=result)
            if state == "returned":
                services.semester_return(
                    actor=None,
                    result=result,
                    comment="Transkrip belum dilegalisir oleh perguruan tinggi.",
                )
            if state == "corrected":
                services.semester_correct(
                    actor=None,
                    result=result,
                    reason="IPK dikoreksi sesuai transkrip resmi.",
                    ipk=ipk,
                    sks_taken=taken,
                    sks_passed=passed - 1,
                )
            counts["semesters"] += 1
    return counts


def _clear_realisations(employee_id: int, since: datetime.date) -> None:
    """An employee on study leave reports no work results for the periods the leave covers."""
    covered = Realisation.objects.filter(
        Q(period__end_date__gte=since), employee_id=employee_id
    ).values("pk")
    RealisationVersion.objects.filter(realisation__in=covered).delete()
    Evidence.objects.filter(realisation__in=covered).delete()
    Realisation.objects.filter(pk__in=covered).delete()
