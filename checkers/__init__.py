"""Decisions of the Customer Emergencies On-Call runbook, one checker a module.

The same package runs on CPython (tests, the CLI, the site build) and in the reader's browser
under Pyodide. Pure standard library.
"""

from .handbook import SECTIONS, href, section
from .model import NOW, REQUIRED, Checker, Fact, InvalidAnswer, Option, Outcome, Question, Rule
from .registry import evaluate, get, names, schema

__all__ = [
    "NOW", "REQUIRED", "SECTIONS", "Checker", "Fact", "InvalidAnswer", "Option", "Outcome",
    "Question", "Rule", "evaluate", "get", "href", "names", "schema", "section",
]
__version__ = "0.1.0"
