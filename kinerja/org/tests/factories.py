"""Factories for tests: objects built through the services where the rules matter."""

import datetime
import itertools

import factory

from kinerja.org import rules
from kinerja.org.models import Agency, AgencyKind, EmployeeStatus

_serial = itertools.count(1)


def make_nip(
    birth=datetime.date(1985, 3, 14), appointed=(2010, 3), sex="L", serial: int | None = None
) -> str:
    return rules.compose_nip(
        birth, appointed[0], appointed[1], sex, serial or next(_serial) % 999 + 1
    )


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"kab-{n}")
    name = factory.LazyAttribute(lambda o: f"Pemerintah Kabupaten {o.code.title()}")
    kind = AgencyKind.KABUPATEN
    region_name = factory.LazyAttribute(lambda o: f"Kabupaten {o.code.title()}")
    head_title = factory.LazyAttribute(lambda o: f"Bupati {o.code.title()}")


def unit(agency, code, name, kind="dinas", parent=None):
    from kinerja.org.services import unit_create

    return unit_create(actor=None, agency=agency, code=code, name=name, kind=kind, parent=parent)


def position(agency, unit, code, name, kind, parent=None, jenjang="", head=False):
    from kinerja.org.services import position_create

    return position_create(
        actor=None,
        agency=agency,
        unit=unit,
        code=code,
        name=name,
        kind=kind,
        parent=parent,
        jenjang=jenjang,
        is_unit_head=head,
    )


def employee(
    agency,
    name,
    *,
    nip=None,
    status=EmployeeStatus.PNS,
    grade="III/a",
    position=None,
    start=datetime.date(2020, 1, 1),
    kind="definitive",
    **extra,
):
    from kinerja.org.services import assignment_start, employee_create

    person = employee_create(
        actor=None,
        agency=agency,
        nip=nip or make_nip(),
        name=name,
        status=status,
        grade=grade,
        **extra,
    )
    if position is not None:
        assignment_start(
            actor=None,
            employee=person,
            position=position,
            start_date=start,
            kind=kind,
            reason="appointment",
        )
    return person


def assign(employee, position, start, *, kind="plt", reason="acting"):
    """A further post for an employee who has one: a Plt. from `start` by default."""
    from kinerja.org.services import assignment_start

    return assignment_start(
        actor=None, employee=employee, position=position, start_date=start, kind=kind, reason=reason
    )
