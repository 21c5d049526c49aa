"""Beranda: the rater's evaluations to do with the deadline, the employee's to acknowledge and
sign; each item opens for its viewer."""

import pytest

from kinerja.appraisals import services
from kinerja.appraisals.models import Evaluation
from kinerja.appraisals.tests.data import Q1_END, opened_q1, rate, viewer
from kinerja.appraisals.todo import todo_items
from kinerja.org.tests.personas import build_personas
from kinerja.skp.tests.review_data import freeze_today

pytestmark = pytest.mark.django_db


def test_the_rater_and_the_employee_see_what_waits_for_them(client, monkeypatch):
    personas = build_personas()
    freeze_today(monkeypatch, Q1_END)
    _chain, q1, due = opened_q1(personas)
    kasi = viewer(personas, "kasi", Q1_END)
    [item] = todo_items(kasi)
    assert (item.key, item.count, item.deadline) == ("appraisals.to_evaluate", 1, due.rater)
    evaluation = Evaluation.objects.get(period=q1, employee=personas.employees["staf"])
    evaluation = rate(personas, evaluation, "kasi", Q1_END)
    evaluation = services.evaluation_finalise(actor=kasi, evaluation=evaluation)
    services.evaluation_sign(actor=kasi, evaluation=evaluation)
    assert todo_items(kasi) == []
    [mine] = todo_items(viewer(personas, "staf", Q1_END))
    assert mine.key == "appraisals.acknowledge"
    client.force_login(personas.users["staf"])
    assert client.get(mine.url).status_code == 200
    client.force_login(personas.users["kasi"])
    assert client.get(item.url).status_code == 200


def test_the_rater_explains_and_the_superior_decides_a_keberatan_from_beranda(client):
    import datetime

    from kinerja.appraisals.models import Keberatan

    personas = build_personas()
    received = datetime.date(2026, 4, 2)
    _chain, q1, _due = opened_q1(personas)
    kasi = viewer(personas, "kasi", Q1_END)
    evaluation = Evaluation.objects.get(period=q1, employee=personas.employees["staf"])
    evaluation = rate(personas, evaluation, "kasi", Q1_END)
    evaluation = services.evaluation_finalise(actor=kasi, evaluation=evaluation)
    evaluation = services.evaluation_sign(actor=kasi, evaluation=evaluation)
    staf = viewer(personas, "staf", received)
    evaluation = services.evaluation_acknowledge(actor=staf, evaluation=evaluation)
    keberatan = services.keberatan_file(actor=staf, evaluation=evaluation, reasons="Alasan.")
    [hear] = _keberatan_items(viewer(personas, "kasi", received))
    assert (hear.key, hear.count) == ("appraisals.keberatan_hear", 1)
    assert _keberatan_items(viewer(personas, "kabid", received)) == []
    services.keberatan_hear_rater(
        actor=viewer(personas, "kasi", received), keberatan=keberatan, explanation="Penjelasan."
    )
    [decide] = _keberatan_items(viewer(personas, "kabid", received))
    assert decide.key == "appraisals.keberatan_decide"
    # Filed Thursday 2 April: 7 working days end on Monday 13 April.
    assert (decide.deadline, decide.days_left) == (datetime.date(2026, 4, 13), 7)
    client.force_login(personas.users["kasi"])
    assert client.get(hear.url).status_code == 200
    client.force_login(personas.users["kabid"])
    assert client.get(decide.url).status_code == 200
    assert Keberatan.objects.get().status == "rater_heard"


def _keberatan_items(viewer_):
    return [i for i in todo_items(viewer_) if i.key.startswith("appraisals.keberatan")]
