"""Every number a client sends has a documented range, every body is a JSON object, and every
answer an operation can give is in its documented responses.

The schema and the behaviour agree: a value the schema allows is never refused with 422, a value
it forbids is never accepted, and no value reaches the database unbounded (a 500).
"""

import json
import re

import pytest

from kinerja.api.types import MAX_ID, MAX_OFFSET
from kinerja.config.api import api

API = "/api/v1"
TOO_BIG = MAX_ID + 1  # 9223372036854775808: one past the largest id any table can hold

LIST_PATHS = [
    "/units",
    "/positions",
    "/employees",
    "/iku/years",
    "/iku/goals",
    "/iku/indicators",
    "/iku/indicators/{id}/realisations",
    "/iku/results/units",
    "/iku/predikat-decisions",
    "/skp/plans",
    "/skp/exemptions",
    "/skp/templates",
    "/attendance/leaves",
    "/results/realisations",
    "/activities/entries",
    "/activities/catalogue",
    "/appraisals/evaluations",
    "/appraisals/periods",
    "/results/semesters",
    "/surveys/reports",
    "/complaints",
    "/public/portal/publications",
    *(
        f"/public/portal/publications/{{id}}/{table}"
        for table in ("indicators", "goals", "units", "satisfaction", "complaints", "forums")
    ),
    "/forums",
    "/public/forums",
]


def _schema() -> dict:
    return api.get_openapi_schema()


def _operations():
    for path, methods in _schema()["paths"].items():
        for method, operation in methods.items():
            yield method, path, operation


def _call(client, personas, method, path, body=None, *, as_user="bkpsdm", **params):
    client.force_login(personas.users[as_user])
    if method == "get":
        return client.get(f"{API}{path}", params)
    return getattr(client, method)(
        f"{API}{path}", data=json.dumps(body), content_type="application/json"
    )


def _list_path(path: str, personas) -> tuple[str, dict]:
    params = {
        "/iku/results/units": {"year": 2026},
        "/skp/templates": {"position": 1, "year": 2026},
        "/attendance/leaves": {"year": 2026, "month": 3},
    }.get(path, {})
    return path.replace("{id}", "1"), params


# --- offsets and limits -----------------------------------------------------------------------


@pytest.mark.parametrize("path", LIST_PATHS)
def test_an_offset_past_the_largest_integer_is_422_on_every_list(client, personas, path):
    url, params = _list_path(path, personas)
    response = _call(client, personas, "get", url, offset=TOO_BIG, **params)
    assert response.status_code == 422, response.content
    assert response.json()["detail"][0]["loc"] == ["query", "offset"]


def test_the_largest_offset_answers_an_empty_page(client, personas):
    response = _call(client, personas, "get", "/employees", offset=MAX_OFFSET)
    assert response.status_code == 200, response.content
    assert response.json() == {"count": 7, "items": []}


def test_every_list_documents_the_bounds_of_limit_and_offset(db):
    schema = _schema()
    lists = [
        operation
        for _method, _path, operation in _operations()
        if any(p["name"] == "offset" for p in operation.get("parameters", []))
    ]
    assert len(lists) == len(LIST_PATHS)
    for operation in lists:
        parameters = {p["name"]: p["schema"] for p in operation["parameters"]}
        assert parameters["offset"]["minimum"] == 0
        assert parameters["offset"]["maximum"] == MAX_OFFSET
        assert parameters["limit"]["minimum"] == 1
        assert parameters["limit"]["maximum"] >= 1
    assert schema


# --- ids --------------------------------------------------------------------------------------


def test_an_employee_filter_past_the_largest_id_is_422(client, personas):
    response = _call(client, personas, "get", "/skp/plans", employee=TOO_BIG)
    assert response.status_code == 422, response.content
    assert response.json()["detail"][0]["loc"] == ["query", "employee"]


def test_the_largest_employee_id_filters_to_nothing(client, personas):
    response = _call(client, personas, "get", "/skp/plans", employee=MAX_ID)
    assert response.status_code == 200, response.content
    assert response.json() == {"count": 0, "items": []}


@pytest.mark.parametrize("value", [0, TOO_BIG])
def test_a_path_id_outside_the_id_range_is_422(client, personas, value):
    response = _call(client, personas, "get", f"/skp/plans/{value}")
    assert response.status_code == 422, response.content
    assert response.json()["detail"][0]["loc"] == ["path", "skp_id"]


