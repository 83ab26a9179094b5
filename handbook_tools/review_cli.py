"""The files behind `python -m checkers review`: the repository's snapshot, lock, pins and scenarios."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from handbook_tools import pins, repin, review, snapshot

ROOT = pins.REPOSITORY
SNAPSHOT = ROOT / "handbook" / "customer_emergencies_workflows.md"
LOCK = ROOT / "handbook" / "sections.lock.json"
EXCEPTION_WORKFLOW = ROOT / "handbook" / "emergency_exception_workflow.md"  # the pins citing it are checked on it
SCENARIOS = ROOT / "training" / "scenarios"


def read_snapshot(path: Path) -> snapshot.Snapshot:
    try:
        return snapshot.parse(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise snapshot.SnapshotError(
            f"cannot read it ({error.__class__.__name__}: {getattr(error, 'strerror', None) or error})"
        ) from error


def exception_workflow() -> snapshot.Snapshot:
    return read_snapshot(EXCEPTION_WORKFLOW)


def last_reviewed() -> dict[str, Any]:
    if LOCK.is_file():
        lock: dict[str, Any] = json.loads(LOCK.read_text(encoding="utf-8"))
        return lock
    return review.lock_of(read_snapshot(SNAPSHOT))


def run_review(new: str | None, *, as_json: bool, repin_after: bool = False) -> int:
    if new is None and not repin_after:
        print("error: NEW: give the new page's Markdown file (or --repin to accept the snapshot)", file=sys.stderr)
        return 2
    path = Path(new) if new else SNAPSHOT
    try:
        snap = read_snapshot(path)
    except snapshot.SnapshotError as error:
        print(f"error: {path}: {error}", file=sys.stderr)
        return 2
    try:
        other = exception_workflow()
    except snapshot.SnapshotError as error:
        print(f"error: {EXCEPTION_WORKFLOW}: {error}", file=sys.stderr)
        return 2
    result = review.review(snap, last_reviewed(), pins.dependents(SCENARIOS), other)
    if repin_after:
        if path.resolve() != SNAPSHOT.resolve():
            print(
                f"error: --repin: replace {SNAPSHOT.relative_to(ROOT)} with {path} first, then re-pin", file=sys.stderr
            )
            return 2
        try:
            done, left = repin.repin(ROOT, SNAPSHOT, result)
        except repin.RepinError as error:
            print(f"error: --repin: {error}", file=sys.stderr)
            return 2
        for line in done:
            print(line)
        for row in left:
            where = f" #{row['anchor']}" if row["anchor"] else ""
            print(
                f"fix by hand: {row['kind']} {row['name']}{where} ({row['status']}): {row['sentence']}".rstrip(": "),
                file=sys.stderr,
            )
        return 1 if left else 0
    try:
        if as_json:
            print(review.json_report(result))
        else:
            print(review.text_report(result, LOCK.relative_to(ROOT).as_posix()))
        sys.stdout.flush()
    except BrokenPipeError:  # `... | head` closed the pipe: the exit status still tells
        sys.stderr.close()
    return 1 if result["dependents"] else 0
