"""The data of the permission tables: Q1 2026 evaluations of the personas' chain in each state,
seen on 2 April 2026 (inside the rater's deadline)."""

import datetime
from contextlib import contextmanager
from dataclasses import dataclass

import pytest

from kinerja.appraisals import services
from kinerja.appraisals.models import Evaluation
from kinerja.appraisals.tests.data import Q1_END, opened_q1, rate, viewer
from kinerja.core.tests.permission_table import shared_data
from kinerja.org.tests.personas import build_personas
from kinerja.skp.tests.review_data import freeze_today

TODAY = datetime.date(2026, 4, 2)


@dataclass(repr=False)
class World:
    personas: object
    q1: int
    staf: int  # rated by kasi
    kasi: int  # finalised by kabid
    kabid: int  # signed by kadinkes, waiting for kabid's acknowledgement
    kadinkes: int  # acknowledged by kadinkes, waiting for the signature
    due: object


@contextmanager
def built_world(django_db_blocker, tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch, shared_data(django_db_blocker, tmp_path_factory):
        freeze_today(patch, TODAY)
        personas = build_personas()
        _chain, q1, due = opened_q1(personas)

        def of(key):
            return Evaluation.objects.get(employee=personas.employees[key], period=q1)

        staf = rate(personas, of("staf"), "kasi", Q1_END)
        kasi = rate(personas, of("kasi"), "kabid", Q1_END)
        kasi = services.evaluation_finalise(actor=None, evaluation=kasi)
        kabid = rate(personas, of("kabid"), "kadinkes", Q1_END)
        kabid = services.evaluation_finalise(actor=None, evaluation=kabid)
        kabid = services.evaluation_sign(actor=None, evaluation=kabid)
        head = rate(personas, of("kadinkes"), "pimpinan", Q1_END)
        head = services.evaluation_finalise(actor=None, evaluation=head)
        head = services.evaluation_sign(actor=None, evaluation=head)
        head = services.evaluation_acknowledge(
            actor=viewer(personas, "kadinkes", Q1_END), evaluation=head
        )
        yield World(personas, q1.pk, staf.pk, kasi.pk, kabid.pk, head.pk, due)
