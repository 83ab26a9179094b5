"""(i) Lighthouse on every page of the sitemap, with its defaults (a phone: slow 4G and a 4x CPU
slowdown), against the pages served compressed by the preview server.

The pinned npm package (12.2.3, the last that runs on Node 20) drives its own headless Chromium:
Debian's, through CHROME_PATH. One page at a time, so two runs never share the two cores.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = "performance,accessibility,best-practices"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
BUDGETS = {"performance": 95, "tbt_ms": 200, "accessibility": 100, "best_practices": 100}
TIMEOUT_S = 240


@dataclass
class PageScore:
    path: str
    performance: int | None = None
    tbt_ms: float | None = None
    accessibility: int | None = None
    best_practices: int | None = None
    style_layout_ms: float | None = None
    # The other weighted metrics, to see which one holds a score down.
    lcp_ms: float | None = None
    cls: float | None = None
    # The three longest main-thread tasks as Lighthouse attributes them: (script URL, ms).
    long_tasks: list[tuple[str, float]] = field(default_factory=list)
    error: str | None = None

    def misses(self) -> list[str]:
        """The budgets this page does not meet, as short phrases."""
        if self.error:
            return [self.error]
        missed = []
        if self.performance is None or self.performance < BUDGETS["performance"]:
            missed.append(f"performance {self.performance} < {BUDGETS['performance']}")
        if self.tbt_ms is None or self.tbt_ms > BUDGETS["tbt_ms"]:
            missed.append(f"TBT {self.tbt_ms:.0f} ms > {BUDGETS['tbt_ms']} ms" if self.tbt_ms is not None else "no TBT")
        for name in ("accessibility", "best_practices"):
            if getattr(self, name) != BUDGETS[name]:
                missed.append(f"{name.replace('_', ' ')} {getattr(self, name)} < 100")
        return missed


def sitemap_paths(site_dir: Path) -> list[str]:
    """The pages of the built sitemap, as paths below the site's root ('' is the home page)."""
    locs = re.findall(r"<loc>([^<]+)</loc>", (site_dir / "sitemap.xml").read_text(encoding="utf-8"))
    home = min(locs, key=len)
    return [loc[len(home):] for loc in locs]


def _score(report: dict, key: str) -> int | None:
    value = report["categories"].get(key, {}).get("score")
    return None if value is None else round(value * 100)


def parse_report(path: str, report: dict, origin: str) -> PageScore:
    if report.get("runtimeError"):
        return PageScore(path, error=f"Lighthouse: {report['runtimeError'].get('message')}")
    audits = report["audits"]
    breakdown = {item["group"]: item["duration"] for item in audits["mainthread-work-breakdown"]["details"]["items"]}
    tasks = sorted(audits["long-tasks"].get("details", {}).get("items", []), key=lambda item: -item["duration"])
    return PageScore(
        path,
        performance=_score(report, "performance"),
        tbt_ms=audits["total-blocking-time"]["numericValue"],
        accessibility=_score(report, "accessibility"),
        best_practices=_score(report, "best-practices"),
        style_layout_ms=breakdown.get("styleLayout"),
        lcp_ms=audits["largest-contentful-paint"].get("numericValue"),
        cls=audits["cumulative-layout-shift"].get("numericValue"),
        long_tasks=[(item["url"].replace(origin, "/"), item["duration"]) for item in tasks[:3]],
    )


def run_page(root: str, path: str, chromium: str) -> PageScore:
    """One Lighthouse run on one page."""
    env = {**os.environ, "CHROME_PATH": chromium}
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as folder:
        output = Path(folder) / "report.json"
        command = [
            str(LIGHTHOUSE), root + path, "--quiet", "--output=json", f"--output-path={output}",
            f"--only-categories={CATEGORIES}", f"--chrome-flags={CHROME_FLAGS}",
        ]
        try:
            done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            return PageScore(path, error=f"Lighthouse took over {TIMEOUT_S} s")
        if done.returncode != 0 or not output.exists():
            return PageScore(path, error=f"Lighthouse exited {done.returncode}: {done.stderr.strip()[-300:]}")
        return parse_report(path, json.loads(output.read_text()), root)


def run_all(root: str, paths: list[str], chromium: str, progress=print) -> list[PageScore]:
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is not installed: npm ci (it is a devDependency, pinned to 12.2.3)")
    scores = []
    for number, path in enumerate(paths, 1):
        progress(f"  Lighthouse {number}/{len(paths)}: /{path}")
        scores.append(run_page(root, path, chromium))
    return scores


def report_lines(scores: list[PageScore]) -> list[str]:
    b = BUDGETS
    lines = [f"(i) Lighthouse 12.2.3, mobile defaults (slow 4G, 4x CPU), served compressed; budgets: performance >= "
             f"{b['performance']}, TBT <= {b['tbt_ms']} ms, accessibility {b['accessibility']}, best practices "
             f"{b['best_practices']}",
             f"    {'page':<26} perf   TBT ms  a11y  BP   style+layout  LCP s   CLS   longest tasks (ms)"]
    for score in scores:
        name = "/" + score.path
        if score.error:
            lines.append(f"    {name:<26} {score.error}   NOT MET")
            continue
        tasks = ", ".join(f"{url.rsplit('/', 1)[-1] or url} {ms:.0f}" for url, ms in score.long_tasks)
        verdict = "met" if not score.misses() else "NOT MET"
        lines.append(f"    {name:<26} {score.performance:>4} {score.tbt_ms:>8.0f} {score.accessibility:>5} "
                     f"{score.best_practices:>4} {score.style_layout_ms or 0:>10.0f} ms {(score.lcp_ms or 0) / 1000:>6.1f} "
                     f"{score.cls or 0:>5.2f}  {tasks}   {verdict}")
    met = sum(1 for score in scores if not score.misses())
    lines.append(f"    budgets met on {met} of {len(scores)} pages" + ("" if met == len(scores) else ": NOT MET"))
    return lines
