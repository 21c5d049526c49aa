"""`manage.py demo_logins`: print the demo logins and their password."""

from django.core.management.base import BaseCommand

from kinerja.demo.generator import DEMO_PASSWORD, existing_logins

COLUMNS = (
    ("username", "Login"),
    ("nip", "NIP"),
    ("role", "Role"),
    ("name", "Name"),
    ("unit", "Unit"),
)


class Command(BaseCommand):
    help = "List the demo logins made by seed_demo, with their password."

    def handle(self, *args, **options):
        rows = existing_logins()
        if not rows:
            self.stdout.write("There is no demo data: run `python manage.py seed_demo` first.")
            return
        agencies = list(dict.fromkeys(row.agency for row in rows))
        for agency in agencies:
            table = [
                [str(getattr(row, attr)) for attr, _title in COLUMNS]
                for row in rows
                if row.agency == agency
            ]
            header = [title for _attr, title in COLUMNS]
            widths = [
                max(len(cell) for cell in column) for column in zip(header, *table, strict=True)
            ]
            self.stdout.write(self.style.MIGRATE_HEADING(f"Demo logins of {agency}"))
            self.stdout.write(_line(header, widths))
            self.stdout.write(_line(["-" * w for w in widths], widths))
            for cells in table:
                self.stdout.write(_line(cells, widths))
            self.stdout.write("")
        self.stdout.write(f"Password of every demo login: {DEMO_PASSWORD}")
        self.stdout.write("Employees can also log in with their NIP instead of the login name.")


def _line(cells, widths) -> str:
    return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()
