"""Employees not subject to planning (PlanExemption) are left out of "employees without a set
SKP" on the days an exemption covers, and the report counts them apart."""

import datetime

import pytest
from django.urls import reverse

from kinerja.accounts.viewer import build_viewer
from kinerja.skp.models import ExemptionReason, PlanExemption
from kinerja.skp.selectors import alignment
from kinerja.skp.tests.alignment_data import build_regency
from kinerja.skp.tests.factories import YEAR
from kinerja.skp.tests.review_data import freeze_today

JANUARY_10 = datetime.date(YEAR, 1, 10)


@pytest.fixture
def regency(personas):
    """The alignment regency (staf, dokter, bkpsdm and auditor have no set SKP), with:
    bkpsdm exempt from 1 January on (covers the day), staf exempt until 10 January (the
    day itself), auditor exempt last year only (ended before), dokter exempt from February
    (starts after), kasi (who has a set SKP) exempt on the day, and the outsider of another
    agency exempt on the day."""
    regency = build_regency(personas)
    exempt = {
        "bkpsdm": (datetime.date(YEAR, 1, 1), None, ExemptionReason.CLTN),
        "staf": (datetime.date(YEAR - 1, 6, 1), JANUARY_10, ExemptionReason.TEMPORARY_DISMISSAL),
        "auditor": (datetime.date(YEAR - 1, 1, 1), datetime.date(YEAR - 1, 12, 31), "mpp"),
        "dokter": (datetime.date(YEAR, 2, 1), None, ExemptionReason.STATE_OFFICIAL),
        "kasi": (JANUARY_10, datetime.date(YEAR, 3, 31), ExemptionReason.NON_STRUCTURAL),
        "outsider": (datetime.date(YEAR, 1, 1), None, ExemptionReason.CLTN),
    }
    for key, (start, end, reason) in exempt.items():
        employee = personas.employees[key]
        PlanExemption.objects.create(
            agency_id=employee.agency_id,
            employee=employee,
            reason=reason,
            start_date=start,
            end_date=end,
        )
    return regency


def _report(regency, user="bkpsdm", unit_key=None, today=JANUARY_10, **kwargs):
    viewer = build_viewer(regency.personas.users[user], today=today)
    unit = regency.personas.units[unit_key] if unit_key else None
    return alignment.alignment_report(viewer, year=YEAR, unit=unit, **kwargs)


def _listed(report) -> set[int]:
    return {row.employee.pk for row in report.sections["employees"].rows}


def _people(regency, *keys) -> set[int]:
    return {regency.personas.employees[key].pk for key in keys}


def test_only_exemptions_covering_the_reference_day_take_people_off_the_list(regency):
    report = _report(regency)
    # bkpsdm (open-ended) and staf (ends on the day) are exempt; auditor's exemption ended
    # last year and dokter's starts in February.
    assert _listed(report) == _people(regency, "dokter", "auditor")
    assert report.sections["employees"].total == 2
    assert report.totals["employees"] == 2


def test_the_report_counts_the_exempt_people_of_the_agency_on_that_day(regency):
    # bkpsdm, staf and kasi (exempt though their plan is set); not the outsider's agency.
    assert _report(regency).exempt_employees == 3
    scope = alignment.Scope(
        agency_id=regency.personas.agency.pk, year=YEAR, today=JANUARY_10, unit=None
    )
    assert alignment.exempt_employee_count(scope) == 3


def test_a_unit_page_counts_only_the_exempt_people_of_its_subtree(regency):
    dinkes = _report(regency, unit_key="dinkes")
    assert _listed(dinkes) == _people(regency, "dokter")
    assert dinkes.exempt_employees == 2  # staf and kasi
    primer = _report(regency, unit_key="primer")
    assert _listed(primer) == set()
    assert primer.exempt_employees == 2
    assert _report(regency, unit_key="pkm").exempt_employees == 0
    assert _report(regency, unit_key="inspektorat").exempt_employees == 0


def test_the_summary_by_opd_leaves_the_exempt_people_out(regency):
    groups = {g.unit_id: g.counts["employees"] for g in _report(regency).groups}
    units = regency.personas.units
    assert groups[units["dinkes"].pk] == 1  # dokter; staf is exempt
    assert groups[units["inspektorat"].pk] == 1  # auditor
    assert groups.get(units["bkpsdm"].pk, 0) == 0


def test_an_exemption_starting_later_takes_effect_on_its_first_day(regency):
    february = _report(regency, today=datetime.date(YEAR, 2, 1))
    # dokter's exemption starts on 1 February; staf's ended on 10 January.
    assert _listed(february) == _people(regency, "staf", "auditor")
    assert february.exempt_employees == 3  # bkpsdm, dokter, kasi


def test_a_past_year_uses_its_last_day(regency):
    # For last year the reference day is 31 December: auditor (exempt that day), staf
    # (exempt from June on) and nobody else.
    viewer = build_viewer(regency.personas.users["bkpsdm"], today=JANUARY_10)
    report = alignment.alignment_report(viewer, year=YEAR - 1)
    assert report.scope.day == datetime.date(YEAR - 1, 12, 31)
    assert report.exempt_employees == 2
    assert not _listed(report) & _people(regency, "auditor", "staf")


def test_the_page_shows_the_count_with_a_link_to_the_exemptions(
    client, regency, monkeypatch, settings
):
    freeze_today(monkeypatch, JANUARY_10)
    client.force_login(regency.personas.users["bkpsdm"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("skp:alignment") + f"?year={YEAR}").content.decode()
    assert "3 employees are not subject to planning on 10 Jan 2026 and are not listed." in html
    assert (
        f'<a href="{reverse("skp:exemptions")}" data-testid="exemptions-link">'
        "Employees not subject to planning</a>"
    ) in html


def test_a_leader_sees_the_count_without_a_link_they_may_not_follow(client, regency, monkeypatch):
    freeze_today(monkeypatch, JANUARY_10)
    client.force_login(regency.personas.users["kasi"])
    url = reverse("skp:alignment_unit", args=[regency.personas.units["primer"].pk])
    html = client.get(url + f"?year={YEAR}").content.decode()
    assert 'data-testid="exempt-employees"' in html
    assert 'data-testid="exemptions-link"' not in html


def test_nothing_is_said_when_nobody_is_exempt(client, regency):
    PlanExemption.objects.all().delete()
    client.force_login(regency.personas.users["bkpsdm"])
    html = client.get(reverse("skp:alignment") + f"?year={YEAR}").content.decode()
    assert 'data-testid="exempt-employees"' not in html


def test_the_deadline_counts_from_the_end_of_an_exemption_that_ended_in_the_year(regency):
    from django.conf import settings

    auditor = regency.personas.employees["auditor"]

    def row_of(report):
        [row] = [r for r in report.sections["employees"].rows if r.employee.pk == auditor.pk]
        return row

    # The auditor has no plan; his MPP ended last year: due by the end of January.
    july = datetime.date(YEAR, 7, 1)
    assert row_of(_report(regency, today=july)).plan is None
    assert row_of(_report(regency, today=july)).deadline == datetime.date(YEAR, 1, 31)
    # Had it ended on 14 June, the midyear period counts from 15 June.
    PlanExemption.objects.filter(employee=auditor).update(end_date=datetime.date(YEAR, 6, 14))
    expected = datetime.date(YEAR, 6, 15) + datetime.timedelta(days=settings.SKP_MIDYEAR_DAYS)
    assert row_of(_report(regency, today=july)).deadline == expected
