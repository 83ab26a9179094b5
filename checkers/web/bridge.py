"""The worker's one entry point: a JSON request in, a JSON reply out, never an exception.

Kept apart from the CLI so the browser imports nothing it does not need.

`OPS` is the table of operations, `{op: handler}`: a handler takes the request and returns the
reply's `result`. Every form on a page (a checker, the response texts, the incident helper: see
`forms`) is asked through one operation, `{"op": "form", "name", "answers"}`; its reply carries
`asked` (the ids of the questions asked for these answers) beside `ok`, whether ok or not.
`{"op": "ops"}` names the operations, and those the worker answers ahead of the others waiting
(`FIRST`): worker.mjs asks it once Python has started, so the op names live here only.
An error reply is `{"ok": false, "error": {"field", "message", "code"}}`, `code` being one of
"required", "invalid", "unknown" (checkers.engine.model.InvalidAnswer)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from checkers.engine.model import InvalidAnswer
from checkers.engine.registry import names, schema

# Only what a form's answer needs is imported with the bridge; the drills, the guided response's
# flow and the link's state come with their first request. A first visit's worker imports the
# bridge before it can answer anything, and the flow's model alone is a third of that import: the
# first checker's answer need not wait for it.
from checkers.web import forms

Request = dict[str, Any]


@dataclass(frozen=True)
class Reply:
    """A handler's result with fields that go beside it in the reply (the flow's `presets`), where
    the result itself has a contract's shape of its own."""

    result: Any
    beside: dict[str, Any] = field(default_factory=dict)


def _form(request: Request) -> Any:
    return forms.compute(request.get("name"), _answers(request))


def _answers(request: Request) -> Any:
    return request.get("answers") or {}


def _grade(request: Request) -> Any:
    """A training drill: the key is computed here, so the page never holds it."""
    from checkers import drills

    return drills.grade(request)


def _url_state(request: Request) -> Any:
    """A widget's answers in the page's URL query: `read-url` and `write-url`."""
    from checkers.web import urlstate

    return urlstate.handle(request)


def _flow(request: Request) -> Reply:
    """The whole guided response: from the link's query, or from answers keyed as in it; beside it,
    the answers the path gives each checker step's form (`presets`), which the page shows there."""
    from checkers import flows
    from checkers.web import urlstate

    answers = urlstate.flow_answers(request["query"]) if "query" in request else _answers(request)
    result, presets = flows.run_for_page(request.get("name") or "paged", answers)
    return Reply(result, {"presets": presets})


def _schema(request: Request) -> Any:
    name = request.get("name")
    if not isinstance(name, str):
        raise InvalidAnswer("name", f"expected the name of a checker, got {name!r}", "unknown")
    return schema(name)


def _ops(request: Request) -> Any:
    return {"ops": list(OPS), "first": list(FIRST)}


OPS: dict[str, Callable[[Request], Any]] = {
    "form": _form,
    "schema": _schema,
    "names": lambda request: names(),
    "grade": _grade,
    "read-url": _url_state,
    "write-url": _url_state,
    "flow": _flow,
    "ops": _ops,
}

# What the reader waits to see: a form's answer and the answers its link brings back. On the guided
# page the walk of the response (asked as the page mounts, before any form) costs a first visit
# ~150 ms of importing the flow, so it waits behind them (worker.mjs).
FIRST = ("form", "read-url")


def handle(request_json: str) -> str:
    request: Any = None
    try:
        request = json.loads(request_json)
        outcome = _dispatch(request)
        reply: dict[str, Any] = (
            {"ok": True, "result": outcome.result, **outcome.beside}
            if isinstance(outcome, Reply)
            else {"ok": True, "result": outcome}
        )
    except InvalidAnswer as error:
        reply = {"ok": False, "error": {"field": error.field, "message": error.message, "code": error.code}}
    except Exception as error:  # a bug must reach the page as a message, not kill the worker
        reply = {
            "ok": False,
            "error": {"field": None, "message": f"{type(error).__name__}: {error}", "code": "invalid"},
        }
    if isinstance(request, dict) and request.get("op") == "form":
        reply["asked"] = forms.asked(request.get("name"), _answers(request))
    return json.dumps(reply)


def _dispatch(request: Any) -> Any:
    if not isinstance(request, dict):
        raise InvalidAnswer("op", f"expected a request object, got {request!r}", "unknown")
    op = request.get("op")
    if not isinstance(op, str) or op not in OPS:
        raise InvalidAnswer("op", f"unknown operation {op!r}; expected one of {', '.join(OPS)}", "unknown")
    return OPS[op](request)
