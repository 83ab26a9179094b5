"""A checker module run afresh with other values for some of its constants, as after a new handbook
version: the proof that every sentence stating a handbook number is formatted from its constant.

`rebuilt("licence", GRACE_DAYS=21)` executes checkers/rules/licence.py with `GRACE_DAYS = 21` in place of
its own value (the rest of the source as it is) and returns the new module; the installed module is
left alone. `texts_of` gathers every sentence a checker shows, and `result_texts` those of a result,
so a test can look for the old value anywhere.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import re
import sys
import types
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import checkers
from checkers.engine import registry
from checkers.engine.model import Checker

_VALUES = "__rebuilt_values__"


def _installed(module_name: str) -> str:
    """The full name of the checkers module called `module_name` (a rule's, a text's)."""
    for package in ("rules", "texts", "engine"):
        full = f"{checkers.__name__}.{package}.{module_name}"
        if importlib.util.find_spec(full) is not None:
            return full
    raise AssertionError(f"no module {module_name} in checkers' rules, texts or engine")


def rebuilt(
    module_name: str, imports: Mapping[str, types.ModuleType] | None = None, **constants: Any
) -> types.ModuleType:
    """The checkers module `module_name` (in rules/ or texts/) with each named top-level constant
    bound to the value given.

    `imports` maps other such modules' names to modules (e.g. another rebuilt one) that this module's
    imports must read instead of the installed ones."""
    installed = _installed(module_name)
    path = Path(importlib.util.find_spec(installed).origin)
    source = path.read_bytes()
    line_starts = [0]
    for line in source.splitlines(keepends=True):
        line_starts.append(line_starts[-1] + len(line))

    def offset(line: int, column: int) -> int:  # ast columns count UTF-8 bytes
        return line_starts[line - 1] + column

    spans = []
    for node in ast.parse(source).body:
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        )
        names = [t.id for t in targets if isinstance(t, ast.Name)]
        for name in names:
            if name in constants:
                value = node.value
                spans.append(
                    (offset(value.lineno, value.col_offset), offset(value.end_lineno, value.end_col_offset), name)
                )
    missing = set(constants) - {name for _, _, name in spans}
    if missing:
        raise AssertionError(f"{path} has no top-level constant {sorted(missing)}")
    for start, end, name in sorted(spans, reverse=True):
        source = source[:start] + f"{_VALUES}[{name!r}]".encode() + source[end:]

    package = installed.rpartition(".")[0]
    full_name = f"{package}._rebuilt_{module_name}"
    module = types.ModuleType(full_name)
    module.__package__ = package
    module.__file__ = str(path)
    setattr(module, _VALUES, dict(constants))
    swapped = {_installed(name): replacement for name, replacement in (imports or {}).items()}
    for name in swapped:
        importlib.import_module(name)  # the installed module is put back afterwards, never dropped
    saved = {name: sys.modules.get(name) for name in [*swapped, full_name]}
    try:
        sys.modules.update(swapped)
        sys.modules[full_name] = module  # dataclasses look their module up while the class is made
        exec(compile(source, str(path), "exec"), module.__dict__)
    finally:
        for name, previous in saved.items():
            if previous is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = previous
    return module


def texts_of(checker: Checker) -> list[str]:
    """Every sentence the checker's page, schema and decision table show."""
    found = [checker.title, checker.summary, *checker.notes]
    for question in checker.questions:
        found += [question.label, question.help, *(o.label for o in question.options)]
    for fact in checker.facts:
        found += [fact.label, *(label for _, label in fact.values)]
    for outcome in checker.outcomes:
        found += [outcome.title, *outcome.actions, outcome.say]
    found += [rule.because for rule in checker.rules]
    return [text for text in found if text]


# Not texts of the checker's own: the answers as given, the facts' codes (a contract), links and
# the handbook's section titles (which quote the handbook, not the checker).
_NOT_TEXTS = {"answers", "facts", "cite", "sources", "checker", "outcome", "asked", "shown_fields"}


def result_texts(result: Mapping[str, Any]) -> list[str]:
    """Every string in a result except the fields that are not the checker's sentences."""

    def walk(value: Any) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, Mapping):
            for item in value.values():
                yield from walk(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                yield from walk(item)

    return [text for key, value in result.items() if key not in _NOT_TEXTS for text in walk(value)]


def use(monkeypatch, module: types.ModuleType) -> Checker:
    """Make `checkers.evaluate(name, ...)` run the rebuilt module's checker for this test."""
    monkeypatch.setitem(registry._CHECKERS, module.CHECKER.name, module.CHECKER)
    return module.CHECKER


def stating(texts: list[str], *values: str) -> list[str]:
    """The texts that state any of `values` as a number of its own: "14" in "14-day" or "14th", but
    not in the date 2025-03-14 or the time 10:14."""
    pattern = re.compile("|".join(rf"(?<![\d:.-]){re.escape(v)}(?![\d:])" for v in values))
    return [text for text in texts if pattern.search(text)]
