"""`python -m checkers list | schema NAME | evaluate NAME --json '{...}' | flow paged --json '{...}'`
(``--json -`` reads stdin), `python -m checkers review NEW.md [--json]` and `python -m checkers review --repin`.

Results go to stdout as JSON. Bad input exits 2 with one line on stderr naming the field. `review`
exits 0 when no dependent relies on changed text, 1 when some do, 2 for a file it cannot read."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from checkers import flows
from checkers.engine.model import InvalidAnswer
from checkers.engine.registry import evaluate, get, names, schema


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m checkers", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="list the checkers")
    show = sub.add_parser("schema", help="the questions and outcomes of a checker")
    show.add_argument("name")
    run = sub.add_parser("evaluate", help="decide from a JSON object of answers")
    run.add_argument("name")
    run.add_argument("--json", dest="answers", default="{}", help="answers as JSON, or - to read stdin")
    check = sub.add_parser("review", help="compare a new version of the handbook page with the pins")
    check.add_argument("new", nargs="?", help="the new page's Markdown (default with --repin: the snapshot)")
    check.add_argument("--json", action="store_true", help="print the review as JSON")
    check.add_argument(
        "--repin",
        action="store_true",
        help="after reviewing the dependents: rewrite the changed pins, the lock and the section map",
    )
    flow = sub.add_parser("flow", help="walk a whole response: the steps, the next one, the texts")
    flow.add_argument("name")
    flow.add_argument(
        "--json",
        dest="answers",
        default="{}",
        help="answers keyed <namespace>.<answer id> as in the page's link, as JSON, or - to read stdin",
    )
    return parser


def _fail(field: str, message: str) -> int:
    print(f"error: {field}: {message}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "review":
        try:  # the handbook tools live in the repository, beside this package, not in its wheel
            from handbook_tools.review_cli import run_review
        except ModuleNotFoundError as error:
            if not (error.name or "").startswith("handbook_tools"):
                raise  # the tools are there and something they import is not: say that, not this
            return _fail(
                "review", "needs the repository's handbook_tools (run it from a checkout, not an installed wheel)"
            )

        return run_review(args.new, as_json=args.json, repin_after=args.repin)
    output: Any  # the JSON written to stdout
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
