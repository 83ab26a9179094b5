"""`python -m checkers review --repin`: after the dependents are reviewed, accept the new snapshot.

Rewrites each changed pinned sentence where it is written (a Python string literal, even one split
over several lines, or a scenario's TOML `sentence = "..."`), writes the lock of the snapshot's
sections and regenerates `checkers/engine/handbook_sections.py` from the pages' markers. A pin whose
sentence was removed, or moved to another section, needs a person: it is listed and left alone.
Files only, so never imported in the browser.
"""

from __future__ import annotations

import ast
import importlib.util
import io
import json
import re
import subprocess
import sys
import tokenize
from pathlib import Path
from typing import Any

from handbook_tools import placements, snapshot
from handbook_tools.review import lock_of


class RepinError(Exception):
    pass


def _python_literal_spans(source: str) -> list[tuple[int, int, str]]:
    """(start offset, end offset, value) of every run of adjacent string literals."""
    line_starts = [0]
    for line in source.splitlines(keepends=True):
        line_starts.append(line_starts[-1] + len(line))

    def offset(position: tuple[int, int]) -> int:
        return line_starts[position[0] - 1] + position[1]

    spans: list[tuple[int, int, str]] = []
    run: list[tokenize.TokenInfo] = []

    def close() -> None:
        if run:
            try:
                value = "".join(ast.literal_eval(t.string) for t in run)
            except (ValueError, SyntaxError):  # f-strings and the like: never a pin
                value = None
            if isinstance(value, str):
                spans.append((offset(run[0].start), offset(run[-1].end), value))
            run.clear()

    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.STRING:
            run.append(token)
        elif token.type in (tokenize.NL, tokenize.COMMENT) and run:
            continue
        else:
            close()
    close()
    return spans


# The line length the Python is held to (pyproject.toml [tool.ruff]). A re-pinned sentence too long
# for its line is written as parenthesised pieces split after spaces, each short enough for the
# deepest place the formatter may then move it (two levels in from the line's own indentation).
LINE_LENGTH = 120


def python_literal(text: str, line_indent: int, column: int) -> str:
    """`text` as a Python string literal starting at `column` on a line indented `line_indent`."""
    single = json.dumps(text, ensure_ascii=False)
    if column + len(single) + 2 <= LINE_LENGTH:  # room for a closing bracket and a comma
        return single
    room = LINE_LENGTH - (line_indent + 8)
    pieces: list[str] = []
    current = ""
    for word in re.split(r"(?<= )", text):
        if current and len(json.dumps(current + word, ensure_ascii=False)) > room:
            pieces.append(current)
            current = word
        else:
            current += word
    pieces.append(current)
    inner = "\n" + " " * (line_indent + 4)
    return (
        "("
        + inner
        + inner.join(json.dumps(piece, ensure_ascii=False) for piece in pieces)
        + "\n"
        + " " * line_indent
        + ")"
    )


def replace_in_python(source: str, old: str, new: str) -> str:
    spans = [s for s in _python_literal_spans(source) if s[2] == old]
    if not spans:
        raise RepinError(f"no string literal {old!r}")
    for start, end, _ in reversed(spans):
        line_start = source.rfind("\n", 0, start) + 1
        line = source[line_start:start]
        indent = len(line) - len(line.lstrip(" "))
        source = source[:start] + python_literal(new, indent, start - line_start) + source[end:]
    return source


def format_python(root: Path, paths: list[Path]) -> bool:
    """Lay the rewritten files out as the project's formatter does (ruff, from requirements.txt, with
    the repository's pyproject.toml), so `scripts/test`'s format check passes after a re-pin. False
    when ruff or the configuration is not there."""
    config = root / "pyproject.toml"
    if not paths or not config.is_file() or importlib.util.find_spec("ruff") is None:
        return False
    command = [sys.executable, "-m", "ruff", "format", "--quiet", "--config", str(config), *map(str, paths)]
    subprocess.run(command, check=True)
    return True


def replace_in_toml(source: str, old: str, new: str) -> str:
    literal = json.dumps(old, ensure_ascii=False)
    if literal not in source:
        raise RepinError(f"no sentence = {literal}")
    return source.replace(literal, json.dumps(new, ensure_ascii=False))


def repin(root: Path, snapshot_file: Path, result: dict[str, Any]) -> tuple[list[str], list[dict[str, Any]]]:
    """Rewrite the changed pins of `result` (a review of `snapshot_file`), write the lock and the
    section map. Returns (what was done, the rows a person must still fix)."""
    done: list[str] = []
    left: list[dict[str, Any]] = []
    rewrites: dict[str, list[tuple[str, str]]] = {}
    rewritten_python: list[Path] = []
    for row in result["dependents"]:
        if row["status"] == "changed" and row["new_anchor"] == row["anchor"] and row["source"]:
            rewrites.setdefault(row["source"], []).append((row["sentence"], row["new_sentence"]))
        else:
            left.append(row)
    for source, pairs in sorted(rewrites.items()):
        path = root / source
        text = path.read_text(encoding="utf-8")
        for old, new in dict(pairs).items():
            try:
                text = (replace_in_toml if path.suffix == ".toml" else replace_in_python)(text, old, new)
            except RepinError as error:
                raise RepinError(f"{source}: {error}") from error
        path.write_text(text, encoding="utf-8")
        done.append(f"re-pinned {len(dict(pairs))} sentence(s) in {source}")
        if path.suffix == ".py":
            rewritten_python.append(path)
    if format_python(root, rewritten_python):
        done.append(f"formatted {len(rewritten_python)} Python file(s) with ruff")
    snap = snapshot.parse(snapshot_file.read_text(encoding="utf-8"))
    lock = root / "handbook" / "sections.lock.json"
    lock.write_text(json.dumps(lock_of(snap), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    done.append(f"wrote {lock.relative_to(root)}")
    docs = root / "docs"
    if docs.is_dir():
        pages = {p.name: p.read_text(encoding="utf-8") for p in sorted(docs.glob("*.md"))}
        found, problems = placements.check(snap, pages)
        if problems:
            left += [
                {"kind": "page", "name": p, "anchor": "", "status": "placement", "sentence": "", "source": "docs/"}
                for p in problems
            ]
        else:
            (root / placements.MODULE).write_text(placements.module_text(snap, found), encoding="utf-8")
            done.append(f"wrote {placements.MODULE}")
    return done, left
