"""A bounded schemathesis run over the whole API: the answers agree with the OpenAPI schema.

Every operation is called in-process, through the WSGI application, with requests generated from
its own schema: the boundary cases of schemathesis' coverage phase, then a few random examples
(a fixed seed, derandomized). Each request is sent with the API token of a BKPSDM admin and with
that of a pegawai: the dokter, who owns a draft plan, for the plans, organisation and IKU
operations; the staf, whose set plan has realisations, daily log entries, a study leave, a
feedback request and an opened evaluation, for those of execution and evaluation. When its ids
are well formed, a request is sent as generated once (boundaries, records that do not exist),
then with the ids of seeded records, so that reads and writes reach real rows in every area.
Each call runs in a savepoint that is rolled back: every request sees the same database, and the
run is deterministic. Nothing is excluded: even deletions are undone.

The checks: no server error; only documented status codes, content types and answer shapes; a
request the schema forbids is refused (negative data); and a request it allows is never refused
as malformed (422), although the rules may still refuse it (400, 403, 404, 409). The one
exception is narrow: a decimal beyond its field's digits, which JSON Schema cannot express.
"""

import datetime
import re

import pytest
import schemathesis
from django.core import signals
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
)

from kinerja.accounts.services import api_token_create
from kinerja.activities import services as activity_services
from kinerja.activities.tests.worklog_data import log
from kinerja.appraisals import services as appraisal_services
from kinerja.appraisals.models import Evaluation
from kinerja.appraisals.tests.data import Q1_END, decide_org_predikat
from kinerja.config.api import api
from kinerja.feedback import services as feedback_services
from kinerja.iku.models import GoalLevel
from kinerja.iku.services import realisation as realisation_services
from kinerja.iku.tests import factories as iku_factories
from kinerja.results import services as result_services
from kinerja.results.models import SemesterEvidence
from kinerja.results.tests.data import IN_MAY, indicator_of, quarter, set_on, viewer
from kinerja.results.tests.study_world import semester, study_leave, transcript
from kinerja.skp import services as skp_services
from kinerja.skp.tests.factories import (
    YEAR,
    action_period,
    add_result,
    chain_of_plans,
    set_plan,
    start_skp,
)
from kinerja.skp.tests.review_data import IN_JANUARY, freeze_today

PERSONAS = ("bkpsdm", "dokter", "staf")
# The first segments of the operations of execution and evaluation, whose records the staf owns.
STAF_AREAS = {"activities", "attendance", "results", "feedback", "appraisals"}
TINY_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 20260120,
        "generation": {"max-examples": 4, "deterministic": True, "database": "none"},
        "phases": {
            "examples": {"enabled": False},
            # Undeclared methods answer 405 from the router, before any operation runs.
            "coverage": {"enabled": True, "unexpected-methods": []},
            "fuzzing": {"enabled": True},
            "stateful": {"enabled": False},
        },
        "checks": {
            # 422 says "malformed": a request the schema allows must never get it. The rules
            # of the domain may still refuse a well-formed request, with a documented answer.
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", "400", "401", "403", "404", "409"]
            },
        },
    }
)


def _only_decimals_refused(response) -> bool:
    if response.status_code != 422:
        return False
    errors = response.json()["detail"]
    return bool(errors) and all(error["type"].startswith("decimal_") for error in errors)


def positive_data_acceptance_but_decimals(ctx, response, case):
    """`positive_data_acceptance`, except for a decimal beyond its field's digits: JSON Schema
    cannot say "at most 15 significant digits in all" (nor count the digits of a typed string),
    so such a value is schema-valid and refused with a decimal_* error naming the field. The
    number parser's own tests pin those limits."""
    if _only_decimals_refused(response):
        return None
    return positive_data_acceptance(ctx, response, case)


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
    positive_data_acceptance_but_decimals,
]


def _load_schema():
    loaded = schemathesis.openapi.from_dict(api.get_openapi_schema(), config=CONFIG)
    loaded.app = WSGIHandler()
    return loaded


schema = _load_schema()


