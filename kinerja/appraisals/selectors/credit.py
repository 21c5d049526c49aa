"""Angka kredit of a functional official: per year the predikat of the annual evaluation, the
months at each jenjang and the credit earned, and the running total at the jenjang held now
against what the next rank (pangkat) and the next jenjang need (domain.md 1.10)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.http import Http404

from kinerja.appraisals import rules
from kinerja.appraisals.models import Evaluation, EvaluationStatus
from kinerja.appraisals.selectors.core import evaluations_visible_to
from kinerja.org.models import Assignment, Employee, Jenjang, PositionKind
from kinerja.org.selectors import active_on

# The annual predikat counts once the rater has finalised it.
DECIDED = [
    EvaluationStatus.FINALISED,
    EvaluationStatus.SIGNED,
    EvaluationStatus.ACKNOWLEDGED,
    EvaluationStatus.COMPLETED,
]


@dataclass
class CreditYear:
    year: int
    predikat: str  # "" while the annual evaluation is not decided
    months: dict[str, int]
    credit: Decimal | None

    @property
    def predikat_label(self) -> str:
        return rules.PREDIKAT_LABELS[rules.Predikat(self.predikat)] if self.predikat else ""

    @property
    def jenjang_labels(self) -> list[tuple[str, int]]:
        return [(JENJANG_LABELS.get(j, j), n) for j, n in self.months.items()]


@dataclass
class CreditPage:
    employee: Employee
    jenjang: str  # held now; "" when the employee holds no functional post
    since: object
    years: list[CreditYear] = field(default_factory=list)
    total: Decimal = Decimal("0.00")  # earned at the jenjang held now

    @property
    def jenjang_label(self) -> str:
        return JENJANG_LABELS.get(self.jenjang, "")

    @property
    def thresholds(self) -> list[tuple[str, int, Decimal]]:
        """(what, needed, still missing) for the next rank and the next jenjang."""
        if not self.jenjang:
            return []
        rank, grade = rules.THRESHOLDS[rules.Jenjang(self.jenjang)]
        found = [(RANK, rank, max(Decimal(rank) - self.total, Decimal("0.00")))]
        if grade is not None:
            found.append((GRADE, grade, max(Decimal(grade) - self.total, Decimal("0.00"))))
        return found


RANK, GRADE = "rank", "jenjang"
JENJANG_LABELS = dict(Jenjang.choices)
ONE_DAY = datetime.timedelta(days=1)


def get_credit_employee(viewer, pk: int) -> Employee:
    """The employee whose angka kredit the viewer reads: oneself, anyone of the agency for
    BKPSDM, pimpinan and auditors, the people working today in a unit admin's units, and those
    whose evaluations the viewer reads (raters, leaders above). Out of scope: 404."""
    if not viewer.is_authenticated:
        raise Http404
    employee = Employee.objects.filter(pk=pk, agency_id=viewer.agency_id).first()
    if employee is None:
        raise Http404
    if pk == viewer.employee_id or viewer.sees_whole_agency:
        return employee
    if viewer.admin_unit_paths:
        units = Q(pk__in=[])
        for path in viewer.admin_unit_paths:
            units |= Q(position__unit__path__startswith=path)
        if Assignment.objects.filter(active_on(viewer.today), units, employee_id=pk).exists():
            return employee
    if not evaluations_visible_to(viewer).filter(employee_id=pk).exists():
        raise Http404
    return employee


def credit_page(viewer, employee: Employee) -> CreditPage:
    """Three queries: the functional posts held, the annual evaluations, nothing per year."""
    spans = list(
        Assignment.objects.filter(employee=employee, position__kind=PositionKind.FUNGSIONAL)
        .exclude(position__jenjang="")
        .order_by("start_date", "pk")
        .values_list("start_date", "end_date", "position__jenjang")
    )
    today = viewer.today
    current = [s for s in spans if s[0] <= today and (s[1] is None or s[1] >= today)]
    jenjang = current[-1][2] if current else ""
    # the jenjang held now, since the first day of its unbroken run
    since = None
    if jenjang:
        since = current[-1][0]
        for start, end, held in reversed(spans):
            if held == jenjang and end is not None and end >= since - ONE_DAY and start < since:
                since = start
    annual = {
        year: predikat
        for year, predikat in Evaluation.objects.filter(
            employee=employee, is_annual=True, status__in=DECIDED
        ).values_list("year", "predikat")
    }
    first_year = min((s[0].year for s in spans), default=today.year)
    page = CreditPage(employee=employee, jenjang=jenjang, since=since)
    for year in range(today.year, first_year - 1, -1):
        months = rules.months_by_jenjang(spans, year)
        if not months:
            continue
        predikat = annual.get(year, "")
        credit = rules.credit_of_year(predikat, months) if predikat else None
        page.years.append(CreditYear(year, predikat, months, credit))
        if credit is not None and jenjang and since is not None and year >= since.year:
            at_current = {j: n for j, n in months.items() if j == jenjang}
            page.total += rules.credit_of_year(predikat, at_current) if at_current else 0
    return page
