"""A small world for the feedback tests: the personas with the chain of plans, a quarterly
performance year, three more staff under the kasi (peers of staf), and a fixed today."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from kinerja.org.tests.personas import build_personas
from kinerja.skp.models import Rhk
from kinerja.skp.tests.factories import YEAR, action_period, chain_of_plans
from kinerja.skp.tests.review_data import extra_subordinates, freeze_today

TODAY = datetime.date(YEAR, 5, 15)  # the second quarter


@dataclass(repr=False)
class World:
    personas: object
    peers: list
    staf_rhk_key: object
    kasi_rhk_key: object
    period_pk: int

    @property
    def e(self):
        return self.personas.employees

    @property
    def users(self):
        return self.personas.users


def build_world(monkeypatch) -> World:
    freeze_today(monkeypatch, TODAY)
    personas = build_personas()
    plans = chain_of_plans(personas)
    period = action_period(plans["kasi"], 2)
    peers = extra_subordinates(personas, 3)
    staf_rhk = Rhk.objects.filter(skp=plans["staf"]).first()
    return World(personas, peers, staf_rhk.key, plans["rhk"].key, period.pk)
