"""The seed_demo and demo_logins commands, and determinism of the generator."""

import io

import pytest
from django.core.management import call_command

from kinerja.accounts.models import User
from kinerja.demo import generator
from kinerja.org.models import Agency, Employee, Unit
from kinerja.org.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def _people(agency):
    return list(Employee.objects.filter(agency=agency).order_by("nip").values_list("nip", "name"))


def test_the_same_seed_gives_the_same_people_and_another_seed_does_not():
    first = generator.seed(size="small", seed=11, agency_code="satu").agency
    second = generator.seed(size="small", seed=11, agency_code="dua").agency
    third = generator.seed(size="small", seed=12, agency_code="tiga").agency
    assert _people(first) == _people(second)
    assert _people(first) != _people(third)
    units = [
        list(Unit.objects.filter(agency=a).order_by("code").values_list("code", "name"))
        for a in (first, second)
    ]
    assert units[0] == units[1]
    assert User.objects.filter(username="pegawai.dua", agency=second).exists()


def test_seed_demo_with_if_empty_does_nothing_when_an_agency_exists():
    AgencyFactory(code="ada")
    out = io.StringIO()
    call_command("seed_demo", "--if-empty", stdout=out)
    assert Agency.objects.count() == 1
    assert not Employee.objects.exists()
    assert "no demo data was added" in out.getvalue()


def test_seed_demo_then_demo_logins_prints_every_login_and_the_password():
    call_command("seed_demo", "--if-empty", stdout=io.StringIO())
    assert Agency.objects.get().code == generator.DEFAULT_AGENCY_CODE
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    text = out.getvalue()
    for key in generator.LOGIN_KEYS:
        assert f"\n{key} " in text
    assert generator.DEMO_PASSWORD in text
    assert User.objects.get(username="pegawai").employee.nip in text


def test_demo_logins_says_so_when_there_is_no_demo_data():
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    assert "no demo data" in out.getvalue()
