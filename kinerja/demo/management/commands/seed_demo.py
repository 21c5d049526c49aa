"""`manage.py seed_demo`: build the deterministic demo regency (or province)."""

import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from kinerja.demo import generator
from kinerja.org.models import Agency


class Command(BaseCommand):
    help = (
        "Build a demo pemda with units, positions, employees, assignment histories and demo "
        "logins. The same --seed and --size always give the same data."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--size",
            choices=list(generator.SIZES),
            default="small",
            help="small (~300 employees), regency (~6,000), province (~60,000)",
        )
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing when any agency exists already"
        )
        parser.add_argument(
            "--agency-code",
            default=None,
            help="code of the new agency (default: sukamaju; nusantara-raya for the province)",
        )

    def handle(self, *args, size, seed: int, if_empty: bool, agency_code, **options):
        if if_empty and Agency.objects.exists():
            self.stdout.write("The database already holds an agency; no demo data was added.")
            return
        code = agency_code or generator.default_agency_code(size)
        if Agency.objects.filter(code=code).exists():
            raise CommandError(
                f"An agency with code {code!r} exists already; choose another --agency-code."
            )
        started = time.perf_counter()
        try:
            result = generator.seed(size=size, seed=seed, agency_code=code)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        counts = result.counts
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.agency.name} ({code}): {counts['employees']:,} employees, "
                f"{counts['positions']:,} positions, {counts['units']:,} units, "
                f"{counts['assignments']:,} assignments in {time.perf_counter() - started:.1f} s."
            )
        )
        self.stdout.write("Run `python manage.py demo_logins` to list the demo logins.")
