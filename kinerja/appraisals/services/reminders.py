"""The day's deadline e-mails of the evaluation: one message per address and day, listing
what is due (see `selectors.reminders_due`). Run daily by the task worker's schedule or by
`manage.py send_reminders`; running it again the same day sends nothing twice."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import ngettext

from kinerja.appraisals import selectors
from kinerja.appraisals.models import ReminderSent
from kinerja.org.models import Agency

logger = logging.getLogger(__name__)


def _message(address: str, lines: list) -> EmailMessage:
    subject = ngettext(
        "Kinerja: %(n)s deadline is near", "Kinerja: %(n)s deadlines are near", len(lines)
    ) % {"n": len(lines)}
    body = render_to_string(
        "appraisals/email/reminders.txt", {"lines": lines, "site": settings.SITE_URL}
    )
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address])


def reminders_send(*, today: datetime.date | None = None, agency_id: int | None = None) -> int:
    """Send the day's reminders of every agency (or of one); answers the number of e-mails."""
    today = today or timezone.localdate()
    agencies = Agency.objects.order_by("pk")
    if agency_id is not None:
        agencies = agencies.filter(pk=agency_id)
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for agency in agencies:
            due = selectors.reminders_due(agency.pk, today)
            done = set(
                ReminderSent.objects.filter(agency=agency, sent_on=today).values_list(
                    "recipient", flat=True
                )
            )
            waiting = {a: lines for a, lines in due.items() if a not in done}
            if not waiting:
                continue
            messages = [_message(address, lines) for address, lines in waiting.items()]
            get_connection().send_messages(messages)
            ReminderSent.objects.bulk_create(
                [
                    ReminderSent(agency=agency, recipient=a, sent_on=today, lines=len(lines))
                    for a, lines in waiting.items()
                ],
                ignore_conflicts=True,
            )
            sent += len(messages)
            logger.info("deadline reminders: %s e-mails for agency %s", len(messages), agency.pk)
    return sent