@pytest.fixture
def wsgi_in_test_transaction():
    """The WSGI handler closes the database connection after each request; the test client
    does not, and neither may this run, whose requests live inside the test's transaction."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def records(personas, monkeypatch):
    """SKP plans of the Dinas Kesehatan chain and the dokter's own draft, an exemption, and an
    IKU year with a goal, an indicator and a realisation with evidence: the ids to aim at."""
    freeze_today(monkeypatch, IN_JANUARY)
    chain = chain_of_plans(personas)
    own = start_skp(personas, "dokter")
    rhk = add_result(own, "Terlayaninya pasien")
    exemption = skp_services.exemption_record(
        actor=None,
        employee=personas.employees["auditor"],
        reason="cltn",
        start_date=datetime.date(2026, 1, 2),
    )
    year = iku_factories.performance_year(personas.agency, 2025, "quarterly")
    goal = iku_factories.goal(personas, "yankes", GoalLevel.SASARAN_PROGRAM, code="SP.1")
    indicator = iku_factories.indicator(goal, "Cakupan imunisasi", is_iku=True)
    quarter = year.periods.get(kind="quarter", number=1)
    staf = iku_factories.viewer(personas, "staf", today=IN_JANUARY)
    realisation = realisation_services.realisation_enter(
        actor=staf, indicator=indicator, period=quarter, value=20
    )
    realisation_services.evidence_add(
        actor=staf,
        realisation=realisation,
        uploaded_file=SimpleUploadedFile("bukti.pdf", TINY_PDF, "application/pdf"),
    )
    # Path parameters by the first segment of the path, then by name.
    return {
        **_execution_records(personas, chain),
        ("skp", "skp_id"): own.pk,
        ("skp", "rhk_id"): rhk.pk,
        ("skp", "indicator_id"): rhk.indicators.get().pk,
        ("skp", "exemption_id"): exemption.pk,
        ("skp", "against"): chain["kasi"].pk,
        ("skp", "employee"): personas.employees["dokter"].pk,
        ("iku", "goal_id"): goal.pk,
        ("iku", "indicator_id"): indicator.pk,
        ("iku", "realisation_id"): realisation.pk,
        ("iku", "goal"): goal.pk,
        ("iku", "period"): quarter.pk,
        ("iku", "unit"): personas.units["yankes"].pk,
        ("units", "unit_id"): personas.units["yankes"].pk,
        ("units", "parent"): personas.units["dinkes"].pk,
        ("positions", "position_id"): personas.positions["kasi"].pk,
        ("positions", "unit"): personas.units["primer"].pk,
        ("employees", "employee_id"): personas.employees["dokter"].pk,
        ("employees", "unit"): personas.units["pkm"].pk,
    }


def _execution_records(personas, chain) -> dict:
    """The staf's set plan with a realisation and its evidence, a daily log entry from the
    catalogue, a study leave with a semester and its transcript, a feedback request, and the
    evaluations of the first quarter opened: the ids of execution and evaluation."""
    chain["staf"] = set_plan(chain["staf"])
    for key in ("kadinkes", "kabid", "kasi", "staf"):
        chain[key] = set_on(chain[key], datetime.date(YEAR, 1, 15))
    action_period(chain["staf"], 1, "quarterly")
    staf, q1 = personas.employees["staf"], quarter(personas, 1)
    realisation = result_services.realisation_save(
        actor=viewer(personas, "staf", IN_MAY),
        employee=staf,
        period=q1,
        indicator_key=indicator_of(chain["staf"]).key,
        value="5",
        text="",
        evidence_file=SimpleUploadedFile("bukti.pdf", TINY_PDF, "application/pdf"),
    )
    item = activity_services.catalogue_item_save(
        actor=viewer(personas, "bkpsdm", IN_MAY),
        agency=personas.agency,
        name="Apel pagi",
        standard_minutes=30,
    )
    entry = log(personas, "staf", catalogue_item=item.pk)
    leave = study_leave(personas)
    result = semester(personas, q1, 1, evidence_file=transcript())
    request = feedback_services.feedback_request_create(
        actor=None, employee=staf, asked=personas.employees["kasi"]
    )
    decide_org_predikat(personas, q1)
    appraisal_services.evaluations_open(actor=viewer(personas, "bkpsdm", Q1_END), period=q1)
    evaluation = Evaluation.objects.get(period=q1, employee=staf)
    unit = personas.units["primer"].pk
    return {
        ("activities", "activity_id"): entry.pk,
        ("activities", "employee_id"): staf.pk,
        ("activities", "item_id"): item.pk,
        ("activities", "day"): entry.date.isoformat(),
        ("attendance", "employee_id"): staf.pk,
        ("attendance", "unit_id"): unit,
        ("attendance", "unit"): unit,
        ("attendance", "year"): YEAR,
        ("attendance", "month"): 3,
        ("results", "realisation_id"): realisation.pk,
        ("results", "evidence_id"): realisation.evidence.get().pk,
        ("results", "semester_id"): result.pk,
        ("results", "file_id"): SemesterEvidence.objects.get(result=result).pk,
        ("results", "leave_id"): leave.pk,
        ("results", "employee"): staf.pk,
        ("results", "period"): q1.pk,
        ("feedback", "employee_id"): staf.pk,
        ("feedback", "request_id"): request.pk,
        ("feedback", "employee"): staf.pk,
        ("appraisals", "evaluation_id"): evaluation.pk,
        ("appraisals", "period_id"): q1.pk,
        ("appraisals", "employee_id"): staf.pk,
        ("appraisals", "period"): q1.pk,
        ("appraisals", "employee"): staf.pk,
    }


@pytest.fixture
def tokens(personas):
    return {
        key: api_token_create(actor=None, user=personas.users[key], name="fuzz")[1]
        for key in PERSONAS
    }


def _aims(case, records) -> list[tuple[dict, str, int]]:
    """Where a case's well-formed ids can point at the seeded records: (container, name, id).

    A part that the case makes malformed on purpose is left alone."""
    area = re.match(r"/api/v1/([^/]+)", case.path).group(1)
    aims = []
    for location, values in (
        (ParameterLocation.PATH, case.path_parameters),
        (ParameterLocation.QUERY, case.query),
    ):
        if not values or case.meta is None or case.meta.is_negative_at(location):
            continue
        for name, value in values.items():
            if (area, name) in records and value is not None:
                aims.append((values, name, records[(area, name)]))
    return aims


def _call(case, key):
    with transaction.atomic():
        try:
            case.call_and_validate(headers={"Authorization": f"Bearer {key}"}, checks=CHECKS)
        finally:
            transaction.set_rollback(True)


@schema.parametrize()
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_every_operation_answers_as_its_schema_says(
    case, records, tokens, wsgi_in_test_transaction
):
    aims = _aims(case, records)
    area = re.match(r"/api/v1/([^/]+)", case.path).group(1)
    pegawai = "staf" if area in STAF_AREAS else "dokter"
    if aims and case.meta is not None and case.meta.generation.mode.is_positive:
        # The ids as generated (boundaries, records that do not exist), once.
        _call(case, tokens["bkpsdm"])
    for values, name, pk in aims:
        values[name] = pk
    # Both personas, even for a malformed request: only one of them may write a given record,
    # and a write refused for rights (403) would hide a body wrongly accepted.
    for persona in ("bkpsdm", pegawai):
        _call(case, tokens[persona])


# Reads that answer 404 on the seeded records by design, and why.
UNREACHED = {
    "/api/v1/skp/plans/{skp_id}/diff": "the seeded plans have one version each: nothing to compare",
    "/api/v1/appraisals/evaluations/{evaluation_id}/keberatan": (
        "no keberatan is filed: the staf's evaluation stays open to the rating operations"
    ),
}


def test_the_seeded_ids_reach_real_rows_in_every_area(client, records, tokens):
    """Each read whose ids are all seeded answers 200 to the admin or the pegawai of its area:
    the run above writes and reads real rows, not only ids that name nothing."""
    unreached = []
    for path, methods in api.get_openapi_schema()["paths"].items():
        area = re.match(r"/api/v1/([^/]+)", path).group(1)
        operation = methods.get("get", {})
        names = [p["name"] for p in operation.get("parameters", []) if p.get("required")]
        if not names or path in UNREACHED or any((area, n) not in records for n in names):
            continue
        url, query = path, {}
        for parameter in operation["parameters"]:
            if parameter.get("required") and parameter["in"] == "path":
                url = url.replace(
                    f"{{{parameter['name']}}}", str(records[(area, parameter["name"])])
                )
            elif parameter.get("required"):
                query[parameter["name"]] = records[(area, parameter["name"])]
        pegawai = "staf" if area in STAF_AREAS else "dokter"
        answers = [
            client.get(url, query, headers={"Authorization": f"Bearer {tokens[key]}"}).status_code
            for key in ("bkpsdm", pegawai)
        ]
        if 200 not in answers:
            unreached.append(f"GET {path}: {answers}")
    assert unreached == [], "\n".join(unreached)
