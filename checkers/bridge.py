"""The worker's one entry point: a JSON request in, a JSON reply out, never an exception.

Kept apart from the CLI so the browser imports nothing it does not need.

Every form on a page (a checker, the response texts, the incident helper: see `forms`) is asked
through one operation, `{"op": "form", "name", "answers"}`. Its reply carries `asked` (the ids of
the questions asked for these answers) beside `ok`, whether ok or not. The older operations
`evaluate`, `texts` and `incident` are the same request under other names (tests and drills use them).
An error reply is `{"ok": false, "error": {"field", "message", "code"}}`, `code` being one of
"required", "invalid", "unknown" (checkers.model.InvalidAnswer)."""

from __future__ import annotations

import json
from typing import Any

# Only what a form's answer needs is imported with the bridge; the drills, the guided response's
# flow and the link's state come with their first request. A first visit's worker imports the
# bridge before it can answer anything, and the flow's model alone is a third of that import
# (issue 15): the first checker's answer need not wait for it.
from . import forms, response_texts
from .incident import NAME as INCIDENT
from .model import InvalidAnswer
from .registry import names, schema

# Old operation -> the form it asks (None: the request names the form).
_FORM_ALIASES = {"form": None, "evaluate": None, "texts": response_texts.NAMESPACE, "incident": INCIDENT}
_OPS = ("form", "evaluate", "schema", "names", "grade", "read-url", "write-url", "texts", "incident", "flow")


def handle(request_json: str) -> str:
    request: Any = None
    try:
        request = json.loads(request_json)
        reply: dict[str, Any] = {"ok": True, "result": _dispatch(request)}
    except InvalidAnswer as error:
        reply = {"ok": False, "error": {"field": error.field, "message": error.message, "code": error.code}}
    except Exception as error:  # a bug must reach the page as a message, not kill the worker
        reply = {"ok": False, "error": {"field": None, "message": f"{type(error).__name__}: {error}", "code": "invalid"}}
    if isinstance(request, dict) and request.get("op") in _FORM_ALIASES:
        name, answers = _form_request(request)
        reply["asked"] = forms.asked(name, answers)
    return json.dumps(reply)


def _form_request(request: dict[str, Any]) -> tuple[Any, Any]:
    name = _FORM_ALIASES[request["op"]] or request.get("name")
    return name, request.get("answers") or {}


def _dispatch(request: Any) -> Any:
    if not isinstance(request, dict):
        raise InvalidAnswer("op", f"expected a request object, got {request!r}", "unknown")
    op = request.get("op")
    if op in _FORM_ALIASES:
        return forms.compute(*_form_request(request))
    if op == "schema":
        return schema(request["name"])
    if op == "names":
        return names()
    if op == "grade":  # a training drill: the key is computed here, so the page never holds it
        from . import drills

        return drills.grade(request)
    if op in ("read-url", "write-url"):  # a widget's answers in the page's URL query
        from . import urlstate

        return urlstate.handle(request)
    if op == "flow":  # the whole guided response: from the link's query, or from answers keyed as in it
        from . import flows, urlstate

        answers = urlstate.flow_answers(request["query"]) if "query" in request else request.get("answers") or {}
        return flows.run(request.get("name") or "paged", answers)
    raise InvalidAnswer("op", f"unknown operation {op!r}; expected one of {', '.join(_OPS)}", "unknown")
