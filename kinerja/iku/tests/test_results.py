import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from kinerja.core.errors import ImmutableRecordError, PermissionDeniedError
from kinerja.core.models import AuditEvent
from kinerja.iku import selectors
from kinerja.iku.models import (
    GoalResult,
    IndicatorResult,
    OrgPredikatDecision,
    Realisation,
    UnitResult,
)
from kinerja.iku.services import agreement as agreement_services
from kinerja.iku.services import realisation as realisation_services
from kinerja.iku.services import results as services
from kinerja.iku.services import tree as tree_services
from kinerja.iku.tests import factories as f

D = Decimal


def _verified(indicator, period, value):
    realisation = realisation_services.realisation_enter(
        actor=None, indicator=indicator, period=period, value=value
    )
    realisation_services.realisation_submit(actor=None, realisation=realisation)
    return realisation_services.realisation_verify(actor=None, realisation=realisation)


def _targets(indicator, periods, values):
    for period, value in zip(periods, values, strict=True):
        if value is not None:
            tree_services.target_set(actor=None, indicator=indicator, period=period, value=value)


@pytest.fixture
def year(personas):
    py = f.performance_year(personas.agency, 2025, "quarterly")
    quarters = [py.periods.get(kind="quarter", number=n) for n in (1, 2, 3, 4)]
    annual = py.periods.get(kind="year")
    goal = f.goal(personas, "dinkes", code="S1")
    ind = {}
    ind["A"] = f.indicator(goal, "A higher sum", "higher", "sum")
    ind["B"] = f.indicator(goal, "B lower average 2t-r", "lower", "average")
    ind["C"] = f.indicator(goal, "C lower last t/r", "lower", "last", lower_is_better_formula="t/r")
    ind["D"] = f.indicator(
        goal, "D stabilise range average", "stabilise", "average", target_shape="range"
    )
    ind["E"] = f.indicator(goal, "E unverified", "higher", "sum")
    goal2 = f.goal(personas, "dinkes", code="S2")
    ind["F"] = f.indicator(goal2, "F annual", "higher", "sum", reporting_frequency="annual")

    for key, value, high in [
        ("A", 100, None),
        ("B", 10, None),
        ("C", 5, None),
        ("D", 60, 80),
        ("E", 100, None),
        ("F", 50, None),
    ]:
        tree_services.target_set(
            actor=None, indicator=ind[key], year=2025, value=value, value_high=high
        )
    _targets(ind["A"], quarters, [15, 40, 40, 5])
    _targets(ind["B"], quarters, [10, 10, 10, 10])
    for period, value in zip(quarters, [12, 40, 44], strict=False):
        _verified(ind["A"], period, value)
    _verified(ind["B"], quarters[0], 12)
    _verified(ind["B"], quarters[1], 8)
    _verified(ind["C"], quarters[0], 8)
    _verified(ind["C"], quarters[1], 4)
    _verified(ind["D"], quarters[0], 90)
    unverified = realisation_services.realisation_enter(
        actor=None, indicator=ind["E"], period=quarters[0], value=50
    )
    realisation_services.realisation_submit(actor=None, realisation=unverified)
    _verified(ind["F"], annual, 40)
    return personas, py, quarters, annual, goal, goal2, ind


def _capaian(indicator, period):
    return IndicatorResult.objects.get(indicator=indicator, period=period).capaian


