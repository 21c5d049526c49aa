"""Every page and every API operation has a row in a permission table (architecture.md rule 5).

The tables stay in their apps (``test_*permission*.py`` modules exposing ``PERMISSION_ROWS``,
see kinerja/core/tests/permission_table.py). This test collects them, walks every named URL
pattern of the resolver and every operation of the OpenAPI schema, and lists each route that
no row answers for every role. A route may be left out only here, with the reason.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

from kinerja.core.tests.permission_table import API_METHODS, REQUIRED_PERSONAS, Row

# Routes that are not pages of Kinerja, each with why it has no row.
TECHNICAL_ROUTES = {
    "set_language": "Django's language switch: open to everyone, it only stores a choice",
    "api:openapi-json": "the API description, public like the documentation of any API",
    "api:openapi-view": "the interactive API documentation page, public like the description",
    "api:api-root": "django-ninja's root of the API: always 404, it only locates the operations",
}
API_NAMESPACE = "api"  # its operations are checked in the OpenAPI schema, by method and path
TABLE_MODULE = re.compile(r"test_\w*permission\w*\.py")
ROWS_DECLARED = re.compile(r"^PERMISSION_ROWS\b", re.MULTILINE)
THIS_MODULE = Path(__file__).name


# --- the collector --------------------------------------------------------------------------


def url_routes(resolver=None, namespace: str = "", prefix: str = "") -> list[tuple[str, str]]:
    """(name, pattern) of every URL pattern below the resolver; unnamed ones named by pattern."""
    resolver = resolver or get_resolver()
    routes = []
    for pattern in resolver.url_patterns:
        text = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = ":".join(n for n in (namespace, pattern.namespace or "") if n)
            routes += url_routes(pattern, inner, text)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            routes.append((name or f"<unnamed> {text}", text))
    return routes


def api_operations(schema: dict) -> list[str]:
    """ "METHOD /path" of every operation of an OpenAPI schema."""
    return [
        f"{method.upper()} {path}"
        for path, methods in schema["paths"].items()
        for method in methods
        if method.upper() in API_METHODS
    ]


def routes_to_cover(
    routes: Iterable[tuple[str, str]], operations: Iterable[str], technical: dict
) -> tuple[set[str], list[str]]:
    """The pages and operations that need a row, and the API URLs the schema does not list."""
    operations = set(operations)
    schema_paths = {op.split(" ", 1)[1] for op in operations}
    needed, strays = set(operations), []
    for name, pattern in routes:
        if name in technical:
            continue
        if name.startswith(f"{API_NAMESPACE}:"):
            path = "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", pattern)
            if path not in schema_paths:
                strays.append(f"{name} ({pattern})")
            continue
        needed.add(name)
    return needed, strays


def uncovered(needed: Iterable[str], rows: Iterable[Row]) -> list[str]:
    """The routes without a row that answers for every required persona."""
    complete = {row.route for row in rows if set(REQUIRED_PERSONAS) <= set(row.answers)}
    return sorted(set(needed) - complete)


def unknown(needed: Iterable[str], rows: Iterable[Row]) -> list[str]:
    """Rows naming a route that does not exist (renamed, removed, misspelt)."""
    return sorted({row.route for row in rows} - set(needed))


def table_modules(root: Path | None = None) -> list[str]:
    """Dotted names of the permission-table modules: those named after permissions, and any
    other test module that declares PERMISSION_ROWS."""
    root = root or settings.PROJECT_DIR
    names = []
    for folder in ("kinerja", "tests"):
        for path in sorted((root / folder).rglob("test_*.py")):
            if path.name == THIS_MODULE:
                continue
            if TABLE_MODULE.fullmatch(path.name) or ROWS_DECLARED.search(path.read_text()):
                names.append(".".join(path.relative_to(root).with_suffix("").parts))
    return names


def collect_rows(module_names: Iterable[str]) -> tuple[list[Row], list[str]]:
    """Every row of the tables, and the table modules that expose none."""
    rows, without = [], []
    for name in module_names:
        module = importlib.import_module(name)
        table = getattr(module, "PERMISSION_ROWS", None)
        if not table:
            without.append(name)
            continue
        rows += table
    return rows, without


# --- the check ------------------------------------------------------------------------------


def _project_routes():
    from kinerja.config.api import api

    return routes_to_cover(url_routes(), api_operations(api.get_openapi_schema()), TECHNICAL_ROUTES)


def test_every_page_and_api_operation_has_a_row_for_every_role():
    needed, strays = _project_routes()
    rows, without = collect_rows(table_modules())
    assert not without, _listed("Permission-table modules without PERMISSION_ROWS", without)
    assert not strays, _listed("API URLs missing from the OpenAPI schema", strays)
    missing = uncovered(needed, rows)
    assert not missing, _listed("Routes without a row answering for every role", missing)


def test_every_row_names_an_existing_route():
    needed, _strays = _project_routes()
    rows, _without = collect_rows(table_modules())
    names = unknown(needed, rows)
    assert not names, _listed("Rows naming a route that does not exist", names)


def _listed(title: str, items: list[str]) -> str:
    return f"{title} ({len(items)}):\n  " + "\n  ".join(items)


def test_technical_routes_left_out_exist_and_say_why():
    names = {name for name, _pattern in url_routes()}
    assert set(TECHNICAL_ROUTES) <= names
    assert all(len(reason) > 20 for reason in TECHNICAL_ROUTES.values())


# --- the collector can fail -----------------------------------------------------------------

EVERYONE = dict.fromkeys(REQUIRED_PERSONAS, 200)


def test_a_new_page_without_a_row_is_reported():
    routes = [("home", ""), ("fake:page", "fake/"), ("fake:detail", "fake/<int:pk>/")]
    needed, _strays = routes_to_cover(routes, [], {})
    rows = [Row("home", EVERYONE), Row("fake:page", EVERYONE)]
    assert uncovered(needed, rows) == ["fake:detail"]


def test_a_row_that_forgets_a_role_does_not_count():
    needed, _strays = routes_to_cover([("fake:page", "fake/")], [], {})
    partial = {k: v for k, v in EVERYONE.items() if k != "outsider"}
    assert uncovered(needed, [Row("fake:page", partial)]) == ["fake:page"]
    assert uncovered(needed, [Row("fake:page", {**partial, "outsider": 404})]) == []


def test_a_new_api_operation_without_a_row_is_reported():
    schema = {"paths": {"/api/v1/things/{thing_id}": {"get": {}, "delete": {}, "parameters": {}}}}
    routes = [("api:thing", "api/v1/things/<thing_id>")]
    needed, strays = routes_to_cover(routes, api_operations(schema), {})
    assert strays == []
    rows = [Row("GET /api/v1/things/{thing_id}", EVERYONE)]
    assert uncovered(needed, rows) == ["DELETE /api/v1/things/{thing_id}"]


def test_an_api_url_missing_from_the_schema_is_reported():
    routes = [("api:hidden", "api/v1/hidden/<int:pk>"), ("api:api-root", "api/v1/")]
    _needed, strays = routes_to_cover(routes, [], {"api:api-root": "index"})
    assert strays == ["api:hidden (api/v1/hidden/<int:pk>)"]


def test_technical_routes_and_unnamed_patterns():
    routes = [("set_language", "i18n/setlang/"), ("<unnamed> raw/", "raw/")]
    needed, _strays = routes_to_cover(routes, [], {"set_language": "a reason"})
    assert needed == {"<unnamed> raw/"}


def test_the_resolver_walk_finds_nested_namespaces_and_patterns_with_arguments():
    names = dict(url_routes())
    assert names["skp:rhk_update"] == "skp/<int:pk>/ubah/rhk/<int:rhk_pk>/"
    assert names["org:import_detail"] == "organisasi/impor/<int:pk>/"
    assert names["reports:lkjip_unit"] == "laporan/lkjip/unit/<int:unit_id>/<str:year>/"


def test_rows_of_a_table_that_names_a_removed_route_are_reported():
    rows = [Row("home", EVERYONE), Row("skp:gone", EVERYONE)]
    assert unknown({"home"}, rows) == ["skp:gone"]


def test_the_tables_of_every_app_are_found():
    modules = table_modules()
    assert "tests.test_permissions" in modules
    assert "kinerja.api.tests.test_permission_table" in modules
    assert "kinerja.skp.tests.test_api_permissions" in modules
    assert "tests.test_permission_coverage" not in modules
