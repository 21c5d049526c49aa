"""Test data of the rater's pages and the SKP API: a chain of plans and a submitted one."""

from __future__ import annotations

import datetime

from django.utils import timezone

from kinerja.org.tests import factories as org_factories
from kinerja.skp import services
from kinerja.skp.tests.factories import YEAR, add_result, start_skp

IN_JANUARY = datetime.date(YEAR, 1, 20)
IN_MARCH = datetime.date(YEAR, 3, 2)


def freeze_today(monkeypatch, day: datetime.date) -> None:
    """The viewer of each request (built from timezone.localdate) sees `day` as today."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)


def submit(skp):
    if skp.status == "draft":
        skp = services.skp_start_dialogue(actor=None, skp=skp)
    return services.skp_submit(actor=None, skp=skp)


def extra_subordinates(personas, count: int, *, start: int = 0) -> list:
    """`count` pelaksana posts under the kasi, each held by a new employee."""
    agency = personas.agency
    unit = personas.units["primer"]
    people = []
    for n in range(start, start + count):
        position = org_factories.position(
            agency,
            unit,
            f"DINKES-P{n:03d}",
            f"Pelaksana {n}",
            "pelaksana",
            personas.positions["kasi"],
        )
        people.append(org_factories.employee(agency, f"Pegawai {n:03d}", position=position))
    return people


def plans_for(personas, employees, *, submitted: int, drafts: int) -> None:
    """The first `submitted` employees submit a plan, the next `drafts` keep a draft."""
    for n, employee in enumerate(employees[: submitted + drafts]):
        skp = services.skp_create(actor=None, employee=employee, year=YEAR, day=IN_JANUARY)
        if n < submitted:
            add_result(skp, f"Laporan {n}", leader_rhk=_kasi_rhk(personas))
            submit(skp)


def _kasi_rhk(personas):
    from kinerja.skp.models import Rhk

    return Rhk.objects.filter(skp__employee=personas.employees["kasi"], skp__is_latest=True).first()


__all__ = ["IN_JANUARY", "IN_MARCH", "YEAR", "add_result", "start_skp"]
