"""The alignment lists are exact on a constructed regency (see alignment_data)."""

import datetime

import pytest

from kinerja.accounts.viewer import build_viewer
from kinerja.skp.selectors import alignment
from kinerja.skp.tests.alignment_data import build_regency
from kinerja.skp.tests.factories import YEAR

JANUARY_10 = datetime.date(YEAR, 1, 10)
FEBRUARY_5 = datetime.date(YEAR, 2, 5)


@pytest.fixture
def regency(personas):
    return build_regency(personas)


def _scope(regency, unit_key=None, today=JANUARY_10):
    unit = regency.personas.units[unit_key] if unit_key else None
    return alignment.Scope(agency_id=regency.personas.agency.pk, year=YEAR, today=today, unit=unit)


def _report(regency, user="bkpsdm", unit_key=None, today=JANUARY_10, **kwargs):
    viewer = build_viewer(regency.personas.users[user], today=today)
    unit = regency.personas.units[unit_key] if unit_key else None
    return alignment.alignment_report(viewer, year=YEAR, unit=unit, **kwargs)


def _pks(objects):
    return {o.pk for o in objects}


def test_unsupported_rhk_are_unlinked_main_results_and_links_broken_by_a_revision(regency):
    report = _report(regency)
    rows = report.sections["rhk"].rows
    assert _pks(rows) == {regency.rhk["arsip"].pk, regency.rhk["low"].pk}
    problems = {rhk.pk: rhk.alignment_problem for rhk in rows}
    assert problems[regency.rhk["arsip"].pk] == alignment.NO_LINK
    assert problems[regency.rhk["low"].pk] == alignment.BROKEN_LINK
    assert report.totals["rhk"] == 2


def test_a_link_to_an_earlier_version_whose_key_lives_on_is_not_broken(regency):
    # kabid's "imunisasi" points at kadinkes v1 "top"; v2 (submitted) still has that key.
    assert regency.rhk["imunisasi"].intervened_rhk_id == regency.rhk["top_v1"].pk
    unsupported = _pks(alignment.unsupported_rhk(_scope(regency)))
    assert regency.rhk["imunisasi"].pk not in unsupported


def test_jpt_results_and_tambahan_results_need_no_link(regency):
    unsupported = _pks(alignment.unsupported_rhk(_scope(regency)))
    assert regency.rhk["stunting"].pk not in unsupported  # JPT
    assert regency.rhk["piket"].pk not in unsupported  # tambahan


def test_unsupported_indicators_are_active_targeted_and_not_intervened(regency):
    ind = regency.indicators
    assert _pks(alignment.unsupported_indicators(_scope(regency))) == {ind["B"].pk, ind["E"].pk}
    assert _pks(alignment.unsupported_indicators(_scope(regency, "dinkes"))) == {ind["B"].pk}
    assert _pks(alignment.unsupported_indicators(_scope(regency, "yankes"))) == set()


def test_an_indicator_intervened_only_by_a_plan_out_of_force_is_unsupported(regency):
    from kinerja.skp import services

    # dokter's plan is returned and restarted (closed) after a mutation: its RHK on B no
    # longer counts; the new draft has no RHK on B.
    dokter = regency.plans["dokter"]
    services.skp_return(actor=None, skp=dokter, comment="Perbaiki")
    rhk = services.rhk_add(
        actor=None, skp=dokter, text="Imunisasi puskesmas", iku_indicator=regency.indicators["B"]
    )
    scope = _scope(regency)
    assert regency.indicators["B"].pk not in _pks(alignment.unsupported_indicators(scope))
    services.skp_restart(
        actor=None,
        skp=dokter,
        kind="mutation",
        reason="Pindah",
        effective_date=datetime.date(YEAR, 3, 1),
    )
    assert rhk.skp_id == dokter.pk
    assert regency.indicators["B"].pk in _pks(alignment.unsupported_indicators(scope))


def test_unsupported_leader_rhk_match_support_by_key_across_versions(regency):
    report = _report(regency)
    assert _pks(report.sections["leaders"].rows) == {
        regency.rhk["stunting"].pk,  # kadinkes v2: nobody intervenes
        regency.rhk["laporan_bidang"].pk,  # kabid v2 tambahan: nobody intervenes
    }
    # "top" in kadinkes v2 is supported through links to v1's RHK with the same key.
    assert regency.rhk["top"].pk not in _pks(report.sections["leaders"].rows)


def test_a_leader_rhk_supported_only_by_the_leader_is_not_supported(regency):
    report = _report(regency, unit_key="yankes")
    assert _pks(report.sections["leaders"].rows) == {regency.rhk["laporan_bidang"].pk}


def test_employees_without_a_set_plan_with_days_left_before_the_deadline(regency):
    rows = _report(regency, today=JANUARY_10).sections["employees"].rows
    people = regency.personas.employees
    by_employee = {row.employee.pk: row for row in rows}
    assert set(by_employee) == {people[k].pk for k in ("staf", "dokter", "bkpsdm", "auditor")}
    assert by_employee[people["staf"].pk].plan.status == "draft"
    assert by_employee[people["dokter"].pk].plan.status == "submitted"
    assert by_employee[people["bkpsdm"].pk].plan is None
    for row in rows:
        assert row.deadline == datetime.date(YEAR, 1, 31)
        assert row.days_left == 21
        assert not row.is_late


