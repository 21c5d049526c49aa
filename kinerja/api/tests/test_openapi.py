"""The generated OpenAPI schema and the interactive docs."""

import enum
import json
import re
import typing

from django.conf import settings
from ninja import Schema
from pydantic import BaseModel, TypeAdapter

from kinerja.config.api import api

EXPECTED_OPERATIONS = {
    ("get", "/api/v1/me"),
    ("get", "/api/v1/units"),
    ("get", "/api/v1/units/{unit_id}"),
    ("get", "/api/v1/positions"),
    ("get", "/api/v1/positions/{position_id}"),
    ("get", "/api/v1/employees"),
    ("get", "/api/v1/employees/{employee_id}"),
}
LIST_OPERATIONS = {"/api/v1/units", "/api/v1/positions", "/api/v1/employees"}
# Operations open without a login: reads of published data, and the citizen's writes and
# look-ups by a secret code or token, which are rate-limited.
PUBLIC_PREFIX = "/api/v1/public/"


def _schema(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def test_openapi_json_is_valid_json_listing_every_endpoint(client, db):
    schema = _schema(client)
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Kinerja API"
    operations = {(method, path) for path, methods in schema["paths"].items() for method in methods}
    assert operations >= EXPECTED_OPERATIONS


def test_every_operation_requires_a_token_or_a_session_and_documents_its_errors(client, db):
    """Except the public operations, which say so in their path."""
    schema = _schema(client)
    schemes = schema["components"]["securitySchemes"]
    assert {s["type"] for s in schemes.values()} == {"http", "apiKey"}
    assert any(s.get("scheme") == "bearer" for s in schemes.values())
    for path, methods in schema["paths"].items():
        for operation in methods.values():
            assert operation["operationId"], path
            if path.startswith(PUBLIC_PREFIX):
                # the citizen's side: no login; writes and look-ups by code or token rate-limited
                assert not operation.get("security"), path
                assert {"404", "422"} <= set(operation["responses"]), path
                if operation is methods.get("post") or re.search(r"\{(code|token)\}", path):
                    assert "429" in operation["responses"], path
                assert {"200", "201"} & set(operation["responses"]), path
                continue
            assert operation["security"], path
            assert {"401", "422"} <= set(operation["responses"]), path
            # 200, or 202 for work queued in the background
            assert {"200", "202"} & set(operation["responses"]), path
            if path in LIST_OPERATIONS:
                assert "400" in operation["responses"], path
            elif "{" in path:
                assert "404" in operation["responses"], path


def test_list_operations_page_with_limit_and_offset_up_to_the_configured_maximum(client, db):
    schema = _schema(client)
    for path in LIST_OPERATIONS:
        parameters = {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}
        assert parameters["limit"]["schema"]["maximum"] == settings.NINJA_PAGINATION_MAX_LIMIT
        assert parameters["offset"]["schema"]["minimum"] == 0
        ok = schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
        paged = schema["components"]["schemas"][ok["schema"]["$ref"].rsplit("/", 1)[-1]]
        assert set(paged["required"]) == {"count", "items"}


def test_every_field_of_every_answer_is_described(client, db):
    """Integrators read the schema, so no field of an output schema goes undocumented."""
    schema = _schema(client)
    undocumented = []
    for name, component in schema["components"]["schemas"].items():
        if not name.endswith(("Out", "Ref")) or name.startswith("Paged"):
            continue
        for field, spec in component.get("properties", {}).items():
            if "description" not in spec:
                undocumented.append(f"{name}.{field}")
    assert undocumented == []


def _held_shapes(annotation, found: set) -> None:
    """The enums and shapes a field's type holds (inside unions, lists, maps, Annotated)."""
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum | BaseModel):
        found.add(annotation)
        return
    for argument in typing.get_args(annotation):
        _held_shapes(argument, found)


def _api_shapes() -> set[type]:
    """Every shape of the assembled API's modules, and every enum and shape their fields hold."""
    shapes, stack = set(), list(Schema.__subclasses__())
    while stack:
        schema = stack.pop()
        if schema not in shapes:
            shapes.add(schema)
            stack.extend(schema.__subclasses__())
    found = set()
    for schema in shapes:
        if schema.__module__.startswith("kinerja."):
            found.add(schema)
            for field in schema.model_fields.values():
                _held_shapes(field.annotation, found)
    return found


def test_no_two_shapes_share_a_name_in_the_schema(db):
    """A component is named after its class alone: two different enums or shapes of one name
    (a Channel of complaints and one of feedback) would leave one documented as the other."""
    components = api.get_openapi_schema()["components"]["schemas"]
    by_name: dict[str, list[type]] = {}
    for shape in _api_shapes():
        if shape.__name__ in components:
            by_name.setdefault(shape.__name__, []).append(shape)
    clashes = [
        f"{name}: {sorted(f'{s.__module__}.{s.__qualname__}' for s in shapes)}"
        for name, shapes in by_name.items()
        if len({json.dumps(TypeAdapter(s).json_schema(), sort_keys=True) for s in shapes}) > 1
    ]
    assert clashes == []


def test_docs_page_renders_and_points_at_the_schema(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert b"/api/v1/openapi.json" in response.content


def _asset_urls(html: bytes) -> list[str]:
    return re.findall(r'(?:src|href)="([^"]+)"', html.decode())


def test_docs_page_loads_no_asset_from_a_cdn(client, db):
    urls = _asset_urls(client.get("/api/v1/docs").content)
    assert urls
    assert all(url.startswith("/") for url in urls), urls


def test_docs_page_uses_the_swagger_ui_shipped_with_django_ninja(client, db):
    urls = _asset_urls(client.get("/api/v1/docs").content)
    assert any(url.endswith("swagger-ui-bundle.js") for url in urls)
    for url in urls:
        assert client.get(url).status_code == 200, url
