"""The semester pages of study leave show the predikat an IPK suggests by the evaluation's
guidance tables, which the evaluation app gives the realisations app when it is ready."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from kinerja.appraisals import rules
from kinerja.results.selectors.study import guidance_predikat


@pytest.mark.parametrize("ipk", ["0.00", "2.75", "3.00", "3.51", "4.00"])
def test_the_guidance_on_the_semester_pages_is_the_evaluations_table(ipk):
    leave = SimpleNamespace(level="s1", accreditation="A")
    expected = rules.PREDIKAT_LABELS[rules.study_predikat(Decimal(ipk), "s1", "A")]
    assert guidance_predikat(leave, Decimal(ipk)) == str(expected)
