"""The PDF of a published version: the period's figures as they were frozen, on the LKjIP
report's print machinery (`kinerja.reports.pdf`, offline WeasyPrint). A correction prints its
version and its reason. The public pages call `version_pdf` through their own URL."""

from __future__ import annotations

from django.utils import timezone

from kinerja.iku import rules as iku_rules
from kinerja.iku.models import OrgPredikatChoice
from kinerja.iku.models.calendar import PeriodKind
from kinerja.reports import pdf
from kinerja.surveys.rules import ELEMENT_NAMES

TEMPLATE = "portal/staff/document.html"

_KIND_WORDS = {PeriodKind.MONTH: "Bulan", PeriodKind.QUARTER: "Triwulan", PeriodKind.YEAR: "Tahun"}
_ROMAN = ["I", "II", "III", "IV"]
_ELEMENTS = {str(element): str(name) for element, name in ELEMENT_NAMES.items()}
_REASONS = {
    "small_group": "kelompok terlalu kecil",
    "protects_another": "melindungi kelompok kecil lain",
}


def period_words(period: dict) -> str:
    """ "Triwulan II 2026", "Bulan 03 2026", "Tahun 2026" (the document is in Indonesian)."""
    kind, number, year = period["kind"], period["number"], period["year"]
    if kind == PeriodKind.YEAR:
        return f"Tahun {year}"
    if kind == PeriodKind.QUARTER:
        return f"Triwulan {_ROMAN[number - 1]} {year}"
    return f"{_KIND_WORDS[PeriodKind.MONTH]} {number:02d}/{year}"


def _category(capaian, bands) -> str:
    if capaian is None:
        return ""
    try:
        return iku_rules.category(capaian, bands)
    except ValueError:
        return ""


def version_context(version) -> dict:
    data = version.snapshot
    bands = iku_rules.validate_bands(
        [
            iku_rules.Band(b["label"], b["lower"], b.get("lower_inclusive", True))
            for b in data["category_bands"]
        ]
    )
    units = {u["id"]: u for u in data["units"]}
    goals = {g["id"]: g for g in data["goals"]}
    predikat = dict(OrgPredikatChoice.choices)
    unit_rows = [
        {
            **u,
            "category": _category(u["capaian"], bands),
            "predikat_label": predikat.get(u["predikat"], "") if u["predikat"] else "",
        }
        for u in data["units"]
        if u["capaian"] is not None or u["predikat"]
    ]
    indicator_rows = [
        {
            **i,
            "unit_name": units.get(i["unit_id"], {}).get("name", ""),
            "goal_name": goals.get(i["goal_id"], {}).get("name", ""),
            "category": _category(i["capaian"], bands),
            "lower_is_better": i["polarity"] == "lower",
        }
        for i in data["indicators"]
    ]
    satisfaction_rows = [
        {
            **s,
            "unit_name": units.get(s["unit_id"], {}).get("name", ""),
            "weakest_names": [_ELEMENTS.get(key, key) for key in s["weakest"]],
            "reason": _REASONS.get(s["suppressed"] or "", ""),
        }
        for s in data["satisfaction"]
    ]
    complaint_rows = [
        {
            **c,
            "unit_name": units.get(c["unit_id"], {}).get("name", "") if c["unit_id"] else "",
            "reason": _REASONS.get(c["suppressed"] or "", ""),
        }
        for c in data["complaints"]
    ]
    forum_rows = [
        {**f, "unit_name": units.get(f["unit_id"], {}).get("name", "")} for f in data["forums"]
    ]
    return {
        "version": version,
        "data": data,
        "period_words": period_words(data["period"]),
        "agency_category": _category(data["capaian"], bands),
        "units": unit_rows,
        "indicators": indicator_rows,
        "satisfaction": satisfaction_rows,
        "complaints": complaint_rows,
        "forums": forum_rows,
        "bands": bands,
        "published_on": timezone.localtime(version.published_at).date(),
        "printed_on": timezone.localdate(),
    }


def version_pdf(version) -> bytes:
    """The PDF of one published version (`PublicationVersion`), from its frozen figures."""
    return pdf.render_pdf(TEMPLATE, version_context(version))


def version_filename(version) -> str:
    data = version.snapshot
    period = data["period"]
    return (
        f"kinerja-{data['agency']['code']}-{period['year']}-{period['kind']}-{period['number']}"
        f"-v{version.version}"
    )
