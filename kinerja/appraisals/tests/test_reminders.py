"""The deadline e-mails: the rater a week before the rater's deadline, the day before and on
the day; the rater's superior on the first working day after it and before theirs; the
employee before signing is due; the keberatan's rater and superior before the decision is due;
the pimpinan for the regional head; nothing on a day off and nothing twice a day."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from kinerja.appraisals import rules, selectors, services
from kinerja.appraisals.models import Evaluation, ReminderSent
from kinerja.appraisals.tests.data import Q1_END, opened_q1, rate, viewer
from kinerja.core import calendar
from kinerja.org.models import Employee

pytestmark = pytest.mark.django_db

ONE_DAY = datetime.timedelta(days=1)


@pytest.fixture
def q1(personas):
    for key in ("staf", "kasi", "kabid", "kadinkes"):
        Employee.objects.filter(pk=personas.employees[key].pk).update(email=f"{key}@contoh.go.id")
    personas.users["pimpinan"].__class__.objects.filter(pk=personas.users["pimpinan"].pk).update(
        email="bupati@contoh.go.id"
    )
    _chain, period, due = opened_q1(personas)
    return personas, period, due


def _lines(personas, day, address) -> list:
    """The lines of the day's e-mail to `address`, in English, which the tests read."""
    with translation.override("en"):
        return selectors.reminders_due(personas.agency.pk, day).get(address, [])


def _working_days(start, end):
    day = start
    while day <= end:
        if calendar.is_working_day(day):
            yield day
        day += ONE_DAY


def test_the_rater_hears_a_week_before_the_day_before_and_on_the_deadline_day(q1):
    personas, period, due = q1
    told = [
        day
        for day in _working_days(period.end_date + ONE_DAY, due.rater + 3 * ONE_DAY)
        if any("hand over" in line.text for line in _lines(personas, day, "kasi@contoh.go.id"))
    ]
    assert [rules.working_days_left(day, due.rater) for day in told] == [5, 1, 0]
    assert told[-1] == due.rater


def test_nothing_is_sent_on_a_day_off(q1):
    personas, _period, due = q1
    saturday = due.rater - datetime.timedelta(days=(due.rater.weekday() + 2) % 7)
    assert saturday.weekday() == 5
    assert selectors.reminders_due(personas.agency.pk, saturday) == {}


def test_a_rated_evaluation_still_reminds_until_it_is_signed(q1):
    personas, period, due = q1
    staf = Evaluation.objects.get(employee=personas.employees["staf"], period=period)
    rate(personas, staf, "kasi", Q1_END)
    assert _lines(personas, due.rater, "kasi@contoh.go.id")
    staf.refresh_from_db()
    _handed_over(personas, staf, due.rater)
    assert not _lines(personas, due.rater, "kasi@contoh.go.id")


def test_the_superior_hears_on_the_first_working_day_after_the_raters_deadline(q1):
    personas, _period, due = q1

    def passed(day):
        return [
            line for line in _lines(personas, day, "kabid@contoh.go.id") if "passed" in line.text
        ]

    assert passed(due.rater) == []
    first = next(_working_days(due.rater + ONE_DAY, due.superior))
    [line] = passed(first)
    assert line.deadline == due.superior
    second = next(_working_days(first + ONE_DAY, due.superior))
    assert passed(second) == [] or rules.working_days_left(second, due.superior) in rules.REMIND_AT
    assert passed(due.superior) and passed(due.superior + 3 * ONE_DAY) == []


def test_the_pimpinan_hears_for_the_head_the_regional_head_rates(q1):
    personas, _period, due = q1
    lines = _lines(personas, due.rater, "bupati@contoh.go.id")
    assert len(lines) == 1 and lines[0].text.startswith("1 ")


def _handed_over(personas, evaluation, day):
    """Finalised and signed by the rater on `day`, inside the rater's deadline."""
    kasi = viewer(personas, "kasi", day)
    evaluation = services.evaluation_finalise(actor=kasi, evaluation=evaluation)
    return services.evaluation_sign(actor=kasi, evaluation=evaluation)


def test_the_employee_hears_before_signing_is_due(q1):
    personas, period, _due = q1
    staf = Evaluation.objects.get(employee=personas.employees["staf"], period=period)
    staf = rate(personas, staf, "kasi", Q1_END)
    received = datetime.date(2026, 4, 6)
    staf = _handed_over(personas, staf, received)
    services.evaluation_acknowledge(actor=viewer(personas, "staf", received), evaluation=staf)
    deadline = rules.employee_sign_deadline(received, False)
    told = [
        day
        for day in _working_days(received, deadline + 3 * ONE_DAY)
        if _lines(personas, day, "staf@contoh.go.id")
    ]
    assert [rules.working_days_left(day, deadline) for day in told] == [5, 1, 0]


def test_the_keberatan_reminds_the_rater_then_the_superior(q1):
    personas, period, _due = q1
    received = datetime.date(2026, 4, 6)
    staf = Evaluation.objects.get(employee=personas.employees["staf"], period=period)
    staf = _handed_over(personas, rate(personas, staf, "kasi", Q1_END), received)
    staf = services.evaluation_acknowledge(
        actor=viewer(personas, "staf", received), evaluation=staf
    )
    keberatan = services.keberatan_file(
        actor=viewer(personas, "staf", received), evaluation=staf, reasons="Capaian melampaui."
    )
    deadline = rules.keberatan_decision_deadline(received)
    assert any("explanation" in x.text for x in _lines(personas, deadline, "kasi@contoh.go.id"))
    services.keberatan_hear_rater(
        actor=viewer(personas, "kasi", received), keberatan=keberatan, explanation="Sesuai bukti."
    )
    assert not any("explanation" in x.text for x in _lines(personas, deadline, "kasi@contoh.go.id"))
    assert any("decision" in x.text for x in _lines(personas, deadline, "kabid@contoh.go.id"))
    assert not _lines(personas, deadline + 3 * ONE_DAY, "kabid@contoh.go.id")


def test_one_email_per_address_and_day_and_none_without_an_address(q1, settings):
    personas, _period, due = q1
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Employee.objects.filter(pk=personas.employees["kabid"].pk).update(email="")
    sent = services.reminders_send(today=due.rater)
    addresses = sorted(m.to[0] for m in mail.outbox)
    assert sent == len(mail.outbox) == len(addresses)
    assert "kasi@contoh.go.id" in addresses and "kabid@contoh.go.id" not in addresses
    kasi_mail = next(m for m in mail.outbox if m.to == ["kasi@contoh.go.id"])
    assert "/penilaian/meja/" in kasi_mail.body and "19" not in kasi_mail.subject
    assert services.reminders_send(today=due.rater) == 0
    assert ReminderSent.objects.filter(sent_on=due.rater).count() == sent
    call_command("send_reminders")  # today is not a reminder day: it runs and sends nothing new


def test_the_reminders_cost_the_same_queries_for_more_evaluations(q1):
    personas, _period, due = q1
    with CaptureQueriesContext(connection) as captured:
        selectors.reminders_due(personas.agency.pk, due.rater)
    assert len(captured) <= 8
