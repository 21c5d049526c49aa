"""Pure rules of organisation performance (IKU, PK, LKjIP, SAKIP): no Django, no database.

One module an area, every public name re-exported here (``from kinerja.iku import rules;
rules.capaian(...)``): ``achievement`` (capaian of one indicator), ``aggregation`` (means,
period consolidation, the roll-up indicator → goal → unit), ``bands`` (category bands, SAKIP
grade), ``predikat`` (organisation predikat).

Sources are named in each docstring; "domain.md" is the project's domain reference, which gives
the regulation, page and confidence level behind every rule cited here.

Conventions shared by every function of the package:

- Numbers are accepted as ``Decimal``, ``int``, ``float`` or numeric strings ("12.5", " 3 ",
  "1E3"). Floats go through ``str()`` so that ``0.1`` means ``Decimal("0.1")``, not its binary
  approximation. Booleans, NaN, infinities and strings such as "12,5" raise ``ValueError``: a
  decimal comma is ambiguous with a thousands separator, so forms must normalise it first.
- ``None`` means "no data": it is never read as zero.
- A configuration error (unknown polarity, formula, rounding or consolidation rule, bad band table)
  raises ``ValueError`` even when the data are missing, so that it is caught at the first call.
- Arithmetic runs in a private decimal context (50 significant digits), independent of the
  caller's context; results are rounded only at the end.
"""

from kinerja.iku.rules._numbers import HUNDRED, ZERO, Rounding
from kinerja.iku.rules.achievement import LowerIsBetterFormula, Polarity, TargetShape, capaian
from kinerja.iku.rules.aggregation import (
    Consolidation,
    Figure,
    RolledUp,
    consolidate,
    is_partial,
    mean,
    roll_up,
)
from kinerja.iku.rules.bands import (
    AKIP_GRADE_BANDS,
    AKIP_GRADE_LABELS,
    LKJIP_REGENCY_EXAMPLE_BANDS,
    PERMENDAGRI_86_2017_BANDS,
    AkipGrade,
    Band,
    akip_grade,
    category,
    validate_bands,
)
from kinerja.iku.rules.predikat import (
    DEFAULT_ORG_PREDIKAT_BANDS,
    ChosenOrgResult,
    OrgPredikat,
    annual_org_result_for,
    org_predikat,
)

__all__ = [
    "AKIP_GRADE_BANDS",
    "AKIP_GRADE_LABELS",
    "DEFAULT_ORG_PREDIKAT_BANDS",
    "HUNDRED",
    "LKJIP_REGENCY_EXAMPLE_BANDS",
    "PERMENDAGRI_86_2017_BANDS",
    "ZERO",
    "AkipGrade",
    "Band",
    "ChosenOrgResult",
    "Consolidation",
    "Figure",
    "LowerIsBetterFormula",
    "OrgPredikat",
    "Polarity",
    "RolledUp",
    "Rounding",
    "TargetShape",
    "akip_grade",
    "annual_org_result_for",
    "capaian",
    "category",
    "consolidate",
    "is_partial",
    "mean",
    "org_predikat",
    "roll_up",
    "validate_bands",
]
