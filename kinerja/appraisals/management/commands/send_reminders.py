"""Send the day's evaluation deadline e-mails (run once a day, e.g. from cron)."""

from django.core.management.base import BaseCommand

from kinerja.appraisals import services


class Command(BaseCommand):
    help = (
        "E-mail each rater, rater's superior and employee whose evaluation deadline is a week "
        "away, tomorrow or today, and each superior to whom an evaluation has just passed. "
        "Run once a day; a second run the same day sends nothing twice."
    )

    def handle(self, *args, **options):
        sent = services.reminders_send()
        self.stdout.write(f"{sent} reminder e-mails sent.")
