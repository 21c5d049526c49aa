"""Test data of the daily activity log: the personas' plans (staf's set in January, rated by
kasi) on Monday 4 May 2026."""

from __future__ import annotations

import datetime

from kinerja.activities import services
from kinerja.results.tests.data import IN_MAY, plans, viewer

D = datetime.date
MONDAY = IN_MAY  # 4 May 2026
LONG_TEXT = "Menyusun laporan pelayanan kesehatan primer bulan April"


def setup_plans(personas):
    return plans(personas)


def staf_rhk_key(chain) -> str:
    return str(chain["staf"].rhks.order_by("pk").first().key)


def log(personas, key="staf", today=MONDAY, **values):
    values.setdefault("description", LONG_TEXT)
    values.setdefault("minutes", 60)
    return services.activity_log(
        actor=viewer(personas, key, today), employee=personas.employees[key], **values
    )
