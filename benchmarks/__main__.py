"""python -m benchmarks [lighthouse|profile|timeline|review] [--runs 5] [--only abcdefghijk] [--pages paged/,...]
[--json FILE] (see benchmarks/__init__.py)"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import browser as measure  # noqa: E402
from benchmarks import lighthouse, tasks  # noqa: E402
from benchmarks import review as review_timing  # noqa: E402
from benchmarks.plain import build_plain_site  # noqa: E402
from benchmarks.stock import add_stock_page  # noqa: E402
from site_build.serve import serve_in_thread  # noqa: E402

SITE = ROOT / ".cache" / "benchmarks" / "site"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium() -> str:
    for candidate in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if candidate and (found := shutil.which(candidate)):
            return found
    sys.exit("No Chromium found: install Debian's chromium or set CHROMIUM=/path/to/chrome")


def build() -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(SITE)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"mkdocs build failed:\n{done.stdout}\n{done.stderr}")
    return elapsed


def spread(values, unit: str = "ms", digits: int = 0) -> str:
    fmt = f"{{:.{digits}f}}"
    return (
        f"median {fmt.format(statistics.median(values))} {unit} "
        f"(min {fmt.format(min(values))}, max {fmt.format(max(values))}, n={len(values)})"
    )


def ratio_line(site: list[float], stock: list[float]) -> str:
    pairs = [a / b for a, b in zip(site, stock, strict=True)]  # runs alternate: one of each per run
    return (
        f"ratio median {statistics.median(site) / statistics.median(stock):.2f} "
        f"(per run: min {min(pairs):.2f}, max {max(pairs):.2f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "what",
        nargs="?",
        choices=["all", "lighthouse", "profile", "timeline", "review"],
        default="all",
        help="'lighthouse' runs (i) alone (the slow one: about 20 s a page); 'profile' prints which "
        "of the site's functions cost what on the --pages (default paged/), cold at 4x CPU slowdown; "
        "'timeline' prints when each phase of Python's start ends on the guided page, cold, "
        "returning and throttled, as (a), (b) and (h) measure it; 'review' runs (j) alone (no site, no browser)",
    )
    parser.add_argument(
        "--runs",
        type=int,
        help="runs per figure (default 5, at least 5 for benchmarks/RESULTS.md; 3 paired runs for 'lighthouse')",
    )
    parser.add_argument("--only", default="abcdefghijk", help="which figures, e.g. ah")
    parser.add_argument(
        "--pages",
        help="(i) on these pages only, comma-separated paths such as paged/,licence/ "
        "(default: every page of the sitemap; '' is the home page)",
    )
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    args = parser.parse_args()
    only = set({"lighthouse": "ik", "review": "j"}.get(args.what, args.only))
    runs = args.runs or (PAIRED_RUNS if args.what == "lighthouse" else 5)
    if args.what == "profile":
        build()
        profile_pages([p.strip() for p in (args.pages or measure.GUIDED_PAGE).split(",")])
        return
    if args.what == "timeline":
        build()
        timeline(runs)
        return
    figures: dict[str, object] = {}
    if "j" in only:
        print(f"Reviewing a {len(review_timing.large_page()):,}-character page ({runs} times)…", flush=True)
        figures["j"] = review_timing.review_seconds(review_timing.large_page(), runs)
    if not only - {"j"}:
        report(figures)
        return

    print(f"Building the site ({runs if 'f' in only else 1} times)…", flush=True)
    builds = [build() for _ in range(runs if "f" in only else 1)]
    if "f" in only:
        figures["f"] = builds
    stock_path = add_stock_page(SITE)
    server, root = serve_in_thread(SITE)
    stock_url = root + stock_path
    if only & set("ik"):
        print("Building the plain Material site (the seed's whole text)…", flush=True)
        plain_server, plain_root = serve_in_thread(build_plain_site())

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        if only & set("abceg"):
            site, stock = [], []
            for run in range(runs):  # alternate, so both see the same load on a shared machine
                print(f"  visits, run {run + 1}/{runs}", flush=True)
                site.append(measure.site_visits(browser, root))
                stock.append(measure.stock_visits(browser, stock_url))
            figures["a"] = {"site": [s["cold"] for s in site], "stock": [s["cold"] for s in stock]}
            figures["b"] = {"site": [s["warm"] for s in site], "stock": [s["warm"] for s in stock]}
            figures["c"] = [s["navigation"] for s in site]
            figures["c_after_swap"] = [s["after_swap"] for s in site]
            figures["e"] = [statistics.median(s["changes"]) for s in site]
            figures["g"] = {
                "site": [s["transfer"].site for s in site],
                "pyodide": [s["transfer"].pyodide for s in site],
                "after_answer": [s["transfer"].after_answer for s in site],
                "requests": site[0]["transfer"].requests,
            }
        if "d" in only:
            print("  traced cold visits", flush=True)
            figures["d"] = [measure.longest_task(browser, root) for _ in range(runs)]
        if "k" in only:
            guided, plain = [], []
            for run in range(runs):
                print(
                    f"  traced cold visits at {measure.CPU_SLOWDOWN}x CPU, plain page and guided page, run {run + 1}",
                    flush=True,
                )
                plain.append(measure.load_trace_figures(browser, plain_root, ""))
                guided.append(measure.load_trace_figures(browser, root))
            figures["k"] = {"site": guided, "plain": plain}
        if "h" in only:
            site, stock = [], []
            for run in range(runs):
                print(f"  throttled visits, run {run + 1}/{runs}", flush=True)
                site.append(measure.throttled_site(browser, root))
                stock.append(measure.throttled_stock(browser, stock_url))
            figures["h"] = {"site": site, "stock": stock}
        browser.close()
    if "i" in only:
        # After the Playwright runs, alone on the machine's cores: Lighthouse's CPU slowdown is
        # calibrated against an otherwise idle browser.
        paths = lighthouse.sitemap_paths(SITE) if args.pages is None else [p.strip() for p in args.pages.split(",")]
        pages = lighthouse.run_paired(root, plain_root, paths, chromium(), runs)
        figures["i"] = [
            {"path": page.path, "site": [vars(s) for s in page.site], "plain": [vars(s) for s in page.plain]}
            for page in pages
        ]
    server.shutdown()
    if only & set("ik"):
        plain_server.shutdown()

    report(figures)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1))


def profile_pages(paths: list[str]) -> None:
    """Which of the site's own functions cost what, and the page's longest tasks, at 4x CPU."""
    from playwright.sync_api import sync_playwright

    server, root = serve_in_thread(SITE)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        for path in paths:
            visit = measure.traced_visit(browser, root, path)
            print(
                f"\n/{path}: first answer at {visit['answer']:.0f} ms ({measure.CPU_SLOWDOWN}x CPU); tasks over 50 ms:"
            )
            for task in sorted(visit["tasks"], key=lambda t: -t.ms)[:12]:
                if task.ms >= 50:
                    shares = ", ".join(f"{name} {ms:.0f}" for name, ms in task.shares.items())
                    print(
                        f"  {task.ms:7.0f} ms at {(task.start - visit['start']) / 1000:6.0f} ms  "
                        f"Lighthouse: {task.url.replace(root, '/')[:45]:<45} shares: {shares}"
                    )
            print("  the site's functions, inclusive (self) ms:")
            costs = tasks.function_costs(visit["profile"], visit["page_url"], visit["start"], visit["end"])
            for row in costs[:25]:
                print(
                    f"  {row['total_ms']:7.0f} ({row['self_ms']:5.0f})  {row['script']}:{row['line']} {row['function']}"
                )
        browser.close()
    server.shutdown()


def timeline(runs: int) -> None:
    """Medians over the runs of when each phase of Python's start (worker.mjs's `python:` marks)
    and the answer on the page came, in ms since navigation started."""
    from playwright.sync_api import sync_playwright

    server, root = serve_in_thread(SITE)
    visits = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        for run in range(runs):
            print(f"  timeline, run {run + 1}/{runs}", flush=True)
            visits.append(measure.timeline_visits(browser, root))
        browser.close()
    server.shutdown()
    kinds = list(visits[0])
    # In the order the marks were made, the visit with the most phases first (a returning reader's
    # has the snapshot's), the answer on the page last.
    phases = list(
        dict.fromkeys(
            phase for visit in visits for kind in sorted(kinds, key=lambda k: -len(visit[k])) for phase in visit[kind]
        )
    )

    def median(kind: str, phase: str) -> float | None:
        values = [visit[kind][phase] for visit in visits if phase in visit[kind]]
        return statistics.median(values) if values else None

    print(
        f"\nThe guided page ({measure.GUIDED_PAGE}): when each phase of Python's start ended, ms since "
        f"navigation started (medians of {runs} runs; throttled: 20 Mbit/s, 40 ms)"
    )
    print(f"    {'phase':<22}" + "".join(f"{kind:>12}" for kind in kinds))
    for phase in phases:
        cells = [median(kind, phase) for kind in kinds]
        print(f"    {phase:<22}" + "".join(f"{'-' if v is None else f'{v:.0f}':>12}" for v in cells))


BUDGETS = {  # (a), (b) and (h) are ratios to stock Pyodide, (k)'s restyled elements to the plain page's
    "a": 0.5,
    "b": 0.3,
    "c": 100,
    "d": 50,
    "e": 20,
    "f": 20,
    "h": 0.6,
    "j": 5,
    "k_task_ms": 200,
    "k_restyled_ratio": 2.0,
}
# Lighthouse and the traces beside the plain page: each figure the median of at least this many pairs.
PAIRED_RUNS = 3


def verdict(value: float, limit: float) -> str:
    return "met" if value <= limit else "NOT MET"


def ratio(site: list[float], stock: list[float]) -> float:
    return statistics.median(site) / statistics.median(stock)


def report(figures: dict) -> None:
    print()
    if set(figures) - {"j"}:
        print(
            "Figures (headless Chromium, 127.0.0.1; stock = a bare page booting stock Pyodide from the same npm "
            "package)."
        )
        print("The machine is shared: absolute times are noisy, compare the ratios (measured in the same run).")
    b = BUDGETS
    if "a" in figures:
        a = figures["a"]
        print(f"(a) guided page, first answer, cold: site  {spread(a['site'])}")
        print(f"                                     stock {spread(a['stock'])}  [1+1]")
        print(
            f"                                     {ratio_line(a['site'], a['stock'])}   budget <= {b['a']}: "
            f"{verdict(ratio(a['site'], a['stock']), b['a'])}"
        )
    if "b" in figures:
        w = figures["b"]
        print(f"(b) guided page, returning reader:   site  {spread(w['site'])}")
        print(f"                                     stock {spread(w['stock'])}  [1+1, its own second visit]")
        print(
            f"                                     {ratio_line(w['site'], w['stock'])}   budget <= {b['b']}: "
            f"{verdict(ratio(w['site'], w['stock']), b['b'])}"
        )
    if "c" in figures:
        c = statistics.median(figures["c"])
        print(
            f"(c) answer after instant nav.:       {spread(figures['c'])}   budget <= {b['c']} ms: {verdict(c, b['c'])}"
        )
        print(f"    of which after Material swapped the page in: {spread(figures['c_after_swap'])}")
    if "d" in figures:
        d = figures["d"]
        site = [run["site"] for run in d]
        print(
            f"(d) longest task at {measure.CPU_SLOWDOWN}x CPU slowdown, guided page, cold, until "
            f"{measure.AFTER_ANSWER_MS / 1000:.0f} s after the first answer:"
        )
        print(
            f"    the site's own scripts:          {spread(site)}   budget <= {b['d']} ms: "
            f"{verdict(statistics.median(site), b['d'])}"
        )
        print(f"    the theme's bundle (Material):   {spread([run['theme'] for run in d])}")
        print(f"    the page (parse, style, layout, paint, GC outside scripts): {spread([run['page'] for run in d])}")
        print(f"    first answer at this slowdown:   {spread([run['answer'] for run in d])}")
        print(
            f"    (shares of one task, from the CPU profile; Lighthouse blames the site's longest on "
            f"{sorted({run['culprit'].get('site', '-') for run in d})})"
        )
    if "e" in figures:
        e = statistics.median(figures["e"])
        print(
            f"(e) answer change -> outcome:        {spread(figures['e'], digits=1)}   "
            f"budget <= {b['e']} ms: {verdict(e, b['e'])}"
        )
    if "f" in figures:
        f = statistics.median(figures["f"])
        print(
            f"(f) mkdocs build:                    {spread(figures['f'], 's', 1)}   "
            f"budget <= {b['f']} s: {verdict(f, b['f'])}"
        )
    if "g" in figures:
        g = figures["g"]
        print("(g) bytes on a first visit (guided), requests started before the first answer:")
        print(f"                                     site's own {spread([v / 1024 for v in g['site']], 'KiB')}")
        print(f"                                     Pyodide's  {spread([v / 1024 for v in g['pyodide']], 'KiB')}")
        print(
            f"    the page's requests started after it, done within a second: "
            f"{spread([v / 1024 for v in g['after_answer']], 'KiB')}"
        )
    if "h" in figures:
        h = figures["h"]
        print(f"(h) (a) at 20 Mbit/s, 40 ms RTT:     site  {spread(h['site'])}")
        print(f"                                     stock {spread(h['stock'])}  [1+1]")
        print(
            f"                                     {ratio_line(h['site'], h['stock'])}   budget <= {b['h']}: "
            f"{verdict(ratio(h['site'], h['stock']), b['h'])}"
        )
    if "j" in figures:
        j = statistics.median(figures["j"]["wall"])
        print(
            f"(j) python -m checkers review, {len(review_timing.large_page()):,} characters reworded: "
            f"{spread(figures['j']['wall'], 's', 2)}   budget <= {b['j']} s: {verdict(j, b['j'])}"
        )
        print(f"    CPU time it used:                {spread(figures['j']['cpu'], 's', 2)}")
    if "i" in figures:
        pages = [
            lighthouse.PairedPage(
                page["path"],
                [lighthouse.PageScore(**s) for s in page["site"]],
                [lighthouse.PageScore(**s) for s in page["plain"]],
            )
            for page in figures["i"]
        ]
        for line in lighthouse.report_lines(pages):
            print(line)
    if "k" in figures:
        k = figures["k"]
        site_task, plain_task = [r["longest_ms"] for r in k["site"]], [r["longest_ms"] for r in k["plain"]]
        site_restyled, plain_restyled = [r["restyled"] for r in k["site"]], [r["restyled"] for r in k["plain"]]
        # Each run visits the plain page, then the guided one: the lists pair up.
        per_run = [a / max(b, 1) for a, b in zip(site_restyled, plain_restyled, strict=True)]
        restyled_ratio = statistics.median(per_run)
        print(
            f"(k) guided page, cold, {measure.CPU_SLOWDOWN}x CPU, "
            f"until {measure.AFTER_ANSWER_MS / 1000:.0f} s after the first answer "
            f"(the plain page: after its load event), {len(site_task)} paired traced visits:"
        )
        print(
            f"    longest task (style and layout included): {spread(site_task)}   budget <= {b['k_task_ms']} ms: "
            f"{verdict(statistics.median(site_task), b['k_task_ms'])}"
        )
        print(
            f"      at {spread([r['longest_at_ms'] for r in k['site']])} after navigation; plain page's longest "
            f"{spread(plain_task)}"
        )
        print(
            f"    elements restyled on load: {spread(site_restyled, 'elements')}; plain page "
            f"{spread(plain_restyled, 'elements')}"
        )
        print(
            f"      ratio median {restyled_ratio:.2f} (per run {', '.join(f'{ratio:.2f}' for ratio in per_run)})"
            f"   budget <= {b['k_restyled_ratio']}x: {verdict(restyled_ratio, b['k_restyled_ratio'])}"
        )


if __name__ == "__main__":
    main()
