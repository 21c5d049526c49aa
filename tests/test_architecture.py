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


def _imports(path: Path, package: str | None = None) -> list[tuple[str, int]]:
    """Every module named by an import of the file (including `from x import y` as x.y), at
    module level and inside functions alike. Relative imports count when `package` (the dotted
    package the file lies in) is given."""
    tree = ast.parse(path.read_text(), filename=str(path))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module
            if node.level and package is not None:
                parts = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(parts + ([node.module] if node.module else []))
            elif node.level:
                continue
            names.append((base, node.lineno))
            names.extend((f"{base}.{alias.name}", node.lineno) for alias in node.names)
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


def _module_graph(root: Path) -> dict[str, dict[str, int]]:
    """Module to the project modules it imports (anywhere in the file), with the first line."""
    modules = _modules(root)
    graph: dict[str, dict[str, int]] = {}
    for module, path in modules.items():
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        edges: dict[str, int] = {}
        for name, line in _imports(path, package):
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name and name != module:
                edges[name] = min(line, edges.get(name, line))
        graph[module] = edges
    return graph


def breaches_of_task_cycles(root: Path) -> list[str]:
    """Tasks import the services they run, never the other way round: no module that an app's
    tasks module imports (directly or through others of the app, in functions too) imports the
    app's tasks module back. A service that must queue work is started by a function of
    tasks.py, or queues it through a callback the app registers when it is ready."""
    graph = _module_graph(root)
    found = []
    for tasks in sorted(m for m in graph if _is_kind(m, "tasks")):
        app = _app_of(tasks)
        # Breadth first from the tasks module, within its app, remembering how each was reached.
        reached_from = {tasks: None}
        queue = [tasks]
        while queue:
            module = queue.pop(0)
            for other in sorted(graph.get(module, {})):
                if _app_of(other) == app and other not in reached_from:
                    reached_from[other] = module
                    queue.append(other)
        for module in sorted(reached_from):
            if _is_kind(module, "tasks") or tasks not in graph[module]:
                continue
            chain, step = [], module
            while step is not None:
                chain.append(step)
                step = reached_from[step]
            found.append(
                f"{module}:{graph[module][tasks]} imports {tasks} back: "
                + " -> ".join(reversed(chain))
            )
    return found


def breaches_of_module_size(root: Path) -> list[str]:
    """No module over 600 lines outside migrations: a bigger one becomes a package."""
    found = []
    for module, path in _modules(root).items():
        lines = len(path.read_text().splitlines())
        if lines > MAX_LINES:
            found.append(f"{module} has {lines} lines")
    return found


KITS = ("models", "selectors", "services", "views", "forms", "api", "urls", "permissions", "tasks")


def breaches_of_split_rule(root: Path) -> list[str]:
    """A kit module that outgrows one file becomes a package of the same name with area
    modules inside: no `selectors_plan.py` or `api_selectors.py` beside it."""
    found = []
    for module, path in _modules(root).items():
        name = path.stem
        if name == "__init__" or name.startswith("_"):
            continue
        kits = [kit for kit in KITS if name.startswith(f"{kit}_") or name.endswith(f"_{kit}")]
        if kits:
            found.append(f"{module}: put it in the `{kits[0]}` package of its app")
    return found


def breaches_of_template_layout(root: Path) -> list[str]:
    """An app whose views are a package keeps its pages in folders named after the views
    modules (templates/<app>/<area>/page.html); only shared partials (`_x.html`) stay on top."""
    found = []
    for views in sorted((root / PACKAGE).glob("*/views/__init__.py")):
        app = views.parent.parent
        pages = app / "templates" / app.name
        if not pages.is_dir():
            continue
        areas = {path.stem for path in views.parent.glob("*.py")}
        for entry in sorted(pages.iterdir()):
            if entry.is_dir() and entry.name not in areas:
                found.append(f"{entry.relative_to(root)}: no views module `{entry.name}`")
            elif entry.is_file() and not entry.name.startswith("_"):
                found.append(f"{entry.relative_to(root)}: a page belongs in its area folder")
    return found