@pytest.mark.parametrize("value", [1, MAX_ID])
def test_a_path_id_inside_the_range_that_names_nothing_is_404(client, personas, value):
    assert _call(client, personas, "get", f"/skp/plans/{value}").status_code == 404


def _integer_schemas(schema: dict):
    """Every integer schema inside a parameter or a request body, with where it is."""
    components = schema["components"]["schemas"]

    def walk(node, where, seen):
        if isinstance(node, dict):
            ref = node.get("$ref")
            if ref:
                name = ref.rsplit("/", 1)[-1]
                if name not in seen:
                    yield from walk(components[name], f"{where}>{name}", seen | {name})
                return
            if node.get("type") == "integer":
                yield where, node
            for key, value in node.items():
                yield from walk(value, f"{where}.{key}", seen)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value, where, seen)

    for method, path, operation in _operations():
        for parameter in operation.get("parameters", []):
            yield from walk(parameter["schema"], f"{method} {path} {parameter['name']}", set())
        body = operation.get("requestBody")
        if body:
            yield from walk(body, f"{method} {path} body", set())


def test_every_integer_a_client_sends_has_a_minimum_and_a_maximum(db):
    unbounded = [
        where
        for where, node in _integer_schemas(_schema())
        if "minimum" not in node or "maximum" not in node
    ]
    assert unbounded == []


# --- bodies are JSON objects ------------------------------------------------------------------


def test_an_exemption_change_sent_as_a_list_is_422(client, personas):
    response = _call(client, personas, "patch", "/skp/exemptions/1", [None, None])
    assert response.status_code == 422, response.content
    assert response.json()["detail"][0]["loc"] == ["body", "payload"]


def test_a_dialogue_sent_as_an_empty_list_is_422(client, personas):
    response = _call(client, personas, "post", "/skp/plans/1/dialogue", [])
    assert response.status_code == 422, response.content
    assert response.json()["detail"][0]["loc"] == ["body", "payload"]


@pytest.mark.parametrize("body", [[], [None, None], "text", 1, None])
def test_every_operation_with_a_body_refuses_anything_but_an_object(client, personas, body):
    for method, path, operation in _operations():
        if "requestBody" not in operation:
            continue
        url = path.removeprefix(API).replace("{value}", "berorientasi_pelayanan")
        url = re.sub(r"\{\w+\}", "1", url)
        response = _call(client, personas, method, url, body)
        assert response.status_code == 422, (method, path, body, response.content)
        # an upload's fields are a multipart form (its fields and its file), never JSON
        places = (
            [["form"], ["file"], ["body"]]
            if "multipart/form-data" in operation["requestBody"]["content"]
            else [["body"]]
        )
        assert response.json()["detail"][0]["loc"][:1] in places, (method, path, body)


# --- documented answers -----------------------------------------------------------------------


def test_every_operation_documents_the_answers_it_can_give(db):
    """401 without a login, 422 for a malformed parameter, 404 for an object outside the scope,
    400 for a body that is not valid JSON, 403 for a session write without its CSRF token."""
    missing = []
    for method, path, operation in _operations():
        documented = {str(code) for code in operation["responses"]}
        if path.startswith(f"{API}/public/"):
            # no login (no 401, no CSRF token): 201 for a filing; 429 past a rate limit, which
            # guards the citizen's writes and look-ups by a secret code or token (a read of
            # published records has none, as on the public pages)
            expected = {"201" if method == "post" else "200", "404", "422"}
            if method == "post" or re.search(r"\{(code|token)\}", path):
                expected.add("429")
            if "requestBody" in operation:
                expected.add("400")
            missing += [f"{method} {path} {code}" for code in sorted(expected - documented)]
            continue
        # 200, or 202 for work queued in the background
        expected = {"202" if "202" in documented else "200", "401", "422"}
        if "{" in path:
            expected.add("404")
        if "requestBody" in operation:
            expected.add("400")
        if method != "get":
            expected.add("403")
        missing += [f"{method} {path} {code}" for code in sorted(expected - documented)]
    assert missing == []


def test_every_error_answer_has_the_error_shape(db):
    schema = _schema()
    for method, path, operation in _operations():
        for code, answer in operation["responses"].items():
            if str(code).startswith("2"):
                continue
            ref = answer["content"]["application/json"]["schema"]["$ref"]
            assert ref.rsplit("/", 1)[-1] in {"ErrorOut", "ValidationErrorOut"}, (
                method,
                path,
                code,
            )
    assert schema


