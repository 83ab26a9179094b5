"""Pins: the handbook sentences each decision or restated text relies on, kept beside it.

A pin is `Pin(anchor, sentence)`: the section of the snapshot and the sentence as a reader reads it
(links as their text, no emphasis; see `handbook_tools.snapshot.sentences`). It holds while the snapshot's
section (matched by title when the anchors differ) still contains the sentence after normalisation.
A pin citing a section of the Emergency Exception Workflow (`checkers.engine.handbook`, source
`exception-workflow`) is checked against that page's copy instead (`handbook_tools.review`).
Where they live:

- a checker module (`checkers/rules/`): `PINS = (Pin(...), ...)` beside its `RULES` (kind `checker`, its name);
- `checkers/texts/checklists.py`: each checklist item is a quote of its section, so it pins itself
  (kind `checklist`, name `CHECKLIST/ITEM`);
- `checkers/texts/response_texts.py`, `incident.py`: `PINS = {text id: (Pin(...), ...)}` (kind `text`);
- a drill scenario: `pins = [{anchor = "...", sentence = "..."}]` at the top of its TOML (kind `scenario`),
  and a whole-page drill in the `flows/` folder beside the scenarios' the same way (kind `scenario` too);
- a flow `checkers/flows/NAME.py`: each step object carries `pins` (a tuple of Pin) and an `id`,
  found in the module's `STEPS` or `FLOW.steps`, plus the `pins` of each condition in its `applies`
  (the routing stands on them); or the module has `PINS = {step id: (Pin, ...)}`
  (kind `flow-step`, name `NAME.STEP`).
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from typing import Any, NamedTuple

from checkers.engine.pins import Pin

KINDS = ("checker", "flow-step", "checklist", "text", "scenario")


class Dependent(NamedTuple):
    kind: str  # one of KINDS
    name: str
    pins: tuple[Pin, ...]
    source: str  # the file that holds the pins, relative to the repository ('' when not known)


REPOSITORY = Path(__file__).resolve().parent.parent


def _module_file(module: Any) -> str:
    path = Path(getattr(module, "__file__", "") or "").resolve()
    return path.relative_to(REPOSITORY).as_posix() if path.name and path.is_relative_to(REPOSITORY) else ""


def _checkers() -> list[Dependent]:
    from checkers.engine import registry

    found = []
    for name in registry.names():
        module = importlib.import_module(f"{registry.RULES_PACKAGE}.{name.replace('-', '_')}")
        found.append(Dependent("checker", name, tuple(getattr(module, "PINS", ())), _module_file(module)))
    return found


def _checklists() -> list[Dependent]:
    from checkers.texts import checklists

    return [
        Dependent("checklist", f"{entry.id}/{item.id}", (Pin(entry.anchor, item.text),), _module_file(checklists))
        for entry in checklists.CHECKLISTS
        for item in entry.items
    ]


def _texts() -> list[Dependent]:
    from checkers.texts import incident, response_texts

    return [
        Dependent("text", name, tuple(pins), _module_file(module))
        for module in (response_texts, incident)
        for name, pins in getattr(module, "PINS", {}).items()
    ]


def flow_dependents(flow: str, module: Any) -> list[Dependent]:
    """The pins of a flow's steps: `pins` on each step of `STEPS` (or `FLOW.steps`), on the
    conditions it applies under and on its path-dependent wordings, and/or a `PINS = {step id: (Pin, ...)}`
    table in the module."""
    steps = getattr(module, "STEPS", None) or getattr(getattr(module, "FLOW", None), "steps", None) or ()
    by_step = {
        getattr(step, "id", ""): tuple(getattr(step, "pins", ()) or ())
        + tuple(pin for when in getattr(step, "applies", ()) or () for pin in getattr(when, "pins", ()) or ())
        + tuple(pin for wording in getattr(step, "wordings", ()) or () for pin in getattr(wording, "pins", ()) or ())
        for step in steps
    }
    for step, step_pins in getattr(module, "PINS", {}).items():
        by_step[step] = by_step.get(step, ()) + tuple(step_pins)
    # A condition shared by several steps, or quoted by the step too, is one pin, not two rows in a review.
    return [
        Dependent("flow-step", f"{flow}.{step}", tuple(dict.fromkeys(step_pins)), _module_file(module))
        for step, step_pins in by_step.items()
        if step
    ]


def _flows() -> list[Dependent]:
    try:
        package = importlib.import_module("checkers.flows")
    except ImportError:
        return []  # no flows yet
    found = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if not info.name.startswith("_"):
            found += flow_dependents(info.name, importlib.import_module(f"{package.__name__}.{info.name}"))
    return found


def scenario_dependents(scenarios_dir: Path) -> list[Dependent]:
    """The drill scenarios' pins (files: only where the training folder exists, not in the browser).
    The whole-page drills beside them (training/flows/) are scenarios too."""
    import tomllib  # only the drills' files need it

    found = []
    for path in sorted(scenarios_dir.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        pins = tuple(Pin(str(p.get("anchor", "")), str(p.get("sentence", ""))) for p in data.get("pins", ()))
        found.append(
            Dependent("scenario", str(data.get("id", path.stem)), pins, f"training/{scenarios_dir.name}/{path.name}")
        )
    return found


def dependents(scenarios_dir: Path | None = None) -> list[Dependent]:
    """Every place that decides from or restates the handbook, with its pins."""
    found = _checkers() + _flows() + _checklists() + _texts()
    if scenarios_dir is not None and scenarios_dir.is_dir():
        found += scenario_dependents(scenarios_dir)
        if (scenarios_dir.parent / "flows").is_dir():
            found += scenario_dependents(scenarios_dir.parent / "flows")
    return found