def test_capaian_per_indicator_for_every_polarity_and_consolidation(year):
    personas, _py, q, annual, _goal, _goal2, ind = year
    services.capaian_recompute_year(actor=None, agency=personas.agency, year=2025)

    # A: higher, sum. Quarters against the trajectory 15/40/40/5; the year 12+40+44 = 96 of 100.
    assert [_capaian(ind["A"], p) for p in q] == [D("80.00"), D("100.00"), D("110.00"), None]
    row = IndicatorResult.objects.get(indicator=ind["A"], period=annual)
    assert (row.target, row.realisation, row.capaian) == (100, 96, D("96.00"))
    # B: lower, (2T-R)/T. Q1 (20-12)/10 = 80 %, Q2 (20-8)/10 = 120 %; the year averages 10 → 100 %.
    assert [_capaian(ind["B"], p) for p in q[:2]] == [D("80.00"), D("120.00")]
    assert _capaian(ind["B"], annual) == D("100.00")
    # C: lower, T/R, last value: 5 / 4 = 125 %; no trajectory, so no quarterly capaian.
    assert _capaian(ind["C"], q[0]) is None
    assert IndicatorResult.objects.get(indicator=ind["C"], period=annual).realisation == 4
    assert _capaian(ind["C"], annual) == D("125.00")
    # D: range 60-80; 90 is above, so (2*80-90)/80 = 87.5 %.
    assert _capaian(ind["D"], annual) == D("87.50")
    # E: the only realisation is not verified: no capaian.
    assert _capaian(ind["E"], annual) is None
    # F: an annual figure entered on the year itself: 40 / 50.
    assert _capaian(ind["F"], annual) == D("80.00")


def test_goal_and_unit_capaian_are_means_of_their_children(year):
    personas, _py, q, annual, goal, goal2, _ind = year
    services.capaian_recompute_year(actor=None, agency=personas.agency, year=2025)
    # Goal S1 for the year: mean(96, 100, 125, 87.5) = 102.125 → 102.13 (half up).
    goal_year = GoalResult.objects.get(goal=goal, period=annual)
    assert (goal_year.capaian, goal_year.indicator_count) == (D("102.13"), 4)
    assert GoalResult.objects.get(goal=goal, period=q[0]).capaian == D("80.00")
    assert GoalResult.objects.get(goal=goal, period=q[1]).capaian == D("110.00")
    assert GoalResult.objects.get(goal=goal2, period=annual).capaian == D("80.00")
    # The unit: mean(102.13, 80.00) = 91.065 → 91.07.
    dinkes = personas.units["dinkes"]
    assert UnitResult.objects.get(unit=dinkes, period=annual).capaian == D("91.07")
    assert UnitResult.objects.get(unit=dinkes, period=q[1]).capaian == D("110.00")
    assert AuditEvent.objects.filter(action="iku.capaian.recomputed").count() == 1


def test_the_signed_agreement_target_wins_over_the_annual_target(year):
    personas, _py, _q, annual, _goal, _goal2, ind = year
    agreement = agreement_services.agreement_create(
        actor=None, unit=personas.units["dinkes"], year=2025
    )
    agreement_services.agreement_line_add(
        actor=None, agreement=agreement, indicator=ind["A"], target=120
    )
    signed_on = datetime.date(2025, 2, 1)
    agreement_services.agreement_sign(
        actor=None, agreement=agreement, party="first", signed_on=signed_on
    )
    agreement_services.agreement_sign(
        actor=None, agreement=agreement, party="second", signed_on=signed_on
    )
    services.capaian_recompute_year(actor=None, agency=personas.agency, year=2025)
    assert _capaian(ind["A"], annual) == D("80.00")  # 96 / 120


def test_the_year_settings_cap_and_round_capaian(year):
    personas, py, _q, annual, goal, _goal2, ind = year
    py.capaian_cap = 110
    py.capaian_places = 1
    py.capaian_rounding = "truncate"
    py.save()
    services.capaian_recompute_year(actor=None, agency=personas.agency, year=2025)
    assert _capaian(ind["C"], annual) == D("110.0")  # 125 capped
    # mean(96, 100, 110, 87.5) = 98.375 → truncated to 98.3
    assert GoalResult.objects.get(goal=goal, period=annual).capaian == D("98.3")