# --- days and keys ----------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["0", "1700000000", "2026-1-2", "20260102"])
def test_a_day_not_written_yyyy_mm_dd_is_422(client, personas, value):
    response = _call(client, personas, "get", "/skp/exemptions", running_on=value)
    assert response.status_code == 422, response.content
    assert response.json()["detail"][0]["loc"] == ["query", "running_on"]


def test_a_day_written_yyyy_mm_dd_is_read(client, personas):
    response = _call(client, personas, "get", "/skp/exemptions", running_on="2026-01-02")
    assert response.status_code == 200, response.content


def test_a_day_in_a_body_sent_as_a_number_is_422(client, personas):
    body = {"employee": personas.employees["dokter"].pk, "reason": "cltn", "start_date": 0}
    response = _call(client, personas, "post", "/skp/exemptions", body)
    assert response.status_code == 422, response.content
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "start_date"]


def test_the_comments_per_rhk_are_keyed_by_ids_as_the_schema_says(client, personas):
    schema = _schema()["components"]["schemas"]["SkpReturnIn"]["properties"]["rhk_comments"]
    assert schema["additionalProperties"] is False
    [pattern] = schema["patternProperties"]
    assert re.fullmatch(pattern, "1")
    assert re.fullmatch(pattern, "9" * 18)
    assert not re.fullmatch(pattern, "9" * 19)
    assert not re.fullmatch(pattern, "0")
    for key in ("rhk", "0", "9" * 19):
        body = {"comment": "Lengkapi", "rhk_comments": {key: "x"}}
        response = _call(client, personas, "post", "/skp/plans/1/return", body)
        assert response.status_code == 422, (key, response.content)


@pytest.mark.parametrize(
    ("field", "value"),
    [("order", False), ("order", "3"), ("intervened_rhk", True), ("intervened_rhk", "1")],
)
def test_a_number_in_a_body_sent_as_another_json_type_is_422(client, personas, field, value):
    response = _call(client, personas, "patch", "/skp/rhks/1", {field: value})
    assert response.status_code == 422, response.content
    assert response.json()["detail"][0]["loc"] == ["body", "payload", field]


@pytest.mark.parametrize("value", [1, "true", "yes"])
def test_a_yes_or_no_in_a_body_sent_as_another_json_type_is_422(client, personas, value):
    response = _call(client, personas, "patch", "/skp/indicators/1", {"needs_manual": value})
    assert response.status_code == 422, response.content
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "needs_manual"]


def test_a_whole_number_written_with_a_zero_fraction_is_a_json_integer(client, personas):
    # JSON Schema counts 3.0 as an integer; the RHK does not exist, so the answer is 404.
    assert _call(client, personas, "patch", "/skp/rhks/1", {"order": 3.0}).status_code == 404


# --- text -------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/units", "/positions", "/employees", "/skp/exemptions"])
def test_a_null_character_in_a_text_filter_is_400_naming_it(client, personas, path):
    """PostgreSQL cannot hold a NUL character: refused as Django's forms refuse it."""
    response = _call(client, personas, "get", path, q="a\x00b")
    assert response.status_code == 400, response.content
    assert list(response.json()["detail"]) == ["q"]


def test_a_null_character_in_a_body_text_is_400_naming_the_field(client, personas):
    body = {"employee": personas.employees["dokter"].pk, "reason": "cltn", "note": "a\x00b"}
    body["start_date"] = "2026-01-02"
    response = _call(client, personas, "post", "/skp/exemptions", body)
    assert response.status_code == 400, response.content
    assert list(response.json()["detail"]) == ["note"]


def test_a_null_character_in_a_comment_per_rhk_is_400(client, personas):
    body = {"comment": "Lengkapi", "rhk_comments": {"1": "a\x00b"}}
    response = _call(client, personas, "post", "/skp/plans/1/return", body)
    assert response.status_code == 400, response.content
    assert list(response.json()["detail"]) == ["rhk_comments"]


def test_a_null_character_in_a_day_is_422_as_any_other_malformed_day(client, personas):
    employee = personas.employees["dokter"].pk
    response = _call(client, personas, "get", f"/employees/{employee}", date="2026\x00-01-02")
    assert response.status_code == 422, response.content
