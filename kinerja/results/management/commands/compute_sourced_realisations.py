"""Compute again the realisations Kinerja takes from its own figures (run daily, e.g. from cron)."""

from django.core.management.base import BaseCommand

from kinerja.iku.services import sources as organisation
from kinerja.results.services import sources as individual


class Command(BaseCommand):
    help = (
        "For every organisation indicator and every RHK indicator that takes its realisation "
        "from a figure Kinerja computes (IKM, complaints answered on time, forum commitments), "
        "compute each open period again; a changed figure becomes a new recorded version. Run "
        "once a day."
    )

    def handle(self, *args, **options):
        written = organisation.sourced_realisations_recompute()
        written += individual.sourced_realisations_recompute()
        self.stdout.write(f"{written} realisations computed.")
