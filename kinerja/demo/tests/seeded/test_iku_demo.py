"""The demo's organisation performance at the small size: tree, IKU, PK, realisations, results."""

import datetime

import pytest
from django.core.files.base import ContentFile

from kinerja.accounts.models import User
from kinerja.accounts.viewer import build_viewer
from kinerja.core.models import AuditEvent
from kinerja.demo import generator
from kinerja.demo.generator.iku_results import tiny_pdf, tiny_png
from kinerja.demo.tests.seeded import TODAY
from kinerja.iku import files, selectors
from kinerja.iku.models import (
    AgreementStatus,
    AnnualTarget,
    DecisionStatus,
    Evidence,
    Goal,
    GoalLevel,
    Indicator,
    IndicatorResult,
    NonWorkingDay,
    OrgPredikatDecision,
    PerformanceAgreement,
    PerformanceYear,
    PeriodTarget,
    Realisation,
    RealisationStatus,
    UnitResult,
)
from kinerja.iku.services import results as results_services

YEARS = [2022, 2023, 2024, 2025, 2026]
LISTED_OPDS = ["DINKES", "DUKCAPIL", "PUPR", "DISHUB", "DISDIK", "INSP", "BKPSDM", "BAPPEDA"]


def test_five_monthly_performance_years_up_to_the_current_one(agency):
    years = PerformanceYear.objects.filter(agency=agency).order_by("year")
    assert [py.year for py in years] == YEARS
    assert {py.evaluation_period for py in years} == {"monthly"}
    for py in years:
        assert py.periods.count() == 13


def test_the_holiday_calendar_holds_this_years_national_holidays(agency):
    days = NonWorkingDay.objects.filter(agency=agency, date__year=2026)
    assert days.filter(kind="national").count() >= 15
    assert days.filter(date=datetime.date(2026, 8, 17)).exists()
    assert days.filter(kind="collective").exists()


def test_the_rpjmd_tree_runs_from_tujuan_to_every_opds_sasaran(agency):
    goals = Goal.objects.filter(agency=agency)
    assert goals.filter(level=GoalLevel.TUJUAN_DAERAH, parent=None).count() == 3
    sasaran_daerah = goals.filter(level=GoalLevel.SASARAN_DAERAH)
    assert sasaran_daerah.count() >= 5
    assert not sasaran_daerah.filter(parent=None).exists()
    strategic = goals.filter(level=GoalLevel.SASARAN_STRATEGIS)
    assert not strategic.filter(parent=None).exists()
    assert all(g.parent.level == GoalLevel.SASARAN_DAERAH for g in strategic)
    assert goals.filter(level=GoalLevel.SASARAN_PROGRAM, parent__isnull=False).exists()
    assert {(g.plan_start_year, g.plan_end_year) for g in goals} == {(2022, 2026)}


def _ikus(agency, code):
    return Indicator.objects.filter(
        agency=agency, is_iku=True, goal__owner_unit__code=code, goal__level="sasaran_strategis"
    )


@pytest.mark.parametrize("code", LISTED_OPDS)
def test_the_listed_opds_have_their_iku(agency, code):
    assert _ikus(agency, code).count() >= 1


def test_the_iku_are_realistic_with_every_polarity(agency):
    dinkes = {i.name: i for i in _ikus(agency, "DINKES")}
    waiting = dinkes["Rata-rata waktu tunggu pasien rawat jalan"]
    assert (waiting.polarity, waiting.unit_of_measure) == ("lower", "menit")
    assert dinkes["Cakupan imunisasi dasar lengkap"].polarity == "higher"
    days = _ikus(agency, "DUKCAPIL").get(name__startswith="Rata-rata lama penyelesaian")
    assert (days.polarity, days.lower_is_better_formula) == ("lower", "t/r")
    assert Indicator.objects.filter(agency=agency, target_shape="range").count() >= 2
    inflation = Indicator.objects.get(agency=agency, name="Tingkat inflasi")
    assert (inflation.polarity, inflation.target_shape) == ("stabilise", "range")
    sakip = Indicator.objects.filter(agency=agency, name__startswith="Nilai SAKIP").first()
    assert sakip is None or (sakip.polarity, sakip.target_shape) == ("higher", "range")
    target = AnnualTarget.objects.get(indicator=inflation, year=2026)
    assert (target.value, target.value_high) == (2, 4)


def test_annual_targets_rise_and_trajectories_exist(agency):
    coverage = _ikus(agency, "DUKCAPIL").get(name="Cakupan perekaman KTP-el")
    values = list(
        AnnualTarget.objects.filter(indicator=coverage)
        .order_by("year")
        .values_list("value", flat=True)
    )
    assert len(values) == 5
    assert values == sorted(values) and values[0] < values[-1]
    waiting = _ikus(agency, "DINKES").get(name__startswith="Rata-rata waktu tunggu")
    falling = list(
        AnnualTarget.objects.filter(indicator=waiting)
        .order_by("year")
        .values_list("value", flat=True)
    )
    assert falling == sorted(falling, reverse=True)
    assert (
        PeriodTarget.objects.filter(indicator=coverage, period__performance_year__year=2025).count()
        == 12
    )


def test_past_periods_have_verified_realisations(agency):
    realisations = Realisation.objects.filter(indicator__agency=agency)
    for year in YEARS[:-1]:
        past = realisations.filter(period__performance_year__year=year)
        assert past.exists()
        assert set(past.values_list("status", flat=True)) == {RealisationStatus.VERIFIED}
    assert not realisations.filter(period__start_date__gt=TODAY).exists()
    assert not realisations.filter(period__end_date__gte=TODAY).exists()
    verified = realisations.filter(status="verified").first()
    assert verified.versions.get().kind == "verified"


