"""Checks of what each capability's demo generator wrote, on one regency seeded for them all."""

import datetime

TODAY = datetime.date(2026, 5, 20)  # the day the shared demo regency is seeded on