def test_recomputing_updates_changed_rows_and_removes_stale_ones(year):
    personas, _py, q, annual, _goal, _goal2, ind = year
    services.capaian_recompute_year(actor=None, agency=personas.agency, year=2025)
    count = IndicatorResult.objects.count()
    realisation = Realisation.objects.get(indicator=ind["A"], period=q[2])
    realisation_services.realisation_correct(
        actor=None, realisation=realisation, value=48, reason="Koreksi"
    )
    tree_services.indicator_update(actor=None, indicator=ind["E"], is_active=False)
    summary = services.capaian_recompute_year(actor=None, agency=personas.agency, year=2025)
    assert _capaian(ind["A"], annual) == D("100.00")  # 12 + 40 + 48
    assert IndicatorResult.objects.count() == count - 5
    assert summary["indicator"]["deleted"] == 5


def test_recompute_is_refused_to_unit_staff(year):
    personas, *_ = year
    with pytest.raises(PermissionDeniedError):
        services.capaian_recompute_year(
            actor=f.viewer(personas, "kadinkes"), agency=personas.agency, year=2025
        )
    services.capaian_recompute_year(
        actor=f.viewer(personas, "bkpsdm"), agency=personas.agency, year=2025
    )


# --- organisation predikat ------------------------------------------------------------------------


def test_a_predikat_is_proposed_from_the_unit_capaian_and_the_band_table(year):
    personas, _py, q, annual, *_ = year
    services.capaian_recompute_year(actor=None, agency=personas.agency, year=2025)
    dinkes = personas.units["dinkes"]

    def proposed(period):
        return OrgPredikatDecision.objects.get(unit=dinkes, period=period).proposed

    assert proposed(annual) == "BUTUH_PERBAIKAN"  # 91.07
    assert proposed(q[0]) == "BUTUH_PERBAIKAN"  # 80.00, the lower bound included
    assert proposed(q[1]) == "ISTIMEWA"  # 110.00
    assert not OrgPredikatDecision.objects.filter(period=q[3]).exists()  # no capaian


def test_the_regional_head_confirms_a_top_unit_predikat(year):
    personas, _py, q, _annual, *_ = year
    services.capaian_recompute_year(actor=None, agency=personas.agency, year=2025)
    decision = OrgPredikatDecision.objects.get(unit=personas.units["dinkes"], period=q[0])
    for key in ("kadinkes", "bkpsdm", "outsider"):
        with pytest.raises(PermissionDeniedError):
            services.org_predikat_decide(
                actor=f.viewer(personas, key), decision=decision, predikat="BUTUH_PERBAIKAN"
            )
    pimpinan = f.viewer(personas, "pimpinan", today=datetime.date(2026, 1, 20))
    assert selectors.org_predikat_decisions_to_make(pimpinan) == [
        d
        for d in OrgPredikatDecision.objects.filter(unit=personas.units["dinkes"])
        if d in selectors.org_predikat_decisions_to_make(pimpinan)
    ]
    decided = services.org_predikat_decide(
        actor=pimpinan, decision=decision, predikat="BUTUH_PERBAIKAN"
    )
    assert (decided.status, decided.predikat, decided.decided_on) == (
        "confirmed",
        "BUTUH_PERBAIKAN",
        datetime.date(2026, 1, 20),
    )
    with pytest.raises(ImmutableRecordError):
        services.org_predikat_decide(actor=pimpinan, decision=decision, predikat="BAIK", reason="x")
    assert AuditEvent.objects.filter(action="iku.org_predikat.confirmed").count() == 1
    # A later recompute keeps the decision.
    services.capaian_recompute_year(actor=None, agency=personas.agency, year=2025)
    decision.refresh_from_db()
    assert decision.predikat == "BUTUH_PERBAIKAN" and decision.status == "confirmed"