def test_this_year_has_submitted_returned_and_missing_realisations(agency):
    this_year = Realisation.objects.filter(
        indicator__agency=agency, period__performance_year__year=2026
    )
    statuses = set(this_year.values_list("status", flat=True))
    assert {"verified", "submitted", "returned"} <= statuses
    assert all(r.return_comment for r in this_year.filter(status="returned"))
    bkpsdm = User.objects.get(agency=agency, username="bkpsdm")
    py = PerformanceYear.objects.get(agency=agency, year=2026)
    gaps = selectors.realisation_gap_counts(build_viewer(bkpsdm, today=TODAY), py, today=TODAY)
    assert gaps["missing"] and gaps["unverified"]


def test_evidence_files_are_valid_pdfs_and_pngs(demo, agency):
    evidence = list(Evidence.objects.filter(realisation__indicator__agency=agency))
    assert 10 <= len(evidence) <= 40
    assert {e.content_type for e in evidence} == {"application/pdf", "image/png"}
    for item in evidence[:5]:
        content = (demo.media_root / item.file.name).read_bytes()
        checked = files.check_evidence_file(ContentFile(content, name=item.original_name))
        assert checked.sha256 == item.sha256


def test_tiny_files_pass_the_evidence_check():
    for name, content in (("a.pdf", tiny_pdf("Laporan (uji)")), ("b.png", tiny_png((1, 2, 3)))):
        assert files.check_evidence_file(ContentFile(content, name=name)).size == len(content)


def test_every_opd_head_signed_a_pk_each_year_and_one_was_revised(agency):
    signed = PerformanceAgreement.objects.filter(agency=agency, status=AgreementStatus.SIGNED)
    for year in YEARS:
        assert signed.filter(year=year, unit__code="DINKES").exists()
    assert signed.filter(year=2026).count() >= 10
    [revision] = signed.filter(version=2)
    assert revision.revision_reason and revision.previous.version == 1
    assert revision.year == 2025
    assert revision.lines.count() == revision.previous.lines.count()


def test_capaian_results_exist_for_every_year(agency):
    for year in YEARS:
        results = UnitResult.objects.filter(
            unit__agency=agency, period__performance_year__year=year
        )
        assert results.filter(capaian__isnull=False).exists(), year
    annual = IndicatorResult.objects.filter(
        indicator__agency=agency, period__kind="year", period__performance_year__year=2025
    )
    assert annual.filter(capaian__gt=50, capaian__lt=150).count() >= annual.count() * 0.8


def test_past_periods_have_org_predikat_decisions_and_recent_ones_wait(agency):
    decisions = OrgPredikatDecision.objects.filter(unit__agency=agency)
    decided = decisions.exclude(status=DecisionStatus.PROPOSED)
    assert decided.filter(period__performance_year__year=2023, period__kind="year").exists()
    assert decided.filter(status=DecisionStatus.CHANGED).exclude(reason="").exists()
    assert not decided.filter(period__end_date__gt=TODAY - datetime.timedelta(days=45)).exists()
    assert decisions.filter(status=DecisionStatus.PROPOSED).exists()
    assert all(d.predikat for d in decided[:50])


def test_recomputing_keeps_the_decided_predikat(agency):
    before = OrgPredikatDecision.objects.filter(
        unit__agency=agency, status__in=["confirmed", "changed"]
    ).count()
    results_services.capaian_recompute_year(actor=None, agency=agency, year=2025)
    after = OrgPredikatDecision.objects.filter(
        unit__agency=agency, status__in=["confirmed", "changed"]
    ).count()
    assert before == after


def test_one_summary_audit_event_records_the_performance_data(demo, agency):
    event = AuditEvent.objects.get(action="demo.iku_seeded", agency=agency)
    assert event.after["indicators"] == demo.counts["performance"]["indicators"]
    assert event.after["years"] == YEARS


def test_the_same_seed_and_day_give_the_same_performance_data_beside_another_agency(
    agency, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    again = generator.seed(size="small", seed=2026, agency_code="dua", today=TODAY).agency
    agencies = [agency, again]

    def shape(agency):
        return {
            "indicators": list(
                Indicator.objects.filter(agency=agency)
                .order_by("code")
                .values_list("code", "name", "polarity")
            ),
            "targets": list(
                AnnualTarget.objects.filter(indicator__agency=agency)
                .order_by("indicator__code", "year")
                .values_list("indicator__code", "year", "value", "value_high")
            ),
            "realisations": list(
                Realisation.objects.filter(indicator__agency=agency)
                .order_by("indicator__code", "period__end_date", "period__kind")
                .values_list("indicator__code", "period__end_date", "value", "status")
            ),
            "results": list(
                UnitResult.objects.filter(unit__agency=agency)
                .order_by("unit__code", "period__end_date", "period__kind")
                .values_list("unit__code", "period__end_date", "capaian")
            ),
            "decisions": list(
                OrgPredikatDecision.objects.filter(unit__agency=agency)
                .order_by("unit__code", "period__end_date", "period__kind")
                .values_list("unit__code", "period__end_date", "predikat", "status")
            ),
        }

    first, second = (shape(a) for a in agencies)
    assert first["realisations"]
    assert first == second
