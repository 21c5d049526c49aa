"""Pages, API answers, documents and exports show personal data by one rule.

For every persona and every page, API answer, document (PDF) and export (Excel, ZIP) that can
name an employee, a full NIP appears only where `org.permissions.may_see_personal_data` allows it:
the same answer the employee pages give for the same viewer. An official document prints the
NIPs of its signatories, but it is printed for its viewer: masked where the page masks them.
"""

import io
import re
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from kinerja.accounts.viewer import build_viewer
from kinerja.activities.tests.worklog_data import log
from kinerja.appraisals.tests.permission_world import TODAY as EVALUATED_ON
from kinerja.appraisals.tests.permission_world import built_world
from kinerja.org import permissions
from kinerja.org.models import Employee
from kinerja.reports.tests.conftest import yankes_agreement  # noqa: F401 (a fixture)
from kinerja.skp import services
from kinerja.skp.tests.factories import YEAR, add_result, chain_of_plans, start_skp
from kinerja.skp.tests.review_data import freeze_today

pytestmark = pytest.mark.django_db

PERSONAS = [
    "dokter",
    "kasi",
    "staf",
    "kabid",
    "kadinkes",
    "bkpsdm",
    "pimpinan",
    "auditor",
    "outsider",
]


def visible_text(response) -> str:
    """What a reader of the answer sees, whatever its format, without white space."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return re.sub(r"\s+", "", _text(content, response.get("Content-Type", "")))


def _text(content: bytes, content_type: str) -> str:
    if content.startswith(b"%PDF-"):
        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    if content.startswith(b"PK"):
        archive = zipfile.ZipFile(io.BytesIO(content))
        if "spreadsheet" in content_type or "xl/workbook.xml" in archive.namelist():
            workbook = load_workbook(io.BytesIO(content))
            return " ".join(
                str(cell.value)
                for sheet in workbook.worksheets
                for row in sheet.iter_rows()
                for cell in row
                if cell.value is not None
            )
        return " ".join(_text(archive.read(name), "") + " " + name for name in archive.namelist())
    return content.decode("utf-8", errors="replace")


@pytest.fixture
def world(personas, yankes_agreement):  # noqa: F811
    """SKPs of kadinkes -> kabid -> kasi (set), staf (submitted) and dokter (draft), and a PK of
    the Bidang Yankes signed by kabid and kadinkes."""
    plans = chain_of_plans(personas)
    plans["staf"] = services.skp_submit(
        actor=None, skp=services.skp_start_dialogue(actor=None, skp=plans["staf"])
    )
    plans["dokter"] = start_skp(personas, "dokter")  # rated by the kabid
    add_result(plans["dokter"], "Pelayanan pasien terlaksana")
    return {"personas": personas, "plans": plans, "agreement": yankes_agreement}


def _documents(world) -> list[str]:
    personas, plans = world["personas"], world["plans"]
    units = personas.units
    keys = ("kadinkes", "kabid", "kasi", "staf", "dokter")
    urls = [reverse("skp:pdf", args=[plans[key].pk]) for key in keys]
    for unit in ("dinkes", "yankes", "primer"):
        urls.append(reverse("skp:unit_recap", args=[units[unit].pk]) + f"?year={YEAR}")
    urls.append(reverse("reports:pk_pdf", args=[world["agreement"].pk]))
    for fmt in ("pdf", "xlsx"):
        query = f"?format={fmt}"
        urls.append(reverse("reports:lkjip_unit", args=[units["yankes"].pk, 2025]) + query)
        urls.append(reverse("reports:lkjip_regency", args=[2025]) + query)
    return urls


def _pages(world) -> list[str]:
    personas, plans = world["personas"], world["plans"]
    urls = [reverse("home"), reverse("skp:list"), reverse("skp:inbox") + f"?year={YEAR}"]
    for key in ("kadinkes", "kabid", "kasi", "staf", "dokter"):
        urls.append(reverse("skp:detail", args=[plans[key].pk]))
        urls.append(reverse("skp:versions", args=[plans[key].pk]))
        urls.append(reverse("skp:edit", args=[plans[key].pk]))
        urls.append(reverse("skp:review", args=[plans[key].pk]))
    urls.append(reverse("org:employee_list"))
    for employee in personas.employees.values():
        urls.append(reverse("org:employee_detail", args=[employee.pk]))
    urls.append(reverse("iku:agreement", args=[world["agreement"].pk]))
    urls.append(reverse("iku:agreements") + "?year=2025")
    urls.append(reverse("reports:index"))
    api = "/api/v1"
    urls += [f"{api}/me", f"{api}/employees", f"{api}/skp/plans?year={YEAR}"]
    urls += [f"{api}/skp/plans/{plan.pk}" for key, plan in plans.items() if key != "rhk"]
    urls += [f"{api}/employees/{employee.pk}" for employee in personas.employees.values()]
    return urls


def _hidden_nips(viewer) -> dict[str, str]:
    """Full NIPs this viewer may not see, by employee name."""
    return {
        employee.full_name: employee.nip
        for employee in Employee.objects.all()
        if not permissions.may_see_personal_data(viewer, employee)
    }


def _check(client, world, persona, urls) -> int:
    user = world["personas"].users[persona]
    hidden = _hidden_nips(build_viewer(user))
    client.force_login(user)
    answered = 0
    for url in urls:
        response = client.get(url)
        if response.status_code != 200:
            continue
        answered += 1
        text = visible_text(response)
        leaked = [name for name, nip in hidden.items() if nip in text]
        assert leaked == [], f"{persona} reads the full NIP of {leaked} in {url}"
    return answered


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_document_or_export_prints_a_nip_its_viewer_may_not_see(client, world, persona):
    answered = _check(client, world, persona, _documents(world))
    if persona != "outsider":
        assert answered >= 1  # each persona of the agency gets at least one document


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_page_or_api_answer_shows_a_nip_its_viewer_may_not_see(client, world, persona):
    assert _check(client, world, persona, _pages(world)) >= 3


def test_the_check_reads_the_nips_of_every_format(client, world):
    """BKPSDM may see everyone: the same documents then show the full NIPs."""
    personas = world["personas"]
    client.force_login(personas.users["bkpsdm"])
    kasi, kabid = personas.employees["kasi"], personas.employees["kabid"]
    pdf = visible_text(client.get(reverse("skp:pdf", args=[world["plans"]["kasi"].pk])))
    assert kasi.nip in pdf and kabid.nip in pdf
    pk = visible_text(client.get(reverse("reports:pk_pdf", args=[world["agreement"].pk])))
    assert kabid.nip in pk


# --- execution and evaluation -----------------------------------------------------------------


@pytest.fixture(scope="module")
def evaluations(django_db_setup, django_db_blocker, tmp_path_factory):
    """The Q1 2026 evaluations of the chain (rated, finalised, signed, acknowledged), seen on
    2 April 2026, and a daily log entry of the staf."""
    with built_world(django_db_blocker, tmp_path_factory) as data:
        log(data.personas, "staf", today=EVALUATED_ON)
        yield data


def _evaluation_documents(world) -> list[str]:
    units = world.personas.units
    urls = []
    for pk in (world.staf, world.kasi, world.kabid, world.kadinkes):
        urls.append(reverse("appraisals:document_pdf", args=[pk]))
    urls.append(reverse("appraisals:recap", args=[world.q1]))
    for unit in ("dinkes", "yankes", "primer"):
        urls.append(reverse("appraisals:recap", args=[world.q1]) + f"?unit={units[unit].pk}")
        urls.append(reverse("activities:export") + f"?unit={units[unit].pk}&bulan=2026-03")
    return urls


def _evaluation_pages(world) -> list[str]:
    employees = world.personas.employees
    urls = [reverse("appraisals:mine"), reverse("appraisals:desk", args=[world.q1])]
    for pk in (world.staf, world.kasi, world.kabid, world.kadinkes):
        urls += [reverse("appraisals:detail", args=[pk])]
        urls += [reverse("appraisals:explanation", args=[pk])]
    for key in ("staf", "kasi", "dokter"):
        pk = employees[key].pk
        urls.append(reverse("results:periods", args=[pk, YEAR]))
        urls.append(reverse("activities:employee_month", args=[pk]) + "?bulan=2026-03")
        urls.append(reverse("feedback:employee", args=[pk]))
        urls.append(reverse("appraisals:credit", args=[pk]))
    urls += [reverse("results:to_verify"), reverse("activities:team_week")]
    urls += [reverse("activities:attendance"), reverse("feedback:coverage")]
    api = "/api/v1"
    urls += [f"{api}/appraisals/evaluations", f"{api}/results/realisations"]
    urls += [f"{api}/appraisals/evaluations/{world.staf}", f"{api}/activities/entries"]
    return urls


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_evaluation_document_or_attendance_export_prints_a_hidden_nip(
    client, evaluations, persona, monkeypatch
):
    freeze_today(monkeypatch, EVALUATED_ON)
    world = {"personas": evaluations.personas}
    answered = _check(client, world, persona, _evaluation_documents(evaluations))
    if persona in ("staf", "kasi", "bkpsdm"):
        assert answered >= 1


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_page_of_execution_and_evaluation_shows_a_hidden_nip(
    client, evaluations, persona, monkeypatch
):
    freeze_today(monkeypatch, EVALUATED_ON)
    world = {"personas": evaluations.personas}
    answered = _check(client, world, persona, _evaluation_pages(evaluations))
    assert answered >= 3
