"""The SKM report as a PDF (PermenPANRB 14/2017): rendered offline by WeasyPrint from the
report's content, the frozen snapshot of a published report or, for a draft, the figures of
today marked as a draft."""

from __future__ import annotations

import datetime

from kinerja.reports import pdf
from kinerja.surveys.selectors.reports import report_data

TEMPLATE = "surveys/reports/document.html"


def _day(value: str | None):
    return datetime.date.fromisoformat(value) if value else None


def report_context(report) -> dict:
    data = report_data(report)
    for group in (data["followup"], data["previous_followup"]["items"]):
        for row in group:
            row["due"] = _day(row["due_date"])
            row["done"] = _day(row["done_on"])
    for item in data["suggestions"]["items"]:
        item["date"] = _day(item["day"])
    return {"report": report, "data": data, "figures": data["figures"]}


def report_pdf(report) -> bytes:
    return pdf.render_pdf(TEMPLATE, report_context(report))


def report_filename(report) -> str:
    code = report.unit.code.lower().replace(".", "-")
    return f"laporan-skm-{code}-{report.year}-{report.kind}-{report.number}-v{report.version}"
