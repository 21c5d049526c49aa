"""The LKjIP row builder against numbers computed by hand (see conftest.py)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from kinerja.iku.services import tree as tree_services
from kinerja.iku.tests import factories as f
from kinerja.reports import selectors

D = Decimal


def _report(lkjip_year, key="bkpsdm", unit="dinkes"):
    personas = lkjip_year.personas
    viewer = f.viewer(personas, key)
    return selectors.lkjip_report(
        viewer, lkjip_year.performance_year, unit=personas.units[unit] if unit else None
    )


def test_rows_carry_target_realisation_capaian_and_comparisons(lkjip_year):
    report = _report(lkjip_year)
    [group] = report.goals
    assert group.number == 1
    assert group.goal == lkjip_year.goal
    higher, lower = group.rows
    assert higher.indicator == lkjip_year.higher
    # Higher is better: 72 / 80 = 90 %; against the 2026 target 72 / 90 = 80 %.
    assert (higher.target, higher.realisation, higher.capaian) == (80, 72, D("90.00"))
    assert higher.category == "Tinggi"  # 76-90 on the Permendagri 86/2017 scale
    assert higher.last_year_realisation == 65
    assert (higher.final_target, higher.final_target_year) == (90, 2026)
    assert higher.capaian_to_final == D("80.00")
    # Lower is better, (2T - R) / T: (20 - 12) / 10 = 80 %; against 8: (16 - 12) / 8 = 50 %.
    assert (lower.target, lower.realisation, lower.capaian) == (10, 12, D("80.00"))
    assert lower.category == "Tinggi"
    assert lower.last_year_realisation == 14
    assert lower.final_target == 8
    assert lower.capaian_to_final == D("50.00")
    assert lower.is_lower_better
    # The sasaran and the unit: the mean of (90, 80).
    assert group.capaian == D("85.00")
    assert report.capaian == D("85.00")
    assert report.category == "Tinggi"
    assert report.computed_at is not None
    assert report.subject == "Dinas Kesehatan"


def test_a_unit_report_covers_the_goals_of_its_sub_units_only(lkjip_year):
    personas = lkjip_year.personas
    other = f.goal(personas, "bkpsdm", statement="Sasaran BKPSDM")
    f.indicator(other, "Indeks profesionalitas ASN")
    sub = f.goal(personas, "yankes", statement="Sasaran bidang", plan_end_year=2026)
    f.indicator(sub, "Rasio dokter")
    statements = [g.goal.statement for g in _report(lkjip_year).goals]
    assert statements == ["Meningkatnya derajat kesehatan masyarakat", "Sasaran bidang"]


def test_an_indicator_without_a_computed_result_shows_its_target_and_no_capaian(lkjip_year):
    indicator = f.indicator(lkjip_year.goal, "Indikator baru")
    tree_services.target_set(actor=None, indicator=indicator, year=2025, value=50)
    row = _report(lkjip_year).goals[0].rows[-1]
    assert (row.target, row.realisation, row.capaian, row.category) == (50, None, None, "")
    # The means ignore the row without a capaian.
    assert _report(lkjip_year).capaian == D("85.00")


def test_the_regency_report_lists_regency_level_goals(lkjip_year):
    personas = lkjip_year.personas
    goal = f.goal(personas, "dinkes", level="sasaran_daerah", statement="Sasaran RPJMD")
    f.indicator(goal, "Indeks pembangunan manusia", unit_of_measure="poin")
    report = _report(lkjip_year, unit=None)
    assert [g.goal.statement for g in report.goals] == ["Sasaran RPJMD"]
    assert report.subject == personas.agency.name


def test_another_agency_cannot_read_the_report(lkjip_year):
    with pytest.raises(Http404):
        _report(lkjip_year, key="outsider")


def test_row_builder_query_count_does_not_grow_with_indicators(lkjip_year):
    personas = lkjip_year.personas
    viewer = f.viewer(personas, "bkpsdm")
    unit = personas.units["dinkes"]

    def count():
        with CaptureQueriesContext(connection) as ctx:
            report = selectors.lkjip_report(viewer, lkjip_year.performance_year, unit=unit)
        return len(ctx.captured_queries), len(report.rows)

    few, rows = count()
    for n in range(12):
        goal = f.goal(personas, "yankes", statement=f"Sasaran {n}", plan_start_year=2024)
        indicator = f.indicator(goal, f"Indikator {n}")
        for year in (2025, 2029):
            tree_services.target_set(actor=None, indicator=indicator, year=year, value=10)
    many, more_rows = count()
    assert more_rows == rows + 12
    assert many == few
