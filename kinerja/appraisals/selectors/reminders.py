"""What the day's deadline e-mails say, and to whom (PermenPANRB 6/2022 Lampiran p.114-119):
the rater before the rater's deadline, the rater's superior once the evaluation has passed to
them and before theirs, the employee before signing is due, and the keberatan's rater and
superior before the decision is due. Seven queries per agency, whatever its size."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kinerja.accounts.models import Role, User
from kinerja.appraisals import rules
from kinerja.appraisals.models import Evaluation, EvaluationStatus, Keberatan, KeberatanStatus
from kinerja.core import calendar
from kinerja.iku.models import Period
from kinerja.iku.selectors.calendar import days_off
from kinerja.org.models import Employee

PENDING = [EvaluationStatus.OPEN, EvaluationStatus.RATED, EvaluationStatus.FINALISED]
LOOK_BACK = datetime.timedelta(days=150)  # longer than any deadline runs after its start
PIMPINAN = "pimpinan"  # the recipients who act for the regional head


@dataclass(frozen=True)
class ReminderLine:
    text: str
    path: str
    deadline: datetime.date


def _when(day: datetime.date) -> str:
    return date_format(day, "j F Y")


def _evaluation_lines(agency_id, today, off, add) -> None:
    rows = list(
        Evaluation.objects.filter(
            agency_id=agency_id,
            status__in=PENDING,
            period__end_date__gte=today - LOOK_BACK,
            period__end_date__lt=today,
        )
        .order_by()
        .values("period_id", "period__end_date", "rater_id", "rater_superior_id")
        .annotate(n=Count("pk"))
    )
    periods = Period.objects.in_bulk({r["period_id"] for r in rows})
    for row in rows:
        period, n = periods[row["period_id"]], row["n"]
        due = rules.deadlines(row["period__end_date"], off)
        path = reverse("appraisals:desk", args=[period.pk])
        if rules.rater_may_act(today, due):
            if rules.reminder_due(rules.working_days_left(today, due.rater, off)):
                text = ngettext(
                    "%(n)s evaluation of %(period)s to rate, sign and hand over by %(date)s",
                    "%(n)s evaluations of %(period)s to rate, sign and hand over by %(date)s",
                    n,
                ) % {"n": n, "period": period.label, "date": _when(due.rater)}
                add(row["rater_id"] or PIMPINAN, ReminderLine(text, path, due.rater))
            continue
        if today > due.superior:
            continue
        first_day = rules.working_days_left(today, due.rater, off) == -1
        if first_day or rules.reminder_due(rules.working_days_left(today, due.superior, off)):
            text = ngettext(
                "%(n)s evaluation of %(period)s has passed to you: the rater did not finish by "
                "%(missed)s; evaluate, sign and hand it over by %(date)s",
                "%(n)s evaluations of %(period)s have passed to you: the rater did not finish by "
                "%(missed)s; evaluate, sign and hand them over by %(date)s",
                n,
            ) % {
                "n": n,
                "period": period.label,
                "missed": _when(due.rater),
                "date": _when(due.superior),
            }
            add(row["rater_superior_id"] or PIMPINAN, ReminderLine(text, path, due.superior))


def _signature_lines(agency_id, today, off, add) -> None:
    rows = Evaluation.objects.filter(
        agency_id=agency_id,
        status=EvaluationStatus.ACKNOWLEDGED,
        acknowledged_on__gte=today - LOOK_BACK,
    ).values_list("employee_id", "acknowledged_on", "set_by_superior", "period__kind")
    path = reverse("appraisals:mine")
    for employee_id, received, by_superior, _kind in rows:
        deadline = rules.employee_sign_deadline(received, by_superior, off)
        if today <= deadline and rules.reminder_due(rules.working_days_left(today, deadline, off)):
            text = _("Sign your evaluation document and return it by %(date)s") % {
                "date": _when(deadline)
            }
            add(employee_id, ReminderLine(text, path, deadline))


def _keberatan_lines(agency_id, today, off, add) -> None:
    rows = Keberatan.objects.filter(
        agency_id=agency_id,
        status__in=[KeberatanStatus.FILED, KeberatanStatus.RATER_HEARD],
        filed_on__gte=today - LOOK_BACK,
    ).values_list(
        "evaluation_id",
        "status",
        "filed_on",
        "evaluation__rater_id",
        "evaluation__rater_superior_id",
    )
    for evaluation_id, status, filed_on, rater_id, superior_id in rows:
        deadline = rules.keberatan_decision_deadline(filed_on, off)
        if today > deadline or not rules.reminder_due(
            rules.working_days_left(today, deadline, off)
        ):
            continue
        path = reverse("appraisals:keberatan", args=[evaluation_id])
        if status == KeberatanStatus.FILED:
            text = _(
                "A keberatan against your evaluation waits for your explanation; it must be "
                "decided by %(date)s"
            ) % {"date": _when(deadline)}
            add(rater_id or PIMPINAN, ReminderLine(text, path, deadline))
        else:
            text = _("A keberatan waits for your decision by %(date)s") % {"date": _when(deadline)}
            add(superior_id or PIMPINAN, ReminderLine(text, path, deadline))


def reminders_due(agency_id: int, today: datetime.date) -> dict[str, list[ReminderLine]]:
    """E-mail address -> the lines of the day's reminder, soonest deadline first; nothing on
    a day off. People without an address are left out (Beranda shows them the same items)."""
    off = days_off(agency_id, today - LOOK_BACK, today + LOOK_BACK)
    if not calendar.is_working_day(today, off):
        return {}  # the Friday before a Monday deadline already said "tomorrow"
    by_recipient: dict[int | str, list[ReminderLine]] = {}

    def add(recipient, line):
        by_recipient.setdefault(recipient, []).append(line)

    _evaluation_lines(agency_id, today, off, add)
    _signature_lines(agency_id, today, off, add)
    _keberatan_lines(agency_id, today, off, add)
    if not by_recipient:
        return {}
    addresses: dict[int | str, list[str]] = {}
    employee_ids = [r for r in by_recipient if r != PIMPINAN]
    for pk, own, login in Employee.objects.filter(pk__in=employee_ids).values_list(
        "pk", "email", "user__email"
    ):
        if own or login:
            addresses[pk] = [own or login]
    if PIMPINAN in by_recipient:
        addresses[PIMPINAN] = sorted(
            set(
                User.objects.filter(
                    is_active=True,
                    role_grants__agency_id=agency_id,
                    role_grants__role=Role.PIMPINAN,
                )
                .exclude(email="")
                .values_list("email", flat=True)
            )
        )
    found: dict[str, list[ReminderLine]] = {}
    for recipient, lines in by_recipient.items():
        for address in addresses.get(recipient, []):
            found.setdefault(address, []).extend(lines)
    return {a: sorted(lines, key=lambda line: line.deadline) for a, lines in found.items()}
