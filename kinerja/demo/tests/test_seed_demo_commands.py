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


def _planned_people(seed):
    staffing = generator.blueprint(size="small", seed=seed).staffing
    return sorted((member.person.nip, member.person.name) for member in staffing.members)


def test_the_same_seed_plans_the_same_people_and_units_and_another_seed_does_not():
    first, second, third = (generator.blueprint(size="small", seed=s) for s in (11, 11, 12))
    assert _planned_people(11) == _planned_people(11) != _planned_people(12)
    units = [[(u.code, u.name) for u in b.plan.units] for b in (first, second, third)]
    assert units[0] == units[1]
    assert first.head_name == second.head_name


def test_seed_demo_with_if_empty_does_nothing_when_an_agency_exists():
    AgencyFactory(code="ada")
    out = io.StringIO()
    call_command("seed_demo", "--if-empty", stdout=out)
    assert Agency.objects.count() == 1
    assert not Employee.objects.exists()
    assert "no demo data was added" in out.getvalue()


def test_seed_demo_writes_what_it_planned_with_logins_of_its_own_and_demo_logins_lists_them():
    # One seed for the whole command: a demo regency takes a while to write.
    User.objects.create_user(username="pegawai", agency=AgencyFactory(code="satu"))  # taken
    call_command("seed_demo", "--seed", "11", "--agency-code", "dua", stdout=io.StringIO())
    agency = Agency.objects.get(code="dua")
    assert _people(agency) == _planned_people(11)
    planned_units = sorted((u.code, u.name) for u in generator.blueprint(seed=11).plan.units)
    assert (
        list(Unit.objects.filter(agency=agency).order_by("code").values_list("code", "name"))
        == planned_units
    )
    own = User.objects.get(username="pegawai.dua", agency=agency)
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    text = out.getvalue()
    for key in generator.LOGIN_KEYS:
        assert f"\n{key}.dua " in text or f"\n{key} " in text, key
    assert generator.DEMO_PASSWORD in text
    assert own.employee.nip in text


def test_demo_logins_says_so_when_there_is_no_demo_data():
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    assert "no demo data" in out.getvalue()
