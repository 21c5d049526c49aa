"""The one rule for the agency a public page serves (kinerja.org.selectors.public)."""

import pytest
from django.http import Http404, QueryDict
from django.test import RequestFactory

from kinerja.org.selectors import PublicAgency, public_agency, public_agency_of
from kinerja.org.tests import factories as f
from kinerja.org.views import served_agency

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(settings):
    settings.PUBLIC_AGENCY = ""
    return f.AgencyFactory(code="contoh"), f.AgencyFactory(code="lain")


def test_the_only_agency_serves_when_nothing_names_one(settings):
    settings.PUBLIC_AGENCY = ""
    only = f.AgencyFactory(code="contoh")
    assert public_agency() == only


def test_with_two_agencies_and_nothing_named_the_visitor_chooses(two):
    assert public_agency() is None


def test_the_deployment_setting_names_the_agency_when_the_address_does_not(two, settings):
    settings.PUBLIC_AGENCY = "lain"
    assert public_agency() == two[1]


def test_the_address_wins_over_the_deployment_setting(two, settings):
    settings.PUBLIC_AGENCY = "lain"
    assert public_agency("contoh") == two[0]


def test_a_code_that_names_no_agency_serves_none_even_with_a_single_agency(settings):
    settings.PUBLIC_AGENCY = ""
    f.AgencyFactory(code="contoh")
    assert public_agency("tidak-ada") is None


def test_a_setting_that_names_no_agency_serves_none(two, settings):
    settings.PUBLIC_AGENCY = "tidak-ada"
    assert public_agency() is None


def test_the_query_keeps_the_code_for_the_next_link(two):
    served = public_agency_of(QueryDict("instansi=contoh&x=1"))
    assert served == PublicAgency(agency=two[0], code="contoh")
    assert served.query == "?instansi=contoh"
    assert public_agency_of(QueryDict("")).query == ""
    assert PublicAgency(agency=None, code="a b&c").query == "?instansi=a+b%26c"


def test_a_code_is_read_up_to_forty_characters(settings):
    settings.PUBLIC_AGENCY = ""
    long_code = "k" * 40
    agency = f.AgencyFactory(code=long_code)
    f.AgencyFactory(code="lain")
    assert public_agency_of(QueryDict(f"instansi={long_code}z")).agency == agency


def test_a_page_whose_address_names_an_unknown_agency_is_404(two):
    request = RequestFactory().get("/pengaduan/", {"instansi": "tidak-ada"})
    with pytest.raises(Http404):
        served_agency(request)


def test_a_page_without_a_named_agency_among_two_leaves_the_choice_to_the_visitor(two):
    served = served_agency(RequestFactory().get("/pengaduan/"))
    assert served.agency is None and served.code == ""