def test_the_leader_may_change_the_proposal_with_a_reason(personas):
    py = f.performance_year(personas.agency, 2025, "quarterly")
    annual = py.periods.get(kind="year")
    yankes = personas.units["yankes"]
    decision = OrgPredikatDecision.objects.create(
        unit=yankes,
        period=annual,
        capaian=D("99.00"),
        proposed="BUTUH_PERBAIKAN",
        proposed_at=timezone.now(),
    )
    kadinkes = f.viewer(personas, "kadinkes", today=datetime.date(2026, 1, 10))
    with pytest.raises(PermissionDeniedError):
        services.org_predikat_decide(
            actor=f.viewer(personas, "kabid"), decision=decision, predikat="BAIK", reason="x"
        )
    with pytest.raises(ValidationError) as error:
        services.org_predikat_decide(actor=kadinkes, decision=decision, predikat="BAIK")
    assert "reason" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.org_predikat_decide(actor=kadinkes, decision=decision, predikat="HEBAT")
    assert "predikat" in error.value.message_dict
    decided = services.org_predikat_decide(
        actor=kadinkes,
        decision=decision,
        predikat="BAIK",
        reason="Target imunisasi nasional dinaikkan di tengah tahun",
    )
    assert (decided.status, decided.proposed, decided.predikat) == (
        "changed",
        "BUTUH_PERBAIKAN",
        "BAIK",
    )
    event = AuditEvent.objects.get(action="iku.org_predikat.changed")
    assert event.reason.startswith("Target imunisasi")
    assert event.after["predikat"] == "BAIK"


# --- what the appraisal uses ----------------------------------------------------------------------


@pytest.fixture
def two_years(personas):
    py24 = f.performance_year(personas.agency, 2024, "quarterly")
    py25 = f.performance_year(personas.agency, 2025, "quarterly")
    dinkes = personas.units["dinkes"]

    def proposal(py, kind, number, predikat):
        return OrgPredikatDecision.objects.create(
            unit=dinkes,
            period=py.periods.get(kind=kind, number=number),
            capaian=D("100"),
            proposed=predikat,
            proposed_at=timezone.now(),
        )

    d24 = proposal(py24, "year", 1, "BAIK")
    d25 = proposal(py25, "year", 1, "ISTIMEWA")
    q1 = proposal(py25, "quarter", 1, "KURANG")
    pimpinan = f.viewer(personas, "pimpinan")
    services.org_predikat_decide(
        actor=pimpinan, decision=d24, predikat="BAIK", issued_on=datetime.date(2025, 1, 20)
    )
    return personas, py25, d25, q1, pimpinan


def test_the_periodic_predikat_is_used_once_decided(two_years):
    personas, _py25, _d25, q1, pimpinan = two_years
    dinkes = personas.units["dinkes"]
    assert selectors.org_predikat_for_appraisal(dinkes, q1.period) is None  # not decided yet
    services.org_predikat_decide(actor=pimpinan, decision=q1, predikat="KURANG")
    chosen = selectors.org_predikat_for_appraisal(dinkes, q1.period)
    assert (chosen.predikat, chosen.year, chosen.is_previous_year) == ("KURANG", 2025, False)


def test_a_sub_unit_without_results_uses_the_unit_above(two_years):
    personas, _py25, d25, _q1, pimpinan = two_years
    services.org_predikat_decide(
        actor=pimpinan, decision=d25, predikat="ISTIMEWA", issued_on=datetime.date(2026, 1, 15)
    )
    chosen = selectors.org_predikat_for_appraisal(personas.units["primer"], d25.period)
    assert (chosen.predikat, chosen.unit) == ("ISTIMEWA", personas.units["dinkes"])


def test_an_annual_result_issued_in_time_is_used(two_years):
    personas, _py25, d25, _q1, pimpinan = two_years
    services.org_predikat_decide(
        actor=pimpinan, decision=d25, predikat="ISTIMEWA", issued_on=datetime.date(2026, 1, 31)
    )
    chosen = selectors.org_predikat_for_appraisal(personas.units["dinkes"], d25.period)
    assert (chosen.predikat, chosen.year, chosen.is_previous_year) == ("ISTIMEWA", 2025, False)


