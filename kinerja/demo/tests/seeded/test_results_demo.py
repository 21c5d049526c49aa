"""The demo's realisations of individual results at the small size."""

from collections import Counter

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.demo.generator import results
from kinerja.demo.tests.seeded import TODAY
from kinerja.results import selectors
from kinerja.results.models import Evidence, Realisation, RealisationVersion


def test_a_full_year_and_this_years_ended_periods_are_realised(agency):
    months = Counter(
        Realisation.objects.filter(agency=agency).values_list("period__start_date__month", "year")
    )
    assert {m for m, y in months if y == 2025} == set(range(1, 13))
    assert {m for m, y in months if y == 2026} == {1, 2, 3, 4}


def test_last_year_is_verified_and_this_years_last_period_is_being_reported(agency):
    rows = Realisation.objects.filter(agency=agency)
    last_year = Counter(rows.filter(year=2025).values_list("status", flat=True))
    assert last_year["verified"] > 10 * last_year["returned"] > 0
    april = Counter(
        rows.filter(year=2026, period__start_date__month=4).values_list("status", flat=True)
    )
    assert {"draft", "submitted", "returned", "verified"} <= set(april)
    assert rows.filter(is_late=True).exists() and rows.filter(is_late=False).exists()
    assert not rows.filter(status="returned", return_comment="").exists()


def test_every_realisation_has_evidence_and_every_verified_one_its_versions(agency):
    rows = Realisation.objects.filter(agency=agency)
    assert Evidence.objects.filter(realisation__agency=agency).count() == rows.count()
    verified = rows.filter(status="verified")
    assert RealisationVersion.objects.filter(realisation__in=verified, version=1).count() == (
        verified.count()
    )
    assert RealisationVersion.objects.filter(realisation__agency=agency, kind="corrected").exists()


def test_realisations_match_an_indicator_of_the_plan_in_force(agency):
    sample = list(
        Realisation.objects.filter(agency=agency).select_related("period").order_by("pk")[:200]
    )
    selectors.with_plan_content(sample)
    assert all(r.indicator is not None for r in sample)
    assert not any(selectors.is_org_linked(r.indicator) for r in sample)


def test_the_shared_text_is_flagged_as_reused(agency):
    realisation = (
        Realisation.objects.filter(evidence__text=results.SHARED_TEXT).order_by("pk").first()
    )
    selectors.evidence_with_reuses([realisation])
    assert realisation.evidence_list[0].reuses


def test_seeding_the_realisations_writes_in_bulk(agency, db):
    Evidence.objects.filter(realisation__agency=agency).delete()
    RealisationVersion.objects.filter(realisation__agency=agency).delete()
    Realisation.objects.filter(agency=agency).delete()
    with CaptureQueriesContext(connection) as queries:
        counts = results.seed_results(agency, seed=2026, today=TODAY)
    assert counts["realisations"] == Realisation.objects.filter(agency=agency).count() > 1000
    # Written in batches, not a query per realisation or evidence file (about 200 in all).
    assert len(queries) < counts["realisations"] / 10


def test_a_few_employees_study_with_semesters_one_at_risk_one_waiting(agency, demo):
    from kinerja.accounts.viewer import build_viewer
    from kinerja.results.models import SemesterResult, StudyLeave
    from kinerja.results.selectors import study

    leaves = list(StudyLeave.objects.filter(agency=agency))
    assert len(leaves) == 3
    statuses = Counter(
        SemesterResult.objects.filter(agency=agency).values_list("status", flat=True)
    )
    assert statuses == {"verified": 4, "submitted": 1, "returned": 1}
    at_risk = [
        leave
        for leave in leaves
        for period in [leave.semesters.order_by("semester").last().period]
        if study.study_block(
            build_viewer(demo.logins[0].user, today=TODAY), leave.employee, period, has_plan=True
        ).at_risk
    ]
    assert len(at_risk) == 1
    atasan = next(d.user for d in demo.logins if d.key == "atasan")
    waiting = study.semesters_to_verify(build_viewer(atasan, today=TODAY))
    assert [s.status for s in waiting] == ["submitted"]
    since = min(leave.start_date for leave in leaves)
    assert not Realisation.objects.filter(
        employee__in=[leave.employee_id for leave in leaves], period__end_date__gte=since
    ).exists()
