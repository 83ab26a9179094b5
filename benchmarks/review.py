"""`python -m benchmarks review`: how long `python -m checkers review` takes on a page the size of the
handbook page as GitLab published it in December 2025 (about 75,000 characters), rewritten enough
that most pins have to be looked for sentence by sentence.

The page is the snapshot over and over, every heading renamed and words changed at random (a fixed
seed, so every run reviews the same page): most sections then match no section last reviewed, and a
pin whose sentence changed is compared with every run of sentences on the page, the review's worst
case. tests/build/test_review.py reviews the same page to check the report does not depend on how
fast the review is.
"""

from __future__ import annotations

import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "handbook" / "customer_emergencies_workflows.md"

_WORD = re.compile(r"(?<![\w/#@.-])[a-z]{4,}(?![\w/.-])")
_OTHER_WORDS = ("customer", "engineer", "manager", "incident", "promptly", "carefully", "support", "ticket")


def large_page(characters: int = 75_000, seed: int = 2025) -> str:
    """The snapshot over and over until `characters` long (cut before a heading), each copy's headings
    renamed and about one word in five changed, dropped or doubled (front matter kept once)."""
    text = SNAPSHOT.read_text(encoding="utf-8")
    front_end = text.index("\n---\n", 4) + len("\n---\n") if text.startswith("---\n") else 0
    front, body = text[:front_end], text[front_end:]
    pick = random.Random(seed)

    def reword(match: re.Match[str]) -> str:
        roll = pick.random()
        if roll < 0.10:
            return pick.choice(_OTHER_WORDS)
        if roll < 0.15:
            return ""
        if roll < 0.20:
            return f"{match.group(0)} {match.group(0)}"
        return match.group(0)

    page, copy = front, 0
    while len(page) < characters:
        copy += 1
        for line in body.split("\n"):
            heading = re.match(r"^(#{1,6}) (.+)$", line)
            if heading and len(page) >= characters:
                break
            if heading:
                page += f"{heading.group(1)} {heading.group(2)} ({'revised' if copy == 1 else f'copy {copy}'})\n"
            else:
                page += _WORD.sub(reword, line) + "\n"
    return page


def review_seconds(page: str, runs: int) -> dict[str, list[float]]:
    """Wall time of `python -m checkers review PAGE --json`, start to exit, as a maintainer waits for
    it, and the CPU time it used (on a shared machine the wall time also measures the neighbours)."""
    wall, cpu = [], []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "new.md"
        path.write_text(page, encoding="utf-8")
        for _ in range(runs):
            before, start = _children_cpu(), time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "checkers", "review", str(path), "--json"],
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            wall.append(time.perf_counter() - start)
            cpu.append(_children_cpu() - before)
            if done.returncode not in (0, 1):
                sys.exit(f"python -m checkers review failed:\n{done.stderr}")
    return {"wall": wall, "cpu": cpu}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime
