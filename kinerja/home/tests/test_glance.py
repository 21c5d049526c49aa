"""The regional head's Beranda shows the agency's organisation performance at a glance: the
average annual capaian of the OPDs, how many fall in each predikat, the lowest ones, and whether
the year is only partly reported."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from kinerja.accounts.viewer import build_viewer
from kinerja.iku.models import PeriodKind, UnitResult
from kinerja.iku.selectors import agency_glance
from kinerja.iku.tests import factories as iku

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 6, 2)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _annual(personas, unit_key, capaian, reported=4, expected=4, agency_year=None):
    py = agency_year or personas.agency.performance_years.get(year=2025)
    period = py.periods.get(kind=PeriodKind.YEAR)
    return UnitResult.objects.create(
        unit=personas.units[unit_key],
        period=period,
        capaian=Decimal(capaian),
        goal_count=1,
        computed_at=timezone.now(),
        periods_reported=reported,
        periods_expected=expected,
    )


@pytest.fixture
def year(personas):
    return iku.performance_year(personas.agency, 2025)


def _glance(personas, who="pimpinan"):
    return agency_glance(build_viewer(personas.users[who], today=DAY))


def test_the_glance_averages_the_opds_and_counts_them_by_predikat(personas, year):
    _annual(personas, "dinkes", "104.5")
    _annual(personas, "bkpsdm", "85")
    _annual(personas, "inspektorat", "55.5")
    glance = _glance(personas)
    assert glance.year == 2025
    assert glance.opd_count == 3 and glance.reported_count == 3
    assert glance.average == Decimal("81.67")
    assert glance.average_category.code == "BUTUH_PERBAIKAN"
    assert [(c.code, n) for c, n in glance.by_predikat] == [
        ("ISTIMEWA", 1),
        ("BUTUH_PERBAIKAN", 1),
        ("SANGAT_KURANG", 1),
    ]
    assert [f.unit.code for f in glance.lowest] == ["INSP", "BKPSDM", "DINKES"]
    assert glance.partial is False


def test_an_opd_answered_by_its_divisions_and_a_partial_year_are_shown_as_such(personas, year):
    # Dinas Kesehatan has no result of its own: its Bidang Yankes answers for it.
    _annual(personas, "yankes", "100", reported=2, expected=4)
    _annual(personas, "bkpsdm", "90")
    glance = _glance(personas)
    assert {f.unit.code for f in glance.lowest} == {"DINKES.YANKES", "BKPSDM"}
    assert glance.partial is True


def test_no_year_no_glance_and_another_agency_sees_nothing_of_this_one(personas, year):
    _annual(personas, "dinkes", "100")
    other_agency = personas.users["outsider"].agency
    assert _glance(personas, "outsider") is None
    iku.performance_year(other_agency, 2025)
    glance = _glance(personas, "outsider")
    assert glance.opd_count == 0 and glance.average is None and glance.lowest == []


def test_beranda_shows_the_glance_to_the_pimpinan_only(client, personas, year):
    _annual(personas, "dinkes", "100", reported=3, expected=4)
    _annual(personas, "inspektorat", "55")
    client.force_login(personas.users["pimpinan"])
    page = client.get(reverse("home")).content.decode()
    assert 'data-testid="agency-glance"' in page
    assert 'data-testid="glance-partial"' in page
    assert reverse("iku:unit", args=[personas.units["inspektorat"].pk]) in page
    assert "77,50 %" in page  # Indonesian decimal comma
    for who in ("bkpsdm", "kadinkes", "staf", "auditor"):
        client.force_login(personas.users[who])
        assert 'data-testid="agency-glance"' not in client.get(reverse("home")).content.decode()


def test_beranda_says_when_the_year_has_no_capaian_yet(client, personas, year):
    client.force_login(personas.users["pimpinan"])
    page = client.get(reverse("home")).content.decode()
    assert 'data-testid="glance-empty"' in page


def test_the_glance_costs_the_same_queries_for_one_opd_as_for_three(
    personas, year, django_assert_max_num_queries
):
    viewer = build_viewer(personas.users["pimpinan"], today=DAY)
    _annual(personas, "dinkes", "100")
    with django_assert_max_num_queries(4):
        assert agency_glance(viewer).reported_count == 1
    _annual(personas, "bkpsdm", "90")
    _annual(personas, "inspektorat", "70")
    with django_assert_max_num_queries(4):
        assert agency_glance(viewer).reported_count == 3
