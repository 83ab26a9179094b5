"""Decisions of the Customer Emergencies On-Call runbook and what the page says about them.

The same package runs on CPython (tests, the CLI, the site build) and in the reader's browser
under Pyodide. Pure standard library. Its folders:

- `engine/`: Checker, Question, Rule, Outcome, Pin; parsing answers; finding the checkers; time;
- `rules/`: one module per checker (the registry finds checkers by this folder);
- `texts/`: the wording: each checker's result sentences, the copy-ready texts, the incident helper, the checklists;
- `flows/`: the flow model and the guided response;
- `web/`: what the browser's worker calls (the bridge's op table), the forms and the link's state;
- `drills.py`: the drills' answer keys and grading; `cli.py`: `python -m checkers`.

The handbook tools (collecting pins, the snapshot, review, repin) live beside this package in
`handbook_tools/`, outside the wheel the browser loads.
"""

from checkers.engine.handbook import SECTIONS, href, section
from checkers.engine.model import NOW, REQUIRED, Checker, Fact, InvalidAnswer, Option, Outcome, Question, Rule
from checkers.engine.pins import Pin
from checkers.engine.registry import evaluate, get, names, schema

__all__ = [
    "NOW",
    "REQUIRED",
    "SECTIONS",
    "Checker",
    "Fact",
    "InvalidAnswer",
    "Option",
    "Outcome",
    "Pin",
    "Question",
    "Rule",
    "evaluate",
    "get",
    "href",
    "names",
    "schema",
    "section",
]
__version__ = "0.1.0"
