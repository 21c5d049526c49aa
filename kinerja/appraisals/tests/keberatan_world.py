"""The data of the keberatan permission tables, seen on 2 April 2026: staf received the Q1
evaluation (rated Baik by kasi) and filed a keberatan; kasi received the Q1 evaluation from
kabid and may still file one."""

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
    staf: int  # received by staf, keberatan filed
    kasi: int  # received by kasi, no keberatan yet
    keberatan: int


def received(personas, q1, employee, rater):
    evaluation = Evaluation.objects.get(employee=personas.employees[employee], period=q1)
    evaluation = rate(personas, evaluation, rater, Q1_END)
    evaluation = services.evaluation_finalise(actor=None, evaluation=evaluation)
    evaluation = services.evaluation_sign(actor=None, evaluation=evaluation)
    return services.evaluation_acknowledge(
        actor=viewer(personas, employee, TODAY), evaluation=evaluation
    )


@contextmanager
def built_world(django_db_blocker, tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch, shared_data(django_db_blocker, tmp_path_factory):
        freeze_today(patch, TODAY)
        personas = build_personas()
        _chain, q1, _due = opened_q1(personas)
        staf = received(personas, q1, "staf", "kasi")
        kasi = received(personas, q1, "kasi", "kabid")
        keberatan = services.keberatan_file(
            actor=viewer(personas, "staf", TODAY),
            evaluation=staf,
            reasons="Capaian saya melampaui target.",
        )
        yield World(personas, staf.pk, kasi.pk, keberatan.pk)
