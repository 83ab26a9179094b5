"""`python -m checkers list | schema NAME | evaluate NAME --json '{...}' | flow paged --json '{...}'`
(``--json -`` reads stdin).

Results go to stdout as JSON. Bad input exits 2 with one line on stderr naming the field."""

from __future__ import annotations

import argparse
import json
import sys

from . import flows
from .model import InvalidAnswer
from .registry import evaluate, get, names, schema


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m checkers", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="list the checkers")
    show = sub.add_parser("schema", help="the questions and outcomes of a checker")
    show.add_argument("name")
    run = sub.add_parser("evaluate", help="decide from a JSON object of answers")
    run.add_argument("name")
    run.add_argument("--json", dest="answers", default="{}", help="answers as JSON, or - to read stdin")
    flow = sub.add_parser("flow", help="walk a whole response: the steps, the next one, the texts")
    flow.add_argument("name")
    flow.add_argument("--json", dest="answers", default="{}",
                      help="answers keyed <namespace>.<answer id> as in the page's link, as JSON, or - to read stdin")
    return parser


def _fail(field: str, message: str) -> int:
    print(f"error: {field}: {message}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "list":
            output = [{"name": n, "title": get(n).title} for n in names()]
        elif args.command == "schema":
            output = schema(args.name)
        else:
            text = sys.stdin.read() if args.answers == "-" else args.answers
            try:
                answers = json.loads(text)
            except json.JSONDecodeError as error:
                return _fail("--json", f"not valid JSON ({error.msg} at line {error.lineno} column {error.colno})")
            output = flows.run(args.name, answers) if args.command == "flow" else evaluate(args.name, answers)
    except InvalidAnswer as error:
        return _fail(error.field, error.message)
    try:
        json.dump(output, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        sys.stdout.flush()
    except BrokenPipeError:  # `... | head` closed the pipe: not an error worth a traceback
        sys.stderr.close()
    return 0
