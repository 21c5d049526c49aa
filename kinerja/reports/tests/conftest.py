"""Fixtures of the report tests; the data is built in lkjip_data.py."""

import pytest

from kinerja.iku.tests import factories as f
from kinerja.reports.tests.lkjip_data import build_lkjip_year, build_yankes_agreement


@pytest.fixture
def lkjip_year(personas):
    return build_lkjip_year(personas)


@pytest.fixture
def yankes_agreement(personas):
    """A signed PK of the Bidang Pelayanan Kesehatan (kabid with kadinkes)."""
    f.performance_year(personas.agency, 2025)
    return build_yankes_agreement(personas)
