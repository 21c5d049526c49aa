"""A small world for the publishing tests, on the personas of the house.

Kabupaten Contoh's year 2025 (quarterly) with Bappeda as its planning unit and a planner,
``perencana`` (`kinerja.iku.tests.view_data`), the indicator "Cakupan imunisasi" of Bidang
Pelayanan Kesehatan: Q1 verified (20 of 25) with its organisation predikat decided, Q2
submitted but not verified, the year partial (its predikat cannot be decided). Puskesmas
Sukamaju (a service unit) has two services; the tests add survey answers, complaints and
forums as they need them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from unittest import mock

from django.utils import timezone

from kinerja.complaints import services as complaint_services
from kinerja.iku.models import DecisionStatus, OrgPredikatDecision
from kinerja.iku.services import results as results_services
from kinerja.iku.tests import view_data
from kinerja.org.tests.personas import build_personas
from kinerja.surveys.tests import factories as survey_factories

YEAR = 2025


@dataclass(repr=False)
class World:
    personas: object
    plan: object
    q1: object
    q2: object
    annual: object
    pkm: object
    services: dict

    @property
    def users(self):
        return self.personas.users

    @property
    def agency(self):
        return self.personas.agency


def decide_all(period) -> None:
    for decision in OrgPredikatDecision.objects.filter(
        period=period, status=DecisionStatus.PROPOSED
    ):
        results_services.org_predikat_decide(
            actor=None, decision=decision, predikat=decision.proposed
        )


def build_world() -> World:
    personas = build_personas()
    plan = view_data.build_plan(personas)
    q1, q2 = plan.quarters[0], plan.quarters[1]
    view_data.verified(plan.indicator, q1, 20)
    view_data.submitted(plan.indicator, q2, 22)
    view_data.recompute(plan)
    decide_all(q1)
    pkm = personas.units["pkm"]
    services = {
        "umum": survey_factories.service(pkm, "Poli Umum"),
        "gigi": survey_factories.service(pkm, "Poli Gigi"),
    }
    return World(personas, plan, q1, q2, plan.annual, pkm, services)


def answers(world, service_key: str | None, count: int, day=datetime.date(YEAR, 2, 10), score=3):
    service = world.services[service_key] if service_key else None
    survey_factories.responses(world.pkm, day, survey_factories.same(score, count), service=service)


def complaints(unit, count: int, day=datetime.date(YEAR, 2, 3)) -> list:
    """Complaints received in person on `day`, with a complainant's name and phone (recorded
    as if on that day: a record is refused more than a year back)."""
    with mock.patch.object(timezone, "localdate", lambda *args, **kwargs: day):
        return _record(unit, count, day)


def _record(unit, count, day) -> list:
    return [
        complaint_services.complaint_record(
            actor=None,
            unit=unit,
            category="ringan",
            channel="langsung",
            description=f"Antrean terlalu lama nomor {n}",
            received_on=day,
            name="Siti Pelapor",
            phone="081234567890",
        )
        for n in range(count)
    ]


def request_recompute(world) -> None:
    """A recomputation asked for after the last one (as a verification would)."""
    from kinerja.iku.models import ResultsComputation

    ResultsComputation.objects.filter(performance_year=world.plan.year).update(
        requested_at=timezone.now()
    )
