"""The architecture holds: core <- storage <- ui <- cli, a pure core, and no import cycle.

Each module's imports are read from its source (at module level, inside functions and under
TYPE_CHECKING alike), so a lazy import that reaches upward fails here as surely as a plain one.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "emprep"
LAYERS = {"core": 0, "storage": 1, "ui": 2, "cli": 3, "__main__": 4}
# What the core must not import at all: the outside world and the interface.
CORE_NEVER = {
    "os", "sys", "subprocess", "shutil", "tempfile", "time", "select", "termios", "tty",
    "platformdirs", "filelock", "tomllib", "tomli_w", "typer", "click", "rich",
}  # fmt: skip
# What the core may import only inside a function, where a command that does not need it never
# pays for it (pydantic builds validators; fsrs and difflib are heavy for a start-up path).
CORE_NOT_AT_MODULE_LEVEL = {"pydantic", "pydantic_core"}
# Reading the clock, the environment or files, and printing: the calls the core never makes.
IMPURE_ATTRIBUTES = {
    "now", "today", "utcnow", "monotonic", "environ", "getenv", "read_text", "read_bytes",
    "write_text", "write_bytes", "open", "exists", "is_file", "is_dir", "mkdir", "unlink",
    "iterdir", "glob", "stat",
}  # fmt: skip
IMPURE_NAMES = {"open", "print", "input"}


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = [p for p in rel.parts if p != "__init__"]
    return ".".join(parts)


@cache
def modules() -> dict[str, Path]:
    """Every module of the package by name (read once: the import visitor asks for each import)."""
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer(name: str) -> int | None:
    """A module's layer: emprep.core.x -> 0, emprep.cli -> 3; the package itself has none."""
    parts = name.split(".")
    return LAYERS.get(parts[1]) if len(parts) > 1 else None


class Imports(ast.NodeVisitor):
    """Every import of a module: (module imported, at module level at run time?)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.found: list[tuple[str, bool]] = []
        self.depth = 0  # functions and TYPE_CHECKING blocks entered

    def _nested(self, node: ast.AST) -> None:
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _nested

    def visit_If(self, node: ast.If) -> None:
        test = node.test
        checking = (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
            isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
        )
        if checking:
            self._nested(node)
        else:
            self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        self.found += [(a.name, self.depth == 0) for a in node.names]

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        base = node.module or ""
        if node.level:
            package = self.name.split(".")[: -node.level] if node.level else []
            base = ".".join([*package, base] if base else package)
        # `from emprep.storage import store` imports emprep.storage.store
        names = [f"{base}.{a.name}" for a in node.names]
        known = modules()
        self.found += [(n if n in known else base, self.depth == 0) for n in names]


def imports(name: str, source: str) -> list[tuple[str, bool]]:
    visitor = Imports(name)
    visitor.visit(ast.parse(source))
    return visitor.found


def upward(name: str, source: str) -> list[str]:
    """Imports of `name` that reach a higher layer than its own."""
    own = layer(name)
    if own is None:
        return []
    return [
        f"{name} imports {target}"
        for target, _ in imports(name, source)
        if target.startswith("emprep.") and (layer(target) or 0) > own
    ]


def impure(name: str, source: str) -> list[str]:
    """What makes a core module impure: forbidden imports, the clock, the environment, files."""
    problems = []
    for target, module_level in imports(name, source):
        top = target.split(".")[0]
        if top in CORE_NEVER or (module_level and top in CORE_NOT_AT_MODULE_LEVEL):
            problems.append(f"{name} imports {target}")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in IMPURE_ATTRIBUTES:
            problems.append(f"{name}:{node.lineno} uses .{node.attr}")
        func = node.func if isinstance(node, ast.Call) else None
        if isinstance(func, ast.Name) and func.id in IMPURE_NAMES:
            problems.append(f"{name}:{func.lineno} calls {func.id}()")
    return problems


def test_the_layers_are_folders() -> None:
    found = {layer(n) for n in modules()} - {None}
    assert found == set(LAYERS.values())


@pytest.mark.parametrize("name", sorted(modules()))
def test_no_module_imports_upward(name: str) -> None:
    assert upward(name, modules()[name].read_text()) == []


@pytest.mark.parametrize("name", sorted(n for n in modules() if layer(n) == 0))
def test_the_core_is_pure(name: str) -> None:
    assert impure(name, modules()[name].read_text()) == []


def test_no_import_cycle() -> None:
    graph = {
        name: {t for t, _ in imports(name, path.read_text()) if t in modules() and t != name}
        for name, path in modules().items()
    }
    graph = {n: {t for t in ts if t != "emprep"} for n, ts in graph.items()}
    done: set[str] = set()

    def visit(node: str, trail: list[str]) -> None:
        if node in trail:
            raise AssertionError(" -> ".join([*trail[trail.index(node) :], node]))
        if node in done:
            return
        for nxt in sorted(graph[node]):
            visit(nxt, [*trail, node])
        done.add(node)

    for name in sorted(graph):
        visit(name, [])


@pytest.mark.parametrize(
    ("name", "source", "problem"),
    [
        ("emprep.core.x", "from emprep.storage import store", "imports emprep.storage.store"),
        ("emprep.core.x", "def f():\n    from emprep.ui import render", "imports emprep.ui.render"),
        ("emprep.storage.x", "import emprep.cli", "imports emprep.cli"),
        ("emprep.ui.x", "from ..cli import app", "imports emprep.cli.app"),
    ],
)
def test_the_layer_check_sees_an_upward_import(name: str, source: str, problem: str) -> None:
    [found] = upward(name, source)
    assert found.endswith(problem)


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("import typer", "imports typer"),
        ("from rich.console import Console", "imports rich.console"),
        ("from pydantic import TypeAdapter", "imports pydantic"),
        ("import os\nos.environ.get('X')", "imports os"),
        ("from datetime import datetime\nx = datetime.now()", "uses .now"),
        ("from datetime import date\nx = date.today()", "uses .today"),
        ("import time\nx = time.time()", "imports time"),
        ("def f(p):\n    return p.read_text()", "uses .read_text"),
        ("def f():\n    print('x')", "calls print()"),
    ],
)
def test_the_purity_check_sees_the_clock_the_environment_and_files(
    source: str, problem: str
) -> None:
    assert any(p.endswith(problem) for p in impure("emprep.core.x", source))


def test_pydantic_inside_a_function_is_allowed_in_the_core() -> None:
    source = "def schema():\n    from pydantic import Field\n    return Field()"
    assert impure("emprep.core.x", source) == []
