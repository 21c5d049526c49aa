"""Realisations to report: who reports which indicator for the period that ended last, the
working days left before the due day, the Beranda item and the reporting page."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from kinerja.accounts.viewer import build_viewer
from kinerja.core.todo import items_for
from kinerja.iku.models import NonWorkingDay, NonWorkingDayKind
from kinerja.iku.selectors import reporting_due
from kinerja.iku.selectors.reporting import working_days_left
from kinerja.iku.services import realisation as realisation_services
from kinerja.iku.tests import factories as iku

pytestmark = pytest.mark.django_db

# The first quarter of 2025 ends on Monday 31 March; ten working days later is Monday 14 April.
APRIL_3 = datetime.date(2025, 4, 3)
DUE = datetime.date(2025, 4, 14)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def indicators(personas):
    iku.performance_year(personas.agency, 2025)
    goal = iku.goal(personas, "yankes")
    unnamed = iku.indicator(goal, "Cakupan imunisasi")
    named = iku.indicator(
        goal, "Kunjungan puskesmas", responsible_position=personas.positions["kasi"]
    )
    yearly = iku.indicator(goal, "Indeks kepuasan", reporting_frequency="annual")
    return unnamed, named, yearly


def _due(personas, who, day=APRIL_3):
    return reporting_due(build_viewer(personas.users[who], today=day))


def _reported(due) -> set[str]:
    return {row.indicator.name for row in due.to_report} if due else set()


def test_each_indicator_is_reported_by_its_responsible_post_else_the_head_and_the_admins(
    personas, indicators
):
    assert _reported(_due(personas, "kabid")) == {"Cakupan imunisasi"}
    assert _reported(_due(personas, "kasi")) == {"Kunjungan puskesmas"}
    # staf administers Dinas Kesehatan: every indicator of its units that reports on Q1.
    assert _reported(_due(personas, "staf")) == {"Cakupan imunisasi", "Kunjungan puskesmas"}
    for who in ("dokter", "kadinkes", "pimpinan", "auditor", "outsider"):
        assert _due(personas, who) is None, who


def test_the_due_day_is_counted_in_working_days(personas, indicators):
    due = _due(personas, "kabid")
    assert [p.number for p in due.periods] == [1]
    assert due.due_date == DUE and due.days_left == 7
    agency = personas.agency.pk
    assert working_days_left(agency, DUE, DUE) == 0
    assert working_days_left(agency, DUE - datetime.timedelta(days=3), DUE) == 1  # Friday
    assert working_days_left(agency, DUE + datetime.timedelta(days=1), DUE) == -1
    assert working_days_left(agency, datetime.date(2025, 4, 18), DUE) == -4
    NonWorkingDay.objects.create(
        agency=personas.agency,
        date=datetime.date(2025, 4, 8),
        name="Libur daerah",
        kind=NonWorkingDayKind.AGENCY_DAY_OFF,
    )
    assert working_days_left(agency, APRIL_3, DUE) == 6


def test_before_any_period_ends_nothing_is_due_and_on_31_december_the_year_is_too(
    personas, indicators
):
    assert _due(personas, "kabid", datetime.date(2025, 3, 31)) is None
    due = _due(personas, "kabid", datetime.date(2026, 1, 2))
    # 2026 has no performance year: the default is 2025, whose Q4 and year closed on 31 Dec.
    assert {p.kind for p in due.periods} == {"quarter", "year"}
    assert _reported(due) == {"Cakupan imunisasi", "Indeks kepuasan"}


def test_the_beranda_item_counts_what_is_not_handed_in_until_it_is(personas, indicators):
    unnamed, _named, _yearly = indicators
    viewer = build_viewer(personas.users["kabid"], today=APRIL_3)
    item = {i.key: i for i in items_for(viewer)}["iku.realisations_to_report"]
    assert item.count == 1 and item.working_days and item.days_left == 7
    assert item.deadline == DUE and item.url == reverse("iku:reporting")
    period = _due(personas, "kabid").periods[0]
    draft = realisation_services.realisation_enter(
        actor=None, indicator=unnamed, period=period, value=20
    )
    assert "iku.realisations_to_report" in {i.key for i in items_for(viewer)}  # a draft counts
    realisation_services.realisation_submit(actor=None, realisation=draft)
    assert "iku.realisations_to_report" not in {i.key for i in items_for(viewer)}
    assert _due(personas, "kabid").rows[0].to_report is False


def test_the_page_lists_the_rows_and_each_entry_link_opens(client, personas, indicators):
    unnamed, named, _yearly = indicators
    client.force_login(personas.users["kasi"])
    # The page reads today's date: 2025 is the agency's latest year, all its periods ended.
    page = client.get(reverse("iku:reporting")).content.decode()
    assert 'data-testid="reporting-table"' in page
    year = personas.agency.performance_years.get(year=2025)
    q4 = year.periods.get(kind="quarter", number=4)
    entry = reverse("iku:realisation_entry", args=[named.pk, q4.pk])
    assert entry in page
    assert reverse("iku:realisation_entry", args=[unnamed.pk, q4.pk]) not in page
    assert client.get(entry).status_code == 200
    client.force_login(personas.users["dokter"])
    assert 'data-testid="reporting-empty"' in client.get(reverse("iku:reporting")).content.decode()


def test_the_reporting_reads_are_bounded(personas, indicators, django_assert_max_num_queries):
    viewer = build_viewer(personas.users["staf"], today=APRIL_3)
    reporting_due(viewer)  # the viewer's posts and units are read once per request
    with django_assert_max_num_queries(6):
        assert len(reporting_due(viewer).rows) == 2
    more = iku.goal(personas, "dinkes", statement="Sasaran lain")
    for n in range(3):
        iku.indicator(more, f"Indikator {n}")
    with django_assert_max_num_queries(6):
        assert len(reporting_due(viewer).rows) == 5
