"""The worker's one entry point: a JSON request in, a JSON reply out, never an exception.

Kept apart from the CLI so the browser imports nothing it does not need."""

from __future__ import annotations

import json
from typing import Any

from . import drills, flows, response_texts, urlstate
from .incident import bulk_response_for
from .model import InvalidAnswer
from .registry import asked_questions, evaluate, names, schema


def handle(request_json: str) -> str:
    request: Any = None
    try:
        request = json.loads(request_json)
        reply: dict[str, Any] = {"ok": True, "result": _dispatch(request)}
    except InvalidAnswer as error:
        reply = {"ok": False, "error": {"field": error.field, "message": error.message, "code": error.code}}
    except Exception as error:  # a bug must reach the page as a message, not kill the worker
        reply = {"ok": False, "error": {"field": None, "message": f"{type(error).__name__}: {error}", "code": "invalid"}}
    if isinstance(request, dict) and request.get("op") == "evaluate":
        # Contract 2: the page hides the questions that are not asked, whether the answers decide or not.
        reply["asked"] = asked_questions(request.get("name"), request.get("answers") or {})
    return json.dumps(reply)


def _dispatch(request: dict[str, Any]) -> Any:
    op = request.get("op")
    if op == "evaluate":
        return evaluate(request["name"], request.get("answers") or {})
    if op == "schema":
        return schema(request["name"])
    if op == "names":
        return names()
    if op == "grade":  # a training drill: the key is computed here, so the page never holds it
        return drills.grade(request)
    if op in ("read-url", "write-url"):  # a widget's answers in the page's URL query
        return urlstate.handle(request)
    if op == "texts":  # the guided response's copy-ready texts, filled in from the engineer's answers
        return response_texts.texts(request.get("answers") or {})
    if op == "flow":  # the whole guided response: from the link's query, or from answers keyed as in it
        answers = urlstate.flow_answers(request["query"]) if "query" in request else request.get("answers") or {}
        return flows.run(request.get("name") or "paged", answers)
    if op == "incident":  # the widespread-incident helper: tag, searches and bulk response for one incident
        return bulk_response_for(request.get("answers") or {})
    raise InvalidAnswer(
        "op", f"unknown operation {op!r}; expected evaluate, schema, names, grade, read-url, write-url, texts, incident or flow", "unknown"
    )
