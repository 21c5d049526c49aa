"""Test data of the evaluations: the personas' chain of plans in the quarterly year 2026, the
organisation predikat of Dinas Kesehatan for Q1, and Q1 opened on its last day."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from kinerja.accounts.viewer import build_viewer
from kinerja.appraisals import selectors, services
from kinerja.appraisals.models import Evaluation
from kinerja.iku.models import OrgPredikatDecision, Period
from kinerja.results.tests.data import plans, quarter

D = datetime.date
Q1_END = D(2026, 3, 31)


def viewer(personas, key, today):
    return build_viewer(personas.users[key], today=today)


def decide_org_predikat(personas, period, predikat="BAIK", unit="dinkes"):
    return OrgPredikatDecision.objects.create(
        unit=personas.units[unit],
        period=period,
        capaian=Decimal("100"),
        proposed=predikat,
        predikat=predikat,
        status="confirmed",
        decided_on=period.end_date,
        proposed_at=timezone.now(),
        decided_at=timezone.now(),
    )


def opened_q1(personas, *, org_predikat="BAIK"):
    """The plans, Q1 with the organisation predikat (None: undecided), Q1 opened by BKPSDM on
    the quarter's last day; returns (chain of plans, Q1, its deadlines)."""
    chain = plans(personas)
    q1 = quarter(personas, 1)
    if org_predikat:
        decide_org_predikat(personas, q1, org_predikat)
    services.evaluations_open(actor=viewer(personas, "bkpsdm", Q1_END), period=q1)
    return chain, q1, selectors.deadlines_of(q1)


def rate(personas, evaluation, who, today, hasil="sesuai", perilaku="sesuai", **extra):
    return services.evaluation_rate(
        actor=viewer(personas, who, today),
        evaluation=evaluation,
        hasil=hasil,
        hasil_justification="Sebagian besar hasil sesuai target, umpan balik positif.",
        perilaku=perilaku,
        perilaku_justification="Konsisten menerapkan nilai BerAKHLAK.",
        **extra,
    )


def annual_evaluation(personas, who, predikat, year=2026):
    """An annual evaluation of `who`, finalised with `predikat` (cloned from an opened one)."""
    _chain, q1, _due = opened_q1(personas)
    model = Evaluation.objects.filter(period=q1).first()
    model.pk = None
    model.employee = personas.employees[who]
    model.period = Period.objects.get(performance_year=q1.performance_year, kind="year")
    model.is_annual, model.year = True, year
    model.status, model.predikat = "finalised", predikat
    model.hasil, model.perilaku = "sesuai", "sesuai"
    model.save()
    return model
