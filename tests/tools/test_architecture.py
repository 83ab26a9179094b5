"""The package's shape, as ARCHITECTURE.md draws it: the folders say what a module is, the imports
run one way (no cycle, even through imports made inside a function), the wheel the browser loads
holds no handbook tooling, and the registry finds the checkers by their folder alone."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import checkers
from checkers.engine import registry
from checkers.engine.model import Checker

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("checkers", "handbook_tools")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))}


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """Every module of ours `name` imports, at its top or inside a function (`from a import b` where
    b is a module counts as importing a.b)."""
    is_package = path.name == "__init__.py"
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".") if is_package else name.split(".")[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return {module for module in found if module in known and module != name}


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    # `from package import name` counts the package's __init__ too: Python runs it first, so a
    # cycle through an __init__ is a cycle all the same.
    return {name: _imports(name, path, set(modules)) for name, path in modules.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return stack[stack.index(target) :] + [target]
            if target not in state and (found := visit(target)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_module_imports_itself_through_others():
    assert _cycle(_graph()) is None


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]


def test_the_package_the_browser_loads_never_imports_the_handbook_tools():
    # One exception, by name: the CLI's `review` command, which says so when the tools are absent.
    graph = _graph()
    reaching = {
        name
        for name, targets in graph.items()
        if name.startswith("checkers") and any(t.startswith("handbook_tools") for t in targets)
    }
    assert reaching == {"checkers.cli"}


def test_the_tools_stand_on_the_package():
    graph = _graph()
    assert any(
        t.startswith("checkers")
        for name, targets in graph.items()
        if name.startswith("handbook_tools")
        for t in targets
    )


def test_every_checker_lives_in_rules_and_every_module_there_is_a_checker():
    rules = ROOT / "checkers" / "rules"
    in_folder = {path.stem.replace("_", "-") for path in rules.glob("*.py") if not path.name.startswith("_")}
    assert set(registry.names()) == in_folder
    for name in registry.names():
        assert isinstance(checkers.get(name), Checker)


@pytest.mark.parametrize("name", sorted(n for n in _modules() if n.startswith("checkers") and ".rules." not in n))
def test_no_module_outside_rules_defines_a_checker(name):
    tree = ast.parse(_modules()[name].read_text(encoding="utf-8"))
    assigned = {
        target.id
        for node in tree.body
        if isinstance(node, (ast.Assign, ast.AnnAssign))
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Name)
    }
    assert "CHECKER" not in assigned