def test_a_late_annual_result_falls_back_to_the_previous_year(two_years):
    personas, _py25, d25, _q1, pimpinan = two_years
    services.org_predikat_decide(
        actor=pimpinan, decision=d25, predikat="ISTIMEWA", issued_on=datetime.date(2026, 2, 2)
    )
    chosen = selectors.org_predikat_for_appraisal(personas.units["dinkes"], d25.period)
    assert (chosen.predikat, chosen.year, chosen.is_previous_year) == ("BAIK", 2024, True)
    assert chosen.period.performance_year.year == 2024


def test_an_annual_result_not_issued_yet_falls_back_to_the_previous_year(two_years):
    personas, _py25, d25, *_ = two_years
    chosen = selectors.org_predikat_for_appraisal(personas.units["dinkes"], d25.period)
    assert (chosen.predikat, chosen.year) == ("BAIK", 2024)


def test_the_year_may_set_another_deadline_for_the_annual_result(two_years):
    personas, py25, d25, _q1, pimpinan = two_years
    py25.annual_result_deadline = datetime.date(2026, 2, 15)
    py25.save()
    services.org_predikat_decide(
        actor=pimpinan, decision=d25, predikat="ISTIMEWA", issued_on=datetime.date(2026, 2, 2)
    )
    period = py25.periods.get(kind="year")
    assert selectors.org_predikat_for_appraisal(personas.units["dinkes"], period).year == 2025


# --- scale ----------------------------------------------------------------------------------------


def _bulk_indicators(personas, py, count):
    goal = f.goal(personas, "dinkes")
    periods = list(py.periods.all())
    now = timezone.now()
    for n in range(count):
        indicator = f.indicator(goal, f"I{n}", consolidation=["sum", "average", "last"][n % 3])
        tree_services.target_set(actor=None, indicator=indicator, year=py.year, value=100)
        Realisation.objects.bulk_create(
            [
                Realisation(
                    indicator=indicator,
                    period=p,
                    value=D(20 + n),
                    status="verified",
                    version=1,
                    verified_at=now,
                )
                for p in periods
                if not p.is_annual
            ]
        )


def _recompute_queries(personas, year):
    with CaptureQueriesContext(connection) as queries:
        services.capaian_recompute_year(actor=None, agency=personas.agency, year=year)
    return len(queries)


def test_recompute_runs_a_bounded_number_of_queries_whatever_the_number_of_indicators(personas):
    # Writes go in batches (500 rows, fewer on SQLite's parameter limit): keep both cases within
    # one batch so that the count shows no query per indicator.
    small = f.performance_year(personas.agency, 2025, "quarterly")
    large = f.performance_year(personas.agency, 2026, "quarterly")
    _bulk_indicators(personas, small, 2)
    with_few = _recompute_queries(personas, 2025)
    # The goal of the first batch covers 2025-2029, so 2026 sees those 2 plus 8 more.
    _bulk_indicators(personas, large, 8)
    with_many = _recompute_queries(personas, 2026)
    assert with_few == with_many
    assert with_many <= 20
    assert IndicatorResult.objects.filter(period__performance_year=large).count() == 10 * 5
    # A second run with nothing changed writes nothing but the audit event.
    assert _recompute_queries(personas, 2026) <= with_many


# --- a year with unreported periods is partial ----------------------------------------------------