RULES = [
    breaches_of_data_access_in_views,
    breaches_of_pure_rules,
    breaches_of_private_modules,
    breaches_of_app_cycles,
    breaches_of_task_cycles,
    breaches_of_module_size,
    breaches_of_split_rule,
    breaches_of_template_layout,
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
    breaches_of_task_cycles: [
        ("kinerja/shop/tasks.py", "from kinerja.shop.services import orders\n"),
        (
            "kinerja/shop/services/orders.py",
            "def order_start(order):\n"
            "    from kinerja.shop.tasks import run_order\n"
            "    run_order.enqueue(order.pk)\n",
        ),
    ],
    breaches_of_module_size: [
        ("kinerja/shop/services.py", "x = 1\n" * (MAX_LINES + 1)),
    ],
    breaches_of_split_rule: [
        ("kinerja/shop/selectors_orders.py", "x = 1\n"),
        ("kinerja/shop/api_selectors.py", "x = 1\n"),
    ],
    breaches_of_template_layout: [
        ("kinerja/shop/views/orders.py", "x = 1\n"),
        ("kinerja/shop/templates/shop/order_list.html", "<p></p>"),
        ("kinerja/shop/templates/shop/carts/list.html", "<p></p>"),
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
    # Views start tasks, tasks run services, the app wires a service's callback to a task.
    _write(tmp_path, "kinerja/shop/tasks.py", "from kinerja.shop.services import orders\n")
    _write(tmp_path, "kinerja/shop/api.py", "from kinerja.shop import tasks\n")
    _write(
        tmp_path,
        "kinerja/shop/apps.py",
        "def ready():\n"
        "    from kinerja.shop import tasks\n"
        "    from kinerja.shop.services import orders\n",
    )
    _write(tmp_path, "kinerja/shop/views.py", "from kinerja.shop import selectors\n")
    _write(tmp_path, "kinerja/shop/services/_common.py", "x = 1\n")
    _write(
        tmp_path, "kinerja/shop/services/orders.py", "from kinerja.shop.services import _common\n"
    )
    _write(tmp_path, "kinerja/shop/views/orders.py", "x = 1\n")
    _write(tmp_path, "kinerja/shop/templates/shop/orders/list.html", "<p></p>")
    _write(tmp_path, "kinerja/shop/templates/shop/_badge.html", "<p></p>")
    _write(tmp_path, "kinerja/till/templates/till/receipt.html", "<p></p>")
    _write(tmp_path, "kinerja/till/views.py", "x = 1\n")
    for rule in RULES:
        assert rule(tmp_path) == [], rule.__name__


def test_the_layout_rules_name_every_breach(tmp_path):
    for rule in (breaches_of_split_rule, breaches_of_template_layout):
        for relative, text in BREACHES[rule]:
            _write(tmp_path, relative, text)
    assert len(breaches_of_split_rule(tmp_path)) == 2
    assert [b.split(":")[0] for b in breaches_of_template_layout(tmp_path)] == [
        "kinerja/shop/templates/shop/carts",
        "kinerja/shop/templates/shop/order_list.html",
    ]


def test_a_task_cycle_is_found_through_other_modules_relative_imports_and_functions(tmp_path):
    _write(
        tmp_path,
        "kinerja/shop/tasks.py",
        "def run():\n    from kinerja.shop.services import orders\n",
    )
    _write(tmp_path, "kinerja/shop/services/orders.py", "from kinerja.shop import printing\n")
    _write(
        tmp_path, "kinerja/shop/printing.py", "x = 1\n\n\ndef later():\n    from . import tasks\n"
    )
    _write(tmp_path, "kinerja/shop/views.py", "from kinerja.shop import tasks\n")
    # Another app's tasks importing this app is the app-cycle rule's business, not this one's.
    _write(tmp_path, "kinerja/till/tasks.py", "from kinerja.shop.services import orders\n")
    assert breaches_of_task_cycles(tmp_path) == [
        "kinerja.shop.printing:5 imports kinerja.shop.tasks back: "
        "kinerja.shop.tasks -> kinerja.shop.services.orders -> kinerja.shop.printing"
    ]
