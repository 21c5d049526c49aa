"""A small world for the survey results tests: the personas of the house, the head of
Puskesmas Sukamaju (kapus, the unit's head post), a second service unit (an UPT of the
dinas), two services of the puskesmas and a fixed today in the second quarter."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from kinerja.accounts import services as accounts
from kinerja.org.tests import factories as f
from kinerja.org.tests.personas import PASSWORD, build_personas
from kinerja.surveys.tests import factories

YEAR = 2026
TODAY = datetime.date(YEAR, 5, 15)


@dataclass(repr=False)
class World:
    personas: object
    pkm: object
    upt: object
    services: dict

    @property
    def e(self):
        return self.personas.employees

    @property
    def users(self):
        return self.personas.users


def freeze_today(monkeypatch, day: datetime.date = TODAY) -> None:
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)


def build_world(monkeypatch=None) -> World:
    if monkeypatch is not None:
        freeze_today(monkeypatch)
    personas = build_personas()
    agency, units = personas.agency, personas.units
    pkm = units["pkm"]
    upt = f.unit(agency, "DINKES.LABKES", "UPT Laboratorium Kesehatan", "upt", units["dinkes"])
    personas.positions["kapus"] = f.position(
        agency,
        pkm,
        "DINKES-06",
        "Kepala Puskesmas Sukamaju",
        "pengawas",
        personas.positions["kabid"],
        head=True,
    )
    personas.employees["kapus"] = f.employee(
        agency, "Maya Sari", back_title="S.K.M.", position=personas.positions["kapus"]
    )
    personas.users["kapus"] = accounts.user_create(
        actor=None,
        agency=agency,
        username="kapus",
        password=PASSWORD,
        full_name=personas.employees["kapus"].full_name,
        employee=personas.employees["kapus"],
    )
    services = {
        "umum": factories.service(pkm, "Poli Umum"),
        "gigi": factories.service(pkm, "Poli Gigi"),
    }
    return World(personas, pkm, upt, services)
