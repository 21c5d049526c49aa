"""The demo agency generator behind `manage.py seed_demo`.

names.py      personal and place names
people.py     NIP, titles, status and rank for a post
catalogue.py  building blocks of the OPD catalogue and the sizes
structure.py  the regency catalogue; structure_province.py the province one
plan.py       catalogue -> units, positions and seats in memory
staffing.py   people in seats, earlier posts, Plt., a delegation
logins.py     the demo logins
build.py      bulk writes in one transaction
"""

from kinerja.demo.generator.build import (
    DEFAULT_AGENCY_CODE,
    Blueprint,
    SeedResult,
    blueprint,
    default_agency_code,
    seed,
)
from kinerja.demo.generator.catalogue import SIZES
from kinerja.demo.generator.logins import DEMO_PASSWORD, LOGIN_KEYS, existing_logins

__all__ = [
    "DEFAULT_AGENCY_CODE",
    "DEMO_PASSWORD",
    "LOGIN_KEYS",
    "SIZES",
    "Blueprint",
    "SeedResult",
    "blueprint",
    "default_agency_code",
    "existing_logins",
    "seed",
]
