"""(i) Lighthouse on every page of the sitemap, with its defaults (a phone: slow 4G and a 4x CPU
slowdown), against the pages served compressed by the preview server, each page paired with a
plain Material page of the seed's whole text (benchmarks/plain.py) measured just before it.

Lighthouse multiplies the machine's own slowness by four, so its absolute figures move with the
machine; the ratio of a page's total blocking time to the plain page's, measured back to back,
does much less. Each figure is the median of several such pairs.

The pinned npm package (12.2.3, the last that runs on Node 20) drives its own headless Chromium:
Debian's, through CHROME_PATH. One page at a time, so two runs never share the two cores.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = "performance,accessibility,best-practices"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
# Against the plain page of the same run: TBT at most twice its, performance at most 3 below its.
BUDGETS = {"tbt_ratio": 2.0, "performance_below_plain": 3, "accessibility": 100, "best_practices": 100}
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


def sitemap_paths(site_dir: Path) -> list[str]:
    """The pages of the built sitemap, as paths below the site's root ('' is the home page)."""
    locs = re.findall(r"<loc>([^<]+)</loc>", (site_dir / "sitemap.xml").read_text(encoding="utf-8"))
    home = min(locs, key=len)
    return [loc[len(home) :] for loc in locs]


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
            str(LIGHTHOUSE),
            root + path,
            "--quiet",
            "--output=json",
            f"--output-path={output}",
            f"--only-categories={CATEGORIES}",
            f"--chrome-flags={CHROME_FLAGS}",
        ]
        try:
            done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            return PageScore(path, error=f"Lighthouse took over {TIMEOUT_S} s")
        if done.returncode != 0 or not output.exists():
            return PageScore(path, error=f"Lighthouse exited {done.returncode}: {done.stderr.strip()[-300:]}")
        return parse_report(path, json.loads(output.read_text()), root)


@dataclass
class PairedPage:
    """One page's Lighthouse runs, each beside the plain page's run just before it."""

    path: str
    site: list[PageScore]
    plain: list[PageScore]

    def pairs(self) -> list[tuple[PageScore, PageScore]]:
        return [(s, p) for s, p in zip(self.site, self.plain, strict=True) if not s.error and not p.error]

    def median(self, name: str, of: str = "site") -> float | None:
        values = [getattr(pair[0 if of == "site" else 1], name) for pair in self.pairs()]
        values = [v for v in values if v is not None]
        return statistics.median(values) if values else None

    @property
    def tbt_ratio(self) -> float | None:
        """The page's median TBT over the plain page's, both over the same runs. Not the median of
        each run's ratio: on this kind of machine the plain page's TBT is now and then a few ms,
        and that run's ratio says nothing (it was 20 and more)."""
        site, plain = self.median("tbt_ms"), self.median("tbt_ms", "plain")
        return None if site is None else site / max(plain, 1.0)

    def run_ratios(self) -> list[float]:
        return [s.tbt_ms / max(p.tbt_ms, 1.0) for s, p in self.pairs()]

    def misses(self) -> list[str]:
        """The budgets this page does not meet, as short phrases."""
        if not self.pairs():
            return [next(score.error for score in self.site + self.plain if score.error)]
        b, missed = BUDGETS, []
        if self.tbt_ratio > b["tbt_ratio"]:
            missed.append(f"TBT {self.tbt_ratio:.2f}x plain > {b['tbt_ratio']}x")
        floor = self.median("performance", "plain") - b["performance_below_plain"]
        if self.median("performance") < floor:
            missed.append(f"performance {self.median('performance'):.0f} < {floor:.0f}")
        for name in ("accessibility", "best_practices"):
            if self.median(name) != b[name]:
                missed.append(f"{name.replace('_', ' ')} {self.median(name):.0f} < {b[name]}")
        return missed


def run_paired(
    root: str, plain_root: str, paths: list[str], chromium: str, runs: int, progress=print
) -> list[PairedPage]:
    """`runs` rounds over the pages; in each, the plain page then the site's page, back to back, so
    that both see the same load on a shared machine."""
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is not installed: npm ci (it is a devDependency, pinned to 12.2.3)")
    pages = [PairedPage(path, [], []) for path in paths]
    for run in range(runs):
        for number, page in enumerate(pages, 1):
            progress(f"  Lighthouse run {run + 1}/{runs}, page {number}/{len(pages)}: plain, then /{page.path}")
            page.plain.append(run_page(plain_root, "", chromium))
            page.site.append(run_page(root, page.path, chromium))
    return pages


def report_lines(pages: list[PairedPage]) -> list[str]:
    b = BUDGETS
    runs = max((len(page.site) for page in pages), default=0)
    lines = [
        f"(i) Lighthouse 12.2.3, mobile defaults (slow 4G, 4x CPU), served compressed; medians of {runs} paired "
        "runs (the plain Material page of the seed's text, then the page)",
        f"    budgets: TBT <= {b['tbt_ratio']:.0f}x plain's, performance >= plain's - "
        f"{b['performance_below_plain']}, accessibility {b['accessibility']}, best practices {b['best_practices']}",
        f"    {'page':<24} {'perf (plain)':>12} {'TBT ms (plain)':>15} {'x plain':>8} {'a11y':>5} {'BP':>4}  "
        "style+layout  longest tasks (ms)",
    ]
    for page in pages:
        name = "/" + page.path
        misses = page.misses()
        if not page.pairs():
            lines.append(f"    {name:<24} {misses[0]}   NOT MET")
            continue
        median_run = min(page.pairs(), key=lambda pair: abs(pair[0].tbt_ms - page.median("tbt_ms")))[0]
        tasks = ", ".join(f"{url.rsplit('/', 1)[-1] or url} {ms:.0f}" for url, ms in median_run.long_tasks)
        perf = f"{page.median('performance'):.0f} ({page.median('performance', 'plain'):.0f})"
        tbt = f"{page.median('tbt_ms'):.0f} ({page.median('tbt_ms', 'plain'):.0f})"
        lines.append(
            f"    {name:<24} {perf:>12} {tbt:>15} {page.tbt_ratio:>8.2f} {page.median('accessibility'):>5.0f} "
            f"{page.median('best_practices'):>4.0f}  {page.median('style_layout_ms') or 0:>8.0f} ms  {tasks}   "
            + ("met" if not misses else "NOT MET: " + "; ".join(misses))
        )
        lines.append(f"    {'':<24} each run's TBT ratio: {', '.join(f'{r:.2f}' for r in page.run_ratios())}")
    met = sum(1 for page in pages if not page.misses())
    lines.append(f"    budgets met on {met} of {len(pages)} pages" + ("" if met == len(pages) else ": NOT MET"))
    return lines
