"""Run the day's complaint reminders and escalations (once a day, e.g. from cron)."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from kinerja.complaints import services


class Command(BaseCommand):
    help = (
        "Remind the handlers of each open complaint within a working day of its last day, and "
        "escalate each open complaint past it (shown on their Beranda and in the inbox). Run "
        "once a day; a second run the same day adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="The day to run for (YYYY-MM-DD); today by default.")

    def handle(self, *args, **options):
        today = None
        if options.get("date"):
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError("--date must be written YYYY-MM-DD.") from None
        done = services.complaints_remind(today=today)
        self.stdout.write(f"{done['reminded']} complaints reminded, {done['escalated']} escalated.")
