"""Open the evaluations of a period for every employee with a plan in force in it."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from kinerja.appraisals import services
from kinerja.iku.models import Period


class Command(BaseCommand):
    help = (
        "Open the evaluations of one period (a month, a quarter or the year) of an agency: "
        "--agency CODE --year 2026 --period quarter:1 (or month:3, or year)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--agency", required=True, help="The agency's code.")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--period", required=True, help="quarter:N, month:N or year.")

    def handle(self, *args, agency, year, period, **options):
        kind, _sep, number = period.partition(":")
        rows = Period.objects.filter(
            performance_year__agency__code=agency, performance_year__year=year, kind=kind
        )
        if kind != "year":
            if not number.isdigit():
                raise CommandError("Name the period as quarter:N or month:N.")
            rows = rows.filter(number=int(number))
        found = rows.first()
        if found is None:
            raise CommandError(f"No period {period} in {year} for agency {agency}.")
        try:
            opened = services.evaluations_open(actor=None, period=found)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"{opened} evaluations opened for {found.label}.")