def test_employees_without_a_set_plan_are_late_after_january(regency):
    rows = _report(regency, unit_key="dinkes", today=FEBRUARY_5).sections["employees"].rows
    people = regency.personas.employees
    assert {row.employee.pk for row in rows} == {people["staf"].pk, people["dokter"].pk}
    assert all(row.is_late and row.days_late == 5 for row in rows)


def test_a_plan_under_revision_keeps_its_employee_out_of_the_list(regency):
    # kadinkes' v2 is submitted, but v1 is set and in force until v2 is set.
    rows = _report(regency).sections["employees"].rows
    assert regency.personas.employees["kadinkes"].pk not in {r.employee.pk for r in rows}


def test_someone_appointed_mid_year_without_a_plan_has_a_deadline_from_the_post(regency):
    from kinerja.org.tests import factories as f

    personas = regency.personas
    newcomer = f.employee(
        personas.agency,
        "Budi Baru",
        position=personas.positions["staf"],
        start=datetime.date(YEAR, 6, 1),
    )
    rows = _report(regency, unit_key="primer", today=datetime.date(YEAR, 6, 10))
    row = {r.employee.pk: r for r in rows.sections["employees"].rows}[newcomer.pk]
    assert row.plan is None
    assert row.deadline == datetime.date(YEAR, 7, 1)
    assert row.days_left == 21


def test_raters_with_pending_approvals_counted_with_the_oldest_submission(regency):
    raters = _report(regency, today=JANUARY_10).sections["raters"].rows
    by_rater = {r.rater_id: r for r in raters}
    kabid = regency.personas.employees["kabid"].pk
    assert set(by_rater) == {kabid, None}
    assert by_rater[kabid].waiting == 1
    assert by_rater[kabid].oldest == regency.plans["dokter"].submitted_at
    assert by_rater[None].is_regional_head
    assert by_rater[None].waiting == 1
    assert all(r.escalated == 0 for r in raters)


def test_pending_approvals_past_the_deadline_are_escalated(regency):
    raters = _report(regency, today=FEBRUARY_5).sections["raters"].rows
    assert {r.rater_id: r.escalated for r in raters} == {
        regency.personas.employees["kabid"].pk: 1,
        None: 1,
    }


def test_a_unit_page_counts_only_its_subtree(regency):
    report = _report(regency, unit_key="primer")
    assert _pks(report.sections["rhk"].rows) == {regency.rhk["arsip"].pk, regency.rhk["low"].pk}
    assert report.sections["indicators"].rows == []
    assert report.sections["raters"].rows == []
    people = regency.personas.employees
    assert {r.employee.pk for r in report.sections["employees"].rows} == {people["staf"].pk}


def test_the_regency_summary_rolls_counts_up_to_each_opd(regency):
    report = _report(regency)
    units = regency.personas.units
    groups = {g.unit_id: g.counts for g in report.groups}
    assert groups == {
        units["dinkes"].pk: {
            "rhk": 2,
            "indicators": 1,
            "leaders": 2,
            "employees": 2,
            "raters": 2,
        },
        units["bkpsdm"].pk: {"rhk": 0, "indicators": 1, "leaders": 0, "employees": 1, "raters": 0},
        units["inspektorat"].pk: {
            "rhk": 0,
            "indicators": 0,
            "leaders": 0,
            "employees": 1,
            "raters": 0,
        },
    }


def test_a_unit_summary_rolls_counts_up_to_its_sub_units_and_itself(regency):
    report = _report(regency, unit_key="dinkes")
    units = regency.personas.units
    groups = {g.unit_id: g.counts for g in report.groups}
    assert groups == {
        # the unit itself: indicator B, kadinkes' "stunting", kadinkes' v2 waiting
        units["dinkes"].pk: {
            "rhk": 0,
            "indicators": 1,
            "leaders": 1,
            "employees": 0,
            "raters": 1,
        },
        units["yankes"].pk: {
            "rhk": 2,
            "indicators": 0,
            "leaders": 1,
            "employees": 1,
            "raters": 0,
        },
        units["pkm"].pk: {"rhk": 0, "indicators": 0, "leaders": 0, "employees": 1, "raters": 1},
    }


def test_show_all_pages_a_section_and_previews_cap_the_others(regency, monkeypatch):
    monkeypatch.setattr(alignment, "PREVIEW_SIZE", 1)
    monkeypatch.setattr(alignment, "PAGE_SIZE", 3)
    preview = _report(regency)
    assert len(preview.sections["employees"].rows) == 1
    assert preview.sections["employees"].more
    first = _report(regency, show="employees")
    assert len(first.sections["employees"].rows) == 3
    assert first.sections["employees"].has_next
    assert len(first.sections["rhk"].rows) == 1
    second = _report(regency, show="employees", page=2)
    assert len(second.sections["employees"].rows) == 1
    assert not second.sections["employees"].has_next
