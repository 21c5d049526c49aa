"""Create the monthly partitions of the daily activity table for a year (PostgreSQL).

Run it once a year from cron, before January: `python manage.py activity_partitions --year 2027`.
On SQLite the table is not partitioned and the command says so.
"""

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from kinerja.activities import partitions


class Command(BaseCommand):
    help = "Create the monthly partitions of the daily activity table for a year (PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=None, help="The year (default: next).")

    def handle(self, *args, year=None, **options):
        year = year or timezone.localdate().year + 1
        if not 2000 <= year <= 2100:
            self.stderr.write("The year must be between 2000 and 2100.")
            return
        if not partitions.is_partitioned(connection):
            self.stdout.write("The activity table is not partitioned on this database.")
            return
        with transaction.atomic():
            created = partitions.create_month_partitions(connection, year)
        self.stdout.write(f"{len(created)} partitions created for {year}.")
