"""The rules of the house, checked on the code itself (docs/architecture.md).

Each rule is a function that returns its breaches for a source tree, so that a test can show
it fails on a deliberate breach as well as passing on Kinerja's own code.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "kinerja"
MAX_LINES = 600


def _modules(root: Path) -> dict[str, Path]:
    """Every project module outside tests and migrations, by dotted name."""
    found = {}
    for path in sorted((root / PACKAGE).rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        if "migrations" in parts or "tests" in parts:
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _imports(path: Path) -> list[tuple[str, int]]:
    """Every module named by an import of the file (including `from x import y` as x.y)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append((node.module, node.lineno))
            names.extend((f"{node.module}.{alias.name}", node.lineno) for alias in node.names)
    return names


def _app_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == PACKAGE else None


def _is_kind(module: str, kind: str) -> bool:
    """True when the module is the app's `kind` module or lies in its `kind` package."""
    parts = module.split(".")
    return len(parts) >= 3 and parts[2] == kind


def _attribute_chain(node: ast.AST) -> str:
    names = []
    while isinstance(node, ast.Attribute):
        names.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        names.append(node.id)
    return ".".join(reversed(names))


def breaches_of_data_access_in_views(root: Path) -> list[str]:
    """Views and API modules read through selectors and write through services."""
    found = []
    for module, path in _modules(root).items():
        if not (_is_kind(module, "views") or _is_kind(module, "api")):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            chain = _attribute_chain(node) if isinstance(node, ast.Attribute) else ""
            if chain.endswith(".objects") or chain.endswith("transaction.atomic"):
                found.append(f"{module}:{node.lineno} uses {chain}")
    return sorted(set(found))


FORBIDDEN_IN_RULES = ("django", "kinerja.core.models", "psycopg")


def breaches_of_pure_rules(root: Path) -> list[str]:
    """A rules.py (or a rules package) imports no Django and no database: it is pure
    regulation arithmetic."""
    found = []
    for module, path in _modules(root).items():
        if not _is_kind(module, "rules"):
            continue
        for name, line in _imports(path):
            app = _app_of(name)
            if name.startswith(FORBIDDEN_IN_RULES) or (
                app and not name.endswith(".rules") and ".models" in name
            ):
                found.append(f"{module}:{line} imports {name}")
    return found


def breaches_of_private_modules(root: Path) -> list[str]:
    """No app imports another app's private (`_`-prefixed) module."""
    found = []
    for module, path in _modules(root).items():
        for name, line in _imports(path):
            other = _app_of(name)
            if other is None or other == _app_of(module):
                continue
            if any(part.startswith("_") for part in name.split(".")[2:-1] + name.split(".")[-1:]):
                if name.split(".")[-1].startswith("__"):
                    continue
                found.append(f"{module}:{line} imports {name}")
    return found


def _app_graph(root: Path) -> dict[str, set[str]]:
    modules = _modules(root)
    graph: dict[str, set[str]] = defaultdict(set)
    for module, path in modules.items():
        app = _app_of(module)
        for name, _line in _imports(path):
            other = _app_of(name)
            if app and other and other != app and other in _apps(root):
                graph[app].add(other)
    return graph


def _apps(root: Path) -> set[str]:
    return {p.name for p in (root / PACKAGE).iterdir() if (p / "__init__.py").exists()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan)."""
    index, low, stack, on_stack, result = {}, {}, [], set(), []
    counter = [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return result


# The bottom of the house: shared plumbing that the domain apps stand on. An arrow from here up
# to a domain app is a cycle in waiting even when the domain app does not import back yet.
LOWER_APPS = {"core": set(), "accounts": {"core"}, "api": {"core", "accounts"}}


def breaches_of_app_cycles(root: Path) -> list[str]:
    """No import cycle between apps, and the bottom apps import only what lies below them."""
    graph = _app_graph(root)
    found = [" <-> ".join(cycle) for cycle in _cycles(graph)]
    for app, allowed in LOWER_APPS.items():
        for other in sorted(graph.get(app, set()) - allowed - {app}):
            found.append(f"{app} imports {other}")
    return found


def breaches_of_module_size(root: Path) -> list[str]:
    """No module over 600 lines outside migrations: a bigger one becomes a package."""
    found = []
    for module, path in _modules(root).items():
        lines = len(path.read_text().splitlines())
        if lines > MAX_LINES:
            found.append(f"{module} has {lines} lines")
    return found


RULES = [
    breaches_of_data_access_in_views,
    breaches_of_pure_rules,
    breaches_of_private_modules,
    breaches_of_app_cycles,
    breaches_of_module_size,
]


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.__name__)
def test_kinerja_keeps_the_house_rules(rule):
    assert rule(ROOT) == []


def _write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    for parent in path.relative_to(root).parents:
        if parent != Path(".") and not (root / parent / "__init__.py").exists():
            (root / parent / "__init__.py").write_text("")
    path.write_text(text)


BREACHES = {
    breaches_of_data_access_in_views: [
        ("kinerja/shop/views.py", "def v(r):\n    return Item.objects.all()\n"),
        (
            "kinerja/shop/api/orders.py",
            "from django.db import transaction\n"
            "def v(r):\n    with transaction.atomic():\n        pass\n",
        ),
    ],
    breaches_of_pure_rules: [
        ("kinerja/shop/rules.py", "from django.db import models\n"),
        ("kinerja/shop/rules.py", "from kinerja.shop.models import Item\n"),
        ("kinerja/till/rules/prices.py", "from django.utils import timezone\n"),
    ],
    breaches_of_private_modules: [
        ("kinerja/shop/views.py", "from kinerja.till.services._common import lock\n"),
    ],
    breaches_of_app_cycles: [
        ("kinerja/shop/views.py", "from kinerja.till import services\n"),
        ("kinerja/till/services.py", "from kinerja.shop import models\n"),
    ],
    breaches_of_module_size: [
        ("kinerja/shop/services.py", "x = 1\n" * (MAX_LINES + 1)),
    ],
}


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.__name__)
def test_each_house_rule_fails_on_a_deliberate_breach(rule, tmp_path):
    for relative, text in BREACHES[rule]:
        _write(tmp_path, relative, text)
    (tmp_path / PACKAGE / "till").mkdir(exist_ok=True)
    (tmp_path / PACKAGE / "till" / "__init__.py").write_text("")
    assert rule(tmp_path) != []


def test_each_house_rule_passes_on_clean_code(tmp_path):
    _write(tmp_path, "kinerja/shop/rules.py", "import decimal\n")
    _write(tmp_path, "kinerja/shop/views.py", "from kinerja.shop import selectors\n")
    _write(tmp_path, "kinerja/shop/services/_common.py", "x = 1\n")
    _write(
        tmp_path, "kinerja/shop/services/orders.py", "from kinerja.shop.services import _common\n"
    )
    for rule in RULES:
        assert rule(tmp_path) == [], rule.__name__