def test_an_annual_capaian_with_unreported_periods_is_partial_at_every_level(year):
    personas, _py, q, annual, goal, goal2, ind = year
    services.capaian_recompute_year(actor=None, agency=personas.agency, year=2025)

    def coverage(row):
        return (row.periods_reported, row.periods_expected, row.is_partial)

    assert coverage(IndicatorResult.objects.get(indicator=ind["A"], period=annual)) == (3, 4, True)
    assert coverage(IndicatorResult.objects.get(indicator=ind["D"], period=annual)) == (1, 4, True)
    # Only verified figures count as reported: E's submitted Q1 is not in.
    assert coverage(IndicatorResult.objects.get(indicator=ind["E"], period=annual)) == (0, 4, True)
    # F reports once a year, on the year itself.
    assert coverage(IndicatorResult.objects.get(indicator=ind["F"], period=annual)) == (1, 1, False)
    # A single period is not consolidated: no coverage.
    assert coverage(IndicatorResult.objects.get(indicator=ind["A"], period=q[0])) == (
        None,
        None,
        False,
    )
    # A+B+C+D+E: 3 + 2 + 2 + 1 + 0 of 5 x 4 reports; the unit adds F's 1 of 1.
    assert coverage(GoalResult.objects.get(goal=goal, period=annual)) == (8, 20, True)
    assert coverage(GoalResult.objects.get(goal=goal2, period=annual)) == (1, 1, False)
    dinkes = personas.units["dinkes"]
    unit_row = UnitResult.objects.get(unit=dinkes, period=annual)
    assert coverage(unit_row) == (9, 21, True)
    with translation.override("en"):
        assert unit_row.partial_label == "partial: 9 of 21 period reports in"
    proposal = OrgPredikatDecision.objects.get(unit=dinkes, period=annual)
    assert coverage(proposal) == (9, 21, True)
    assert not UnitResult.objects.get(unit=dinkes, period=q[0]).is_partial


def test_a_partial_year_is_never_decided_as_final(year):
    personas, _py, q, annual, *_ = year
    services.capaian_recompute_year(actor=None, agency=personas.agency, year=2025)
    proposal = OrgPredikatDecision.objects.get(unit=personas.units["dinkes"], period=annual)
    pimpinan = f.viewer(personas, "pimpinan", today=datetime.date(2026, 1, 20))
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.org_predikat_decide(actor=pimpinan, decision=proposal, predikat=proposal.proposed)
    assert error.value.code == "partial"
    assert "9 of 21 period reports are in" in error.value.messages[0]
    with translation.override("id"), pytest.raises(ValidationError) as error:
        services.org_predikat_confirm_many(actor=pimpinan, decisions=[proposal])
    assert "9 dari 21" in error.value.messages[0]
    quarter = OrgPredikatDecision.objects.get(unit=personas.units["dinkes"], period=q[0])
    with pytest.raises(ValidationError):
        # All or none: a partial year in the set refuses the quarter too.
        services.org_predikat_confirm_many(actor=pimpinan, decisions=[quarter, proposal])
    quarter.refresh_from_db()
    proposal.refresh_from_db()
    assert (quarter.status, proposal.status) == ("proposed", "proposed")
    assert not AuditEvent.objects.filter(action__startswith="iku.org_predikat.").exists()


def test_the_year_becomes_final_once_every_period_is_reported(personas):
    py = f.performance_year(personas.agency, 2025, "quarterly")
    quarters = [py.periods.get(kind="quarter", number=n) for n in (1, 2, 3, 4)]
    annual = py.periods.get(kind="year")
    indicator = f.indicator(f.goal(personas, "dinkes"), "Kunjungan", "higher", "sum")
    tree_services.target_set(actor=None, indicator=indicator, year=2025, value=100)
    for period in quarters[:2]:
        _verified(indicator, period, 25)
    services.capaian_recompute_year(actor=None, agency=personas.agency, year=2025)
    dinkes = personas.units["dinkes"]
    proposal = OrgPredikatDecision.objects.get(unit=dinkes, period=annual)
    assert (proposal.periods_reported, proposal.periods_expected) == (2, 4)
    for period in quarters[2:]:
        _verified(indicator, period, 25)
    services.capaian_recompute_year(actor=None, agency=personas.agency, year=2025)
    proposal.refresh_from_db()
    assert (proposal.periods_reported, proposal.periods_expected, proposal.is_partial) == (
        4,
        4,
        False,
    )
    assert proposal.capaian == D("100.00")
    pimpinan = f.viewer(personas, "pimpinan", today=datetime.date(2026, 1, 20))
    decided = services.org_predikat_decide(
        actor=pimpinan, decision=proposal, predikat=proposal.proposed
    )
    assert decided.status == "confirmed"
