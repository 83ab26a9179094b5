"""`python -m benchmarks`: how fast the handbook's checkers answer, against stock Pyodide.

Builds the site, serves it on 127.0.0.1 (with a bare page that boots stock Pyodide from the same
npm package beside it), drives headless Chromium, and prints median/min/max over several runs:

(a) navigation start -> first checker answer shown on the guided page (paged/), cold; stock
    Pyodide's `1+1` likewise; ratio
(b) the same for a returning reader (same profile, second visit), against stock's second visit
(c) click on another checker page (instant navigation) -> its answer shown
(d) the longest stretch of one main-thread task held by the site's own scripts, by the theme's
    and by the page itself (parse, style, layout, paint), on a cold visit to the guided
    page at Lighthouse's 4x CPU slowdown (a Chromium trace with V8's CPU profile: benchmarks/tasks.py)
(e) answer changed -> outcome shown (median of 20 changes per run, qualifying page)
(f) `mkdocs build` wall time
(g) bytes on the wire on a first visit to the guided page: the site's own assets, and Pyodide's
(h) (a) with the network throttled to 20 Mbit/s and 40 ms round trip, files served compressed
(i) Lighthouse (mobile defaults) on every page of the sitemap, each run paired with one of a plain
    Material page of the seed's whole text built in the same run (benchmarks/plain.py):
    performance, total blocking time and its ratio to the plain page's, accessibility, best
    practices, medians of the pairs; with (k), alone, with `python -m benchmarks lighthouse`
(j) `python -m checkers review` on a page the size of the handbook page as published in December
    2025, reworded throughout (benchmarks/review.py); alone with `python -m benchmarks review`
(k) the guided page's longest main-thread task at 4x CPU (style and layout included) and the
    elements restyled on load (a trace's count, whatever the machine's speed), each beside the
    plain page's in the same run

`python -m benchmarks profile [--pages paged/,licence/]` prints, for a cold visit at 4x CPU, each
long task's shares (site, theme, page) and which of the site's functions cost what.

`python -m benchmarks timeline [--runs 3]` prints when each phase of Python's start ended on the
guided page (the worker's `python:*` User Timing marks), cold, returning and throttled, as (a),
(b) and (h) measure it: where their time goes.

Not a test: figures depend on the machine and on what else it is doing. Ratios against stock
Pyodide, measured in the same run on the same server, are what to compare across machines.
"""
